/*
 * net/url.c - credentials out of URLs with libcurl's URL API (this module
 * and fetch.c are the only libcurl users).
 */
#include "url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/utf8.h"

void hd_url_flatten(char *s)
{
    unsigned char *p = (unsigned char *)s;

    for (; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            *p = '?';
        } else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            p[0] = '?'; /* a C1 control in UTF-8: U+0080-U+009F */
            p[1] = '?';
            p++;
        }
    }
}

/* The URL without its user and password, or NULL when curl cannot parse it. */
static char *without_userinfo(hurdle_ctx *ctx, const char *url)
{
    CURLU *u = curl_url();
    char *clean = NULL;
    char *copy = NULL;

    if (!u) {
        return NULL;
    }
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_set(u, CURLUPART_USER, NULL, 0) == CURLUE_OK &&
        curl_url_set(u, CURLUPART_PASSWORD, NULL, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_URL, &clean, 0) == CURLUE_OK) {
        copy = hd_strdup(ctx, clean);
    }
    curl_free(clean);
    curl_url_cleanup(u);
    return copy;
}

/*
 * The URL with everything before the last '@' of its authority cut out, for a URL curl cannot
 * parse (a password must not survive because the rest of the URL is broken).
 */
static char *cut_userinfo(hurdle_ctx *ctx, const char *url)
{
    const char *auth = strstr(url, "://");
    const char *end;
    const char *at = NULL;
    char *out;
    size_t n;

    if (!auth) {
        return NULL;
    }
    auth += 3;
    end = auth + strcspn(auth, "/?#");
    for (const char *p = auth; p < end; p++) {
        at = *p == '@' ? p : at;
    }
    if (!at) {
        return NULL;
    }
    n = strlen(url) - (size_t)(at + 1 - auth);
    out = hd_malloc(ctx, n + 1);
    if (out) {
        memcpy(out, url, (size_t)(auth - url));
        memcpy(out + (auth - url), at + 1, strlen(at + 1) + 1);
    }
    return out;
}

char *hd_url_redact(hurdle_ctx *ctx, const char *url)
{
    char *out = NULL;

    if (strchr(url, '@') &&
        (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0)) {
        out = without_userinfo(ctx, url);
        out = out ? out : cut_userinfo(ctx, url);
    }
    if (!out) {
        out = hd_strdup(ctx, url);
    }
    if (out) {
        hd_url_flatten(out);
    }
    return out;
}

/* ---- canonical URLs ---- */

static bool unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

/* Characters kept as they are in a path or query besides unreserved ones (RFC 3986). */
static bool kept(unsigned char c, bool query)
{
    return strchr("!$&'()*+,;=:@/", c) != NULL || (query && c == '?');
}

/* Appends s[0..n) with escapes normalized: unreserved decoded, the rest upper case. */
static void put_escaped(hd_buf *b, const char *s, size_t n, bool query)
{
    static const char hexd[] = "0123456789ABCDEF";

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int hi = c == '%' && i + 2 < n ? hd_hex_value(s[i + 1]) : -1;
        int lo = hi >= 0 ? hd_hex_value(s[i + 2]) : -1;
        if (hi >= 0 && lo >= 0) {
            unsigned char d = (unsigned char)(hi * 16 + lo);
            if (unreserved(d)) {
                hd_buf_putc(b, (char)d);
            } else {
                hd_buf_putc(b, '%');
                hd_buf_putc(b, hexd[hi]);
                hd_buf_putc(b, hexd[lo]);
            }
            i += 2;
        } else if (unreserved(c) || kept(c, query)) {
            hd_buf_putc(b, (char)c);
        } else {
            hd_buf_putc(b, '%');
            hd_buf_putc(b, hexd[c >> 4]);
            hd_buf_putc(b, hexd[c & 15]);
        }
    }
}

static char *part(CURLU *u, CURLUPart what, unsigned flags)
{
    char *v = NULL;

    return curl_url_get(u, what, &v, flags) == CURLUE_OK ? v : NULL;
}

/*
 * A host name of ASCII letters, digits, '-', '.' and '_', or an address in [...]. A name in
 * another script must be written in punycode ("xn--bcher-kva.de"): this libcurl cannot convert
 * it, and two spellings of one name must not become two hosts.
 */
