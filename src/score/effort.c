/*
 * score/effort.c - how long filling an offering's forms takes a person, from
 * a keystroke-level model (Card, Moran and Newell 1980, 1983):
 *
 *   a text field   M + P + H + K x (typical length of its answer)
 *   a select       M + 2P + Hick(n)        (open it, pick one of n options)
 *   a radio group  M + P + Hick(n)         (one question, n options)
 *   a checkbox     M + P
 *   a date picker  M + 3P
 *   a file upload  M + P + 45 s            (find the file or photograph the receipt)
 *   a captcha      M + 10 s                (Bursztein et al. 2010: image captchas ~9.8 s),
 *                                          its answer field or, for reCAPTCHA, hCaptcha and
 *                                          Turnstile, the widget
 *   a form         its fields + M + P      (decide to submit, click)
 *   a page         3 s                     (load it and take it in)
 *
 * Hick(n) = 0.15 s x log2(n + 1), the Hick-Hyman law with Card, Moran and
 * Newell's 150 ms a bit. docs/scoring.md explains the model and its sources.
 * Offline steps and waits are in offline.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "score.h"

#define KLM_K           0.28 /* a keystroke, average non-secretarial typist (40 wpm) */
#define KLM_P           1.1  /* pointing with a mouse */
#define KLM_H           0.4  /* hand between mouse and keyboard */
#define KLM_M           1.35 /* mental preparation */
#define HICK_BIT        0.15 /* seconds a bit of choice, Hick-Hyman */
#define UPLOAD_SECONDS  45   /* hurdle's estimate: find the file or photograph the receipt */
#define CAPTCHA_SECONDS 10   /* Bursztein et al. 2010, image captchas */
#define PAGE_SECONDS    3    /* a page's load and first look */

typedef struct typical {
    const char *purpose;
    unsigned chars;
} typical;

/* Typical input lengths in characters, per purpose (docs/scoring.md). */
static const typical lengths[] = {
    { "email", 22 },           { "given-name", 6 },      { "family-name", 8 },
    { "additional-name", 1 },  { "name", 15 },           { "tel", 12 },
    { "street-address", 22 },  { "address-line1", 20 },  { "address-line2", 6 },
    { "address-level1", 8 },   { "address-level2", 10 }, { "postal-code", 5 },
    { "country", 10 },         { "bday", 10 },           { "bday-day", 2 },
    { "bday-month", 2 },       { "bday-year", 4 },       { "cc-name", 15 },
    { "cc-number", 19 },       { "cc-exp", 5 },          { "cc-exp-month", 2 },
    { "cc-exp-year", 4 },      { "cc-csc", 3 },          { "username", 10 },
    { "new-password", 12 },    { "current-password", 10 }, { "one-time-code", 6 },
    { "organization", 12 },    { "national-id", 11 },    { "serial-number", 14 },
    { "proof-of-purchase", 12 }, { "purchase-date", 10 }, { "store-name", 12 },
    { "url", 20 },             { "search", 12 },
};

static unsigned typical_chars(const hd_field *f)
{
    size_t i;

    for (i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
        if (strcmp(lengths[i].purpose, f->purpose) == 0) {
            return lengths[i].chars;
        }
    }
    return strcmp(f->tag, "textarea") == 0 ? 60 : 10;
}

static bool is_type(const hd_field *f, const char *type)
{
    return strcmp(f->type, type) == 0;
}

bool hd_effort_is_action(const hd_field *f)
{
    return strcmp(f->tag, "button") == 0 || is_type(f, "submit") || is_type(f, "button") ||
           is_type(f, "reset") || is_type(f, "image");
}

static double hick(size_t options)
{
    return HICK_BIT * log2((double)options + 1);
}

/* Seconds for one visible control that is not a radio. */
static double control_seconds(const hd_field *f)
{
    if (is_type(f, "file")) {
        return KLM_M + KLM_P + UPLOAD_SECONDS;
    }
    if (strcmp(f->purpose, "captcha") == 0) {
        return KLM_M + CAPTCHA_SECONDS;
    }
    if (strcmp(f->tag, "select") == 0) {
        return KLM_M + 2 * KLM_P + hick(f->options ? f->options : 1);
    }
    if (is_type(f, "checkbox")) {
        return KLM_M + KLM_P;
    }
    if (is_type(f, "date") || is_type(f, "datetime-local") || is_type(f, "month") ||
        is_type(f, "week") || is_type(f, "time") || is_type(f, "color") || is_type(f, "range")) {
        return KLM_M + 3 * KLM_P;
    }
    return KLM_M + KLM_P + KLM_H + KLM_K * typical_chars(f);
}

typedef struct radio {
    long form;
    const char *name;
    size_t index;
} radio;

