/*
 * html/plan.c - the plans a page offers, read from its structure:
 *
 * - Comparison tables: a table whose header row holds plan names above
 *   prices (one plan per column), or whose first column holds names beside
 *   prices (one plan per row). The walk records each visible cell
 *   (hd_plan_open, hd_plan_cell_close) with its table, row, column and the
 *   range of visible text it holds.
 * - Plan cards: repeated sibling elements of one tag, each holding a heading
 *   (the plan's name); those with a price give it as their headline price,
 *   siblings with a heading and no price are plans without a price ("Contact
 *   sales"). Found from element paths alone, after hd_price_extract(): each
 *   price's ancestors are candidate cards, grouped by their parent, and the
 *   parent with the most headed cards of one tag wins (then others that do
 *   not overlap it). Classes are not compared: the model keeps none.
 *
 * Also counts visible images whose alt, title or src says price, pricing,
 * plans, tariff or rate card (a price shown only as a picture).
 * Invariants: plans are in document order, at most HD_PAGE_MAX_PLANS; a
 * price belongs to at most one plan. libc only, but for the walk's nodes.
 * The cards are found in plan_card.c.
 */
#include <stdlib.h>
#include <string.h>

#include <hurdle/common.h>

#include "internal.h"

#define NAME_BYTES 80  /* longest plan name kept */
#define SIB_CAP    256 /* siblings looked at for a cell's row and column */

/* ---- the walk's hooks ---- */

