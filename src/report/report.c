/*
 * report/report.c - the report's lifetime and the public getters.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "../util/hset.h"

int hd_report_new(hurdle_report **out, hurdle_ctx *caller, const hurdle_ruleset *rules)
{
    hurdle_report *r;
    hurdle_ctx *own = NULL;
    int rc;

    *out = NULL;
    rc = hurdle_ctx_new(&own, &caller->alloc);
    if (rc < 0) {
        return hd_oom(caller);
    }
    hurdle_ctx_set_log(own, caller->log_fn, caller->log_level, caller->log_payload);
    r = hd_calloc(own, 1, sizeof(*r));
    if (!r) {
        hurdle_ctx_free(own);
        return hd_oom(caller);
    }
    r->ctx = own;
    r->rules = rules;
    hd_strmap_init(&r->urls, own, HD_REPORT_MAX_URLS);
    *out = r;
    return HURDLE_OK;
}

void hd_page_record_dispose(hd_page_record *rec, hurdle_ctx *ctx)
{
    if (rec->page) {
        rec->page->arena.ctx = ctx;
        hd_page_dispose(rec->page);
        hd_free(ctx, rec->page);
    }
    hd_page_hits_free(rec->hits, ctx);
    hd_free(ctx, rec->block);
    hd_free(ctx, rec->self);
    memset(rec, 0, sizeof(*rec));
}

static int grow_pages(hurdle_report *r)
{
    size_t cap = r->pages_cap ? r->pages_cap * 2 : 16;
    hd_page **p;
    hd_page_info *info;

    p = hd_realloc(r->ctx, r->pages, cap * sizeof(*p));
    if (!p) {
        return HURDLE_ENOMEM;
    }
    r->pages = p;
    info = hd_realloc(r->ctx, r->info, cap * sizeof(*info));
    if (!info) {
        return HURDLE_ENOMEM;
    }
    r->info = info;
    r->pages_cap = cap;
    return HURDLE_OK;
}

/* The record's exits as hashes, in one block with their flags. */
static int hash_exits(hurdle_report *r, hd_page_info *info, const hd_page_record *rec)
{
    size_t n = rec->nexits;

    info->exits = n ? hd_malloc(r->ctx, n * (sizeof(uint64_t) + 1)) : NULL;
    if (n && !info->exits) {
        return HURDLE_ENOMEM;
    }
    info->flags = n ? (uint8_t *)(info->exits + n) : NULL;
    for (size_t i = 0; i < n; i++) {
        const char *u = rec->exit_urls[i];
        info->exits[i] = hd_hash64(u, strlen(u));
        info->flags[i] = rec->exit_flags[i];
    }
    info->nexits = (uint32_t)n;
    return HURDLE_OK;
}

int hd_report_add_page(hurdle_report *r, hd_page_record *rec)
{
    hd_page_info *info;
    const char *self = rec->self ? rec->self : rec->page->final_url;
    int rc = HURDLE_OK;

    if (r->npages == r->pages_cap) {
        rc = grow_pages(r);
    }
    info = rc == HURDLE_OK ? &r->info[r->npages] : NULL;
    if (info) {
        memset(info, 0, sizeof(*info));
        info->self = hd_hash64(self, strlen(self));
        info->alias = rec->alias ? hd_hash64(rec->alias, strlen(rec->alias)) : 0;
        rc = hash_exits(r, info, rec);
    }
    if (rc < 0) {
        hd_page_record_dispose(rec, r->ctx);
        return hd_oom(r->ctx);
    }
    info->hits = rec->hits;
    info->inputs = rec->inputs;
    info->order = rec->order;
    info->start = rec->start;
    info->named = rec->named;
    info->bare = rec->bare;
    rec->page->arena.ctx = r->ctx;
    r->pages[r->npages++] = rec->page;
    hd_free(r->ctx, rec->block);
    hd_free(r->ctx, rec->self);
    memset(rec, 0, sizeof(*rec));
    return HURDLE_OK;
}

