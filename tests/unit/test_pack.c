/*
 * Unit tests of rules/pack.c: loading the real rule packs, and every
 * validation error on broken packs written into a temporary folder.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/internal.h"

#define SCORING "{\"version\": \"t1\", \"max_evidence\": 3}"
#define EXAMPLES "\"examples\": {\"match\": [\"<p>a</p>\"], \"no_match\": [\"<p>b</p>\"]}"
#define RULE(extra)                                                                                \
    "{\"rules\": [{\"id\": \"t.rule\", \"kind\": \"pattern\", \"dimension\": \"terms\", "          \
    "\"severity\": \"minor\", \"message\": \"m\", \"advice\": \"a\", \"regex\": \"x\", " EXAMPLES  \
    extra "}]}"

typedef struct tdir {
    char root[256];
} tdir;

static void put(const tdir *d, const char *rel, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", d->root, rel);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void tdir_make(tdir *d)
{
    char sub[300];

    snprintf(d->root, sizeof(d->root), "/tmp/hurdle-pack-XXXXXX");
    assert_non_null(mkdtemp(d->root));
    snprintf(sub, sizeof(sub), "%s/en", d->root);
    assert_int_equal(mkdir(sub, 0700), 0);
    put(d, "scoring.json", SCORING);
}

static void tdir_remove(const tdir *d)
{
    char cmd[400];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d->root);
    assert_int_equal(system(cmd), 0);
}

/* Loads `pack` as en/p.json and returns the status; the message in `msg`. */
static int load_one(const char *pack, char *msg, size_t size)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rs = NULL;
    tdir d;
    const char *dirs[1];
    int rc;

    tdir_make(&d);
    put(&d, "en/p.json", pack);
    dirs[0] = d.root;
    rc = hurdle_ruleset_load(&rs, ctx, dirs, 1);
    snprintf(msg, size, "%s", hurdle_ctx_error(ctx));
    if (rc == 0) {
        assert_non_null(rs);
    } else {
        assert_null(rs);
    }
    hurdle_ruleset_free(rs);
    hurdle_ctx_free(ctx);
    tdir_remove(&d);
    return rc;
}

static void expect_error(const char *pack, int code, const char *needle)
{
    char msg[600];
    int rc = load_one(pack, msg, sizeof(msg));

    if (rc != code || !strstr(msg, needle)) {
        fail_msg("got %d '%s', wanted %d with '%s'", rc, msg, code, needle);
    }
}

static void pack_loads_real_rules(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rs = NULL;
    const char *dirs[] = { ts_path("rules") };
    hurdle_buf json = HURDLE_BUF_INIT;
    int counts[HD_DIM_COUNT] = { 0 };

    (void)state;
    assert_int_equal(hurdle_ruleset_load(&rs, ctx, dirs, 1), HURDLE_OK);
    assert_true(hurdle_ruleset_count(rs) >= 40);
    assert_non_null(strstr(hurdle_ruleset_version(rs), "2026.11-"));
    assert_int_equal(strlen(hurdle_ruleset_version(rs)), strlen("2026.11-") + 8);
    for (size_t i = 0; i < hd_ruleset_nrules(rs); i++) {
        const hd_rule *r = hd_ruleset_rule(rs, i);
        if (hd_rule_kind_of(r) != HD_RULE_PAGE_KIND) {
            counts[hd_rule_dim(r)]++;
        }
        if (i) { /* sorted by id */
            assert_true(strcmp(hd_rule_id(hd_ruleset_rule(rs, i - 1)), hd_rule_id(r)) < 0);
        }
    }
    for (int d = 0; d < HD_DIM_COUNT; d++) {
        assert_true(counts[d] >= 5);
    }
    assert_int_equal(hd_ruleset_scoring(rs)->max_evidence, 5);
    assert_true(hd_ruleset_scoring(rs)->severity_points[HURDLE_SEV_SERIOUS] == 7.0);
    assert_int_equal(hurdle_ruleset_to_json(&json, ctx, rs), HURDLE_OK);
    assert_non_null(strstr(json.ptr, "\"rebate.mail-in-only\""));
    hurdle_buf_dispose(&json);
    hurdle_ruleset_free(rs);
    hurdle_ctx_free(ctx);
}

static void pack_version_is_deterministic(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *a = NULL;
    hurdle_ruleset *b = NULL;
    const char *dirs[] = { ts_path("rules") };

    (void)state;
    assert_int_equal(hurdle_ruleset_load(&a, ctx, dirs, 1), HURDLE_OK);
    assert_int_equal(hurdle_ruleset_load(&b, ctx, dirs, 1), HURDLE_OK);
    assert_string_equal(hurdle_ruleset_version(a), hurdle_ruleset_version(b));
    hurdle_ruleset_free(a);
    hurdle_ruleset_free(b);
    hurdle_ctx_free(ctx);
}

