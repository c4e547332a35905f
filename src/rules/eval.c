/*
 * rules/eval.c - hd_rules_eval(): runs the rule set over the pages of one
 * offering and gathers one finding per rule that hit, with its evidence.
 * Pattern and field rules run page by page (eval_page.c: each page's hits,
 * made once when the page is analysed); the offering merges its pages'
 * hits, folds their facts and runs the metric rules.
 *
 * Order makes it deterministic: rules in id order, pages in the order
 * given, scopes in hd_scope order, matches by offset. Pattern and field
 * rules run first (they feed the hits: metrics), metric rules last. Every
 * hit is counted whatever other rules match; evidence keeps the first
 * max_evidence. A regex that hits PCRE2's match or depth limit stops for
 * that text with a warning naming the rule and the page: a bad rule slows
 * a scan down, it never hangs it.
 */
#include "eval.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MATCH_MAX 200 /* bytes of matched text kept as evidence */
#define CONTEXT   60  /* bytes of context on each side */

size_t hd_ev_utf8_back(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80) {
        i--;
    }
    return i;
}

/* Copies s[a..b) into the result arena with newlines and tabs as spaces. */
static const char *copy_flat(hd_ev *ev, const char *s, size_t a, size_t b)
{
    char *c = hd_arena_strndup(ev->out, s + a, b - a);

    if (!c) {
        ev->err = ev->err ? ev->err : HURDLE_ENOMEM;
        return "";
    }
    for (char *p = c; *p; p++) {
        if (*p == '\n' || *p == '\t' || *p == '\r') {
            *p = ' ';
        }
    }
    return c;
}

/* Counts a hit of `rule`; its accumulator when it has room for evidence, else NULL. */
static hd_acc *acc_of(hd_ev *ev, const hd_rule *rule, bool count)
{
    hd_acc *a = &ev->acc[hd_rule_index(ev->rs, rule)];

    if (count) {
        a->count++;
        ev->hits[hd_rule_index(ev->rs, rule)]++;
    }
    if (a->nev >= ev->max_ev) {
        return NULL;
    }
    if (!a->ev) {
        a->ev = hd_arena_array(ev->out, ev->max_ev, sizeof(hd_evidence));
        if (!a->ev) {
            ev->err = ev->err ? ev->err : HURDLE_ENOMEM;
            return NULL;
        }
    }
    return a;
}

/* The context stays in the match's block: from the last '\n' in [from, start). */
static size_t block_start(const char *text, size_t from, size_t start)
{
    size_t i = start;

    while (i > from && text[i - 1] != '\n') {
        i--;
    }
    return i;
}

/* ... up to the first '\n' in [end, to). */
static size_t block_end(const char *text, size_t end, size_t to)
{
    const char *nl = memchr(text + end, '\n', to - end);

    return nl ? (size_t)(nl - text) : to;
}

/* The role names of hd_role, then of the scopes other than TEXT (by hd_scope). */
static const char *const role_names[HD_ROLE_COUNT] = { "body", "heading", "label",     "button",
                                                       "cell", "link",    "fine_print" };
static const char *const scope_roles[HD_SCOPE_COUNT] = { "body",       "heading", "label", "button",
                                                         "fine_print", "title",   "url" };

static const char *role_of(const hd_ev *ev, const hd_ev_loc *loc, const hd_span *span)
{
    size_t s = (size_t)(loc->text - ev->pages[loc->page]->scopes);

    if (s >= HD_SCOPE_COUNT) {
        return "";
    }
    if (s == HD_SCOPE_TEXT && span && (unsigned)span->role < HD_ROLE_COUNT) {
        return role_names[span->role];
    }
    return scope_roles[s];
}

/* true when stored evidence `e` (flattened) is the phrase s[0..n), ASCII case folded. */
static bool same_phrase(const char *e, const char *s, size_t n)
{
    size_t i = 0;

    for (; i < n && e[i]; i++) {
        unsigned char a = (unsigned char)e[i];
        unsigned char b = (unsigned char)s[i];
        b = b == '\n' || b == '\t' || b == '\r' ? ' ' : b;
        a = a >= 'A' && a <= 'Z' ? (unsigned char)(a + 32) : a;
        b = b >= 'A' && b <= 'Z' ? (unsigned char)(b + 32) : b;
        if (a != b) {
            return false;
        }
    }
    return i == n && !e[i];
}

