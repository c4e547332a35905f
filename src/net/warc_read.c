/*
 * net/warc_read.c - the WARC reader: .warc.gz (a gzip member per record, or
 * one gzip stream of many records) and uncompressed .warc, WARC/1.0 and
 * WARC/1.1. Decoding goes through gz.c; the writer is warc.c.
 *
 * Invariants: the file is decoded only as far as the current record needs,
 * into one window (`win`) whose max is HD_WARC_HEADER_MAX + the block limit
 * + a few bytes, compacted at the start of each record, so neither a large
 * record nor a gzip bomb can make it grow past that; a Content-Length over
 * the limit is refused before anything of the block is decoded. Header
 * fields are copied as "name\0value\0" pairs into `fields` (and the HTTP
 * head's into `http`), so every string handed out is NUL-terminated and
 * stays put until the next record. Every failure is sticky.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../util/alloc.h"
#include "../util/buf.h"
#include "gz.h"
#include "warc.h"

#define IN_CHUNK    ((size_t)64 << 10)
#define FILL_CHUNK  ((size_t)64 << 10)
#define TRAILER_MAX 4
#define MEMBER_RING 4
#define VERSION_MAX 16
#define CL_DIGITS   19

struct hd_warc_reader {
    hurdle_ctx *ctx;
    char *name;    /* the path, or "memory" */
    FILE *f;       /* NULL when reading memory */
    char *inbuf;   /* file bytes not yet decoded (file readers) */
    hd_slice in;   /* the rest of them */
    size_t in_off; /* file offset of in.ptr */
    bool in_eof;   /* nothing more to read from the source */
    bool sniffed;  /* gz decided */
    bool gz;       /* gzip members */
    hd_gz_stream *zs;
    bool member_done;                /* the next decoded byte starts a new gzip member */
    size_t member_coff[MEMBER_RING]; /* where recent members start in the file */
    size_t member_uoff[MEMBER_RING]; /* and in the decoded bytes */
    size_t members;
    hd_buf win;      /* decoded bytes; the unread ones from `pos` */
    size_t win_base; /* decoded offset of win.ptr[0] */
    size_t pos;
    size_t next; /* where the next record starts, once the current one is handed out */
    bool eof;    /* no more decoded bytes */
    size_t max_block;
    size_t rec_off; /* the current record's offset, for messages */
    hd_buf fields;  /* the current record's header fields, "name\0value\0"... */
    hd_buf http;    /* its HTTP headers, the same way */
    bool http_parsed;
    int failed;
};

static int bad(hd_warc_reader *r, const char *fmt, ...) HD_PRINTF(2, 3);

static int bad(hd_warc_reader *r, const char *fmt, ...)
{
    char why[256];
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    return hd_fail(r->ctx, HURDLE_EPARSE, "%s: bad WARC record at byte %zu: %s", r->name,
                   r->rec_off, why);
}

/* ---- bytes in: the source, gzip members, the window --------------------------------------- */

static int refill_in(hd_warc_reader *r)
{
    size_t got;

    if (!r->f) {
        r->in_eof = true; /* memory: `in` was the whole input from the start */
        return HURDLE_OK;
    }
    errno = 0;
    got = fread(r->inbuf, 1, IN_CHUNK, r->f);
    if (got == 0 && ferror(r->f)) {
        return hd_fail(r->ctx, HURDLE_EIO, "%s: cannot read at byte %zu: %s", r->name, r->in_off,
                       errno ? strerror(errno) : "read error");
    }
    r->in = (hd_slice){ r->inbuf, got };
    r->in_eof = got == 0;
    return HURDLE_OK;
}

static void note_member(hd_warc_reader *r)
{
    size_t i = r->members++ % MEMBER_RING;

    r->member_coff[i] = r->in_off;
    r->member_uoff[i] = r->win_base + r->win.len;
}

static int sniff(hd_warc_reader *r)
{
    int rc = refill_in(r);

    if (rc < 0) {
        return rc;
    }
    r->sniffed = true;
    r->gz = hd_gz_is_gzip(r->in.ptr, r->in.len);
    r->member_done = true;
    return r->gz ? hd_gz_stream_new(&r->zs, r->ctx, HD_GZ_GZIP) : HURDLE_OK;
}

