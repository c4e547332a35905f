/*
 * net/warc.c - the WARC 1.1 writer (ISO 28500:2017): one gzip member per
 * record (gz.c), SHA-1 digests in the "sha1:BASE32" convention (sha1.c),
 * urn:uuid v4 record ids from getrandom(2) (else /dev/urandom).
 *
 * Invariants: every header value is checked before anything is written, so
 * a caller's string can never add a line or end the header early (no CR,
 * LF or other control characters; `extra` must be well-formed lines); the
 * fields the writer owns (Content-Length, WARC-Type, WARC-Record-ID, ...)
 * cannot be overridden. Writes go through one FILE* whose errors are
 * checked at every write and at close; after one failure the writer only
 * reports it. The reader lives in warc_read.c.
 */
#include "warc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#include "../util/alloc.h"
#include "../util/buf.h"
#include "gz.h"
#include "sha1.h"

struct hd_warc_writer {
    hurdle_ctx *ctx;
    FILE *f;
    char *path;
    char warcinfo_id[HD_WARC_ID_SIZE];
    bool failed;
};

/* Fields only the writer sets; `extra` may not name them. */
static const char *const owned_fields[] = { "WARC-Type",         "WARC-Record-ID",
                                            "WARC-Date",         "Content-Length",
                                            "WARC-Block-Digest", "WARC-Warcinfo-ID" };

/* True when `s` has no control characters (tabs are allowed), so it stays on its line. */
static bool is_one_line(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            return false;
        }
    }
    return true;
}

static bool is_digits(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return true;
}

/* "YYYY-MM-DDThh:mm:ssZ" with an optional fraction of 1 to 9 digits before the Z. */
static bool is_warc_date(const char *d)
{
    size_t len = strlen(d);
    size_t frac;

    if (len < 20 || !is_digits(d, 4) || d[4] != '-' || !is_digits(d + 5, 2) || d[7] != '-' ||
        !is_digits(d + 8, 2) || d[10] != 'T' || !is_digits(d + 11, 2) || d[13] != ':' ||
        !is_digits(d + 14, 2) || d[16] != ':' || !is_digits(d + 17, 2) || d[len - 1] != 'Z') {
        return false;
    }
    if (len == 20) {
        return true;
    }
    frac = len - 21; /* digits between '.' and 'Z' */
    return d[19] == '.' && frac >= 1 && frac <= 9 && is_digits(d + 20, frac);
}

static bool is_owned(const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < sizeof(owned_fields) / sizeof(owned_fields[0]); i++) {
        if (strlen(owned_fields[i]) == len && strncasecmp(owned_fields[i], name, len) == 0) {
            return true;
        }
    }
    return false;
}

/* Checks "Name: value\r\n" lines; `why` says what is wrong. */
static bool is_field_lines(const char *s, bool allow_owned, const char **why)
{
    while (*s) {
        const char *eol = strstr(s, "\r\n");
        const char *colon = memchr(s, ':', eol ? (size_t)(eol - s) : 0);
        const char *p;

        if (!eol || !colon || colon == s) {
            *why = "a line is not \"Name: value\" ending in CRLF";
            return false;
        }
        for (p = s; p < colon; p++) {
            if (!hd_warc_fields_is_name_char((unsigned char)*p)) {
                *why = "a field name has a character a name cannot have";
                return false;
            }
        }
        if (!is_one_line(colon + 1, (size_t)(eol - colon - 1))) {
            *why = "a field value contains a control character";
            return false;
        }
        if (!allow_owned && is_owned(s, (size_t)(colon - s))) {
            *why = "a field the writer sets itself is given";
            return false;
        }
        s = eol + 2;
    }
    return true;
}

static int check_value(hd_warc_writer *w, const char *name, const char *value)
{
    if (value && !is_one_line(value, strlen(value))) {
        return hd_fail(w->ctx, HURDLE_EINVAL,
                       "%s: bad WARC record: %s contains a control character", w->path, name);
    }
    return HURDLE_OK;
}

static int check_rec(hd_warc_writer *w, const hd_warc_rec *rec)
{
    const char *why = NULL;
    const char *p;
    int rc = HURDLE_OK;

    p = rec->type ? rec->type : "";
    while (*p && hd_warc_fields_is_name_char((unsigned char)*p)) {
        p++;
    }
    if (!rec->type || !rec->type[0] || *p) {
        return hd_fail(w->ctx, HURDLE_EINVAL, "%s: bad WARC record: the type is not a word",
                       w->path);
    }
    if (rec->date && !is_warc_date(rec->date)) {
        return hd_fail(w->ctx, HURDLE_EINVAL,
                       "%s: bad WARC record: the date is not YYYY-MM-DDThh:mm:ss[.fff]Z", w->path);
    }
    if (!rec->block && rec->block_len > 0) {
        return hd_fail(w->ctx, HURDLE_EINVAL, "%s: bad WARC record: a block without bytes",
                       w->path);
    }
    if (rec->extra && !is_field_lines(rec->extra, false, &why)) {
        return hd_fail(w->ctx, HURDLE_EINVAL, "%s: bad WARC record: extra fields: %s", w->path,
                       why);
    }
    rc = rc < 0 ? rc : check_value(w, "WARC-Target-URI", rec->target_uri);
    rc = rc < 0 ? rc : check_value(w, "Content-Type", rec->content_type);
    rc = rc < 0 ? rc : check_value(w, "WARC-IP-Address", rec->ip);
    rc = rc < 0 ? rc : check_value(w, "WARC-Concurrent-To", rec->concurrent_to);
    rc = rc < 0 ? rc : check_value(w, "WARC-Truncated", rec->truncated);
    return rc;
}

