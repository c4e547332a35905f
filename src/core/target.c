/*
 * core/target.c - local targets (files, folders, file:// URLs) as analysis
 * jobs. A file is read by an analysis thread (pool.c) up to the page size
 * limit; a folder is walked (sorted, symbolic links to folders not
 * followed, bounded in depth and files) for every file that may be a page:
 * the thread sniffs it (html/sniff.c), so saved pages named .php, .aspx or
 * with no extension count, and images or scripts do not. Local pages are
 * parsed as file:// URLs of their absolute path, so links between them
 * resolve (root-relative links under the folder), and shown in the report
 * by the path the user gave, so reports do not depend on where a checkout
 * lives.
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

#include "../net/url.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/utf8.h"

#define MAX_WALK_DEPTH    32
#define HD_WALK_MAX_FILES ((size_t)200000) /* HTML files a folder walk collects */

/* Records a failed target as a report error and a warning, each on one line. */
static int record(hd_target_ctx *t, const char *target, int code, const char *msg)
{
    hurdle_report *r = t->r;
    char line[1024];
    char *shown = hd_url_redact(r->ctx, target);

    snprintf(line, sizeof(line), "%s", msg);
    hd_url_flatten(line);
    if (!shown || hd_report_add_error_at(r, t->order, shown, code, line) < 0) {
        hd_free(r->ctx, shown);
        return hd_oom(r->ctx);
    }
    HD_LOG(r->ctx, HURDLE_LOG_WARN, "%s", line);
    hd_free(r->ctx, shown);
    hd_clear_error(r->ctx);
    return HURDLE_OK;
}

static int record_ctx(hd_target_ctx *t, const char *target, int code)
{
    if (code == HURDLE_ENOMEM) {
        return code;
    }
    return record(t, target, code, hurdle_ctx_error(t->r->ctx));
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s);
    size_t m = strlen(suffix);

    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/*
 * The file:// URL of an absolute path, escaped as a URL must be ("a b.html" as "a%20b.html"),
 * so that links resolve against it.
 */
static char *file_url(hurdle_ctx *ctx, const char *abs)
{
    static const char hexd[] = "0123456789ABCDEF";
    hd_buf b = HD_BUF_INIT(ctx, 3 * PATH_MAX + 8);
    char *out = NULL;

    hd_buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~!$&'()*+,;=:@", *p)) {
            hd_buf_putc(&b, (char)*p);
        } else {
            hd_buf_putc(&b, '%');
            hd_buf_putc(&b, hexd[*p >> 4]);
            hd_buf_putc(&b, hexd[*p & 15]);
        }
    }
    if (hd_buf_err(&b) == HURDLE_OK) {
        out = hd_strndup(ctx, b.ptr, b.len);
    }
    hd_buf_dispose(&b);
    return out;
}

/* A file named alone: its folder is its site. */
static int site_of_file(hd_target_ctx *t, const char *abs)
{
    char root[PATH_MAX + 8];
    const char *slash = strrchr(abs, '/');
    size_t n = slash ? (size_t)(slash - abs) : 0;
    const char *name;

    snprintf(root, sizeof(root), "file://%.*s", (int)n, abs);
    name = strrchr(root + 7, '/') ? strrchr(root + 7, '/') + 1 : root + 7;
    return hd_report_set_site(t->r, t->order, root, name);
}

