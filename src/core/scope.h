/*
 * core/scope.h - which URLs a crawl may fetch: the scope of its start URLs
 * (host, prefix or domain), the --include and --exclude regexes, and the
 * link-trap guards. Each decision names the rule that made it, for the
 * report's counts and --why.
 */
#ifndef HD_SCOPE_H
#define HD_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

#include <hurdle/scan.h>

#include "../report/report.h"
#include "../rules/ruleset.h"

#define HD_TRAP_MAX_SEGMENTS 24 /* path segments */
#define HD_TRAP_MAX_REPEAT   3  /* the same segment this often in one path */
#define HD_TRAP_MAX_PARAMS   16 /* query parameters */

typedef struct hd_scope_set hd_scope_set;

int hd_scope_new(hd_scope_set **out, hurdle_ctx *ctx, const hurdle_scan_options *opts);
void hd_scope_free(hd_scope_set *s);
/* Adds a start URL (normalized): its origin, folder and domain join the scope. */
int hd_scope_add_start(hd_scope_set *s, const char *url);
/*
 * A start URL `from` redirected to `to`: `to` joins the scope as a start, except that with
 * --scope prefix a move to a folder above the start's keeps the start's folder (on `to`'s
 * origin): a redirect to the home page does not widen the crawl to the whole site.
 */
int hd_scope_add_moved_start(hd_scope_set *s, const char *from, const char *to);
/*
 * Decides whether the normalized `url` may be fetched: HD_SKIP_NONE, or why not, with the rule
 * written into `why` (may be NULL): "outside the scope (host: only http://a, http://b)",
 * "excluded by --exclude '...'", "a link trap: the segment 'next' repeats 3 times".
 */
hd_skip hd_scope_check(hd_scope_set *s, const char *url, char *why, size_t whysize);
/*
 * A start URL's origin (scheme, host and port) joins those the credentials go to, unless
 * --auth-host names them. Only start URLs: never a redirect's target. ELIMIT, ENOMEM.
 */
int hd_scope_add_auth_origin(hd_scope_set *s, const char *url);
/*
 * true when the credentials go to `url`: its exact origin is a start URL's, or its host (and
 * port, when given) is an --auth-host.
 */
bool hd_scope_auth_host(const hd_scope_set *s, const char *url);

#endif
