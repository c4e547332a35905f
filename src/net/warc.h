/*
 * net/warc.h - WARC 1.1 files (ISO 28500:2017), the crawler's evidence:
 * a writer that compresses every record as its own gzip member (the
 * ".warc.gz" convention), and a bounded reader for .warc.gz and .warc files
 * that re-analysis reads offline. docs/internals/warc.md says what hurdle
 * writes and what the reader accepts.
 */
#ifndef HD_WARC_H
#define HD_WARC_H

#include <stdbool.h>
#include <stddef.h>

#include <hurdle/ctx.h>

#include "../util/buf.h"

/* A WARC-Record-ID as written: "<urn:uuid:" + 36 + ">" and a NUL. */
#define HD_WARC_ID_SIZE       48
/* Bytes of a record header the reader accepts (version line and fields). */
#define HD_WARC_HEADER_MAX    ((size_t)64 << 10)
/* Bytes of an HTTP head (status line and headers) the reader parses. */
#define HD_WARC_HTTP_HEAD_MAX ((size_t)256 << 10)

/* ---- writer ------------------------------------------------------------------------------ */

/*
 * Writes one WARC file. Not thread-safe: one thread at a time may use a
 * writer (the crawler serialises its writes); writers of different files
 * are independent.
 */
typedef struct hd_warc_writer hd_warc_writer;

/*
 * Creates or truncates `path` and writes its warcinfo record: the block is
 * "software: SOFTWARE\r\n" (left out when `software` is NULL) followed by
 * `fields`, "name: value" lines (e.g. "format: WARC File Format 1.1\r\n";
 * NULL for none; a missing last CRLF is added). Later records name it in
 * WARC-Warcinfo-ID. Sets *out to NULL on failure.
 * @return HURDLE_OK; HURDLE_EIO ("PATH: cannot create: ..."); HURDLE_EINVAL
 *   for malformed `fields`; HURDLE_ENOMEM
 */
int hd_warc_writer_open(hd_warc_writer **out,
                        hurdle_ctx *ctx,
                        const char *path,
                        const char *software,
                        const char *fields);

/* One record to write. Strings are borrowed for the call and must not contain CR or LF. */
typedef struct hd_warc_rec {
    const char *type;          /* "request", "response", "metadata", "resource", "warcinfo", ... */
    const char *target_uri;    /* WARC-Target-URI, or NULL (e.g. warcinfo) */
    const char *date;          /* WARC-Date, "YYYY-MM-DDThh:mm:ss[.f{1,9}]Z"; NULL: now */
    const char *content_type;  /* e.g. "application/http;msgtype=response", or NULL */
    const char *ip;            /* WARC-IP-Address, or NULL */
    const char *concurrent_to; /* WARC-Concurrent-To, a record id "<urn:...>", or NULL */
    const char *truncated;     /* WARC-Truncated reason ("length", "time"), or NULL */
    const char *extra;         /* more fields, "Name: value\r\n" lines, or NULL */
    const char *block;         /* the block: for request/response the HTTP message */
    size_t block_len;
} hd_warc_rec;

/*
 * Writes one record as one gzip member: WARC-Type, WARC-Record-ID (a new
 * urn:uuid v4), WARC-Date, WARC-Warcinfo-ID, the fields given,
 * WARC-Block-Digest, for a response with an application/http block whose
 * head ends with a blank line also WARC-Payload-Digest (the body after
 * it), and Content-Length. The new record id goes to `id_out` (at least
 * HD_WARC_ID_SIZE bytes; NULL when not wanted). After a write error every
 * later write fails too.
 * @return HURDLE_OK; HURDLE_EINVAL for a bad record (a field with a line
 *   break, a bad date, malformed `extra`, id_size too small); HURDLE_EIO
 *   ("PATH: cannot write: ..."); HURDLE_ENOMEM
 */
int hd_warc_write(hd_warc_writer *w, const hd_warc_rec *rec, char *id_out, size_t id_size);

/*
 * Flushes and closes the file, and frees `w` in every case (do not call
 * hd_warc_writer_free() afterwards).
 * @return HURDLE_OK, or HURDLE_EIO ("PATH: cannot write: ...") when any
 *   write, the flush or the close failed (e.g. the disk is full)
 */
int hd_warc_writer_close(hd_warc_writer *w);

/* Closes without checking and frees, for error paths. Accepts NULL. */
void hd_warc_writer_free(hd_warc_writer *w);

/* ---- reader ------------------------------------------------------------------------------ */

/* Reads one WARC file, record by record. Not thread-safe; one reader per thread. */
typedef struct hd_warc_reader hd_warc_reader;

