/*
 * cli/out.c - the CLI's output: the stderr log sink, error lines, atomic
 * file writes, number parsing and finding the rules.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void cli_log_sink(hurdle_log_level level, const char *msg, void *payload)
{
    static const char *const names[] = {"error", "warning", "info", "debug", "trace"};

    (void)payload;
    fprintf(stderr, "hurdle: %s: %s\n", names[level <= HURDLE_LOG_TRACE ? level : 4], msg);
}

hurdle_log_level cli_log_level(int verbosity)
{
    switch (verbosity) {
    case 0:
        return HURDLE_LOG_ERROR;
    case 1:
        return HURDLE_LOG_WARN;
    case 2:
        return HURDLE_LOG_INFO;
    default:
        return HURDLE_LOG_DEBUG;
    }
}

void cli_error(const char *fmt, ...)
{
    va_list ap;

    fputs("hurdle: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

int cli_write_file(const char *path, const char *data, size_t len)
{
    char tmp[4096];
    int fd;

    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            cli_error("cannot write the report to stdout: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path) >= sizeof(tmp)) {
        cli_error("%s: path too long", path);
        return -1;
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        cli_error("%s: cannot create: %s", path, strerror(errno));
        return -1;
    }
    if (write_all(fd, data, len) < 0 || fchmod(fd, 0644) < 0 || fsync(fd) < 0) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        return -1;
    }
    if (close(fd) < 0 || rename(tmp, path) < 0) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

bool cli_parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    unsigned long long mul = 1;

    if (!s || !*s || *s == '-') {
        return false;
    }
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s) {
        return false;
    }
    if (*end == 'k' || *end == 'K') {
        mul = 1024ULL;
        end++;
    } else if (*end == 'm' || *end == 'M') {
        mul = 1024ULL * 1024;
        end++;
    } else if (*end == 'g' || *end == 'G') {
        mul = 1024ULL * 1024 * 1024;
        end++;
    }
    if (*end || v > (unsigned long long)((size_t)-1) / mul) {
        return false;
    }
    *out = (size_t)(v * mul);
    return true;
}

bool cli_parse_double(const char *s, double min, double max, double *out)
{
    char *end;
    double v;

    if (!s || !*s) {
        return false;
    }
    errno = 0;
    v = strtod(s, &end);
    if (errno || *end || v < min || v > max) {
        return false;
    }
    *out = v;
    return true;
}

static bool is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_default_rules(void)
{
    const char *env = getenv("HURDLE_RULES_DIR");

    if (env && *env) {
        return env;
    }
    if (is_dir(HURDLE_RULES_DIR)) {
        return HURDLE_RULES_DIR;
    }
    return HURDLE_INSTALLED_RULES_DIR;
}

hurdle_ruleset *cli_load_rules(hurdle_ctx *ctx, const char *const *extra, size_t nextra)
{
    const char *dirs[65];
    hurdle_ruleset *rules = NULL;
    size_t i;

    if (nextra > 64) {
        cli_error("too many --rules folders (at most 64)");
        return NULL;
    }
    dirs[0] = cli_default_rules();
    for (i = 0; i < nextra; i++) {
        dirs[i + 1] = extra[i];
    }
    if (hurdle_ruleset_load(&rules, ctx, dirs, nextra + 1) < 0) {
        cli_error("%s", hurdle_ctx_error(ctx));
        return NULL;
    }
    return rules;
}
