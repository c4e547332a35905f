/*
 * net/gz.c - bounded gzip, zlib and raw deflate decoding and gzip member
 * encoding on zlib (the only zlib user).
 *
 * Invariants: decoding writes into the caller's hd_buf in chunks that never
 * pass its max, so a bomb costs at most the limit; at the limit a one-byte
 * probe tells "more would follow" (truncated) from "ended exactly here".
 * zlib allocates through the ctx allocator (zalloc/zfree), so allocation
 * failures can be injected like everywhere else. zlib counts in uInt, so
 * inputs and outputs are fed in pieces of at most 1 GiB.
 */
#define ZLIB_CONST
#include "gz.h"

#include <errno.h>
#include <string.h>
#include <zlib.h>

#include "../util/alloc.h"

#define OUT_CHUNK ((size_t)64 << 10)
#define Z_MAX     ((size_t)1 << 30)

struct hd_gz_stream {
    z_stream zs;
    hurdle_ctx *ctx;
    const char *why;
};

/* Receives compressed bytes; returns HURDLE_OK or a recorded failure. */
typedef int (*sink_fn)(const unsigned char *data, size_t len, void *payload);

typedef struct file_sink {
    FILE *f;
    hurdle_ctx *ctx;
    const char *name;
} file_sink;

static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    size_t total;

    if (!hd_mul_ok(items, size, &total)) {
        return Z_NULL;
    }
    return hd_malloc(opaque, total);
}

static void z_free(voidpf opaque, voidpf ptr)
{
    hd_free(opaque, ptr);
}

static uInt z_len(size_t n)
{
    return (uInt)(n < Z_MAX ? n : Z_MAX);
}

bool hd_gz_is_gzip(const char *in, size_t len)
{
    return len >= 2 && (unsigned char)in[0] == 0x1f && (unsigned char)in[1] == 0x8b;
}

hd_gz_format hd_gz_detect(const char *in, size_t len)
{
    unsigned cmf;
    unsigned flg;

    if (hd_gz_is_gzip(in, len)) {
        return HD_GZ_GZIP;
    }
    if (len >= 2) {
        cmf = (unsigned char)in[0];
        flg = (unsigned char)in[1];
        /* RFC 1950: method 8 (deflate), window at most 32 KB, check bits. */
        if ((cmf & 0x0fU) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0) {
            return HD_GZ_ZLIB;
        }
    }
    return HD_GZ_RAW;
}

static const char *format_name(hd_gz_format format)
{
    switch (format) {
    case HD_GZ_GZIP:
        return "gzip";
    case HD_GZ_ZLIB:
        return "zlib";
    default:
        return "deflate";
    }
}

int hd_gz_stream_new(hd_gz_stream **out, hurdle_ctx *ctx, hd_gz_format format)
{
    hd_gz_stream *s;
    int bits = format == HD_GZ_GZIP ? 15 + 16 : format == HD_GZ_ZLIB ? 15 : -15;

    *out = NULL;
    s = hd_calloc(ctx, 1, sizeof(*s));
    if (!s) {
        return HURDLE_ENOMEM;
    }
    s->ctx = ctx;
    s->zs.zalloc = z_alloc;
    s->zs.zfree = z_free;
    s->zs.opaque = ctx;
    if (inflateInit2(&s->zs, bits) != Z_OK) {
        hd_free(ctx, s);
        (void)hd_oom(ctx);
        return HURDLE_ENOMEM;
    }
    *out = s;
    return HURDLE_OK;
}