static bool host_ok(const char *h)
{
    bool v6 = h[0] == '[';

    if (!*h) {
        return false;
    }
    for (const char *p = h; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!(alnum || c == '.' || (!v6 && (c == '-' || c == '_')) ||
              (v6 && (c == ':' || c == '[' || c == ']')))) {
            return false;
        }
    }
    return true;
}

/* Rebuilds the URL curl parsed into `u` in canonical form. */
static int canonical(hd_buf *b, CURLU *u)
{
    char *scheme = part(u, CURLUPART_SCHEME, 0);
    char *user = part(u, CURLUPART_USER, 0);
    char *pass = part(u, CURLUPART_PASSWORD, 0);
    char *host = part(u, CURLUPART_HOST, 0);
    char *port = part(u, CURLUPART_PORT, CURLU_NO_DEFAULT_PORT);
    char *path = part(u, CURLUPART_PATH, 0);
    char *query = part(u, CURLUPART_QUERY, 0);
    int rc = HURDLE_EINVAL;

    if (scheme && host && host_ok(host) &&
        (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0)) {
        hd_buf_puts(b, scheme);
        hd_buf_puts(b, "://");
        for (const char *h = host; *h; h++) {
            hd_buf_putc(b, (char)(*h >= 'A' && *h <= 'Z' ? *h + 32 : *h));
        }
        if (port) {
            hd_buf_putc(b, ':');
            hd_buf_puts(b, port);
        }
        put_escaped(b, path && *path ? path : "/", path && *path ? strlen(path) : 1, false);
        if (query && *query) {
            hd_buf_putc(b, '?');
            put_escaped(b, query, strlen(query), true);
        }
        rc = hd_buf_err(b);
    }
    curl_free(scheme);
    curl_free(user);
    curl_free(pass);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_free(query);
    return rc;
}

/*
 * `s` ready for curl: ASCII whitespace at both ends and tabs and line breaks inside dropped (as
 * browsers do with an href), and the escapes of unreserved characters decoded ("%7E" as "~",
 * "%2e" as "."), so that curl resolves escaped dot segments too and the result is canonical.
 */
static void prepare(hd_buf *b, const char *s)
{
    size_t n = strlen(s);

    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r' ||
                 s[n - 1] == '\f')) {
        n--;
    }
    for (size_t i = 0; i < n; i++) {
        int hi = s[i] == '%' && i + 2 < n ? hd_hex_value(s[i + 1]) : -1;
        int lo = hi >= 0 ? hd_hex_value(s[i + 2]) : -1;
        if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            continue;
        }
        if (lo >= 0 && unreserved((unsigned char)(hi * 16 + lo))) {
            hd_buf_putc(b, (char)(hi * 16 + lo));
            i += 2;
        } else {
            hd_buf_putc(b, s[i]);
        }
    }
}

static int
finish_url(char **out, hurdle_ctx *ctx, CURLU *u, CURLUcode uc, const char *shown, bool too_long)
{
    hd_buf b = HD_BUF_INIT(ctx, HD_URL_MAX);
    int rc = uc == CURLUE_OK ? canonical(&b, u) : HURDLE_EINVAL;

    curl_url_cleanup(u);
    if (rc == HURDLE_OK) {
        *out = hd_strndup(ctx, b.ptr, b.len);
        rc = *out ? HURDLE_OK : HURDLE_ENOMEM;
    }
    hd_buf_dispose(&b);
    if (rc == HURDLE_ENOMEM) {
        return hd_oom(ctx);
    }
    if (rc < 0) {
        char *r = hd_url_redact(ctx, shown);
        rc = hd_fail(ctx, HURDLE_EINVAL, "%.300s: %s", r ? r : "url",
                     too_long || rc == HURDLE_ELIMIT ? "URL too long" : "not an http(s) URL");
        hd_free(ctx, r);
    }
    return rc;
}