static int by_group(const void *a, const void *b)
{
    const radio *x = a;
    const radio *y = b;
    int c;

    if (x->form != y->form) {
        return x->form < y->form ? -1 : 1;
    }
    c = strcmp(x->name, y->name);
    if (c) {
        return c;
    }
    return x->index < y->index ? -1 : (x->index > y->index);
}

/* Radio groups (same form, same non-empty name) are one question, costed on their first radio. */
static int radio_groups(double *out, hurdle_ctx *ctx, const hd_page *p)
{
    radio *r = NULL;
    size_t n = 0;
    size_t i;
    size_t j;

    for (i = 0; i < p->nfields; i++) {
        n += p->fields[i].visible && is_type(&p->fields[i], "radio");
    }
    if (n == 0) {
        return HURDLE_OK;
    }
    r = hd_calloc(ctx, n, sizeof(*r));
    if (!r) {
        return HURDLE_ENOMEM;
    }
    for (i = 0, j = 0; i < p->nfields; i++) {
        const hd_field *f = &p->fields[i];
        if (f->visible && is_type(f, "radio")) {
            r[j].form = f->form;
            r[j].name = *f->name ? f->name : NULL;
            r[j++].index = i;
        }
    }
    for (i = 0; i < n; i++) {
        r[i].name = r[i].name ? r[i].name : ""; /* sorted apart below */
    }
    qsort(r, n, sizeof(*r), by_group);
    for (i = 0; i < n; i = j) {
        for (j = i + 1; j < n && *r[i].name && r[j].form == r[i].form &&
                        strcmp(r[j].name, r[i].name) == 0;
             j++) {
        }
        out[r[i].index] = KLM_M + KLM_P + hick(j - i);
    }
    hd_free(ctx, r);
    return HURDLE_OK;
}

int hd_effort_fields(double *out, hurdle_ctx *ctx, const hd_page *p)
{
    size_t i;

    for (i = 0; i < p->nfields; i++) {
        const hd_field *f = &p->fields[i];
        out[i] = !f->visible || hd_effort_is_action(f) || is_type(f, "radio")
                     ? 0
                     : control_seconds(f);
    }
    return radio_groups(out, ctx, p);
}

/*
 * Captcha widgets of `form` (-1: outside any form) that have no answer field
 * of their own (reCAPTCHA, hCaptcha, Turnstile): an image captcha's answer
 * field is costed as a field already.
 */
static size_t widgets_of(const hd_page *p, long form)
{
    size_t n = 0;
    size_t i;

    for (i = 0; i < p->ncaptchas; i++) {
        n += p->captchas[i].form == form && p->captchas[i].field < 0;
    }
    return n;
}

/* Seconds of one page: its load, its controls, and a submit for each form used. */
static double page_seconds(hd_effort *e, const hd_page *p, const double *secs)
{
    double total = PAGE_SECONDS;
    size_t i;

    for (i = 0; i < p->nforms; i++) {
        total += hd_effort_form(p, (long)i, secs);
    }
    total += (double)widgets_of(p, -1) * (KLM_M + CAPTCHA_SECONDS);
    e->captchas += widgets_of(p, -1);
    for (i = 0; i < p->nforms; i++) {
        e->captchas += widgets_of(p, (long)i);
    }
    for (i = 0; i < p->nfields; i++) {
        const hd_field *f = &p->fields[i];
        if (f->form < 0) {
            total += secs[i]; /* controls outside a form: no submit counted */
        }
        if (secs[i] > 0) {
            e->fields++;
            e->uploads += is_type(f, "file");
            e->captchas += strcmp(f->purpose, "captcha") == 0;
        }
    }
    return total;
}

double hd_effort_form(const hd_page *p, long form, const double *secs)
{
    double total = (double)widgets_of(p, form) * (KLM_M + CAPTCHA_SECONDS);
    size_t i;

    for (i = 0; i < p->nfields; i++) {
        if (p->fields[i].form == form) {
            total += secs[i];
        }
    }
    return total > 0 ? total + KLM_M + KLM_P : 0;
}

int hd_effort_estimate(hd_effort *out, hurdle_ctx *ctx, const hd_page *const *pages,
                       size_t npages, const hd_eval_result *eval)
{
    size_t p;
    int rc = HURDLE_OK;

    memset(out, 0, sizeof(*out));
    out->offline = "";
    for (p = 0; p < npages && rc == HURDLE_OK; p++) {
        double *secs = hd_calloc(ctx, pages[p]->nfields ? pages[p]->nfields : 1, sizeof(*secs));
        if (!secs) {
            return HURDLE_ENOMEM;
        }
        rc = hd_effort_fields(secs, ctx, pages[p]);
        if (rc == HURDLE_OK) {
            out->seconds += page_seconds(out, pages[p], secs);
        }
        hd_free(ctx, secs);
    }
    hd_effort_offline(out, eval);
    return rc;
}
