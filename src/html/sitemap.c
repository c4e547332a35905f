/*
 * html/sitemap.c - hd_sitemap_parse: a sitemap's bytes -> its locations, one callback each
 * (see sitemap.h). Wraps libxml2's streaming xmlTextReader; text sitemaps need only libc.
 *
 * Why the reader: it frees each node once the cursor has left it, so memory stays bounded
 * by the longest text node (libxml2's non-huge limit, 10 MB) whatever the document's size,
 * and a <loc> is assembled in a fixed buffer of HD_SITEMAP_MAX_LOC bytes.
 *
 * Safety invariants (a sitemap is untrusted input from any site):
 *   - XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE and HUGE are never set, and
 *     NONET is: entities are not substituted (libxml2 then never loads an external entity
 *     nor an external parameter entity, and its amplification checks stop entity bombs
 *     early), the reader does not walk into entity references, and no DTD is fetched.
 *   - libxml2 reports through the reader's structured handler, and for this thread the
 *     structured and generic handlers are swapped for silent ones during the parse and
 *     restored after (both are per thread in libxml2), so nothing reaches stderr and
 *     parallel parses do not see each other's handlers.
 *   - Every location passed on is valid UTF-8 without control characters, 1 to
 *     HD_SITEMAP_MAX_LOC bytes, and starts with http:// or https://.
 */
#include "sitemap.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <hurdle/common.h>

#include "../util/alloc.h"

#define READER_OPTIONS (XML_PARSE_NONET)
#define ERR_MAX        200

/* Namespaces whose elements are sitemap vocabulary besides the root's own (and none). */
static const char *const sitemap_ns[] = { "http://www.sitemaps.org/schemas/sitemap/0.9",
                                          "http://www.google.com/schemas/sitemap/0.9",
                                          "http://www.google.com/schemas/sitemap/0.84" };

/* The <loc> being read: whitespace before the first byte is dropped, whitespace after the
 * last non-space byte (`end`) is trimmed when the loc is emitted. */
typedef struct loc_acc {
    char buf[HD_SITEMAP_MAX_LOC + 1];
    size_t len;
    size_t end;
    bool dropped_ws; /* whitespace past the buffer: any later byte makes the loc too long */
    bool too_long;
    bool bad; /* an entity reference or an element inside the loc */
} loc_acc;

typedef struct sm_state {
    hurdle_ctx *ctx;
    const char *name;
    hd_sitemap_stats *stats;
    size_t max_urls;
    hd_sitemap_fn fn;
    void *payload;
    loc_acc loc;
    /* XML only */
    bool root_seen;
    bool in_entry; /* inside a <url> (urlset) or <sitemap> (index) child of the root */
    bool in_loc;
    const xmlChar *root_ns; /* in the reader's dictionary */
    int skipped_lines;      /* blank lines skipped before the first '<' */
    int err_code;
    int err_line;
    bool err_fatal;
    char err_msg[ERR_MAX];
} sm_state;

const char *hd_sitemap_kind_name(hd_sitemap_kind kind)
{
    switch (kind) {
    case HD_SITEMAP_URLSET:
        return "urlset";
    case HD_SITEMAP_INDEX:
        return "sitemapindex";
    case HD_SITEMAP_TEXT:
        return "text";
    }
    return "";
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether `s` is valid UTF-8 without C0 controls or DEL (no overlongs, no surrogates). */
static bool clean_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
        if (k == 0 || k > n - i || c < 0x20 || c == 0x7F) {
            return false;
        }
        for (size_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) {
                return false;
            }
        }
        if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0) ||
            (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90)) {
            return false;
        }
        i += k;
    }
    return true;
}

/* Length of the http:// or https:// prefix of `s` (any case), or 0. */
static size_t scheme_len(const char *s, size_t n)
{
    if (n >= 7 && strncasecmp(s, "http://", 7) == 0) {
        return 7;
    }
    if (n >= 8 && strncasecmp(s, "https://", 8) == 0) {
        return 8;
    }
    return 0;
}

static bool loc_ok(const char *s, size_t n)
{
    size_t p = scheme_len(s, n);

    if (p == 0 || n > HD_SITEMAP_MAX_LOC || n == p || s[p] == '/' || s[p] == '?' || s[p] == '#') {
        return false;
    }
    return clean_utf8((const unsigned char *)s, n);
}