int hd_gz_stream_inflate(
    hd_gz_stream *s, hd_slice *in, char *dst, size_t room, size_t *produced_out)
{
    uInt in_n = z_len(in->len);
    uInt out_n = z_len(room);
    size_t consumed;
    int zrc;

    s->zs.next_in = (const Bytef *)in->ptr;
    s->zs.avail_in = in_n;
    s->zs.next_out = (Bytef *)dst;
    s->zs.avail_out = out_n;
    zrc = inflate(&s->zs, Z_NO_FLUSH);
    consumed = in_n - s->zs.avail_in;
    in->ptr += consumed;
    in->len -= consumed;
    *produced_out = out_n - s->zs.avail_out;
    switch (zrc) {
    case Z_STREAM_END:
        return HD_GZ_END;
    case Z_OK:
    case Z_BUF_ERROR: /* no progress possible: needs more input or room */
        return HURDLE_OK;
    case Z_MEM_ERROR:
        return hd_oom(s->ctx);
    case Z_NEED_DICT:
        s->why = "needs a preset dictionary";
        return HURDLE_EPARSE;
    default:
        s->why = s->zs.msg ? s->zs.msg : "corrupt data";
        return HURDLE_EPARSE;
    }
}

void hd_gz_stream_reset(hd_gz_stream *s)
{
    (void)inflateReset(&s->zs);
    s->why = NULL;
}

const char *hd_gz_stream_why(const hd_gz_stream *s)
{
    return s->why ? s->why : "corrupt data";
}

void hd_gz_stream_free(hd_gz_stream *s)
{
    if (s) {
        (void)inflateEnd(&s->zs);
        hd_free(s->ctx, s);
    }
}

static int buf_failed(hd_buf *out, hurdle_ctx *ctx, const char *what)
{
    if (hd_buf_err(out) == HURDLE_ENOMEM) {
        return hd_oom(ctx);
    }
    return hd_fail(ctx, hd_buf_err(out), "%s output exceeds %zu bytes", what, out->max);
}

/*
 * One step of hd_gz_inflate: decodes into `out` (or, at its limit, into a
 * one-byte probe that sets *truncated_out when anything more would follow).
 */
static int inflate_step(hd_buf *out, hd_gz_stream *s, hd_slice *src, bool *truncated_out)
{
    size_t room = out->max - out->len;
    size_t produced = 0;
    char probe;
    char *dst = &probe;
    int rc;

    if (room > 0) {
        room = room < OUT_CHUNK ? room : OUT_CHUNK;
        if (hd_buf_grow(out, room) < 0) {
            return buf_failed(out, s->ctx, "gzip");
        }
        dst = out->ptr + out->len;
    }
    rc = hd_gz_stream_inflate(s, src, dst, room ? room : 1, &produced);
    if (rc < 0) {
        return rc;
    }
    if (room == 0 && produced > 0) {
        *truncated_out = true;
        return HURDLE_OK;
    }
    if (room > 0 && produced > 0) {
        out->len += produced;
        out->ptr[out->len] = '\0';
    }
    return rc;
}

int hd_gz_inflate(hd_buf *out, hurdle_ctx *ctx, const char *in, size_t len, bool *truncated_out)
{
    hd_gz_format format = hd_gz_detect(in, len);
    const char *name = format_name(format);
    hd_gz_stream *s = NULL;
    hd_slice src = { in, len };
    int rc;

    *truncated_out = false;
    if (hd_buf_err(out)) {
        return buf_failed(out, ctx, name);
    }
    rc = hd_gz_stream_new(&s, ctx, format);
    while (rc >= 0 && !*truncated_out) {
        size_t before = src.len;
        size_t had = out->len;

        rc = inflate_step(out, s, &src, truncated_out);
        if (rc == HURDLE_EPARSE) {
            rc = hd_fail(ctx, rc, "corrupt %s data at byte %zu: %s", name, len - src.len,
                         hd_gz_stream_why(s));
        } else if (rc == HD_GZ_END && src.len == 0) {
            rc = HURDLE_OK;
            break;
        } else if (rc == HD_GZ_END && format == HD_GZ_GZIP && hd_gz_is_gzip(src.ptr, src.len)) {
            hd_gz_stream_reset(s); /* a next member */
        } else if (rc == HD_GZ_END) {
            rc = hd_fail(ctx, HURDLE_EPARSE, "%s data is followed by other bytes at byte %zu", name,
                         len - src.len);
        } else if (rc == HURDLE_OK && !*truncated_out && src.len == before && out->len == had) {
            /* No progress: the input ended inside the stream. */
            rc = hd_fail(ctx, HURDLE_EPARSE, "%s data ends early at byte %zu (cut short)", name,
                         len - src.len);
        }
    }
    hd_gz_stream_free(s);
    return rc < 0 ? rc : HURDLE_OK;
}

