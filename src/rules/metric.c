/*
 * rules/metric.c - the metrics metric rules read, computed from the pages
 * of one offering. Each name is documented in docs/rules.md; a value is a
 * pure function of the pages (and, for hits: metrics, of the match counts
 * of the pattern rules that ran before).
 *
 * Field metrics count the work of filling forms: fields of search, login
 * and newsletter forms are left out (they are not the offering's work), and
 * so are buttons and hidden controls, as Baymard counts "form fields".
 */
#include <stdlib.h>
#include <string.h>

#include "eval.h"

typedef double (*metric_fn)(const hd_metric_input *in);

static bool counted_form(const hd_page *pg, const hd_field *f)
{
    const char *k;

    if (f->form < 0 || (size_t)f->form >= pg->nforms) {
        return true;
    }
    k = pg->forms[f->form].kind;
    return strcmp(k, "search") != 0 && strcmp(k, "login") != 0 && strcmp(k, "newsletter") != 0;
}

/* A visible control that takes input: no button, submit, reset, image or hidden. */
static bool input_field(const hd_page *pg, const hd_field *f)
{
    static const char *const skip[] = { "submit", "button", "reset", "image", "hidden" };

    if (!f->visible || strcmp(f->tag, "button") == 0 || !counted_form(pg, f)) {
        return false;
    }
    for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++) {
        if (strcmp(f->type, skip[i]) == 0) {
            return false;
        }
    }
    return true;
}

static bool sensitive(const char *purpose)
{
    return strcmp(purpose, "national-id") == 0 || strncmp(purpose, "bday", 4) == 0 ||
           strncmp(purpose, "cc-", 3) == 0;
}

enum { F_VISIBLE, F_REQUIRED, F_SENSITIVE };

#define GROUP_SPAN 256 /* controls looked at around a radio for the rest of its group */

static bool same_group(const hd_field *a, const hd_field *b)
{
    return strcmp(b->type, "radio") == 0 && b->form == a->form && strcmp(b->name, a->name) == 0;
}

/*
 * A radio group is one question: its first radio stands for it (later ones
 * return false), required when any radio of the group is. Other fields stand
 * for themselves.
 */
static bool question(const hd_page *pg, size_t i, bool *required)
{
    const hd_field *f = &pg->fields[i];
    size_t lo = i > GROUP_SPAN ? i - GROUP_SPAN : 0;
    size_t hi = pg->nfields - i > GROUP_SPAN ? i + GROUP_SPAN : pg->nfields;

    *required = f->required;
    if (strcmp(f->type, "radio") != 0 || !f->name[0]) {
        return true;
    }
    for (size_t k = lo; k < i; k++) {
        if (pg->fields[k].visible && same_group(f, &pg->fields[k])) {
            return false;
        }
    }
    for (size_t k = i + 1; k < hi && !*required; k++) {
        *required = same_group(f, &pg->fields[k]) && pg->fields[k].required;
    }
    return true;
}

static double count_fields(const hd_metric_input *in, int what)
{
    double n = 0;

    for (size_t p = 0; p < in->npages; p++) {
        const hd_page *pg = in->pages[p];
        for (size_t i = 0; i < pg->nfields; i++) {
            const hd_field *f = &pg->fields[i];
            bool required = false;
            if (!input_field(pg, f) || !question(pg, i, &required)) {
                continue;
            }
            n += what == F_VISIBLE || (what == F_REQUIRED && required) ||
                 (what == F_SENSITIVE && sensitive(f->purpose));
        }
    }
    return n;
}

/* Visible controls of the counted forms, buttons and every radio included (Baymard's
 * "form elements"). */
static double fields_elements(const hd_metric_input *in)
{
    double n = 0;

    for (size_t p = 0; p < in->npages; p++) {
        const hd_page *pg = in->pages[p];
        for (size_t i = 0; i < pg->nfields; i++) {
            const hd_field *f = &pg->fields[i];
            n += f->visible && strcmp(f->type, "hidden") != 0 && counted_form(pg, f);
        }
    }
    return n;
}

/* The most steps a page declares; else the pages with a form (search, newsletter left out). */
static double flow_steps(const hd_metric_input *in)
{
    size_t most = 0;
    double with_forms = 0;

    for (size_t p = 0; p < in->npages; p++) {
        const hd_page *pg = in->pages[p];
        bool form = false;
        most = pg->steps > most ? pg->steps : most;
        for (size_t i = 0; i < pg->nforms && !form; i++) {
            form = strcmp(pg->forms[i].kind, "search") != 0 &&
                   strcmp(pg->forms[i].kind, "newsletter") != 0;
        }
        with_forms += form;
    }
    return most ? (double)most : with_forms;
}

