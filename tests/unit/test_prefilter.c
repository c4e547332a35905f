/*
 * The literal prefilter (src/rules/literal.c, prefilter.c, eval_pattern.c):
 * which literals a regex yields, and, for every rule of the real packs, the
 * same findings and evidence with the prefilter as without it, on the
 * rules' own examples, the pages of corpus/, generated benchmark pages and
 * stress pages built to cross blocks, change case and use the two
 * characters that caseless matching folds to ASCII letters.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/eval.h"
#include "support.h"

#define EVIDENCE    4096 /* evidence kept per finding: every hit is compared */
#define BENCH_PAGES 12   /* generated pages of ~94 kB */

/* ---- literal extraction ---- */

/* The literals of `pattern`, sorted and joined by '|'; "-" when none. */
static const char *lits_of(hd_arena *a, const char *pattern, bool cs, hd_literals *out)
{
    static char buf[2048];
    const char *v[64];
    size_t o = 0;

    assert_int_equal(hd_literal_extract(out, a, pattern, cs), HURDLE_OK);
    assert_true(out->lits.n <= 64);
    if (out->lits.n) {
        memcpy(v, out->lits.v, out->lits.n * sizeof(char *));
    }
    for (size_t i = 1; i < out->lits.n; i++) { /* insertion sort */
        for (size_t k = i; k > 0 && strcmp(v[k - 1], v[k]) > 0; k--) {
            const char *t = v[k];
            v[k] = v[k - 1];
            v[k - 1] = t;
        }
    }
    buf[0] = '\0';
    for (size_t i = 0; i < out->lits.n; i++) {
        o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? "|" : "", v[i]);
    }
    return out->lits.n ? buf : "-";
}

typedef struct lit_case {
    const char *pattern;
    bool cs;
    const char *lits; /* sorted, '|'-joined; "-": none */
    int nl_free;      /* -1: not checked */
    size_t maxlen;    /* 0: not checked */
} lit_case;

static void prefilter_literal_sets(void **state)
{
    static const lit_case cases[] = {
        { "\\b(?:mail[- ]in|postmarked)\\b", false, "mail|postmarked", 1, 0 },
        { "foo(bar)?baz", false, "foobarbaz|foobaz", 1, 0 },
        { "(a|b)c", true, "ac|bc", 1, 2 },
        { "Colou?r", true, "color|colour", 1, 6 },
        { "ETFs?", true, "etf", 1, 4 },
        { "\\bno refunds?\\b", false, "no refund", 1, 0 },
        { "[^.\\n]{0,80}\\bfee", false, "fee", 1, 80 * 4 + 3 },
        { "a\\s+bcd", false, "bcd", 0, SIZE_MAX },
        { "\\d+ weeks", false, " weeks", 1, SIZE_MAX },
        { "(?=foo)bar", false, "bar", 1, 0 },
        { "(?<![a-z])fee(?!s)", false, "fee", 1, 3 },
        { "\\$\\s?\\d", false, "$", 0, 0 },
        { "x*", false, "-", 1, SIZE_MAX },
        { "foo|(bar)?", false, "-", 1, 0 },
        { "fee|", false, "-", 1, 0 },
        { "caf\xc3\xa9 au lait", false, " au lait", 1, 0 },
        { "a.b.c", false, "a", 1, 0 },
        { "(terms|conditions) (may )?apply", false,
          "conditions apply|conditions may apply|terms apply|terms may apply", 1, 0 },
        /* a literal that contains another is dropped */
        { "fees?|fee waived", false, "fee", 1, 0 },
        /* lookbehind text is not part of the match */
        { "(?<=mail )in", false, "in", 1, 0 },
        /* a named group is a group (facts read numbers from them) */
        { "within (?<n>\\d+) (?<unit>days?|weeks?)", false, "within ", 1, SIZE_MAX },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hurdle_ctx *ctx = ts_ctx();
        hd_arena a;
        hd_literals l;
        const char *got;
        hd_arena_init(&a, ctx, 0);
        got = lits_of(&a, cases[i].pattern, cases[i].cs, &l);
        if (strcmp(got, cases[i].lits) != 0) {
            fail_msg("%s: literals %s, expected %s", cases[i].pattern, got, cases[i].lits);
        }
        if (cases[i].nl_free >= 0 && l.nl_free != (cases[i].nl_free == 1)) {
            fail_msg("%s: nl_free %d", cases[i].pattern, l.nl_free);
        }
        if (cases[i].maxlen && l.maxlen != cases[i].maxlen) {
            fail_msg("%s: maxlen %zu, expected %zu", cases[i].pattern, l.maxlen, cases[i].maxlen);
        }
        hd_arena_dispose(&a);
        hurdle_ctx_free(ctx);
    }
}

