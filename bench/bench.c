/*
 * bench/bench.c - hurdle's throughput against libxml2's parser alone, on the
 * same pages, in the same process (DESIGN.md §8-9: full analysis should reach
 * at least 0.7 of the parse-alone rate).
 *
 * It loads every file of a folder into memory first, so no I/O is timed, then
 * measures two phases over all pages:
 *   parse  htmlReadMemory(RECOVER|NOERROR|NOWARNING|NONET|COMPACT) + xmlFreeDoc
 *   full   hurdle_scan_bytes + hurdle_report_write_json + frees (public API only)
 * Each phase gets one untimed warm-up pass, then ROUNDS timed passes run
 * interleaved (parse, full, parse, full, ...) so that a noisy shared machine
 * disturbs both alike; the median pass of each is reported. One thread: the
 * rates are per core.
 *
 * Memory: the peak RSS of each phase is measured during its warm-up pass.
 * On Linux the high-water mark is reset before each phase (/proc/self/clear_refs)
 * and read from VmHWM, so each phase's peak is its own; where that is not
 * possible the phases run parse first, then full, and getrusage's ru_maxrss
 * (the process peak so far) is reported, which is honest but cumulative.
 *
 * This program is the one place outside src/html that calls libxml2: the
 * baseline must be libxml2 alone.
 */
#include <dirent.h>
#include <errno.h>
#include <hurdle.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "text_pass.h"

#define MAX_RULE_DIRS  8
#define MAX_FILE_BYTES ((size_t)256 << 20)
#define TARGET_RATIO   0.7

typedef struct page {
    char *url;
    char *bytes;
    size_t len;
} page;

typedef struct corpus {
    page *pages;
    size_t n;
    size_t bytes;
} corpus;

typedef struct options {
    const char *dir;
    const char *rule_dirs[MAX_RULE_DIRS];
    size_t nrule_dirs;
    size_t rounds;
} options;

/* What a full pass produced, so the work cannot be optimised away. */
typedef struct full_stats {
    size_t failures;
    size_t json_bytes;
    char first_error[512];
} full_stats;

typedef struct rss {
    long loaded_kb;
    long parse_kb;
    long full_kb;
    long process_kb;
    bool per_phase;
} rss;

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- memory ------------------------------------------------------------- */

static long maxrss_kb(void)
{
    struct rusage ru;

    if (getrusage(RUSAGE_SELF, &ru) != 0) {
        return -1;
    }
    return ru.ru_maxrss; /* kilobytes on Linux */
}

/* Resets the kernel's RSS high-water mark; false where that is unsupported. */
static bool reset_peak(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    bool ok;

    if (!f) {
        return false;
    }
    ok = fputs("5", f) >= 0;
    return fclose(f) == 0 && ok;
}

/* VmHWM from /proc/self/status in kB, or -1. */
static long peak_kb(void)
{
    char line[256];
    long kb = -1;
    FILE *f = fopen("/proc/self/status", "r");

    if (!f) {
        return -1;
    }
    while (fgets(line, sizeof(line), f)) {
        if (strncmp(line, "VmHWM:", 6) == 0) {
            kb = strtol(line + 6, NULL, 10);
            break;
        }
    }
    (void)fclose(f);
    return kb;
}

/* ---- corpus ------------------------------------------------------------- */

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_file(page *p, const char *path)
{
    struct stat st;
    FILE *f = fopen(path, "rb");
    int rc = -1;

    if (!f) {
        (void)fprintf(stderr, "hurdle_bench: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) != 0 || st.st_size < 0 || (size_t)st.st_size > MAX_FILE_BYTES) {
        (void)fprintf(stderr, "hurdle_bench: %s: unreadable or larger than 256 MB\n", path);
        goto done;
    }
    p->len = (size_t)st.st_size;
    p->bytes = malloc(p->len + 1);
    if (!p->bytes || fread(p->bytes, 1, p->len, f) != p->len) {
        (void)fprintf(stderr, "hurdle_bench: %s: read failed\n", path);
        goto done;
    }
    p->bytes[p->len] = '\0';
    rc = 0;
done:
    (void)fclose(f);
    return rc;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
    }
    free(names);
}