/* Captcha widgets, plus visible captcha inputs that no image captcha stands for. */
static double captchas_count(const hd_metric_input *in)
{
    double n = 0;

    for (size_t p = 0; p < in->npages; p++) {
        const hd_page *pg = in->pages[p];
        n += (double)pg->ncaptchas;
        for (size_t i = 0; i < pg->nfields; i++) {
            bool paired = false;
            if (!pg->fields[i].visible || strcmp(pg->fields[i].purpose, "captcha") != 0) {
                continue;
            }
            for (size_t c = 0; c < pg->ncaptchas && !paired; c++) {
                paired = pg->captchas[c].field == (long)i;
            }
            n += !paired;
        }
    }
    return n;
}

static double fields_visible(const hd_metric_input *in)
{
    return count_fields(in, F_VISIBLE);
}

static double fields_required(const hd_metric_input *in)
{
    return count_fields(in, F_REQUIRED);
}

static double fields_sensitive(const hd_metric_input *in)
{
    return count_fields(in, F_SENSITIVE);
}

static double forms_count(const hd_metric_input *in)
{
    double n = 0;

    for (size_t p = 0; p < in->npages; p++) {
        for (size_t i = 0; i < in->pages[p]->nforms; i++) {
            const char *k = in->pages[p]->forms[i].kind;
            n += strcmp(k, "search") != 0 && strcmp(k, "newsletter") != 0;
        }
    }
    return n;
}

static double pages_count(const hd_metric_input *in)
{
    return (double)in->npages;
}

static double words(const hd_metric_input *in)
{
    double n = 0;

    for (size_t p = 0; p < in->npages; p++) {
        n += (double)in->pages[p]->stats.words;
    }
    return n;
}

static double fk_grade(const hd_metric_input *in)
{
    double w = words(in);
    double sum = 0;

    for (size_t p = 0; w > 0 && p < in->npages; p++) {
        sum += in->pages[p]->stats.fk_grade * (double)in->pages[p]->stats.words;
    }
    return w > 0 ? sum / w : 0;
}

static double long_sentence_share(const hd_metric_input *in)
{
    double longs = 0;
    double all = 0;

    for (size_t p = 0; p < in->npages; p++) {
        longs += (double)in->pages[p]->stats.long_sentences;
        all += (double)in->pages[p]->stats.sentences;
    }
    return all > 0 ? longs / all : 0;
}

static double fine_print_share(const hd_metric_input *in)
{
    double fine = 0;
    double w = words(in);

    for (size_t p = 0; p < in->npages; p++) {
        fine += (double)in->pages[p]->stats.fine_print_words;
    }
    return w > 0 ? fine / w : 0;
}

static double prices_count(const hd_metric_input *in)
{
    double n = 0;

    for (size_t p = 0; p < in->npages; p++) {
        n += (double)in->pages[p]->nprices;
    }
    return n;
}

/* Distinct billing periods ("month", "year", ...), "once" and "" left out. */
static double prices_periods(const hd_metric_input *in)
{
    static const char *const periods[] = { "hour", "day", "week", "month", "year" };
    unsigned seen = 0;
    double n = 0;

    for (size_t p = 0; p < in->npages; p++) {
        for (size_t i = 0; i < in->pages[p]->nprices; i++) {
            const char *per = in->pages[p]->prices[i].period;
            for (unsigned k = 0; per && k < 5; k++) {
                seen |= strcmp(per, periods[k]) == 0 ? 1u << k : 0;
            }
        }
    }
    for (unsigned k = 0; k < 5; k++) {
        n += (seen >> k) & 1u;
    }
    return n;
}

static double prices_from_share(const hd_metric_input *in)
{
    double from = 0;
    double all = prices_count(in);

    for (size_t p = 0; p < in->npages; p++) {
        for (size_t i = 0; i < in->pages[p]->nprices; i++) {
            from += in->pages[p]->prices[i].from;
        }
    }
    return all > 0 ? from / all : 0;
}

/* ASCII case-insensitive: does s[0..n) contain `needle` (lower case)? */
static bool ci_has(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);

    for (size_t i = 0; k && i + k <= n; i++) {
        size_t j = 0;
        while (j < k && (s[i + j] | (s[i + j] >= 'A' && s[i + j] <= 'Z' ? 0x20 : 0)) == needle[j]) {
            j++;
        }
        if (j == k) {
            return true;
        }
    }
    return false;
}

static bool names_terms(const char *s, const char *const *words)
{
    for (size_t i = 0; s && words[i]; i++) {
        if (ci_has(s, strlen(s), words[i])) {
            return true;
        }
    }
    return false;
}

