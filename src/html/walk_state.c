/*
 * html/walk_state.c - the walk's state: set up before a page's DOM is
 * walked (walk.c) and released after; every vector bounded by its limit.
 */
#include <string.h>

#include <hurdle/common.h>

#include "internal.h"

int hd_walk_init(hd_walk *w, hd_page *page, hurdle_ctx *ctx, const hd_page_limits *lim)
{
    size_t depth;

    memset(w, 0, sizeof(*w));
    w->page = page;
    w->ctx = ctx;
    w->lim = *lim;
    if (w->lim.max_depth == 0) {
        w->lim.max_depth = 1;
    }
    if (w->lim.max_depth > HD_WALK_DEPTH_CAP) {
        w->lim.max_depth = HD_WALK_DEPTH_CAP;
    }
    depth = w->lim.max_depth;
    w->stack = hd_calloc(ctx, depth, sizeof(*w->stack));
    hd_vec_init(&w->counters, ctx, sizeof(hd_counter), (size_t)-1 / sizeof(hd_counter));
    hd_buf_init(&w->path, ctx, depth * (HD_WALK_NAME_CAP + 24) + 64);
    for (int s = 0; s < HD_SCOPE_COUNT; s++) {
        hd_scope_init(&w->scopes[s], ctx, w->lim.max_text);
    }
    w->scopes[HD_SCOPE_TEXT].roles = true;
    hd_vec_init(&w->fields, ctx, sizeof(hd_field), (size_t)-1 / sizeof(hd_field));
    hd_vec_init(&w->fieldx, ctx, sizeof(hd_field_x), (size_t)-1 / sizeof(hd_field_x));
    hd_vec_init(&w->forms, ctx, sizeof(hd_form), (size_t)-1 / sizeof(hd_form));
    hd_vec_init(&w->formx, ctx, sizeof(hd_form_x), (size_t)-1 / sizeof(hd_form_x));
    hd_vec_init(&w->links, ctx, sizeof(hd_link), (size_t)-1 / sizeof(hd_link));
    hd_vec_init(&w->captchas, ctx, sizeof(hd_captcha), HD_PAGE_MAX_CAPTCHAS);
    hd_vec_init(&w->cells, ctx, sizeof(hd_plan_cell), HD_PLAN_MAX_CELLS);
    hd_vec_init(&w->pmarks, ctx, sizeof(hd_price_mark), lim->max_prices + 1);
    hd_vec_init(&w->struck, ctx, sizeof(size_t), (size_t)-1 / sizeof(size_t));
    hd_smap_init(&w->ids, &page->arena);
    hd_smap_init(&w->label_for, &page->arena);
    hd_smap_init(&w->form_ids, &page->arena);
    return w->stack ? HURDLE_OK : HURDLE_ENOMEM;
}

void hd_walk_dispose(hd_walk *w)
{
    hd_free(w->ctx, w->stack);
    hd_vec_dispose(&w->counters);
    hd_buf_dispose(&w->path);
    for (int s = 0; s < HD_SCOPE_COUNT; s++) {
        hd_scope_dispose(&w->scopes[s]);
    }
    hd_vec_dispose(&w->fields);
    hd_vec_dispose(&w->fieldx);
    hd_vec_dispose(&w->forms);
    hd_vec_dispose(&w->formx);
    hd_vec_dispose(&w->links);
    hd_vec_dispose(&w->captchas);
    hd_vec_dispose(&w->cells);
    hd_vec_dispose(&w->pmarks);
    hd_vec_dispose(&w->struck);
}
