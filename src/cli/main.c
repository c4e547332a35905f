/*
 * cli/main.c - the hurdle command: global options, then a verb.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: hurdle <command> [options]\n"
    "\n"
    "Measures the friction between customers and offers: rebate claims, signup flows,\n"
    "pricing pages.\n"
    "\n"
    "Commands:\n"
    "  scan TARGET...   analyse pages, folders or URLs and write a friction report\n"
    "  rules            list, show and check the rules (hurdle rules --help)\n"
    "\n"
    "  hurdle --version | --help\n"
    "\n"
    "Exit: 0 clean, 1 a budget failed, 2 usage or rule error, 3 nothing could be analysed.\n";

int main(int argc, char **argv)
{
    hurdle_ctx *ctx = NULL;
    cli_log log = { 1 };
    int rc;

    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("hurdle %s\n", hurdle_version());
        return EXIT_CLEAN;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(argv[1], "scan") != 0 && strcmp(argv[1], "rules") != 0) {
        cli_error("unknown command '%s' (see hurdle --help)", argv[1]);
        return EXIT_USAGE;
    }
    if (hurdle_global_init() < 0 || hurdle_ctx_new(&ctx, NULL) < 0) {
        cli_error("cannot initialise (out of memory?)");
        return EXIT_RUNTIME;
    }
    if (strcmp(argv[1], "scan") == 0) {
        rc = cmd_scan(ctx, argc - 1, argv + 1, &log);
    } else {
        rc = cmd_rules(ctx, argc - 1, argv + 1, &log);
    }
    hurdle_ctx_free(ctx);
    hurdle_global_cleanup();
    return rc;
}
