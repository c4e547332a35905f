/*
 * net/fetch.c - the crawl's transfers on libcurl's multi interface, in one
 * event loop. The only libcurl user besides url.c.
 *
 * Every transfer is bounded: connect and total timeouts, a body cap
 * counted after decoding (content encodings are decoded by libcurl, so a
 * decompression bomb stops at the cap: the write callback refuses more),
 * and a cap on the response head (the header callback refuses more). Only
 * http and https are spoken; redirects are not followed (the caller gets
 * the Location and decides). Connections are kept alive and reused, HTTP/2
 * is used where TLS offers it and transfers to one host share its
 * connection when they can. The request head as sent is captured for the
 * WARC (curl's debug callback), the response head as received.
 */
#include "fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include <hurdle/common.h>

#include "../util/alloc.h"

#define HEAD_MAX_LINE ((size_t)64 << 10)

typedef struct xfer xfer;

struct hd_fetcher {
    hurdle_ctx *ctx;
    CURLM *multi;
    struct curl_slist *resolve;
    hd_fetcher_options opts;
    char *user_agent;
    size_t running;  /* added and not yet taken */
    xfer *active;    /* running, in a list */
    xfer *done_head; /* finished, in order */
    xfer *done_tail;
};

struct xfer {
    hd_fetcher *f;
    CURL *easy;
    struct curl_slist *headers;
    hd_fetch_done done;
    size_t max_bytes;
    size_t head_bytes;
    long status; /* of the response whose head is coming */
    bool pages_only;
    bool head_too_big;
    char errbuf[CURL_ERROR_SIZE];
    xfer *next;  /* the finished list */
    xfer *anext; /* the running list */
    xfer *aprev;
};

static void unlink_active(xfer *x)
{
    if (x->aprev) {
        x->aprev->anext = x->anext;
    } else if (x->f->active == x) {
        x->f->active = x->anext;
    }
    if (x->anext) {
        x->anext->aprev = x->aprev;
    }
    x->anext = x->aprev = NULL;
}

int hd_fetch_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? HURDLE_OK : HURDLE_ERR;
}

void hd_fetch_global_cleanup(void)
{
    curl_global_cleanup();
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *payload)
{
    xfer *x = payload;
    size_t n = size * nmemb;
    size_t room = x->max_bytes - x->done.body.len;

    if (n > room) {
        hd_buf_put(&x->done.body, data, room);
        x->done.truncated = true;
        return 0; /* stops the transfer: CURLE_WRITE_ERROR, taken as a cut page */
    }
    return hd_buf_put(&x->done.body, data, n) < 0 ? 0 : n;
}

bool hd_fetch_type_is_page(const char *type)
{
    static const char *const pages[] = { "text/html", "application/xhtml+xml", "text/plain" };

    while (*type == ' ' || *type == '\t') {
        type++;
    }
    for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
        size_t n = strlen(pages[i]);
        if (strncasecmp(type, pages[i], n) == 0 &&
            (type[n] == '\0' || type[n] == ';' || type[n] == ' ' || type[n] == '\r' ||
             type[n] == '\n')) {
            return true;
        }
    }
    return false;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *payload)
{
    xfer *x = payload;
    size_t n = size * nmemb;

    x->head_bytes += n;
    if (x->head_bytes > x->f->opts.max_header_bytes || n > HEAD_MAX_LINE) {
        x->head_too_big = true;
        return 0;
    }
    if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        const char *sp = memchr(data, ' ', n);
        hd_buf_clear(&x->done.head); /* a new response (after a 1xx): keep the last */
        x->status = sp ? strtol(sp + 1, NULL, 10) : 0;
    }
    if (x->pages_only && x->status >= 200 && x->status < 300 && n > 13 &&
        strncasecmp(data, "content-type:", 13) == 0) {
        char type[128];
        size_t k = n - 13 < sizeof(type) - 1 ? n - 13 : sizeof(type) - 1;
        memcpy(type, data + 13, k);
        type[k] = '\0';
        if (!hd_fetch_type_is_page(type)) {
            x->done.type_refused = true;
            hd_buf_put(&x->done.head, data, n);
            return 0; /* not a page: its body is not downloaded */
        }
    }
    return hd_buf_put(&x->done.head, data, n) < 0 ? 0 : n;
}

