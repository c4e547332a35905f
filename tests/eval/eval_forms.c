/*
 * tests/eval/eval_forms.c - measures field purposes and form kinds against
 * 165 real forms labelled by people (../shared/data/forms, from
 * duckduckgo/duckduckgo-autofill's test forms). Prints the accuracy per
 * label and per coarse class, the recall of sensitive fields, the main
 * form's kind against the file name's kind (with a confusion matrix), and
 * whether each of hurdle's accuracy targets is met. Fails when a measure falls under its
 * floor (set just below what is achieved); skips (77) when the data is
 * absent. The mappings are documented in docs/evaluation.md.
 *
 * usage: eval_forms DATA_DIR [-v]    (-v: every miss, with the main form)
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

/* Coarse classes of a human label (0) or of a hurdle purpose (1). */
static const char *coarse(const char *s, int hurdle)
{
    static const char *const label[][2] = {
        { "emailAddress", "identity" }, { "username", "identity" },
        { "password", "password" },     { "firstName", "name" },
        { "middleName", "name" },       { "lastName", "name" },
        { "fullName", "name" },         { "phone", "phone" },
        { "address", "address" },       { "card", "card" },
        { "expiration", "card" },       { "birthday", "birth date" },
        { "totp", "one-time code" },
    };
    static const char *const purpose[][2] = {
        { "email", "identity" },
        { "username", "identity" },
        { "new-password", "password" },
        { "current-password", "password" },
        { "given-name", "name" },
        { "additional-name", "name" },
        { "family-name", "name" },
        { "name", "name" },
        { "tel", "phone" },
        { "address", "address" },
        { "street-address", "address" },
        { "postal-code", "address" },
        { "country", "address" },
        { "cc-", "card" },
        { "bday", "birth date" },
        { "one-time-code", "one-time code" },
    };
    size_t n = hurdle ? sizeof(purpose) / sizeof(purpose[0]) : sizeof(label) / sizeof(label[0]);

    for (size_t i = 0; i < n; i++) {
        const char *key = hurdle ? purpose[i][0] : label[i][0];
        size_t len = strlen(key);
        int prefix = !hurdle || key[len - 1] == '-' || strcmp(key, "address") == 0 ||
                     strcmp(key, "bday") == 0 || strcmp(key, "tel") == 0;
        if (prefix ? strncmp(s, key, len) == 0 : strcmp(s, key) == 0) {
            return hurdle ? purpose[i][1] : label[i][1];
        }
    }
    return "other";
}

/* Sensitive families: password, card, birth date, phone (index into fam[]). */
static int family(const char *s, int hurdle)
{
    static const char *const fam[5] = { "", "password", "card", "birth date", "phone" };
    const char *c = coarse(s, hurdle);

    for (int i = 1; i < 5; i++) {
        if (strcmp(c, fam[i]) == 0) {
            return i;
        }
    }
    return 0;
}

/*
 * The file name's kinds (rows) and hurdle's kinds (columns). The mapping
 * (docs/evaluation.md): login_signup accepts login or signup; checkout
 * accepts checkout or payment (several checkout captures are the card
 * step); other accepts other, contact or login (the "other" files are
 * contact forms, sign-in steps and data-entry forms).
 */
static const char *const file_kinds[] = { "signup",          "login",   "login_signup",
                                          "checkout",        "payment", "newsletter",
                                          "password_change", "search",  "other" };
static const char *const hd_kinds[] = { "signup",       "login",      "checkout",        "payment",
                                        "rebate-claim", "newsletter", "password-change", "contact",
                                        "search",       "other" };
#define N_FILE_KINDS (sizeof(file_kinds) / sizeof(file_kinds[0]))
#define N_HD_KINDS   (sizeof(hd_kinds) / sizeof(hd_kinds[0]))

static int kind_agrees(const char *expected, const char *got, int strict)
{
    int is_login = strcmp(got, "login") == 0;

    if (strcmp(expected, "login_signup") == 0) {
        return is_login || strcmp(got, "signup") == 0;
    }
    if (strcmp(expected, "password_change") == 0) {
        return strcmp(got, "password-change") == 0;
    }
    if (!strict && strcmp(expected, "checkout") == 0) {
        return strcmp(got, "checkout") == 0 || strcmp(got, "payment") == 0;
    }
    if (!strict && strcmp(expected, "other") == 0) {
        return strcmp(got, "other") == 0 || strcmp(got, "contact") == 0 || is_login;
    }
    return strcmp(expected, got) == 0;
}

