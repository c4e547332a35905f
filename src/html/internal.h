/*
 * html/internal.h - what the files of the html module share: the state of
 * the one DOM walk (frames, scope writers, collected fields and forms), a
 * small string map in the arena, and the steps each file provides.
 * Only files of src/html include this header (it mentions libxml2 types).
 */
#ifndef HD_HTML_INTERNAL_H
#define HD_HTML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "../util/buf.h"
#include "../util/vec.h"
#include "page.h"
#include "purpose.h"

/* ---- a string -> pointer map in the arena (open addressing, first insert wins) ---- */
typedef struct hd_smap_entry {
    const char *key;
    size_t hash;
    const void *value;
} hd_smap_entry;

typedef struct hd_smap {
    hd_arena *arena;
    hd_smap_entry *slots;
    size_t cap; /* power of two, 0 before the first insert */
    size_t len;
} hd_smap;

void hd_smap_init(hd_smap *map, hd_arena *arena);
/* Inserts `key` (borrowed: it must outlive the map) unless present. */
int hd_smap_add(hd_smap *map, const char *key, const void *value);
const void *hd_smap_find(const hd_smap *map, const char *key);

/* ---- the tags the walk treats specially ---- */
typedef enum hd_tag {
    T_OTHER = 0,
    T_INLINE,
    T_BLOCK,
    T_HTML,
    T_HEAD,
    T_BODY,
    T_TITLE,
    T_SKIP,
    T_BR,
    T_INPUT,
    T_SELECT,
    T_TEXTAREA,
    T_BUTTON,
    T_FORM,
    T_LABEL,
    T_OPTION,
    T_A,
    T_AREA,
    T_HEADING,
    T_SMALL,
    T_PRE,
    T_BASE,
    T_LEGEND,
    T_NOSCRIPT,
    T_CELL,
    T_STRIKE
} hd_tag;

/* ---- element flags carried down the walk ---- */
enum {
    HF_HIDDEN = 1u << 0,  /* not rendered: hidden attribute, inline style, aria-hidden */
    HF_HEADING = 1u << 1, /* inside h1-h6 */
    HF_FINE = 1u << 2,    /* inside fine print */
    HF_BUTTON = 1u << 3,  /* inside a button or an action link */
    HF_TITLE = 1u << 4,   /* inside <title> */
    HF_OPTION = 1u << 5,  /* inside <option> of a select field */
    HF_NOTEXT = 1u << 6,  /* text here is not visible text (textarea, select, head) */
    HF_CAPTCHA = 1u << 7, /* inside a captcha widget already recorded (widget.c) */
    HF_LABEL = 1u << 8,   /* inside a label or legend */
    HF_LINK = 1u << 9,    /* inside a link */
    HF_CELL = 1u << 10,   /* inside a table cell (td, th) */
    HF_STRUCK = 1u << 11  /* struck through: del, s, strike, class was/old-price, line-through */
};

typedef struct hd_frame {
    const xmlNode *node;
    size_t path_len;    /* length of the walk's path buffer for this element */
    const char *path;   /* arena copy of the path, made when first needed */
    const char *ignore; /* data-hurdle-ignore in force, or NULL */
    size_t cstart;      /* first entry of this element's child counters */
    size_t text_off;    /* TEXT scope length when the element opened */
    size_t field_mark;  /* number of fields when the element opened */
    long form;          /* enclosing form, -1 when none */
    long field;         /* the field this element is (button, select), -1 otherwise */
    long link;          /* the link this element is, -1 otherwise */
    unsigned flags;
    unsigned own; /* flags from the element's own attributes */
    int tag;      /* hd_tag */
} hd_frame;

/* One scope's text being written: whitespace collapsed, blocks on '\n'. */
typedef struct hd_scope_writer {
    hd_buf text;
    hd_vec spans;      /* hd_span */
    const void *owner; /* the frame (or field) of the last span */
    size_t max;
    hd_role role; /* the role of the text being added (TEXT scope; body elsewhere) */
    bool space;   /* a space is pending */
    bool brk;     /* a block break is pending */
    bool cut;     /* the limit was reached */
    bool marked;  /* the current block starts with a footnote marker: it is fine print */
    bool force;   /* start a new span at the next run even for the same owner */
    bool roles;   /* spans carry roles and footnote markers (the TEXT scope) */
} hd_scope_writer;