static int fill_gz(hd_warc_reader *r, char *dst, size_t room, size_t *produced)
{
    size_t before;
    int rc;

    if (r->member_done) {
        if (r->in.len == 0 && r->in_eof) {
            r->eof = true;
            return HURDLE_OK;
        }
        hd_gz_stream_reset(r->zs);
        r->member_done = false;
        note_member(r);
    }
    if (r->in.len == 0 && r->in_eof) {
        return hd_fail(r->ctx, HURDLE_EPARSE,
                       "%s: bad gzip data at byte %zu: the file ends inside a gzip member", r->name,
                       r->in_off);
    }
    before = r->in.len;
    rc = hd_gz_stream_inflate(r->zs, &r->in, dst, room, produced);
    r->in_off += before - r->in.len;
    if (rc == HD_GZ_END) {
        r->member_done = true;
        return HURDLE_OK;
    }
    if (rc == HURDLE_EPARSE ||
        (rc == HURDLE_OK && *produced == 0 && r->in.len == before && before > 0)) {
        return hd_fail(r->ctx, HURDLE_EPARSE, "%s: bad gzip data at byte %zu: %s", r->name,
                       r->in_off, rc < 0 ? hd_gz_stream_why(r->zs) : "no progress");
    }
    return rc;
}

static int fill_plain(hd_warc_reader *r, char *dst, size_t room, size_t *produced)
{
    size_t n = r->in.len < room ? r->in.len : room;

    if (r->in.len == 0 && r->in_eof) {
        r->eof = true;
    }
    memcpy(dst, r->in.ptr, n);
    r->in.ptr += n;
    r->in.len -= n;
    r->in_off += n;
    *produced = n;
    return HURDLE_OK;
}

/* Makes `want` unread bytes available from `pos`, or fewer at the end of the data. */
static int fill(hd_warc_reader *r, size_t want)
{
    int rc = r->sniffed ? HURDLE_OK : sniff(r);

    while (rc >= 0 && r->win.len - r->pos < want && !r->eof) {
        size_t room = r->win.max - r->win.len;
        size_t produced = 0;

        room = room < FILL_CHUNK ? room : FILL_CHUNK;
        if (room == 0 || hd_buf_grow(&r->win, room) < 0) {
            return room == 0 ? bad(r, "the record does not fit its window") : hd_oom(r->ctx);
        }
        if (r->in.len == 0 && !r->in_eof) {
            rc = refill_in(r);
            if (rc < 0) {
                return rc;
            }
        }
        rc = r->gz ? fill_gz(r, r->win.ptr + r->win.len, room, &produced)
                   : fill_plain(r, r->win.ptr + r->win.len, room, &produced);
        r->win.len += produced;
        r->win.ptr[r->win.len] = '\0';
    }
    return rc;
}

static void compact(hd_warc_reader *r)
{
    if (r->pos > 0) {
        memmove(r->win.ptr, r->win.ptr + r->pos, r->win.len - r->pos);
        r->win_base += r->pos;
        r->win.len -= r->pos;
        r->next = r->next > r->pos ? r->next - r->pos : 0;
        r->pos = 0;
        if (r->win.cap) {
            r->win.ptr[r->win.len] = '\0';
        }
    }
}

/* The file offset of the record at `pos`: of its gzip member in a .warc.gz. */
static size_t record_offset(const hd_warc_reader *r)
{
    size_t u = r->win_base + r->pos;
    size_t n = r->members < MEMBER_RING ? r->members : MEMBER_RING;
    size_t k;

    if (!r->gz) {
        return u;
    }
    for (k = 0; k < n; k++) {
        size_t i = (r->members - 1 - k) % MEMBER_RING;
        if (r->member_uoff[i] <= u) {
            return r->member_coff[i];
        }
    }
    return n ? r->member_coff[r->members % MEMBER_RING] : 0;
}

/* Skips line ends between records: 1 when a record follows, 0 at the end of the file. */
static int skip_blank(hd_warc_reader *r)
{
    size_t skipped = 0;
    int rc;

    for (;;) {
        rc = fill(r, 1);
        if (rc < 0) {
            return rc;
        }
        if (r->pos == r->win.len) {
            return 0;
        }
        while (r->pos < r->win.len && (r->win.ptr[r->pos] == '\r' || r->win.ptr[r->pos] == '\n')) {
            r->pos++;
            skipped++;
        }
        if (skipped > HD_WARC_HEADER_MAX) {
            r->rec_off = record_offset(r);
            return bad(r, "more than %zu bytes of blank lines", HD_WARC_HEADER_MAX);
        }
        if (r->pos < r->win.len) {
            return 1;
        }
        compact(r); /* all skipped: nothing to move */
    }
}