static void pack_override_changes_severity(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rs = NULL;
    const char *dirs[] = { ts_path("rules") };
    const hd_rule *r = NULL;

    (void)state;
    assert_int_equal(hurdle_ruleset_load(&rs, ctx, dirs, 1), HURDLE_OK);
    assert_int_equal(hurdle_ruleset_override(rs, ctx, "rebate.one-per-household", "critical"), 0);
    for (size_t i = 0; i < hd_ruleset_nrules(rs); i++) {
        if (strcmp(hd_rule_id(hd_ruleset_rule(rs, i)), "rebate.one-per-household") == 0) {
            r = hd_ruleset_rule(rs, i);
        }
    }
    assert_non_null(r);
    assert_int_equal(hd_rule_severity(r), HURDLE_SEV_CRITICAL);
    assert_int_equal(hurdle_ruleset_override(rs, ctx, "rebate.one-per-household", NULL), 0);
    assert_int_equal(hd_rule_severity(r), 0);
    assert_int_equal(hurdle_ruleset_override(rs, ctx, "no.such-rule", "minor"),
                     HURDLE_ENOTFOUND);
    assert_int_equal(hurdle_ruleset_override(rs, ctx, "rebate.one-per-household", "huge"),
                     HURDLE_EINVAL);
    hurdle_ruleset_free(rs);
    hurdle_ctx_free(ctx);
}

static void pack_json_syntax_error_names_line(void **state)
{
    (void)state;
    expect_error("{\n\"rules\": [\n{\"id\": \"t.a\",,}\n]}", HURDLE_EPARSE,
                 "en/p.json:3: json syntax error");
}

static void pack_rejects_bad_rules(void **state)
{
    (void)state;
    expect_error(RULE(", \"colour\": 1"), HURDLE_EINVAL, "en/p.json: t.rule: unknown key colour");
    expect_error(RULE(", \"unless\": \"(a\""), HURDLE_EPARSE, "t.rule: bad regex: missing closing");
    expect_error(RULE(", \"unless\": \"(a\""), HURDLE_EPARSE, "at offset 2");
    expect_error(RULE(", \"scope\": \"footer\""), HURDLE_EINVAL, "t.rule: bad scope: footer");
    expect_error(RULE(", \"applies_to\": [\"blog\"]"), HURDLE_EINVAL, "bad applies_to kind: blog");
    expect_error("{\"rules\": [{\"id\": \"t.r\", \"kind\": \"pattern\", \"dimension\": \"speed\", "
                 "\"severity\": \"minor\", \"message\": \"m\", \"advice\": \"a\", \"regex\": \"x\", " EXAMPLES "}]}",
                 HURDLE_EINVAL, "en/p.json: t.r: bad dimension");
    expect_error("{\"rules\": [{\"id\": \"t.r\", \"kind\": \"pattern\", \"dimension\": \"terms\", "
                 "\"severity\": \"awful\", \"message\": \"m\", \"advice\": \"a\", \"regex\": \"x\", " EXAMPLES "}]}",
                 HURDLE_EINVAL, "t.r: bad severity");
    expect_error("{\"rules\": [{\"id\": \"t.r\", \"kind\": \"xpath\", \"message\": \"m\"}]}",
                 HURDLE_EINVAL, "t.r: bad kind");
    expect_error("{\"rules\": [{\"id\": \"t.r\", \"kind\": \"pattern\", \"dimension\": \"terms\", "
                 "\"severity\": \"minor\", \"advice\": \"a\", \"regex\": \"x\", " EXAMPLES "}]}",
                 HURDLE_EINVAL, "en/p.json: t.r: missing message");
    expect_error("{\"rules\": [{\"id\": \"Bad Id\", \"kind\": \"pattern\"}]}", HURDLE_EINVAL,
                 "bad id");
}

static void pack_rejects_missing_examples(void **state)
{
    (void)state;
    expect_error("{\"rules\": [{\"id\": \"t.r\", \"kind\": \"pattern\", \"dimension\": \"terms\", "
                 "\"severity\": \"minor\", \"message\": \"m\", \"advice\": \"a\", \"regex\": \"x\", "
                 "\"examples\": {\"match\": [\"<p>x</p>\"]}}]}",
                 HURDLE_EINVAL, "t.r: needs examples.match and examples.no_match");
}