/* What the walk knows of a field beyond hd_field. */
typedef struct hd_field_x {
    const xmlNode *node;
    const char *wrap_label; /* text of the wrapping label, or NULL */
    const char *own_text;   /* text content of a <button> */
    const char *nearby;     /* text just before the control, or NULL */
    const char *aria_label;
    const char *labelledby;
    const char *title;
    const char *value;
    const char *form_attr; /* form= attribute, or NULL */
    const char *klass;     /* class attribute */
    char hint[64];         /* first option texts of a select */
    size_t hint_len;
} hd_field_x;

typedef struct hd_form_x {
    const xmlNode *node;
    const char *klass;
    const char *text; /* a little text of the form (headings, legends), for its kind */
} hd_form_x;

/* A table cell seen by the walk, for comparison tables (plan.c). */
typedef struct hd_plan_cell {
    const xmlNode *node;
    const char *path;  /* the cell's element path */
    const char *table; /* its table's element path */
    size_t text_off;   /* TEXT scope length when the cell opened ... */
    size_t text_end;   /* ... and when it closed */
    unsigned row;      /* 0-based among the table's rows (thead, tbody, tfoot in order) */
    unsigned col;      /* 0-based among the row's td and th (colspan not counted) */
} hd_plan_cell;

#define HD_PLAN_MAX_CELLS 4096

/* The walk (walk.c, walk_state.c): nesting kept, and the cap of a tag name counted for paths. */
#define HD_WALK_DEPTH_CAP 4096
#define HD_WALK_NAME_CAP  32

/* How many siblings of one tag name the walk has met, for element paths. */
typedef struct hd_counter {
    const xmlChar *name;
    size_t count;
} hd_counter;

#define HD_TAG_CACHE 64

typedef struct hd_walk {
    hd_page *page;
    hurdle_ctx *ctx;
    hd_page_limits lim;
    const char *base; /* base URL for links */
    hd_frame *stack;  /* open elements, at most lim.max_depth */
    size_t depth;
    hd_vec counters; /* hd_counter: sibling positions by tag name */
    hd_buf path;
    size_t overflow; /* levels below max_depth being flattened */
    hd_scope_writer scopes[HD_SCOPE_COUNT];
    hd_vec fields;   /* hd_field */
    hd_vec fieldx;   /* hd_field_x */
    hd_vec forms;    /* hd_form */
    hd_vec formx;    /* hd_form_x */
    hd_vec links;    /* hd_link */
    hd_vec captchas; /* hd_captcha; an image's `field` holds fields.len at the img until
                        hd_widget_finish() pairs it with its input */
    hd_vec cells;        /* hd_plan_cell, at most HD_PLAN_MAX_CELLS (plan.c) */
    size_t price_images; /* <img> saying price or plans (plan.c) */
    size_t step;     /* the flow's step from markup (widget.c) */
    size_t steps;
    int step_rank;     /* where step/steps came from: 0 none, 1 progress bar, 2 step list */
    hd_smap ids;       /* id -> xmlNode */
    hd_smap label_for; /* for= -> label text */
    hd_smap form_ids;  /* form id -> index + 1 */
    hd_vec pmarks;     /* hd_price_mark: prices and currencies from markup (price_markup.c) */
    hd_vec struck;     /* size_t pairs: TEXT ranges shown struck through, in closing order */
    const char *lang;
    size_t controls;      /* controls seen, analysed or not */
    size_t nearby_off;    /* TEXT offset after the previous control */
    const char *base_abs; /* the base resolved against the page URL, in the arena */
    struct {
        const xmlChar *name;
        int tag;
    } tag_cache[HD_TAG_CACHE];
    bool fields_cut;
    bool links_cut;
    bool deep_warned;
} hd_walk;

/* walk.c */
int hd_walk_init(hd_walk *w, hd_page *page, hurdle_ctx *ctx, const hd_page_limits *lim);
void hd_walk_dispose(hd_walk *w);
int hd_walk_run(hd_walk *w, const xmlDoc *doc);
hd_frame *hd_walk_top(hd_walk *w);
const char *hd_walk_path(hd_walk *w, hd_frame *f);
/* The value of attribute `name` of `node`, or NULL. Borrowed from the DOM. */
const char *hd_attr(const xmlNode *node, const char *name);
/* Case-insensitive (ASCII) substring test. */
bool hd_ci_contains(const char *hay, const char *needle);
/* Whether inline CSS hides the element (display:none, visibility:hidden). */
bool hd_style_hides(const char *style);
/* Whether `node` is hidden by its own attributes or inline style. */
bool hd_attr_hidden(const xmlNode *node);

