/*
 * core/target.c - scan targets to pages.
 *
 * A file is read up to the page size limit; a folder is walked (sorted,
 * symbolic links to folders not followed, bounded in depth and pages) for
 * .html and .htm files; a file:// URL is a file; an http(s) URL is fetched
 * by net/fetch.c. Local pages are parsed as file:// URLs of their absolute
 * path, so links between them resolve, and shown in the report by the path
 * the user gave, so reports do not depend on where a checkout lives.
 */
/* realpath() is XSI */
#define _XOPEN_SOURCE 700

#include "target.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../net/fetch.h"
#include "../net/url.h"
#include "../util/alloc.h"
#include "../util/buf.h"

#define MAX_WALK_DEPTH    32
#define HD_WALK_MAX_FILES ((size_t)200000) /* HTML files a folder walk collects */

/* Records a failed target as a report error and a warning, each on one line. */
static int record(hurdle_report *r, const char *target, int code, const char *msg)
{
    char line[1024];
    char *shown = hd_url_redact(r->ctx, target);

    snprintf(line, sizeof(line), "%s", msg);
    hd_url_flatten(line);
    if (!shown || hd_report_add_error(r, shown, code, line) < 0) {
        hd_free(r->ctx, shown);
        return hd_oom(r->ctx);
    }
    HD_LOG(r->ctx, HURDLE_LOG_WARN, "%s", line);
    hd_free(r->ctx, shown);
    hd_clear_error(r->ctx);
    return HURDLE_OK;
}

static int record_ctx(hurdle_report *r, const char *target, int code)
{
    if (code == HURDLE_ENOMEM) {
        return code;
    }
    return record(r, target, code, hurdle_ctx_error(r->ctx));
}

int hd_target_add(hurdle_report *r, const hd_analyse_in *in, const hurdle_scan_options *opts)
{
    hd_page_record rec;
    int rc;

    if (r->npages >= opts->max_pages) {
        char msg[256];
        snprintf(msg, sizeof(msg), "%s: skipped, the scan already has %zu pages (--max-pages)",
                 in->display, opts->max_pages);
        return record(r, in->display, HURDLE_ELIMIT, msg);
    }
    rc = hd_analyse(&rec, r->ctx, r->rules, opts, in);
    if (rc < 0) {
        return record_ctx(r, in->display, rc);
    }
    return hd_report_add_page(r, &rec);
}

/*
 * Reads at most `max` bytes of `path`; sets *cut when the file is longer.
 * The file is opened without blocking and checked after opening, so a
 * pipe swapped in after the folder walk cannot hang the scan.
 */
static int read_file(hd_buf *out, hurdle_ctx *ctx, const char *path, size_t max, bool *cut)
{
    char chunk[65536];
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    ssize_t n = 0;

    *cut = false;
    if (fd < 0) {
        return hd_fail(ctx, HURDLE_EIO, "%s: cannot read: %s", path, strerror(errno));
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return hd_fail(ctx, HURDLE_EIO, "%s: not a regular file", path);
    }
    while (!*cut && (n = read(fd, chunk, sizeof(chunk))) != 0) {
        size_t room = max - out->len;
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 || hd_buf_err(out)) {
            break;
        }
        *cut = (size_t)n > room;
        hd_buf_put(out, chunk, *cut ? room : (size_t)n);
    }
    close(fd);
    if (n < 0) {
        return hd_fail(ctx, HURDLE_EIO, "%s: cannot read: %s", path, strerror(errno));
    }
    return hd_buf_err(out) == HURDLE_ENOMEM ? hd_oom(ctx) : HURDLE_OK;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s);
    size_t m = strlen(suffix);

    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int load_file(hurdle_report *r, const char *path, const hurdle_scan_options *opts,
                     size_t order, bool start)
{
    hd_analyse_in in;
    hd_buf data = HD_BUF_INIT(r->ctx, opts->max_page_bytes);
    hd_buf url = HD_BUF_INIT(r->ctx, PATH_MAX + 16);
    char abs[PATH_MAX];
    bool cut = false;
    int rc;

    if (!realpath(path, abs)) {
        char msg[PATH_MAX + 64];
        snprintf(msg, sizeof(msg), "%s: cannot read: %s", path, strerror(errno));
        return record(r, path, HURDLE_EIO, msg);
    }
    rc = read_file(&data, r->ctx, path, opts->max_page_bytes, &cut);
    if (rc < 0) {
        rc = record_ctx(r, path, rc);
        goto done;
    }
    hd_buf_puts(&url, "file://");
    hd_buf_puts(&url, abs);
    if (hd_buf_err(&url) < 0) {
        rc = hd_oom(r->ctx);
        goto done;
    }
    memset(&in, 0, sizeof(in));
    in.display = path;
    in.url = url.ptr;
    in.bytes = data.ptr;
    in.len = data.len;
    in.content_type = ends_with(path, ".txt") ? "text/plain" : NULL;
    in.cut_at = cut ? opts->max_page_bytes : 0;
    in.order = order;
    in.start = start;
    rc = hd_target_add(r, &in, opts);
done:
    hd_buf_dispose(&data);
    hd_buf_dispose(&url);
    return rc;
}

