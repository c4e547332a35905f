/*
 * html/sitemap.h - sitemaps (sitemaps.org 0.9) to the locations they list: XML <urlset> and
 * <sitemapindex> documents, with or without namespaces and with any prefix, and plain-text
 * sitemaps (one absolute URL per line). Parsing is streaming, so memory stays bounded
 * whatever the document's size; entities are never expanded and nothing outside the given
 * bytes is ever read (no DTD, no external entity, no network).
 *
 * This header names no libxml2 type: the crawler (core) and the fuzz targets include it.
 */
#ifndef HD_HTML_SITEMAP_H
#define HD_HTML_SITEMAP_H

#include <stdbool.h>
#include <stddef.h>

#include <hurdle/ctx.h>

/* Locations per sitemap file (sitemaps.org), the default for `max_urls` = 0. */
#define HD_SITEMAP_MAX_URLS 50000
/* The longest location passed on, in bytes after trimming (sitemaps.org: under 2,048 chars). */
#define HD_SITEMAP_MAX_LOC  2048

typedef enum hd_sitemap_kind {
    HD_SITEMAP_URLSET = 0, /* <urlset>: <url><loc> are pages */
    HD_SITEMAP_INDEX,      /* <sitemapindex>: <sitemap><loc> are more sitemaps */
    HD_SITEMAP_TEXT        /* one URL per line: pages */
} hd_sitemap_kind;

/*
 * Called for each location: whitespace trimmed, entities and character references decoded,
 * valid UTF-8 without control characters, 1 to HD_SITEMAP_MAX_LOC bytes, and starting with
 * http:// or https:// (any case). `loc` is borrowed for the call.
 * Returns 0 to go on, a positive value to stop (hd_sitemap_parse then returns HURDLE_OK), or
 * a negative hurdle_status to stop with that failure (hd_sitemap_parse returns it unchanged;
 * the callback records its message with hd_fail on the same ctx).
 */
typedef int (*hd_sitemap_fn)(const char *loc, void *payload);

typedef struct hd_sitemap_stats {
    hd_sitemap_kind kind; /* meaningful once the document was recognised as a sitemap */
    size_t urls;          /* locations passed to the callback */
    size_t skipped;       /* locations not passed on: empty, longer than HD_SITEMAP_MAX_LOC,
                             not http(s), control characters, or an entity reference */
    bool truncated;       /* a further valid location came after `max_urls` were passed on;
                             parsing stopped there */
} hd_sitemap_stats;

/*
 * Parses `len` bytes of a sitemap (already decompressed) and calls `fn` for at most
 * `max_urls` locations (0 means HD_SITEMAP_MAX_URLS), in document order.
 *
 * XML sitemaps: the root element's local name decides the kind (urlset or sitemapindex) and
 * its namespace is the sitemap namespace; a <loc> counts only as a child of <url> (urlset) or
 * <sitemap> (index) that is a child of the root, all in that namespace, the sitemaps.org one
 * or none. Elements of other namespaces (image:, news:, video:, xhtml:link ...) are ignored,
 * so <image:loc> is never taken for a page. The document must be well-formed XML; it is read
 * with XML_PARSE_NONET, without entity substitution (a <loc> holding a reference to a
 * DTD-declared entity is skipped), without loading any DTD, and with libxml2's default
 * (non-huge) limits. libxml2's messages never reach stderr.
 *
 * Text sitemaps (the first byte that is not a BOM or whitespace is not '<'): each line,
 * trimmed, is a location; blank lines are ignored, other lines that fail the callback's
 * conditions are skipped. The first non-blank line must be an http(s) URL, or the document
 * is not a sitemap.
 *
 * A document that stops with an XML error returns HURDLE_EPARSE after delivering the locations
 * of the entries (<url>, <sitemap>) closed before the error: all of them when the document is
 * cut short (a truncated download); for an error further in, those of the last 512 bytes or
 * so before it may be lost (libxml2's reader parses in chunks and drops a failed chunk's
 * nodes). A loc closed in an entry left open by the cut may be lost too. Entity bombs
 * (billion laughs and the like) end as an EPARSE within milliseconds.
 *
 * @param out      stats, always set (zeroed first), also on failure
 * @param name     the sitemap's URL, for messages; may be NULL
 * @param bytes    the document; may be NULL when `len` is 0
 * @return HURDLE_OK (also when `fn` stopped it with a positive value or `max_urls` was
 *         reached), HURDLE_EPARSE (empty, neither an XML sitemap nor a list of URLs, or an XML
 *         error; the message names `name` and the line: "<name>:<line>: malformed XML
 *         (<libxml2's words>)"), HURDLE_ELIMIT (`len` over INT_MAX),
 *         HURDLE_ENOMEM, HURDLE_EINVAL (bad arguments), or the negative value `fn` returned.
 *
 * Thread-safe: several threads may parse at once, each with its own ctx (libxml2 initialised
 * once by hurdle_global_init). Does not clear the ctx's error (internal function).
 */
int hd_sitemap_parse(hd_sitemap_stats *out,
                     hurdle_ctx *ctx,
                     const char *name,
                     const char *bytes,
                     size_t len,
                     size_t max_urls,
                     hd_sitemap_fn fn,
                     void *payload);

/* The kind's name: "urlset", "sitemapindex" or "text". Static; never NULL. */
const char *hd_sitemap_kind_name(hd_sitemap_kind kind);

#endif