/* The entries of `dir` (not recursive, no dot files), sorted by name. */
static int list_dir(char ***out, size_t *n_out, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;
    int rc = 0;

    if (!d) {
        (void)fprintf(stderr, "hurdle_bench: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    for (e = readdir(d); e != NULL && rc == 0; e = readdir(d)) {
        char **grown;

        if (e->d_name[0] == '.') {
            continue;
        }
        grown = realloc(names, (n + 1) * sizeof(*names));
        if (!grown) {
            rc = -1;
            break;
        }
        names = grown;
        names[n] = strdup(e->d_name);
        rc = names[n] ? 0 : -1;
        n += names[n] ? 1 : 0;
    }
    (void)closedir(d);
    if (rc < 0) {
        (void)fputs("hurdle_bench: out of memory\n", stderr);
        free_names(names, n);
        return -1;
    }
    if (n > 1) {
        qsort(names, n, sizeof(*names), cmp_names);
    }
    *out = names;
    *n_out = n;
    return 0;
}

static int load_page(page *p, const char *dir, const char *name)
{
    char path[4096];
    size_t ulen = strlen(name) + sizeof("https://bench.example/");
    struct stat st;

    (void)snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        return 1; /* not a page: skipped */
    }
    p->url = malloc(ulen);
    if (!p->url) {
        return -1;
    }
    (void)snprintf(p->url, ulen, "https://bench.example/%s", name);
    return read_file(p, path);
}

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->pages[i].url);
        free(c->pages[i].bytes);
    }
    free(c->pages);
    c->pages = NULL;
    c->n = 0;
}

static int corpus_load(corpus *c, const char *dir)
{
    char **names = NULL;
    size_t nnames = 0;
    int rc = list_dir(&names, &nnames, dir);

    c->pages = rc == 0 ? calloc(nnames ? nnames : 1, sizeof(*c->pages)) : NULL;
    if (!c->pages) {
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < nnames; i++) {
        int r = load_page(&c->pages[c->n], dir, names[i]);

        if (r < 0) {
            rc = -1;
        } else if (r == 0) {
            c->bytes += c->pages[c->n].len;
            c->n++;
        } else {
            free(c->pages[c->n].url);
            c->pages[c->n].url = NULL;
        }
    }
    free_names(names, nnames);
    if (rc == 0 && c->n == 0) {
        (void)fprintf(stderr, "hurdle_bench: %s: no pages\n", dir);
        rc = -1;
    }
    return rc;
}

/* ---- the two phases ------------------------------------------------------ */

static double parse_pass(const corpus *c, size_t *failures)
{
    const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                     HTML_PARSE_NONET | HTML_PARSE_COMPACT;
    double t0 = now();

    for (size_t i = 0; i < c->n; i++) {
        const page *p = &c->pages[i];
        htmlDocPtr doc;

        if (p->len > INT_MAX) {
            (*failures)++;
            continue;
        }
        doc = htmlReadMemory(p->bytes, (int)p->len, p->url, NULL, opts);
        if (!doc) {
            (*failures)++;
            continue;
        }
        xmlFreeDoc(doc);
    }
    return now() - t0;
}

static void full_page(full_stats *st, hurdle_ctx *ctx, const hurdle_ruleset *rules, const page *p)
{
    hurdle_scan_options opts = HURDLE_SCAN_OPTIONS_INIT;
    hurdle_report *report = NULL;
    hurdle_buf json = HURDLE_BUF_INIT;
    int rc;

    opts.timestamps = false;
    rc = hurdle_scan_bytes(&report, ctx, rules, p->url, p->bytes, p->len, &opts);
    if (rc == HURDLE_OK) {
        rc = hurdle_report_write_json(&json, ctx, report, 0);
    }
    if (rc < 0) {
        if (st->failures++ == 0) {
            (void)snprintf(st->first_error, sizeof(st->first_error), "%s: %s: %s", p->url,
                           hurdle_status_name(rc), hurdle_ctx_error(ctx));
        }
    } else {
        st->json_bytes += json.len;
    }
    hurdle_buf_dispose(&json);
    hurdle_report_free(report);
}

static double
full_pass(const corpus *c, hurdle_ctx *ctx, const hurdle_ruleset *rules, full_stats *st)
{
    double t0 = now();

    for (size_t i = 0; i < c->n; i++) {
        full_page(st, ctx, rules, &c->pages[i]);
    }
    return now() - t0;
}