int hd_report_set_site(hurdle_report *r, size_t order, const char *root, const char *name)
{
    hd_site *s;

    if (order >= r->nsites) {
        size_t n = order + 1;
        s = hd_realloc(r->ctx, r->sites, n * sizeof(*s));
        if (!s) {
            return hd_oom(r->ctx);
        }
        memset(s + r->nsites, 0, (n - r->nsites) * sizeof(*s));
        r->sites = s;
        r->nsites = n;
    }
    s = &r->sites[order];
    hd_free(r->ctx, s->root);
    hd_free(r->ctx, s->name);
    s->root = hd_strdup(r->ctx, root);
    s->name = hd_strdup(r->ctx, name);
    return s->root && s->name ? HURDLE_OK : hd_oom(r->ctx);
}

static int by_error(const void *a, const void *b)
{
    const hd_target_error *x = a;
    const hd_target_error *y = b;
    int c;

    if (x->order != y->order) {
        return x->order < y->order ? -1 : 1;
    }
    c = strcmp(x->target, y->target);
    return c ? c : strcmp(x->message, y->message);
}

void hd_report_sort_errors(hurdle_report *r)
{
    if (r->nerrors > 1) {
        qsort(r->errors, r->nerrors, sizeof(*r->errors), by_error);
    }
}

typedef struct sort_item {
    hd_page *page;
    hd_page_info info;
} sort_item;

static int by_order(const void *a, const void *b)
{
    const sort_item *x = a;
    const sort_item *y = b;
    int c;

    if (x->info.order != y->info.order) {
        return x->info.order < y->info.order ? -1 : 1;
    }
    c = strcmp(x->page->url, y->page->url);
    return c ? c : strcmp(x->page->final_url, y->page->final_url);
}

void hd_report_sort_pages(hurdle_report *r)
{
    sort_item *items = r->npages ? hd_malloc(r->ctx, r->npages * sizeof(*items)) : NULL;

    if (!items) {
        return; /* without memory the pages stay in the order they came */
    }
    for (size_t i = 0; i < r->npages; i++) {
        items[i].page = r->pages[i];
        items[i].info = r->info[i];
    }
    qsort(items, r->npages, sizeof(*items), by_order);
    for (size_t i = 0; i < r->npages; i++) {
        r->pages[i] = items[i].page;
        r->info[i] = items[i].info;
    }
    hd_free(r->ctx, items);
}

const char *hd_skip_name(hd_skip why)
{
    static const char *const names[HD_SKIP_COUNT] = { "",      "robots", "scope", "excluded",
                                                      "depth", "trap",   "limit", "not_html" };

    return (unsigned)why < HD_SKIP_COUNT ? names[why] : "";
}

int hd_report_add_error(hurdle_report *r, const char *target, int code, const char *msg)
{
    return hd_report_add_error_at(r, 0, target, code, msg);
}

int hd_report_add_error_at(
    hurdle_report *r, size_t order, const char *target, int code, const char *msg)
{
    hd_target_error *e;

    if (r->nerrors == r->errors_cap) {
        size_t cap = r->errors_cap ? r->errors_cap * 2 : 8;
        hd_target_error *p = hd_realloc(r->ctx, r->errors, cap * sizeof(*p));
        if (!p) {
            return HURDLE_ENOMEM;
        }
        r->errors = p;
        r->errors_cap = cap;
    }
    e = &r->errors[r->nerrors];
    e->target = hd_strdup(r->ctx, target);
    e->message = hd_strdup(r->ctx, msg);
    e->code = hurdle_status_name(code);
    e->order = order;
    if (!e->target || !e->message) {
        hd_free(r->ctx, e->target);
        hd_free(r->ctx, e->message);
        return HURDLE_ENOMEM;
    }
    r->nerrors++;
    return HURDLE_OK;
}

const hd_page *hd_offering_page(const hurdle_report *report, const hd_offering *off, size_t i)
{
    return report->pages[off->pages[i]];
}