const char *hd_warc_record_field(const hd_warc_reader *r, const char *name)
{
    size_t at = hd_warc_fields_find(&r->fields, name);

    return at == SIZE_MAX ? NULL : r->fields.ptr + at;
}

const char *hd_warc_record_http_header(const hd_warc_reader *r, const char *name)
{
    size_t at = r->http_parsed ? hd_warc_fields_find(&r->http, name) : SIZE_MAX;

    return at == SIZE_MAX ? NULL : r->http.ptr + at;
}

/* ---- records ------------------------------------------------------------------------------ */

static int check_version(hd_warc_reader *r)
{
    const char *p = r->win.ptr + r->pos;
    size_t avail = r->win.len - r->pos;
    const char *nl = memchr(p, '\n', avail < VERSION_MAX ? avail : VERSION_MAX);
    size_t n;

    if (avail < 5 || memcmp(p, "WARC/", 5) != 0) {
        return bad(r, "no WARC version line");
    }
    if (!nl) {
        return bad(r, avail < VERSION_MAX ? "the file ends in the version line"
                                          : "the version line is too long");
    }
    n = (size_t)(nl - p);
    n = n > 0 && p[n - 1] == '\r' ? n - 1 : n;
    if (n != 8 || (memcmp(p, "WARC/1.0", 8) != 0 && memcmp(p, "WARC/1.1", 8) != 0)) {
        return bad(r, "unsupported version (WARC/1.0 and WARC/1.1 are read)");
    }
    return HURDLE_OK;
}

/* Finds the header's blank line and parses the fields: *hlen_out counts through the blank line. */
static int read_header(hd_warc_reader *r, size_t *hlen_out)
{
    size_t head_len = 0;
    size_t line = 0;
    const char *why = "";
    int rc;

    for (;;) {
        size_t avail = r->win.len - r->pos;

        if (hd_warc_fields_split(r->win.ptr + r->pos, avail, HD_WARC_HEADER_MAX, &head_len,
                                 hlen_out)) {
            break;
        }
        if (avail >= HD_WARC_HEADER_MAX) {
            return hd_fail(r->ctx, HURDLE_ELIMIT,
                           "%s: WARC record at byte %zu: its header exceeds %zu bytes", r->name,
                           r->rec_off, HD_WARC_HEADER_MAX);
        }
        if (r->eof) {
            return bad(r, "the file ends in the record header");
        }
        rc = fill(r, avail + 1);
        if (rc < 0) {
            return rc;
        }
    }
    rc = hd_warc_fields_parse(&r->fields, r->win.ptr + r->pos, head_len, true, &line, &why);
    if (rc == HURDLE_EPARSE) {
        return bad(r, "header line %zu %s", line, why);
    }
    return rc < 0 ? hd_oom(r->ctx) : HURDLE_OK;
}

static int block_length(hd_warc_reader *r, size_t *out)
{
    static const char *const required[] = { "WARC-Type", "WARC-Record-ID", "WARC-Date" };
    const char *cl = hd_warc_record_field(r, "Content-Length");
    size_t n = 0;
    size_t i;

    for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
        const char *v = hd_warc_record_field(r, required[i]);
        if (!v || !*v) {
            return bad(r, "no %s field", required[i]);
        }
    }
    if (!cl) {
        return bad(r, "no Content-Length field");
    }
    if (!*cl || strlen(cl) > CL_DIGITS || strspn(cl, "0123456789") != strlen(cl)) {
        return bad(r, "Content-Length is not a number");
    }
    for (i = 0; cl[i]; i++) {
        n = n * 10 + (size_t)(cl[i] - '0'); /* 19 digits fit in 64 bits */
    }
    if (n > r->max_block) {
        return hd_fail(r->ctx, HURDLE_ELIMIT,
                       "%s: WARC record at byte %zu is too large: a %zu-byte block, over the "
                       "limit of %zu bytes",
                       r->name, r->rec_off, n, r->max_block);
    }
    *out = n;
    return HURDLE_OK;
}

