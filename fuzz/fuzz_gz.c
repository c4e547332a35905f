/*
 * fuzz/fuzz_gz.c - the gzip/zlib/deflate decoder fuzz target: any bytes
 * through hd_gz_inflate with a small limit (1 MiB), then a round trip of the
 * bytes through hd_gz_deflate and hd_gz_inflate.
 *
 * Contracts checked (abort() when broken): decoding ends OK or EPARSE with
 * a message, never past the limit; truncation is only reported at the
 * limit; a round trip gives the bytes back, untruncated.
 */
#include <hurdle.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/net/gz.h"
#include "../src/util/alloc.h"

#define LIMIT ((size_t)1 << 20)

/* libFuzzer's entry point; its name is fixed. */
// NOLINTNEXTLINE(readability-identifier-naming)
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hurdle_ctx *fuzz_ctx;

static void fail(const char *what)
{
    (void)fprintf(stderr, "fuzz_gz: %s: %s\n", what, fuzz_ctx ? hurdle_ctx_error(fuzz_ctx) : "");
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    hd_buf out;
    hd_buf gz;
    bool cut = false;
    int rc;

    if (!fuzz_ctx && hurdle_ctx_new(&fuzz_ctx, NULL) < 0) {
        fail("hurdle_ctx_new failed");
    }
    hd_clear_error(fuzz_ctx);
    hd_buf_init(&out, fuzz_ctx, LIMIT);
    rc = hd_gz_inflate(&out, fuzz_ctx, in, size, &cut);
    if ((rc != HURDLE_OK && rc != HURDLE_EPARSE) || out.len > LIMIT || (cut && out.len != LIMIT) ||
        (rc < 0 && !hurdle_ctx_error(fuzz_ctx)[0])) {
        fail("decoding broke a contract");
    }
    hd_buf_dispose(&out);
    hd_buf_init(&gz, fuzz_ctx, size + size / 2 + 1024);
    hd_buf_init(&out, fuzz_ctx, size);
    if (hd_gz_deflate(&gz, fuzz_ctx, in, size) < 0 ||
        hd_gz_inflate(&out, fuzz_ctx, gz.ptr, gz.len, &cut) < 0 || cut || out.len != size ||
        (size && memcmp(out.ptr, in, size) != 0)) {
        fail("a round trip changed the bytes");
    }
    hd_buf_dispose(&gz);
    hd_buf_dispose(&out);
    return 0;
}
