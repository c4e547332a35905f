/*
 * fuzz/fuzz_warc.c - the WARC reader fuzz target: any bytes as a WARC file
 * (hd_warc_reader_open_memory), walked record by record with every field
 * looked at; bytes that are not gzip are also read a second time as one
 * gzip member, so mutations reach the record parser behind the decoder
 * (a mutated .warc.gz mostly fails its CRC). The first records that parse
 * are written again with the writer to a temporary file and read back.
 *
 * Besides "no crash, no leak, no hang", it abort()s when a contract breaks:
 *   - a failure leaves a message naming the input ("memory: ...");
 *   - a record has a type, an id, a date and a Content-Length equal to
 *     block_len, its block is followed by a NUL, and a parsed HTTP response
 *     splits the block exactly into head, blank line and body;
 *   - what the writer accepts reads back with the same type and block.
 *
 * Built with libFuzzer (clang, HURDLE_FUZZ) or with replay.c (gcc), as
 * fuzz/CMakeLists.txt says. The ctx lives for the process by design.
 */
#include <hurdle.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/net/gz.h"
#include "../src/net/warc.h"
#include "../src/util/alloc.h"

#define MAX_RECORD ((size_t)256 << 10)
#define MAX_COPIES 4

/* libFuzzer's entry point; its name is fixed. */
// NOLINTNEXTLINE(readability-identifier-naming)
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hurdle_ctx *fuzz_ctx;
static char tmp_name[64];

typedef struct copied {
    char type[64];
    uint32_t sum;
    size_t len;
} copied;

static void fail(const char *what)
{
    (void)fprintf(stderr, "fuzz_warc: %s: %s\n", what, fuzz_ctx ? hurdle_ctx_error(fuzz_ctx) : "");
    abort();
}

static uint32_t checksum(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++) {
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    }
    return h;
}

static void check_record(const hd_warc_reader *r, const hd_warc_record *rec)
{
    const char *cl = hd_warc_record_field(r, "content-length");

    if (!rec->type || !rec->record_id || !rec->date || !cl) {
        fail("a record without a required field");
    }
    if (strtoull(cl, NULL, 10) != rec->block_len || rec->block_len > MAX_RECORD ||
        rec->block[rec->block_len] != '\0') {
        fail("a block that does not match its Content-Length");
    }
    if (rec->target_uri != hd_warc_record_field(r, "WARC-Target-URI")) {
        fail("two answers for the target URI");
    }
    (void)checksum(rec->block, rec->block_len); /* touches every byte, for ASan */
    if (rec->http_status) {
        if (rec->http_status < 100 || rec->http_status > 999 || rec->http_head != rec->block ||
            rec->http_head_len >= (size_t)(rec->http_body - rec->block) ||
            rec->http_body + rec->http_body_len != rec->block + rec->block_len) {
            fail("an HTTP response that does not split its block");
        }
        (void)hd_warc_record_http_header(r, "Content-Type");
        (void)hd_warc_record_http_header(r, "location");
    } else if (hd_warc_record_http_header(r, "Content-Type")) {
        fail("HTTP headers without a parsed response");
    }
}

/* Writes `rec` again; remembers what the writer took. */
static void copy_record(hd_warc_writer *w, const hd_warc_record *rec, copied *c, size_t *n)
{
    hd_warc_rec out = { 0 };
    int rc;

    if (strlen(rec->type) >= sizeof(c->type)) {
        return; /* not remembered, so not written */
    }
    out.type = rec->type;
    out.target_uri = rec->target_uri;
    out.content_type = rec->content_type;
    out.ip = rec->ip;
    out.block = rec->block;
    out.block_len = rec->block_len;
    rc = hd_warc_write(w, &out, NULL, 0);
    if (rc == HURDLE_OK) {
        (void)snprintf(c[*n].type, sizeof(c->type), "%s", rec->type);
        c[*n].sum = checksum(rec->block, rec->block_len);
        c[*n].len = rec->block_len;
        (*n)++;
    } else if (rc != HURDLE_OK && rc != HURDLE_EINVAL) {
        fail("the writer failed");
    }
    hd_clear_error(fuzz_ctx); /* the first failure wins: the reader's must be seen */
}

static void read_back(const copied *c, size_t n)
{
    hd_warc_reader *r = NULL;
    hd_warc_record rec;
    size_t i;

    if (hd_warc_reader_open(&r, fuzz_ctx, tmp_name, MAX_RECORD) < 0 ||
        hd_warc_reader_next(r, &rec) != 1 || strcmp(rec.type, "warcinfo") != 0) {
        fail("the written file does not start with its warcinfo");
    }
    for (i = 0; i < n; i++) {
        if (hd_warc_reader_next(r, &rec) != 1 || strcmp(rec.type, c[i].type) != 0 ||
            rec.block_len != c[i].len || checksum(rec.block, rec.block_len) != c[i].sum) {
            fail("a written record reads back differently");
        }
    }
    if (hd_warc_reader_next(r, &rec) != 0) {
        fail("the written file has more records");
    }
    hd_warc_reader_free(r);
}

static void walk(const char *data, size_t size, bool copy)
{
    hd_warc_reader *r = NULL;
    hd_warc_writer *w = NULL;
    hd_warc_record rec;
    copied c[MAX_COPIES];
    size_t n = 0;
    int rc;

    hd_clear_error(fuzz_ctx);
    if (hd_warc_reader_open_memory(&r, fuzz_ctx, data, size, MAX_RECORD) < 0) {
        fail("cannot open memory");
    }
    rc = hd_warc_reader_next(r, &rec);
    while (rc == 1) {
        check_record(r, &rec);
        if (copy && !w && hd_warc_writer_open(&w, fuzz_ctx, tmp_name, "fuzz", NULL) < 0) {
            fail("cannot open the copy"); /* opened at the first record, to keep runs fast */
        }
        if (w && n < MAX_COPIES) {
            copy_record(w, &rec, c, &n);
        }
        rc = hd_warc_reader_next(r, &rec);
    }
    if (rc < 0 && strncmp(hurdle_ctx_error(fuzz_ctx), "memory: ", 8) != 0) {
        fail("a failure whose message does not name the input");
    }
    hd_warc_reader_free(r);
    if (w) {
        if (hd_warc_writer_close(w) < 0) {
            fail("cannot close the copy");
        }
        read_back(c, n);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hd_buf gz;

    if (!fuzz_ctx) {
        if (hurdle_ctx_new(&fuzz_ctx, NULL) < 0) {
            fail("hurdle_ctx_new failed");
        }
        (void)snprintf(tmp_name, sizeof(tmp_name), "/tmp/fuzz_warc.%ld.warc.gz", (long)getpid());
    }
    walk((const char *)data, size, true);
    if (!hd_gz_is_gzip((const char *)data, size)) {
        hd_buf_init(&gz, fuzz_ctx, size + size / 2 + 1024);
        if (hd_gz_deflate(&gz, fuzz_ctx, (const char *)data, size) < 0) {
            fail("cannot compress the input");
        }
        walk(gz.ptr, gz.len, false);
        hd_buf_dispose(&gz);
    }
    (void)unlink(tmp_name);
    return 0;
}
