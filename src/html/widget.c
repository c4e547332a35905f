/*
 * html/widget.c - what a page shows that is not a form control but costs the
 * customer work: captcha widgets and step indicators.
 *
 * Captchas: reCAPTCHA (div.g-recaptcha, google.com/recaptcha iframes),
 * hCaptcha (div.h-captcha, hcaptcha.com iframes), Cloudflare Turnstile
 * (div.cf-turnstile, challenges.cloudflare.com iframes) and image captchas
 * (an <img> with "captcha" in src, alt, id or class, kept only when a text
 * input is the control just before or after it). A widget marks its subtree
 * (HF_CAPTCHA), so the iframe a script rendered inside the div is not
 * counted twice; hidden and invisible widgets (data-size=invisible,
 * data-appearance=interaction-only) ask nothing of the customer and are left
 * out, and so are reCAPTCHA's and hCaptcha's challenge pop-up frames.
 *
 * Steps: "Step 2 of 4" in the visible text or the title (seven languages),
 * else a step list (an ol/ul whose class or id says step, wizard or progress,
 * with an item marked aria-current or current/active), else a progress bar
 * whose maximum is a small whole number (<progress>, role=progressbar; a
 * percentage bar says nothing about steps).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hurdle/common.h>

#include "internal.h"

#define MAX_STEPS     50 /* more than this is not a flow's step count */
#define MAX_BAR_STEPS 20 /* a progress bar's maximum read as steps */

enum { RANK_NONE, RANK_BAR, RANK_LIST };

/* The attributes this file reads, from one pass over the element's list. */
typedef struct wattrs {
    const char *klass;
    const char *id;
    const char *src;
    const char *alt;
    const char *role;
    const char *sitekey;    /* data-sitekey */
    const char *size;       /* data-size */
    const char *appearance; /* data-appearance */
    const char *value;
    const char *max;
    const char *now; /* aria-valuenow, -max, -min, -text */
    const char *vmax;
    const char *vmin;
    const char *vtext;
} wattrs;

static void read_wattrs(wattrs *a, const xmlNode *node)
{
    memset(a, 0, sizeof(*a));
    for (const xmlAttr *p = node->properties; p; p = p->next) {
        const char *n = (const char *)p->name;
        const char *v =
            p->children && p->children->content ? (const char *)p->children->content : "";
        if (strcmp(n, "class") == 0) {
            a->klass = v;
        } else if (strcmp(n, "id") == 0) {
            a->id = v;
        } else if (strcmp(n, "src") == 0) {
            a->src = v;
        } else if (strcmp(n, "alt") == 0) {
            a->alt = v;
        } else if (strcmp(n, "role") == 0) {
            a->role = v;
        } else if (strcmp(n, "value") == 0) {
            a->value = v;
        } else if (strcmp(n, "max") == 0) {
            a->max = v;
        } else if (strncmp(n, "data-", 5) == 0) {
            a->sitekey = strcmp(n + 5, "sitekey") == 0 ? v : a->sitekey;
            a->size = strcmp(n + 5, "size") == 0 ? v : a->size;
            a->appearance = strcmp(n + 5, "appearance") == 0 ? v : a->appearance;
        } else if (strncmp(n, "aria-value", 10) == 0) {
            a->now = strcmp(n + 10, "now") == 0 ? v : a->now;
            a->vmax = strcmp(n + 10, "max") == 0 ? v : a->vmax;
            a->vmin = strcmp(n + 10, "min") == 0 ? v : a->vmin;
            a->vtext = strcmp(n + 10, "text") == 0 ? v : a->vtext;
        }
    }
}

/* Whether the class list `klass` has the token `tok` (ASCII case-insensitive). */
static bool has_token(const char *klass, const char *tok)
{
    size_t n = strlen(tok);
    const char *p = klass;

    while (p && *p) {
        size_t k;
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') {
            p++;
        }
        k = strcspn(p, " \t\n\r\f");
        if (k == n && strncasecmp(p, tok, n) == 0) {
            return true;
        }
        p += k;
    }
    return false;
}

static bool contains(const char *s, const char *needle)
{
    return s && hd_ci_contains(s, needle);
}

