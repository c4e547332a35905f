/*
 * tests/eval/eval_forms.c - measures field purposes and form kinds against
 * 165 real forms labelled by people (../shared/data/forms, from
 * duckduckgo/duckduckgo-autofill's test forms). Prints accuracy per class,
 * the recall of sensitive fields and the agreement of the main form's kind
 * with the file name's kind; fails when the overall accuracy on labelled
 * fields falls under the floor. Skips (77) when the data is absent.
 *
 * usage: eval_forms DATA_DIR [FLOOR] [-v]
 */
#include <hurdle.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/page.h"
#include "rules/ruleset.h"
#include "tsv.h"

#define MAX_CLASSES 40

typedef struct klass {
    const char *name;
    size_t total;
    size_t ok;
} klass;

/* The keywords of field purposes, from the source tree's rules/ (set in main). */
static const struct hd_purpose_table *purposes;

static klass classes[MAX_CLASSES];
static size_t nclasses;

static klass *class_of(const char *name)
{
    for (size_t i = 0; i < nclasses; i++) {
        if (strcmp(classes[i].name, name) == 0) {
            return &classes[i];
        }
    }
    if (nclasses == MAX_CLASSES) {
        return &classes[MAX_CLASSES - 1];
    }
    classes[nclasses].name = name;
    return &classes[nclasses++];
}

static const char *const mapping[][3] = {
    { "emailAddress", "email", NULL },
    { "password.new", "new-password", NULL },
    { "password.current", "current-password", NULL },
    { "password", "new-password", "current-password" },
    { "firstName", "given-name", NULL },
    { "middleName", "additional-name", NULL },
    { "lastName", "family-name", NULL },
    { "fullName", "name", NULL },
    { "phone", "tel", NULL },
    { "addressStreet", "street-address", "address-line1" },
    { "addressStreet2", "address-line2", NULL },
    { "addressCity", "address-level2", NULL },
    { "addressProvince", "address-level1", NULL },
    { "addressPostalCode", "postal-code", NULL },
    { "addressCountryCode", "country", NULL },
    { "cardNumber", "cc-number", NULL },
    { "cardSecurityCode", "cc-csc", NULL },
    { "cardName", "cc-name", NULL },
    { "expiration", "cc-exp", NULL },
    { "expirationMonth", "cc-exp-month", NULL },
    { "expirationYear", "cc-exp-year", NULL },
    { "birthday", "bday", NULL },
    { "birthdayDay", "bday-day", NULL },
    { "birthdayMonth", "bday-month", NULL },
    { "birthdayYear", "bday-year", NULL },
    { "username", "username", NULL },
    { "username OR emailAddress", "username", "email" },
    { "totp", "one-time-code", NULL },
};

/* Whether hurdle's purpose `p` agrees with the human label. */
static int agrees(const char *label, const char *p)
{
    size_t n = sizeof(mapping) / sizeof(mapping[0]);

    if (strcmp(label, "unknown") == 0) {
        for (size_t i = 0; i < n; i++) {
            if ((mapping[i][1] && strcmp(p, mapping[i][1]) == 0) ||
                (mapping[i][2] && strcmp(p, mapping[i][2]) == 0)) {
                return 0;
            }
        }
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (strcmp(label, mapping[i][0]) == 0) {
            return strcmp(p, mapping[i][1]) == 0 ||
                   (mapping[i][2] && strcmp(p, mapping[i][2]) == 0);
        }
    }
    return 0;
}

/* Sensitive families: password, card, birth date, phone. */
static int family(const char *s, int hurdle)
{
    if (hurdle) {
        return strstr(s, "password")        ? 1
               : strncmp(s, "cc-", 3) == 0  ? 2
               : strncmp(s, "bday", 4) == 0 ? 3
               : strcmp(s, "tel") == 0      ? 4
                                            : 0;
    }
    return strncmp(s, "password", 8) == 0                                      ? 1
           : (strncmp(s, "card", 4) == 0 || strncmp(s, "expiration", 10) == 0) ? 2
           : strncmp(s, "birthday", 8) == 0                                    ? 3
           : strcmp(s, "phone") == 0                                           ? 4
                                                                               : 0;
}