static bool random_bytes(unsigned char *p, size_t n)
{
    size_t got = 0;
    FILE *f;

    while (got < n) {
        ssize_t k = getrandom(p + got, n - got, 0);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k <= 0) {
            break;
        }
        got += (size_t)k;
    }
    if (got == n) {
        return true;
    }
    f = fopen("/dev/urandom", "rb"); /* kernels before 3.17 */
    if (!f) {
        return false;
    }
    got = fread(p, 1, n, f);
    (void)fclose(f);
    return got == n;
}

/* A new "<urn:uuid:...>" (RFC 4122 version 4). */
static int new_id(hd_warc_writer *w, char out[HD_WARC_ID_SIZE])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char u[16];
    size_t i;
    size_t o = 0;

    if (!random_bytes(u, sizeof(u))) {
        return hd_fail(w->ctx, HURDLE_EIO, "%s: cannot make a record id: no random bytes", w->path);
    }
    u[6] = (unsigned char)((u[6] & 0x0fU) | 0x40U);
    u[8] = (unsigned char)((u[8] & 0x3fU) | 0x80U);
    memcpy(out, "<urn:uuid:", 10);
    o = 10;
    for (i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out[o++] = '-';
        }
        out[o++] = hex[u[i] >> 4];
        out[o++] = hex[u[i] & 0x0fU];
    }
    out[o++] = '>';
    out[o] = '\0';
    return HURDLE_OK;
}

static void date_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;

    if (t == (time_t)-1 || !gmtime_r(&t, &tm) ||
        strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
        memcpy(out, "1970-01-01T00:00:00Z", 21);
    }
}

static void put_field(hd_buf *h, const char *name, const char *value)
{
    if (value) {
        hd_buf_printf(h, "%s: %s\r\n", name, value);
    }
}

static bool has_payload(const hd_warc_rec *rec, size_t *body_off_out)
{
    size_t head_len;

    return strcmp(rec->type, "response") == 0 && rec->content_type &&
           strncasecmp(rec->content_type, "application/http", 16) == 0 &&
           hd_warc_fields_split(rec->block, rec->block_len, rec->block_len, &head_len,
                                body_off_out);
}

static int build_head(
    hd_buf *h, const hd_warc_writer *w, const hd_warc_rec *rec, const char *id, const char *date)
{
    char digest[HD_SHA1_LABEL_SIZE];
    size_t body_off;

    hd_buf_printf(h, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n",
                  rec->type, id, date);
    put_field(h, "WARC-Target-URI", rec->target_uri);
    put_field(h, "WARC-IP-Address", rec->ip);
    put_field(h, "WARC-Concurrent-To", rec->concurrent_to);
    put_field(h, "WARC-Warcinfo-ID", w->warcinfo_id[0] ? w->warcinfo_id : NULL);
    put_field(h, "WARC-Truncated", rec->truncated);
    put_field(h, "Content-Type", rec->content_type);
    if (rec->extra) {
        hd_buf_puts(h, rec->extra);
    }
    hd_sha1_label(digest, rec->block ? rec->block : "", rec->block_len);
    put_field(h, "WARC-Block-Digest", digest);
    if (has_payload(rec, &body_off)) {
        hd_sha1_label(digest, rec->block + body_off, rec->block_len - body_off);
        put_field(h, "WARC-Payload-Digest", digest);
    }
    hd_buf_printf(h, "Content-Length: %zu\r\n\r\n", rec->block_len);
    if (hd_buf_err(h) == HURDLE_ENOMEM) {
        return hd_oom(w->ctx);
    }
    if (hd_buf_err(h)) {
        return hd_fail(w->ctx, HURDLE_EINVAL, "%s: bad WARC record: its header exceeds %zu bytes",
                       w->path, h->max);
    }
    return HURDLE_OK;
}