/*
 * A pattern hit: counted; its evidence goes to the entry of the same phrase (case-folded),
 * else to a new entry while fewer than max_evidence phrases are kept.
 */
void hd_ev_hit(hd_ev *ev, const hd_rule *rule, const hd_ev_loc *loc)
{
    const hd_text *text = loc->text;
    size_t start = loc->start;
    size_t end = loc->end;
    const hd_span *span = hd_text_span_at(text, start);
    size_t ri = hd_rule_index(ev->rs, rule);
    hd_acc *a = &ev->acc[ri];
    hd_evidence *e;
    size_t mend = end - start > MATCH_MAX ? hd_ev_utf8_back(text->text, start + MATCH_MAX) : end;
    size_t cs = start > CONTEXT ? hd_ev_utf8_back(text->text, start - CONTEXT) : 0;
    size_t ce = text->len - end > CONTEXT ? hd_ev_utf8_back(text->text, end + CONTEXT) : text->len;

    if (span && hd_ignore_has(span->ignore, rule->id)) {
        return;
    }
    a->count++;
    ev->hits[ri]++;
    for (size_t i = 0; i < a->nev; i++) {
        if (same_phrase(a->ev[i].match, text->text + start, mend - start)) {
            a->ev[i].count++;
            return;
        }
    }
    a = acc_of(ev, rule, false);
    if (!a) {
        return;
    }
    e = &a->ev[a->nev++];
    e->page = loc->page;
    e->path = span && span->path ? copy_flat(ev, span->path, 0, strlen(span->path)) : "";
    e->match = copy_flat(ev, text->text, start, mend);
    e->context = copy_flat(ev, text->text, block_start(text->text, cs, start),
                           block_end(text->text, end, ce));
    e->role = role_of(ev, loc, span);
    e->advice = loc->advice ? copy_flat(ev, loc->advice, 0, strlen(loc->advice)) : "";
    e->count = 1;
}

void hd_ev_hit_raw(hd_ev *ev,
                   const hd_rule *rule,
                   size_t page,
                   const char *path,
                   const char *match,
                   const char *context)
{
    hd_acc *a = acc_of(ev, rule, true);
    hd_evidence *e;

    if (!a) {
        return;
    }
    e = &a->ev[a->nev++];
    e->page = page;
    e->role = "";
    e->advice = "";
    e->count = 1;
    e->path = copy_flat(ev, path, 0, strlen(path));
    e->match = copy_flat(ev, match, 0, strlen(match) > MATCH_MAX ? MATCH_MAX : strlen(match));
    e->context = copy_flat(ev, context, 0, strlen(context));
}

/* The rule applies to the page's kind or the offering's (languages aside). */
static bool kind_applies(const hd_ev *ev, const hd_rule *rule, size_t page)
{
    const char *k = ev->pages[page]->kind;
    unsigned bit = k ? hd_kind_bit(k) : HD_KIND_OTHER;

    return (rule->applies & (bit | ev->offering_bit)) != 0;
}

bool hd_ev_applies(const hd_ev *ev, const hd_rule *rule, size_t page)
{
    return kind_applies(ev, rule, page) && hd_rule_language_ok(rule, ev->pages[page]);
}

static bool metric_applies(const hd_ev *ev, const hd_rule *rule)
{
    for (size_t p = 0; p < ev->npages; p++) {
        if (kind_applies(ev, rule, p)) {
            return true;
        }
    }
    return (rule->applies & ev->offering_bit) != 0;
}

static bool refs(const hd_rule *metric, const hd_rule *rule)
{
    for (size_t i = 0; i < metric->nmetric_refs; i++) {
        if (metric->metric_refs[i] == rule) {
            return true;
        }
    }
    return false;
}

/*
 * Whether to run `rule`: wanted, on, or feeding a metric that is; not an unless_linked rule
 * when the offering states or links to its terms.
 */
bool hd_ev_wanted(const hd_ev *ev, const hd_rule *rule, const bool *feeds)
{
    bool want;

    if (rule->kind == HD_RULE_PAGE_KIND) {
        return false;
    }
    if (ev->only) {
        want = rule == ev->only || refs(ev->only, rule) ||
               (rule->nfacts && ev->only->metric && hd_fact_metric_known(ev->only->metric));
    } else {
        want = rule->severity != 0 || rule->nfacts || feeds[hd_rule_index(ev->rs, rule)];
    }
    return want && !(rule->unless_linked && ev->linked);
}

