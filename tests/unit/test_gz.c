/*
 * Unit tests of net/gz: gzip, zlib and raw deflate decoding with a limit
 * (a decompression bomb stops there), concatenated members, corrupt, cut
 * and trailing data, and gzip member encoding to a buffer and a FILE*.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/gz.h"
#include "support.h"
#include "util/alloc.h"
#include "util/buf.h"

#define MB ((size_t)1 << 20)

static const char zlib_hello[] = "\x78\x9c\xcb\x48\xcd\xc9\xc9\xd7\x51\x28\x4a\x4d\x4a\x2c\x49\x05"
                                 "\x00\x21\xb1\x04\xd4";
static const char raw_hello[] = "\xcb\x48\xcd\xc9\xc9\xd7\x51\x28\x4a\x4d\x4a\x2c\x49\x05\x00";
/* zlib with a preset dictionary ("rebate"), which hurdle does not have */
static const char zlib_dict[] = "\x78\xf9\x08\xa3\x02\x74\xcb\x48\xcd\xc9\xc9\xd7\x51\x28\x02\x73"
                                "\x00\x21\xb1\x04\xd4";

/* The gzip member of `count` copies of a 64 KB block of `byte`, made without holding them all. */
static char *gzip_of_repeats(hurdle_ctx *ctx, char byte, size_t count, size_t *len_out)
{
    static char block[64 << 10];
    hd_slice *parts = calloc(count, sizeof(*parts));
    FILE *f = tmpfile();
    char *data;
    long n;
    size_t i;

    assert_non_null(parts);
    assert_non_null(f);
    memset(block, byte, sizeof(block));
    for (i = 0; i < count; i++) {
        parts[i] = (hd_slice){ block, sizeof(block) };
    }
    assert_int_equal(hd_gz_write(f, ctx, "tmp", parts, count), HURDLE_OK);
    n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    data = malloc((size_t)n);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    free(parts);
    *len_out = (size_t)n;
    return data;
}

static void gz_detects_formats(void **state)
{
    (void)state;
    assert_true(hd_gz_is_gzip("\x1f\x8b\x08", 3));
    assert_false(hd_gz_is_gzip("\x1f", 1));
    assert_false(hd_gz_is_gzip("WARC/1.1", 8));
    assert_int_equal(hd_gz_detect("\x1f\x8b", 2), HD_GZ_GZIP);
    assert_int_equal(hd_gz_detect(zlib_hello, sizeof(zlib_hello) - 1), HD_GZ_ZLIB);
    assert_int_equal(hd_gz_detect(raw_hello, sizeof(raw_hello) - 1), HD_GZ_RAW);
    assert_int_equal(hd_gz_detect("", 0), HD_GZ_RAW);
}

static void gz_inflates_gzip_zlib_and_raw(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_buf gz = HD_BUF_INIT(ctx, MB);
    hd_buf out = HD_BUF_INIT(ctx, MB);
    bool cut = true;

    (void)state;
    assert_int_equal(hd_gz_deflate(&gz, ctx, "hello, rebate", 13), HURDLE_OK);
    assert_true(hd_gz_is_gzip(gz.ptr, gz.len));
    assert_int_equal(hd_gz_inflate(&out, ctx, gz.ptr, gz.len, &cut), HURDLE_OK);
    assert_false(cut);
    assert_string_equal(out.ptr, "hello, rebate");
    hd_buf_clear(&out);
    assert_int_equal(hd_gz_inflate(&out, ctx, zlib_hello, sizeof(zlib_hello) - 1, &cut), HURDLE_OK);
    assert_string_equal(out.ptr, "hello, rebate");
    hd_buf_clear(&out);
    assert_int_equal(hd_gz_inflate(&out, ctx, raw_hello, sizeof(raw_hello) - 1, &cut), HURDLE_OK);
    assert_string_equal(out.ptr, "hello, rebate");
    /* appends */
    assert_int_equal(hd_gz_inflate(&out, ctx, raw_hello, sizeof(raw_hello) - 1, &cut), HURDLE_OK);
    assert_string_equal(out.ptr, "hello, rebatehello, rebate");
    hd_buf_dispose(&gz);
    hd_buf_dispose(&out);
    hurdle_ctx_free(ctx);
}

static void gz_inflates_concatenated_members(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_buf gz = HD_BUF_INIT(ctx, MB);
    hd_buf out = HD_BUF_INIT(ctx, MB);
    bool cut = true;

    (void)state;
    assert_int_equal(hd_gz_deflate(&gz, ctx, "first ", 6), HURDLE_OK);
    assert_int_equal(hd_gz_deflate(&gz, ctx, "", 0), HURDLE_OK);
    assert_int_equal(hd_gz_deflate(&gz, ctx, "second", 6), HURDLE_OK);
    assert_int_equal(hd_gz_inflate(&out, ctx, gz.ptr, gz.len, &cut), HURDLE_OK);
    assert_false(cut);
    assert_string_equal(out.ptr, "first second");
    hd_buf_dispose(&gz);
    hd_buf_dispose(&out);
    hurdle_ctx_free(ctx);
}

static void gz_stops_a_bomb_at_the_limit(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    size_t len;
    char *bomb = gzip_of_repeats(ctx, '\0', 1600, &len); /* 100 MiB of zeros */
    hd_buf out = HD_BUF_INIT(ctx, MB);
    bool cut = false;

    (void)state;
    assert_true(len < 200000);
    assert_int_equal(hd_gz_inflate(&out, ctx, bomb, len, &cut), HURDLE_OK);
    assert_true(cut);
    assert_int_equal(out.len, MB);
    assert_true(out.cap <= 2 * MB + 1);
    assert_int_equal(hd_buf_err(&out), HURDLE_OK);
    free(bomb);
    hd_buf_dispose(&out);
    hurdle_ctx_free(ctx);
}

