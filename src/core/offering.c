/*
 * core/offering.c - each offering's evaluation: its name, the rules over
 * its pages' hits (the pages have lost their text by now), its scores and
 * the effort it takes. Grouping pages into offerings is group.c's.
 */
#include "offering.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

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
        rc = o->name ? hd_rules_eval_hits(&o->eval, r->ctx, r->rules, pages, hits, o->npages,
                                          o->kind)
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
