/*
 * html/walk.c - the one walk over libxml2's DOM that feeds every extractor:
 * text scopes, fields, forms, links. The walk is iterative (parent and
 * sibling pointers, no recursion), so any nesting depth is safe; it keeps a
 * stack of at most max_depth open elements, and deeper elements are
 * flattened into their deepest kept ancestor (same path, same flags).
 *
 * Element paths ("/html/body/div[2]/form[1]/input[3]") are built in one
 * buffer used as a stack; sibling positions come from per-parent counters
 * by tag name (libxml2 interns names in its dictionary, so a pointer
 * compare usually settles it). Nothing here allocates per node outside the
 * page arena and a few geometric buffers.
 */
#include <string.h>
#include <strings.h>

#include <hurdle/common.h>

#include "internal.h"
#include "tags.inc"


static bool has_word(const char *s, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (hd_ci_contains(s, words[i])) {
            return true;
        }
    }
    return false;
}

static bool is_fine(const char *v)
{
    static const char *const words[] = { "fine",  "legal",       "disclaimer", "footnote",
                                         "terms", "small-print", "smallprint" };
    return has_word(v, words, sizeof(words) / sizeof(words[0]));
}

static bool is_action(const char *v)
{
    static const char *const words[] = { "btn", "button", "cta" };
    return has_word(v, words, sizeof(words) / sizeof(words[0]));
}

/* ---- tags ---- */

