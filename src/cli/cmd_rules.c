/*
 * cli/cmd_rules.c - `hurdle rules`: lists the rules as JSON, or checks
 * them: every pack loads and validates, and every rule's own examples
 * behave as they say.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define MAX_EXTRA_RULES 64

static const char usage[] =
    "usage: hurdle rules [--check] [--rules DIR]...\n"
    "\n"
    "Without --check, prints every rule (id, dimension, severity, kind, applies_to,\n"
    "message, advice, tags, source file) as JSON on stdout.\n"
    "  --check       validate the packs and run every rule's examples; exit 1 on a failure\n"
    "  --rules DIR   add the rule packs in DIR (repeatable)\n";

int cmd_rules(hurdle_ctx *ctx, int argc, char **argv, cli_log *log)
{
    static const struct option longopts[] = {
        { "check", no_argument, NULL, 'c' },
        { "rules", required_argument, NULL, 'r' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *extra[MAX_EXTRA_RULES];
    size_t nextra = 0;
    hurdle_ruleset *rules;
    hurdle_buf out = HURDLE_BUF_INIT;
    bool check = false;
    int c;
    int rc;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return EXIT_CLEAN;
        } else if (c == 'c') {
            check = true;
        } else if (c == 'r' && nextra == MAX_EXTRA_RULES) {
            cli_error("too many --rules folders (at most %d)", MAX_EXTRA_RULES);
            return EXIT_USAGE;
        } else if (c == 'r') {
            extra[nextra++] = optarg;
        } else {
            cli_error("unknown or incomplete option '%s' (see hurdle rules --help)",
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    hurdle_ctx_set_log(ctx, cli_log_sink, cli_log_level(log->verbosity), log);
    rc = cli_load_rules(&rules, ctx, extra, nextra);
    if (rc) {
        return rc;
    }
    if (!check) {
        rc = hurdle_ruleset_to_json(&out, ctx, rules);
        rc = rc < 0 ? (cli_error("%s", hurdle_ctx_error(ctx)), EXIT_RUNTIME)
                    : (cli_write_file("-", out.ptr, out.len) < 0 ? EXIT_RUNTIME : EXIT_CLEAN);
    } else {
        rc = hurdle_ruleset_check_examples(&out, ctx, rules);
        if (rc < 0) {
            cli_error("%s", hurdle_ctx_error(ctx));
            rc = EXIT_RUNTIME;
        } else {
            fputs(out.ptr ? out.ptr : "", stderr);
            printf("%zu rules checked, %d example%s failed\n", hurdle_ruleset_count(rules), rc,
                   rc == 1 ? "" : "s");
            rc = rc ? EXIT_BUDGET : EXIT_CLEAN;
        }
    }
    hurdle_buf_dispose(&out);
    hurdle_ruleset_free(rules);
    return rc;
}