/* Passes a trimmed, NUL-terminated location on, or counts it as skipped.
 * Returns 0 to go on, 1 to stop, or the callback's negative status. */
static int deliver(sm_state *st, const char *loc, size_t n)
{
    int rc;

    if (!loc_ok(loc, n)) {
        st->stats->skipped++;
        return 0;
    }
    if (st->stats->urls >= st->max_urls) {
        st->stats->truncated = true;
        return 1;
    }
    st->stats->urls++;
    rc = st->fn(loc, st->payload);
    if (rc < 0) {
        return hd_fail(st->ctx, rc, "%s: the sitemap's callback failed (%s)", st->name,
                       hurdle_status_name(rc));
    }
    return rc > 0 ? 1 : 0;
}

static void loc_reset(loc_acc *a)
{
    a->len = 0;
    a->end = 0;
    a->dropped_ws = false;
    a->too_long = false;
    a->bad = false;
}

static void loc_add(loc_acc *a, const char *s, size_t n)
{
    for (size_t i = 0; i < n && !a->too_long; i++) {
        if (is_ws(s[i])) {
            if (a->len > 0 && a->len < HD_SITEMAP_MAX_LOC) {
                a->buf[a->len++] = s[i];
            } else if (a->len > 0) {
                a->dropped_ws = true;
            }
        } else if (a->len >= HD_SITEMAP_MAX_LOC || a->dropped_ws) {
            a->too_long = true;
        } else {
            a->buf[a->len++] = s[i];
            a->end = a->len;
        }
    }
}

static int loc_emit(sm_state *st)
{
    loc_acc *a = &st->loc;

    if (a->too_long || a->bad) {
        st->stats->skipped++;
        return 0;
    }
    a->buf[a->end] = '\0';
    return deliver(st, a->buf, a->end);
}

/* ---- text sitemaps ---- */

static int parse_text(sm_state *st, const char *s, size_t len)
{
    bool first = true;
    size_t i = 0;

    st->stats->kind = HD_SITEMAP_TEXT;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len;
        size_t from = i;
        size_t to = end;
        int rc;

        i = end + 1;
        while (from < to && is_ws(s[from])) {
            from++;
        }
        while (to > from && is_ws(s[to - 1])) {
            to--;
        }
        if (from == to) {
            continue;
        }
        if (first && scheme_len(s + from, to - from) == 0) {
            return hd_fail(st->ctx, HURDLE_EPARSE,
                           "%s: not a sitemap (neither XML nor a list of URLs)", st->name);
        }
        first = false;
        if (to - from > HD_SITEMAP_MAX_LOC) {
            st->stats->skipped++;
            continue;
        }
        memcpy(st->loc.buf, s + from, to - from);
        st->loc.buf[to - from] = '\0';
        rc = deliver(st, st->loc.buf, to - from);
        if (rc != 0) {
            return rc < 0 ? rc : HURDLE_OK;
        }
    }
    return HURDLE_OK;
}

/* ---- XML sitemaps ---- */

/* Makes libxml2's message one lower-case line: controls become spaces (some messages go on
 * with "\nBytes: 0x.."), the end is trimmed, and when `cut`, a character snprintf cut in two
 * is dropped. */
static void tidy_message(char *m, bool cut)
{
    size_t n = strlen(m);

    while (cut && n > 0 && ((unsigned char)m[n - 1] & 0xC0) == 0x80) {
        n--;
    }
    if (cut && n > 0 && (unsigned char)m[n - 1] >= 0xC0) {
        n--;
    }
    while (n > 0 && (unsigned char)m[n - 1] <= ' ') {
        n--;
    }
    m[n] = '\0';
    for (size_t i = 0; i < n; i++) {
        m[i] = (unsigned char)m[i] < 0x20 ? ' ' : m[i];
    }
    if (m[0] >= 'A' && m[0] <= 'Z' && m[1] >= 'a' && m[1] <= 'z') {
        m[0] = (char)(m[0] - 'A' + 'a');
    }
}

/* libxml2's reports, from the reader and from this thread: keeps the first error, and the
 * first fatal one over an earlier recoverable one (namespace errors do not stop parsing). */
