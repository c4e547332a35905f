/*
 * report/text.c - the terminal summary: per offering, its friction, the
 * four dimensions with what drives each, the effort estimate and the worst
 * findings; colours only when asked (the CLI asks on a terminal without
 * NO_COLOR). Page-derived strings are printed with control characters
 * replaced, so a page cannot drive the terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "../util/buf.h"
#include "report.h"

#define MAX_FINDINGS_SHOWN 8

typedef struct tw {
    hd_buf *b;
    bool color;
    bool verbose;
} tw;

static const char *grade_color(char grade)
{
    switch (grade) {
    case 'A':
        return "\033[32m";
    case 'B':
        return "\033[36m";
    case 'C':
        return "\033[33m";
    case 'D':
        return "\033[35m";
    default:
        return "\033[31m";
    }
}

static void on(tw *t, const char *code)
{
    if (t->color) {
        hd_buf_puts(t->b, code);
    }
}

static void off(tw *t)
{
    on(t, "\033[0m");
}

/* Page text, with control characters (escape sequences) made harmless. */
static void safe(tw *t, const char *s, size_t max)
{
    size_t n = 0;

    for (; *s && n < max; s++, n++) {
        unsigned char c = (unsigned char)*s;
        if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9F) {
            s++; /* a C1 control (U+0080-U+009F), e.g. CSI */
            c = ' ';
        }
        hd_buf_putc(t->b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
    }
    if (*s) {
        /* do not cut inside a UTF-8 sequence */
        while ((*s & 0xC0) == 0x80) {
            hd_buf_putc(t->b, *s++);
        }
        hd_buf_puts(t->b, "...");
    }
}

static void score_line(tw *t, const char *name, const hd_score *s)
{
    size_t i;

    hd_buf_printf(t->b, "  %-8s ", name);
    on(t, grade_color(s->grade));
    hd_buf_printf(t->b, "%5.1f %c", s->score, s->grade);
    off(t);
    for (i = 0; i < s->ncontribs && i < 3 && s->contribs[i].score > 0; i++) {
        hd_buf_printf(t->b, "%s%s %.1f", i ? ", " : "   ", s->contribs[i].id, s->contribs[i].score);
    }
    hd_buf_putc(t->b, '\n');
}

static const char *sev_mark(hurdle_severity s)
{
    return s >= HURDLE_SEV_SERIOUS ? "\033[31m" : s == HURDLE_SEV_MODERATE ? "\033[33m" : "";
}

/* One piece of evidence: "phrase" x3 (fine print) in page: say "plainer words". */
static void evidence_line(tw *t, const hurdle_report *r, const hd_offering *o, const hd_evidence *e)
{
    hd_buf_puts(t->b, "             ");
    if (*e->match) {
        hd_buf_puts(t->b, "\"");
        safe(t, e->match, 80);
        hd_buf_puts(t->b, "\" ");
    }
    if (e->count > 1) {
        hd_buf_printf(t->b, "x%zu ", e->count);
    }
    if (*e->role && strcmp(e->role, "body") != 0) {
        hd_buf_printf(t->b, "(%s) ", e->role);
    }
    hd_buf_puts(t->b, "in ");
    safe(t, hd_offering_page(r, o, e->page < o->npages ? e->page : 0)->url, 200);
    if (*e->advice) {
        hd_buf_puts(t->b, ": ");
        safe(t, e->advice, 160);
    }
    hd_buf_putc(t->b, '\n');
}

static void finding_line(tw *t, const hurdle_report *r, const hd_offering *o, const hd_finding *f)
{
    hurdle_severity sev = hd_rule_severity(f->rule);
    size_t shown = t->verbose ? f->nevidence : f->nevidence > 0;
    size_t i;

    hd_buf_puts(t->b, "    ");
    on(t, sev_mark(sev));
    hd_buf_printf(t->b, "%-8s", hd_severity_name(sev));
    off(t);
    hd_buf_printf(t->b, " %s: %s", hd_rule_id(f->rule), hd_rule_message(f->rule));
    if (hd_rule_kind_of(f->rule) == HD_RULE_METRIC) {
        hd_buf_printf(t->b, " (%s = %.2f)", hd_rule_metric(f->rule), f->value);
    } else if (f->count > 1) {
        hd_buf_printf(t->b, " (%zu times)", f->count);
    }
    hd_buf_putc(t->b, '\n');
    for (i = 0; i < shown; i++) {
        if (t->verbose || *f->evidence[i].match) {
            evidence_line(t, r, o, &f->evidence[i]);
        }
    }
    if (t->verbose && *hd_rule_advice(f->rule)) {
        hd_buf_puts(t->b, "             advice: ");
        hd_buf_puts(t->b, hd_rule_advice(f->rule));
        hd_buf_putc(t->b, '\n');
    }
}

