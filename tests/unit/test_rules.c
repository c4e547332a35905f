/*
 * Unit tests of rules/eval.c, eval_field.c and metric.c on pages built by
 * hand (no html module needed): pattern evidence, unless, ignore marks,
 * applies_to, field rules, min_count, metrics, ordering, limits, classify.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules/internal.h"

#define EX "\"examples\": {\"match\": [\"<p>a</p>\"], \"no_match\": [\"<p>b</p>\"]}"

static const char *const pack =
    "{\"rules\": [\n"
    "{\"id\": \"t.mail\", \"kind\": \"pattern\", \"dimension\": \"terms\", \"severity\": "
    "\"serious\", \"gating\": true, \"message\": \"m\", \"advice\": \"a\", \"regex\": "
    "\"mail-in\", \"unless\": \"\\\\bno mail-in\", \"applies_to\": [\"rebate\"], "
    "\"prefilter\": [\"MAIL\"], " EX "},\n"
    "{\"id\": \"t.words\", \"kind\": \"pattern\", \"dimension\": \"jargon\", \"severity\": "
    "\"minor\", \"message\": \"m\", \"advice\": \"a\", \"words\": \"w.tsv\", " EX "},\n"
    "{\"id\": \"t.density\", \"kind\": \"metric\", \"dimension\": \"jargon\", \"message\": "
    "\"m\", \"advice\": \"a\", \"metric\": \"hits_per_100_words:t.words\", \"curve\": "
    "{\"good\": 1, \"median\": 5}, \"weight\": 10, " EX "},\n"
    "{\"id\": \"t.en\", \"kind\": \"pattern\", \"dimension\": \"jargon\", \"severity\": "
    "\"minor\", \"message\": \"m\", \"advice\": \"a\", \"words\": \"w.tsv\", "
    "\"languages\": [\"en\"], " EX "},\n"
    "{\"id\": \"t.en-density\", \"kind\": \"metric\", \"dimension\": \"jargon\", \"message\": "
    "\"m\", \"advice\": \"a\", \"metric\": \"hits_per_100_words:t.en,t.words\", \"curve\": "
    "{\"good\": 1, \"median\": 5}, \"weight\": 10, \"languages\": \"en\", " EX "},\n"
    "{\"id\": \"t.apply\", \"kind\": \"pattern\", \"dimension\": \"jargon\", \"severity\": "
    "\"minor\", \"message\": \"m\", \"advice\": \"a\", \"regex\": \"terms apply\", "
    "\"unless_linked\": true, " EX "},\n"
    "{\"id\": \"t.card\", \"kind\": \"field\", \"dimension\": \"fields\", \"severity\": "
    "\"serious\", \"message\": \"m\", \"advice\": \"a\", \"purpose\": \"cc-*\", \"form_kind\": "
    "\"signup\", \"page_text\": \"free trial\", " EX "},\n"
    "{\"id\": \"t.many\", \"kind\": \"field\", \"dimension\": \"fields\", \"severity\": "
    "\"minor\", \"message\": \"m\", \"advice\": \"a\", \"type\": \"text\", \"min_count\": 3, "
    EX "},\n"
    "{\"id\": \"t.visible\", \"kind\": \"metric\", \"dimension\": \"fields\", \"severity\": "
    "\"moderate\", \"message\": \"m\", \"advice\": \"a\", \"metric\": \"fields.visible\", "
    "\"above\": 2, " EX "},\n"
    "{\"id\": \"t.slow\", \"kind\": \"pattern\", \"dimension\": \"opacity\", \"severity\": "
    "\"minor\", \"message\": \"m\", \"advice\": \"a\", \"regex\": \"(a+)+$\", \"scope\": "
    "\"fine_print\", " EX "},\n"
    "{\"id\": \"t.kind\", \"kind\": \"page-kind\", \"page_kind\": \"rebate\", \"weight\": 3, "
    "\"message\": \"m\", \"regex\": \"rebate\", \"scope\": \"title\", " EX "}\n"
    "]}";

typedef struct fixture {
    char root[128];
    hurdle_ctx *ctx;
    hurdle_ruleset *rs;
    char log[2048];
} fixture;

static void put(const char *dir, const char *rel, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void on_log(hurdle_log_level level, const char *msg, void *payload)
{
    fixture *fx = payload;
    size_t n = strlen(fx->log);

    (void)level;
    snprintf(fx->log + n, sizeof(fx->log) - n, "%s\n", msg);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof(*fx));
    const char *dirs[1];
    char en[200];

    assert_non_null(fx);
    snprintf(fx->root, sizeof(fx->root), "/tmp/hurdle-eval-XXXXXX");
    assert_non_null(mkdtemp(fx->root));
    snprintf(en, sizeof(en), "%s/en", fx->root);
    assert_int_equal(mkdir(en, 0700), 0);
    put(fx->root, "scoring.json", "{\"version\": \"t\", \"max_evidence\": 3, "
                                  "\"regex_match_limit\": 10000}");
    put(fx->root, "en/p.json", pack);
    put(fx->root, "en/w.tsv", "phrase\tadvice\nutilize\tuse\nprior to\tbefore\n");
    fx->ctx = ts_ctx();
    hurdle_ctx_set_log(fx->ctx, on_log, HURDLE_LOG_WARN, fx);
    dirs[0] = fx->root;
    if (hurdle_ruleset_load(&fx->rs, fx->ctx, dirs, 1) != 0) {
        fail_msg("%s", hurdle_ctx_error(fx->ctx));
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char cmd[200];

    hurdle_ruleset_free(fx->rs);
    hurdle_ctx_free(fx->ctx);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->root);
    assert_int_equal(system(cmd), 0);
    free(fx);
    return 0;
}

/* A page whose text is `text`, one span per '\n'-separated block, paths p[1], p[2]... */
static void page_init(hd_page *pg, hurdle_ctx *ctx, const char *kind, const char *text,
                      const char *ignore2)
{
    hd_text *t = &pg->scopes[HD_SCOPE_TEXT];
    size_t n = 1;

    memset(pg, 0, sizeof(*pg));
    hd_arena_init(&pg->arena, ctx, 0);
    pg->url = "https://example.com/offer";
    pg->kind = kind;
    for (int s = 0; s < HD_SCOPE_COUNT; s++) {
        pg->scopes[s].text = "";
    }
    t->text = text;
    t->len = strlen(text);
    for (const char *p = text; *p; p++) {
        n += *p == '\n';
    }
    t->spans = hd_arena_array(&pg->arena, n, sizeof(hd_span));
    assert_non_null(t->spans);
    for (size_t i = 0, off = 0; i < n; i++) {
        char path[64];
        snprintf(path, sizeof(path), "/html/body/p[%zu]", i + 1);
        t->spans[i].off = off;
        t->spans[i].path = hd_arena_strdup(&pg->arena, path);
        t->spans[i].ignore = i == 1 ? ignore2 : NULL;
        off += strcspn(text + off, "\n") + 1;
    }
    t->nspans = n;
    pg->stats.words = 20;
}