static void gz_fills_the_limit_exactly_without_truncation(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    size_t len;
    char *data = gzip_of_repeats(ctx, 'x', 2, &len);
    hd_buf out = HD_BUF_INIT(ctx, (size_t)128 << 10);
    bool cut = true;

    (void)state;
    assert_int_equal(hd_gz_inflate(&out, ctx, data, len, &cut), HURDLE_OK);
    assert_false(cut);
    assert_int_equal(out.len, (size_t)128 << 10);
    hd_buf_dispose(&out);
    hd_buf_init(&out, ctx, ((size_t)128 << 10) - 1);
    assert_int_equal(hd_gz_inflate(&out, ctx, data, len, &cut), HURDLE_OK);
    assert_true(cut);
    free(data);
    hd_buf_dispose(&out);
    hurdle_ctx_free(ctx);
}

static void gz_rejects_corrupt_cut_and_trailing_data(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_buf gz = HD_BUF_INIT(ctx, MB);
    hd_buf out = HD_BUF_INIT(ctx, MB);
    char *bad;
    bool cut;

    (void)state;
    assert_int_equal(hd_gz_deflate(&gz, ctx, "a rebate of fifty dollars", 25), HURDLE_OK);
    bad = malloc(gz.len + 3);
    assert_non_null(bad);
    memcpy(bad, gz.ptr, gz.len);
    bad[gz.len - 6] ^= 0x55; /* the CRC */
    assert_int_equal(hd_gz_inflate(&out, ctx, bad, gz.len, &cut), HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx),
                        "corrupt gzip data at byte 41: incorrect data check");
    hd_clear_error(ctx);
    hd_buf_clear(&out);
    assert_int_equal(hd_gz_inflate(&out, ctx, gz.ptr, gz.len - 4, &cut), HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx), "gzip data ends early at byte 41 (cut short)");
    hd_clear_error(ctx);
    hd_buf_clear(&out);
    memcpy(bad, gz.ptr, gz.len);
    memcpy(bad + gz.len, "xyz", 3);
    assert_int_equal(hd_gz_inflate(&out, ctx, bad, gz.len + 3, &cut), HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx), "gzip data is followed by other bytes at byte 45");
    hd_clear_error(ctx);
    assert_int_equal(hd_gz_inflate(&out, ctx, "\x1f\x8b\x09garbage", 10, &cut), HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx),
                        "corrupt gzip data at byte 4: unknown compression method");
    hd_clear_error(ctx);
    assert_int_equal(hd_gz_inflate(&out, ctx, zlib_dict, sizeof(zlib_dict) - 1, &cut),
                     HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx),
                        "corrupt zlib data at byte 6: needs a preset dictionary");
    hd_clear_error(ctx);
    assert_int_equal(hd_gz_inflate(&out, ctx, "", 0, &cut), HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx), "deflate data ends early at byte 0 (cut short)");
    free(bad);
    hd_buf_dispose(&gz);
    hd_buf_dispose(&out);
    hurdle_ctx_free(ctx);
}

static void gz_round_trips_a_large_input(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    size_t n = 3 * MB + 17;
    char *text = malloc(n);
    hd_buf gz = HD_BUF_INIT(ctx, 4 * MB);
    hd_buf out = HD_BUF_INIT(ctx, 4 * MB);
    unsigned x = 1;
    bool cut = true;
    size_t i;

    (void)state;
    assert_non_null(text);
    for (i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        text[i] = (char)('a' + (x >> 16) % 7);
    }
    assert_int_equal(hd_gz_deflate(&gz, ctx, text, n), HURDLE_OK);
    assert_true(gz.len < n);
    assert_int_equal(hd_gz_inflate(&out, ctx, gz.ptr, gz.len, &cut), HURDLE_OK);
    assert_false(cut);
    assert_int_equal(out.len, n);
    assert_memory_equal(out.ptr, text, n);
    /* an output buffer too small for the compressed form */
    hd_buf_dispose(&gz);
    hd_buf_init(&gz, ctx, 100);
    assert_int_equal(hd_gz_deflate(&gz, ctx, text, n), HURDLE_ELIMIT);
    assert_string_equal(hurdle_ctx_error(ctx), "gzip output exceeds 100 bytes");
    free(text);
    hd_buf_dispose(&gz);
    hd_buf_dispose(&out);
    hurdle_ctx_free(ctx);
}

static void gz_write_reports_disk_full(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    FILE *f = fopen("/dev/full", "wb");
    static char big[1 << 20];
    hd_slice part = { big, sizeof(big) };
    unsigned x = 7;
    size_t i;

    (void)state;
    if (!f) {
        skip();
    }
    for (i = 0; i < sizeof(big); i++) {
        x = x * 1103515245u + 12345u;
        big[i] = (char)(x >> 16); /* incompressible: more than stdio's buffer reaches write(2) */
    }
    setvbuf(f, NULL, _IONBF, 0);
    assert_int_equal(hd_gz_write(f, ctx, "/dev/full", &part, 1), HURDLE_EIO);
    assert_string_equal(hurdle_ctx_error(ctx), "/dev/full: cannot write: No space left on device");
    fclose(f);
    hurdle_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gz_detects_formats),
        cmocka_unit_test(gz_inflates_gzip_zlib_and_raw),
        cmocka_unit_test(gz_inflates_concatenated_members),
        cmocka_unit_test(gz_stops_a_bomb_at_the_limit),
        cmocka_unit_test(gz_fills_the_limit_exactly_without_truncation),
        cmocka_unit_test(gz_rejects_corrupt_cut_and_trailing_data),
        cmocka_unit_test(gz_round_trips_a_large_input),
        cmocka_unit_test(gz_write_reports_disk_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