static bool is_named(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool is_section(const xmlNode *n)
{
    return is_named(n, "thead") || is_named(n, "tbody") || is_named(n, "tfoot");
}

static bool says_price(const char *s)
{
    static const char *const words[] = { "price",     "pricing",  "plans",    "tariff",
                                         "rate-card", "ratecard", "rate_card" };

    for (size_t i = 0; s && i < sizeof(words) / sizeof(words[0]); i++) {
        if (hd_ci_contains(s, words[i])) {
            return true;
        }
    }
    return false;
}

/* Rows of the table before `tr`, its sections (thead, tbody, tfoot) in source order. */
static unsigned rows_before(const xmlNode *tr)
{
    unsigned n = 0;
    size_t seen = 0;

    for (const xmlNode *s = tr->prev; s && seen < SIB_CAP; s = s->prev, seen++) {
        n += is_named(s, "tr");
    }
    if (!is_section(tr->parent)) {
        return n;
    }
    for (const xmlNode *s = tr->parent->prev; s && seen < SIB_CAP; s = s->prev, seen++) {
        for (const xmlNode *c = is_section(s) ? s->children : NULL; c && seen < SIB_CAP;
             c = c->next, seen++) {
            n += is_named(c, "tr");
        }
    }
    return n;
}

static int add_cell(hd_walk *w, hd_frame *f)
{
    const xmlNode *tr = f->node->parent;
    hd_frame *table = NULL;
    hd_plan_cell *c;
    unsigned col = 0;
    size_t seen = 0;

    if (!is_named(tr, "tr") || w->cells.len >= HD_PLAN_MAX_CELLS) {
        return HURDLE_OK;
    }
    for (size_t d = w->depth - 1; d > 0 && !table && w->depth - d < 8; d--) {
        table = is_named(w->stack[d - 1].node, "table") ? &w->stack[d - 1] : NULL;
    }
    if (!table) {
        return HURDLE_OK;
    }
    for (const xmlNode *s = f->node->prev; s && seen < SIB_CAP; s = s->prev, seen++) {
        col += is_named(s, "td") || is_named(s, "th");
    }
    c = hd_vec_push(&w->cells);
    if (!c) {
        return hd_oom(w->ctx);
    }
    c->node = f->node;
    c->path = hd_walk_path(w, f);
    c->table = hd_walk_path(w, table);
    c->text_off = f->text_off;
    c->text_end = (size_t)-1;
    c->row = rows_before(tr);
    c->col = col;
    return c->path[0] && c->table[0] ? HURDLE_OK : hd_oom(w->ctx);
}

int hd_plan_open(hd_walk *w, hd_frame *f)
{
    const xmlNode *n = f->node;

    if (f->flags & HF_HIDDEN) {
        return HURDLE_OK;
    }
    if (f->tag == T_CELL) {
        return add_cell(w, f);
    }
    if (is_named(n, "img") && (says_price(hd_attr(n, "alt")) || says_price(hd_attr(n, "title")) ||
                               says_price(hd_attr(n, "src")))) {
        w->price_images++;
    }
    return HURDLE_OK;
}

void hd_plan_cell_close(hd_walk *w, const hd_frame *f)
{
    hd_plan_cell *c = w->cells.ptr;

    for (size_t i = w->cells.len, k = 0; i > 0 && k < 512; i--, k++) {
        if (c[i - 1].node == f->node) {
            c[i - 1].text_end = w->scopes[HD_SCOPE_TEXT].text.len;
            return;
        }
    }
}

/* ---- extraction ---- */

typedef hd_plan_item item;
typedef hd_plan_finder finder;

bool hd_plan_under(const char *path, const char *prefix, size_t n)
{
    return path && strncmp(path, prefix, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* The first line of TEXT in [from, to), trimmed; *len gets its length. */
const char *hd_plan_line(const hd_text *t, size_t from, size_t to, size_t *len)
{
    const char *s;
    const char *nl;

    to = to < t->len ? to : t->len;
    while (from < to && (t->text[from] == '\n' || t->text[from] == ' ')) {
        from++;
    }
    s = t->text + from;
    nl = from < to ? memchr(s, '\n', to - from) : NULL;
    *len = from < to ? (nl ? (size_t)(nl - s) : to - from) : 0;
    while (*len && s[*len - 1] == ' ') {
        (*len)--;
    }
    return s;
}

int hd_plan_add(hd_plan_finder *fd, const hd_plan *p, size_t key)
{
    item *it;

    if (fd->items.len >= HD_PAGE_MAX_PLANS) {
        return HURDLE_OK;
    }
    it = hd_vec_push(&fd->items);
    if (!it) {
        return HURDLE_ENOMEM;
    }
    it->plan = *p;
    it->key = key;
    return p->name && p->path ? HURDLE_OK : HURDLE_ENOMEM;
}

/* A plan named by `len` bytes of `s` (copied), for the element path `path` (borrowed). */
static hd_plan
make_plan(finder *fd, const char *s, size_t len, const char *path, const char *source)
{
    hd_plan p;

    p.name = hd_text_squeeze(&fd->page->arena, s, len, NAME_BYTES);
    p.path = path;
    p.source = source;
    p.price = -1;
    p.nfeatures = 0;
    return p;
}

/* ---- comparison tables ---- */

typedef struct tcell {
    const hd_plan_cell *c;
    long price;  /* first price in the cell, -1 none */
    bool filled; /* holds text other than a price or a dash, cross or "no" */
} tcell;

static bool blank_text(const char *s, size_t n)
{
    static const char *const blanks[] = {
        "-",        "\xe2\x80\x94", "\xe2\x80\x93", "\xe2\x9c\x97", "\xe2\x9c\x95",
        "\xc3\x97", "no",           "No",           "n/a",          "N/A"
    };

    for (size_t i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
        if (n == strlen(blanks[i]) && memcmp(s, blanks[i], n) == 0) {
            return true;
        }
    }
    return n == 0;
}

/* Whether the first `len` bytes of `s` name a fee or charge: a row of fees is no plan. */
static bool names_fee(const char *s, size_t len)
{
    char buf[NAME_BYTES + 1];

    len = len < NAME_BYTES ? len : NAME_BYTES;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return hd_ci_contains(buf, "fee") || hd_ci_contains(buf, "charge");
}

/* The cells of the table of cells[first], with their prices and whether they hold text. */
static tcell *table_cells(finder *fd, size_t first, size_t *n_out)
{
    const hd_plan_cell *cells = fd->w->cells.ptr;
    const char *table = cells[first].table;
    size_t n = 0;
    tcell *tc = hd_calloc(fd->w->ctx, fd->w->cells.len - first, sizeof(tcell));

    for (size_t i = first; tc && i < fd->w->cells.len; i++) {
        size_t len;
        const char *s;
        if (cells[i].table != table) {
            continue;
        }
        tc[n].c = &cells[i];
        tc[n].price = -1;
        for (size_t p = 0; p < fd->page->nprices && tc[n].price < 0; p++) {
            const hd_price *pr = &fd->page->prices[p];
            tc[n].price = !pr->struck && hd_plan_under(pr->path, cells[i].path, strlen(cells[i].path))
                              ? (long)p
                              : -1;
        }
        s = hd_plan_line(fd->text, cells[i].text_off, cells[i].text_end, &len);
        tc[n].filled = tc[n].price < 0 && !blank_text(s, len);
        n++;
    }
    *n_out = n;
    return tc;
}

/* A plan per header cell (by_row false) or per first-column cell (by_row true). `add`: keep
 * them; else only count them. */
static size_t table_pass(finder *fd, const tcell *tc, size_t n, bool by_row, bool add)
{
    unsigned r0 = tc[0].c->row;
    size_t found = 0;

    for (size_t h = 0; h < n; h++) {
        const hd_plan_cell *hc = tc[h].c;
        hd_plan p;
        size_t len;
        const char *name;
        long price = -1;
        size_t features = 0;
        if (!tc[h].filled || (by_row ? hc->col != 0 : hc->row != r0)) {
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            bool in = by_row ? tc[k].c->row == hc->row && tc[k].c->col > 0
                             : tc[k].c->col == hc->col && tc[k].c->row > r0;
            price = in && price < 0 ? tc[k].price : price;
            features += in && tc[k].filled;
        }
        name = hd_plan_line(fd->text, hc->text_off, hc->text_end, &len);
        if (price < 0 || fd->used[price] || (by_row && names_fee(name, len))) {
            continue;
        }
        if (!add && !*fd->page->prices[price].period) {
            continue; /* deciding: an order summary lists one-off amounts, plans have periods */
        }
        found++;
        if (add) {
            p = make_plan(fd, name, len, hc->path, by_row ? "table-row" : "table-column");
            p.price = price;
            p.nfeatures = features;
            if (hd_plan_add(fd, &p, hc->text_off) < 0) {
                return (size_t)-1;
            }
        }
    }
    return found;
}

static void mark_used(finder *fd, const char *table)
{
    for (size_t p = 0; p < fd->page->nprices; p++) {
        fd->used[p] = fd->used[p] || hd_plan_under(fd->page->prices[p].path, table, strlen(table));
    }
}

static int table_plans(finder *fd)
{
    const hd_plan_cell *cells = fd->w->cells.ptr;

    for (size_t i = 0; i < fd->w->cells.len && fd->page->nprices; i++) {
        bool first = true;
        size_t n = 0;
        tcell *tc;
        size_t cols;
        size_t rows;
        for (size_t k = 0; k < i && first; k++) {
            first = cells[k].table != cells[i].table;
        }
        if (!first) {
            continue;
        }
        tc = table_cells(fd, i, &n);
        if (!tc) {
            return HURDLE_ENOMEM;
        }
        cols = table_pass(fd, tc, n, false, false);
        rows = cols >= 2 ? 0 : table_pass(fd, tc, n, true, false);
        if (cols >= 2 || rows >= 2) {
            cols = table_pass(fd, tc, n, cols < 2, true);
            mark_used(fd, cells[i].table);
        }
        hd_free(fd->w->ctx, tc);
        if (cols == (size_t)-1) {
            return HURDLE_ENOMEM;
        }
    }
    return HURDLE_OK;
}

static int cmp_item(const void *a, const void *b)
{
    const item *x = a;
    const item *y = b;

    return (x->key > y->key) - (x->key < y->key);
}

static bool seen_before(const char *const *vals, size_t n, const char *v)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(vals[i], v) == 0) {
            return true;
        }
    }
    return false;
}