static void on_xml_error(void *arg, xmlErrorPtr e)
{
    sm_state *st = arg;
    int n;

    if (!st || !e || e->level < XML_ERR_ERROR || st->err_fatal ||
        (st->err_code && e->level != XML_ERR_FATAL)) {
        return;
    }
    st->err_code = e->code ? e->code : -1;
    st->err_line = e->line;
    st->err_fatal = e->level == XML_ERR_FATAL;
    n = snprintf(st->err_msg, sizeof(st->err_msg), "%s", e->message ? e->message : "");
    tidy_message(st->err_msg, n < 0 || (size_t)n >= sizeof(st->err_msg));
}

/* For the few reports that bypass the structured handlers. */
static void on_generic_error(void *arg, const char *msg, ...)
{
    (void)arg;
    (void)msg;
}

static bool is_vocab(const sm_state *st, const xmlChar *ns)
{
    if (!ns || (st->root_ns && xmlStrEqual(ns, st->root_ns))) {
        return true;
    }
    for (size_t i = 0; i < sizeof(sitemap_ns) / sizeof(sitemap_ns[0]); i++) {
        if (xmlStrEqual(ns, (const xmlChar *)sitemap_ns[i])) {
            return true;
        }
    }
    return false;
}

static bool named(xmlTextReaderPtr r, const char *local)
{
    return xmlStrEqual(xmlTextReaderConstLocalName(r), (const xmlChar *)local) != 0;
}

static int on_root(sm_state *st, xmlTextReaderPtr r)
{
    const char *local = (const char *)xmlTextReaderConstLocalName(r);
    size_t full = local ? strlen(local) : 0;
    size_t n = full > 40 ? 40 : full;

    st->root_seen = true;
    st->root_ns = xmlTextReaderConstNamespaceUri(r);
    if (named(r, "urlset")) {
        st->stats->kind = HD_SITEMAP_URLSET;
        return 0;
    }
    if (named(r, "sitemapindex")) {
        st->stats->kind = HD_SITEMAP_INDEX;
        return 0;
    }
    while (n > 0 && n < full && ((unsigned char)local[n] & 0xC0) == 0x80) {
        n--; /* cut the name on a character boundary */
    }
    return hd_fail(st->ctx, HURDLE_EPARSE, "%s: not a sitemap (root element <%.*s>)", st->name,
                   (int)n, n ? local : "");
}

static int on_element(sm_state *st, xmlTextReaderPtr r, int depth)
{
    bool empty = xmlTextReaderIsEmptyElement(r) == 1;
    const char *entry = st->stats->kind == HD_SITEMAP_INDEX ? "sitemap" : "url";

    if (!st->root_seen) {
        return on_root(st, r);
    }
    if (depth == 1) {
        st->in_entry = !empty && is_vocab(st, xmlTextReaderConstNamespaceUri(r)) && named(r, entry);
    } else if (depth == 2 && st->in_entry && is_vocab(st, xmlTextReaderConstNamespaceUri(r)) &&
               named(r, "loc")) {
        loc_reset(&st->loc);
        st->in_loc = !empty;
        if (empty) {
            return loc_emit(st);
        }
    } else if (depth > 2 && st->in_loc) {
        st->loc.bad = true;
    }
    return 0;
}

static int on_node(sm_state *st, xmlTextReaderPtr r)
{
    int depth = xmlTextReaderDepth(r);
    const xmlChar *v;

    switch (xmlTextReaderNodeType(r)) {
    case XML_READER_TYPE_ELEMENT:
        return on_element(st, r, depth);
    case XML_READER_TYPE_END_ELEMENT:
        if (depth == 2 && st->in_loc) {
            st->in_loc = false;
            return loc_emit(st);
        }
        st->in_entry = depth == 1 ? false : st->in_entry;
        return 0;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        v = st->in_loc && depth == 3 ? xmlTextReaderConstValue(r) : NULL;
        if (v) {
            loc_add(&st->loc, (const char *)v, strlen((const char *)v));
        }
        return 0;
    case XML_READER_TYPE_ENTITY_REFERENCE:
        st->loc.bad = st->loc.bad || st->in_loc;
        return 0;
    default:
        return 0;
    }
}

/* The failure after the reader stopped with an error: "<name>:<line>: malformed XML (<what
 * libxml2 said>)", whether or not the root was seen (HTML that is not XML ends here too). */
static int xml_failure(sm_state *st)
{
    int line = st->err_line > 0 ? st->err_line + st->skipped_lines : 0;
    char where[16] = "";

    if (st->err_code == XML_ERR_NO_MEMORY) {
        return hd_oom(st->ctx);
    }
    if (line > 0) {
        (void)snprintf(where, sizeof(where), ":%d", line);
    }
    return hd_fail(st->ctx, HURDLE_EPARSE, "%s%s: malformed XML (%s)", st->name, where,
                   st->err_msg[0] ? st->err_msg : "no detail");
}