static void list_text(tw *t, const char *label, const hd_fact_list *l)
{
    size_t i;

    if (l->n == 0) {
        return;
    }
    hd_buf_printf(t->b, "; %s ", label);
    for (i = 0; i < l->n; i++) {
        const char *c;
        hd_buf_puts(t->b, i ? ", " : "");
        for (c = l->v[i]; *c; c++) {
            hd_buf_putc(t->b, *c == '_' ? ' ' : *c); /* "prepaid_card" -> "prepaid card" */
        }
    }
}

static void yes_text(tw *t, hd_fact_tri v, const char *what)
{
    if (v == HD_FACT_YES) {
        hd_buf_printf(t->b, "; %s", what);
    }
}

/* A rebate's facts: how it is claimed, with what, by when, and how it pays. */
static void rebate_facts(tw *t, const hd_facts *f)
{
    if (f->submission) {
        hd_buf_printf(t->b, "; claimed %s",
                      strcmp(f->submission, "both") == 0   ? "by mail or online"
                      : strcmp(f->submission, "mail") == 0 ? "by mail only"
                                                          : "online");
    }
    list_text(t, "proofs:", &f->proofs);
    if (f->window_days >= 0) {
        hd_buf_printf(t->b, "; within %d days", f->window_days);
    }
    if (f->payout_weeks_max >= 0) {
        int lo = f->payout_weeks_min >= 0 ? f->payout_weeks_min : f->payout_weeks_max;
        if (lo == f->payout_weeks_max) {
            hd_buf_printf(t->b, "; paid in %d week%s", lo, lo == 1 ? "" : "s");
        } else {
            hd_buf_printf(t->b, "; paid in %d-%d weeks", lo, f->payout_weeks_max);
        }
    }
    list_text(t, "as", &f->payout_form);
    yes_text(t, f->one_per_household, "one per household");
    yes_text(t, f->no_photocopies, "no photocopies");
}

/* A subscription's facts: trial, renewal, cancelling, commitment. */
static void signup_facts(tw *t, const hd_facts *f)
{
    yes_text(t, f->trial_requires_card, "card required for the trial");
    yes_text(t, f->auto_renewal, "renews automatically");
    yes_text(t, f->cancel_by_phone_only, "cancel by phone only");
    if (f->minimum_term_months > 0) {
        hd_buf_printf(t->b, "; minimum term %d months", f->minimum_term_months);
    }
    yes_text(t, f->early_termination_fee, "early termination fee");
    yes_text(t, f->contact_sales, "price on request");
}

/* The offer's terms as facts, on one line: what a customer compares. */
static void facts_line(tw *t, const hd_offering *o)
{
    static const char head[] = "  facts    ";
    size_t start = t->b->len;

    hd_buf_puts(t->b, head);
    if (strcmp(o->kind, "rebate") == 0) {
        rebate_facts(t, &o->eval.facts);
    } else {
        signup_facts(t, &o->eval.facts);
    }
    if (t->b->err || t->b->len == start + sizeof(head) - 1) {
        hd_buf_truncate(t->b, start); /* nothing stated */
        return;
    }
    /* drop the first "; " */
    memmove(t->b->ptr + start + sizeof(head) - 1, t->b->ptr + start + sizeof(head) + 1,
            t->b->len - start - sizeof(head) - 1);
    hd_buf_truncate(t->b, t->b->len - 2);
    hd_buf_putc(t->b, '\n');
}

/* One plan: its name, its headline price as written, and what it costs a month and a year. */
static void plan_line(tw *t, const hd_plan *pl, const hd_price *pr)
{
    hd_buf_puts(t->b, "  plan     ");
    safe(t, pl->name, 40);
    if (!pr) {
        hd_buf_puts(t->b, ": no price\n");
        return;
    }
    hd_buf_puts(t->b, ": ");
    safe(t, pr->raw, 60);
    if (pr->monthly >= 0) {
        hd_buf_printf(t->b, " = %.2f %s a month", pr->monthly, pr->currency);
        if (pr->monthly_regular > pr->monthly) {
            hd_buf_printf(t->b, ", then %.2f", pr->monthly_regular);
        }
        if (pr->first_year >= 0) {
            hd_buf_printf(t->b, ", %.2f the first year", pr->first_year);
        }
    }
    if (pr->from) {
        hd_buf_puts(t->b, " (a floor: \"from\")");
    }
    hd_buf_putc(t->b, '\n');
}

