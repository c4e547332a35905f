/*
 * net/url.h - URLs as hurdle shows them: without credentials, on one line.
 */
#ifndef HD_URL_H
#define HD_URL_H

#include <hurdle/ctx.h>

/*
 * A copy of `url` fit to show or store: the user name and password of an
 * http(s) URL removed ("http://bob:pw@host/" -> "http://host/") and control
 * characters replaced by '?', so that credentials never reach a report or
 * a log and a URL cannot break a message into lines. The caller frees it
 * with hd_free(). NULL only when out of memory.
 */
char *hd_url_redact(hurdle_ctx *ctx, const char *url);

/* Replaces control characters (C0, DEL and C1) of `s` in place by '?'. */
void hd_url_flatten(char *s);

#endif