void hd_offering_text(hd_text_stats *out, const hurdle_report *r, const hd_offering *off)
{
    double words = 0;
    size_t i;

    memset(out, 0, sizeof(*out));
    for (i = 0; i < off->npages; i++) {
        const hd_text_stats *s = &hd_offering_page(r, off, i)->stats;
        double k = (double)s->words;
        out->words += s->words;
        out->sentences += s->sentences;
        out->syllables += s->syllables;
        out->letters += s->letters;
        out->complex_words += s->complex_words;
        out->long_sentences += s->long_sentences;
        out->fine_print_words += s->fine_print_words;
        out->flesch_ease += k * s->flesch_ease;
        out->fk_grade += k * s->fk_grade;
        out->fog += k * s->fog;
        out->smog += k * s->smog;
        out->coleman_liau += k * s->coleman_liau;
        out->ari += k * s->ari;
        words += k;
    }
    if (words > 0) {
        out->flesch_ease /= words;
        out->fk_grade /= words;
        out->fog /= words;
        out->smog /= words;
        out->coleman_liau /= words;
        out->ari /= words;
    }
}

bool hd_offering_english(const hurdle_report *r, const hd_offering *off)
{
    size_t i;

    for (i = 0; i < off->npages; i++) {
        const char *lang = hd_offering_page(r, off, i)->language;
        if (lang && *lang && strcmp(lang, "en") != 0) {
            return false;
        }
    }
    return true;
}

void hurdle_report_free(hurdle_report *r)
{
    hurdle_ctx *ctx;
    size_t i;

    if (!r) {
        return;
    }
    ctx = r->ctx;
    for (i = 0; i < r->nofferings; i++) {
        hd_offering *o = &r->offerings[i];
        hd_free(ctx, o->name);
        hd_free(ctx, o->id);
        hd_free(ctx, o->site);
        hd_free(ctx, o->pages);
        hd_eval_result_dispose(&o->eval);
        hd_scores_dispose(&o->scores, ctx);
    }
    for (i = 0; i < r->npages; i++) {
        hd_page_dispose(r->pages[i]);
        hd_free(ctx, r->pages[i]);
        hd_page_hits_free(r->info[i].hits, ctx);
        hd_free(ctx, r->info[i].exits);
    }
    hd_strmap_dispose(&r->urls);
    hd_free(ctx, r->info);
    for (i = 0; i < r->crawl.nhosts; i++) {
        hd_free(ctx, r->crawl.hosts[i].host);
    }
    for (i = 0; i < r->crawl.nsitemaps; i++) {
        hd_free(ctx, r->crawl.sitemaps[i].url);
        hd_free(ctx, r->crawl.sitemaps[i].error);
    }
    hd_free(ctx, r->crawl.hosts);
    hd_free(ctx, r->crawl.sitemaps);
    hd_free(ctx, r->crawl.stopped);
    hd_free(ctx, r->why);
    for (i = 0; i < r->nsites; i++) {
        hd_free(ctx, r->sites[i].root);
        hd_free(ctx, r->sites[i].name);
    }
    hd_free(ctx, r->sites);
    for (i = 0; i < r->nerrors; i++) {
        hd_free(ctx, r->errors[i].target);
        hd_free(ctx, r->errors[i].message);
    }
    hd_free(ctx, r->offerings);
    hd_free(ctx, r->pages);
    hd_free(ctx, r->in_offering);
    hd_free(ctx, r->errors);
    hd_free(ctx, r);
    hurdle_ctx_free(ctx);
}

size_t hurdle_report_page_count(const hurdle_report *r)
{
    return r ? r->npages : 0;
}

const char *hurdle_report_why(const hurdle_report *r)
{
    return r ? r->why : NULL;
}

size_t hurdle_report_error_count(const hurdle_report *r)
{
    return r ? r->nerrors : 0;
}

size_t hurdle_report_offering_count(const hurdle_report *r)
{
    return r ? r->nofferings : 0;
}

double hurdle_report_max_friction(const hurdle_report *r)
{
    double max = 0;
    size_t i;

    for (i = 0; r && i < r->nofferings; i++) {
        if (r->offerings[i].scores.overall.score > max) {
            max = r->offerings[i].scores.overall.score;
        }
    }
    return max;
}

size_t hurdle_report_count_findings(const hurdle_report *r, hurdle_severity min)
{
    size_t n = 0;
    size_t i;
    size_t j;

    for (i = 0; r && i < r->nofferings; i++) {
        const hd_eval_result *ev = &r->offerings[i].eval;
        for (j = 0; j < ev->nfindings; j++) {
            hurdle_severity s = hd_rule_severity(ev->findings[j].rule);
            n += s != 0 && s >= min;
        }
    }
    return n;
}