static const hd_finding *find(const hd_eval_result *r, const char *id)
{
    for (size_t i = 0; i < r->nfindings; i++) {
        if (strcmp(hd_rule_id(r->findings[i].rule), id) == 0) {
            return &r->findings[i];
        }
    }
    return NULL;
}

static void eval_pattern(fixture *fx, const char *kind, const char *offering, const char *ign,
                         hd_eval_result *res)
{
    hd_page pg;
    const hd_page *pages[] = { &pg };

    page_init(&pg, fx->ctx, kind, "Intro line.\nPlease send the MAIL-IN form by June.\n"
                                  "No mail-in is needed online.", ign);
    assert_int_equal(hd_rules_eval(res, fx->ctx, fx->rs, pages, 1, offering), HURDLE_OK);
    hd_arena_dispose(&pg.arena);
}

static void rules_pattern_evidence(void **state)
{
    fixture *fx = *state;
    hd_eval_result res;
    const hd_finding *f;

    eval_pattern(fx, "rebate", "rebate", NULL, &res);
    f = find(&res, "t.mail");
    assert_non_null(f);
    assert_int_equal(f->count, 1); /* the "no mail-in" block is vetoed by unless */
    assert_true(f->points == 7.0);
    assert_int_equal(f->nevidence, 1);
    assert_int_equal(f->evidence[0].page, 0);
    assert_string_equal(f->evidence[0].path, "/html/body/p[2]");
    assert_string_equal(f->evidence[0].match, "MAIL-IN");
    assert_non_null(strstr(f->evidence[0].context, "Please send the MAIL-IN form"));
    assert_null(strstr(f->evidence[0].context, "Intro line")); /* the block before is left out */
    assert_true(hd_rule_gating(f->rule));
    hd_eval_result_dispose(&res);
}