/* A finding of `rule` when it should report one. */
static bool reports(const hd_ev *ev, const hd_rule *rule)
{
    return ev->only ? rule == ev->only : rule->severity != 0;
}

static double sev_points(const hd_ev *ev, const hd_rule *rule)
{
    return ev->rs->scoring.severity_points[rule->severity];
}

static int
add_finding(hd_eval_result *out, hd_ev *ev, const hd_rule *rule, double points, double value)
{
    const hd_acc *a = &ev->acc[hd_rule_index(ev->rs, rule)];
    hd_finding *f = &out->findings[out->nfindings++];

    f->rule = rule;
    f->count = rule->kind == HD_RULE_METRIC ? 1 : a->count;
    f->points = points;
    f->value = value;
    f->evidence = a->ev;
    f->nevidence = a->nev;
    return HURDLE_OK;
}

/* The offering's pages in the rule's languages and their hits, into the buffers; how many. */
static size_t
lang_pages(const hd_ev *ev, const hd_rule *rule, const hd_page **buf, const hd_page_hits **hits)
{
    size_t n = 0;

    for (size_t p = 0; p < ev->npages; p++) {
        if (hd_rule_language_ok(rule, ev->pages[p])) {
            hits[n] = ev->page_hits[p];
            buf[n++] = ev->pages[p];
        }
    }
    return n;
}

static void metric_rule(hd_eval_result *out, hd_ev *ev, const hd_rule *rule)
{
    hd_metric_input in = { (const hd_page *const *)ev->lpages,
                           0,
                           (const hd_page_hits *const *)ev->lhits,
                           ev->hits,
                           ev->rs,
                           &out->facts };
    double v;
    char ctx[96];

    in.npages = lang_pages(ev, rule, ev->lpages, ev->lhits);
    if (in.npages == 0 && ev->npages > 0) {
        return; /* no page in the rule's languages: not computed (listed as skipped) */
    }
    v = hd_metric_value(&in, rule);
    if (isnan(v) && rule->has_if_unknown) {
        v = rule->if_unknown;
    }
    if (isnan(v)) {
        return; /* a fact the offering does not state */
    }
    snprintf(ctx, sizeof(ctx), "%s = %.4g", rule->metric, v);
    if (rule->has_curve) {
        hd_metric_result *m = &out->metrics[out->nmetrics++];
        m->rule = rule;
        m->value = v;
        m->friction = hd_curve_eval(&rule->curve, v);
        m->points = rule->weight * m->friction / 100.0;
        if (m->friction >= 50.0) {
            hd_ev_hit_raw(ev, rule, 0, "", "", ctx);
            add_finding(out, ev, rule, 0, v); /* the points are in the metric result */
        }
        return;
    }
    if ((rule->has_above && v > rule->above) || (rule->has_below && v < rule->below)) {
        hd_ev_hit_raw(ev, rule, 0, "", "", ctx);
        add_finding(out, ev, rule, sev_points(ev, rule), v);
    }
}

/* true when `rule` would have run on a page of the offering but for the page's language. */
static bool lang_skipped(const hd_ev *ev, const hd_rule *rule)
{
    for (size_t p = 0; rule->languages.n && p < ev->npages; p++) {
        bool kind_ok = rule->kind == HD_RULE_METRIC || kind_applies(ev, rule, p);
        if (kind_ok && !hd_rule_language_ok(rule, ev->pages[p])) {
            return true;
        }
    }
    return false;
}

/* The reported rules skipped for language, in id order. */
static int collect_skipped(hd_eval_result *out, hd_ev *ev)
{
    for (size_t i = 0; i < ev->rs->nrules; i++) {
        const hd_rule *r = &ev->rs->rules[i];
        if (r->kind == HD_RULE_PAGE_KIND || !reports(ev, r) || !lang_skipped(ev, r)) {
            continue;
        }
        if (r->kind == HD_RULE_METRIC && !metric_applies(ev, r)) {
            continue;
        }
        if (!out->skipped) {
            out->skipped = hd_arena_array(ev->out, ev->rs->nrules, sizeof(hd_rule *));
            if (!out->skipped) {
                return HURDLE_ENOMEM;
            }
        }
        out->skipped[out->nskipped++] = r;
    }
    return HURDLE_OK;
}

