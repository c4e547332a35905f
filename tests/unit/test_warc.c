/*
 * Unit tests of net/warc (writer, reader) and net/sha1: round trips of every
 * record type, digests against known values, WARCs written by Python and by
 * wget (tests/data/warc/, see make_fixtures.py there), one gzip stream and
 * uncompressed files, every way a file can be cut, a full disk, and fields
 * that would break a header. Broken input for the reader: test_warc_read.c.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/gz.h"
#include "net/sha1.h"
#include "net/warc.h"
#include "support.h"
#include "util/alloc.h"
#include "util/buf.h"

#define MB           ((size_t)1 << 20)
#define HTTP_RESP    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>"
#define RESP_DIGEST  "sha1:4GWN5IUVUTOH6N2ZSIBGFDP2SXRLRSK6"
#define BODY_DIGEST  "sha1:W3N4WQRZLF5DWDHQ4HCTGEQSOELIOZM2"
#define EMPTY_DIGEST "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"

static char tmpdir[64];

static const char *tmp_path(const char *name)
{
    static char path[sizeof(tmpdir) + 256 + 2];

    snprintf(path, sizeof(path), "%s/%.256s", tmpdir, name);
    return path;
}

static int make_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/hd-warc-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    DIR *d = opendir(tmpdir);
    struct dirent *e;

    (void)state;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.') {
            unlink(tmp_path(e->d_name));
        }
    }
    if (d) {
        closedir(d);
    }
    return rmdir(tmpdir);
}

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

static void write_rec(hd_warc_writer *w, const char *type, const char *block, size_t len, char *id)
{
    hd_warc_rec rec = { 0 };

    rec.type = type;
    rec.block = block;
    rec.block_len = len;
    assert_int_equal(hd_warc_write(w, &rec, id, HD_WARC_ID_SIZE), HURDLE_OK);
}

/* Writes the sample file: warcinfo, request, response, metadata, resource, warcinfo, empty. */
static void write_sample(hurdle_ctx *ctx, const char *path, char ids[7][HD_WARC_ID_SIZE])
{
    hd_warc_writer *w = NULL;
    hd_warc_rec rec = { 0 };
    static const char req[] = "GET /offer?q=1 HTTP/1.1\r\nHost: shop.example\r\n"
                              "Authorization: [redacted]\r\n\r\n";

    assert_int_equal(hd_warc_writer_open(&w, ctx, path, "hurdle/0.1.0",
                                         "format: WARC File Format 1.1\r\nrobots: obey\r\n"),
                     HURDLE_OK);
    rec = (hd_warc_rec){ "request",
                         "https://shop.example/offer?q=1",
                         "2024-05-01T12:00:00Z",
                         "application/http;msgtype=request",
                         NULL,
                         NULL,
                         NULL,
                         NULL,
                         req,
                         sizeof(req) - 1 };
    assert_int_equal(hd_warc_write(w, &rec, ids[1], HD_WARC_ID_SIZE), HURDLE_OK);
    rec = (hd_warc_rec){ "response",
                         "https://shop.example/offer?q=1",
                         "2024-05-01T12:00:00.5Z",
                         "application/http;msgtype=response",
                         "192.0.2.7",
                         ids[1],
                         NULL,
                         "X-Hurdle-Fetch-Ms: 120\r\n",
                         HTTP_RESP,
                         sizeof(HTTP_RESP) - 1 };
    assert_int_equal(hd_warc_write(w, &rec, ids[2], HD_WARC_ID_SIZE), HURDLE_OK);
    rec = (hd_warc_rec){ "metadata",
                         "https://shop.example/offer?q=1",
                         NULL,
                         "application/warc-fields",
                         NULL,
                         ids[2],
                         NULL,
                         NULL,
                         "friction: 42\r\n",
                         14 };
    assert_int_equal(hd_warc_write(w, &rec, ids[3], HD_WARC_ID_SIZE), HURDLE_OK);
    rec = (hd_warc_rec){
        "resource", "urn:hurdle:report",   NULL, "application/octet-stream", NULL, NULL, "length",
        NULL,       "{\"a\":1}\0\x01\xff", 10
    };
    assert_int_equal(hd_warc_write(w, &rec, ids[4], HD_WARC_ID_SIZE), HURDLE_OK);
    write_rec(w, "warcinfo", "note: second\r\n", 14, ids[5]);
    write_rec(w, "metadata", NULL, 0, ids[6]);
    assert_int_equal(hd_warc_writer_close(w), HURDLE_OK);
}

