/*
 * html/link.c - links (a[href], area[href]) and URL resolution: hrefs are
 * resolved against the page's <base> or final URL with libxml2's
 * xmlBuildURI, and their fragment is removed. In-page anchors ("#top") and
 * javascript: links are not kept; mailto: and tel: are, with their scheme,
 * since rules look for ways to reach a person.
 */
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

#include <hurdle/common.h>

#include "internal.h"

#define TEXT_MAX 200
#define HREF_MAX 2048

static bool has_scheme(const char *s)
{
    size_t i = 0;

    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) {
        return false;
    }
    while (s[i] && s[i] != ':' && s[i] != '/' && s[i] != '?' && s[i] != '#') {
        i++;
    }
    return s[i] == ':';
}

/* `s` without surrounding whitespace and fragment, copied into the arena. */
static char *clean(hd_arena *arena, const char *s, size_t len)
{
    const char *hash;

    while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
        s++;
        len--;
    }
    hash = memchr(s, '#', len);
    if (hash) {
        len = (size_t)(hash - s);
    }
    while (len &&
           (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r')) {
        len--;
    }
    return hd_arena_strndup(arena, s, hd_utf8_cut(s, len, HREF_MAX));
}

static const char *build(hd_walk *w, const char *href, const char *base)
{
    xmlChar *u = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
    const char *out;

    if (!u) {
        return clean(&w->page->arena, href, strlen(href));
    }
    out = clean(&w->page->arena, (const char *)u, strlen((const char *)u));
    xmlFree(u);
    return out;
}

/* "/path" against "scheme://host/...": no need for libxml2's URI parser. */
static const char *from_root(hd_walk *w, const char *href)
{
    const char *base = w->base_abs;
    const char *host = strstr(base, "://");
    const char *end;
    size_t olen;
    size_t hlen = strlen(href);
    char *out;

    if (!host) {
        return build(w, href, base);
    }
    end = host + 3 + strcspn(host + 3, "/?#");
    olen = (size_t)(end - base);
    out = hd_arena_alloc(&w->page->arena, olen + hlen + 1);
    if (!out) {
        return NULL;
    }
    memcpy(out, base, olen);
    memcpy(out + olen, href, hlen);
    out[olen + hlen] = '\0';
    return clean(&w->page->arena, out, olen + hlen);
}

const char *hd_link_resolve(hd_walk *w, const char *href)
{
    const char *page_url = w->page->final_url ? w->page->final_url : "";

    while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r') {
        href++;
    }
    if (strncasecmp(href, "javascript:", 11) == 0) {
        return "";
    }
    if (has_scheme(href) || !*page_url) {
        return clean(&w->page->arena, href, strlen(href));
    }
    if (!w->base_abs) {
        w->base_abs = w->base && *w->base ? build(w, w->base, page_url) : page_url;
        if (!w->base_abs) {
            return NULL;
        }
    }
    if (href[0] == '/' && href[1] != '/' && !strpbrk(href, " \t\n\\")) {
        return from_root(w, href);
    }
    return build(w, href, w->base_abs);
}

int hd_link_open(hd_walk *w, hd_frame *f)
{
    const char *href = hd_attr(f->node, "href");
    hd_link *l;

    if (!href) {
        return HURDLE_OK;
    }
    while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r') {
        href++;
    }
    if (!*href || *href == '#' || strncasecmp(href, "javascript:", 11) == 0) {
        return HURDLE_OK;
    }
    if (w->links.len >= w->lim.max_links) {
        if (!w->links_cut) {
            w->links_cut = true;
            hd_page_warn(w->page, "more than %zu links; the rest were not kept", w->lim.max_links);
        }
        return HURDLE_OK;
    }
    l = hd_vec_push(&w->links);
    if (!l) {
        return HURDLE_ENOMEM;
    }
    l->href = hd_link_resolve(w, href);
    l->path = hd_walk_path(w, f);
    l->text = "";
    f->link = (long)w->links.len - 1;
    return l->href ? HURDLE_OK : HURDLE_ENOMEM;
}

void hd_link_close(hd_walk *w, hd_frame *f)
{
    hd_link *l;
    const char *t;

    if (f->link < 0) {
        return;
    }
    l = hd_vec_at(&w->links, (size_t)f->link);
    t = hd_walk_text_since(w, f->text_off, TEXT_MAX);
    if (t && !*t) {
        const char *alt = hd_attr(f->node, "aria-label");
        alt = alt ? alt : hd_attr(f->node, "title");
        alt = alt ? alt : hd_attr(f->node, "alt");
        t = alt ? hd_text_squeeze(&w->page->arena, alt, strlen(alt), TEXT_MAX) : t;
    }
    l->text = t ? t : "";
}

int hd_link_finish(hd_walk *w)
{
    hd_page *page = w->page;

    if (!w->links.len) {
        return HURDLE_OK;
    }
    page->links = hd_arena_array(&page->arena, w->links.len, sizeof(hd_link));
    if (!page->links) {
        return hd_oom(w->ctx);
    }
    memcpy(page->links, w->links.ptr, w->links.len * sizeof(hd_link));
    page->nlinks = w->links.len;
    return HURDLE_OK;
}