/* The captcha kind of a widget container, or NULL. */
static const char *container_kind(const wattrs *a)
{
    if (has_token(a->klass, "g-recaptcha")) {
        return "recaptcha";
    }
    if (has_token(a->klass, "h-captcha")) {
        return "hcaptcha";
    }
    if (has_token(a->klass, "cf-turnstile")) {
        return "turnstile";
    }
    if (!a->sitekey) {
        return NULL;
    }
    if (contains(a->klass, "recaptcha") || contains(a->id, "recaptcha")) {
        return "recaptcha";
    }
    if (contains(a->klass, "hcaptcha") || contains(a->id, "hcaptcha")) {
        return "hcaptcha";
    }
    if (contains(a->klass, "turnstile") || contains(a->id, "turnstile")) {
        return "turnstile";
    }
    return NULL;
}

/* The captcha kind of an iframe's src, or NULL (challenge pop-ups left out). */
static const char *frame_kind(const char *src)
{
    if (!src) {
        return NULL;
    }
    if ((contains(src, "google.com/recaptcha") || contains(src, "recaptcha.net/recaptcha")) &&
        !contains(src, "bframe")) {
        return "recaptcha";
    }
    if (contains(src, "hcaptcha.com") && !contains(src, "frame=challenge")) {
        return "hcaptcha";
    }
    if (contains(src, "challenges.cloudflare.com")) {
        return "turnstile";
    }
    return NULL;
}

static int add_captcha(hd_walk *w, hd_frame *f, const char *kind)
{
    hd_captcha *c;

    f->flags |= HF_CAPTCHA;
    if (w->captchas.len >= HD_PAGE_MAX_CAPTCHAS) {
        return HURDLE_OK;
    }
    c = hd_vec_push(&w->captchas);
    if (!c) {
        return hd_oom(w->ctx);
    }
    c->kind = kind;
    c->path = hd_walk_path(w, f);
    c->form = f->form;
    c->ignore = f->ignore;
    /* an image waits for hd_widget_finish() to find its input: remember where it was */
    c->field = strcmp(kind, "image") == 0 ? (long)w->fields.len : -1;
    return HURDLE_OK;
}

static int captcha(hd_walk *w, hd_frame *f, const wattrs *a)
{
    const char *name = (const char *)f->node->name;
    const char *kind = NULL;

    if (f->flags & (HF_CAPTCHA | HF_HIDDEN)) {
        return HURDLE_OK;
    }
    if (strcmp(name, "iframe") == 0) {
        kind = frame_kind(a->src);
    } else if (strcmp(name, "img") == 0) {
        bool says = contains(a->src, "captcha") || contains(a->alt, "captcha") ||
                    contains(a->id, "captcha") || contains(a->klass, "captcha");
        kind = says ? "image" : NULL;
    } else {
        kind = container_kind(a);
        if (kind && ((a->size && strcasecmp(a->size, "invisible") == 0) ||
                     (a->appearance && strcasecmp(a->appearance, "interaction-only") == 0))) {
            kind = NULL;
        }
    }
    return kind ? add_captcha(w, f, kind) : HURDLE_OK;
}

/* A whole number from 0 to 1000, or -1. */
static long small_int(const char *s)
{
    char *end = NULL;
    long v;

    if (!s || !*s) {
        return -1;
    }
    errno = 0;
    v = strtol(s, &end, 10);
    while (end && (*end == ' ' || *end == '\t')) {
        end++;
    }
    return (errno || end == s || (end && *end) || v < 0 || v > 1000) ? -1 : v;
}

static void set_steps(hd_walk *w, int rank, long step, long steps)
{
    if (rank > w->step_rank && steps >= 2 && steps <= MAX_STEPS && step >= 1 && step <= steps) {
        w->step_rank = rank;
        w->step = (size_t)step;
        w->steps = (size_t)steps;
    }
}