/* Copies the plans into the page, in document order, and counts their periods and units. */
static int keep(finder *fd)
{
    hd_page *page = fd->page;
    const char *periods[HD_PAGE_MAX_PLANS];
    const char *units[HD_PAGE_MAX_PLANS];
    item *it = fd->items.ptr;
    size_t np = 0;
    size_t nu = 0;

    if (fd->items.len == 0) {
        return HURDLE_OK;
    }
    qsort(it, fd->items.len, sizeof(item), cmp_item);
    page->plans = hd_arena_array(&page->arena, fd->items.len, sizeof(hd_plan));
    if (!page->plans) {
        return HURDLE_ENOMEM;
    }
    for (size_t i = 0; i < fd->items.len; i++) {
        const hd_price *pr = it[i].plan.price >= 0 ? &page->prices[it[i].plan.price] : NULL;
        page->plans[i] = it[i].plan;
        if (pr && pr->period && pr->period[0] && !seen_before(periods, np, pr->period)) {
            periods[np++] = pr->period;
        }
        if (pr && !seen_before(units, nu, pr->unit ? pr->unit : "")) {
            units[nu++] = pr->unit ? pr->unit : "";
        }
    }
    page->nplans = fd->items.len;
    page->plan_periods = np;
    page->plan_units = nu;
    return HURDLE_OK;
}

int hd_plan_extract(hd_walk *w)
{
    finder fd;
    int rc;

    memset(&fd, 0, sizeof(fd));
    fd.w = w;
    fd.page = w->page;
    fd.text = &w->page->scopes[HD_SCOPE_TEXT];
    w->page->price_images = w->price_images;
    hd_vec_init(&fd.items, w->ctx, sizeof(item), HD_PAGE_MAX_PLANS);
    fd.used = w->page->nprices ? hd_calloc(w->ctx, w->page->nprices, sizeof(bool)) : NULL;
    if (w->page->nprices && !fd.used) {
        return hd_oom(w->ctx);
    }
    rc = table_plans(&fd);
    if (rc == HURDLE_OK) {
        rc = hd_plan_card_find(&fd);
    }
    if (rc == HURDLE_OK) {
        rc = keep(&fd);
    }
    hd_free(w->ctx, fd.used);
    hd_vec_dispose(&fd.items);
    return rc < 0 ? hd_oom(w->ctx) : HURDLE_OK;
}