static CURLUcode set_url(CURLU *u, hurdle_ctx *ctx, const char *url)
{
    hd_buf b = HD_BUF_INIT(ctx, 4 * HD_URL_MAX);
    CURLUcode uc = CURLUE_OUT_OF_MEMORY;

    prepare(&b, url);
    if (hd_buf_err(&b) == HURDLE_OK) {
        uc = curl_url_set(u, CURLUPART_URL, b.ptr, CURLU_URLENCODE);
    }
    hd_buf_dispose(&b);
    return uc;
}

int hd_url_normalize(char **out, hurdle_ctx *ctx, const char *url)
{
    CURLU *u = curl_url();
    bool too_long = strlen(url) > HD_URL_MAX;

    *out = NULL;
    if (!u) {
        return hd_oom(ctx);
    }
    return finish_url(out, ctx, u, too_long ? CURLUE_MALFORMED_INPUT : set_url(u, ctx, url), url,
                      too_long);
}

int hd_url_resolve(char **out, hurdle_ctx *ctx, const char *base, const char *href)
{
    CURLU *u = curl_url();
    bool too_long = strlen(base) > HD_URL_MAX || strlen(href) > HD_URL_MAX;
    const char *h = href;
    CURLUcode uc;

    *out = NULL;
    if (!u) {
        return hd_oom(ctx);
    }
    while (*h == ' ' || *h == '\t' || *h == '\n' || *h == '\r' || *h == '\f') {
        h++;
    }
    uc = too_long ? CURLUE_MALFORMED_INPUT : set_url(u, ctx, base);
    if (uc == CURLUE_OK && *h && *h != '#') { /* "" and "#x" are the base itself */
        uc = set_url(u, ctx, href);
    }
    return finish_url(out, ctx, u, uc, href, too_long);
}

bool hd_url_split(hd_url_parts *out, const char *url)
{
    const char *p = strstr(url, "://");
    const char *host;
    const char *end;
    const char *colon;

    memset(out, 0, sizeof(*out));
    if (!p) {
        return false;
    }
    out->scheme = url;
    out->scheme_len = (size_t)(p - url);
    host = p + 3;
    end = host + strcspn(host, "/?");
    for (const char *at = host; at < end; at++) {
        if (*at == '@') {
            host = at + 1; /* credentials are not part of the host */
        }
    }
    colon = *host == '[' ? memchr(host, ']', (size_t)(end - host)) : host;
    colon = colon && colon < end ? memchr(colon, ':', (size_t)(end - colon)) : NULL;
    out->host = host;
    out->host_len = (size_t)((colon ? colon : end) - host);
    out->port = colon ? strtol(colon + 1, NULL, 10) : (out->scheme_len == 5 ? 443 : 80);
    out->origin = url;
    out->origin_len = (size_t)(end - url);
    out->path = *end == '/' ? end : "/";
    out->path_len = *end == '/' ? strcspn(end, "?") : 1;
    out->query = *end == '/' ? end + out->path_len : end;
    if (*out->query == '?') {
        out->query++;
        out->query_len = strlen(out->query);
    } else {
        out->query_len = 0;
    }
    return true;
}

int hd_url_userinfo(char **out, hurdle_ctx *ctx, const char *url)
{
    CURLU *u = curl_url();
    char *user = NULL;
    char *pass = NULL;
    int rc = HURDLE_OK;

    *out = NULL;
    if (!u) {
        return hd_oom(ctx);
    }
    if (curl_url_set(u, CURLUPART_URL, url, CURLU_URLENCODE) == CURLUE_OK) {
        user = part(u, CURLUPART_USER, CURLU_URLDECODE);
        pass = part(u, CURLUPART_PASSWORD, CURLU_URLDECODE);
    }
    if (user) {
        size_t n = strlen(user) + (pass ? strlen(pass) : 0) + 2;
        *out = hd_malloc(ctx, n);
        if (*out) {
            snprintf(*out, n, "%s:%s", user, pass ? pass : "");
        }
        rc = *out ? HURDLE_OK : hd_oom(ctx);
    }
    curl_free(user);
    curl_free(pass);
    curl_url_cleanup(u);
    return rc;
}

char *hd_origin(hurdle_ctx *ctx, const hd_url_parts *p)
{
    return hd_strndup(ctx, p->origin, p->origin_len);
}
