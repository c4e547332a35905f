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

#include "../util/alloc.h"

static bool is(const char *s, const char *t)
{
    return s && strcmp(s, t) == 0;
}

bool hd_analyse_flow_form(const hd_form *form)
{
    return !is(form->kind, "search") && !is(form->kind, "newsletter") && !is(form->kind, "login") &&
           !is(form->kind, "contact");
}

/* Visible controls that take input, in the forms a customer fills in or outside any form. */
static size_t flow_inputs(const hd_page *p)
{
    size_t n = 0;

    for (size_t i = 0; i < p->nforms; i++) {
        n += hd_analyse_flow_form(&p->forms[i]) ? p->forms[i].nvisible : 0;
    }
    for (size_t i = 0; i < p->nfields; i++) {
        const hd_field *f = &p->fields[i];
        n += f->form < 0 && f->visible && !is(f->purpose, "submit") && !is(f->tag, "button") &&
             !is(f->type, "hidden") && !is(f->type, "search");
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

static bool followable(const char *url)
{
    return strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0 ||
           strncmp(url, "file://", 7) == 0;
}

/* The page's links and form actions as URLs with flags, in one block. */
static int list_exits(hd_page_record *out, hurdle_ctx *ctx, const hd_page *p)
{
    size_t n = 0;
    size_t bytes = 0;
    char *strings;

    for (size_t i = 0; i < p->nlinks; i++) {
        n += followable(p->links[i].href);
        bytes += followable(p->links[i].href) ? strlen(p->links[i].href) + 1 : 0;
    }
    for (size_t i = 0; i < p->nforms; i++) {
        n += p->forms[i].action[0] != '\0';
        bytes += strlen(p->forms[i].action) + 1;
    }
    out->block = hd_malloc(ctx, n * (sizeof(char *) + 1) + bytes + 1);
    if (!out->block) {
        return HURDLE_ENOMEM;
    }
    out->exit_urls = out->block;
    out->exit_flags = (uint8_t *)(out->exit_urls + n);
    strings = (char *)(out->exit_flags + n);
    for (size_t i = 0; i < p->nlinks + p->nforms; i++) {
        bool link = i < p->nlinks;
        const char *u = link ? p->links[i].href : p->forms[i - p->nlinks].action;
        size_t len = strlen(u);
        if (link ? !followable(u) : !*u) {
            continue;
        }
        memcpy(strings, u, len + 1);
        out->exit_urls[out->nexits] = strings;
        out->exit_flags[out->nexits++] =
            link ? (in_template(p->links[i].path) ? HD_EXIT_NAV : 0)
                 : (uint8_t)(HD_EXIT_ACTION |
                             (hd_analyse_flow_form(&p->forms[i - p->nlinks]) ? HD_EXIT_FLOW : 0));
        strings += len + 1;
    }
    return HURDLE_OK;
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
    out->stub = !candidate(p, out->inputs, in->start);
    HD_LOG(ctx, HURDLE_LOG_INFO, "%s: %s page, %zu fields, %zu words", in->display, p->kind,
           p->nfields, p->stats.words);
    rc = out->stub ? HURDLE_OK : hd_rules_eval_page(&out->hits, ctx, rules, p);
    if (rc == HURDLE_OK) {
        rc = list_exits(out, ctx, p);
    }
    return rc == HURDLE_OK ? hd_page_compact(p, out->stub) : rc;
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