static int collect(hd_eval_result *out, hd_ev *ev)
{
    const hurdle_ruleset *rs = ev->rs;
    size_t n = rs->nrules ? rs->nrules : 1;

    out->findings = hd_arena_array(ev->out, n, sizeof(hd_finding));
    out->metrics = hd_arena_array(ev->out, n, sizeof(hd_metric_result));
    if (!out->findings || !out->metrics) {
        return HURDLE_ENOMEM;
    }
    /* the rules are sorted by id: one pass per dimension sorts the findings */
    for (int d = 0; d < HD_DIM_COUNT; d++) {
        for (size_t i = 0; i < rs->nrules; i++) {
            const hd_rule *r = &rs->rules[i];
            const hd_acc *a = &ev->acc[i];
            if ((int)r->dim != d || !reports(ev, r) || r->kind == HD_RULE_PAGE_KIND) {
                continue;
            }
            if (r->kind == HD_RULE_METRIC) {
                if (metric_applies(ev, r)) {
                    metric_rule(out, ev, r);
                }
            } else if (a->count >= (r->kind == HD_RULE_FIELD ? r->min_count : 1)) {
                add_finding(out, ev, r, sev_points(ev, r), (double)a->count);
            }
        }
    }
    return ev->err ? ev->err : collect_skipped(out, ev);
}

static int cmp_metric(const void *a, const void *b)
{
    return strcmp(((const hd_metric_result *)a)->rule->id, ((const hd_metric_result *)b)->rule->id);
}

int hd_ev_init(hd_ev *ev, hd_eval_result *out, const hd_eval_opts *opts)
{
    size_t nr = ev->rs->nrules ? ev->rs->nrules : 1;
    size_t ns = ev->npages * HD_SCOPE_COUNT + 1;

    out->ctx = ev->ctx;
    ev->only = opts ? opts->only : NULL;
    ev->out = hd_malloc(ev->ctx, sizeof(hd_arena));
    if (!ev->out) {
        return HURDLE_ENOMEM;
    }
    hd_arena_init(ev->out, ev->ctx, 0);
    out->strings = ev->out;
    hd_arena_init(&ev->tmp, ev->ctx, 0);
    hd_vec_init(&ev->raw, ev->ctx, sizeof(hd_pf_occ), HD_PF_MAX_OCC);
    hd_vec_init(&ev->facthits, ev->ctx, sizeof(hd_fact_hit), HD_FACTS_MAX_HITS);
    ev->acc = hd_arena_array(&ev->tmp, nr, sizeof(hd_acc));
    ev->hits = hd_arena_array(&ev->tmp, nr, sizeof(size_t));
    ev->lower = hd_arena_array(&ev->tmp, ns, sizeof(char *));
    ev->utf = hd_arena_array(&ev->tmp, ns, 1);
    ev->scans = hd_arena_array(&ev->tmp, ns, sizeof(hd_pf_scan));
    ev->scanned = hd_arena_array(&ev->tmp, ns, sizeof(bool));
    ev->words_done = hd_arena_array(&ev->tmp, nr, sizeof(bool));
    ev->lpages = hd_arena_array(&ev->tmp, ev->npages + 1, sizeof(hd_page *));
    ev->lhits = hd_arena_array(&ev->tmp, ev->npages + 1, sizeof(hd_page_hits *));
    ev->no_prefilter = opts ? opts->no_prefilter : false;
    if (!ev->acc || !ev->hits || !ev->lower || !ev->utf || !ev->scans || !ev->scanned ||
        !ev->words_done || !ev->lpages || !ev->lhits) {
        return HURDLE_ENOMEM;
    }
    return ev->page_mode ? hd_matcher_new(&ev->m, ev->ctx, ev->rs->match_limit, ev->rs->depth_limit)
                         : HURDLE_OK;
}

void hd_ev_dispose(hd_ev *ev)
{
    hd_matcher_free(ev->m);
    hd_arena_dispose(&ev->tmp);
    hd_vec_dispose(&ev->raw);
    hd_vec_dispose(&ev->facthits);
}

/* The offering's findings and metrics from its pages' hits. */
static int eval_offering(hd_eval_result *out, hd_ev *ev, const hd_eval_opts *opts)
{
    bool *feeds;
    int rc = hd_ev_init(ev, out, opts);

    ev->linked = false;
    for (size_t p = 0; p < ev->npages; p++) {
        ev->linked = ev->linked || ev->page_hits[p]->names_terms;
    }
    feeds = rc == 0 ? hd_ev_feeding(ev) : NULL;
    if (feeds) {
        hd_ev_merge(ev, feeds);
    }
    rc = rc ? rc : ev->err ? ev->err : hd_ev_facts(&out->facts, ev);
    rc = rc ? rc : collect(out, ev);
    if (rc == 0 && out->nmetrics > 1) {
        qsort(out->metrics, out->nmetrics, sizeof(hd_metric_result), cmp_metric);
    }
    return rc;
}