int hd_warc_write(hd_warc_writer *w, const hd_warc_rec *rec, char *id_out, size_t id_size)
{
    hd_buf head = HD_BUF_INIT(w->ctx, HD_WARC_HEADER_MAX);
    char id[HD_WARC_ID_SIZE];
    char date[32];
    hd_slice parts[3];
    int rc;

    if (w->failed) {
        return hd_fail(w->ctx, HURDLE_EIO, "%s: cannot write: an earlier write failed", w->path);
    }
    if (id_out && id_size < HD_WARC_ID_SIZE) {
        return hd_fail(w->ctx, HURDLE_EINVAL, "%s: the record id needs %d bytes", w->path,
                       HD_WARC_ID_SIZE);
    }
    rc = check_rec(w, rec);
    if (rc < 0) {
        goto done;
    }
    rc = new_id(w, id);
    if (rc < 0) {
        goto done;
    }
    if (rec->date) {
        (void)snprintf(date, sizeof(date), "%s", rec->date);
    } else {
        date_now(date);
    }
    rc = build_head(&head, w, rec, id, date);
    if (rc < 0) {
        goto done;
    }
    parts[0] = (hd_slice){ head.ptr, head.len };
    parts[1] = (hd_slice){ rec->block, rec->block_len };
    parts[2] = (hd_slice){ "\r\n\r\n", 4 };
    rc = hd_gz_write(w->f, w->ctx, w->path, parts, 3);
    w->failed = rc == HURDLE_EIO;
    if (rc == HURDLE_OK && id_out) {
        memcpy(id_out, id, HD_WARC_ID_SIZE);
    }
done:
    hd_buf_dispose(&head);
    return rc;
}

static int write_warcinfo(hd_warc_writer *w, const char *software, const char *fields)
{
    hd_buf block = HD_BUF_INIT(w->ctx, HD_WARC_HEADER_MAX);
    hd_buf extra = HD_BUF_INIT(w->ctx, 4096);
    const char *base = strrchr(w->path, '/');
    const char *why = NULL;
    hd_warc_rec rec = { 0 };
    int rc;

    base = base ? base + 1 : w->path;
    if (software) {
        hd_buf_printf(&block, "software: %s\r\n", software);
    }
    if (fields) {
        hd_buf_puts(&block, fields);
    }
    if (block.len >= 1 && block.ptr[block.len - 1] != '\n') {
        hd_buf_puts(&block, "\r\n");
    }
    if (hd_buf_err(&block) == HURDLE_OK && !is_field_lines(block.ptr, true, &why)) {
        rc = hd_fail(w->ctx, HURDLE_EINVAL, "%s: bad warcinfo fields: %s", w->path, why);
        goto done;
    }
    if (is_one_line(base, strlen(base))) {
        hd_buf_printf(&extra, "WARC-Filename: %s\r\n", base);
    }
    if (hd_buf_err(&block) || hd_buf_err(&extra)) {
        rc = hd_buf_err(&block) == HURDLE_ENOMEM || hd_buf_err(&extra) == HURDLE_ENOMEM
                 ? hd_oom(w->ctx)
                 : hd_fail(w->ctx, HURDLE_EINVAL, "%s: warcinfo fields are too long", w->path);
        goto done;
    }
    rec.type = "warcinfo";
    rec.content_type = "application/warc-fields";
    rec.extra = extra.len ? extra.ptr : NULL;
    rec.block = block.ptr;
    rec.block_len = block.len;
    rc = hd_warc_write(w, &rec, w->warcinfo_id, sizeof(w->warcinfo_id));
done:
    hd_buf_dispose(&block);
    hd_buf_dispose(&extra);
    return rc;
}

int hd_warc_writer_open(hd_warc_writer **out,
                        hurdle_ctx *ctx,
                        const char *path,
                        const char *software,
                        const char *fields)
{
    hd_warc_writer *w;
    int rc;

    *out = NULL;
    w = hd_calloc(ctx, 1, sizeof(*w));
    if (!w) {
        return HURDLE_ENOMEM;
    }
    w->ctx = ctx;
    w->path = hd_strdup(ctx, path);
    if (!w->path) {
        hd_free(ctx, w);
        return HURDLE_ENOMEM;
    }
    w->f = fopen(path, "wb");
    if (!w->f) {
        rc = hd_fail(ctx, HURDLE_EIO, "%s: cannot create: %s", path, strerror(errno));
        hd_warc_writer_free(w);
        return rc;
    }
    rc = write_warcinfo(w, software, fields);
    if (rc < 0) {
        hd_warc_writer_free(w);
        return rc;
    }
    *out = w;
    return HURDLE_OK;
}

int hd_warc_writer_close(hd_warc_writer *w)
{
    int rc = HURDLE_OK;

    if (!w) {
        return HURDLE_OK;
    }
    errno = 0;
    if (w->failed) {
        rc = hd_fail(w->ctx, HURDLE_EIO, "%s: cannot write: an earlier write failed", w->path);
    } else if (fflush(w->f) != 0 || ferror(w->f)) {
        rc = hd_fail(w->ctx, HURDLE_EIO, "%s: cannot write: %s", w->path,
                     errno ? strerror(errno) : "write error");
    }
    errno = 0;
    if (fclose(w->f) != 0 && rc == HURDLE_OK) {
        rc = hd_fail(w->ctx, HURDLE_EIO, "%s: cannot write: %s", w->path,
                     errno ? strerror(errno) : "close failed");
    }
    w->f = NULL;
    hd_warc_writer_free(w);
    return rc;
}

void hd_warc_writer_free(hd_warc_writer *w)
{
    if (w) {
        if (w->f) {
            (void)fclose(w->f);
        }
        hd_free(w->ctx, w->path);
        hd_free(w->ctx, w);
    }
}