static int on_debug(CURL *easy, curl_infotype type, char *data, size_t size, void *payload)
{
    xfer *x = payload;

    (void)easy;
    if (type == CURLINFO_HEADER_OUT) {
        hd_buf_clear(&x->done.req_head);
        hd_buf_put(&x->done.req_head, data, size);
    }
    return 0;
}

int hd_fetcher_new(hd_fetcher **out, hurdle_ctx *ctx, const hd_fetcher_options *opts)
{
    hd_fetcher *f = hd_calloc(ctx, 1, sizeof(*f));
    CURLMcode mc = CURLM_OK;

    *out = NULL;
    if (!f) {
        return hd_oom(ctx);
    }
    f->ctx = ctx;
    f->opts = *opts;
    f->multi = curl_multi_init();
    f->user_agent = hd_strdup(ctx, opts->user_agent ? opts->user_agent : "hurdle/" HURDLE_VERSION);
    if (!f->multi || !f->user_agent) {
        hd_fetcher_free(f);
        return hd_oom(ctx);
    }
    f->opts.user_agent = f->user_agent;
    for (size_t i = 0; i < opts->nresolve; i++) {
        struct curl_slist *l = curl_slist_append(f->resolve, opts->resolve[i]);
        if (!l) {
            hd_fetcher_free(f);
            return hd_oom(ctx);
        }
        f->resolve = l;
    }
    f->opts.resolve = NULL;
    mc |= curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)opts->connections);
    mc |= curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)opts->host_connections);
    mc |= curl_multi_setopt(f->multi, CURLMOPT_MAXCONNECTS, (long)opts->connections);
    mc |= curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
    if (mc != CURLM_OK) {
        hd_fetcher_free(f);
        return hd_fail(ctx, HURDLE_EINVAL, "libcurl refused the crawl's connection limits");
    }
    *out = f;
    return HURDLE_OK;
}

static void xfer_free(xfer *x)
{
    hurdle_ctx *ctx = x->f->ctx;

    unlink_active(x);
    if (x->easy) {
        curl_multi_remove_handle(x->f->multi, x->easy);
        curl_easy_cleanup(x->easy);
    }
    curl_slist_free_all(x->headers);
    hd_fetch_done_dispose(&x->done);
    hd_free(ctx, x);
}

void hd_fetcher_free(hd_fetcher *f)
{
    if (!f) {
        return;
    }
    while (f->done_head) {
        xfer *x = f->done_head;
        f->done_head = x->next;
        xfer_free(x);
    }
    while (f->active) {
        xfer_free(f->active);
    }
    curl_multi_cleanup(f->multi);
    curl_slist_free_all(f->resolve);
    hd_free(f->ctx, f->user_agent);
    hd_free(f->ctx, f);
}

static CURLcode easy_options(xfer *x, const hd_fetch_req *req)
{
    const hd_fetcher_options *o = &x->f->opts;
    CURL *e = x->easy;
    CURLcode rc = CURLE_OK;

    rc |= curl_easy_setopt(e, CURLOPT_URL, req->url);
    rc |= curl_easy_setopt(e, CURLOPT_PRIVATE, (char *)x);
    rc |= curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    rc |= curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
    rc |= curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    rc |= curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
    rc |= curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, on_debug);
    rc |= curl_easy_setopt(e, CURLOPT_DEBUGDATA, x);
    rc |= curl_easy_setopt(e, CURLOPT_VERBOSE, 1L); /* for the debug callback; prints nothing */
    rc |= curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
    rc |= curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    rc |= curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    rc |= curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
    rc |= curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->timeout_ms);
    rc |= curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    rc |= curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    rc |= curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    rc |= curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    rc |= curl_easy_setopt(e, CURLOPT_USERAGENT, o->user_agent);
    if (x->f->resolve) {
        rc |= curl_easy_setopt(e, CURLOPT_RESOLVE, x->f->resolve);
    }
    if (x->headers) {
        rc |= curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
    }
    if (req->userpwd) {
        rc |= curl_easy_setopt(e, CURLOPT_USERPWD, req->userpwd);
        rc |= curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
    }
    return rc;
}