static int eval_hits(hd_eval_result *out,
                     hurdle_ctx *ctx,
                     const hurdle_ruleset *rules,
                     const hd_page *const *pages,
                     const hd_page_hits *const *hits,
                     size_t npages,
                     const char *offering_kind,
                     const hd_eval_opts *opts)
{
    hd_ev ev;
    int rc;

    memset(out, 0, sizeof(*out));
    memset(&ev, 0, sizeof(ev));
    ev.ctx = ctx;
    ev.rs = rules;
    ev.pages = pages;
    ev.page_hits = hits;
    ev.npages = npages;
    ev.max_ev = rules->scoring.max_evidence;
    ev.offering_bit = offering_kind ? hd_kind_bit(offering_kind) : 0;
    ev.offering_bit = ev.offering_bit == HD_KIND_ANY ? 0 : ev.offering_bit;
    rc = eval_offering(out, &ev, opts);
    hd_ev_dispose(&ev);
    if (rc < 0) {
        hd_eval_result_dispose(out);
        return rc == HURDLE_ENOMEM ? hd_oom(ctx) : rc;
    }
    return HURDLE_OK;
}

int hd_rules_eval_hits(hd_eval_result *out,
                       hurdle_ctx *ctx,
                       const hurdle_ruleset *rules,
                       const hd_page *const *pages,
                       const hd_page_hits *const *hits,
                       size_t npages,
                       const char *offering_kind)
{
    unsigned bit = offering_kind ? hd_kind_bit(offering_kind) : 0;

    if (!out || !ctx || !rules || (npages && (!pages || !hits))) {
        return HURDLE_EINVAL;
    }
    for (size_t p = 0; p < npages; p++) {
        if (!hits[p] || (bit != HD_KIND_ANY && (hits[p]->offerings & bit) != bit)) {
            return hd_fail(ctx, HURDLE_EINVAL, "%s: its rules did not run for a %s offering",
                           pages[p]->url, offering_kind);
        }
    }
    return eval_hits(out, ctx, rules, pages, hits, npages, offering_kind, NULL);
}

int hd_rules_eval_opts(hd_eval_result *out,
                       hurdle_ctx *ctx,
                       const hurdle_ruleset *rules,
                       const hd_page *const *pages,
                       size_t npages,
                       const char *offering_kind,
                       const hd_eval_opts *opts)
{
    hd_page_hits **hits;
    int rc = HURDLE_OK;

    if (!out || !ctx || !rules || (!pages && npages)) {
        return HURDLE_EINVAL;
    }
    memset(out, 0, sizeof(*out));
    hits = hd_calloc(ctx, npages ? npages : 1, sizeof(*hits));
    if (!hits) {
        return hd_oom(ctx);
    }
    for (size_t p = 0; p < npages && rc == HURDLE_OK; p++) {
        rc = hd_ev_page_hits(&hits[p], ctx, rules, pages[p],
                             offering_kind ? hd_kind_bit(offering_kind) : 0, opts);
    }
    if (rc == HURDLE_OK) {
        rc = eval_hits(out, ctx, rules, pages, (const hd_page_hits *const *)hits, npages,
                       offering_kind, opts);
    }
    for (size_t p = 0; p < npages; p++) {
        hd_page_hits_free(hits[p], ctx);
    }
    hd_free(ctx, hits);
    return rc;
}

int hd_rules_eval(hd_eval_result *out,
                  hurdle_ctx *ctx,
                  const hurdle_ruleset *rules,
                  const hd_page *const *pages,
                  size_t npages,
                  const char *offering_kind)
{
    return hd_rules_eval_opts(out, ctx, rules, pages, npages, offering_kind, NULL);
}

void hd_eval_result_dispose(hd_eval_result *result)
{
    if (!result) {
        return;
    }
    if (result->strings) {
        hd_arena_dispose(result->strings);
        hd_free(result->ctx, result->strings);
    }
    memset(result, 0, sizeof(*result));
}