static int kind_agrees(const char *expected, const char *got)
{
    if (strcmp(expected, "login_signup") == 0) {
        return strcmp(got, "login") == 0 || strcmp(got, "signup") == 0;
    }
    if (strcmp(expected, "password_change") == 0) {
        return strcmp(got, "password-change") == 0;
    }
    return strcmp(expected, got) == 0;
}

typedef struct totals {
    size_t labelled, ok, rows, aligned, pages, count_ok, kinds, kinds_ok;
    size_t sens[5], sens_ok[5];
} totals;

static const char *page_kind(const tsv *pages, const char *file, const char **url)
{
    for (size_t i = 0; i < pages->nrows; i++) {
        if (strcmp(pages->rows[i].col[0], file) == 0) {
            *url = pages->rows[i].col[2];
            return pages->rows[i].col[1];
        }
    }
    *url = "";
    return "";
}

static void score_row(totals *t, const tsv_row *r, const hd_page *page, int verbose)
{
    size_t idx = (size_t)strtoul(r->col[1], NULL, 10);
    const char *label = r->col[9];
    const hd_field *f =
        idx < page->nfields && page->fields[idx].index == idx ? &page->fields[idx] : NULL;
    int fam = family(label, 0);
    int ok;

    t->rows++;
    t->aligned += f && strcmp(f->tag, r->col[2]) == 0 ? 1u : 0u;
    if (!*label) {
        return;
    }
    ok = f && agrees(label, f->purpose);
    t->labelled++;
    t->ok += ok ? 1u : 0u;
    class_of(label)->total++;
    class_of(label)->ok += ok ? 1u : 0u;
    if (fam) {
        t->sens[fam]++;
        t->sens_ok[fam] += f && family(f->purpose, 1) == fam ? 1u : 0u;
    }
    if (!ok && verbose) {
        printf("  MISS %s #%zu %-18s got %-16s name=%s id=%s label=[%s](%s) ph=[%s] ac=%s\n",
               r->col[0], idx, label, f ? f->purpose : "(none)", r->col[4], r->col[5],
               f ? f->label : "", f ? f->label_source : "", r->col[7], r->col[6]);
    }
}

static int
run_page(totals *t, const char *dir, const tsv *pages, const tsv_row *rows, size_t n, int verbose)
{
    char path[4096];
    const char *url;
    const char *kind = page_kind(pages, rows[0].col[0], &url);
    hurdle_ctx *ctx = NULL;
    hd_page_limits limits = HD_PAGE_LIMITS_INIT;
    hd_page page;
    size_t len = 0;
    char *html;
    int rc;

    limits.purposes = purposes;
    snprintf(path, sizeof(path), "%s/forms/html/%s", dir, rows[0].col[0]);
    html = eval_read(path, &len);
    if (!html || hurdle_ctx_new(&ctx, NULL) != HURDLE_OK) {
        fprintf(stderr, "cannot read %s\n", path);
        free(html);
        return -1;
    }
    rc = hd_page_parse(&page, ctx, *url ? url : path, html, len, "text/html", &limits);
    if (rc == HURDLE_OK) {
        const char *got = hd_page_main_form_kind(&page);
        t->pages++;
        t->count_ok += page.nfields == n ? 1u : 0u;
        for (size_t i = 0; i < n; i++) {
            score_row(t, &rows[i], &page, verbose);
        }
        if (*kind) {
            t->kinds++;
            t->kinds_ok += kind_agrees(kind, got) ? 1u : 0u;
            if (verbose && !kind_agrees(kind, got)) {
                printf("  KIND %s expected %s got %s\n", rows[0].col[0], kind, got);
            }
        }
        hd_page_dispose(&page);
    } else {
        fprintf(stderr, "%s: %s\n", path, hurdle_ctx_error(ctx));
    }
    hurdle_ctx_free(ctx);
    free(html);
    return rc;
}