/* The plans of the offering's pages, with their monthly equivalents. */
static void plans_block(tw *t, const hurdle_report *r, const hd_offering *o)
{
    size_t shown = 0;

    for (size_t i = 0; i < o->npages; i++) {
        const hd_page *p = hd_offering_page(r, o, i);
        for (size_t k = 0; k < p->nplans && shown < 12; k++, shown++) {
            const hd_plan *pl = &p->plans[k];
            plan_line(t, pl, pl->price >= 0 ? &p->prices[pl->price] : NULL);
        }
    }
}

/* The rules an offering's pages could not run for their language. */
static void not_computed_line(tw *t, const hd_offering *o)
{
    size_t i;

    if (o->eval.nskipped == 0) {
        return;
    }
    hd_buf_puts(t->b, "  not computed (the page's language is not supported by):");
    for (i = 0; i < o->eval.nskipped; i++) {
        hd_buf_printf(t->b, "%s %s", i ? "," : "", hd_rule_id(o->eval.skipped[i]));
    }
    hd_buf_putc(t->b, '\n');
}

static int by_severity(const void *a, const void *b)
{
    const hd_finding *x = *(const hd_finding *const *)a;
    const hd_finding *y = *(const hd_finding *const *)b;
    int sx = (int)hd_rule_severity(x->rule);
    int sy = (int)hd_rule_severity(y->rule);

    if (sx != sy) {
        return sy - sx;
    }
    return strcmp(hd_rule_id(x->rule), hd_rule_id(y->rule));
}

static void findings_block(tw *t, const hurdle_report *r, const hd_offering *o)
{
    const hd_finding **sorted;
    size_t n = o->eval.nfindings;
    size_t shown;
    size_t i;

    if (n == 0) {
        return;
    }
    sorted = hd_calloc(r->ctx, n, sizeof(*sorted));
    if (!sorted) {
        t->b->err = HURDLE_ENOMEM;
        return;
    }
    for (i = 0; i < n; i++) {
        sorted[i] = &o->eval.findings[i];
    }
    qsort(sorted, n, sizeof(*sorted), by_severity);
    shown = t->verbose || n <= MAX_FINDINGS_SHOWN ? n : MAX_FINDINGS_SHOWN;
    hd_buf_printf(t->b, "  findings (%zu):\n", n);
    for (i = 0; i < shown; i++) {
        finding_line(t, r, o, sorted[i]);
    }
    if (shown < n) {
        hd_buf_printf(t->b, "    ... and %zu more (-v shows all)\n", n - shown);
    }
    hd_free(r->ctx, sorted);
}

/* One visible field: index, label, purpose, required, seconds (verbose only). */
static void field_line(tw *t, const hd_field *f, double secs)
{
    hd_buf_printf(t->b, "      #%-3zu ", f->index);
    safe(t, *f->label ? f->label : *f->name ? f->name : f->type, 44);
    hd_buf_printf(t->b, "  %s%s  %.1f s\n", f->purpose, f->required ? ", required" : "", secs);
}

/* Each form of each page: kind, visible and required fields, effort; -v adds the fields. */
static void forms_block(tw *t, const hurdle_report *r, const hd_offering *o)
{
    size_t i;
    size_t f;
    size_t k;

    for (i = 0; i < o->npages; i++) {
        const hd_page *p = hd_offering_page(r, o, i);
        double *secs = hd_calloc(r->ctx, p->nfields ? p->nfields : 1, sizeof(*secs));
        if (!secs || hd_effort_fields(secs, r->ctx, p) < 0) {
            t->b->err = HURDLE_ENOMEM;
            hd_free(r->ctx, secs);
            return;
        }
        for (f = 0; f < p->nforms; f++) {
            double s = hd_effort_form(p, (long)f, secs);
            if (p->forms[f].nvisible == 0) {
                continue;
            }
            hd_buf_puts(t->b, "  form ");
            safe(t, p->url, 120);
            hd_buf_printf(t->b, " #%zu %s: %zu fields (%zu required), about %.0f %s\n", f + 1,
                          p->forms[f].kind, p->forms[f].nvisible, p->forms[f].nrequired,
                          s < 90 ? s : s / 60, s < 90 ? "seconds" : "minutes");
            for (k = 0; t->verbose && k < p->nfields; k++) {
                if (p->fields[k].form == (long)f && secs[k] > 0) {
                    field_line(t, &p->fields[k], secs[k]);
                }
            }
        }
        hd_free(r->ctx, secs);
    }
}

