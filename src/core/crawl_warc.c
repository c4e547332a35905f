/*
 * core/crawl_warc.c - the crawl's evidence as WARC 1.1 (net/warc.c), and
 * its replay.
 *
 * Written: a warcinfo record; for every exchange a request record (its
 * credentials redacted: Authorization, Cookie and every --header name) and
 * a response record; a metadata record for each fetch that failed without
 * a response worth keeping, and one for the crawl's statistics at the end.
 * libcurl hands the body over decoded, so the response's head is rewritten
 * to match what is stored: Content-Encoding and Transfer-Encoding become
 * X-Hurdle-Content-Encoding and X-Hurdle-Transfer-Encoding, Content-Length
 * is the decoded length. hurdle's own fields (Hurdle-Role, Hurdle-Display,
 * Hurdle-Order, Hurdle-Start, Hurdle-Cut-At) say what each record was for.
 *
 * Replayed (--from-warc): every "page" response is analysed as it was live
 * (same bytes, URL, name, type, status and cut), every "error" record and
 * the statistics go back into the report, so the report is the live one's,
 * byte for byte (without time stamps), while the rules may be newer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../net/url.h"
#include "../util/alloc.h"
#include "crawl_int.h"

#define HEAD_MAX ((size_t)1 << 20)

int hd_crawl_warc_open(hd_crawl *c)
{
    char fields[1024];

    snprintf(fields, sizeof(fields),
             "format: WARC File Format 1.1\r\n"
             "conformsTo: http://iipc.github.io/warc-specifications/specifications/"
             "warc-format/warc-1.1/\r\n"
             "robots: %s\r\n",
             c->o->robots ? "obey" : "ignore");
    return hd_warc_writer_open(&c->warc, c->ctx, c->o->warc, "hurdle/" HURDLE_VERSION, fields);
}

int hd_crawl_warc_close(hd_crawl *c)
{
    int rc = hd_warc_writer_close(c->warc);

    c->warc = NULL;
    return rc;
}

static bool name_is(const char *line, size_t n, const char *name)
{
    size_t k = strlen(name);

    return n > k && strncasecmp(line, name, k) == 0 && line[k] == ':';
}

/* A credential header: redacted in the request record. */
static bool secret(const hd_crawl *c, const char *line, size_t n)
{
    if (name_is(line, n, "authorization") || name_is(line, n, "proxy-authorization") ||
        name_is(line, n, "cookie")) {
        return true;
    }
    for (size_t i = 0; i < c->o->nheaders; i++) {
        const char *h = c->o->headers[i];
        size_t k = strcspn(h, ":");
        if (k && n > k && strncasecmp(line, h, k) == 0 && line[k] == ':') {
            return true;
        }
    }
    return false;
}

/* The request head with credentials redacted. */
static void request_head(hd_buf *out, const hd_crawl *c, const hd_buf *in)
{
    for (const char *p = in->ptr; p && *p;) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p + 1) : strlen(p);
        if (secret(c, p, n)) {
            hd_buf_put(out, p, strcspn(p, ":"));
            hd_buf_puts(out, ": [redacted by hurdle]\r\n");
        } else {
            hd_buf_put(out, p, n);
        }
        p += n;
    }
}

/* The response head as stored with a decoded body. */
static void response_head(hd_buf *out, const hd_fetch_done *d)
{
    size_t lines = 0;

    for (const char *p = d->head.ptr; p && *p;) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p + 1) : strlen(p);
        if (n <= 2 && lines) {
            break; /* the blank line */
        }
        if (name_is(p, n, "content-encoding") || name_is(p, n, "transfer-encoding")) {
            hd_buf_puts(out, "X-Hurdle-");
            hd_buf_put(out, p, n);
        } else if (!name_is(p, n, "content-length")) {
            hd_buf_put(out, p, n);
        }
        lines++;
        p += n;
    }
    if (!lines) {
        hd_buf_printf(out, "HTTP/1.1 %ld\r\n", d->status);
    }
    hd_buf_printf(out, "Content-Length: %zu\r\n\r\n", d->body.len);
}

int hd_crawl_warc_exchange(hd_crawl *c, const hd_fetch_done *d, const char *role, const char *extra)
{
    hd_buf block = HD_BUF_INIT(c->ctx, HEAD_MAX + d->body.len + 64);
    char fields[4096];
    char id[HD_WARC_ID_SIZE] = "";
    char *uri;
    hd_warc_rec rec;
    int rc;

    if (!c->warc || !role) {
        return HURDLE_OK;
    }
    uri = hd_url_redact(c->ctx, d->url);
    if (!uri) {
        return hd_oom(c->ctx);
    }
    snprintf(fields, sizeof(fields), "Hurdle-Role: %s\r\n%s", role, extra ? extra : "");
    memset(&rec, 0, sizeof(rec));
    rec.type = "request";
    rec.target_uri = uri;
    rec.content_type = "application/http;msgtype=request";
    rec.extra = fields;
    request_head(&block, c, &d->req_head);
    rec.block = block.ptr;
    rec.block_len = block.len;
    rc = hd_buf_err(&block) ? HURDLE_ENOMEM : hd_warc_write(c->warc, &rec, id, sizeof(id));
    hd_buf_clear(&block);
    if (rc == HURDLE_OK) {
        response_head(&block, d);
        hd_buf_put(&block, d->body.ptr, d->body.len);
        rec.type = "response";
        rec.content_type = "application/http;msgtype=response";
        rec.ip = *d->ip ? d->ip : NULL;
        rec.concurrent_to = id;
        rec.truncated = d->truncated || d->type_refused ? "length" : NULL;
        rec.block = block.ptr;
        rec.block_len = block.len;
        rc = hd_buf_err(&block) ? HURDLE_ENOMEM : hd_warc_write(c->warc, &rec, NULL, 0);
    }
    hd_buf_dispose(&block);
    hd_free(c->ctx, uri);
    return rc;
}

int hd_crawl_warc_page(hd_crawl *c, const hd_fetch_done *d, const hd_job *job)
{
    char extra[HD_URL_MAX + 256];

    snprintf(extra, sizeof(extra),
             "Hurdle-Display: %s\r\nHurdle-Order: %zu\r\nHurdle-Start: %d\r\n"
             "Hurdle-Named: %d\r\nHurdle-Cut-At: %zu\r\n",
             job->display, job->order, job->start ? 1 : 0, job->named ? 1 : 0, job->cut_at);
    return hd_crawl_warc_exchange(c, d, "page", extra);
}

int hd_crawl_warc_error(
    hd_crawl *c, const char *target, size_t order, int code, const char *message)
{
    hd_buf block = HD_BUF_INIT(c->ctx, (size_t)64 << 10);
    hd_warc_rec rec;
    int rc;

    if (!c->warc) {
        return HURDLE_OK;
    }
    hd_buf_printf(&block, "code: %s\r\norder: %zu\r\nmessage: %s\r\n", hurdle_status_name(code),
                  order, message);
    memset(&rec, 0, sizeof(rec));
    rec.type = "metadata";
    rec.target_uri = target;
    rec.content_type = "application/warc-fields";
    rec.extra = "Hurdle-Role: error\r\n";
    rec.block = block.ptr;
    rec.block_len = block.len;
    rc = hd_buf_err(&block) ? HURDLE_ENOMEM : hd_warc_write(c->warc, &rec, NULL, 0);
    hd_buf_dispose(&block);
    return rc;
}