/* Patterns the extractor does not understand: no literals, no bounds. */
static void prefilter_literal_gives_up(void **state)
{
    static const char *const pats[] = {
        "(?i)foo",
        "(?s)foo.bar",
        "foo\\Kbar",
        "(foo)\\1",
        "\\Gfoo",
        "\\Qfoo\\E",
        "caf\\x{e9}",
        "\\p{L}+ rebate",
        "a{,3}foo",
        "(?P<name>foo)",
        "(*UCP)foo",
        "[[:alpha:]]foo",
        "foo\\N{U+41}",
        "(?|a|b)foo",
        "foo)",
        "(foo",
        "[foo",
        "foo{2",
        "\\",
        "a**",
        "(((((((((((((((((((((((((((((((((((foo)))))))))))))))))))))))))))))))))))",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
        hurdle_ctx *ctx = ts_ctx();
        hd_arena a;
        hd_literals l;
        hd_arena_init(&a, ctx, 0);
        if (strcmp(lits_of(&a, pats[i], false, &l), "-") != 0 || l.nl_free ||
            l.maxlen != SIZE_MAX || l.back != SIZE_MAX) {
            fail_msg("%s: should give up", pats[i]);
        }
        hd_arena_dispose(&a);
        hurdle_ctx_free(ctx);
    }
}

/* Every real pattern rule's regex: literals found, or a reason not to. */
static void prefilter_literals_of_real_rules(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rs = NULL;
    const char *dirs[] = { ts_path("rules") };
    size_t with = 0;
    size_t regex = 0;

    (void)state;
    if (hurdle_ruleset_load(&rs, ctx, dirs, 1) != HURDLE_OK) {
        fail_msg("%s", hurdle_ctx_error(ctx));
    }
    assert_non_null(rs->pf);
    for (size_t i = 0; i < rs->nrules; i++) {
        const hd_rule *r = &rs->rules[i];
        if (r->kind != HD_RULE_PATTERN || !r->re) {
            continue;
        }
        regex++;
        with += r->lits.lits.n > 0;
        for (size_t k = 0; k < r->lits.lits.n; k++) {
            assert_true(r->lits.lits.v[k][0] != '\0');
        }
    }
    /* all but the all-caps rule (no literal in [A-Z]{11,}) */
    assert_true(regex > 20);
    assert_true(with + 1 >= regex);
    hurdle_ruleset_free(rs);
    hurdle_ctx_free(ctx);
}

/* ---- the same hits with and without the prefilter ---- */

typedef struct cmp_state {
    hurdle_ctx *ctx;
    hurdle_ruleset *rs;
    hd_buf html;
    size_t pages;
    size_t hits; /* pattern-rule hits compared */
    size_t mismatches;
} cmp_state;

static int cmp_setup(void **state)
{
    cmp_state *cs = calloc(1, sizeof(*cs));
    const char *dirs[] = { ts_path("rules") };

    assert_non_null(cs);
    assert_int_equal(hurdle_global_init(), HURDLE_OK);
    cs->ctx = ts_ctx();
    if (hurdle_ruleset_load(&cs->rs, cs->ctx, dirs, 1) != HURDLE_OK) {
        fail_msg("%s", hurdle_ctx_error(cs->ctx));
    }
    cs->rs->scoring.max_evidence = EVIDENCE;
    hd_buf_init(&cs->html, cs->ctx, (size_t)64 << 20);
    *state = cs;
    return 0;
}