static void pack_rejects_duplicate_id(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rs = NULL;
    tdir d;
    const char *dirs[1];

    (void)state;
    tdir_make(&d);
    put(&d, "en/a.json", RULE(""));
    put(&d, "en/b.json", RULE(""));
    dirs[0] = d.root;
    assert_int_equal(hurdle_ruleset_load(&rs, ctx, dirs, 1), HURDLE_EINVAL);
    assert_string_equal(hurdle_ctx_error(ctx), "en/b.json: t.rule: duplicate id (also in en/a.json)");
    assert_null(rs);
    tdir_remove(&d);
    hurdle_ctx_free(ctx);
}

static void pack_rejects_missing_word_list(void **state)
{
    (void)state;
    expect_error("{\"rules\": [{\"id\": \"t.w\", \"kind\": \"pattern\", \"dimension\": \"jargon\", "
                 "\"severity\": \"minor\", \"message\": \"m\", \"advice\": \"a\", "
                 "\"words\": \"nope.tsv\", " EXAMPLES "}]}",
                 HURDLE_EIO, "en/p.json: t.w: missing word list nope.tsv");
}

static void pack_rejects_bad_curves_and_metrics(void **state)
{
    (void)state;
    expect_error("{\"rules\": [{\"id\": \"t.m\", \"kind\": \"metric\", \"dimension\": \"fields\", "
                 "\"message\": \"m\", \"advice\": \"a\", \"metric\": \"fields.visible\", "
                 "\"curve\": {\"good\": 5, \"median\": 5}, \"weight\": 3, " EXAMPLES "}]}",
                 HURDLE_EINVAL, "t.m: curve: good and median must be positive and different");
    expect_error("{\"rules\": [{\"id\": \"t.m\", \"kind\": \"metric\", \"dimension\": \"fields\", "
                 "\"message\": \"m\", \"advice\": \"a\", \"metric\": \"fields.visible\", "
                 "\"curve\": {\"good\": -1, \"median\": 5}, \"weight\": 3, " EXAMPLES "}]}",
                 HURDLE_EINVAL, "positive and different");
    expect_error("{\"rules\": [{\"id\": \"t.m\", \"kind\": \"metric\", \"dimension\": \"fields\", "
                 "\"severity\": \"minor\", \"message\": \"m\", \"advice\": \"a\", "
                 "\"metric\": \"fields.colour\", \"above\": 1, " EXAMPLES "}]}",
                 HURDLE_EINVAL, "t.m: unknown metric fields.colour");
    expect_error("{\"rules\": [{\"id\": \"t.m\", \"kind\": \"metric\", \"dimension\": \"fields\", "
                 "\"severity\": \"minor\", \"message\": \"m\", \"advice\": \"a\", "
                 "\"metric\": \"hits:no.such\", \"above\": 1, " EXAMPLES "}]}",
                 HURDLE_EINVAL, "metric hits:no.such names no pattern rule");
}

static void pack_rejects_missing_scoring_and_big_files(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rs = NULL;
    tdir d;
    const char *dirs[1];
    char path[400];
    FILE *f;

    (void)state;
    tdir_make(&d);
    dirs[0] = d.root;
    snprintf(path, sizeof(path), "%s/en/big.json", d.root);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fseek(f, (long)HD_RULES_MAX_FILE + 1, SEEK_SET), 0);
    fputc(' ', f);
    fclose(f);
    assert_int_equal(hurdle_ruleset_load(&rs, ctx, dirs, 1), HURDLE_ELIMIT);
    assert_non_null(strstr(hurdle_ctx_error(ctx), "en/big.json: file larger than"));
    snprintf(path, sizeof(path), "%s/scoring.json", d.root);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(hurdle_ruleset_load(&rs, ctx, dirs, 1), HURDLE_EIO);
    assert_non_null(strstr(hurdle_ctx_error(ctx), "scoring.json: cannot open"));
    tdir_remove(&d);
    hurdle_ctx_free(ctx);
}

#define NEUTRAL(groups)                                                                            \
    "{\"autofill\": {\"email\": \"email\"}, \"groups\": [" groups "]}"
#define GROUP_TEL "{\"id\": \"tel\", \"set\": \"text\", \"purpose\": \"tel\"}"