/* The line ends after the block: CRLF CRLF, or at least one line end. */
static int trailer(hd_warc_reader *r, size_t at, size_t *len_out)
{
    const char *t = r->win.ptr + at;
    size_t rest = r->win.len - at;

    if (rest >= 4 && memcmp(t, "\r\n\r\n", 4) == 0) {
        *len_out = 4;
    } else if (rest >= 2 && (memcmp(t, "\n\n", 2) == 0 || memcmp(t, "\r\n", 2) == 0)) {
        *len_out = 2;
    } else if (rest >= 1 && t[0] == '\n') {
        *len_out = 1;
    } else {
        return bad(r, rest == 0 ? "the file ends after the block, without CRLF CRLF"
                                : "no CRLF CRLF after the block (is Content-Length right?)");
    }
    return HURDLE_OK;
}

static int parse_http(hd_warc_reader *r, hd_warc_record *rec)
{
    size_t head_len;
    size_t body_off;
    size_t line;
    const char *why;
    long status;
    int rc;

    if (strcmp(rec->type, "response") != 0 || !rec->content_type ||
        strncasecmp(rec->content_type, "application/http", 16) != 0 ||
        !hd_warc_fields_split(rec->block, rec->block_len, HD_WARC_HTTP_HEAD_MAX, &head_len,
                              &body_off)) {
        return HURDLE_OK;
    }
    status = hd_warc_fields_http_status(rec->block, head_len);
    if (status == 0) {
        return HURDLE_OK;
    }
    rc = hd_warc_fields_parse(&r->http, rec->block, head_len, false, &line, &why);
    if (rc == HURDLE_ENOMEM) {
        return hd_oom(r->ctx);
    }
    if (rc < 0) {
        return HURDLE_OK; /* more fields than the head allows for: left unparsed */
    }
    r->http_parsed = true;
    rec->http_status = status;
    rec->http_head = rec->block;
    rec->http_head_len = head_len;
    rec->http_body = rec->block + body_off;
    rec->http_body_len = rec->block_len - body_off;
    return HURDLE_OK;
}

/* Removes the byte at `at` from the pairs, keeping their layout. */
static void drop_byte(hd_buf *b, size_t at)
{
    memmove(b->ptr + at, b->ptr + at + 1, b->len - at - 1);
    b->len--;
    b->ptr[b->len] = '\0';
}

static void fill_record(hd_warc_reader *r, hd_warc_record *rec)
{
    size_t at = hd_warc_fields_find(&r->fields, "WARC-Target-URI");
    size_t n = at == SIZE_MAX ? 0 : strlen(r->fields.ptr + at);

    /* WARC/1.0 writers often put the target in <>; WARC/1.1 does not. */
    if (n >= 2 && r->fields.ptr[at] == '<' && r->fields.ptr[at + n - 1] == '>') {
        drop_byte(&r->fields, at + n - 1);
        drop_byte(&r->fields, at);
    }
    rec->target_uri = at == SIZE_MAX ? NULL : r->fields.ptr + at;
    rec->type = hd_warc_record_field(r, "WARC-Type");
    rec->date = hd_warc_record_field(r, "WARC-Date");
    rec->record_id = hd_warc_record_field(r, "WARC-Record-ID");
    rec->concurrent_to = hd_warc_record_field(r, "WARC-Concurrent-To");
    rec->content_type = hd_warc_record_field(r, "Content-Type");
    rec->ip = hd_warc_record_field(r, "WARC-IP-Address");
    rec->truncated = hd_warc_record_field(r, "WARC-Truncated");
    rec->offset = r->rec_off;
}