static void rules_ignore_and_applies_to(void **state)
{
    fixture *fx = *state;
    hd_eval_result res;

    eval_pattern(fx, "rebate", "rebate", "t.mail", &res);
    assert_null(find(&res, "t.mail"));
    hd_eval_result_dispose(&res);
    eval_pattern(fx, "rebate", "rebate", "other.rule  t.mail", &res);
    assert_null(find(&res, "t.mail"));
    hd_eval_result_dispose(&res);
    eval_pattern(fx, "rebate", "rebate", "all", &res);
    assert_null(find(&res, "t.mail"));
    hd_eval_result_dispose(&res);
    eval_pattern(fx, "rebate", "rebate", "t.mail-other", &res);
    assert_non_null(find(&res, "t.mail"));
    hd_eval_result_dispose(&res);
    eval_pattern(fx, "other", "signup", NULL, &res); /* neither page nor offering is a rebate */
    assert_null(find(&res, "t.mail"));
    hd_eval_result_dispose(&res);
    eval_pattern(fx, "other", "rebate", NULL, &res); /* the offering kind is enough */
    assert_non_null(find(&res, "t.mail"));
    hd_eval_result_dispose(&res);
}

static void rules_words_metric_and_evidence_cap(void **state)
{
    fixture *fx = *state;
    hd_page pg;
    const hd_page *pages[] = { &pg };
    hd_eval_result res;
    const hd_finding *f;

    page_init(&pg, fx->ctx, "other",
              "Utilize it prior to use.\nUTILIZE. utilize, utilize; utilized", NULL);
    assert_int_equal(hd_rules_eval(&res, fx->ctx, fx->rs, pages, 1, "other"), HURDLE_OK);
    f = find(&res, "t.words");
    assert_non_null(f);
    assert_int_equal(f->count, 5);
    assert_int_equal(f->nevidence, 2); /* one per phrase, case folded */
    assert_string_equal(f->evidence[0].match, "Utilize");
    assert_int_equal(f->evidence[0].count, 4);
    assert_string_equal(f->evidence[0].advice, "use");
    assert_string_equal(f->evidence[0].role, "body");
    assert_string_equal(f->evidence[1].match, "prior to");
    assert_int_equal(f->evidence[1].count, 1);
    assert_string_equal(f->evidence[1].advice, "before");
    assert_int_equal(res.nmetrics, 2); /* t.density, t.en-density */
    assert_string_equal(hd_rule_id(res.metrics[0].rule), "t.density");
    assert_true(res.metrics[0].value == 25.0); /* 5 hits in 20 words */
    assert_true(res.metrics[0].friction > 85);
    assert_true(res.metrics[0].points > 8.5 && res.metrics[0].points <= 10);
    f = find(&res, "t.density"); /* friction >= 50: a finding without points */
    assert_non_null(f);
    assert_true(f->points == 0.0);
    hd_eval_result_dispose(&res);
    hd_arena_dispose(&pg.arena);
}

