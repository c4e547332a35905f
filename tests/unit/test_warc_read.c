/*
 * Unit tests of the WARC reader (net/warc_read.c) on broken input: bad
 * version and header lines, a Content-Length past the end or over the limit,
 * over-long headers, gzip bombs (with the memory they may cost measured), and
 * allocation failures. The round trips and fixtures are in test_warc.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/gz.h"
#include "net/warc.h"
#include "support.h"
#include "util/alloc.h"
#include "util/buf.h"

#define MB        ((size_t)1 << 20)
#define HTTP_RESP "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>"
#define HEAD(cl)                                                                     \
    "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Date: " \
    "2024-05-01T12:00:00Z\r\nContent-Length: " cl "\r\n\r\n"

/* Reads every record of `data`; returns the last status, the record count in *n_out. */
static int walk(hurdle_ctx *ctx, const char *data, size_t len, size_t max, size_t *n_out)
{
    hd_warc_reader *r = NULL;
    hd_warc_record rec;
    int rc;

    *n_out = 0;
    hd_clear_error(ctx);
    assert_int_equal(hd_warc_reader_open_memory(&r, ctx, data, len, max), HURDLE_OK);
    rc = hd_warc_reader_next(r, &rec);
    while (rc == 1) {
        (*n_out)++;
        rc = hd_warc_reader_next(r, &rec);
    }
    hd_warc_reader_free(r);
    return rc;
}

static void expect(hurdle_ctx *ctx, const char *data, size_t len, int code, const char *msg)
{
    size_t n;

    assert_int_equal(walk(ctx, data, len, MB, &n), code);
    assert_string_equal(hurdle_ctx_error(ctx), msg);
}

#define EXPECT(ctx, lit, code, why) \
    expect(ctx, lit, sizeof(lit) - 1, code, "memory: bad WARC record at byte 0: " why)

static void warc_rejects_bad_headers(void **state)
{
    static const char second[] = HEAD("3") "abc\r\n\r\nWARX/1.1\r\n\r\n";
    hurdle_ctx *ctx = ts_ctx();
    hd_warc_reader *r = NULL;
    hd_warc_record rec;
    size_t n;

    (void)state;
    EXPECT(ctx, "WARC/2.0\r\nWARC-Type: x\r\n\r\n", HURDLE_EPARSE,
           "unsupported version (WARC/1.0 and WARC/1.1 are read)");
    EXPECT(ctx, "HTTP/1.1 200 OK\r\n\r\n", HURDLE_EPARSE, "no WARC version line");
    EXPECT(ctx,
           "\x7f"
           "ELF\x02\x01\x01",
           HURDLE_EPARSE, "no WARC version line");
    EXPECT(ctx, "WARC/1.1", HURDLE_EPARSE, "the file ends in the version line");
    EXPECT(ctx, "WARC/1.1\r\nWARC-Type: x\r\n", HURDLE_EPARSE,
           "the file ends in the record header");
    EXPECT(ctx, "WARC/1.1\r\nWARC-Type resource\r\n\r\n", HURDLE_EPARSE,
           "header line 2 is not \"Name: value\"");
    EXPECT(ctx, "WARC/1.1\r\n continued\r\n\r\n", HURDLE_EPARSE,
           "header line 2 continues no field");
    EXPECT(ctx, "WARC/1.1\r\nA: 1\r\nWARC Type: x\r\n\r\n", HURDLE_EPARSE,
           "header line 3 has a bad field name");
    EXPECT(ctx, "WARC/1.1\r\nX: a\0b\r\n\r\n", HURDLE_EPARSE, "header line 2 contains a NUL byte");
    EXPECT(ctx, "WARC/1.1\r\nWARC-Type: x\r\n\r\n", HURDLE_EPARSE, "no WARC-Record-ID field");
    EXPECT(ctx, HEAD("") "abc\r\n\r\n", HURDLE_EPARSE, "Content-Length is not a number");
    EXPECT(ctx, HEAD("12x") "abc\r\n\r\n", HURDLE_EPARSE, "Content-Length is not a number");
    EXPECT(ctx, HEAD("-1") "abc\r\n\r\n", HURDLE_EPARSE, "Content-Length is not a number");
    EXPECT(ctx, HEAD("99999999999999999999") "abc\r\n\r\n", HURDLE_EPARSE,
           "Content-Length is not a number");
    assert_int_equal(walk(ctx, second, sizeof(second) - 1, MB, &n), HURDLE_EPARSE);
    assert_int_equal(n, 1);
    assert_string_equal(hurdle_ctx_error(ctx),
                        "memory: bad WARC record at byte 122: no WARC version line");
    /* bare LF line ends, blank lines around records, an empty file */
    assert_int_equal(walk(ctx,
                          "\r\n\nWARC/1.0\nWARC-Type: resource\nWARC-Record-ID: <x>\nWARC-Date: "
                          "2024-05-01T12:00:00Z\nContent-Length: 3\n\nabc\n\n\r\n",
                          110, MB, &n),
                     0);
    assert_int_equal(n, 1);
    assert_int_equal(walk(ctx, "", 0, MB, &n), 0);
    assert_int_equal(n, 0);
    /* the reader stops at its first error */
    assert_int_equal(hd_warc_reader_open_memory(&r, ctx, "WARC/9", 6, MB), HURDLE_OK);
    assert_int_equal(hd_warc_reader_next(r, &rec), HURDLE_EPARSE);
    hd_clear_error(ctx);
    assert_int_equal(hd_warc_reader_next(r, &rec), HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx), "memory: the reader stopped at an earlier error");
    assert_null(rec.type);
    hd_warc_reader_free(r);
    hd_clear_error(ctx);
    assert_int_equal(hd_warc_reader_open(&r, ctx, "/nonexistent/missing.warc.gz", MB), HURDLE_EIO);
    assert_null(r);
    assert_non_null(strstr(hurdle_ctx_error(ctx), "missing.warc.gz: cannot open: No such file"));
    hurdle_ctx_free(ctx);
}