static int xfer_init(xfer *x, const hd_fetch_req *req)
{
    hurdle_ctx *ctx = x->f->ctx;

    x->max_bytes = req->max_bytes;
    x->pages_only = req->pages_only;
    hd_buf_init(&x->done.body, ctx, req->max_bytes + 1);
    hd_buf_init(&x->done.head, ctx, x->f->opts.max_header_bytes + HEAD_MAX_LINE);
    hd_buf_init(&x->done.req_head, ctx, (size_t)1 << 20);
    x->done.payload = req->payload;
    x->done.url = hd_strdup(ctx, req->url);
    if (!x->done.url) {
        return HURDLE_ENOMEM;
    }
    for (size_t i = 0; i < req->nheaders; i++) {
        struct curl_slist *l = curl_slist_append(x->headers, req->headers[i]);
        if (!l) {
            return HURDLE_ENOMEM;
        }
        x->headers = l;
    }
    x->easy = curl_easy_init();
    if (!x->easy) {
        return HURDLE_ENOMEM;
    }
    return easy_options(x, req) == CURLE_OK ? HURDLE_OK : HURDLE_EINVAL;
}

int hd_fetcher_add(hd_fetcher *f, const hd_fetch_req *req)
{
    xfer *x = hd_calloc(f->ctx, 1, sizeof(*x));
    int rc;

    if (!x) {
        return hd_oom(f->ctx);
    }
    x->f = f;
    rc = xfer_init(x, req);
    if (rc == HURDLE_OK && curl_multi_add_handle(f->multi, x->easy) != CURLM_OK) {
        rc = HURDLE_ENOMEM;
    }
    if (rc < 0) {
        xfer_free(x);
        return rc == HURDLE_ENOMEM ? hd_oom(f->ctx)
                                   : hd_fail(f->ctx, rc, "%.300s: unsupported URL", req->url);
    }
    x->anext = f->active;
    if (f->active) {
        f->active->aprev = x;
    }
    f->active = x;
    f->running++;
    return HURDLE_OK;
}

size_t hd_fetcher_running(const hd_fetcher *f)
{
    return f->running;
}

/* The value of header `name` in a response head, trimmed, or NULL. */
static char *head_value(hurdle_ctx *ctx, const hd_buf *head, const char *name)
{
    size_t n = strlen(name);

    for (const char *p = head->ptr; p && *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len > n && strncasecmp(p, name, n) == 0 && p[n] == ':') {
            const char *v = p + n + 1;
            size_t vl = len - n - 1;
            while (vl && (*v == ' ' || *v == '\t')) {
                v++;
                vl--;
            }
            while (vl && (v[vl - 1] == '\r' || v[vl - 1] == ' ' || v[vl - 1] == '\t')) {
                vl--;
            }
            return hd_strndup(ctx, v, vl);
        }
        p = eol ? eol + 1 : p + len;
    }
    return NULL;
}

static const char *error_text(const xfer *x, CURLcode cc, char *buf, size_t size)
{
    if (x->head_too_big) {
        snprintf(buf, size, "response headers larger than %zu bytes (--max-header-bytes)",
                 x->f->opts.max_header_bytes);
    } else if (cc == CURLE_OPERATION_TIMEDOUT) {
        snprintf(buf, size, "timed out (%s)", x->errbuf[0] ? x->errbuf : "no answer in time");
    } else {
        snprintf(buf, size, "%s", x->errbuf[0] ? x->errbuf : curl_easy_strerror(cc));
    }
    for (char *p = buf; *p; p++) {
        *p = *p == '\n' || *p == '\r' ? ' ' : *p;
    }
    return buf;
}