typedef struct walk {
    hurdle_ctx *ctx;
    char **paths; /* HTML files found */
    size_t npaths;
    char **dirs; /* folders still to read, with their depth */
    size_t *depths;
    size_t ndirs;
    size_t cap_paths;
    size_t cap_dirs;
    size_t max;      /* HTML files collected at most */
    size_t too_long; /* entries skipped: path longer than PATH_MAX */
} walk;

static int push(hurdle_ctx *ctx, char ***list, size_t *n, size_t *cap, char *item)
{
    if (!item) {
        return HURDLE_ENOMEM;
    }
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 32;
        char **p = hd_realloc(ctx, *list, c * sizeof(*p));
        if (!p) {
            hd_free(ctx, item);
            return HURDLE_ENOMEM;
        }
        *list = p;
        *cap = c;
    }
    (*list)[(*n)++] = item;
    return HURDLE_OK;
}

/* dir/name into *out; ELIMIT (the entry is skipped) when longer than PATH_MAX. */
static int join(char **out, hurdle_ctx *ctx, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    hd_buf b = HD_BUF_INIT(ctx, PATH_MAX);
    int rc;

    hd_buf_put(&b, dir, n);
    if (n && dir[n - 1] != '/') {
        hd_buf_putc(&b, '/');
    }
    hd_buf_puts(&b, name);
    rc = hd_buf_err(&b);
    *out = rc ? NULL : hd_strndup(ctx, b.ptr, b.len);
    hd_buf_dispose(&b);
    return rc ? rc : *out ? HURDLE_OK : HURDLE_ENOMEM;
}

static int visit_entry(walk *w, const char *dir, size_t depth, const char *name)
{
    struct stat st;
    char *path;
    size_t cap_depths = w->cap_dirs;
    int rc;

    if (name[0] == '.') {
        return HURDLE_OK; /* ".", "..", and hidden files and folders */
    }
    rc = join(&path, w->ctx, dir, name);
    if (rc == HURDLE_ELIMIT) {
        w->too_long++;
        return HURDLE_OK;
    }
    if (rc < 0) {
        return rc;
    }
    if (stat(path, &st) != 0) {
        hd_free(w->ctx, path);
        return HURDLE_OK;
    }
    if (S_ISDIR(st.st_mode) && depth < MAX_WALK_DEPTH) {
        struct stat lst;
        if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
            hd_free(w->ctx, path); /* a linked folder could loop: not followed */
            return HURDLE_OK;
        }
        rc = push(w->ctx, &w->dirs, &w->ndirs, &w->cap_dirs, path);
        if (rc == HURDLE_OK && w->cap_dirs != cap_depths) {
            size_t *d = hd_realloc(w->ctx, w->depths, w->cap_dirs * sizeof(*d));
            if (!d) {
                return HURDLE_ENOMEM;
            }
            w->depths = d;
        }
        if (rc == HURDLE_OK) {
            w->depths[w->ndirs - 1] = depth + 1;
        }
        return rc;
    }
    if (S_ISREG(st.st_mode) && (ends_with(name, ".html") || ends_with(name, ".htm")) &&
        w->npaths < w->max) {
        return push(w->ctx, &w->paths, &w->npaths, &w->cap_paths, path);
    }
    hd_free(w->ctx, path);
    return HURDLE_OK;
}