/* <progress value max> and role=progressbar; aria-valuetext may say "Step 2 of 4". */
static void progress_bar(hd_walk *w, const hd_frame *f, const wattrs *a)
{
    bool tag = strcmp((const char *)f->node->name, "progress") == 0;
    long lo = 0;
    long now;
    long max;
    size_t s = 0;
    size_t n = 0;

    if (!tag && !(a->role && strcasecmp(a->role, "progressbar") == 0)) {
        return;
    }
    if (a->vtext && hd_widget_steps_text(a->vtext, strlen(a->vtext), &s, &n)) {
        set_steps(w, RANK_BAR, (long)s, (long)n);
        return;
    }
    now = small_int(tag ? a->value : a->now);
    max = small_int(tag ? a->max : a->vmax);
    if (!tag && a->vmin) {
        lo = small_int(a->vmin);
    }
    if (lo < 0 || lo > 1 || max > MAX_BAR_STEPS) {
        return;
    }
    /* a bar from 1 to 4 has 4 steps; one from 0 to 4 too, with 0 before the first */
    set_steps(w, RANK_BAR, now, max);
}

static bool is_current(const xmlNode *n)
{
    const char *cur = hd_attr(n, "aria-current");
    const char *k = hd_attr(n, "class");
    static const char *const toks[] = {
        "current",      "active",      "is-current",   "is-active",
        "step-current", "step-active", "current-step", "active-step"
    };

    if (cur && *cur && strcasecmp(cur, "false") != 0) {
        return true;
    }
    for (size_t i = 0; k && i < sizeof(toks) / sizeof(toks[0]); i++) {
        if (has_token(k, toks[i])) {
            return true;
        }
    }
    /* BEM modifiers: "wizard__step--active" */
    return k && (strstr(k, "--active") || strstr(k, "--current"));
}

/* An item or one of its child elements (a link, a span) is marked current. */
static bool item_current(const xmlNode *li)
{
    if (is_current(li)) {
        return true;
    }
    for (const xmlNode *c = li->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && c->properties && is_current(c)) {
            return true;
        }
    }
    return false;
}

static void step_list(hd_walk *w, const hd_frame *f, const wattrs *a)
{
    const char *name = (const char *)f->node->name;
    static const char *const words[] = { "step", "wizard", "progress" };
    bool says = false;
    long n = 0;
    long cur = 0;

    if (strcmp(name, "ol") != 0 && strcmp(name, "ul") != 0) {
        return;
    }
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        says = says || contains(a->klass, words[i]) || contains(a->id, words[i]);
    }
    for (const xmlNode *c = says ? f->node->children : NULL; c && n <= MAX_STEPS; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "li") != 0) {
            continue;
        }
        n++;
        if (!cur && item_current(c)) {
            cur = n;
        }
    }
    set_steps(w, RANK_LIST, cur, n);
}

int hd_widget_open(hd_walk *w, hd_frame *f)
{
    wattrs a;

    read_wattrs(&a, f->node);
    if (!(f->flags & HF_HIDDEN)) {
        progress_bar(w, f, &a);
        step_list(w, f, &a);
    }
    return captcha(w, f, &a);
}

/* ---- "Step 2 of 4" ---- */

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whether s[0..n) is a word for "step" (any case; É/é of "étape" in UTF-8). */
static bool step_word(const char *s, size_t n)
{
    static const char *const words[] = { "step",  "schritt", "etape", "paso", "passo",
                                         "etapa", "stap",    "fase",  "stufe" };

    if (n == 6 && (memcmp(s, "\xc3\x89", 2) == 0 || memcmp(s, "\xc3\xa9", 2) == 0)) {
        return strncasecmp(s + 2, "tape", 4) == 0;
    }
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0) {
            return true;
        }
    }
    return false;
}

/* Reads digits at s[*i]; -1 when none or too many. */
static long read_num(const char *s, size_t len, size_t *i)
{
    long v = 0;
    size_t start = *i;

    while (*i < len && is_digit(s[*i]) && *i - start < 3) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
    }
    return *i == start || (*i < len && is_digit(s[*i])) ? -1 : v;
}