static int classify_name(const char *n)
{
    size_t lo = 0;
    size_t hi = sizeof(tag_table) / sizeof(tag_table[0]);

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(n, tag_table[mid].name);
        if (c == 0) {
            return tag_table[mid].tag;
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return T_OTHER;
}

/* libxml2 interns element names in its dictionary: remember recent answers by pointer. */
static int classify(hd_walk *w, const xmlChar *name)
{
    size_t slot = ((size_t)(const void *)name >> 4) & (HD_TAG_CACHE - 1);

    if (w->tag_cache[slot].name != name) {
        w->tag_cache[slot].name = name;
        w->tag_cache[slot].tag = classify_name((const char *)name);
    }
    return w->tag_cache[slot].tag;
}

static bool is_block(int tag)
{
    return tag == T_BLOCK || tag == T_HEADING || tag == T_FORM || tag == T_BR || tag == T_LEGEND ||
           tag == T_BODY || tag == T_TITLE || tag == T_SELECT || tag == T_TEXTAREA ||
           tag == T_CELL;
}

/* ---- frames and paths ---- */

hd_frame *hd_walk_top(hd_walk *w)
{
    return w->depth ? &w->stack[w->depth - 1] : NULL;
}

const char *hd_walk_path(hd_walk *w, hd_frame *f)
{
    if (!f) {
        return "";
    }
    if (!f->path) {
        f->path = hd_arena_strndup(&w->page->arena, w->path.ptr, f->path_len);
        if (!f->path) {
            return "";
        }
    }
    return f->path;
}

/* Sibling position of `name` under the current top element, 1-based. */
static size_t sibling_pos(hd_walk *w, const xmlChar *name)
{
    hd_frame *top = hd_walk_top(w);
    size_t start = top ? top->cstart : 0;
    hd_counter *c = w->counters.ptr;
    hd_counter *n;

    for (size_t i = w->counters.len; i > start; i--) {
        /* interned names usually settle it by pointer; the first byte rejects most others */
        const xmlChar *cn = c[i - 1].name;
        if (cn == name || (cn[0] == name[0] && strcmp((const char *)cn, (const char *)name) == 0)) {
            return ++c[i - 1].count;
        }
    }
    n = hd_vec_push(&w->counters);
    if (!n) {
        return 0;
    }
    n->name = name;
    n->count = 1;
    return 1;
}

static int push_path(hd_walk *w, const xmlNode *n, int tag)
{
    const char *name = (const char *)n->name;
    size_t len = strlen(name);
    size_t pos = sibling_pos(w, n->name);

    if (pos == 0) {
        return HURDLE_ENOMEM;
    }
    hd_buf_putc(&w->path, '/');
    hd_buf_put(&w->path, name, len < HD_WALK_NAME_CAP ? len : HD_WALK_NAME_CAP);
    if (tag != T_HTML && tag != T_HEAD && tag != T_BODY) {
        char num[24];
        size_t k = sizeof(num);
        num[--k] = ']';
        do {
            num[--k] = (char)('0' + pos % 10);
            pos /= 10;
        } while (pos && k > 1);
        num[--k] = '[';
        hd_buf_put(&w->path, num + k, sizeof(num) - k);
    }
    return hd_buf_err(&w->path) == HURDLE_ENOMEM ? hd_oom(w->ctx) : HURDLE_OK;
}

/* Flags from one attribute `n` = `v` (names are lower case in libxml2's HTML DOM). */
static unsigned attr_flags(hd_walk *w, hd_frame *f, int tag, const char *n, const char *v)
{
    switch (n[0]) {
    case 'i':
        if (strcmp(n, "id") == 0 && *v) {
            if (hd_smap_add(&w->ids, v, f->node) < 0) {
                return ~0u;
            }
            return tag != T_FORM && is_fine(v) ? (unsigned)HF_FINE : 0u;
        }
        return 0;
    case 'c':
        if (strcmp(n, "class") == 0 && *v) {
            return (tag != T_FORM && is_fine(v) ? (unsigned)HF_FINE : 0u) |
                   (tag == T_A && is_action(v) ? (unsigned)HF_BUTTON : 0u) |
                   (hd_price_struck_class(v) ? (unsigned)HF_STRUCK : 0u);
        }
        return 0;
    case 'd':
        if (strcmp(n, "data-hurdle-ignore") == 0) {
            f->ignore = hd_arena_strdup(&w->page->arena, v);
            return f->ignore ? 0u : ~0u;
        }
        return 0;
    case 'r':
        return tag == T_A && strcmp(n, "role") == 0 && strcasecmp(v, "button") == 0
                   ? (unsigned)HF_BUTTON
                   : 0u;
    case 'h':
        return strcmp(n, "hidden") == 0 ? (unsigned)HF_HIDDEN : 0u;
    case 'a':
        return strcmp(n, "aria-hidden") == 0 && strcasecmp(v, "true") == 0 ? (unsigned)HF_HIDDEN
                                                                           : 0u;
    case 's':
        return strcmp(n, "style") != 0
                   ? 0u
                   : (hd_style_hides(v) ? (unsigned)HF_HIDDEN : 0u) |
                         (hd_ci_contains(v, "line-through") ? (unsigned)HF_STRUCK : 0u);
    default:
        return 0;
    }
}

/* Flags the element adds to those inherited, from its attributes. */
static unsigned own_flags(hd_walk *w, hd_frame *f, int tag)
{
    unsigned fl = 0;

    for (const xmlAttr *a = f->node->properties; a; a = a->next) {
        const char *v =
            a->children && a->children->content ? (const char *)a->children->content : "";
        unsigned k = attr_flags(w, f, tag, (const char *)a->name, v);
        if (k == ~0u) {
            return k;
        }
        fl |= k;
    }
    return fl;
}

/* Text of one scope: whitespace-only text only marks a space. */
static int scope_text(hd_walk *w, hd_scope scope, hd_frame *f, const char *s, size_t len)
{
    hd_scope_writer *sw = &w->scopes[scope];
    const char *path = NULL;

    if (sw->owner != f->node) {
        size_t i = 0;
        while (i < len &&
               (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f')) {
            i++;
        }
        if (i == len) {
            sw->space = sw->text.len > 0;
            return HURDLE_OK;
        }
        path = hd_walk_path(w, f);
    }
    return hd_scope_add(sw, s, len, f->node, path, f->ignore);
}

static int on_text(hd_walk *w, const xmlNode *n)
{
    hd_frame *f = hd_walk_top(w);
    const char *s = (const char *)n->content;
    size_t len;
    int rc = HURDLE_OK;

    if (!f || !s) {
        return HURDLE_OK;
    }
    len = strlen(s);
    if (f->flags & HF_OPTION) {
        hd_field_x *x = hd_vec_at(&w->fieldx, (size_t)f->field);
        size_t room = sizeof(x->hint) - 1 - x->hint_len;
        size_t k = hd_utf8_cut(s, len, room > 0 ? room - 1 : 0);
        if (k > 0) {
            memcpy(x->hint + x->hint_len, s, k);
            x->hint_len += k;
            x->hint[x->hint_len++] = ' ';
            x->hint[x->hint_len] = '\0';
        }
    }
    if (f->flags & HF_TITLE) {
        return (f->flags & HF_HIDDEN) ? HURDLE_OK : scope_text(w, HD_SCOPE_TITLE, f, s, len);
    }
    if (f->flags & (HF_HIDDEN | HF_NOTEXT)) {
        return HURDLE_OK;
    }
    w->scopes[HD_SCOPE_TEXT].role = hd_text_role(f->flags);
    if (f->tag == T_SMALL && f->node->name[1] == 'u' && hd_price_joins_cents(w, s, len)) {
        rc = scope_text(w, HD_SCOPE_TEXT, f, ".", 1); /* "$19<sup>99</sup>" reads $19.99 */
    }
    rc = rc == HURDLE_OK ? scope_text(w, HD_SCOPE_TEXT, f, s, len) : rc;
    if (rc == HURDLE_OK && (f->flags & HF_HEADING)) {
        rc = scope_text(w, HD_SCOPE_HEADINGS, f, s, len);
    }
    if (rc == HURDLE_OK && (f->flags & HF_FINE)) {
        rc = scope_text(w, HD_SCOPE_FINE_PRINT, f, s, len);
    }
    if (rc == HURDLE_OK && (f->flags & HF_BUTTON)) {
        rc = scope_text(w, HD_SCOPE_BUTTONS, f, s, len);
    }
    return rc;
}

static void blocks(hd_walk *w, const hd_frame *f, unsigned own)
{
    if (is_block(f->tag)) {
        hd_scope_block(&w->scopes[HD_SCOPE_TEXT]);
        if (f->flags & HF_FINE) {
            hd_scope_block(&w->scopes[HD_SCOPE_FINE_PRINT]);
        }
    }
    if (f->tag == T_HEADING) {
        hd_scope_block(&w->scopes[HD_SCOPE_HEADINGS]);
    }
    if (f->tag == T_BUTTON || f->tag == T_LABEL) {
        /* a control's text is a word of its own ("Send" "Cancel"), never glued to the next */
        w->scopes[HD_SCOPE_TEXT].space = w->scopes[HD_SCOPE_TEXT].text.len > 0;
    }
    if (own & HF_FINE) {
        hd_scope_block(&w->scopes[HD_SCOPE_FINE_PRINT]);
    }
    if (own & HF_BUTTON) {
        hd_scope_block(&w->scopes[HD_SCOPE_BUTTONS]);
    }
}

static void open_special(hd_walk *w, hd_frame *f)
{
    switch (f->tag) {
    case T_HEAD:
        f->flags |= HF_NOTEXT;
        break;
    case T_BODY:
        f->flags &= ~(unsigned)HF_NOTEXT;
        break;
    case T_TITLE:
        if (w->scopes[HD_SCOPE_TITLE].text.len == 0) {
            f->flags |= HF_TITLE;
        }
        f->flags |= HF_NOTEXT;
        break;
    case T_HTML:
        if (!w->lang) {
            w->lang = hd_attr(f->node, "lang");
        }
        break;
    case T_HEADING:
        f->flags |= HF_HEADING;
        break;
    case T_LABEL:
    case T_LEGEND:
        f->flags |= HF_LABEL;
        break;
    case T_A:
        f->flags |= HF_LINK;
        break;
    case T_CELL:
        f->flags |= HF_CELL;
        break;
    case T_NOSCRIPT:
        /* shown only without scripts: its controls keep their index, hidden */
        f->flags |= HF_HIDDEN;
        break;
    case T_SMALL:
        f->own |= HF_FINE;
        f->flags |= HF_FINE;
        break;
    case T_BUTTON:
        f->own |= HF_BUTTON;
        f->flags |= HF_BUTTON;
        break;
    case T_STRIKE:
        f->own |= HF_STRUCK;
        f->flags |= HF_STRUCK;
        break;
    default:
        break;
    }
}

const char *hd_walk_text_since(hd_walk *w, size_t from, size_t max)
{
    const hd_buf *t = &w->scopes[HD_SCOPE_TEXT].text;

    if (from >= t->len) {
        return "";
    }
    return hd_text_squeeze(&w->page->arena, t->ptr + from, t->len - from, max);
}

static int open_control(hd_walk *w, hd_frame *f)
{
    switch (f->tag) {
    case T_INPUT:
    case T_SELECT:
    case T_TEXTAREA:
    case T_BUTTON:
        return hd_form_field(w, f, f->tag);
    case T_FORM:
        return hd_form_open(w, f);
    case T_A:
    case T_AREA:
        return hd_link_open(w, f);
    case T_BASE:
        if (!w->base) {
            w->base = hd_attr(f->node, "href");
        }
        return HURDLE_OK;
    case T_OPTION:
        if (f->field >= 0) {
            hd_field *fl = hd_vec_at(&w->fields, (size_t)f->field);
            if (fl->tag[0] == 's') {
                fl->options++;
                if (fl->options <= 3) {
                    f->flags |= HF_OPTION;
                }
            }
        }
        return HURDLE_OK;
    default:
        return HURDLE_OK;
    }
}

/* An element below max_depth: flattened into its ancestor; only controls count. */
static int enter_deep(hd_walk *w, const xmlNode *n, int tag)
{
    hd_frame *top = hd_walk_top(w);
    hd_frame tmp;

    w->overflow++;
    if (!w->deep_warned) {
        w->deep_warned = true;
        hd_page_warn(w->page, "elements nested deeper than %zu levels were flattened",
                     w->lim.max_depth);
    }
    if (!top || (tag != T_INPUT && tag != T_SELECT && tag != T_TEXTAREA && tag != T_BUTTON)) {
        return HURDLE_OK;
    }
    tmp = *top;
    tmp.node = n;
    tmp.tag = tag;
    return hd_form_field(w, &tmp, tag);
}

static int enter(hd_walk *w, const xmlNode *n, bool *down)
{
    int tag = classify(w, n->name);
    hd_frame *parent = hd_walk_top(w);
    hd_frame *f;
    int rc;

    *down = tag != T_SKIP;
    if (w->overflow || w->depth >= w->lim.max_depth) {
        return enter_deep(w, n, tag);
    }
    rc = push_path(w, n, tag);
    if (rc < 0) {
        return rc;
    }
    f = &w->stack[w->depth];
    memset(f, 0, sizeof(*f));
    f->node = n;
    f->tag = tag;
    f->form = parent ? parent->form : -1;
    f->field = parent ? parent->field : -1;
    f->link = -1;
    f->flags = parent ? parent->flags : HF_NOTEXT;
    f->ignore = parent ? parent->ignore : NULL;
    f->text_off = w->scopes[HD_SCOPE_TEXT].text.len;
    f->field_mark = w->fields.len;
    f->path_len = w->path.len;
    f->cstart = w->counters.len;
    w->depth++;
    f->own = own_flags(w, f, tag);
    if (f->own == ~0u) {
        return hd_oom(w->ctx);
    }
    f->flags |= f->own;
    open_special(w, f);
    blocks(w, f, f->own);
    rc = open_control(w, f);
    rc = rc == HURDLE_OK && n->properties ? hd_widget_open(w, f) : rc;
    rc = rc == HURDLE_OK && n->properties ? hd_price_markup_open(w, f) : rc;
    return rc == HURDLE_OK && (n->properties || tag == T_CELL) ? hd_plan_open(w, f) : rc;
}

static int leave(hd_walk *w)
{
    hd_frame *f;
    hd_frame *parent;

    if (w->overflow) {
        w->overflow--;
        return HURDLE_OK;
    }
    f = hd_walk_top(w);
    if (!f) {
        return HURDLE_OK;
    }
    switch (f->tag) {
    case T_LABEL:
        hd_form_label_close(w, f);
        break;
    case T_BUTTON:
        hd_form_button_close(w, f);
        break;
    case T_A:
    case T_AREA:
        hd_link_close(w, f);
        break;
    case T_FORM:
        hd_form_close(w, f);
        break;
    case T_CELL:
        hd_plan_cell_close(w, f);
        break;
    default:
        break;
    }
    blocks(w, f, f->own);
    if ((f->own & HF_STRUCK) && hd_price_struck_close(w, f) < 0) {
        return HURDLE_ENOMEM;
    }
    w->counters.len = f->cstart;
    w->depth--;
    parent = hd_walk_top(w);
    hd_buf_truncate(&w->path, parent ? parent->path_len : 0);
    return HURDLE_OK;
}

int hd_walk_run(hd_walk *w, const xmlDoc *doc)
{
    const xmlNode *n = doc->children;
    int rc = HURDLE_OK;

    while (n && rc == HURDLE_OK) {
        bool down = false;
        if (n->type == XML_ELEMENT_NODE) {
            rc = enter(w, n, &down);
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            rc = on_text(w, n);
        }
        if (rc == HURDLE_OK && down && n->children) {
            n = n->children;
            continue;
        }
        if (n->type == XML_ELEMENT_NODE && rc == HURDLE_OK) {
            rc = leave(w);
        }
        while (n && !n->next && rc == HURDLE_OK) {
            n = n->parent;
            if (!n || n == (const xmlNode *)(const void *)doc) {
                return rc;
            }
            if (n->type == XML_ELEMENT_NODE) {
                rc = leave(w);
            }
        }
        n = n ? n->next : NULL;
    }
    return rc;
}