static int read_dir(walk *w, const char *dir, size_t depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = HURDLE_OK;

    if (!d) {
        return HURDLE_OK; /* unreadable sub-folders are skipped */
    }
    while (rc == HURDLE_OK && (e = readdir(d)) != NULL) {
        rc = visit_entry(w, dir, depth, e->d_name);
    }
    closedir(d);
    return rc;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dispose(walk *w)
{
    size_t i;

    for (i = 0; i < w->npaths; i++) {
        hd_free(w->ctx, w->paths[i]);
    }
    for (i = 0; i < w->ndirs; i++) {
        hd_free(w->ctx, w->dirs[i]);
    }
    hd_free(w->ctx, w->paths);
    hd_free(w->ctx, w->dirs);
    hd_free(w->ctx, w->depths);
}

/* Records what a folder walk had to leave out, in one line each. */
static int note_skipped(hurdle_report *r,
                        const char *dir,
                        const walk *w,
                        size_t skipped,
                        const hurdle_scan_options *opts)
{
    char msg[PATH_MAX + 160];
    int rc = HURDLE_OK;

    if (skipped) {
        snprintf(msg, sizeof(msg), "%s: %zu%s more HTML files were not analysed (--max-pages %zu)",
                 dir, skipped, w->npaths == w->max ? " or" : "", opts->max_pages);
        rc = record(r, dir, HURDLE_ELIMIT, msg);
    }
    if (rc == HURDLE_OK && w->too_long) {
        snprintf(msg, sizeof(msg), "%s: %zu entries skipped: path longer than %d bytes", dir,
                 w->too_long, PATH_MAX);
        rc = record(r, dir, HURDLE_ELIMIT, msg);
    }
    return rc;
}

/*
 * Every HTML file below `dir` (at most HD_WALK_MAX_FILES), sorted, so that
 * with --max-pages the same first pages are taken on any file system.
 */
static int load_dir(hurdle_report *r, const char *dir, const hurdle_scan_options *opts,
                    size_t order)
{
    walk w;
    char msg[PATH_MAX + 128];
    size_t room = opts->max_pages > r->npages ? opts->max_pages - r->npages : 0;
    size_t i;
    int rc;

    memset(&w, 0, sizeof(w));
    w.ctx = r->ctx;
    w.max = HD_WALK_MAX_FILES;
    rc = read_dir(&w, dir, 0);
    while (rc == HURDLE_OK && w.ndirs > 0) {
        char *sub = w.dirs[--w.ndirs];
        rc = read_dir(&w, sub, w.depths[w.ndirs]);
        hd_free(r->ctx, sub);
    }
    if (rc < 0) {
        walk_dispose(&w);
        return hd_oom(r->ctx);
    }
    if (w.npaths == 0) {
        snprintf(msg, sizeof(msg), "%s: no HTML files (.html, .htm) in this folder", dir);
        rc = record(r, dir, HURDLE_ENOTFOUND, msg);
    }
    if (w.npaths) {
        qsort(w.paths, w.npaths, sizeof(*w.paths), by_path);
    }
    for (i = 0; rc == HURDLE_OK && i < w.npaths && i < room; i++) {
        rc = load_file(r, w.paths[i], opts, order, false);
    }
    if (rc == HURDLE_OK) {
        rc = note_skipped(r, dir, &w, w.npaths > room ? w.npaths - room : 0, opts);
    }
    walk_dispose(&w);
    return rc;
}

static int load_url(hurdle_report *r, const char *url, const hurdle_scan_options *opts,
                    size_t order)
{
    hd_fetch_options fo;
    hd_response res;
    hd_analyse_in in;
    char *shown;
    int rc;

    fo.connect_timeout_ms = opts->connect_timeout_ms;
    fo.timeout_ms = opts->timeout_ms;
    fo.max_redirects = opts->max_redirects;
    fo.max_bytes = opts->max_page_bytes;
    fo.user_agent = opts->user_agent;
    shown = hd_url_redact(r->ctx, url);
    if (!shown) {
        return hd_oom(r->ctx);
    }
    rc = hd_fetch(&res, r->ctx, url, &fo);
    if (rc < 0) {
        rc = record_ctx(r, shown, rc);
        goto done;
    }
    if (res.status >= 400) {
        char msg[512];
        snprintf(msg, sizeof(msg), "%s: HTTP status %ld", shown, res.status);
        rc = record(r, shown, HURDLE_ENET, msg);
        goto done;
    }
    memset(&in, 0, sizeof(in));
    in.display = shown;
    in.url = res.final_url;
    in.bytes = res.body.ptr;
    in.len = res.body.len;
    in.content_type = res.content_type;
    in.status = res.status;
    in.cut_at = res.truncated ? opts->max_page_bytes : 0;
    in.order = order;
    in.start = true;
    rc = hd_target_add(r, &in, opts);
done:
    hd_response_dispose(&res);
    hd_free(r->ctx, shown);
    return rc;
}

static int hex(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/*
 * Decodes a file:// URL's path ("file:///a%20b.html" -> "/a b.html") into
 * `out` (ctx allocator). Only local files: the host must be empty or
 * "localhost". Fails with EINVAL on another host or an encoded NUL.
 */
static int file_url_path(char **out, hurdle_ctx *ctx, const char *url)
{
    const char *p = url + strlen("file://");
    char *path;
    size_t n = 0;

    *out = NULL;
    if (strncmp(p, "localhost/", 10) == 0) {
        p += 9;
    }
    if (*p != '/') {
        return hd_fail(ctx, HURDLE_EINVAL, "%s: only local files (file:///path) can be read", url);
    }
    path = hd_malloc(ctx, strlen(p) + 1);
    if (!path) {
        return HURDLE_ENOMEM;
    }
    while (*p && *p != '?' && *p != '#') {
        int hi = p[0] == '%' ? hex(p[1]) : -1;
        int lo = hi >= 0 ? hex(p[2]) : -1;
        if (lo >= 0 && hi * 16 + lo == 0) {
            hd_free(ctx, path);
            return hd_fail(ctx, HURDLE_EINVAL, "%s: a NUL byte in a file name", url);
        }
        if (lo >= 0) {
            path[n++] = (char)(hi * 16 + lo);
            p += 3;
        } else {
            path[n++] = *p++;
        }
    }
    path[n] = '\0';
    *out = path;
    return HURDLE_OK;
}

/* "scheme://..." with a scheme of RFC 3986's characters. */
static bool has_scheme(const char *s)
{
    const char *p = s;

    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
        return false;
    }
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.') {
        p++;
    }
    return strncmp(p, "://", 3) == 0;
}

