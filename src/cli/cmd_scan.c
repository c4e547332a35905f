/*
 * cli/cmd_scan.c - `hurdle scan`: the main job. Reads its options
 * (scan_opts.c), loads the rules, scans (showing progress on a terminal),
 * writes the report, and turns budgets into exit codes.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan_args.h"

static bool want_color(const scan_args *a)
{
    const char *no = getenv("NO_COLOR");

    if (strcmp(a->color, "always") == 0) {
        return true;
    }
    if (strcmp(a->color, "never") == 0 || (no && *no)) {
        return false;
    }
    return isatty(STDOUT_FILENO) == 1;
}

static int
write_report(const scan_args *a, hurdle_ctx *ctx, const hurdle_report *report, const cli_log *log)
{
    const char *format = a->format ? a->format : a->output ? "json" : "text";
    unsigned flags = log->verbosity > 1 ? HURDLE_REPORT_VERBOSE : 0;
    hurdle_buf buf = HURDLE_BUF_INIT;
    int rc;

    if (strcmp(format, "json") == 0) {
        rc = hurdle_report_write_json(&buf, ctx, report, 0);
    } else {
        unsigned color = !a->output && want_color(a) ? HURDLE_REPORT_COLOR : 0;
        rc = hurdle_report_write_text(&buf, ctx, report, flags | color);
    }
    if (rc < 0) {
        cli_error("%s", hurdle_ctx_error(ctx));
        return EXIT_RUNTIME;
    }
    rc = cli_write_file(a->output ? a->output : "-", buf.ptr, buf.len);
    hurdle_buf_dispose(&buf);
    if (rc < 0) {
        return EXIT_RUNTIME;
    }
    if (!a->output || log->verbosity == 0 || strcmp(a->output, "-") == 0) {
        return EXIT_CLEAN;
    }
    rc = hurdle_report_write_text(&buf, ctx, report,
                                  flags | (want_color(a) ? HURDLE_REPORT_COLOR : 0));
    if (rc == 0) {
        rc = cli_write_file("-", buf.ptr, buf.len);
    }
    hurdle_buf_dispose(&buf);
    return rc < 0 ? EXIT_RUNTIME : EXIT_CLEAN;
}

static int budgets(const scan_args *a, const hurdle_report *report)
{
    int rc = EXIT_CLEAN;
    double max = hurdle_report_max_friction(report);

    if (a->max_friction >= 0 && max > a->max_friction) {
        cli_error("budget failed: friction %.1f is above --max-friction %.1f", max,
                  a->max_friction);
        rc = EXIT_BUDGET;
    }
    if (a->fail_on > 0) {
        size_t n = hurdle_report_count_findings(report, (hurdle_severity)a->fail_on);
        if (n > 0) {
            cli_error("budget failed: %zu finding%s at or above --fail-on", n, n == 1 ? "" : "s");
            rc = EXIT_BUDGET;
        }
    }
    return rc;
}

typedef struct progress_state {
    bool shown; /* a progress line is on the terminal */
} progress_state;

/* One line, rewritten in place on the terminal; the last one stays as the totals. */
static void on_progress(const hurdle_progress *p, void *payload)
{
    progress_state *st = payload;
    double rate = p->seconds > 0 ? (double)p->pages / p->seconds : 0;

    fprintf(stderr, "\r\033[Khurdle: %zu pages, %zu queued, %zu under way, %zu failed, "
            "%.1f MB, %.1f pages/s%s", p->pages, p->queued, p->fetching, p->failed,
            (double)p->bytes / 1e6, rate, p->done ? "\n" : "");
    st->shown = !p->done;
}

static bool want_progress(const scan_args *a)
{
    if (strcmp(a->progress, "always") == 0) {
        return true;
    }
    return strcmp(a->progress, "never") != 0 && isatty(STDERR_FILENO) == 1;
}

/* The crawl's totals and --why's answer on stderr. */
static void after_scan(const scan_args *a, const hurdle_report *report, const cli_log *log)
{
    const char *why = hurdle_report_why(report);

    if (why) {
        fprintf(stderr, "hurdle: why %s\n", why);
    }
    if (log->verbosity > 1 && !want_progress(a)) {
        fprintf(stderr, "hurdle: %zu pages analysed, %zu failed\n",
                hurdle_report_page_count(report), hurdle_report_error_count(report));
    }
}

int cmd_scan(hurdle_ctx *ctx, int argc, char **argv, cli_log *log)
{
    scan_args a;
    progress_state ps = { false };
    hurdle_ruleset *rules = NULL;
    hurdle_report *report = NULL;
    int rc;

    rc = scan_parse_args(&a, log, argc, argv);
    if (rc) {
        return rc < 0 ? EXIT_CLEAN : rc;
    }
    hurdle_ctx_set_log(ctx, cli_log_sink, cli_log_level(log->verbosity), log);
    rc = cli_load_rules(&rules, ctx, a.rules, a.nrules);
    if (rc) {
        return rc;
    }
    if (want_progress(&a) && log->verbosity > 0) {
        a.opts.progress = on_progress;
        a.opts.progress_payload = &ps;
    }
    rc = hurdle_scan(&report, ctx, rules, (const char *const *)(argv + optind),
                     (size_t)(argc - optind), &a.opts);
    if (ps.shown) {
        fputc('\n', stderr);
    }
    if (rc < 0) {
        cli_error("%s", hurdle_ctx_error(ctx));
        rc = rc == HURDLE_EINVAL ? EXIT_USAGE : EXIT_RUNTIME;
        goto done;
    }
    after_scan(&a, report, log);
    rc = write_report(&a, ctx, report, log);
    if (rc == EXIT_CLEAN && hurdle_report_page_count(report) == 0) {
        cli_error("no page could be analysed (%zu error%s)", hurdle_report_error_count(report),
                  hurdle_report_error_count(report) == 1 ? "" : "s");
        rc = EXIT_RUNTIME;
    }
    if (rc == EXIT_CLEAN) {
        rc = budgets(&a, report);
    }
done:
    hurdle_report_free(report);
    hurdle_ruleset_free(rules);
    return rc;
}