static size_t index_of(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(names[i], s) == 0) {
            return i;
        }
    }
    return n - 1;
}

typedef struct totals {
    size_t labelled, ok, coarse_ok, rows, aligned, pages, count_ok, kinds, kinds_ok, kinds_strict;
    size_t sens[5], sens_ok[5];
    size_t confusion[N_FILE_KINDS][N_HD_KINDS];
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
    t->coarse_ok += f && strcmp(coarse(label, 0), coarse(f->purpose, 1)) == 0 ? 1u : 0u;
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

/* The main form of a page whose kind disagrees: its action, submit and fields. */
static void dump_main(const hd_page *page)
{
    long m = hd_page_main_form(page);

    if (m >= 0) {
        const hd_form *fm = &page->forms[m];
        printf("    form %ld of %zu: action=%s submit=[%s] id=%s\n", m, page->nforms, fm->action,
               fm->submit, fm->id);
    } else {
        printf("    controls outside any form (%zu forms)\n", page->nforms);
    }
    for (size_t i = 0; i < page->nfields; i++) {
        const hd_field *f = &page->fields[i];
        if (f->form == m && f->visible) {
            printf("      %-8s %-9s %-18s name=%.40s label=[%.60s]\n", f->tag, f->type, f->purpose,
                   f->name, f->label);
        }
    }
}

static void
score_kind(totals *t, const char *file, const char *kind, const hd_page *page, int verbose)
{
    const char *got = hd_page_main_form_kind(page);

    if (!*kind) {
        return;
    }
    t->kinds++;
    t->kinds_ok += kind_agrees(kind, got, 0) ? 1u : 0u;
    t->kinds_strict += kind_agrees(kind, got, 1) ? 1u : 0u;
    t->confusion[index_of(file_kinds, N_FILE_KINDS, kind)][index_of(hd_kinds, N_HD_KINDS, got)]++;
    if (verbose && !kind_agrees(kind, got, 0)) {
        printf("  KIND %s expected %s got %s\n", file, kind, got);
        dump_main(page);
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
        t->pages++;
        t->count_ok += page.nfields == n ? 1u : 0u;
        for (size_t i = 0; i < n; i++) {
            score_row(t, &rows[i], &page, verbose);
        }
        score_kind(t, rows[0].col[0], kind, &page, verbose);
        hd_page_dispose(&page);
    } else {
        fprintf(stderr, "%s: %s\n", path, hurdle_ctx_error(ctx));
    }
    hurdle_ctx_free(ctx);
    free(html);
    return rc;
}

static double ratio(size_t ok, size_t total)
{
    return total ? (double)ok / (double)total : 0.0;
}

static void print_confusion(const totals *t)
{
    static const char *const abbr[N_HD_KINDS] = { "signup", "login", "chkout",  "paymnt", "rebate",
                                                  "news",   "pwchg", "contact", "search", "other" };

    printf("\nmain form kind: rows = kind from the file name, columns = hurdle's kind\n");
    printf("  %-16s", "");
    for (size_t c = 0; c < N_HD_KINDS; c++) {
        printf(" %7s", abbr[c]);
    }
    printf("   agree\n");
    for (size_t r = 0; r < N_FILE_KINDS; r++) {
        size_t total = 0;
        size_t ok = 0;
        printf("  %-16s", file_kinds[r]);
        for (size_t c = 0; c < N_HD_KINDS; c++) {
            size_t v = t->confusion[r][c];
            int agree = kind_agrees(file_kinds[r], hd_kinds[c], 0);
            total += v;
            ok += agree ? v : 0u;
            if (v) {
                printf(" %6zu%c", v, agree ? '*' : ' ');
            } else {
                printf(" %7s", ".");
            }
        }
        printf("   %zu/%zu\n", ok, total);
    }
    printf("  (* = counted as agreeing; see docs/evaluation.md for the mapping)\n");
}

static void print_classes(const totals *t)
{
    printf("pages %zu; field count equal on %zu pages; rows aligned (same index, same tag) "
           "%zu/%zu\n\n",
           t->pages, t->count_ok, t->aligned, t->rows);
    printf("field purposes per human label (fields.tsv ddg_label):\n");
    printf("  %-26s %9s %8s\n", "label", "agree", "accuracy");
    for (size_t i = 0; i < nclasses; i++) {
        printf("  %-26s %4zu/%-4zu %7.1f%%\n", classes[i].name, classes[i].ok, classes[i].total,
               100.0 * ratio(classes[i].ok, classes[i].total));
    }
    printf("  %-26s %4zu/%-4zu %7.1f%%\n", "all labelled fields", t->ok, t->labelled,
           100.0 * ratio(t->ok, t->labelled));
}

typedef struct measure {
    const char *name;
    double value;
    double target; /* hurdle's target, 0 when none */
    double floor;  /* the test fails under it */
} measure;

/* Prints the measures against their targets and floors; the number under its floor. */
static int print_measures(const totals *t)
{
    measure m[] = {
        { "field purpose (exact label)", ratio(t->ok, t->labelled), 0.0, 0.950 },
        { "coarse class", ratio(t->coarse_ok, t->labelled), 0.92, 0.960 },
        { "sensitive recall: password", ratio(t->sens_ok[1], t->sens[1]), 0.97, 0.980 },
        { "sensitive recall: card", ratio(t->sens_ok[2], t->sens[2]), 0.97, 0.980 },
        { "sensitive recall: birth date", ratio(t->sens_ok[3], t->sens[3]), 0.97, 0.990 },
        { "sensitive recall: phone", ratio(t->sens_ok[4], t->sens[4]), 0.97, 0.970 },
        { "main form kind", ratio(t->kinds_ok, t->kinds), 0.85, 0.960 },
        { "main form kind (strict names)", ratio(t->kinds_strict, t->kinds), 0.0, 0.840 },
    };
    int under = 0;

    printf("\n  %-32s %7s %7s %7s  %s\n", "measure", "value", "target", "floor", "");
    for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
        const char *verdict = m[i].target <= 0            ? ""
                              : m[i].value >= m[i].target ? "target met"
                                                          : "TARGET NOT MET";
        char target[16] = "-";
        if (m[i].target > 0) {
            snprintf(target, sizeof(target), "%.1f%%", 100.0 * m[i].target);
        }
        printf("  %-32s %6.1f%% %7s %6.1f%%  %s%s\n", m[i].name, 100.0 * m[i].value, target,
               100.0 * m[i].floor, verdict, m[i].value < m[i].floor ? " UNDER FLOOR" : "");
        under += m[i].value < m[i].floor;
    }
    return under;
}

