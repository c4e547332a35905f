/*
 * net/gz.h - bounded gzip, zlib and raw deflate on zlib (this module is the
 * only zlib user). Decoding never grows an output past its limit, so a
 * decompression bomb stops at the limit; encoding writes whole gzip members,
 * as the ".warc.gz" convention and gzip(1) expect.
 */
#ifndef HD_GZ_H
#define HD_GZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <hurdle/ctx.h>

#include "../util/buf.h"

typedef enum hd_gz_format {
    HD_GZ_GZIP = 0, /* RFC 1952, 1f 8b ... */
    HD_GZ_ZLIB = 1, /* RFC 1950, a two-byte header whose value is a multiple of 31 */
    HD_GZ_RAW = 2   /* RFC 1951, no header */
} hd_gz_format;

/* True when `in` starts with the gzip magic bytes 1f 8b. */
bool hd_gz_is_gzip(const char *in, size_t len);

/* The format of `in` by its header: gzip, else zlib, else raw deflate. */
hd_gz_format hd_gz_detect(const char *in, size_t len);

/*
 * Decodes `len` bytes of gzip (one or more concatenated members), zlib or
 * raw deflate (told apart by hd_gz_detect()) and appends the result to
 * `out`. Output stops at `out->max`: then `*truncated_out` is true when
 * more output would have followed, and the call still succeeds (the bytes
 * up to the limit are kept). Memory is only what `out` grows to (hd_buf's
 * policy) plus zlib's fixed state of about 40 KB.
 * @return HURDLE_OK; HURDLE_EPARSE for corrupt, cut or trailing data
 *   ("corrupt gzip data at byte N: <zlib's reason>", N counted in `in`);
 *   HURDLE_ENOMEM; or `out`'s earlier sticky error.
 */
int hd_gz_inflate(hd_buf *out, hurdle_ctx *ctx, const char *in, size_t len, bool *truncated_out);

/*
 * Compresses `len` bytes into one complete gzip member appended to `out`.
 * @return HURDLE_OK, HURDLE_ENOMEM, or HURDLE_ELIMIT when `out` would pass its max
 */
int hd_gz_deflate(hd_buf *out, hurdle_ctx *ctx, const char *in, size_t len);

/*
 * Compresses the concatenation of `parts` into one complete gzip member and
 * writes it to `f`. `name` names the file in messages.
 * @return HURDLE_OK, HURDLE_ENOMEM, or HURDLE_EIO ("NAME: cannot write: <reason>")
 */
int hd_gz_write(FILE *f, hurdle_ctx *ctx, const char *name, const hd_slice *parts, size_t nparts);

/*
 * A streaming decoder, for readers that decode a file piece by piece (the
 * WARC reader). Opaque; one per reader; not shared between threads.
 */
typedef struct hd_gz_stream hd_gz_stream;

/* A decoder of `format`. Sets *out to NULL on failure. @return HURDLE_OK or HURDLE_ENOMEM */
int hd_gz_stream_new(hd_gz_stream **out, hurdle_ctx *ctx, hd_gz_format format);

/* What hd_gz_stream_inflate() returns at the end of a gzip member or zlib/raw stream. */
#define HD_GZ_END 1

/*
 * Decodes from `*in` (advanced past the bytes consumed) into `dst` (at most
 * `room` bytes; `*produced_out` says how many). Records no message: the
 * caller names the file and the offset, with hd_gz_stream_why().
 * @return HD_GZ_END at the end of a member or stream (call
 *   hd_gz_stream_reset() before decoding a next member); HURDLE_OK when it
 *   made progress or needs more input or room; HURDLE_EPARSE for corrupt
 *   data; HURDLE_ENOMEM.
 */
int hd_gz_stream_inflate(
    hd_gz_stream *s, hd_slice *in, char *dst, size_t room, size_t *produced_out);

/* Prepares for the next member (same format). */
void hd_gz_stream_reset(hd_gz_stream *s);

/* Why the last call failed (zlib's words, e.g. "incorrect header check"); static or owned by `s`.
 */
const char *hd_gz_stream_why(const hd_gz_stream *s);

/* Frees a decoder. Accepts NULL. */
void hd_gz_stream_free(hd_gz_stream *s);

#endif
