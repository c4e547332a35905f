/*
 * html/doc.c - hd_page_parse: bytes -> libxml2 document -> page model. The
 * only place that creates libxml2 parser contexts.
 *
 * Steps: cut the input at max_bytes, refuse binary data, decode to valid
 * UTF-8 (charset.c), parse with libxml2's HTML parser (recovery on, no
 * network, errors collected by a per-context handler and never printed),
 * walk the DOM once (walk.c), then derive fields and forms (form.c), links,
 * prices and readability. text/plain pages skip libxml2 and become text.
 * Everything the page model holds lives in its arena; the document is freed
 * before returning.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <hurdle/common.h>

#include "internal.h"

#define INPUT_CAP ((size_t)INT_MAX / 4)

#define PARSE_OPTIONS                                                                    \
    (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
     HTML_PARSE_COMPACT | XML_PARSE_HUGE)

static const char *const scope_names[HD_SCOPE_COUNT] = { "text",    "headings",   "labels",
                                                         "buttons", "fine_print", "title",
                                                         "url" };

const char *hd_scope_name(hd_scope scope)
{
    return (unsigned)scope < HD_SCOPE_COUNT ? scope_names[scope] : "";
}

int hd_scope_parse(const char *name)
{
    for (int i = 0; name && i < HD_SCOPE_COUNT; i++) {
        if (strcmp(name, scope_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

int hd_html_global_init(void)
{
    xmlInitParser();
    return HURDLE_OK;
}

void hd_html_global_cleanup(void)
{
    xmlCleanupParser();
}

void hd_page_warn(hd_page *page, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    if (page->nwarnings >= HD_PAGE_MAX_WARNINGS) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    page->warnings[page->nwarnings] =
        hd_text_squeeze(&page->arena, msg, strlen(msg), sizeof(msg) - 1);
    if (page->warnings[page->nwarnings]) {
        page->nwarnings++;
    }
}

void hd_page_dispose(hd_page *page)
{
    if (page) {
        hd_arena_dispose(&page->arena);
        memset(page, 0, sizeof(*page));
    }
}

/* libxml2 reports through this instead of printing; recovery makes the reports moot. */
static void on_xml_error(void *payload, xmlErrorPtr err)
{
    (void)payload;
    (void)err;
}

static xmlDoc *parse_html(const char *ptr, size_t len, const char *url)
{
    htmlParserCtxtPtr pc = htmlNewParserCtxt();
    xmlStructuredErrorFunc old = xmlStructuredError;
    void *old_payload = xmlStructuredErrorContext;
    xmlDoc *doc;

    if (!pc) {
        return NULL;
    }
    /* per context first; the thread's handler covers the few reports without one */
    pc->sax->serror = on_xml_error;
    pc->sax->initialized = XML_SAX2_MAGIC;
    xmlSetStructuredErrorFunc(NULL, on_xml_error);
    doc = htmlCtxtReadMemory(pc, ptr, (int)len, url, "UTF-8", PARSE_OPTIONS);
    xmlSetStructuredErrorFunc(old_payload, old);
    htmlFreeParserCtxt(pc);
    return doc;
}

static bool is_plain(const char *content_type)
{
    return content_type && strncasecmp(content_type, "text/plain", 10) == 0;
}

/* A text/plain page: each paragraph (lines up to a blank line) is a block. */
static int plain_text(hd_walk *w, const char *s, size_t len)
{
    hd_scope_writer *sw = &w->scopes[HD_SCOPE_TEXT];
    size_t i = 0;

    while (i < len) {
        size_t start = i;
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len;
        size_t k = start;
        int rc;
        while (k < end && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) {
            k++;
        }
        if (k == end) {
            hd_scope_block(sw);
        } else {
            sw->space = sw->text.len > 0;
            rc = hd_scope_add(sw, s + start, end - start, w->page, "/", NULL);
            if (rc < 0) {
                return rc;
            }
        }
        i = end + 1;
    }
    return HURDLE_OK;
}

/* What needs the document still: labels and purposes, links, lang. */
static int finish_doc(hd_walk *w)
{
    hd_page *page = w->page;
    int rc = hd_form_finish(w);

    if (rc == HURDLE_OK) {
        rc = hd_widget_finish(w);
    }
    if (rc == HURDLE_OK) {
        rc = hd_link_finish(w);
    }
    page->lang =
        hd_text_squeeze(&page->arena, w->lang ? w->lang : "", w->lang ? strlen(w->lang) : 0, 64);
    w->lang = NULL;
    return rc == HURDLE_OK && !page->lang ? hd_oom(w->ctx) : rc;
}