/* How hard the offering's words are, by the classic formulas (docs/readability.md). */
static void reading_line(tw *t, const hurdle_report *r, const hd_offering *o)
{
    hd_text_stats s;

    hd_offering_text(&s, r, o);
    if (s.words == 0) {
        return;
    }
    if (!hd_offering_english(r, o)) {
        hd_buf_printf(t->b,
                      "  reading  not computed: the readability formulas are for English; "
                      "%zu words\n",
                      s.words);
        return;
    }
    hd_buf_printf(t->b,
                  "  reading  grade %.1f (Flesch-Kincaid), reading ease %.0f, fog %.1f, "
                  "SMOG %.1f; %zu words\n",
                  s.fk_grade, s.flesch_ease, s.fog, s.smog, s.words);
}

static void offering_block(tw *t, const hurdle_report *r, const hd_offering *o)
{
    char effort[160];
    int d;

    hd_buf_putc(t->b, '\n');
    on(t, "\033[1m");
    safe(t, o->name, 100);
    off(t);
    hd_buf_printf(t->b, "  [%s, %zu page%s] ", o->kind, o->npages, o->npages == 1 ? "" : "s");
    safe(t, hd_offering_page(r, o, 0)->url, 200);
    hd_buf_puts(t->b, "\n  friction ");
    on(t, grade_color(o->scores.overall.grade));
    hd_buf_printf(t->b, "%5.1f %c", o->scores.overall.score, o->scores.overall.grade);
    off(t);
    hd_effort_describe(effort, sizeof(effort), &o->effort);
    hd_buf_printf(t->b, "   effort: %s\n", effort);
    for (d = 0; d < HD_DIM_COUNT; d++) {
        score_line(t, hd_dim_name((hd_dim)d), &o->scores.dims[d]);
    }
    reading_line(t, r, o);
    facts_line(t, o);
    plans_block(t, r, o);
    not_computed_line(t, o);
    forms_block(t, r, o);
    findings_block(t, r, o);
}

/* What the crawl did, in one line (and why it stopped early, when it did). */
static void crawl_line(tw *t, const hurdle_report *r)
{
    const hd_crawl_stats *c = &r->crawl;
    size_t skipped = 0;

    if (!c->crawled) {
        return;
    }
    for (int k = 1; k < HD_SKIP_COUNT; k++) {
        skipped += c->skipped[k];
    }
    hd_buf_printf(t->b, "crawl: %zu requests, %zu failed, %.1f MB, %zu URLs skipped", c->requests,
                  c->failed, (double)c->bytes / 1e6, skipped);
    for (int k = 1, first = 1; k < HD_SKIP_COUNT; k++) {
        if (c->skipped[k]) {
            hd_buf_printf(t->b, "%s%s %zu", first ? " (" : ", ", hd_skip_name((hd_skip)k),
                          c->skipped[k]);
            first = 0;
        }
    }
    hd_buf_puts(t->b, skipped ? ")\n" : "\n");
    if (c->stopped) {
        hd_buf_puts(t->b, "crawl: ");
        safe(t, c->stopped, 300);
        hd_buf_printf(t->b, "; %zu URLs left in the queue\n", c->queued);
    }
}

int hurdle_report_write_text(hurdle_buf *out,
                             hurdle_ctx *ctx,
                             const hurdle_report *r,
                             unsigned flags)
{
    hd_buf b;
    tw t;
    size_t i;
    int rc;

    if (!ctx) {
        return HURDLE_EINVAL;
    }
    hd_clear_error(ctx);
    if (!out || !r) {
        return hd_fail(ctx, HURDLE_EINVAL, "hurdle_report_write_text: missing argument");
    }
    hd_buf_init(&b, ctx, (size_t)-1 / 2);
    t.b = &b;
    t.color = flags & HURDLE_REPORT_COLOR;
    t.verbose = flags & HURDLE_REPORT_VERBOSE;
    hd_buf_printf(&b, "hurdle %s: %zu offering%s, %zu page%s, rules %s\n", HURDLE_VERSION,
                  r->nofferings, r->nofferings == 1 ? "" : "s", r->npages,
                  r->npages == 1 ? "" : "s", hurdle_ruleset_version(r->rules));
    crawl_line(&t, r);
    for (i = 0; i < r->nofferings; i++) {
        offering_block(&t, r, &r->offerings[i]);
    }
    if (r->nerrors) {
        hd_buf_printf(&b, "\n%zu error%s:\n", r->nerrors, r->nerrors == 1 ? "" : "s");
        for (i = 0; i < r->nerrors; i++) {
            hd_buf_puts(&b, "  ");
            safe(&t, r->errors[i].message, 300);
            hd_buf_putc(&b, '\n');
        }
    }
    rc = hd_buf_detach(out, &b);
    hd_buf_dispose(&b);
    return rc < 0 ? hd_fail(ctx, rc, "cannot write the text report: out of memory") : HURDLE_OK;
}