static int cmp_teardown(void **state)
{
    cmp_state *cs = *state;

    hd_buf_dispose(&cs->html);
    hurdle_ruleset_free(cs->rs);
    hurdle_ctx_free(cs->ctx);
    hurdle_global_cleanup();
    free(cs);
    return 0;
}

static bool same_finding(const hd_finding *a, const hd_finding *b)
{
    if (a->rule != b->rule || a->count != b->count || a->nevidence != b->nevidence ||
        a->points != b->points || a->value != b->value) {
        return false;
    }
    for (size_t i = 0; i < a->nevidence; i++) {
        const hd_evidence *x = &a->evidence[i];
        const hd_evidence *y = &b->evidence[i];
        if (x->page != y->page || strcmp(x->path, y->path) || strcmp(x->match, y->match) ||
            strcmp(x->context, y->context) || x->count != y->count || strcmp(x->role, y->role) ||
            strcmp(x->advice, y->advice)) {
            return false;
        }
    }
    return true;
}

static void compare(cmp_state *cs,
                    const char *name,
                    const char *kind,
                    const hd_eval_result *a,
                    const hd_eval_result *b)
{
    bool same = a->nfindings == b->nfindings && a->nmetrics == b->nmetrics;

    for (size_t i = 0; same && i < a->nfindings; i++) {
        same = same_finding(&a->findings[i], &b->findings[i]);
        if (a->findings[i].rule->kind == HD_RULE_PATTERN) {
            assert_true(a->findings[i].count <= EVIDENCE); /* all hits are in the evidence */
            cs->hits += a->findings[i].count;
        }
    }
    for (size_t i = 0; same && i < a->nmetrics; i++) {
        same =
            a->metrics[i].rule == b->metrics[i].rule && a->metrics[i].value == b->metrics[i].value;
    }
    if (!same) {
        cs->mismatches++;
        for (size_t i = 0; i < a->nfindings || i < b->nfindings; i++) {
            const hd_finding *x = i < a->nfindings ? &a->findings[i] : NULL;
            const hd_finding *y = i < b->nfindings ? &b->findings[i] : NULL;
            if (!x || !y || !same_finding(x, y)) {
                fprintf(stderr, "%s (offering %s): prefilter %s x%zu, reference %s x%zu\n", name,
                        kind, x ? x->rule->id : "-", x ? x->count : 0, y ? y->rule->id : "-",
                        y ? y->count : 0);
                break;
            }
        }
    }
}

/* One page, every offering kind (so every rule applies), both ways. */
static void
check_page(cmp_state *cs, const char *name, const char *url, const char *html, size_t len)
{
    hd_page_limits limits = HD_PAGE_LIMITS_INIT;
    hd_page page;
    const hd_page *pages[1] = { &page };
    hd_eval_opts with = { NULL, false };
    hd_eval_opts without = { NULL, true };
    hd_page_hits *hits_with = NULL;
    hd_page_hits *hits_without = NULL;

    if (hd_page_parse(&page, cs->ctx, url, html, len, "text/html; charset=utf-8", &limits) < 0) {
        fail_msg("%s: %s", name, hurdle_ctx_error(cs->ctx));
    }
    hd_rules_classify(cs->rs, &page);
    /* the page's hits once each way, for every offering kind; then each kind from them */
    assert_int_equal(hd_ev_page_hits(&hits_with, cs->ctx, cs->rs, &page, HD_KIND_ANY, &with),
                     HURDLE_OK);
    assert_int_equal(hd_ev_page_hits(&hits_without, cs->ctx, cs->rs, &page, HD_KIND_ANY, &without),
                     HURDLE_OK);
    for (size_t k = 0; k < HD_NKINDS; k++) {
        const hd_page_hits *ha[1] = { hits_with };
        const hd_page_hits *hb[1] = { hits_without };
        hd_eval_result a;
        hd_eval_result b;
        assert_int_equal(hd_rules_eval_hits(&a, cs->ctx, cs->rs, pages, ha, 1, hd_kind_names[k]),
                         HURDLE_OK);
        assert_int_equal(hd_rules_eval_hits(&b, cs->ctx, cs->rs, pages, hb, 1, hd_kind_names[k]),
                         HURDLE_OK);
        compare(cs, name, hd_kind_names[k], &a, &b);
        hd_eval_result_dispose(&a);
        hd_eval_result_dispose(&b);
    }
    hd_page_hits_free(hits_with, cs->ctx);
    hd_page_hits_free(hits_without, cs->ctx);
    hd_page_dispose(&page);
    cs->pages++;
}