static void rules_languages_and_terms_linked(void **state)
{
    fixture *fx = *state;
    hd_page pg;
    const hd_page *pages[] = { &pg };
    hd_eval_result res;
    hd_link link = { "https://example.com/offer/terms", "Offer details", "/html/body/a[1]" };

    page_init(&pg, fx->ctx, "other", "Utilize it now. Terms apply.", NULL);
    pg.stats.words = 5;
    pg.language = "de"; /* known and not English: the English rules are skipped */
    assert_int_equal(hd_rules_eval(&res, fx->ctx, fx->rs, pages, 1, "other"), HURDLE_OK);
    assert_non_null(find(&res, "t.words"));
    assert_null(find(&res, "t.en"));
    assert_non_null(find(&res, "t.apply"));
    assert_int_equal(res.nmetrics, 1);
    assert_int_equal(res.nskipped, 2);
    assert_string_equal(hd_rule_id(res.skipped[0]), "t.en");
    assert_string_equal(hd_rule_id(res.skipped[1]), "t.en-density");
    hd_eval_result_dispose(&res);
    pg.language = ""; /* unknown counts as English, as does NULL */
    assert_int_equal(hd_rules_eval(&res, fx->ctx, fx->rs, pages, 1, "other"), HURDLE_OK);
    assert_non_null(find(&res, "t.en"));
    assert_int_equal(res.nskipped, 0);
    assert_int_equal(res.nmetrics, 2);
    assert_true(res.metrics[1].value == 40.0); /* (1 + 1) hits in 5 words */
    hd_eval_result_dispose(&res);
    pg.links = &link; /* a link to the terms: "terms apply" is no longer a finding */
    pg.nlinks = 1;
    assert_int_equal(hd_rules_eval(&res, fx->ctx, fx->rs, pages, 1, "other"), HURDLE_OK);
    assert_null(find(&res, "t.apply"));
    hd_eval_result_dispose(&res);
    hd_arena_dispose(&pg.arena);
}

static void add_field(hd_page *pg, const char *type, const char *purpose, bool visible)
{
    hd_field *f = &pg->fields[pg->nfields];

    memset(f, 0, sizeof(*f));
    f->index = pg->nfields++;
    f->tag = strcmp(type, "submit") == 0 ? "button" : "input";
    f->type = type;
    f->name = purpose;
    f->label = purpose;
    f->purpose = purpose;
    f->path = "/html/body/form/input";
    f->autocomplete = "";
    f->form = 0;
    f->visible = visible;
    f->maxlength = -1;
}

static void field_page(hd_page *pg, hurdle_ctx *ctx, const char *text, size_t ntext)
{
    page_init(pg, ctx, "signup", text, NULL);
    pg->forms = hd_arena_array(&pg->arena, 1, sizeof(hd_form));
    pg->fields = hd_arena_array(&pg->arena, 16, sizeof(hd_field));
    assert_non_null(pg->fields);
    pg->nforms = 1;
    pg->forms[0].kind = "signup";
    add_field(pg, "email", "email", true);
    add_field(pg, "text", "cc-number", true);
    add_field(pg, "hidden", "unknown", false);
    add_field(pg, "submit", "submit", true);
    for (size_t i = 0; i < ntext; i++) {
        add_field(pg, "text", "given-name", true);
    }
}

static void rules_field_rules_and_metrics(void **state)
{
    fixture *fx = *state;
    hd_page pg;
    const hd_page *pages[] = { &pg };
    hd_eval_result res;
    const hd_finding *f;

    field_page(&pg, fx->ctx, "Start your free trial today.", 1);
    assert_int_equal(hd_rules_eval(&res, fx->ctx, fx->rs, pages, 1, "signup"), HURDLE_OK);
    f = find(&res, "t.card");
    assert_non_null(f);
    assert_int_equal(f->count, 1);
    assert_string_equal(f->evidence[0].match, "cc-number");
    assert_non_null(strstr(f->evidence[0].context, "purpose cc-number, form signup"));
    assert_null(find(&res, "t.many")); /* 2 text fields < min_count 3 */
    f = find(&res, "t.visible");        /* email, cc, name: hidden and submit left out */
    assert_non_null(f);
    assert_true(f->value == 3.0);
    assert_true(f->points == 3.0);
    /* sorted by dimension, then id */
    for (size_t i = 1; i < res.nfindings; i++) {
        const hd_rule *a = res.findings[i - 1].rule;
        const hd_rule *b = res.findings[i].rule;
        assert_true(hd_rule_dim(a) < hd_rule_dim(b) ||
                    (hd_rule_dim(a) == hd_rule_dim(b) && strcmp(hd_rule_id(a), hd_rule_id(b)) < 0));
    }
    hd_eval_result_dispose(&res);
    hd_arena_dispose(&pg.arena);

    field_page(&pg, fx->ctx, "Create your account.", 2);
    pg.fields[1].ignore = "t.visible";
    assert_int_equal(hd_rules_eval(&res, fx->ctx, fx->rs, pages, 1, "signup"), HURDLE_OK);
    assert_null(find(&res, "t.card")); /* no "free trial" on the page */
    assert_non_null(find(&res, "t.many"));
    hd_eval_result_dispose(&res);
    hd_arena_dispose(&pg.arena);
}