/* text.c: scope writers */
void hd_scope_init(hd_scope_writer *s, hurdle_ctx *ctx, size_t max);
void hd_scope_dispose(hd_scope_writer *s);
/* Appends `len` bytes, collapsing whitespace (kept when `pre`). */
int hd_scope_add(hd_scope_writer *s,
                 const char *text,
                 size_t len,
                 const void *owner,
                 const char *path,
                 const char *ignore);
void hd_scope_block(hd_scope_writer *s);
int hd_scope_finish(hd_text *out, hd_scope_writer *s, hd_arena *arena);
/* The role of text in an element with flags `flags` (HF_*). */
hd_role hd_text_role(unsigned flags);
/* Copies `len` bytes of `s` into the arena with whitespace collapsed and trimmed,
 * at most `max` bytes (cut on a character boundary). */
char *hd_text_squeeze(hd_arena *arena, const char *s, size_t len, size_t max);

/* readability.c: the counts of a page's TEXT scope, for the page and for each role of its
 * spans (`roles` has HD_ROLE_COUNT entries). */
void hd_text_stats_roles(hd_text_stats *out, hd_text_stats *roles, const hd_text *text);

/* lang.c: page->language and page->language_source, from `lang` (<html lang>, may be NULL)
 * or else from the words of the TEXT scope. */
int hd_lang_detect(hd_page *page, const char *lang);

/* form.c */
int hd_form_open(hd_walk *w, hd_frame *f);
/* A control: `f` is its own frame (a copy when nesting is flattened). */
int hd_form_field(hd_walk *w, hd_frame *f, int tag);
void hd_form_close(hd_walk *w, hd_frame *f);
void hd_form_label_close(hd_walk *w, hd_frame *f);
void hd_form_button_close(hd_walk *w, hd_frame *f);
/* The text of `node`'s subtree, whitespace collapsed, at most `max` bytes, in the arena. */
const char *hd_form_gather(hd_walk *w, const xmlNode *node, size_t max);
/* The TEXT scope's text since offset `from`, squeezed, at most `max` bytes. */
const char *hd_walk_text_since(hd_walk *w, size_t from, size_t max);
int hd_form_finish(hd_walk *w);

/* purpose.c */
typedef struct hd_purpose_form {
    size_t passwords;    /* password fields in the form */
    size_t password_pos; /* position of this field among them */
    size_t inputs;       /* visible controls that take input in the form */
    size_t current;      /* password fields found to be current passwords so far */
    bool signup_words;   /* the form talks about signing up, registering, changing */
    bool login_words;    /* ... about signing in */
    bool current_words;
    const hd_purpose_table *table; /* the keywords (hd_page_limits.purposes), may be NULL */
} hd_purpose_form;
const char *hd_purpose_guess(const hd_field *f, const hd_field_x *x, const hd_purpose_form *pf);
/* Purposes that follow from the neighbours (given-name then family-name...). */
void hd_purpose_fix_sequence(hd_field *fields, size_t n);

/* ---- fieldattr.c ---- */
/* Splits fl->autocomplete as the HTML standard reads it into ac_section, ac_hint, ac_field. */
int hd_field_autocomplete(hd_field *fl, hd_arena *arena);
/* true when a label marks its field as required: "*", "(required)" and its translations. */
bool hd_field_label_marks_required(const char *label);

/* kind.c: the kind of form `form` (-1: the controls outside any form) */
const char *
hd_kind_classify(const hd_field *fields, size_t n, long form, const char *text, const char *klass,
                 const hd_form *fm);

/* widget.c: captcha widgets and step indicators */
/* Looks at an element with attributes when it opens (`f` is on the stack). */
int hd_widget_open(hd_walk *w, hd_frame *f);
/* After hd_form_finish(): pairs image captchas with their inputs, reads "Step 2 of 4"
 * from the text and title, and copies the results into the page. */
