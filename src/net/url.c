/*
 * net/url.c - credentials out of URLs with libcurl's URL API (this module
 * and fetch.c are the only libcurl users).
 */
#include "url.h"

#include <string.h>

#include <curl/curl.h>

#include "../util/alloc.h"

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

char *hd_url_redact(hurdle_ctx *ctx, const char *url)
{
    char *out = NULL;

    if (strchr(url, '@') && (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0)) {
        out = without_userinfo(ctx, url);
    }
    if (!out) {
        out = hd_strdup(ctx, url);
    }
    if (out) {
        hd_url_flatten(out);
    }
    return out;
}