static int read_record(hd_warc_reader *r, hd_warc_record *rec)
{
    size_t hlen = 0;
    size_t blen = 0;
    size_t tlen = 0;
    int rc;

    r->pos = r->next;
    r->http_parsed = false;
    hd_buf_clear(&r->fields);
    compact(r);
    rc = skip_blank(r);
    if (rc <= 0) {
        return rc;
    }
    compact(r);
    r->next = r->pos;
    r->rec_off = record_offset(r);
    rc = fill(r, VERSION_MAX);
    rc = rc < 0 ? rc : check_version(r);
    rc = rc < 0 ? rc : read_header(r, &hlen);
    rc = rc < 0 ? rc : block_length(r, &blen);
    rc = rc < 0 ? rc : fill(r, hlen + blen + TRAILER_MAX);
    if (rc < 0) {
        return rc;
    }
    if (r->win.len - r->pos < hlen + blen) {
        return bad(r, "the file ends in the block (Content-Length %zu, %zu bytes there)", blen,
                   r->win.len - r->pos - hlen);
    }
    rc = trailer(r, r->pos + hlen + blen, &tlen);
    if (rc < 0) {
        return rc;
    }
    r->next = r->pos + hlen + blen + tlen;
    r->win.ptr[r->pos + hlen + blen] = '\0'; /* the trailer is read: the block ends in a NUL */
    fill_record(r, rec);
    rec->block = r->win.ptr + r->pos + hlen;
    rec->block_len = blen;
    rc = parse_http(r, rec);
    return rc < 0 ? rc : 1;
}

int hd_warc_reader_next(hd_warc_reader *r, hd_warc_record *rec)
{
    int rc;

    memset(rec, 0, sizeof(*rec));
    if (r->failed) {
        return hd_fail(r->ctx, r->failed, "%s: the reader stopped at an earlier error", r->name);
    }
    rc = read_record(r, rec);
    if (rc < 0) {
        r->failed = rc;
        memset(rec, 0, sizeof(*rec));
    }
    return rc;
}

static int reader_new(hd_warc_reader **out, hurdle_ctx *ctx, const char *name, size_t max)
{
    hd_warc_reader *r;

    *out = NULL;
    if (max > SIZE_MAX / 2 - HD_WARC_HEADER_MAX - HD_WARC_HTTP_HEAD_MAX) {
        (void)hd_fail(ctx, HURDLE_EINVAL, "%s: the WARC record limit %zu is too large", name, max);
        return HURDLE_EINVAL;
    }
    r = hd_calloc(ctx, 1, sizeof(*r));
    if (!r) {
        return HURDLE_ENOMEM;
    }
    r->ctx = ctx;
    r->max_block = max;
    hd_buf_init(&r->win, ctx, HD_WARC_HEADER_MAX + max + TRAILER_MAX + VERSION_MAX);
    hd_buf_init(&r->fields, ctx, 2 * HD_WARC_HEADER_MAX);
    hd_buf_init(&r->http, ctx, 2 * HD_WARC_HTTP_HEAD_MAX);
    r->name = hd_strdup(ctx, name);
    if (!r->name) {
        hd_warc_reader_free(r);
        return HURDLE_ENOMEM;
    }
    *out = r;
    return HURDLE_OK;
}

int hd_warc_reader_open(hd_warc_reader **out,
                        hurdle_ctx *ctx,
                        const char *path,
                        size_t max_record_bytes)
{
    hd_warc_reader *r = NULL;
    int rc = reader_new(&r, ctx, path, max_record_bytes);

    *out = NULL;
    if (rc < 0) {
        return rc;
    }
    r->inbuf = hd_malloc(ctx, IN_CHUNK);
    if (!r->inbuf) {
        hd_warc_reader_free(r);
        return HURDLE_ENOMEM;
    }
    r->f = fopen(path, "rb");
    if (!r->f) {
        rc = hd_fail(ctx, HURDLE_EIO, "%s: cannot open: %s", path, strerror(errno));
        hd_warc_reader_free(r);
        return rc;
    }
    *out = r;
    return HURDLE_OK;
}

int hd_warc_reader_open_memory(
    hd_warc_reader **out, hurdle_ctx *ctx, const char *data, size_t len, size_t max_record_bytes)
{
    int rc = reader_new(out, ctx, "memory", max_record_bytes);

    if (rc == HURDLE_OK) {
        (*out)->in = (hd_slice){ data, len };
    }
    return rc;
}

void hd_warc_reader_free(hd_warc_reader *r)
{
    if (r) {
        if (r->f) {
            (void)fclose(r->f);
        }
        hd_gz_stream_free(r->zs);
        hd_buf_dispose(&r->win);
        hd_buf_dispose(&r->fields);
        hd_buf_dispose(&r->http);
        hd_free(r->ctx, r->inbuf);
        hd_free(r->ctx, r->name);
        hd_free(r->ctx, r);
    }
}
