/*
 * core/offering.c - each offering's evaluation: its name, the rules over
 * its pages' hits (the pages have lost their text by now), its scores and
 * the effort it takes. Grouping pages into offerings is group.c's.
 */
#include "offering.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "analyse.h"
#include "../util/buf.h"
#include "../util/utf8.h"

/* "index.html" and the like: a folder's page, left out of an id ("deals/" for both). */
static size_t strip_index(const char *rel, size_t n)
{
    static const char *const names[] = { "index.html",   "index.htm",   "index.php", "index.shtml",
                                         "default.aspx", "default.asp", "index.jsp" };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        size_t k = strlen(names[i]);
        if (n >= k && strncmp(rel + n - k, names[i], k) == 0 && (n == k || rel[n - k - 1] == '/')) {
            return n - k;
        }
    }
    return n;
}

/* rel[0..n) with escapes decoded (when the result is UTF-8), after "site/". */
static char *make_id(hurdle_ctx *ctx, const char *site, const char *rel, size_t n)
{
    hd_buf b = HD_BUF_INIT(ctx, (size_t)16 << 10);
    size_t mark;
    char *out = NULL;

    hd_buf_puts(&b, site);
    hd_buf_putc(&b, '/');
    mark = b.len;
    for (size_t i = 0; i < n; i++) {
        int hi = rel[i] == '%' && i + 2 < n ? hd_hex_value(rel[i + 1]) : -1;
        int lo = hi >= 0 ? hd_hex_value(rel[i + 2]) : -1;
        if (lo >= 0 && hi * 16 + lo >= 0x20) {
            hd_buf_putc(&b, (char)(hi * 16 + lo));
            i += 2;
        } else {
            hd_buf_putc(&b, rel[i]);
        }
    }
    if (hd_buf_err(&b) == HURDLE_OK && !hd_utf8_valid(b.ptr + mark, b.len - mark)) {
        hd_buf_truncate(&b, mark);
        hd_buf_put(&b, rel, n);
    }
    if (hd_buf_err(&b) == HURDLE_OK) {
        out = hd_strndup(ctx, b.ptr, b.len);
    }
    hd_buf_dispose(&b);
    return out;
}

/*
 * The offering's stable id: its site and its entry page relative to the site's root ("shop/
 * deals/tent-rebate/", "shop.example.com/deals/tent-rebate/"), the same however the target
 * was written; the site is a local folder's name or the URL's host and port.
 */
static int offering_id(hd_offering *o, hurdle_report *r)
{
    const hd_page_info *in = &r->info[o->pages[0]];
    const hd_site *site = in->order < r->nsites ? &r->sites[in->order] : NULL;
    hd_buf b = HD_BUF_INIT(r->ctx, 256);
    const char *self;
    const char *rel;
    char *name = NULL;
    const char *host;

    if (hd_analyse_self(&b, r->ctx, r->pages[o->pages[0]]->final_url) < 0) {
        hd_buf_dispose(&b);
        return HURDLE_ENOMEM;
    }
    self = rel = b.ptr;
    if (site && site->root && strncmp(self, site->root, strlen(site->root)) == 0) {
        rel = self + strlen(site->root);
        name = hd_strdup(r->ctx, site->name);
    } else if ((host = strstr(self, "://")) != NULL && strncmp(self, "file:", 5) != 0) {
        size_t hl = strcspn(host + 3, "/?");
        rel = host + 3 + hl;
        name = hd_strndup(r->ctx, host + 3, hl);
    } else {
        const char *slash = strrchr(self, '/');
        rel = slash ? slash : self;
        name = hd_strdup(r->ctx, "local");
    }
    while (*rel == '/') {
        rel++;
    }
    o->site = name;
    o->id = name ? make_id(r->ctx, name, rel, strip_index(rel, strlen(rel))) : NULL;
    hd_buf_dispose(&b);
    return o->site && o->id ? HURDLE_OK : HURDLE_ENOMEM;
}

/* The offering's name: its entry page's first heading, else its title, else its URL. */
static char *offering_name(hurdle_ctx *ctx, const hd_page *p)
{
    const hd_text *h = &p->scopes[HD_SCOPE_HEADINGS];
    const char *s = p->url;
    size_t n = strlen(s);

    if (h->len) {
        const char *nl = memchr(h->text, '\n', h->len);
        s = h->text;
        n = nl ? (size_t)(nl - h->text) : h->len;
    } else if (*p->title) {
        s = p->title;
        n = strlen(s);
    }
    if (n > 120) {
        n = 120;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) {
            n--; /* never cut a UTF-8 sequence */
        }
    }
    return hd_strndup(ctx, s, n);
}

int hd_offerings_evaluate(hurdle_report *r)
{
    const hd_scoring *sc = hd_ruleset_scoring(r->rules);
    const hd_page **pages = NULL;
    const hd_page_hits **hits = NULL;
    size_t i;
    size_t j;
    int rc = HURDLE_OK;

    for (i = 0; i < r->nofferings && rc == HURDLE_OK; i++) {
        hd_offering *o = &r->offerings[i];
        const hd_page **grown = hd_realloc(r->ctx, pages, o->npages * sizeof(*pages));
        const hd_page_hits **hgrown;
        if (!grown) {
            rc = HURDLE_ENOMEM;
            break;
        }
        pages = grown;
        hgrown = hd_realloc(r->ctx, hits, o->npages * sizeof(*hits));
        if (!hgrown) {
            rc = HURDLE_ENOMEM;
            break;
        }
        hits = hgrown;
        for (j = 0; j < o->npages; j++) {
            pages[j] = r->pages[o->pages[j]];
            hits[j] = r->info[o->pages[j]].hits;
        }
        o->name = offering_name(r->ctx, pages[0]);
        rc = o->name ? offering_id(o, r) : HURDLE_ENOMEM;
        rc = rc == HURDLE_OK
                 ? hd_rules_eval_hits(&o->eval, r->ctx, r->rules, pages, hits, o->npages, o->kind)
                 : HURDLE_ENOMEM;
        if (rc == HURDLE_OK) {
            rc = hd_score_offering(&o->scores, r->ctx, sc, &o->eval);
        }
        if (rc == HURDLE_OK) {
            rc = hd_effort_estimate(&o->effort, r->ctx, pages, o->npages, &o->eval);
        }
    }
    hd_free(r->ctx, pages);
    hd_free(r->ctx, hits);
    return rc;
}