/* After the first number: " of 4", " von 4", " sur 4", " de 4", " di 4", " van 4", "/4". */
static long read_total(const char *s, size_t len, size_t i)
{
    static const char *const joins[] = { "of", "von", "sur", "de", "di", "van", "aus" };
    bool joined = false;

    while (i < len && s[i] == ' ') {
        i++;
    }
    if (i < len && s[i] == '/') {
        joined = true;
        i++;
    }
    for (size_t k = 0; !joined && k < sizeof(joins) / sizeof(joins[0]); k++) {
        size_t n = strlen(joins[k]);
        if (i + n < len && strncasecmp(s + i, joins[k], n) == 0 && s[i + n] == ' ') {
            joined = true;
            i += n;
        }
    }
    while (joined && i < len && s[i] == ' ') {
        i++;
    }
    if (!joined || (i < len && !is_digit(s[i]))) {
        return -1;
    }
    return read_num(s, len, &i);
}

bool hd_widget_steps_text(const char *s, size_t len, size_t *step, size_t *steps)
{
    for (size_t i = 0; i < len; i++) {
        size_t j = i;
        size_t k;
        size_t pos = i;
        long a;
        long b;
        if (!is_digit(s[i]) ||
            (i > 0 && (is_digit(s[i - 1]) || is_letter((unsigned char)s[i - 1])))) {
            continue;
        }
        while (j > 0 && s[j - 1] == ' ' && i - j < 3) {
            j--;
        }
        k = j;
        while (k > 0 && is_letter((unsigned char)s[k - 1]) && j - k <= 8) {
            k--;
        }
        if (k == j || (k > 0 && is_letter((unsigned char)s[k - 1])) || !step_word(s + k, j - k)) {
            continue;
        }
        a = read_num(s, len, &pos);
        b = a > 0 ? read_total(s, len, pos) : -1;
        if (b >= 2 && b <= MAX_STEPS && a <= b) {
            *step = (size_t)a;
            *steps = (size_t)b;
            return true;
        }
    }
    return false;
}

/* An image captcha is kept when the control just before or after it is a text input. */
static long image_input(const hd_walk *w, const hd_captcha *c)
{
    const hd_field *fields = w->fields.ptr;
    size_t at = (size_t)c->field;
    size_t cand[2] = { at, at - 1 };

    for (size_t i = 0; i < 2; i++) {
        const hd_field *fl;
        if (cand[i] >= w->fields.len) {
            continue;
        }
        fl = &fields[cand[i]];
        if (fl->visible && fl->form == c->form && fl->tag[0] == 'i' &&
            (strcmp(fl->type, "text") == 0 || strcmp(fl->type, "number") == 0 ||
             strcmp(fl->type, "tel") == 0)) {
            return (long)cand[i];
        }
    }
    return -1;
}

static int copy_captchas(hd_walk *w)
{
    hd_page *page = w->page;
    hd_captcha *all = w->captchas.ptr;
    size_t n = 0;

    if (!w->captchas.len) {
        return HURDLE_OK;
    }
    page->captchas = hd_arena_array(&page->arena, w->captchas.len, sizeof(hd_captcha));
    if (!page->captchas) {
        return hd_oom(w->ctx);
    }
    for (size_t i = 0; i < w->captchas.len; i++) {
        hd_captcha c = all[i];
        if (strcmp(c.kind, "image") == 0) {
            c.field = image_input(w, &c);
            if (c.field < 0) {
                continue;
            }
            /* the input beside a captcha image takes its answer, whatever its label says */
            if (strcmp(page->fields[c.field].purpose, "unknown") == 0) {
                page->fields[c.field].purpose = "captcha";
            }
        }
        page->captchas[n++] = c;
    }
    page->ncaptchas = n;
    return HURDLE_OK;
}

int hd_widget_finish(hd_walk *w)
{
    hd_page *page = w->page;
    const hd_buf *text = &w->scopes[HD_SCOPE_TEXT].text;
    const hd_buf *title = &w->scopes[HD_SCOPE_TITLE].text;
    size_t s = 0;
    size_t n = 0;

    if (hd_widget_steps_text(text->ptr, text->len, &s, &n) ||
        hd_widget_steps_text(title->ptr, title->len, &s, &n)) {
        page->step = s;
        page->steps = n;
    } else {
        page->step = w->step;
        page->steps = w->steps;
    }
    return copy_captchas(w);
}
