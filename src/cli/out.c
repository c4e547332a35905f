/*
 * cli/out.c - the CLI's output: the stderr log sink, error lines, atomic
 * file writes, number parsing and finding the rules.
 */
/* realpath() is XSI */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void cli_log_sink(hurdle_log_level level, const char *msg, void *payload)
{
    static const char *const names[] = { "error", "warning", "info", "debug", "trace" };

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

/* Writes into an existing non-regular file (a device, a pipe) in place. */
static int write_in_place(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_TRUNC);

    if (fd < 0 || write_all(fd, data, len) < 0) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    return close(fd) < 0 ? (cli_error("%s: cannot write: %s", path, strerror(errno)), -1) : 0;
}

/* The mode a new file gets (0666 less the umask), or the existing file's. */
static mode_t target_mode(const struct stat *st, bool exists)
{
    mode_t mask;

    if (exists) {
        return st->st_mode & 07777;
    }
    mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

static int write_atomically(const char *path, const char *data, size_t len, mode_t mode)
{
    char tmp[PATH_MAX + 16];
    int fd;

    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path) >= sizeof(tmp)) {
        cli_error("%s: path too long", path);
        return -1;
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        cli_error("%s: cannot create: %s", path, strerror(errno));
        return -1;
    }
    if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
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

int cli_write_file(const char *path, const char *data, size_t len)
{
    char real[PATH_MAX];
    struct stat st;
    bool exists;

    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            cli_error("cannot write the report to stdout: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    exists = stat(path, &st) == 0; /* follows a symbolic link to what it names */
    if (exists && !S_ISREG(st.st_mode)) {
        return write_in_place(path, data, len);
    }
    if (exists && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        /* replace the file the link names, and keep the link */
        if (!realpath(path, real) || stat(real, &st) != 0) {
            cli_error("%s: cannot resolve: %s", path, strerror(errno));
            return -1;
        }
        path = real;
    }
    return write_atomically(path, data, len, target_mode(&st, exists));
}

bool cli_parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    unsigned long long mul = 1;

    if (!s || *s < '0' || *s > '9') {
        return false; /* strtoull would take " -1" as a huge number */
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
    if (errno || *end || !isfinite(v) || v < min || v > max) {
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

int cli_load_rules(hurdle_ruleset **out, hurdle_ctx *ctx, const char *const *extra, size_t nextra)
{
    const char *dirs[65];
    size_t i;
    int rc;

    *out = NULL;
    if (nextra > 64) {
        cli_error("too many --rules folders (at most 64)");
        return EXIT_USAGE;
    }
    dirs[0] = cli_default_rules();
    for (i = 0; i < nextra; i++) {
        dirs[i + 1] = extra[i];
    }
    rc = hurdle_ruleset_load(out, ctx, dirs, nextra + 1);
    if (rc < 0) {
        cli_error("%s", hurdle_ctx_error(ctx));
        return rc == HURDLE_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    return EXIT_CLEAN;
}
