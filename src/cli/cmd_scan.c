/*
 * cli/cmd_scan.c - `hurdle scan`: the main job. Reads its options, loads
 * the rules, scans, writes the report, and turns budgets into exit codes.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define MAX_EXTRA_RULES 64

typedef struct scan_args {
    const char *format; /* "json" or "text"; NULL: text, or json with -o */
    const char *output; /* -o FILE */
    const char *color;  /* auto, always, never */
    const char *rules[MAX_EXTRA_RULES];
    size_t nrules;
    double max_friction; /* < 0: no budget */
    int fail_on;         /* 0: none, else a hurdle_severity */
    hurdle_scan_options opts;
} scan_args;

static const char usage[] =
    "usage: hurdle scan [options] TARGET...\n"
    "\n"
    "Targets: .html/.htm/.txt files, folders (a saved site), file:// and http(s):// URLs.\n"
    "\n"
    "Output:\n"
    "  -f, --format FMT        json or text (default: text; json when -o is given)\n"
    "  -o, --output FILE       write the report to FILE (atomically); the text summary\n"
    "                          still goes to stdout unless -q\n"
    "      --color WHEN        auto (default), always, never; NO_COLOR is respected\n"
    "      --no-timestamps     leave the run's time stamps out (reproducible reports)\n"
    "  -q, --quiet             errors only on stderr, no summary with -o\n"
    "  -v, --verbose           more on stderr (-vv: debug); in text, every finding\n"
    "                          and every field with its purpose and seconds\n"
    "Rules and budgets:\n"
    "      --rules DIR         add the rule packs in DIR (repeatable)\n"
    "      --max-friction N    exit 1 when an offering's friction is above N (0-100)\n"
    "      --fail-on SEV       exit 1 on a finding of SEV or worse\n"
    "                          (minor, moderate, serious, critical)\n"
    "Limits:\n"
    "      --max-page-bytes N  cut pages at N bytes (default 16M; k, M, G suffixes)\n"
    "      --max-pages N       analyse at most N pages (default 5000)\n"
    "      --max-fields N      form controls kept per page (default 10000)\n"
    "      --timeout SEC       total time per fetch (default 30)\n"
    "      --user-agent UA     User-Agent for http(s) fetches\n"
    "\n"
    "Exit: 0 clean, 1 a budget failed, 2 usage or rule error, 3 nothing could be analysed.\n";

enum {
    OPT_COLOR = 256,
    OPT_NO_TIMESTAMPS,
    OPT_RULES,
    OPT_MAX_FRICTION,
    OPT_FAIL_ON,
    OPT_MAX_PAGE_BYTES,
    OPT_MAX_PAGES,
    OPT_MAX_FIELDS,
    OPT_TIMEOUT,
    OPT_USER_AGENT
};

static const struct option longopts[] = {
    { "format", required_argument, NULL, 'f' },
    { "output", required_argument, NULL, 'o' },
    { "quiet", no_argument, NULL, 'q' },
    { "verbose", no_argument, NULL, 'v' },
    { "help", no_argument, NULL, 'h' },
    { "color", required_argument, NULL, OPT_COLOR },
    { "no-timestamps", no_argument, NULL, OPT_NO_TIMESTAMPS },
    { "rules", required_argument, NULL, OPT_RULES },
    { "max-friction", required_argument, NULL, OPT_MAX_FRICTION },
    { "fail-on", required_argument, NULL, OPT_FAIL_ON },
    { "max-page-bytes", required_argument, NULL, OPT_MAX_PAGE_BYTES },
    { "max-pages", required_argument, NULL, OPT_MAX_PAGES },
    { "max-fields", required_argument, NULL, OPT_MAX_FIELDS },
    { "timeout", required_argument, NULL, OPT_TIMEOUT },
    { "user-agent", required_argument, NULL, OPT_USER_AGENT },
    { NULL, 0, NULL, 0 },
};

static int parse_severity(const char *s)
{
    static const char *const names[] = { "minor", "moderate", "serious", "critical" };
    int i;

    for (i = 0; i < 4; i++) {
        if (strcmp(s, names[i]) == 0) {
            return i + 1;
        }
    }
    return -1;
}

static int bad(const char *opt, const char *val)
{
    cli_error("invalid value for %s: '%s' (see hurdle scan --help)", opt, val);
    return EXIT_USAGE;
}