static void report(const totals *t)
{
    static const char *const fam[5] = { "", "password", "card", "birth date", "phone" };
    double acc = t->labelled ? (double)t->ok / (double)t->labelled : 0;

    printf("pages %zu; field count equal on %zu pages; rows aligned (same index, same tag) "
           "%zu/%zu\n",
           t->pages, t->count_ok, t->aligned, t->rows);
    printf("purpose accuracy on labelled fields: %zu/%zu = %.1f%%\n", t->ok, t->labelled,
           100.0 * acc);
    for (size_t i = 0; i < nclasses; i++) {
        printf("  %-26s %4zu/%-4zu %5.1f%%\n", classes[i].name, classes[i].ok, classes[i].total,
               100.0 * (double)classes[i].ok / (double)classes[i].total);
    }
    for (int i = 1; i < 5; i++) {
        printf("sensitive recall %-10s %zu/%zu = %.1f%%\n", fam[i], t->sens_ok[i], t->sens[i],
               t->sens[i] ? 100.0 * (double)t->sens_ok[i] / (double)t->sens[i] : 0.0);
    }
    printf("main form kind agrees with the file name's kind: %zu/%zu = %.1f%%\n", t->kinds_ok,
           t->kinds, t->kinds ? 100.0 * (double)t->kinds_ok / (double)t->kinds : 0.0);
}

int main(int argc, char **argv)
{
    char path[4096];
    tsv fields;
    tsv pages;
    totals t;
    double floor = argc > 2 ? strtod(argv[2], NULL) : 0.0;
    int verbose = argc > 3 && strcmp(argv[3], "-v") == 0;
    size_t i = 0;
    double acc;
    const char *rules_dir = HURDLE_SOURCE_DIR "/rules";
    hurdle_ctx *rctx = NULL;
    hurdle_ruleset *rules = NULL;

    snprintf(path, sizeof(path), "%s/forms", argc > 1 ? argv[1] : ".");
    if (argc < 2 || !eval_is_dir(path)) {
        printf("skipped: ../shared/data/forms not found\n");
        return 77;
    }
    snprintf(path, sizeof(path), "%s/forms/fields.tsv", argv[1]);
    if (tsv_load(&fields, path) < 0) {
        printf("skipped: %s not readable\n", path);
        return 77;
    }
    snprintf(path, sizeof(path), "%s/forms/pages.tsv", argv[1]);
    tsv_load(&pages, path);
    memset(&t, 0, sizeof(t));
    hurdle_global_init();
    if (hurdle_ctx_new(&rctx, NULL) != HURDLE_OK ||
        hurdle_ruleset_load(&rules, rctx, &rules_dir, 1) != HURDLE_OK) {
        fprintf(stderr, "cannot load %s: %s\n", rules_dir, rctx ? hurdle_ctx_error(rctx) : "");
        return 1;
    }
    purposes = hd_ruleset_purposes(rules);
    while (i < fields.nrows) {
        size_t j = i;
        while (j < fields.nrows && strcmp(fields.rows[j].col[0], fields.rows[i].col[0]) == 0) {
            j++;
        }
        run_page(&t, argv[1], &pages, &fields.rows[i], j - i, verbose);
        i = j;
    }
    report(&t);
    hurdle_ruleset_free(rules);
    hurdle_ctx_free(rctx);
    hurdle_global_cleanup();
    acc = t.labelled ? (double)t.ok / (double)t.labelled : 0;
    tsv_free(&fields);
    tsv_free(&pages);
    if (acc < floor) {
        printf("FAIL: accuracy %.3f is under the floor %.3f\n", acc, floor);
        return 1;
    }
    return 0;
}