/*
 * Opens `path`: .warc.gz (gzip members of one record each, or one gzip
 * stream of many records; told by the magic bytes) or uncompressed .warc.
 * A record whose block is larger than `max_record_bytes` fails with
 * HURDLE_ELIMIT. Memory stays below about max_record_bytes +
 * HD_WARC_HEADER_MAX times two, plus fixed buffers. Sets *out to NULL on failure.
 * @return HURDLE_OK, HURDLE_EIO ("PATH: cannot open: ..."), HURDLE_ENOMEM
 */
int hd_warc_reader_open(hd_warc_reader **out,
                        hurdle_ctx *ctx,
                        const char *path,
                        size_t max_record_bytes);

/*
 * The same over `len` bytes in memory (borrowed until the reader is freed),
 * named "memory" in messages. For tests and fuzzing.
 */
int hd_warc_reader_open_memory(
    hd_warc_reader **out, hurdle_ctx *ctx, const char *data, size_t len, size_t max_record_bytes);

/*
 * One record. Everything is borrowed until the next call on the reader.
 * Strings are NUL-terminated; a field the record lacks is NULL.
 */
typedef struct hd_warc_record {
    const char *type;          /* WARC-Type, never NULL */
    const char *target_uri;    /* WARC-Target-URI, without <> if a WARC/1.0 writer added them */
    const char *date;          /* WARC-Date, never NULL */
    const char *record_id;     /* WARC-Record-ID, never NULL */
    const char *concurrent_to; /* the first WARC-Concurrent-To */
    const char *content_type;
    const char *ip;        /* WARC-IP-Address */
    const char *truncated; /* WARC-Truncated */
    const char *block;     /* Content-Length bytes, followed by a NUL not counted */
    size_t block_len;
    /* For a "response" record with an application/http block whose head parses: */
    long http_status;      /* e.g. 200; 0 when not parsed */
    const char *http_head; /* status line and header lines with their line ends */
    size_t http_head_len;
    const char *http_body; /* after the blank line */
    size_t http_body_len;
    /* The record's byte offset in the file; in a .warc.gz, of the gzip member it starts in. */
    size_t offset;
} hd_warc_record;

/*
 * Reads the next record into `rec`.
 * @return 1 for a record; 0 at the end of the file; HURDLE_EPARSE
 *   ("PATH: bad WARC record at byte N: why", or "PATH: bad gzip data at
 *   byte N: why"), HURDLE_EIO, HURDLE_ELIMIT ("PATH: WARC record at byte N
 *   ...") or HURDLE_ENOMEM. After a failure every later call fails.
 */
int hd_warc_reader_next(hd_warc_reader *r, hd_warc_record *rec);

/*
 * The value of the current record's header field `name` (case-insensitive;
 * the first when repeated; continuation lines joined by a space), or NULL.
 * Borrowed until the next call to hd_warc_reader_next().
 */
const char *hd_warc_record_field(const hd_warc_reader *r, const char *name);

/* The same for an HTTP header of the current response record (see http_status), or NULL. */
const char *hd_warc_record_http_header(const hd_warc_reader *r, const char *name);

/* Frees a reader and closes its file. Accepts NULL. */
void hd_warc_reader_free(hd_warc_reader *r);

/* ---- header lines, shared by the writer and the reader (warc_fields.c) -------------------- */

/*
 * Splits a head (a WARC header or an HTTP message) at its first blank line:
 * *head_len_out counts the first line and the field lines with their line
 * ends, *body_off_out is where the body starts. Accepts CRLF and bare LF;
 * looks at most `max_head` bytes. @return true when a blank line was found
 */
bool hd_warc_fields_split(
    const char *msg, size_t len, size_t max_head, size_t *head_len_out, size_t *body_off_out);

/* True for a byte a field name may have (an RFC 2616 token character). */
bool hd_warc_fields_is_name_char(unsigned char c);

/*
 * Parses the lines after the first line of `p` (the version or status line)
 * into `out` as "name\0value\0" pairs; values are trimmed and continuation
 * lines joined with a space. `strict`: the first line that is not a field
 * gives HURDLE_EPARSE with its 1-based number in *line_out and the reason in
 * *why_out (static); otherwise such lines are skipped.
 * @return HURDLE_OK, HURDLE_EPARSE, or `out`'s error (HURDLE_ENOMEM, HURDLE_ELIMIT); records
 * nothing
 */
int hd_warc_fields_parse(
    hd_buf *out, const char *p, size_t len, bool strict, size_t *line_out, const char **why_out);

/* Where the value of field `name` (case-insensitive) starts in the pairs `b`, or SIZE_MAX. */
size_t hd_warc_fields_find(const hd_buf *b, const char *name);

/* The status of an "HTTP/d[.d] ddd ..." line at the start of `p`, or 0. */
long hd_warc_fields_http_status(const char *p, size_t n);

#endif