static void take_info(xfer *x, CURLcode cc)
{
    hurdle_ctx *ctx = x->f->ctx;
    hd_fetch_done *d = &x->done;
    char *s = NULL;
    char buf[CURL_ERROR_SIZE + 128];
    long v = 0;

    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &d->status);
    curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME, &d->seconds);
    curl_easy_getinfo(x->easy, CURLINFO_HTTP_VERSION, &v);
    d->http_version = v == CURL_HTTP_VERSION_1_0   ? 10
                      : v == CURL_HTTP_VERSION_1_1 ? 11
                      : v == CURL_HTTP_VERSION_2_0 ? 20
                      : v == CURL_HTTP_VERSION_3   ? 30
                                                   : 0;
    curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &s);
    d->content_type = hd_strdup(ctx, s ? s : "");
    s = NULL;
    curl_easy_getinfo(x->easy, CURLINFO_PRIMARY_IP, &s);
    d->ip = hd_strdup(ctx, s ? s : "");
    s = NULL;
    curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &s);
    d->location = s ? hd_strdup(ctx, s) : NULL;
    d->retry_after = head_value(ctx, &d->head, "retry-after");
    if (cc == CURLE_WRITE_ERROR && (d->truncated || d->type_refused)) {
        cc = CURLE_OK;
    }
    d->code = cc == CURLE_OK ? HURDLE_OK : x->head_too_big ? HURDLE_ELIMIT : HURDLE_ENET;
    d->transient = cc == CURLE_RECV_ERROR || cc == CURLE_SEND_ERROR ||
                   cc == CURLE_COULDNT_CONNECT || cc == CURLE_GOT_NOTHING ||
                   cc == CURLE_PARTIAL_FILE;
    d->error = hd_strdup(ctx, cc == CURLE_OK ? "" : error_text(x, cc, buf, sizeof(buf)));
    if (!d->content_type || !d->ip || !d->error || (s && !d->location) ||
        hd_buf_err(&d->body) == HURDLE_ENOMEM || hd_buf_err(&d->head) == HURDLE_ENOMEM) {
        d->code = HURDLE_ENOMEM; /* the caller stops before reading anything else */
    }
    if (cc != CURLE_OK) {
        d->status = 0; /* a response that did not end is no response */
    }
}

static void collect(hd_fetcher *f)
{
    CURLMsg *m;
    int left = 0;

    while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
        xfer *x = NULL;
        if (m->msg != CURLMSG_DONE) {
            continue;
        }
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
        take_info(x, m->data.result);
        unlink_active(x);
        curl_multi_remove_handle(f->multi, x->easy);
        curl_easy_cleanup(x->easy);
        x->easy = NULL;
        x->next = NULL;
        if (f->done_tail) {
            f->done_tail->next = x;
        } else {
            f->done_head = x;
        }
        f->done_tail = x;
    }
}

int hd_fetcher_poll(hd_fetcher *f, long timeout_ms)
{
    int still = 0;
    CURLMcode mc = curl_multi_perform(f->multi, &still);

    collect(f);
    if (mc == CURLM_OK && !f->done_head) {
        mc = curl_multi_poll(f->multi, NULL, 0, (int)(timeout_ms > 0 ? timeout_ms : 0), NULL);
        if (mc == CURLM_OK) {
            mc = curl_multi_perform(f->multi, &still);
        }
        collect(f);
    }
    if (mc == CURLM_OUT_OF_MEMORY) {
        return hd_oom(f->ctx);
    }
    return mc == CURLM_OK ? HURDLE_OK
                          : hd_fail(f->ctx, HURDLE_ERR, "libcurl: %s", curl_multi_strerror(mc));
}

int hd_fetcher_next(hd_fetcher *f, hd_fetch_done *out)
{
    xfer *x = f->done_head;

    if (!x) {
        return 0;
    }
    f->done_head = x->next;
    if (!f->done_head) {
        f->done_tail = NULL;
    }
    *out = x->done;
    memset(&x->done, 0, sizeof(x->done));
    curl_slist_free_all(x->headers);
    hd_free(f->ctx, x);
    f->running--;
    return 1;
}

void hd_fetch_done_dispose(hd_fetch_done *d)
{
    hurdle_ctx *ctx = d->body.ctx;

    hd_buf_dispose(&d->body);
    hd_buf_dispose(&d->head);
    hd_buf_dispose(&d->req_head);
    if (ctx) {
        hd_free(ctx, d->url);
        hd_free(ctx, d->error);
        hd_free(ctx, d->content_type);
        hd_free(ctx, d->location);
        hd_free(ctx, d->retry_after);
        hd_free(ctx, d->ip);
    }
    memset(d, 0, sizeof(*d));
}

void hd_fetcher_each_payload(hd_fetcher *f, void (*fn)(void *payload, void *arg), void *arg)
{
    for (xfer *x = f ? f->active : NULL; x; x = x->anext) {
        fn(x->done.payload, arg);
    }
    for (xfer *x = f ? f->done_head : NULL; x; x = x->next) {
        fn(x->done.payload, arg);
    }
}

void hd_fetcher_wakeup(hd_fetcher *f)
{
    curl_multi_wakeup(f->multi);
}