static void warc_rejects_content_length_past_end(void **state)
{
    hurdle_ctx *ctx = ts_ctx();

    (void)state;
    EXPECT(ctx, HEAD("1000") "abc\r\n\r\n", HURDLE_EPARSE,
           "the file ends in the block (Content-Length 1000, 7 bytes there)");
    EXPECT(ctx, HEAD("2") "abcdef\r\n\r\n", HURDLE_EPARSE,
           "no CRLF CRLF after the block (is Content-Length right?)");
    EXPECT(ctx, HEAD("3") "abc", HURDLE_EPARSE, "the file ends after the block, without CRLF CRLF");
    hurdle_ctx_free(ctx);
}

static void warc_rejects_a_record_over_the_limit(void **state)
{
    static const char big[] = HEAD("1000") "abc\r\n\r\n";
    hurdle_ctx *ctx = ts_ctx();
    size_t long_len = ((size_t)70 << 10) + 16;
    char *long_head = malloc(long_len);
    size_t n;

    (void)state;
    assert_int_equal(walk(ctx, big, sizeof(big) - 1, 100, &n), HURDLE_ELIMIT);
    assert_string_equal(hurdle_ctx_error(ctx), "memory: WARC record at byte 0 is too large: a "
                                               "1000-byte block, over the limit of 100 bytes");
    assert_non_null(long_head);
    memset(long_head, 'a', long_len);
    memcpy(long_head, "WARC/1.1\r\nX: ", 13);
    assert_int_equal(walk(ctx, long_head, long_len, MB, &n), HURDLE_ELIMIT);
    assert_string_equal(hurdle_ctx_error(ctx),
                        "memory: WARC record at byte 0: its header exceeds 65536 bytes");
    free(long_head);
    hurdle_ctx_free(ctx);
}

/* An allocator that counts live and peak bytes and fails its Nth allocation. */
typedef struct counting {
    size_t live;
    size_t peak;
    size_t count;
    size_t fail_at;
} counting;

static void *c_realloc(void *ptr, size_t size, void *payload)
{
    counting *c = payload;
    size_t old = ptr ? *(size_t *)((char *)ptr - 16) : 0;
    char *p;

    if (++c->count >= c->fail_at) {
        return NULL;
    }
    p = realloc(ptr ? (char *)ptr - 16 : NULL, size + 16);
    if (!p) {
        return NULL;
    }
    *(size_t *)p = size;
    c->live = c->live - old + size;
    c->peak = c->live > c->peak ? c->live : c->peak;
    return p + 16;
}

static void *c_malloc(size_t size, void *payload)
{
    return c_realloc(NULL, size, payload);
}

static void c_free(void *ptr, void *payload)
{
    counting *c = payload;

    if (ptr) {
        c->live -= *(size_t *)((char *)ptr - 16);
        free((char *)ptr - 16);
    }
}

static hurdle_ctx *counting_ctx(counting *c, size_t fail_at)
{
    hurdle_allocator a = { c_malloc, c_realloc, c_free, c };
    hurdle_ctx *ctx = NULL;

    memset(c, 0, sizeof(*c));
    c->fail_at = (size_t)-1;
    assert_int_equal(hurdle_ctx_new(&ctx, &a), HURDLE_OK);
    c->fail_at = fail_at;
    return ctx;
}

