/*
 * cli/scan_args.h - the options of `hurdle scan`, parsed by scan_opts.c and
 * used by cmd_scan.c.
 */
#ifndef HURDLE_CLI_SCAN_ARGS_H
#define HURDLE_CLI_SCAN_ARGS_H

#include "cli.h"

#define MAX_EXTRA_RULES 64
#define MAX_LIST        64 /* entries of a repeatable option */

typedef struct str_list {
    const char *v[MAX_LIST];
    size_t n;
} str_list;

typedef struct scan_args {
    const char *format;   /* "json" or "text"; NULL: text, or json with -o */
    const char *output;   /* -o FILE */
    const char *color;    /* auto, always, never */
    const char *progress; /* auto, always, never */
    const char *rules[MAX_EXTRA_RULES];
    size_t nrules;
    double max_friction; /* < 0: no budget */
    int fail_on;         /* 0: none, else a hurdle_severity */
    str_list include;
    str_list exclude;
    str_list headers;
    str_list auth_hosts;
    str_list resolve;
    hurdle_scan_options opts;
} scan_args;

/*
 * Parses argv into `a`. Returns 0 to go on, -1 after printing --help (exit
 * 0), or EXIT_USAGE after printing why.
 */
int scan_parse_args(scan_args *a, cli_log *log, int argc, char **argv);

#endif