/* ---- measuring and reporting ---------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;

    return (x > y) - (x < y);
}

/* The median of `v` (sorts it in place); `n` > 0. */
static double median(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Runs `pass` once to measure its own peak RSS; returns the peak in kB. */
static long phase_peak(
    bool *per_phase, const corpus *c, hurdle_ctx *ctx, const hurdle_ruleset *rules, full_stats *st)
{
    size_t failures = 0;
    bool reset = reset_peak();

    if (rules) {
        (void)full_pass(c, ctx, rules, st);
    } else {
        (void)parse_pass(c, &failures);
    }
    *per_phase = *per_phase && reset;
    return reset ? peak_kb() : maxrss_kb();
}

static void print_rate(const char *what, const corpus *c, double secs, const double *all, size_t n)
{
    printf("%-38s %9.1f pages/s %8.2f MB/s   (median %.3f s, min %.3f s, max %.3f s)\n", what,
           (double)c->n / secs, (double)c->bytes / 1e6 / secs, secs, all[0], all[n - 1]);
}

static double mb(long kb)
{
    return kb < 0 ? -1.0 : (double)kb / 1024.0;
}

static void print_results(const corpus *c, const options *o, double tp, double tf, const rss *m)
{
    double ratio = tp / tf;

    printf("ratio full/parse: %.3f (target >= %.2f: %s)\n", ratio, TARGET_RATIO,
           ratio >= TARGET_RATIO ? "met" : "NOT met");
    printf("peak RSS: corpus loaded %.1f MiB; parse phase %.1f MiB (+%.1f); full phase %.1f MiB "
           "(+%.1f); process %.1f MiB%s\n",
           mb(m->loaded_kb), mb(m->parse_kb), mb(m->parse_kb - m->loaded_kb), mb(m->full_kb),
           mb(m->full_kb - m->loaded_kb), mb(m->process_kb),
           m->per_phase ? "" : " (cumulative: per-phase reset unavailable)");
    printf("{\"bench\":\"hurdle\",\"version\":\"%s\",\"pages\":%zu,\"bytes\":%zu,\"rounds\":%zu,"
           "\"threads\":1,\"parse\":{\"median_s\":%.6f,\"pages_per_s\":%.2f,\"mb_per_s\":%.3f},"
           "\"full\":{\"median_s\":%.6f,\"pages_per_s\":%.2f,\"mb_per_s\":%.3f},"
           "\"ratio\":%.4f,\"target\":%.2f,\"rss_kb\":{\"loaded\":%ld,\"parse_peak\":%ld,"
           "\"full_peak\":%ld,\"process_peak\":%ld,\"per_phase\":%s}}\n",
           hurdle_version(), c->n, c->bytes, o->rounds, tp, (double)c->n / tp,
           (double)c->bytes / 1e6 / tp, tf, (double)c->n / tf, (double)c->bytes / 1e6 / tf, ratio,
           TARGET_RATIO, m->loaded_kb, m->parse_kb, m->full_kb, m->process_kb,
           m->per_phase ? "true" : "false");
}

/* The readability pass alone, beside the parse (time of a parse pass: `parse_s`). */
static void print_text(const corpus *c, double parse_s)
{
    const char **data = calloc(c->n ? c->n : 1, sizeof(*data));
    size_t *lens = calloc(c->n ? c->n : 1, sizeof(*lens));
    bench_text bt;

    if (data && lens) {
        for (size_t i = 0; i < c->n; i++) {
            data[i] = c->pages[i].bytes;
            lens[i] = c->pages[i].len;
        }
        if (bench_text_pass(&bt, data, lens, c->n, 3) == 0 && bt.seconds > 0) {
            printf("text  (readability of the visible text)  %.1f MB/s of text, %.3f ms a page: "
                   "%.1f%% of the parse time\n",
                   (double)bt.text_bytes / 1e6 / bt.seconds, bt.seconds * 1e3 / (double)c->n,
                   100 * bt.seconds / parse_s);
        }
    }
    free(data);
    free(lens);
}

static int load_rules(hurdle_ruleset **out, hurdle_ctx **ctx_out, const options *o)
{
    int rc = hurdle_ctx_new(ctx_out, NULL);

    if (rc < 0) {
        (void)fprintf(stderr, "hurdle_bench: cannot create a context: %s\n",
                      hurdle_status_name(rc));
        return rc;
    }
    rc = hurdle_ruleset_load(out, *ctx_out, o->rule_dirs, o->nrule_dirs);
    if (rc < 0) {
        (void)fprintf(stderr, "hurdle_bench: cannot load rules from %s: %s\n", o->rule_dirs[0],
                      hurdle_ctx_error(*ctx_out));
        return rc;
    }
    printf("rules: %s (%zu rules, version %s)\n", o->rule_dirs[0], hurdle_ruleset_count(*out),
           hurdle_ruleset_version(*out));
    return 0;
}

/* Timed rounds, interleaved; fills tp[] and tf[]. */
static void rounds(double *tp,
                   double *tf,
                   const corpus *c,
                   hurdle_ctx *ctx,
                   const hurdle_ruleset *rules,
                   const options *o)
{
    full_stats st;
    size_t failures = 0;

    memset(&st, 0, sizeof(st));
    for (size_t r = 0; r < o->rounds; r++) {
        tp[r] = parse_pass(c, &failures);
        tf[r] = full_pass(c, ctx, rules, &st);
    }
}

static int run(const options *o)
{
    corpus c = { NULL, 0, 0 };
    hurdle_ctx *ctx = NULL;
    hurdle_ruleset *rules = NULL;
    double *tp = NULL;
    double *tf = NULL;
    full_stats st;
    rss m = { -1, -1, -1, -1, true };
    int rc = -1;

    memset(&st, 0, sizeof(st));
    if (hurdle_global_init() != HURDLE_OK || corpus_load(&c, o->dir) < 0) {
        goto done;
    }
    m.loaded_kb = maxrss_kb();
    printf("hurdle bench %s: %zu pages, %.1f MB (mean %.1f kB) from %s\n", hurdle_version(), c.n,
           (double)c.bytes / 1e6, (double)c.bytes / 1e3 / (double)c.n, o->dir);
    m.parse_kb = phase_peak(&m.per_phase, &c, NULL, NULL, &st);
    if (load_rules(&rules, &ctx, o) < 0) {
        goto done;
    }
    m.full_kb = phase_peak(&m.per_phase, &c, ctx, rules, &st);
    if (st.failures) {
        (void)fprintf(stderr, "hurdle_bench: %zu of %zu pages failed; first: %s\n", st.failures,
                      c.n, st.first_error);
        goto done;
    }
    printf("rounds: %zu timed after 1 warm-up, interleaved parse/full, median; 1 thread\n",
           o->rounds);
    (void)fflush(stdout);
    tp = calloc(o->rounds, sizeof(*tp));
    tf = calloc(o->rounds, sizeof(*tf));
    if (!tp || !tf) {
        goto done;
    }
    rounds(tp, tf, &c, ctx, rules, o);
    m.process_kb = maxrss_kb();
    m.process_kb = m.process_kb > m.parse_kb ? m.process_kb : m.parse_kb;
    m.process_kb = m.process_kb > m.full_kb ? m.process_kb : m.full_kb;
    {
        double mp = median(tp, o->rounds);
        double mf = median(tf, o->rounds);

        print_rate("parse (libxml2 htmlReadMemory)", &c, mp, tp, o->rounds);
        print_rate("full  (hurdle_scan_bytes + JSON)", &c, mf, tf, o->rounds);
        print_text(&c, mp);
        print_results(&c, o, mp, mf, &m);
    }
    rc = 0;
done:
    free(tp);
    free(tf);
    hurdle_ruleset_free(rules);
    hurdle_ctx_free(ctx);
    corpus_free(&c);
    hurdle_global_cleanup();
    return rc;
}

static int usage(void)
{
    (void)fputs("usage: hurdle_bench [-r ROUNDS] [-R RULES_DIR]... CORPUS_DIR\n"
                "  -r ROUNDS    timed rounds of each phase (default 5)\n"
                "  -R DIR       rule folder; repeat to add packs (default: rules)\n",
                stderr);
    return 2;
}

int main(int argc, char **argv)
{
    options o = { NULL, { NULL }, 0, 5 };
    int i = 1;

    for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
        if (strcmp(argv[i], "-r") == 0) {
            char *end = NULL;
            unsigned long v = strtoul(argv[i + 1], &end, 10);

            if (end == argv[i + 1] || *end || v == 0 || v > 1000) {
                return usage();
            }
            o.rounds = (size_t)v;
        } else if (strcmp(argv[i], "-R") == 0 && o.nrule_dirs < MAX_RULE_DIRS) {
            o.rule_dirs[o.nrule_dirs++] = argv[i + 1];
        } else {
            return usage();
        }
    }
    if (i != argc - 1 || argv[i][0] == '-') {
        return usage();
    }
    o.dir = argv[i];
    if (o.nrule_dirs == 0) {
        o.rule_dirs[o.nrule_dirs++] = "rules";
    }
    return run(&o) == 0 ? 0 : 3;
}