static void check_file(cmp_state *cs, const char *path, const char *url)
{
    size_t len = 0;
    char *html = ts_read(path, &len);

    check_page(cs, path, url, html, len);
    free(html);
}

/* Wraps an example's fragment into a page, as examples.c does. */
static const char *wrap(cmp_state *cs, const char *html)
{
    hd_buf_clear(&cs->html);
    if (strstr(html, "<html") || strstr(html, "<HTML")) {
        hd_buf_puts(&cs->html, html);
    } else {
        hd_buf_puts(&cs->html, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                               "<title>Example</title></head><body>\n");
        hd_buf_puts(&cs->html, html);
        hd_buf_puts(&cs->html, "\n</body></html>\n");
    }
    assert_int_equal(hd_buf_err(&cs->html), HURDLE_OK);
    return cs->html.ptr;
}

static void prefilter_same_hits_on_examples(void **state)
{
    cmp_state *cs = *state;
    char name[256];

    for (size_t i = 0; i < cs->rs->nrules; i++) {
        const hd_rule *r = &cs->rs->rules[i];
        for (size_t k = 0; k < r->nexamples; k++) {
            const hd_example *ex = &r->examples[k];
            const char *html = wrap(cs, ex->html);
            snprintf(name, sizeof(name), "%s example %zu", r->id, k + 1);
            check_page(cs, name, ex->url ? ex->url : "https://example.com/offer", html,
                       strlen(html));
        }
    }
    fprintf(stderr, "examples: %zu pages, %zu hits compared\n", cs->pages, cs->hits);
    assert_int_equal(cs->mismatches, 0);
    assert_true(cs->hits > 50);
}

/* Every .html file under `dir`, recursively, in name order. */
static void check_dir(cmp_state *cs, const char *dir)
{
    struct dirent **ents = NULL;
    int n = scandir(dir, &ents, NULL, alphasort);
    char path[4096];
    struct stat st;

    assert_true(n >= 0);
    for (int i = 0; i < n; i++) {
        const char *e = ents[i]->d_name;
        size_t l = strlen(e);
        snprintf(path, sizeof(path), "%s/%s", dir, e);
        if (e[0] != '.' && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            check_dir(cs, path);
        } else if (l > 5 && strcmp(e + l - 5, ".html") == 0) {
            check_file(cs, path, "https://shop.example.com/offer");
        }
        free(ents[i]);
    }
    free(ents);
}

static void prefilter_same_hits_on_corpus(void **state)
{
    cmp_state *cs = *state;
    char dir[4096];

    snprintf(dir, sizeof(dir), "%s", ts_path("corpus/site"));
    check_dir(cs, dir);
    snprintf(dir, sizeof(dir), "%s", ts_path("corpus/cases"));
    check_dir(cs, dir);
    fprintf(stderr, "corpus: %zu pages, %zu hits compared\n", cs->pages, cs->hits);
    assert_int_equal(cs->mismatches, 0);
    assert_true(cs->pages >= 16);
    assert_true(cs->hits > 50);
}

