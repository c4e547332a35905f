/*
 * core/analyse.c - one page, bytes to record: parse and extract (html),
 * classify and run the page's rules (rules), list its ways out, and shrink
 * the page to its compact form (html/compact.c), so that the text and the
 * DOM are gone before the next page comes. Pure: the same bytes, URL, rules
 * and options give the same record on any thread.
 */
#include "analyse.h"

#include <stdio.h>
#include <string.h>

#include "../net/url.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/utf8.h"

#define PATH_MAX_GUESS 4096 /* bytes of a local path in a link */

static bool is(const char *s, const char *t)
{
    return s && strcmp(s, t) == 0;
}

bool hd_analyse_flow_form(const hd_form *form)
{
    return !is(form->kind, "search") && !is(form->kind, "newsletter") && !is(form->kind, "login") &&
           !is(form->kind, "contact");
}

/*
 * A visible control a customer types into or uploads with (text, e-mail, phone, password,
 * numbers, dates, files, text areas): what makes a form a step to fill in. Choices alone (a
 * quantity to pick, filters to tick) do not: every product page of a shop has them.
 */
static bool typed(const hd_field *f)
{
    static const char *const types[] = { "text",           "email", "tel",   "password",
                                         "number",         "date",  "month", "week",
                                         "datetime-local", "url",   "file",  "time" };

    if (!f->visible || is(f->purpose, "submit") || is(f->purpose, "search")) {
        return false;
    }
    if (is(f->tag, "textarea")) {
        return true;
    }
    for (size_t i = 0; is(f->tag, "input") && i < sizeof(types) / sizeof(types[0]); i++) {
        if (is(f->type, types[i])) {
            return true;
        }
    }
    return false;
}

/* Typed controls in the forms a customer fills in, or outside any form. */
static size_t flow_inputs(const hd_page *p)
{
    size_t n = 0;

    for (size_t i = 0; i < p->nfields; i++) {
        const hd_field *f = &p->fields[i];
        bool flow = f->form < 0 ||
                    ((size_t)f->form < p->nforms && hd_analyse_flow_form(&p->forms[f->form]));
        n += flow && typed(f);
    }
    return n;
}

/* A page an offering may take: a start page, a page of a kind of interest, or a form step. */
static bool candidate(const hd_page *p, size_t inputs, bool start)
{
    static const char *const kinds[] = { "rebate", "signup", "pricing", "terms", "checkout" };

    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (is(p->kind, kinds[i])) {
            return true;
        }
    }
    return start || inputs > 0;
}

/* A link inside <nav>, <header> or <footer> (its element path names one). */
static bool in_template(const char *path)
{
    static const char *const tags[] = { "nav", "header", "footer" };

    for (const char *p = path ? strchr(path, '/') : NULL; p; p = strchr(p + 1, '/')) {
        for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
            size_t n = strlen(tags[i]);
            if (strncmp(p + 1, tags[i], n) == 0 &&
                (p[1 + n] == '[' || p[1 + n] == '/' || p[1 + n] == '\0')) {
                return true;
            }
        }
    }
    return false;
}

/*
 * A local link as the file it names: escapes decoded, query dropped, a folder as its
 * index.html, and a root-relative link ("/deals/") under the saved site's root.
 */
static int file_exit(hd_buf *b, const char *u, const char *root)
{
    const char *path = u + strlen("file://");
    size_t n = strcspn(path, "?#");
    size_t start;

    hd_buf_puts(b, "file://");
    start = b->len;
    for (size_t i = 0; i < n; i++) {
        int hi = path[i] == '%' && i + 2 < n ? hd_hex_value(path[i + 1]) : -1;
        int lo = hi >= 0 ? hd_hex_value(path[i + 2]) : -1;
        if (lo >= 0 && hi * 16 + lo != 0) {
            hd_buf_putc(b, (char)(hi * 16 + lo));
            i += 2;
        } else {
            hd_buf_putc(b, path[i]);
        }
    }
    if (n && path[n - 1] == '/') {
        hd_buf_puts(b, "index.html");
    }
    if (root && hd_buf_err(b) == HURDLE_OK && strncmp(b->ptr, root, strlen(root)) != 0) {
        /* a root-relative link of a saved site: under its folder */
        size_t rl = strlen(root);
        size_t pl = b->len - start;
        hd_buf_grow(b, rl);
        if (hd_buf_err(b) == HURDLE_OK) {
            memmove(b->ptr + rl, b->ptr + start, pl + 1);
            memcpy(b->ptr, root, rl);
            b->len = rl + pl;
        }
    }
    return hd_buf_err(b);
}