static void check_digest(const hd_warc_reader *r, const hd_warc_record *rec)
{
    char label[HD_SHA1_LABEL_SIZE];
    const char *d = hd_warc_record_field(r, "WARC-Block-Digest");

    if (d) {
        hd_sha1_label(label, rec->block, rec->block_len);
        assert_string_equal(d, label);
    }
    d = hd_warc_record_field(r, "WARC-Payload-Digest");
    if (d && rec->http_status) {
        hd_sha1_label(label, rec->http_body, rec->http_body_len);
        assert_string_equal(d, label);
    }
}

/* The file's bytes at `offset` are a gzip member that starts with "WARC/1.1" and `type`. */
static void
check_member_at(hurdle_ctx *ctx, const char *file, size_t len, size_t offset, const char *type)
{
    hd_buf out = HD_BUF_INIT(ctx, 64);
    char want[64];
    bool cut = false;

    assert_true(hd_gz_is_gzip(file + offset, len - offset));
    assert_int_equal(hd_gz_inflate(&out, ctx, file + offset, len - offset, &cut), HURDLE_OK);
    snprintf(want, sizeof(want), "WARC/1.1\r\nWARC-Type: %s\r\n", type);
    assert_memory_equal(out.ptr, want, strlen(want));
    hd_buf_dispose(&out);
}