int hd_widget_finish(hd_walk *w);

/* link.c */
/* `href` resolved against the page's base, fragment removed, in the arena ("" when none). */
const char *hd_link_resolve(hd_walk *w, const char *href);
int hd_link_finish(hd_walk *w);
int hd_link_open(hd_walk *w, hd_frame *f);
void hd_link_close(hd_walk *w, hd_frame *f);

/* price_markup.c: a price or a currency that markup states */
typedef struct hd_price_mark {
    const char *source; /* static: "microdata", "json-ld", "meta" */
    const char *path;   /* the element's path */
    const char *raw;    /* the value as written */
    size_t scope;       /* identity of the itemscope (microdata) or block (meta, JSON-LD object) */
    double amount;
    double amount_max;
    char currency[4];
    bool has_amount;
    bool struck;        /* inside struck-through markup */
} hd_price_mark;
/* Looks at an element when it opens: itemprop price/priceCurrency, price meta tags,
   JSON-LD scripts, struck-through classes. */
int hd_price_markup_open(hd_walk *w, hd_frame *f);
/* Records the TEXT range of a struck-through element when it closes (outermost only). */
int hd_price_struck_close(hd_walk *w, const hd_frame *f);
/* Whether a class attribute marks a struck-through "was" price ("was-price", "old-price"). */
bool hd_price_struck_class(const char *klass);
/* In the text of a <sup> or cents element: whether `s` is the cents of a price the TEXT
   scope ends with ("$19" + "99"), so that a '.' must join them. */
bool hd_price_joins_cents(const hd_walk *w, const char *s, size_t len);

/* price_page.c */
int hd_price_extract(hd_walk *w);

/* plan.c: plan cards and comparison tables */
/* An element opens (a table cell, or an element with attributes). */
int hd_plan_open(hd_walk *w, hd_frame *f);
/* A table cell closes. */
void hd_plan_cell_close(hd_walk *w, const hd_frame *f);
/* After hd_price_extract(): plans from the cells, the prices and the headings. */
int hd_plan_extract(hd_walk *w);
/* What plan.c and plan_card.c share while finding plans. */
typedef struct hd_plan_item {
    hd_plan plan;
    size_t key; /* TEXT offset of its name: document order */
} hd_plan_item;
typedef struct hd_plan_finder {
    hd_walk *w;
    hd_page *page;
    const hd_text *text;
    hd_vec items; /* hd_plan_item, at most HD_PAGE_MAX_PLANS */
    bool *used;   /* per price: taken by a table's plan */
} hd_plan_finder;
/* Whether `path` is `prefix[0..n)` or an element below it. */
bool hd_plan_under(const char *path, const char *prefix, size_t n);
/* The first line of the TEXT in [from, to), trimmed; *len gets its length. */
const char *hd_plan_line(const hd_text *t, size_t from, size_t to, size_t *len);
/* Adds a plan (name and path already in the arena) unless HD_PAGE_MAX_PLANS are found. */
int hd_plan_add(hd_plan_finder *fd, const hd_plan *p, size_t key);
/* plan_card.c: the plan cards, after the tables. */
int hd_plan_card_find(hd_plan_finder *fd);

/* doc.c / charset.c */
typedef struct hd_decoded {
    const char *ptr; /* valid UTF-8 */
    size_t len;
    char charset[48]; /* lower case, e.g. "utf-8", "windows-1252", "shift_jis" */
    hd_buf own;       /* holds the bytes when they had to be converted */
} hd_decoded;
/* Whether `bytes` look like binary data rather than text. */
bool hd_charset_is_binary(const char *bytes, size_t len);
int hd_charset_decode(hd_decoded *out,
                      hurdle_ctx *ctx,
                      const char *bytes,
                      size_t len,
                      const char *content_type,
                      size_t max);
void hd_decoded_dispose(hd_decoded *d);
/* A copy of `len` bytes of `s` in the arena, invalid UTF-8 replaced, at most `max` bytes. */
char *hd_utf8_dup(hd_arena *arena, const char *s, size_t len, size_t max);
/* Length of the longest prefix of `s` (at most `max` bytes) that ends on a character boundary. */
size_t hd_utf8_cut(const char *s, size_t len, size_t max);

#endif