/* The exit's canonical URL into `b`; false when it is not one a scan follows. */
static bool canonical_exit(hd_buf *b, hurdle_ctx *ctx, const char *u, const char *root)
{
    char *norm = NULL;

    hd_buf_clear(b);
    if (strncmp(u, "file://", 7) == 0) {
        return file_exit(b, u, root) == HURDLE_OK;
    }
    if (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0) {
        return false;
    }
    if (hd_url_normalize(&norm, ctx, u) < 0) {
        hd_clear_error(ctx);
        return false;
    }
    hd_buf_puts(b, norm);
    hd_free(ctx, norm);
    return hd_buf_err(b) == HURDLE_OK;
}

int hd_analyse_self(hd_buf *b, hurdle_ctx *ctx, const char *final_url)
{
    if (!canonical_exit(b, ctx, final_url, NULL)) {
        hd_buf_clear(b);
        hd_buf_puts(b, final_url);
    }
    return hd_buf_err(b);
}

typedef struct exits_in {
    const hurdle_ruleset *rules;
    const char *root;
    bool offer; /* the page is of an offer's kind (not bare, not "other") */
} exits_in;

static uint8_t exit_flags(const hd_page *p, size_t i)
{
    if (i < p->nlinks) {
        return in_template(p->links[i].path) ? HD_EXIT_NAV : 0;
    }
    return (uint8_t)(HD_EXIT_ACTION |
                     (hd_analyse_flow_form(&p->forms[i - p->nlinks]) ? HD_EXIT_FLOW : 0));
}

static float
exit_score(const exits_in *x, const hd_page *p, size_t i, uint8_t flags, const char *url)
{
    const char *text = i < p->nlinks ? p->links[i].text : p->forms[i - p->nlinks].submit;
    float s = (float)hd_rules_link_score(x->rules, text, url, NULL);

    if (x->offer && (flags & HD_EXIT_FLOW)) {
        s += HD_SCORE_ACTION;
    } else if (x->offer && !(flags & (HD_EXIT_NAV | HD_EXIT_ACTION))) {
        s += HD_SCORE_BODY_LINK;
    }
    return s;
}

/* Moves the collected exits into one block: URL pointers, scores, flags, strings. */
static int pack_exits(hd_page_record *out,
                      hurdle_ctx *ctx,
                      const hd_buf *urls,
                      const size_t *offs,
                      const uint8_t *flags,
                      const float *scores,
                      size_t n)
{
    char *strings;

    out->block = hd_malloc(ctx, n * (sizeof(char *) + sizeof(float) + 1) + urls->len + 1);
    if (!out->block) {
        return HURDLE_ENOMEM;
    }
    out->exit_urls = out->block;
    out->exit_scores = (float *)(void *)(out->exit_urls + n);
    out->exit_flags = (uint8_t *)(out->exit_scores + n);
    strings = (char *)(out->exit_flags + n);
    memcpy(strings, urls->ptr, urls->len + 1);
    for (size_t k = 0; k < n; k++) {
        out->exit_urls[k] = strings + offs[k];
        out->exit_flags[k] = flags[k];
        out->exit_scores[k] = scores[k];
    }
    out->nexits = n;
    return HURDLE_OK;
}

/* The page's links and form actions as canonical URLs with flags and scores. */
static int list_exits(hd_page_record *out, hurdle_ctx *ctx, hd_page *p, const exits_in *x)
{
    size_t total = p->nlinks + p->nforms;
    hd_buf urls = HD_BUF_INIT(ctx, (size_t)64 << 20);
    hd_buf one = HD_BUF_INIT(ctx, HD_URL_MAX + PATH_MAX_GUESS);
    size_t *offs = hd_calloc(ctx, total ? total : 1, sizeof(size_t));
    uint8_t *flags = hd_calloc(ctx, total ? total : 1, 1);
    float *scores = hd_calloc(ctx, total ? total : 1, sizeof(float));
    size_t n = 0;
    int rc = HURDLE_ENOMEM;

    for (size_t i = 0; offs && flags && scores && i < total; i++) {
        const char *u = i < p->nlinks ? p->links[i].href : p->forms[i - p->nlinks].action;
        if (!*u || !canonical_exit(&one, ctx, u, x->root)) {
            continue;
        }
        if (one.len + 1 > urls.max - urls.len) {
            hd_page_warn(p, "links cut at %zu of %zu (their URLs pass %zu bytes)", n, total,
                         urls.max);
            break;
        }
        offs[n] = urls.len;
        flags[n] = exit_flags(p, i);
        scores[n] = exit_score(x, p, i, flags[n], one.ptr);
        hd_buf_put(&urls, one.ptr, one.len + 1);
        n++;
    }
    if (offs && flags && scores && hd_buf_err(&urls) == HURDLE_OK) {
        rc = pack_exits(out, ctx, &urls, offs, flags, scores, n);
    }
    hd_buf_dispose(&urls);
    hd_buf_dispose(&one);
    hd_free(ctx, offs);
    hd_free(ctx, flags);
    hd_free(ctx, scores);
    return rc;
}