/* A radio group is one question in fields.visible: email, cc and the plan group. */
static void rules_radio_group_counts_once(void **state)
{
    fixture *fx = *state;
    hd_page pg;
    const hd_page *pages[] = { &pg };
    hd_eval_result res;
    const hd_finding *f;

    field_page(&pg, fx->ctx, "Choose a plan.", 0);
    for (int i = 0; i < 3; i++) {
        add_field(&pg, "radio", "plan", true);
    }
    assert_int_equal(hd_rules_eval(&res, fx->ctx, fx->rs, pages, 1, "signup"), HURDLE_OK);
    f = find(&res, "t.visible");
    assert_non_null(f);
    assert_true(f->value == 3.0);
    hd_eval_result_dispose(&res);
    hd_arena_dispose(&pg.arena);
}

static void rules_regex_limit_warns_and_stops(void **state)
{
    fixture *fx = *state;
    hd_page pg;
    const hd_page *pages[] = { &pg };
    hd_eval_result res;

    page_init(&pg, fx->ctx, "other", "text", NULL);
    pg.scopes[HD_SCOPE_FINE_PRINT].text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
    pg.scopes[HD_SCOPE_FINE_PRINT].len = strlen(pg.scopes[HD_SCOPE_FINE_PRINT].text);
    fx->log[0] = '\0';
    assert_int_equal(hd_rules_eval(&res, fx->ctx, fx->rs, pages, 1, "other"), HURDLE_OK);
    assert_null(find(&res, "t.slow"));
    assert_non_null(strstr(fx->log, "t.slow"));
    assert_non_null(strstr(fx->log, "match limit on https://example.com/offer"));
    hd_eval_result_dispose(&res);
    hd_arena_dispose(&pg.arena);
}

static void rules_classify_by_weight(void **state)
{
    fixture *fx = *state;
    hd_page pg;

    page_init(&pg, fx->ctx, "other", "text", NULL);
    pg.scopes[HD_SCOPE_TITLE].text = "Spring Rebate Center";
    pg.scopes[HD_SCOPE_TITLE].len = strlen(pg.scopes[HD_SCOPE_TITLE].text);
    hd_rules_classify(fx->rs, &pg);
    assert_string_equal(pg.kind, "rebate");
    pg.scopes[HD_SCOPE_TITLE].text = "Spring sale";
    pg.scopes[HD_SCOPE_TITLE].len = strlen(pg.scopes[HD_SCOPE_TITLE].text);
    hd_rules_classify(fx->rs, &pg);
    assert_string_equal(pg.kind, "other");
    hd_arena_dispose(&pg.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(rules_pattern_evidence, setup, teardown),
        cmocka_unit_test_setup_teardown(rules_ignore_and_applies_to, setup, teardown),
        cmocka_unit_test_setup_teardown(rules_words_metric_and_evidence_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(rules_languages_and_terms_linked, setup, teardown),
        cmocka_unit_test_setup_teardown(rules_field_rules_and_metrics, setup, teardown),
        cmocka_unit_test_setup_teardown(rules_radio_group_counts_once, setup, teardown),
        cmocka_unit_test_setup_teardown(rules_regex_limit_warns_and_stops, setup, teardown),
        cmocka_unit_test_setup_teardown(rules_classify_by_weight, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