/* A job that reads `path` (shown as `display`) as a page of `root` (NULL: a file alone). */
static int file_job(hd_target_ctx *t, const char *path, const char *root, bool named)
{
    hurdle_ctx *ctx = t->r->ctx;
    char abs[PATH_MAX];
    hd_job job;

    if (!realpath(path, abs)) {
        char msg[PATH_MAX + 64];
        snprintf(msg, sizeof(msg), "%s: cannot read: %s", path, strerror(errno));
        return record(t, path, HURDLE_EIO, msg);
    }
    if (named && site_of_file(t, abs) < 0) {
        return HURDLE_ENOMEM;
    }
    memset(&job, 0, sizeof(job));
    job.display = hd_strdup(ctx, path);
    job.path = hd_strdup(ctx, abs);
    job.url = file_url(ctx, abs);
    job.root = root ? hd_strdup(ctx, root) : NULL;
    job.content_type = ends_with(path, ".txt") ? hd_strdup(ctx, "text/plain") : NULL;
    job.order = t->order;
    job.tag = HD_JOB_LOCAL;
    job.start = named;
    job.named = named;
    job.explicit_file = named;
    if (!job.display || !job.path || !job.url || (root && !job.root) ||
        (ends_with(path, ".txt") && !job.content_type)) {
        hd_job_dispose(&job, ctx);
        return hd_oom(ctx);
    }
    return t->sink(t->payload, &job);
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

/* A file of a saved site that may be a page: not an image, script, style sheet, archive... */
static bool may_be_page(const char *name)
{
    static const char *const not_pages[] = {
        ".css", ".js",  ".mjs", ".json", ".map", ".png", ".jpg",  ".jpeg",  ".gif",  ".webp",
        ".svg", ".ico", ".bmp", ".avif", ".pdf", ".zip", ".gz",   ".tgz",   ".bz2",  ".xz",
        ".7z",  ".mp3", ".mp4", ".webm", ".ogg", ".wav", ".woff", ".woff2", ".ttf",  ".otf",
        ".eot", ".exe", ".dmg", ".iso",  ".bin", ".csv", ".xml",  ".txt",   ".warc", ".md"
    };

    for (size_t i = 0; i < sizeof(not_pages) / sizeof(not_pages[0]); i++) {
        if (ends_with(name, not_pages[i])) {
            return false;
        }
    }
    return true;
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
    if (S_ISREG(st.st_mode) && may_be_page(name) && w->npaths < w->max) {
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
static int note_skipped(hd_target_ctx *t, const char *dir, const walk *w, size_t skipped)
{
    char msg[PATH_MAX + 160];
    int rc = HURDLE_OK;

    if (skipped) {
        snprintf(msg, sizeof(msg), "%s: %zu%s more HTML files were not analysed (--max-pages %zu)",
                 dir, skipped, w->npaths == w->max ? " or" : "", t->opts->max_pages);
        rc = record(t, dir, HURDLE_ELIMIT, msg);
    }
    if (rc == HURDLE_OK && w->too_long) {
        snprintf(msg, sizeof(msg), "%s: %zu entries skipped: path longer than %d bytes", dir,
                 w->too_long, PATH_MAX);
        rc = record(t, dir, HURDLE_ELIMIT, msg);
    }
    return rc;
}

/*
 * Every file below `dir` that may be a page (at most HD_WALK_MAX_FILES), sorted, so that with
 * --max-pages the same first pages are taken on any file system; the folder is the site's root.
 */
static int load_dir(hd_target_ctx *t, const char *dir)
{
    hurdle_ctx *ctx = t->r->ctx;
    char abs[PATH_MAX];
    char root[PATH_MAX + 8];
    char msg[PATH_MAX + 128];
    size_t room;
    walk w;
    size_t i;
    int rc;

    memset(&w, 0, sizeof(w));
    w.ctx = ctx;
    w.max = HD_WALK_MAX_FILES;
    if (!realpath(dir, abs)) {
        snprintf(msg, sizeof(msg), "%s: %s", dir, strerror(errno));
        return record(t, dir, HURDLE_EIO, msg);
    }
    snprintf(root, sizeof(root), "file://%s", strcmp(abs, "/") == 0 ? "" : abs);
    rc = hd_report_set_site(t->r, t->order, root, strrchr(abs, '/') ? strrchr(abs, '/') + 1 : abs);
    if (rc < 0) {
        return rc;
    }
    rc = read_dir(&w, dir, 0);
    while (rc == HURDLE_OK && w.ndirs > 0) {
        char *sub = w.dirs[--w.ndirs];
        rc = read_dir(&w, sub, w.depths[w.ndirs]);
        hd_free(ctx, sub);
    }
    if (rc < 0) {
        walk_dispose(&w);
        return hd_oom(ctx);
    }
    if (w.npaths == 0) {
        snprintf(msg, sizeof(msg), "%s: no HTML files (.html, .htm) in this folder", dir);
        rc = record(t, dir, HURDLE_ENOTFOUND, msg);
    }
    if (w.npaths) {
        qsort(w.paths, w.npaths, sizeof(*w.paths), by_path);
    }
    room = *t->room;
    for (i = 0; rc == HURDLE_OK && i < w.npaths && i < room; i++) {
        rc = file_job(t, w.paths[i], root, false);
    }
    if (rc == HURDLE_OK) {
        rc = note_skipped(t, dir, &w, w.npaths > room ? w.npaths - room : 0);
    }
    walk_dispose(&w);
    return rc;
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
        int hi = p[0] == '%' ? hd_hex_value(p[1]) : -1;
        int lo = hi >= 0 ? hd_hex_value(p[2]) : -1;
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

static int load_path(hd_target_ctx *t, const char *path)
{
    struct stat st;
    char msg[PATH_MAX + 64];

    if (stat(path, &st) != 0) {
        snprintf(msg, sizeof(msg), "%s: %s", path, strerror(errno));
        return record(t, path, HURDLE_EIO, msg);
    }
    if (S_ISDIR(st.st_mode)) {
        return load_dir(t, path);
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(msg, sizeof(msg), "%s: not a regular file or folder", path);
        return record(t, path, HURDLE_EINVAL, msg);
    }
    return file_job(t, path, NULL, true);
}

bool hd_target_is_url(const char *target)
{
    return strncasecmp(target, "http://", 7) == 0 || strncasecmp(target, "https://", 8) == 0;
}

int hd_target_local(hd_target_ctx *t, const char *target)
{
    char *path = NULL;
    int rc;

    if (strncasecmp(target, "file://", 7) != 0) {
        if (has_scheme(target)) {
            char msg[256];
            snprintf(msg, sizeof(msg), "%.200s: unsupported URL scheme (http, https and file are)",
                     target);
            return record(t, target, HURDLE_EINVAL, msg);
        }
        return load_path(t, target);
    }
    rc = file_url_path(&path, t->r->ctx, target);
    if (rc < 0) {
        return record_ctx(t, target, rc);
    }
    rc = load_path(t, path);
    hd_free(t->r->ctx, path);
    return rc;
}