static int deflate_pump(z_stream *zs, int flush, sink_fn sink, void *payload)
{
    unsigned char obuf[16384];
    size_t have;
    int zrc;
    int rc;

    do {
        zs->next_out = obuf;
        zs->avail_out = (uInt)sizeof(obuf);
        zrc = deflate(zs, flush);
        if (zrc == Z_STREAM_ERROR) {
            return HURDLE_ERR;
        }
        have = sizeof(obuf) - zs->avail_out;
        if (have > 0) {
            rc = sink(obuf, have, payload);
            if (rc < 0) {
                return rc;
            }
        }
    } while (zs->avail_out == 0 || (flush == Z_FINISH && zrc != Z_STREAM_END));
    return HURDLE_OK;
}

/* Compresses the concatenation of `parts` as one gzip member into `sink`. */
static int
deflate_parts(hurdle_ctx *ctx, const hd_slice *parts, size_t nparts, sink_fn sink, void *payload)
{
    z_stream zs;
    int rc = HURDLE_OK;
    size_t i;

    memset(&zs, 0, sizeof(zs));
    zs.zalloc = z_alloc;
    zs.zfree = z_free;
    zs.opaque = ctx;
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        return hd_oom(ctx);
    }
    for (i = 0; i < nparts && rc == HURDLE_OK; i++) {
        hd_slice p = parts[i];

        while (p.len > 0 && rc == HURDLE_OK) {
            uInt n = z_len(p.len);

            zs.next_in = (const Bytef *)p.ptr;
            zs.avail_in = n;
            rc = deflate_pump(&zs, Z_NO_FLUSH, sink, payload);
            p.ptr += n;
            p.len -= n;
        }
    }
    if (rc == HURDLE_OK) {
        zs.next_in = NULL;
        zs.avail_in = 0;
        rc = deflate_pump(&zs, Z_FINISH, sink, payload);
    }
    (void)deflateEnd(&zs);
    if (rc == HURDLE_ERR) {
        rc = hd_fail(ctx, rc, "gzip: compressor in a bad state");
    }
    return rc;
}

static int to_buf(const unsigned char *data, size_t len, void *payload)
{
    hd_buf *out = payload;

    if (hd_buf_put(out, (const char *)data, len) < 0) {
        return buf_failed(out, out->ctx, "gzip");
    }
    return HURDLE_OK;
}

static int to_file(const unsigned char *data, size_t len, void *payload)
{
    file_sink *fs = payload;

    errno = 0;
    if (fwrite(data, 1, len, fs->f) != len) {
        return hd_fail(fs->ctx, HURDLE_EIO, "%s: cannot write: %s", fs->name,
                       errno ? strerror(errno) : "write error");
    }
    return HURDLE_OK;
}

int hd_gz_deflate(hd_buf *out, hurdle_ctx *ctx, const char *in, size_t len)
{
    hd_slice part = { in, len };

    if (hd_buf_err(out)) {
        return buf_failed(out, ctx, "gzip");
    }
    return deflate_parts(ctx, &part, 1, to_buf, out);
}

int hd_gz_write(FILE *f, hurdle_ctx *ctx, const char *name, const hd_slice *parts, size_t nparts)
{
    file_sink fs = { f, ctx, name };

    return deflate_parts(ctx, parts, nparts, to_file, &fs);
}