static int limit_option(scan_args *a, int c, const char *val)
{
    size_t n = 0;
    double d = 0;

    switch (c) {
    case OPT_MAX_PAGE_BYTES:
        if (!cli_parse_size(val, &n) || n == 0) {
            return bad("--max-page-bytes", val);
        }
        a->opts.max_page_bytes = n;
        return 0;
    case OPT_MAX_PAGES:
        if (!cli_parse_size(val, &n) || n == 0) {
            return bad("--max-pages", val);
        }
        a->opts.max_pages = n;
        return 0;
    case OPT_MAX_FIELDS:
        if (!cli_parse_size(val, &n) || n == 0) {
            return bad("--max-fields", val);
        }
        a->opts.max_fields = n;
        return 0;
    default:
        if (!cli_parse_double(val, 0.001, 86400, &d)) {
            return bad("--timeout", val);
        }
        a->opts.timeout_ms = (long)(d * 1000);
        return 0;
    }
}

static int budget_option(scan_args *a, int c, const char *val)
{
    if (c == OPT_MAX_FRICTION) {
        return cli_parse_double(val, 0, 100, &a->max_friction) ? 0 : bad("--max-friction", val);
    }
    a->fail_on = parse_severity(val);
    return a->fail_on > 0 ? 0 : bad("--fail-on", val);
}

static int option(scan_args *a, cli_log *log, int c, const char *val)
{
    switch (c) {
    case 'f':
        if (strcmp(val, "json") != 0 && strcmp(val, "text") != 0) {
            return bad("--format", val);
        }
        a->format = val;
        return 0;
    case 'o':
        a->output = val;
        return 0;
    case 'q':
        log->verbosity = 0;
        return 0;
    case 'v':
        log->verbosity++;
        return 0;
    case OPT_COLOR:
        if (strcmp(val, "auto") != 0 && strcmp(val, "always") != 0 && strcmp(val, "never") != 0) {
            return bad("--color", val);
        }
        a->color = val;
        return 0;
    case OPT_NO_TIMESTAMPS:
        a->opts.timestamps = false;
        return 0;
    case OPT_RULES:
        if (a->nrules == MAX_EXTRA_RULES) {
            return bad("--rules", "more than 64 folders");
        }
        a->rules[a->nrules++] = val;
        return 0;
    case OPT_USER_AGENT:
        a->opts.user_agent = val;
        return 0;
    case OPT_MAX_FRICTION:
    case OPT_FAIL_ON:
        return budget_option(a, c, val);
    default:
        return limit_option(a, c, val);
    }
}

static int parse_args(scan_args *a, cli_log *log, int argc, char **argv)
{
    hurdle_scan_options def = HURDLE_SCAN_OPTIONS_INIT;
    int c;

    memset(a, 0, sizeof(*a));
    a->opts = def;
    a->max_friction = -1;
    a->color = "auto";
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:o:qvh", longopts, NULL)) != -1) {
        int rc;
        if (c == 'h') {
            fputs(usage, stdout);
            return -1;
        }
        if (c == '?' || c == ':') {
            cli_error("unknown or incomplete option '%s' (see hurdle scan --help)",
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
        rc = option(a, log, c, optarg);
        if (rc) {
            return rc;
        }
    }
    if (optind >= argc) {
        cli_error("scan: no target given (see hurdle scan --help)");
        return EXIT_USAGE;
    }
    return 0;
}

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

int cmd_scan(hurdle_ctx *ctx, int argc, char **argv, cli_log *log)
{
    scan_args a;
    hurdle_ruleset *rules = NULL;
    hurdle_report *report = NULL;
    int rc;

    rc = parse_args(&a, log, argc, argv);
    if (rc) {
        return rc < 0 ? EXIT_CLEAN : rc;
    }
    hurdle_ctx_set_log(ctx, cli_log_sink, cli_log_level(log->verbosity), log);
    rc = cli_load_rules(&rules, ctx, a.rules, a.nrules);
    if (rc) {
        return rc;
    }
    if (hurdle_scan(&report, ctx, rules, (const char *const *)(argv + optind),
                    (size_t)(argc - optind), &a.opts) < 0) {
        cli_error("%s", hurdle_ctx_error(ctx));
        rc = EXIT_RUNTIME;
        goto done;
    }
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