/* Pages of bench/gen_corpus.c (the benchmark's corpus). */
static void prefilter_same_hits_on_bench_pages(void **state)
{
    cmp_state *cs = *state;
    char dir[] = "/tmp/hurdle-prefilter-XXXXXX";
    char cmd[4096];
    char path[4096];

    assert_non_null(mkdtemp(dir));
    snprintf(cmd, sizeof(cmd), "'%s' -n %d -k 94 -s 7 '%s' >/dev/null", HURDLE_GEN_CORPUS,
             BENCH_PAGES, dir);
    assert_int_equal(system(cmd), 0);
    for (int i = 0; i < BENCH_PAGES; i++) {
        snprintf(path, sizeof(path), "%s/page-%05d.html", dir, i);
        check_file(cs, path, "https://shop.example.com/offer");
        assert_int_equal(unlink(path), 0);
    }
    rmdir(dir);
    fprintf(stderr, "bench pages: %zu pages, %zu hits compared\n", cs->pages, cs->hits);
    assert_int_equal(cs->mismatches, 0);
    assert_true(cs->hits > 500);
}

/* Appends `html` with its text (not its tags) changed by transform `t`. */
static void transformed(hd_buf *b, const char *html, int t)
{
    bool tag = false;
    size_t n = 0;

    for (const char *p = html; *p; p++) {
        char c = *p;
        tag = c == '<' ? true : tag;
        if (tag) {
            hd_buf_putc(b, c);
            tag = c != '>';
            continue;
        }
        n++;
        if (t == 1 && c == ' ') {
            hd_buf_puts(b, "</p>\n<p>"); /* every word its own block */
        } else if (t == 2 && c == ' ') {
            hd_buf_puts(b, n % 2 ? "<br>" : "\n");
        } else if (t == 3 && c >= 'a' && c <= 'z') {
            hd_buf_putc(b, (char)(c - 32));
        } else if (t == 4 && (c == 'k' || c == 'K') && n % 2) {
            hd_buf_puts(b, "\xe2\x84\xaa"); /* KELVIN SIGN: caseless k */
        } else if (t == 4 && (c == 's' || c == 'S') && n % 3) {
            hd_buf_puts(b, "\xc5\xbf"); /* LATIN SMALL LETTER LONG S: caseless s */
        } else if (!(t == 5 && c == ' ' && n % 3 == 0)) { /* 5: words run together */
            hd_buf_putc(b, c);
        }
    }
}

/* Every rule's examples in one page, changed to cross blocks, case, folds. */
static void prefilter_same_hits_on_stress_pages(void **state)
{
    cmp_state *cs = *state;
    char name[64];

    for (int t = 0; t <= 5; t++) {
        hd_buf_clear(&cs->html);
        hd_buf_puts(&cs->html, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                               "<title>Stress</title></head><body>\n<p>");
        for (size_t i = 0; i < cs->rs->nrules; i++) {
            const hd_rule *r = &cs->rs->rules[i];
            for (size_t k = 0; k < r->nexamples; k++) {
                transformed(&cs->html, r->examples[k].html, t);
                hd_buf_puts(&cs->html, k % 2 ? "\n" : " ");
                transformed(&cs->html, r->examples[k].html, t); /* twice, back to back */
            }
        }
        hd_buf_puts(&cs->html, "</p></body></html>\n");
        assert_int_equal(hd_buf_err(&cs->html), HURDLE_OK);
        snprintf(name, sizeof(name), "stress page %d", t);
        check_page(cs, name, "https://shop.example.com/rebate/terms", cs->html.ptr, cs->html.len);
    }
    fprintf(stderr, "stress: %zu pages, %zu hits compared\n", cs->pages, cs->hits);
    assert_int_equal(cs->mismatches, 0);
    assert_true(cs->hits > 200);
}

static int reset(void **state)
{
    cmp_state *cs = *state;

    cs->pages = 0;
    cs->hits = 0;
    cs->mismatches = 0;
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prefilter_literal_sets),
        cmocka_unit_test(prefilter_literal_gives_up),
        cmocka_unit_test(prefilter_literals_of_real_rules),
        cmocka_unit_test_setup(prefilter_same_hits_on_examples, reset),
        cmocka_unit_test_setup(prefilter_same_hits_on_corpus, reset),
        cmocka_unit_test_setup(prefilter_same_hits_on_bench_pages, reset),
        cmocka_unit_test_setup(prefilter_same_hits_on_stress_pages, reset),
    };
    return cmocka_run_group_tests(tests, cmp_setup, cmp_teardown);
}