static int load_path(hurdle_report *r, const char *path, const hurdle_scan_options *opts,
                     size_t order)
{
    struct stat st;
    char msg[PATH_MAX + 64];

    if (stat(path, &st) != 0) {
        snprintf(msg, sizeof(msg), "%s: %s", path, strerror(errno));
        return record(r, path, HURDLE_EIO, msg);
    }
    if (S_ISDIR(st.st_mode)) {
        return load_dir(r, path, opts, order);
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(msg, sizeof(msg), "%s: not a regular file or folder", path);
        return record(r, path, HURDLE_EINVAL, msg);
    }
    return load_file(r, path, opts, order, true);
}

int hd_target_load(hurdle_report *r, const char *target, const hurdle_scan_options *opts,
                   size_t order)
{
    char *path = NULL;
    int rc;

    if (strncasecmp(target, "http://", 7) == 0 || strncasecmp(target, "https://", 8) == 0) {
        return load_url(r, target, opts, order);
    }
    if (strncasecmp(target, "file://", 7) != 0) {
        if (has_scheme(target)) {
            char msg[256];
            snprintf(msg, sizeof(msg), "%.200s: unsupported URL scheme (http, https and file are)",
                     target);
            return record(r, target, HURDLE_EINVAL, msg);
        }
        return load_path(r, target, opts, order);
    }
    rc = file_url_path(&path, r->ctx, target);
    if (rc < 0) {
        return record_ctx(r, target, rc);
    }
    rc = load_path(r, path, opts, order);
    hd_free(r->ctx, path);
    return rc;
}