static int read_xml(sm_state *st, xmlTextReaderPtr r)
{
    int ret = 1;
    int rc = 0;

    while (rc == 0) {
        ret = xmlTextReaderRead(r);
        if (ret != 1) {
            break;
        }
        rc = on_node(st, r);
    }
    if (rc != 0) {
        return rc < 0 ? rc : HURDLE_OK;
    }
    if (ret < 0) {
        return xml_failure(st);
    }
    if (!st->root_seen) {
        return hd_fail(st->ctx, HURDLE_EPARSE, "%s: not a sitemap (no root element)", st->name);
    }
    return HURDLE_OK;
}

static int parse_xml(sm_state *st, const char *s, size_t len)
{
    xmlStructuredErrorFunc old_serror = xmlStructuredError;
    void *old_serror_ctx = xmlStructuredErrorContext;
    xmlGenericErrorFunc old_error = xmlGenericError;
    void *old_error_ctx = xmlGenericErrorContext;
    xmlTextReaderPtr r;
    int rc;

    xmlSetStructuredErrorFunc(st, on_xml_error);
    xmlSetGenericErrorFunc(NULL, on_generic_error);
    r = xmlReaderForMemory(s, (int)len, NULL, NULL, READER_OPTIONS);
    if (!r) {
        rc = hd_oom(st->ctx);
    } else {
        xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, st);
        rc = read_xml(st, r);
        xmlFreeTextReader(r);
    }
    xmlSetGenericErrorFunc(old_error_ctx, old_error);
    xmlSetStructuredErrorFunc(old_serror_ctx, old_serror);
    return rc;
}

/* ---- entry ---- */

/* Where the document starts: after a UTF-8 BOM and whitespace; counts the newlines. */
static size_t skip_lead(const char *s, size_t len, int *lines)
{
    size_t i = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

    while (i < len && is_ws(s[i])) {
        *lines += s[i] == '\n' && *lines < INT_MAX;
        i++;
    }
    return i;
}

static bool is_utf16_bom(const char *s, size_t len)
{
    return len >= 2 && ((s[0] == '\xFE' && s[1] == '\xFF') || (s[0] == '\xFF' && s[1] == '\xFE'));
}

int hd_sitemap_parse(hd_sitemap_stats *out,
                     hurdle_ctx *ctx,
                     const char *name,
                     const char *bytes,
                     size_t len,
                     size_t max_urls,
                     hd_sitemap_fn fn,
                     void *payload)
{
    sm_state st;
    size_t start;
    int rc;

    if (out) {
        memset(out, 0, sizeof(*out));
    }
    if (!out || !ctx || !fn || (!bytes && len)) {
        return ctx ? hd_fail(ctx, HURDLE_EINVAL, "hd_sitemap_parse: bad arguments") : HURDLE_EINVAL;
    }
    name = name && name[0] ? name : "sitemap";
    if (len > (size_t)INT_MAX) {
        return hd_fail(ctx, HURDLE_ELIMIT,
                       "%s: sitemap of %zu bytes is over the parser's limit of %d bytes", name, len,
                       INT_MAX);
    }
    memset(&st, 0, sizeof(st));
    st.ctx = ctx;
    st.name = name;
    st.stats = out;
    st.max_urls = max_urls ? max_urls : HD_SITEMAP_MAX_URLS;
    st.fn = fn;
    st.payload = payload;
    /* UTF-16 goes to libxml2 whole; otherwise XML starts at its first '<' */
    start = is_utf16_bom(bytes, len) ? 0 : skip_lead(bytes, len, &st.skipped_lines);
    if (start == len) {
        return hd_fail(ctx, HURDLE_EPARSE, "%s: empty sitemap", name);
    }
    if (is_utf16_bom(bytes, len) || bytes[start] == '<') {
        rc = parse_xml(&st, bytes + start, len - start);
    } else {
        rc = parse_text(&st, bytes + start, len - start);
    }
    HD_LOG(ctx, HURDLE_LOG_DEBUG, "html: sitemap %s (%s): %zu urls, %zu skipped%s", name,
           hd_sitemap_kind_name(out->kind), out->urls, out->skipped,
           out->truncated ? ", truncated" : "");
    return rc;
}