/* One gzip member of `head`, `count` x 64 KiB of `byte`, and `tail`. */
static char *bomb(hurdle_ctx *ctx, const char *head, char byte, size_t count, size_t *len_out)
{
    static char block[64 << 10];
    hd_slice *parts = calloc(count + 2, sizeof(*parts));
    FILE *f = tmpfile();
    char *data;
    size_t i;
    long n;

    assert_non_null(parts);
    assert_non_null(f);
    memset(block, byte, sizeof(block));
    parts[0] = (hd_slice){ head, strlen(head) };
    for (i = 1; i <= count; i++) {
        parts[i] = (hd_slice){ block, sizeof(block) };
    }
    parts[count + 1] = (hd_slice){ "\r\n\r\n", 4 };
    assert_int_equal(hd_gz_write(f, ctx, "tmp", parts, count + 2), HURDLE_OK);
    n = ftell(f);
    rewind(f);
    data = malloc((size_t)n);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    free(parts);
    *len_out = (size_t)n;
    return data;
}

static void warc_stops_gzip_bombs(void **state)
{
    counting c;
    hurdle_ctx *ctx = counting_ctx(&c, (size_t)-1);
    size_t len;
    size_t n;
    char *b;

    (void)state;
    b = bomb(ctx, HEAD("104857600"), '\0', 1600, &len); /* a 100 MiB block */
    c.peak = c.live;
    assert_int_equal(walk(ctx, b, len, MB, &n), HURDLE_ELIMIT);
    assert_string_equal(hurdle_ctx_error(ctx), "memory: WARC record at byte 0 is too large: a "
                                               "104857600-byte block, over the limit of 1048576 "
                                               "bytes");
    free(b);
    b = bomb(ctx, HEAD("3") "abc\r\n\r\n", '\0', 1600, &len); /* 100 MiB after a record */
    assert_int_equal(walk(ctx, b, len, MB, &n), HURDLE_EPARSE);
    assert_int_equal(n, 1);
    assert_string_equal(hurdle_ctx_error(ctx),
                        "memory: bad WARC record at byte 0: no WARC version line");
    free(b);
    b = bomb(ctx, HEAD("3") "abc\r\n\r\n", '\n', 1600, &len); /* 100 MiB of blank lines */
    assert_int_equal(walk(ctx, b, len, MB, &n), HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx),
                        "memory: bad WARC record at byte 0: more than 65536 bytes of blank lines");
    free(b);
    assert_true(c.peak < 4 * MB);
    hurdle_ctx_free(ctx);
    assert_int_equal(c.live, 0);
}

/* Reading a fixture and writing a file with allocation N failing: OK or ENOMEM, no leak. */
static int sweep_once(hurdle_ctx *ctx, const char *data, size_t len)
{
    hd_warc_writer *w = NULL;
    hd_warc_reader *r = NULL;
    hd_warc_record rec;
    hd_warc_rec out = { .type = "response",
                        .content_type = "application/http",
                        .block = HTTP_RESP,
                        .block_len = sizeof(HTTP_RESP) - 1 };
    int rc = hd_warc_reader_open_memory(&r, ctx, data, len, MB);

    while (rc >= 0) {
        rc = hd_warc_reader_next(r, &rec);
        if (rc == 1 && rec.http_status) {
            (void)hd_warc_record_http_header(r, "Content-Type");
        }
        if (rc == 0) {
            break;
        }
    }
    hd_warc_reader_free(r);
    if (rc < 0) {
        return rc;
    }
    rc = hd_warc_writer_open(&w, ctx, "/dev/null", "hurdle/0.1.0", NULL);
    if (rc < 0) {
        return rc;
    }
    rc = hd_warc_write(w, &out, NULL, 0);
    if (rc < 0) {
        hd_warc_writer_free(w);
        return rc;
    }
    return hd_warc_writer_close(w);
}

static void warc_allocation_failures_end_cleanly(void **state)
{
    size_t len;
    char *data = ts_read(ts_path("tests/data/warc/python.warc.gz"), &len);
    size_t n;
    size_t ok = 0;

    (void)state;
    for (n = 1; n < 1000 && ok < 2; n++) {
        counting c;
        hurdle_ctx *ctx = counting_ctx(&c, n);
        int rc = sweep_once(ctx, data, len);

        if (rc != HURDLE_OK && rc != HURDLE_ENOMEM) {
            fail_msg("allocation %zu: %s: %s", n, hurdle_status_name(rc), hurdle_ctx_error(ctx));
        }
        ok += rc == HURDLE_OK && c.count < n;
        hurdle_ctx_free(ctx);
        assert_int_equal(c.live, 0);
    }
    assert_true(ok >= 1);
    assert_true(n > 10);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(warc_rejects_bad_headers),
        cmocka_unit_test(warc_rejects_content_length_past_end),
        cmocka_unit_test(warc_rejects_a_record_over_the_limit),
        cmocka_unit_test(warc_stops_gzip_bombs),
        cmocka_unit_test(warc_allocation_failures_end_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