static int finish(hd_walk *w)
{
    hd_page *page = w->page;
    int rc = HURDLE_OK;

    if (rc == HURDLE_OK) {
        const char *url = page->url;
        rc = hd_scope_add(&w->scopes[HD_SCOPE_URL], url, strlen(url), page, "", NULL);
    }
    for (int s = 0; s < HD_SCOPE_COUNT && rc == HURDLE_OK; s++) {
        rc = hd_scope_finish(&page->scopes[s], &w->scopes[s], &page->arena);
    }
    if (rc < 0) {
        return hd_oom(w->ctx);
    }
    if (w->scopes[HD_SCOPE_TEXT].cut) {
        hd_page_warn(page, "visible text cut at %zu bytes", w->lim.max_text);
    }
    page->title = page->scopes[HD_SCOPE_TITLE].text;
    page->role_stats = hd_arena_array(&page->arena, HD_ROLE_COUNT, sizeof(hd_text_stats));
    if (!page->role_stats) {
        return HURDLE_ENOMEM;
    }
    hd_text_stats_roles(&page->stats, page->role_stats, &page->scopes[HD_SCOPE_TEXT]);
    page->stats.fine_print_words = hd_text_word_count(page->scopes[HD_SCOPE_FINE_PRINT].text,
                                                      page->scopes[HD_SCOPE_FINE_PRINT].len, true);
    if (hd_lang_detect(page, page->lang) < 0) {
        return hd_oom(w->ctx);
    }
    rc = hd_price_extract(w);
    return rc < 0 ? rc : hd_plan_extract(w);
}

/* Sets up the page's identity; the strings are copied as valid UTF-8. */
static int
page_init(hd_page *page, hurdle_ctx *ctx, const char *url, size_t len, const char *content_type)
{
    memset(page, 0, sizeof(*page));
    hd_arena_init(&page->arena, ctx, 0);
    page->kind = "other";
    page->bytes = len;
    page->title = "";
    page->lang = "";
    page->language = "";
    page->language_source = "";
    page->charset = "";
    url = url ? url : "";
    content_type = content_type ? content_type : "";
    page->url = hd_utf8_dup(&page->arena, url, strlen(url), 8192);
    page->final_url = page->url;
    page->content_type = hd_utf8_dup(&page->arena, content_type, strlen(content_type), 256);
    return page->url && page->content_type ? HURDLE_OK : hd_oom(ctx);
}

static int parse_body(hd_walk *w, const hd_decoded *d, const char *content_type)
{
    xmlDoc *doc;
    int rc;

    if (d->len == 0) {
        hd_page_warn(w->page, "empty page");
        return finish_doc(w);
    }
    if (is_plain(content_type)) {
        rc = plain_text(w, d->ptr, d->len);
        return rc == HURDLE_OK ? finish_doc(w) : rc;
    }
    doc = parse_html(d->ptr, d->len, w->page->url);
    if (!doc) {
        hd_page_warn(w->page, "no HTML content");
        return finish_doc(w);
    }
    rc = hd_walk_run(w, doc);
    if (rc == HURDLE_OK) {
        rc = finish_doc(w);
    }
    xmlFreeDoc(doc);
    return rc;
}

int hd_page_parse(hd_page *page,
                  hurdle_ctx *ctx,
                  const char *url,
                  const char *bytes,
                  size_t len,
                  const char *content_type,
                  const hd_page_limits *limits)
{
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;
    hd_decoded d;
    hd_walk w;
    bool walking = false;
    int rc;

    if (!page || !ctx || (!bytes && len)) {
        return ctx ? hd_fail(ctx, HURDLE_EINVAL, "hd_page_parse: bad arguments") : HURDLE_EINVAL;
    }
    lim = limits ? *limits : lim;
    lim.max_bytes = lim.max_bytes > INPUT_CAP ? INPUT_CAP : lim.max_bytes;
    memset(&d, 0, sizeof(d));
    hd_buf_init(&d.own, ctx, 0);
    rc = page_init(page, ctx, url, len, content_type);
    if (rc < 0) {
        goto done;
    }
    if (len > lim.max_bytes) {
        hd_page_warn(page, "page cut at %zu bytes", lim.max_bytes);
        len = lim.max_bytes;
    }
    if (len && hd_charset_is_binary(bytes, len)) {
        rc = hd_fail(ctx, HURDLE_EPARSE, "%s: not an HTML or text page (binary data)", page->url);
        goto done;
    }
    rc = hd_charset_decode(&d, ctx, bytes, len, content_type, len * 4 + 64);
    if (rc < 0) {
        goto done;
    }
    page->charset = hd_arena_strdup(&page->arena, d.charset);
    rc = hd_walk_init(&w, page, ctx, &lim);
    walking = true;
    if (rc == HURDLE_OK && page->charset) {
        rc = parse_body(&w, &d, content_type);
    }
    if (rc == HURDLE_OK) {
        rc = finish(&w);
    }
done:
    if (walking) {
        hd_walk_dispose(&w);
    }
    hd_decoded_dispose(&d);
    if (rc < 0) {
        hd_page_dispose(page);
        return rc == HURDLE_ENOMEM ? hd_oom(ctx) : rc;
    }
    return HURDLE_OK;
}