static void
set_limits(hd_page_limits *lim, const hurdle_scan_options *opts, const hurdle_ruleset *rules)
{
    hd_page_limits def = HD_PAGE_LIMITS_INIT;

    *lim = def;
    lim->max_bytes = opts->max_page_bytes;
    lim->max_fields = opts->max_fields;
    lim->max_depth = opts->max_depth;
    lim->purposes = hd_ruleset_purposes(rules);
}

/* A parse failure's message names the page as the report does. */
static int parse_failed(hurdle_ctx *ctx, const hd_analyse_in *in, int rc)
{
    char msg[HD_ERRMSG_MAX];
    size_t n = strlen(in->url);

    if (rc == HURDLE_ENOMEM || in->display == in->url ||
        strncmp(hurdle_ctx_error(ctx), in->url, n) != 0) {
        return rc;
    }
    snprintf(msg, sizeof(msg), "%s%s", in->display, hurdle_ctx_error(ctx) + n);
    hd_clear_error(ctx);
    return hd_fail(ctx, rc, "%s", msg);
}

static int
finish(hd_page_record *out, hurdle_ctx *ctx, const hurdle_ruleset *rules, const hd_analyse_in *in)
{
    hd_page *p = out->page;
    int rc;

    hd_rules_classify(rules, p);
    out->inputs = flow_inputs(p);
    out->bare = !candidate(p, out->inputs, in->start);
    HD_LOG(ctx, HURDLE_LOG_INFO, "%s: %s page, %zu fields, %zu words", in->display, p->kind,
           p->nfields, p->stats.words);
    rc = out->bare ? HURDLE_OK : hd_rules_eval_page(&out->hits, ctx, rules, p);
    if (rc == HURDLE_OK) {
        exits_in x = { rules, in->root, !out->bare && !is(p->kind, "other") };
        rc = list_exits(out, ctx, p, &x);
    }
    if (rc == HURDLE_OK) {
        hd_buf self = HD_BUF_INIT(ctx, HD_URL_MAX + PATH_MAX_GUESS);
        rc = hd_analyse_self(&self, ctx, p->final_url);
        out->self = rc == HURDLE_OK ? hd_strndup(ctx, self.ptr, self.len) : NULL;
        rc = out->self ? HURDLE_OK : HURDLE_ENOMEM;
        hd_buf_dispose(&self);
    }
    return rc == HURDLE_OK ? hd_page_compact(p, out->bare) : rc;
}

int hd_analyse(hd_page_record *out,
               hurdle_ctx *ctx,
               const hurdle_ruleset *rules,
               const hurdle_scan_options *opts,
               const hd_analyse_in *in)
{
    hd_page_limits lim;
    int rc;

    memset(out, 0, sizeof(*out));
    out->order = in->order;
    out->start = in->start;
    out->named = in->named;
    set_limits(&lim, opts, rules);
    out->page = hd_malloc(ctx, sizeof(hd_page));
    if (!out->page) {
        return hd_oom(ctx);
    }
    rc = hd_page_parse(out->page, ctx, in->url, in->bytes, in->len, in->content_type, &lim);
    if (rc < 0) {
        hd_free(ctx, out->page);
        out->page = NULL;
        return parse_failed(ctx, in, rc);
    }
    if (in->display != in->url) {
        out->page->url = hd_arena_strdup(&out->page->arena, in->display);
    }
    out->page->status = in->status;
    if (in->cut_at) {
        hd_page_warn(out->page, "page cut at %zu bytes (--max-page-bytes)", in->cut_at);
    }
    rc = out->page->url ? finish(out, ctx, rules, in) : HURDLE_ENOMEM;
    if (rc < 0) {
        hd_page_record_dispose(out, ctx);
        return rc == HURDLE_ENOMEM ? hd_oom(ctx) : rc;
    }
    return HURDLE_OK;
}
