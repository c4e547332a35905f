/*
 * net/fetch.c - fetches one http(s) page with libcurl's easy interface.
 * The only libcurl user. Every fetch is bounded: connect and total
 * timeouts, a redirect limit, and a body cap counted after decompression
 * (a decompression bomb stops at max_bytes). Only http and https are
 * allowed, also across redirects. Credentials in a URL go to its own host
 * only (libcurl's default) and are never shown: messages and the final URL
 * are redacted (url.c).
 */
#include "fetch.h"

#include <string.h>

#include <curl/curl.h>

#include <hurdle/common.h>

#include "../util/alloc.h"
#include "url.h"

typedef struct sink {
    hd_response *res;
    size_t max;
} sink;

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
    sink *s = payload;
    size_t n = size * nmemb;
    size_t room = s->max - s->res->body.len;

    if (n > room) {
        hd_buf_put(&s->res->body, data, room);
        s->res->truncated = true;
        return 0; /* stops the transfer: CURLE_WRITE_ERROR, taken as a cut page */
    }
    if (hd_buf_put(&s->res->body, data, n) < 0) {
        return 0;
    }
    return n;
}

static int set_options(CURL *curl, const char *url, const hd_fetch_options *opts, sink *s)
{
    CURLcode rc = CURLE_OK;

    rc |= curl_easy_setopt(curl, CURLOPT_URL, url);
    rc |= curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    rc |= curl_easy_setopt(curl, CURLOPT_WRITEDATA, s);
    rc |= curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    rc |= curl_easy_setopt(curl, CURLOPT_MAXREDIRS, opts->max_redirects);
    rc |= curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    rc |= curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    rc |= curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, opts->connect_timeout_ms);
    rc |= curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, opts->timeout_ms);
    rc |= curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    rc |= curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    rc |= curl_easy_setopt(curl, CURLOPT_USERAGENT,
                           opts->user_agent ? opts->user_agent : "hurdle/" HURDLE_VERSION);
    return rc == CURLE_OK ? HURDLE_OK : HURDLE_ERR;
}

static int take_info(hd_response *out, hurdle_ctx *ctx, CURL *curl, const char *url)
{
    char *final = NULL;
    char *type = NULL;

    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out->status);
    curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &final);
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
    out->final_url = hd_url_redact(ctx, final ? final : url);
    out->content_type = hd_strdup(ctx, type ? type : "");
    if (!out->final_url || !out->content_type) {
        return HURDLE_ENOMEM;
    }
    return HURDLE_OK;
}

int hd_fetch(hd_response *out, hurdle_ctx *ctx, const char *url, const hd_fetch_options *opts)
{
    CURL *curl = NULL;
    char *shown = NULL;
    CURLcode cc;
    sink s;
    int rc;

    memset(out, 0, sizeof(*out));
    hd_buf_init(&out->body, ctx, opts->max_bytes);
    s.res = out;
    s.max = opts->max_bytes;
    shown = hd_url_redact(ctx, url);
    curl = shown ? curl_easy_init() : NULL;
    if (!curl) {
        rc = hd_fail(ctx, HURDLE_ENOMEM, "%s: cannot start a transfer", shown ? shown : "url");
        goto done;
    }
    rc = set_options(curl, url, opts, &s);
    if (rc < 0) {
        rc = hd_fail(ctx, HURDLE_EINVAL, "%s: unsupported URL or option", shown);
        goto done;
    }
    cc = curl_easy_perform(curl);
    if (cc == CURLE_WRITE_ERROR && out->truncated) {
        cc = CURLE_OK;
    }
    if (hd_buf_err(&out->body) == HURDLE_ENOMEM) {
        rc = hd_oom(ctx);
        goto done;
    }
    if (cc != CURLE_OK) {
        rc = hd_fail(ctx, HURDLE_ENET, "%s: %s", shown, curl_easy_strerror(cc));
        goto done;
    }
    rc = take_info(out, ctx, curl, url);
done:
    curl_easy_cleanup(curl);
    hd_free(ctx, shown);
    return rc;
}

void hd_response_dispose(hd_response *res)
{
    hurdle_ctx *ctx = res->body.ctx;

    hd_buf_dispose(&res->body);
    if (ctx) {
        hd_free(ctx, res->final_url);
        hd_free(ctx, res->content_type);
    }
    res->final_url = NULL;
    res->content_type = NULL;
}
