/*
 * cli/cli.h - what the hurdle command's parts share. The CLI uses only the
 * public API (include/hurdle.h).
 */
#ifndef HURDLE_CLI_H
#define HURDLE_CLI_H

#include <hurdle.h>
#include <stdbool.h>
#include <stddef.h>

/* Exit codes (README, DESIGN.md §6). */
enum {
    EXIT_CLEAN = 0,  /* no budget failed */
    EXIT_BUDGET = 1, /* a budget or --fail-on threshold failed */
    EXIT_USAGE = 2,  /* bad usage, configuration or rule pack */
    EXIT_RUNTIME = 3 /* the run itself failed: nothing could be analysed */
};

/* Verbosity for the stderr log sink: -q 0, default 1, -v 2, -vv 3. */
typedef struct cli_log {
    int verbosity;
} cli_log;

void cli_log_sink(hurdle_log_level level, const char *msg, void *payload);
hurdle_log_level cli_log_level(int verbosity);

/* Prints "hurdle: MSG" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Writes `len` bytes to `path` atomically: a temporary file beside it,
 * flushed, then renamed over it; "-" writes to stdout.
 * Returns 0, or -1 after printing why.
 */
int cli_write_file(const char *path, const char *data, size_t len);

/* Parses a non-negative size like "16M", "512k", "1000". False when invalid. */
bool cli_parse_size(const char *s, size_t *out);
/* Parses a number in [min, max]. False when invalid. */
bool cli_parse_double(const char *s, double min, double max, double *out);

/* The default rules folder: $HURDLE_RULES_DIR, the source tree's, or the installed one. */
const char *cli_default_rules(void);

/*
 * Loads the default rules plus `extra` folders into *out. Returns
 * EXIT_CLEAN, or the exit code after printing why: EXIT_USAGE for a bad
 * pack, EXIT_RUNTIME when out of memory.
 */
int cli_load_rules(hurdle_ruleset **out, hurdle_ctx *ctx, const char *const *extra, size_t nextra);

int cmd_scan(hurdle_ctx *ctx, int argc, char **argv, cli_log *log);
int cmd_rules(hurdle_ctx *ctx, int argc, char **argv, cli_log *log);

#endif