bool hd_metric_page_names_terms(const hd_page *pg)
{
    static const char *const text_words[] = { "terms",      "conditions", "rules",      "details",
                                              "fine print", "legal",      "disclaimer", NULL };
    static const char *const url_words[] = { "terms",      "conditions", "legal", "rules",
                                             "disclaimer", "/tos",       "agb",   NULL };

    if ((pg->kind && strcmp(pg->kind, "terms") == 0) ||
        names_terms(pg->scopes[HD_SCOPE_HEADINGS].text, text_words)) {
        return true;
    }
    for (size_t i = 0; i < pg->nlinks; i++) {
        if (names_terms(pg->links[i].text, text_words) ||
            names_terms(pg->links[i].href, url_words)) {
            return true;
        }
    }
    return false;
}

static double terms_linked(const hd_metric_input *in)
{
    for (size_t p = 0; p < in->npages; p++) {
        if (in->page_hits[p]->names_terms) {
            return 1;
        }
    }
    return 0;
}

/* Bytes of the footnote mark at s[i]: '*', U+2020 dagger, U+2021 double dagger; 0 if none. */
static size_t mark_at(const char *s, size_t i, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;

    if (s[i] == '*') {
        return 1;
    }
    if (i + 2 < len && u[i] == 0xe2 && u[i + 1] == 0x80 && (u[i + 2] == 0xa0 || u[i + 2] == 0xa1)) {
        return 3;
    }
    return 0;
}

/* The span's element is a <sup> holding 1-3 digits (a footnote number, not price cents),
 * or a section or pilcrow sign. */
static bool sup_number(const hd_text *t, size_t k)
{
    const hd_span *sp = &t->spans[k];
    const char *last = sp->path ? strrchr(sp->path, '/') : NULL;
    size_t end = k + 1 < t->nspans ? t->spans[k + 1].off : t->len;
    size_t a = sp->off;
    size_t b = end;
    size_t before = a;

    if (!last || strncmp(last + 1, "sup", 3) != 0 || (last[4] && last[4] != '[')) {
        return false;
    }
    while (a < b && (t->text[a] == ' ' || t->text[a] == '\n')) {
        a++;
    }
    while (b > a && (t->text[b - 1] == ' ' || t->text[b - 1] == '\n')) {
        b--;
    }
    while (before > 0 && t->text[before - 1] == ' ') {
        before--;
    }
    if (b - a == 2 &&
        (memcmp(t->text + a, "\xc2\xa7", 2) == 0 || memcmp(t->text + a, "\xc2\xb6", 2) == 0)) {
        return true; /* a section or pilcrow sign as a footnote mark */
    }
    if (b - a < 1 || b - a > 3 || strspn(t->text + a, "0123456789") < b - a) {
        return false;
    }
    /* after a digit, a currency sign or a point it is a price's cents ("$19<sup>99</sup>") */
    return before == 0 || !strchr("0123456789$.,\xc2\xa3\xe2\x82\xac", t->text[before - 1]);
}

/* Marks in one block of the TEXT scope that is not a label's or a required-field note. */
static size_t block_marks(const hd_text *t, size_t a, size_t b)
{
    size_t n = 0;

    if (ci_has(t->text + a, b - a, "required")) {
        return 0;
    }
    for (size_t i = a; i < b;) {
        size_t m = mark_at(t->text, i, t->len);
        const hd_span *sp = m ? hd_text_span_at(t, i) : NULL;
        if (!m) {
            i++;
            continue;
        }
        n += !(sp && (sp->role == HD_ROLE_LABEL || sp->role == HD_ROLE_BUTTON ||
                      (sp->path && strstr(sp->path, "/label"))));
        while (i < b && (m = mark_at(t->text, i, t->len)) > 0) {
            i += m; /* "**" is one mark */
        }
    }
    return n;
}

size_t hd_metric_page_footnote_marks(const hd_page *pg)
{
    const hd_text *t = &pg->scopes[HD_SCOPE_TEXT];
    size_t n = 0;

    for (size_t a = 0; t->text && a < t->len;) {
        const char *nl = memchr(t->text + a, '\n', t->len - a);
        size_t b = nl ? (size_t)(nl - t->text) : t->len;
        n += block_marks(t, a, b);
        a = b + 1;
    }
    for (size_t k = 0; t->text && k < t->nspans; k++) {
        n += sup_number(t, k);
    }
    return n;
}

/* Footnote marks (*, dagger, double dagger, superscript numbers) per 100 words. */
static double footnote_marks(const hd_metric_input *in)
{
    double n = 0;
    double w = words(in);

    for (size_t p = 0; p < in->npages; p++) {
        n += (double)in->page_hits[p]->footnote_marks;
    }
    return w > 0 ? 100.0 * n / w : 0;
}