/* Loads purposes.json `neutral` and en/purposes.json `lang` (NULL: none); the message in `msg`. */
static int load_purposes(const char *neutral, const char *lang, char *msg, size_t size)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rs = NULL;
    tdir d;
    const char *dirs[1];
    int rc;

    tdir_make(&d);
    put(&d, "en/p.json", RULE(""));
    put(&d, "purposes.json", neutral);
    if (lang) {
        put(&d, "en/purposes.json", lang);
    }
    dirs[0] = d.root;
    rc = hurdle_ruleset_load(&rs, ctx, dirs, 1);
    snprintf(msg, size, "%s", hurdle_ctx_error(ctx));
    if (rc == 0) {
        assert_non_null(hd_ruleset_purposes(rs));
        assert_int_equal(hd_ruleset_nrules(rs), 1); /* purposes files are not packs */
    }
    hurdle_ruleset_free(rs);
    hurdle_ctx_free(ctx);
    tdir_remove(&d);
    return rc;
}

static void expect_purposes_error(const char *neutral, const char *lang, const char *needle)
{
    char msg[512];

    assert_int_equal(load_purposes(neutral, lang, msg, sizeof(msg)), HURDLE_EINVAL);
    if (!strstr(msg, needle)) {
        fail_msg("expected '%s' in '%s'", needle, msg);
    }
}

static void pack_purposes_load(void **state)
{
    char msg[512];
    const hd_purpose_table *t = ts_purposes();

    (void)state;
    assert_non_null(t);
    assert_true(hd_purpose_table_ngroups(t) >= 40);
    assert_true(hd_purpose_table_nwords(t) >= 500);
    assert_int_equal(load_purposes(NEUTRAL(GROUP_TEL),
                                   "{\"language\": \"en\", \"keywords\": {\"tel\": [\"phone\", "
                                   "\"=tel\"]}}",
                                   msg, sizeof(msg)),
                     HURDLE_OK);
}

static void pack_purposes_rejects_bad_files(void **state)
{
    const char *lang_ok = "{\"language\": \"en\", \"keywords\": {\"tel\": [\"phone\"]}}";

    (void)state;
    expect_purposes_error(NEUTRAL("{\"id\": \"x\", \"set\": \"text\", \"purpose\": \"phone\"}"),
                          NULL, "purposes.json: group 'x': missing or unknown purpose");
    expect_purposes_error(NEUTRAL("{\"id\": \"x\", \"set\": \"texts\", \"purpose\": \"tel\"}"),
                          NULL, "\"set\" must be text");
    expect_purposes_error(NEUTRAL(GROUP_TEL "," GROUP_TEL), NULL, "group 'tel' defined twice");
    expect_purposes_error("{\"autofill\": {\"e-mail\": \"email\"}, \"groups\": [" GROUP_TEL "]}",
                          NULL, "autofill: 'e-mail' is not an autocomplete field name");
    expect_purposes_error(NEUTRAL(GROUP_TEL),
                          "{\"language\": \"en\", \"keywords\": {\"tel\": [\"Phone\"]}}",
                          "en/purposes.json: group 'tel': keyword 'Phone' can never match "
                          "(empty, longer than 60 bytes, or not normalised: write 'phone')");
    expect_purposes_error(NEUTRAL(GROUP_TEL),
                          "{\"language\": \"en\", \"keywords\": {\"tel\": [\"=pass2\"]}}",
                          "write '=pass 2'");
    expect_purposes_error(NEUTRAL(GROUP_TEL),
                          "{\"language\": \"en\", \"keywords\": {\"phone\": [\"tel\"]}}",
                          "en/purposes.json: unknown group 'phone'");
    expect_purposes_error(NEUTRAL(GROUP_TEL),
                          "{\"language\": \"de\", \"keywords\": {\"tel\": [\"tel\"]}}",
                          "\"language\" must be \"en\"");
    expect_purposes_error(NEUTRAL(GROUP_TEL),
                          "{\"language\": \"en\", \"keywords\": {\"tel\": [\"a\", \"a\"]}}",
                          "keyword 'a' given twice");
    expect_purposes_error(NEUTRAL(GROUP_TEL), "{\"language\": \"en\", \"words\": {}}",
                          "unknown key \"words\"");
    expect_purposes_error("{\"groups\": [" GROUP_TEL "]}", lang_ok, "\"autofill\" must be an object");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pack_loads_real_rules),
        cmocka_unit_test(pack_version_is_deterministic),
        cmocka_unit_test(pack_override_changes_severity),
        cmocka_unit_test(pack_json_syntax_error_names_line),
        cmocka_unit_test(pack_rejects_bad_rules),
        cmocka_unit_test(pack_rejects_missing_examples),
        cmocka_unit_test(pack_rejects_duplicate_id),
        cmocka_unit_test(pack_rejects_missing_word_list),
        cmocka_unit_test(pack_rejects_bad_curves_and_metrics),
        cmocka_unit_test(pack_rejects_missing_scoring_and_big_files),
        cmocka_unit_test(pack_purposes_load),
        cmocka_unit_test(pack_purposes_rejects_bad_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