static int report(const totals *t)
{
    static const char *const fam[5] = { "", "password", "card", "birth date", "phone" };

    print_classes(t);
    printf("coarse class (identity, password, name, phone, address, card, birth date, "
           "one-time code, other): %zu/%zu = %.1f%%\n",
           t->coarse_ok, t->labelled, 100.0 * ratio(t->coarse_ok, t->labelled));
    for (int i = 1; i < 5; i++) {
        printf("sensitive recall %-10s %zu/%zu = %.1f%%\n", fam[i], t->sens_ok[i], t->sens[i],
               100.0 * ratio(t->sens_ok[i], t->sens[i]));
    }
    print_confusion(t);
    printf("main form kind agrees with the file name's kind: %zu/%zu = %.1f%% "
           "(strict names: %zu/%zu = %.1f%%)\n",
           t->kinds_ok, t->kinds, 100.0 * ratio(t->kinds_ok, t->kinds), t->kinds_strict, t->kinds,
           100.0 * ratio(t->kinds_strict, t->kinds));
    return print_measures(t);
}

int main(int argc, char **argv)
{
    char path[4096];
    tsv fields;
    tsv pages;
    static totals t;
    int verbose = argc > 2 && strcmp(argv[argc - 1], "-v") == 0;
    size_t i = 0;
    int under;
    const char *rules_dir = HURDLE_SOURCE_DIR "/rules";
    hurdle_ctx *rctx = NULL;
    hurdle_ruleset *rules = NULL;

    snprintf(path, sizeof(path), "%s/forms", argc > 1 ? argv[1] : ".");
    if (argc < 2 || !eval_is_dir(path)) {
        printf("skipped: %s not found (the shared data is absent)\n", path);
        return 77;
    }
    snprintf(path, sizeof(path), "%s/forms/fields.tsv", argv[1]);
    if (tsv_load(&fields, path) < 0) {
        printf("skipped: %s not readable\n", path);
        return 77;
    }
    snprintf(path, sizeof(path), "%s/forms/pages.tsv", argv[1]);
    if (tsv_load(&pages, path) < 0) {
        memset(&pages, 0, sizeof(pages));
    }
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
    under = report(&t);
    hurdle_ruleset_free(rules);
    hurdle_ctx_free(rctx);
    hurdle_global_cleanup();
    tsv_free(&fields);
    tsv_free(&pages);
    if (under) {
        printf("FAIL: %d measure(s) under their floor\n", under);
        return 1;
    }
    return 0;
}
