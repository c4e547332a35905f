/*
 * tests/eval/eval_readability.c - compares hurdle's readability counts with
 * textstat's test vectors (../shared/data/readability/vectors_en.tsv):
 * syllable_count, flesch_kincaid_grade, flesch_reading_ease. textstat
 * counts syllables with a pronouncing dictionary, hurdle with a heuristic,
 * so a value agrees within the vector's margin, or when it has none within
 * 1 syllable per 20 (texts), 1.0 grade or 5 ease points. Skips (77)
 * without the data.
 *
 * usage: eval_readability DATA_DIR [FLOOR] [-v]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/page.h"
#include "tsv.h"

static char *text_of(const char *dir, const char *cell, size_t *len)
{
    char path[4096];

    if (cell[0] != '@') {
        *len = strlen(cell);
        return strdup(cell);
    }
    snprintf(path, sizeof(path), "%s/readability/texts/%s.txt", dir, cell + 1);
    return eval_read(path, len);
}

/* hurdle's value of `metric` for the text, and the tolerance to use; 0 when not measured. */
static int measure(const char *metric, const char *text, size_t len, double *got, double *tol)
{
    hd_text_stats st;
    bool word = !strchr(text, ' ') && len < 40;

    hd_text_stats_compute(&st, text, len, false);
    if (strcmp(metric, "syllable_count") == 0) {
        *got = word ? (double)hd_text_syllables(text, len) : (double)st.syllables;
        *tol = word ? 0.0 : fmax(1.0, (double)st.syllables / 20.0);
        return 1;
    }
    if (strcmp(metric, "flesch_kincaid_grade") == 0) {
        *got = st.fk_grade;
        *tol = 1.0;
        return 1;
    }
    if (strcmp(metric, "flesch_reading_ease") == 0) {
        *got = st.flesch_ease;
        *tol = 5.0;
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    char path[4096];
    tsv t;
    size_t total = 0;
    size_t ok = 0;
    double floor = argc > 2 ? strtod(argv[2], NULL) : 0.0;
    int verbose = argc > 3 && strcmp(argv[3], "-v") == 0;
    double acc;

    snprintf(path, sizeof(path), "%s/readability/vectors_en.tsv", argc > 1 ? argv[1] : ".");
    if (argc < 2 || tsv_load(&t, path) < 0) {
        printf("skipped: ../shared/data/readability not found\n");
        return 77;
    }
    for (size_t i = 0; i < t.nrows; i++) {
        const tsv_row *r = &t.rows[i];
        size_t len = 0;
        char *text;
        double got = 0;
        double tol = 0;
        double exp = strtod(r->col[3], NULL);
        int good;
        if (strncmp(r->col[2], "en", 2) != 0 || !(text = text_of(argv[1], r->col[1], &len))) {
            continue;
        }
        if (measure(r->col[0], text, len, &got, &tol)) {
            tol = *r->col[4] ? fmax(strtod(r->col[4], NULL), tol) : tol;
            good = fabs(got - exp) <= tol + 1e-9;
            total++;
            ok += good ? 1u : 0u;
            if (verbose || !good) {
                printf("  %-4s %-22s %-28.28s expected %8.3f got %8.3f (margin %.1f)\n",
                       good ? "ok" : "MISS", r->col[0], r->col[1], exp, got, tol);
            }
        }
        free(text);
    }
    acc = total ? (double)ok / (double)total : 0.0;
    printf("readability agreement within margin: %zu/%zu = %.1f%%\n", ok, total, 100.0 * acc);
    tsv_free(&t);
    if (acc < floor) {
        printf("FAIL: agreement %.3f is under the floor %.3f\n", acc, floor);
        return 1;
    }
    return 0;
}