static const struct {
    const char *name;
    metric_fn fn;
} metrics[] = {
    { "fields.visible", fields_visible },
    { "fields.required", fields_required },
    { "fields.sensitive", fields_sensitive },
    { "fields.elements", fields_elements },
    { "flow.steps", flow_steps },
    { "captchas.count", captchas_count },
    { "forms.count", forms_count },
    { "pages.count", pages_count },
    { "text.words", words },
    { "text.fk_grade", fk_grade },
    { "text.long_sentence_share", long_sentence_share },
    { "text.fine_print_share", fine_print_share },
    { "text.footnote_marks_per_100_words", footnote_marks },
    { "terms.linked", terms_linked },
    { "prices.count", prices_count },
    { "prices.periods", prices_periods },
    { "prices.from_share", prices_from_share },
    { "prices.image_only", hd_metric_offer_image_prices },
    { "prices.open_from", hd_metric_offer_open_from },
    { "plans.count", hd_metric_offer_plans },
    { "plans.unpriced", hd_metric_offer_unpriced_plans },
    { "plans.billings", hd_metric_offer_plan_billings },
    { "fees.later_pages", hd_metric_offer_later_fees },
};

#define HITS     "hits:"
#define HITS_PER "hits_per_100_words:"
#define HITS_NOP "hits_if_no_price:"

static bool hits_prefix(const char *name)
{
    return strncmp(name, HITS, strlen(HITS)) == 0 ||
           strncmp(name, HITS_PER, strlen(HITS_PER)) == 0 ||
           strncmp(name, HITS_NOP, strlen(HITS_NOP)) == 0;
}

bool hd_metric_known(const char *name)
{
    if (hits_prefix(name)) {
        return strchr(name, ':')[1] != '\0';
    }
    if (hd_fact_metric_known(name)) {
        return true;
    }
    for (size_t i = 0; i < sizeof(metrics) / sizeof(metrics[0]); i++) {
        if (strcmp(name, metrics[i].name) == 0) {
            return true;
        }
    }
    return false;
}

double hd_metric_value(const hd_metric_input *in, const hd_rule *rule)
{
    const char *name = rule->metric;

    if (rule->nmetric_refs) {
        double hits = 0;
        double w = words(in);
        for (size_t i = 0; i < rule->nmetric_refs; i++) {
            hits += (double)in->hits[hd_rule_index(in->rules, rule->metric_refs[i])];
        }
        if (strncmp(name, HITS_PER, strlen(HITS_PER)) == 0) {
            return w > 0 ? 100.0 * hits / w : 0;
        }
        if (strncmp(name, HITS_NOP, strlen(HITS_NOP)) == 0) {
            return prices_count(in) > 0 ? 0 : hits;
        }
        return hits;
    }
    if (hd_fact_metric_known(name)) {
        return hd_fact_metric(in->facts, name);
    }
    for (size_t i = 0; i < sizeof(metrics) / sizeof(metrics[0]); i++) {
        if (strcmp(name, metrics[i].name) == 0) {
            return metrics[i].fn(in);
        }
    }
    return 0;
}

static int cmp_rule(const void *a, const void *b)
{
    return strcmp(((const hd_rule *)a)->id, ((const hd_rule *)b)->id);
}

/* The rule named s[0..n) among the sorted rules, NULL when none. */
static const hd_rule *find_rule(const hurdle_ruleset *rs, const char *s, size_t n)
{
    char id[80];
    hd_rule key;

    if (n == 0 || n >= sizeof(id)) {
        return NULL;
    }
    memcpy(id, s, n);
    id[n] = '\0';
    key.id = id;
    return bsearch(&key, rs->rules, rs->nrules, sizeof(hd_rule), cmp_rule);
}

/* Resolves "hits:<id>[,<id>...]" metrics to their rules (the set is sorted by id). */
int hd_metric_resolve(hurdle_ruleset *rs, hurdle_ctx *ctx)
{
    for (size_t i = 0; i < rs->nrules; i++) {
        hd_rule *r = &rs->rules[i];
        const char *s =
            r->metric && !hd_fact_metric_known(r->metric) ? strchr(r->metric, ':') : NULL;
        size_t n = 1;
        if (!s) {
            continue;
        }
        for (const char *c = ++s; *c; c++) {
            n += *c == ',';
        }
        r->metric_refs = hd_arena_array(&rs->arena, n, sizeof(hd_rule *));
        if (!r->metric_refs) {
            return hd_oom(ctx);
        }
        for (r->nmetric_refs = 0; r->nmetric_refs < n; r->nmetric_refs++) {
            size_t len = strcspn(s, ",");
            const hd_rule *ref = find_rule(rs, s, len);
            if (!ref || ref->kind != HD_RULE_PATTERN) {
                return hd_fail(ctx, HURDLE_EINVAL, "%s: %s: metric %s names no pattern rule",
                               r->file, r->id, r->metric);
            }
            r->metric_refs[r->nmetric_refs] = ref;
            s += len + (s[len] == ',');
        }
    }
    return HURDLE_OK;
}
