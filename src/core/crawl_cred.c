/*
 * core/crawl_cred.c - the crawl's User-Agent ("hurdle/VERSION (+CONTACT)")
 * and its credentials: --header, --cookie and --user values with ${NAME}
 * taken from the environment (an unset variable is an error naming it,
 * never an empty secret). Which transfers carry them is crawl_sched.c's
 * business: only those to the auth hosts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "crawl_int.h"

/* Expands ${NAME} references from the environment; an unset variable is an error. */
static int expand(char **out, hurdle_ctx *ctx, const char *s)
{
    hd_buf b = HD_BUF_INIT(ctx, (size_t)64 << 10);

    *out = NULL;
    for (const char *p = s; *p;) {
        const char *end = strncmp(p, "${", 2) == 0 ? strchr(p + 2, '}') : NULL;
        char name[256];
        const char *v;
        if (!end || (size_t)(end - p - 2) >= sizeof(name)) {
            hd_buf_putc(&b, *p++);
            continue;
        }
        memcpy(name, p + 2, (size_t)(end - p - 2));
        name[end - p - 2] = '\0';
        v = getenv(name);
        if (!v) {
            hd_buf_dispose(&b);
            return hd_fail(ctx, HURDLE_EINVAL,
                           "credentials: the environment variable %s is not "
                           "set",
                           name);
        }
        hd_buf_puts(&b, v);
        p = end + 1;
    }
    if (hd_buf_err(&b) == HURDLE_OK) {
        *out = hd_strndup(ctx, b.ptr, b.len);
    }
    hd_buf_dispose(&b);
    return *out ? HURDLE_OK : hd_oom(ctx);
}

int hd_crawl_credentials(hd_crawl *c)
{
    const hurdle_scan_options *o = c->o;
    hd_buf ua = HD_BUF_INIT(c->ctx, 4096);
    int rc = HURDLE_OK;

    if (o->user_agent) {
        hd_buf_puts(&ua, o->user_agent);
    } else {
        hd_buf_puts(&ua, "hurdle/" HURDLE_VERSION);
        if (o->contact) {
            hd_buf_printf(&ua, " (+%s)", o->contact);
        }
    }
    c->ua = hd_buf_err(&ua) == HURDLE_OK ? hd_strndup(c->ctx, ua.ptr, ua.len) : NULL;
    hd_buf_dispose(&ua);
    if (!c->ua) {
        return hd_oom(c->ctx);
    }
    if (o->nheaders + 1 > HD_CRAWL_MAX_HEADERS) {
        return hd_fail(c->ctx, HURDLE_ELIMIT, "more than %d --header options",
                       HD_CRAWL_MAX_HEADERS - 1);
    }
    for (size_t i = 0; rc == HURDLE_OK && i < o->nheaders; i++) {
        char *h = NULL;
        rc = expand(&h, c->ctx, o->headers[i]);
        c->cred[c->ncred] = h;
        c->ncred += h != NULL;
    }
    if (rc == HURDLE_OK && o->cookie) {
        char *v = NULL;
        rc = expand(&v, c->ctx, o->cookie);
        if (rc == HURDLE_OK) {
            size_t n = strlen(v) + 9;
            char *h = hd_malloc(c->ctx, n);
            if (h) {
                snprintf(h, n, "Cookie: %s", v);
                c->cred[c->ncred++] = h;
            }
            rc = h ? HURDLE_OK : hd_oom(c->ctx);
        }
        hd_free(c->ctx, v);
    }
    if (rc == HURDLE_OK && o->userpwd) {
        rc = expand(&c->userpwd, c->ctx, o->userpwd);
    }
    return rc;
}