/* What the i-th record of the sample holds besides its type and id. */
static void check_sample(const hd_warc_reader *r,
                         const hd_warc_record *rec,
                         size_t i,
                         char ids[7][HD_WARC_ID_SIZE])
{
    if (i == 0) {
        memcpy(ids[0], rec->record_id, HD_WARC_ID_SIZE);
        assert_int_equal(rec->offset, 0);
        assert_null(rec->target_uri);
        assert_string_equal(rec->content_type, "application/warc-fields");
        assert_string_equal(hd_warc_record_field(r, "WARC-Filename"), "sample.warc.gz");
        assert_string_equal(rec->block, "software: hurdle/0.1.0\r\nformat: WARC File Format "
                                        "1.1\r\nrobots: obey\r\n");
    } else if (i == 1) {
        assert_string_equal(rec->target_uri, "https://shop.example/offer?q=1");
        assert_string_equal(rec->date, "2024-05-01T12:00:00Z");
        assert_int_equal(rec->http_status, 0); /* only responses are parsed */
        assert_null(hd_warc_record_field(r, "WARC-Payload-Digest"));
    } else if (i == 2) {
        assert_string_equal(rec->date, "2024-05-01T12:00:00.5Z");
        assert_string_equal(rec->ip, "192.0.2.7");
        assert_string_equal(rec->concurrent_to, ids[1]);
        assert_int_equal(rec->http_status, 200);
        assert_int_equal(rec->http_head_len, 42);
        assert_memory_equal(rec->http_head, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", 42);
        assert_int_equal(rec->http_body_len, 9);
        assert_memory_equal(rec->http_body, "<p>hi</p>", 9);
        assert_string_equal(hd_warc_record_http_header(r, "content-type"), "text/html");
        assert_null(hd_warc_record_http_header(r, "Location"));
        assert_string_equal(hd_warc_record_field(r, "x-hurdle-fetch-ms"), "120");
        assert_string_equal(hd_warc_record_field(r, "WARC-Block-Digest"), RESP_DIGEST);
        assert_string_equal(hd_warc_record_field(r, "WARC-Payload-Digest"), BODY_DIGEST);
    } else if (i == 3) {
        assert_string_equal(rec->concurrent_to, ids[2]);
        assert_int_equal(strlen(rec->date), 20); /* now, to the second */
        assert_string_equal(rec->block, "friction: 42\r\n");
    } else if (i == 4) {
        assert_string_equal(rec->truncated, "length");
        assert_int_equal(rec->block_len, 10);
        assert_memory_equal(rec->block, "{\"a\":1}\0\x01\xff", 10);
        assert_null(hd_warc_record_http_header(r, "Content-Type"));
    } else if (i == 6) {
        assert_int_equal(rec->block_len, 0);
        assert_string_equal(hd_warc_record_field(r, "WARC-Block-Digest"), EMPTY_DIGEST);
    }
}

static void warc_round_trips_every_record_type(void **state)
{
    static const char *const types[] = { "warcinfo", "request",  "response", "metadata",
                                         "resource", "warcinfo", "metadata" };
    hurdle_ctx *ctx = ts_ctx();
    char ids[7][HD_WARC_ID_SIZE] = { { 0 } };
    hd_warc_reader *r = NULL;
    hd_warc_record rec;
    size_t len;
    char *file;
    size_t i;

    (void)state;
    write_sample(ctx, tmp_path("sample.warc.gz"), ids);
    file = ts_read(tmp_path("sample.warc.gz"), &len);
    assert_int_equal(hd_warc_reader_open(&r, ctx, tmp_path("sample.warc.gz"), MB), HURDLE_OK);
    for (i = 0; i < 7; i++) {
        assert_int_equal(hd_warc_reader_next(r, &rec), 1);
        assert_string_equal(rec.type, types[i]);
        assert_int_equal(strlen(rec.record_id), HD_WARC_ID_SIZE - 1);
        assert_memory_equal(rec.record_id, "<urn:uuid:", 10);
        assert_int_equal(rec.record_id[24], '4'); /* version 4 */
        assert_non_null(strchr("89ab", rec.record_id[29]));
        if (i > 0) {
            assert_string_equal(rec.record_id, ids[i]);
            assert_string_equal(hd_warc_record_field(r, "warc-warcinfo-id"), ids[0]);
        }
        assert_int_equal(rec.block[rec.block_len], '\0');
        check_digest(r, &rec);
        check_member_at(ctx, file, len, rec.offset, types[i]);
        check_sample(r, &rec, i, ids);
    }
    assert_int_equal(hd_warc_reader_next(r, &rec), 0);
    assert_int_equal(hd_warc_reader_next(r, &rec), 0);
    hd_warc_reader_free(r);
    free(file);
    hurdle_ctx_free(ctx);
}

static void warc_digests_match_known_values(void **state)
{
    char label[HD_SHA1_LABEL_SIZE];
    char *million = malloc(1000000);

    (void)state;
    assert_non_null(million);
    hd_sha1_label(label, "", 0);
    assert_string_equal(label, EMPTY_DIGEST);
    hd_sha1_label(label, "abc", 3);
    assert_string_equal(label, "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
    hd_sha1_label(label, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56);
    assert_string_equal(label, "sha1:QSMD4RA4HPJG5OVOJKQ7SUJJ4XSUM4HR");
    memset(million, 'a', 1000000);
    hd_sha1_label(label, million, 1000000);
    assert_string_equal(label, "sha1:GSVJOPGUYTNKJ5Q65MV5XLJHGFSTIALP");
    hd_sha1_label(label, HTTP_RESP, sizeof(HTTP_RESP) - 1);
    assert_string_equal(label, RESP_DIGEST);
    free(million);
}

static void warc_reads_fixtures_of_python_and_wget(void **state)
{
    static const char *const py[] = { "warcinfo", "request", "response", "metadata", "resource" };
    static const char *const wg[] = { "warcinfo", "request", "response", "metadata", "resource" };
    hurdle_ctx *ctx = ts_ctx();
    hd_warc_reader *r = NULL;
    hd_warc_record rec;
    size_t i;

    (void)state;
    assert_int_equal(hd_warc_reader_open(&r, ctx, ts_path("tests/data/warc/python.warc.gz"), MB),
                     HURDLE_OK);
    for (i = 0; i < 5; i++) {
        assert_int_equal(hd_warc_reader_next(r, &rec), 1);
        assert_string_equal(rec.type, py[i]);
        check_digest(r, &rec);
        if (i == 2) {
            assert_string_equal(rec.date, "2024-05-01T12:00:00.123456Z");
            assert_string_equal(rec.ip, "192.0.2.7");
            assert_string_equal(rec.concurrent_to,
                                "<urn:uuid:00000000-0000-4000-8000-000000000001>");
            assert_int_equal(rec.http_status, 200);
            assert_string_equal(hd_warc_record_http_header(r, "SET-COOKIE"), "a=1");
            assert_string_equal(hd_warc_record_http_header(r, "content-type"),
                                "text/html; charset=utf-8");
            assert_non_null(strstr(rec.http_body, "Mail-in rebate"));
        }
    }
    assert_string_equal(rec.truncated, "length");
    assert_string_equal(rec.target_uri, "file:///notes.txt");
    assert_int_equal(hd_warc_reader_next(r, &rec), 0);
    hd_warc_reader_free(r);
    assert_int_equal(hd_warc_reader_open(&r, ctx, ts_path("tests/data/warc/wget-1.21.warc.gz"), MB),
                     HURDLE_OK);
    for (i = 0; i < 5; i++) {
        assert_int_equal(hd_warc_reader_next(r, &rec), 1);
        assert_string_equal(rec.type, wg[i]);
        check_digest(r, &rec);
        if (i == 2) {
            assert_string_equal(rec.target_uri, "http://127.0.0.1:18731/offer.html"); /* no <> */
            assert_int_equal(rec.http_status, 200);
            assert_string_equal(hd_warc_record_http_header(r, "Content-Length"), "126");
            assert_int_equal(rec.http_body_len, 126);
            assert_non_null(strstr(rec.http_body, "$25 cashback"));
            assert_non_null(hd_warc_record_field(r, "WARC-Payload-Digest"));
        }
    }
    assert_int_equal(hd_warc_reader_next(r, &rec), 0);
    hd_warc_reader_free(r);
    hurdle_ctx_free(ctx);
}

static void warc_reads_uncompressed_warc_1_0(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_warc_reader *r = NULL;
    hd_warc_record rec;

    (void)state;
    assert_int_equal(hd_warc_reader_open(&r, ctx, ts_path("tests/data/warc/python-1.0.warc"), MB),
                     HURDLE_OK);
    assert_int_equal(hd_warc_reader_next(r, &rec), 1);
    assert_int_equal(rec.offset, 0);
    assert_string_equal(rec.target_uri, "http://www.archive.org/robots.txt");
    assert_string_equal(hd_warc_record_field(r, "x-long"), "first part second part third part");
    assert_int_equal(rec.http_status, 404); /* bare LF line ends in the HTTP head */
    assert_string_equal(rec.http_body, "plain body");
    assert_string_equal(hd_warc_record_http_header(r, "Content-Type"), "text/plain");
    assert_int_equal(hd_warc_reader_next(r, &rec), 1);
    assert_int_equal(rec.offset, 366);
    assert_string_equal(rec.type, "resource"); /* "warc-type:" in lower case */
    assert_string_equal(rec.target_uri, "dns:www.archive.org");
    assert_int_equal(hd_warc_reader_next(r, &rec), 0);
    hd_warc_reader_free(r);
    hurdle_ctx_free(ctx);
}

/* The sample WARC uncompressed (all members inflated into one buffer). */
static char *sample_plain(hurdle_ctx *ctx, const char *name, size_t *len_out)
{
    char ids[7][HD_WARC_ID_SIZE];
    hd_buf out = HD_BUF_INIT(ctx, MB);
    hurdle_buf plain = HURDLE_BUF_INIT;
    bool cut = true;
    size_t len;
    char *file;

    write_sample(ctx, tmp_path(name), ids);
    file = ts_read(tmp_path(name), &len);
    assert_int_equal(hd_gz_inflate(&out, ctx, file, len, &cut), HURDLE_OK);
    assert_false(cut);
    assert_int_equal(hd_buf_detach(&plain, &out), HURDLE_OK);
    free(file);
    *len_out = plain.len;
    return plain.ptr;
}

static void warc_reads_one_gzip_stream_and_plain_bytes(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_buf one = HD_BUF_INIT(ctx, MB);
    hd_warc_reader *r = NULL;
    hd_warc_record rec;
    size_t len;
    char *plain = sample_plain(ctx, "stream.warc.gz", &len);
    size_t last = 0;
    size_t n = 0;

    (void)state;
    assert_int_equal(hd_gz_deflate(&one, ctx, plain, len), HURDLE_OK);
    assert_int_equal(walk(ctx, one.ptr, one.len, MB, &n), 0);
    assert_int_equal(n, 7);
    assert_int_equal(hd_warc_reader_open_memory(&r, ctx, plain, len, MB), HURDLE_OK);
    for (n = 0; hd_warc_reader_next(r, &rec) == 1; n++) {
        assert_true(n == 0 || rec.offset > last);
        assert_memory_equal(plain + rec.offset, "WARC/1.1\r\n", 10);
        last = rec.offset;
    }
    assert_int_equal(n, 7);
    hd_warc_reader_free(r);
    hd_buf_dispose(&one);
    free(plain);
    hurdle_ctx_free(ctx);
}

/* Every prefix of the file: clean at record (member) boundaries, EPARSE elsewhere. */
static void warc_rejects_every_truncation(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    char ids[7][HD_WARC_ID_SIZE];
    size_t plain_len;
    char *plain = sample_plain(ctx, "cut.warc.gz", &plain_len);
    size_t gz_len;
    char *gz;
    size_t cut;
    size_t n;
    int rc;

    (void)state;
    write_sample(ctx, tmp_path("cut2.warc.gz"), ids);
    gz = ts_read(tmp_path("cut2.warc.gz"), &gz_len);
    for (cut = 0; cut < plain_len; cut++) {
        bool boundary = cut == 0;
        size_t k;

        for (k = 0; k < 3 && cut > 0; k++) {
            size_t at = cut + k;
            boundary |= (k > 0 && at == plain_len) ||
                        (at + 5 <= plain_len && memcmp(plain + at, "WARC/", 5) == 0);
        }
        rc = walk(ctx, plain, cut, MB, &n);
        assert_int_equal(rc, boundary ? 0 : HURDLE_EPARSE);
        assert_true(boundary || strstr(hurdle_ctx_error(ctx), "memory: bad WARC record at byte "));
    }
    for (cut = 0; cut < gz_len; cut++) {
        bool boundary = cut == 0 || (cut + 4 <= gz_len && hd_gz_is_gzip(gz + cut, 2) &&
                                     gz[cut + 2] == 8 && gz[cut + 3] == 0);
        rc = walk(ctx, gz, cut, MB, &n);
        assert_int_equal(rc, boundary ? 0 : HURDLE_EPARSE);
    }
    free(gz);
    free(plain);
    hurdle_ctx_free(ctx);
}

static void warc_reports_disk_full(void **state)
{
    static char big[1 << 20];
    hurdle_ctx *ctx = ts_ctx();
    hd_warc_writer *w = NULL;
    char id[HD_WARC_ID_SIZE];
    unsigned x = 3;
    size_t i;

    (void)state;
    if (access("/dev/full", W_OK) != 0) {
        skip();
    }
    assert_int_equal(hd_warc_writer_open(&w, ctx, "/dev/full", "hurdle/0.1.0", NULL), HURDLE_OK);
    write_rec(w, "resource", "small", 5, id); /* still in stdio's buffer */
    assert_int_equal(hd_warc_writer_close(w), HURDLE_EIO);
    assert_string_equal(hurdle_ctx_error(ctx), "/dev/full: cannot write: No space left on device");
    for (i = 0; i < sizeof(big); i++) {
        x = x * 1103515245u + 12345u;
        big[i] = (char)(x >> 16);
    }
    hd_clear_error(ctx);
    assert_int_equal(hd_warc_writer_open(&w, ctx, "/dev/full", NULL, NULL), HURDLE_OK);
    hd_warc_rec rec = { .type = "resource", .block = big, .block_len = sizeof(big) };
    assert_int_equal(hd_warc_write(w, &rec, id, sizeof(id)), HURDLE_EIO);
    assert_string_equal(hurdle_ctx_error(ctx), "/dev/full: cannot write: No space left on device");
    hd_clear_error(ctx);
    assert_int_equal(hd_warc_write(w, &rec, id, sizeof(id)), HURDLE_EIO);
    assert_string_equal(hurdle_ctx_error(ctx), "/dev/full: cannot write: an earlier write failed");
    assert_int_equal(hd_warc_writer_close(w), HURDLE_EIO);
    hd_clear_error(ctx);
    assert_int_equal(hd_warc_writer_open(&w, ctx, tmp_path("no/such/dir.warc.gz"), NULL, NULL),
                     HURDLE_EIO);
    assert_null(w);
    assert_non_null(strstr(hurdle_ctx_error(ctx), "dir.warc.gz: cannot create: No such file"));
    hurdle_ctx_free(ctx);
}

static void
expect_einval(hurdle_ctx *ctx, hd_warc_writer *w, const hd_warc_rec *rec, const char *why)
{
    char id[HD_WARC_ID_SIZE];
    char msg[512];

    hd_clear_error(ctx);
    assert_int_equal(hd_warc_write(w, rec, id, sizeof(id)), HURDLE_EINVAL);
    snprintf(msg, sizeof(msg), "%s: bad WARC record: %s", tmp_path("bad.warc.gz"), why);
    assert_string_equal(hurdle_ctx_error(ctx), msg);
}

static void warc_refuses_fields_that_would_break_the_header(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_warc_writer *w = NULL;
    hd_warc_rec ok = { .type = "resource", .target_uri = "urn:x", .block = "x", .block_len = 1 };
    hd_warc_rec rec;
    char id[HD_WARC_ID_SIZE];
    size_t n;
    size_t len;
    char *file;

    (void)state;
    assert_int_equal(hd_warc_writer_open(&w, ctx, tmp_path("bad.warc.gz"), "x", "bad line\r\n"),
                     HURDLE_EINVAL);
    assert_null(w);
    assert_int_equal(hd_warc_writer_open(&w, ctx, tmp_path("bad.warc.gz"), NULL, NULL), HURDLE_OK);
    rec = ok;
    rec.target_uri = "https://x/\r\nWARC-Type: evil";
    expect_einval(ctx, w, &rec, "WARC-Target-URI contains a control character");
    rec = ok;
    rec.extra = "Content-Length: 5\r\n";
    expect_einval(ctx, w, &rec, "extra fields: a field the writer sets itself is given");
    rec.extra = "X-A: 1";
    expect_einval(ctx, w, &rec, "extra fields: a line is not \"Name: value\" ending in CRLF");
    rec.extra = "X-A: 1\r\n\r\n";
    expect_einval(ctx, w, &rec, "extra fields: a line is not \"Name: value\" ending in CRLF");
    rec.extra = "X A: 1\r\n";
    expect_einval(ctx, w, &rec, "extra fields: a field name has a character a name cannot have");
    rec = ok;
    rec.date = "2024-05-01 12:00:00";
    expect_einval(ctx, w, &rec, "the date is not YYYY-MM-DDThh:mm:ss[.fff]Z");
    rec.date = "2024-05-01T12:00:00.1234567890Z";
    expect_einval(ctx, w, &rec, "the date is not YYYY-MM-DDThh:mm:ss[.fff]Z");
    rec = ok;
    rec.type = "re sponse";
    expect_einval(ctx, w, &rec, "the type is not a word");
    rec.type = NULL;
    expect_einval(ctx, w, &rec, "the type is not a word");
    rec = ok;
    rec.block = NULL;
    expect_einval(ctx, w, &rec, "a block without bytes");
    assert_int_equal(hd_warc_write(w, &ok, id, 10), HURDLE_EINVAL);
    rec = ok;
    rec.date = "2024-05-01T12:00:00.123456789Z";
    rec.extra = "X-A: 1\r\nX-B:\t2\r\n";
    assert_int_equal(hd_warc_write(w, &rec, NULL, 0), HURDLE_OK);
    assert_int_equal(hd_warc_writer_close(w), HURDLE_OK);
    file = ts_read(tmp_path("bad.warc.gz"), &len);
    assert_int_equal(walk(ctx, file, len, MB, &n), 0);
    assert_int_equal(n, 2);
    free(file);
    hurdle_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(warc_round_trips_every_record_type),
        cmocka_unit_test(warc_digests_match_known_values),
        cmocka_unit_test(warc_reads_fixtures_of_python_and_wget),
        cmocka_unit_test(warc_reads_uncompressed_warc_1_0),
        cmocka_unit_test(warc_reads_one_gzip_stream_and_plain_bytes),
        cmocka_unit_test(warc_rejects_every_truncation),
        cmocka_unit_test(warc_reports_disk_full),
        cmocka_unit_test(warc_refuses_fields_that_would_break_the_header),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
