/*
 * html/page.h - the page model: everything hurdle extracts from one page,
 * produced by the html module (the only libxml2 user) and read by rules,
 * score and report. All strings and arrays live in the page's arena and
 * stay valid until hd_page_dispose(). Strings are UTF-8 and never NULL
 * unless a comment says so ("" when absent).
 */
#ifndef HD_PAGE_H
#define HD_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include <hurdle/ctx.h>

#include "../util/alloc.h"
#include "../util/arena.h"

/* Text scopes that pattern rules run over. */
typedef enum hd_scope {
    HD_SCOPE_TEXT = 0,    /* all visible text of the body, blocks separated by '\n' */
    HD_SCOPE_HEADINGS,    /* h1-h6 */
    HD_SCOPE_LABELS,      /* every field's label text */
    HD_SCOPE_BUTTONS,     /* buttons, submit inputs, links styled as actions */
    HD_SCOPE_FINE_PRINT,  /* small, footnote and legal text: <small>, <sup>, class*=fine|legal|disclaimer|terms|footnote */
    HD_SCOPE_TITLE,       /* <title> */
    HD_SCOPE_URL,         /* the page's URL */
    HD_SCOPE_COUNT
} hd_scope;

/* The role of a piece of visible text on the page. */
typedef enum hd_role {
    HD_ROLE_BODY = 0,    /* paragraphs, list items and other running text */
    HD_ROLE_HEADING,     /* h1-h6 */
    HD_ROLE_LABEL,       /* labels, legends */
    HD_ROLE_BUTTON,      /* buttons and submit inputs */
    HD_ROLE_CELL,        /* table cells */
    HD_ROLE_LINK,        /* link text */
    HD_ROLE_FINE_PRINT,  /* small, sup, footnotes, legal/disclaimer text, text tied to * or dagger */
    HD_ROLE_COUNT
} hd_role;

/* A run of a scope's text that comes from one element. */
typedef struct hd_span {
    size_t off;           /* start offset in the scope's text; runs to the next span's off */
    const char *path;     /* element path, e.g. "/html/body/div[2]/p[1]" */
    const char *ignore;   /* data-hurdle-ignore of the element or an ancestor, or NULL */
    hd_role role;         /* the text's role (HD_SCOPE_TEXT; body elsewhere) */
} hd_span;

typedef struct hd_text {
    const char *text;     /* NUL-terminated; blocks separated by '\n' */
    size_t len;
    hd_span *spans;       /* sorted by off; spans[0].off == 0 when nspans > 0 */
    size_t nspans;
} hd_text;

/* Readability counts of the visible text (HD_SCOPE_TEXT). */
typedef struct hd_text_stats {
    size_t chars;           /* letters and digits */
    size_t words;
    size_t sentences;
    size_t syllables;
    size_t complex_words;   /* three syllables or more */
    size_t long_sentences;  /* more than 25 words */
    size_t fine_print_words;
    double fk_grade;        /* Flesch-Kincaid grade level; 0 with no words */
    double flesch_ease;     /* Flesch reading ease; 0 with no words */
    size_t letters;         /* letters only, for Coleman-Liau and ARI */
    double fog;             /* Gunning fog index */
    double smog;            /* SMOG grade (McLaughlin 1969), 0 with fewer than 3 sentences */
    double coleman_liau;    /* Coleman-Liau index */
    double ari;             /* Automated Readability Index */
} hd_text_stats;

typedef struct hd_field {
    size_t index;           /* 0-based among all input/select/textarea/button, hidden ones too */
    const char *tag;        /* "input", "select", "textarea", "button" */
    const char *type;       /* lower case; "text" for an input without type, "" for select */
    const char *name;
    const char *id;
    const char *label;      /* best label text, whitespace collapsed */
    const char *label_source; /* "label-for", "label-wrap", "aria-label", "aria-labelledby",
                                 "placeholder", "title", "nearby", "value", "" */
    const char *placeholder;
    const char *autocomplete;
    const char *pattern;
    const char *purpose;    /* static string: WHATWG autofill name or hurdle's own (DESIGN.md §2) */
    const char *path;       /* element path */
    const char *ignore;     /* data-hurdle-ignore in force, or NULL */
    const char *ac_section; /* autocomplete's "section-*" token, "" when none */
    const char *ac_hint;    /* autocomplete's "shipping" or "billing", "" when none */
    const char *ac_field;   /* autocomplete's field name when valid (WHATWG), "on", "off", or "" */
    const char *min;        /* min and max attributes as written ("" when absent) */
    const char *max;
    long maxlength;         /* -1 when absent */
    long minlength;         /* -1 when absent */
    size_t text_off;        /* TEXT scope length when the control opened: where it sits in
                               the visible text (rules read the text around it) */
    size_t options;         /* <option>s of a select */
    long form;              /* index into hd_page.forms, -1 when outside any form */
    bool required;          /* required, aria-required=true, or marked in its label ("*", "(required)") */
    bool visible;           /* not type=hidden, not hidden by attribute or inline style */
    bool checked;           /* a checkbox or radio checked by default */
} hd_field;

typedef struct hd_form {
    const char *kind;       /* static: signup, login, checkout, payment, rebate-claim, newsletter,
                               password-change, contact, search, other */
    const char *path;
    const char *id;
    const char *name;
    const char *action;     /* resolved against the page URL; "" when absent */
    const char *method;     /* lower case, "get" by default */
    const char *submit;     /* text of its submit control, "" when none */
    size_t nfields;         /* controls in the form (hidden and buttons included) */
    size_t nvisible;        /* visible controls that take input (not buttons, not hidden) */
    size_t nrequired;
} hd_form;

/* A captcha the page shows, found from markup (widget.c). */
typedef struct hd_captcha {
    const char *kind;       /* static: "recaptcha", "hcaptcha", "turnstile", "image" */
    const char *path;       /* the widget's element (div, iframe or img) */
    long form;              /* index into hd_page.forms, -1 when outside any form */
    long field;             /* "image": index into hd_page.fields of the text input that takes
                               the answer (its purpose is then "captcha"); -1 otherwise */
    const char *ignore;     /* data-hurdle-ignore in force, or NULL */
} hd_captcha;

#define HD_PAGE_MAX_CAPTCHAS 64

typedef struct hd_price {
    double amount;          /* in the currency's unit, e.g. 19.99; 0 for "free"; a range's lower end */
    char currency[4];       /* ISO 4217, e.g. "USD"; "" when unknown ("XBT" for bitcoin) */
    const char *period;     /* static: "once", "hour", "day", "week", "month", "year", or "" */
    const char *unit;       /* static: "user", "seat", "device", "line", "gb", "minute",
                               "message", or "" */
    const char *raw;        /* the price as written, e.g. "$19.99/mo" */
    const char *context;    /* the text around it (its block, at most ~200 bytes) */
    const char *path;       /* element path of its text (or of the markup it came from) */
    bool from;              /* "from", "starting at", "as low as" before it */
    /* ---- what the price means (docs/prices.md) ---- */
    const char *source;     /* static: "text" (visible text), "microdata", "json-ld" or "meta" */
    double amount_max;      /* a range's upper end ("$10-$20": 20), 0 when not a range */
    double was_amount;      /* the struck-through or "was"/"reg." price shown with this one
                               (the regular price of a sale), 0 when none */
    double regular_amount;  /* the amount after the promotion ("... then $24.99"), 0 when none */
    int promo_months;       /* months the amount lasts ("for the first 12 months"), 0 when none */
    int contract_months;    /* months of a required contract or agreement, 0 when none */
    double monthly;         /* monthly equivalent of amount (promotional when promo_months),
                               rounded to cents; -1 when it cannot be computed (one-time,
                               per hour, per unit of use, no period) */
    double monthly_regular; /* monthly equivalent after the promotion (of regular_amount, or
                               of amount when there is no promotion); -1 when unknown */
    double first_year;      /* cost of the first 12 months: promotional months, then the
                               regular amount; a one-time price is its amount; -1 when unknown */
    bool free;              /* written as "free" (amount 0) */
    bool struck;            /* struck through (del, s, strike, class was/old/regular...) or
                               introduced by "was", "reg.", "MSRP": not the price to pay */
    bool up_to;             /* "up to" before it */
    bool autopay;           /* holds only with autopay ("with AutoPay", "w/ auto-pay") */
    bool after_rebate;      /* "after (mail-in) rebate" */
    bool after_savings;     /* "after instant savings", "after $X off", "after discount" */
    bool plus_taxes;        /* "plus taxes", "+ tax & fees", "excl. VAT": more is due on top */
    bool asterisk;          /* followed by "*", a dagger or a superscript digit: fine print applies */
} hd_price;

/* A plan the page offers: a card among repeated sibling cards, or a column or row of a
 * comparison table (plan.c). */
typedef struct hd_plan {
    const char *name;       /* the card's heading, or the table's header cell */
    const char *path;       /* the card's element, or the header cell of its column or row */
    const char *source;     /* static: "card", "table-column", "table-row" */
    long price;             /* index into page->prices of its headline price, -1 none */
    size_t nfeatures;       /* list items of the card; filled cells of its column or row */
} hd_plan;

#define HD_PAGE_MAX_PLANS 64

typedef struct hd_link {
    const char *href;       /* resolved, fragment removed */
    const char *text;
    const char *path;
} hd_link;

/* Limits of one page's extraction. Hitting one gives a warning, not a failure. */
typedef struct hd_page_limits {
    size_t max_bytes;       /* input bytes parsed; the rest is cut */
    size_t max_fields;
    size_t max_depth;       /* element nesting kept; deeper content is flattened or dropped */
    size_t max_links;
    size_t max_prices;
    size_t max_text;        /* bytes of visible text kept */
    /* The keywords of field purposes (html/purpose.h), borrowed for the parse; the rule set's
       hd_ruleset_purposes(). NULL: purposes come from autocomplete and input types only. */
    const struct hd_purpose_table *purposes;
} hd_page_limits;

#define HD_PAGE_LIMITS_INIT                                                                        \
    {                                                                                              \
        (size_t)16 << 20, 10000, 256, 20000, 2000, (size_t)4 << 20, NULL                           \
    }

#define HD_PAGE_MAX_WARNINGS 8

typedef struct hd_page {
    hd_arena arena;         /* owns every string and array below */
    const char *url;        /* as requested */
    const char *final_url;  /* after redirects; base for relative links */
    const char *content_type;
    const char *charset;    /* encoding the page was decoded from */
    const char *title;
    const char *lang;       /* <html lang>, "" when absent */
    const char *kind;       /* page kind (static string), set by hd_rules_classify(); "other" */
    long status;            /* HTTP status, 0 for files */
    size_t bytes;           /* body size */
    hd_field *fields;
    size_t nfields;
    hd_form *forms;
    size_t nforms;
    hd_link *links;
    size_t nlinks;
    hd_price *prices;
    size_t nprices;
    hd_plan *plans;         /* in document order, at most HD_PAGE_MAX_PLANS */
    size_t nplans;
    size_t plan_periods;    /* distinct billing periods among the plans' headline prices
                               ("once", "month"...; none left out) */
    size_t plan_units;      /* distinct units among them ("user", "line"...; none is one) */
    size_t price_images;    /* visible <img> whose alt, title or src says price, pricing,
                               plans, tariff or rate card */
    hd_captcha *captchas;   /* in document order, at most HD_PAGE_MAX_CAPTCHAS */
    size_t ncaptchas;
    size_t step;            /* the flow's current step ("Step 2 of 4": 2), 0 when unknown */
    size_t steps;           /* the flow's declared number of steps (4), 0 when unknown */
    hd_text scopes[HD_SCOPE_COUNT];
    hd_text_stats stats;
    hd_text_stats *role_stats; /* the same counts per text role (HD_ROLE_COUNT of them, in the
                                  arena); NULL in a bare page */
    const char *language;   /* primary language subtag ("en", "de"), "" when unknown */
    const char *language_source; /* static: "html-lang", "words" or "" */
    const char *warnings[HD_PAGE_MAX_WARNINGS]; /* e.g. "page cut at 16777216 bytes" */
    size_t nwarnings;
} hd_page;

/*
 * Parses `len` bytes as the page at `url` and extracts its model into
 * `page` (which the caller declares; this initialises it). `content_type`
 * may be NULL or "text/html; charset=..." (the charset is honoured);
 * "text/plain" pages are taken as text. Never touches the network.
 * Fails with HURDLE_EPARSE for input that is not a page (binary data), with
 * a message naming `url`. On failure the page is disposed already.
 */
int hd_page_parse(hd_page *page, hurdle_ctx *ctx, const char *url, const char *bytes, size_t len,
                  const char *content_type, const hd_page_limits *limits);

void hd_page_dispose(hd_page *page);

/*
 * Shrinks `page` to what grouping, the offering-level rules and the report
 * read, in one exact-size block (compact.c): the text scopes go (the
 * headings keep their first line), and so do the links; the counts and
 * readability figures stay. A `bare` page keeps only the URLs, title, kind,
 * language, warnings and counts (a page no offering can take). On failure
 * (ENOMEM) the page is unchanged.
 */
int hd_page_compact(hd_page *page, bool bare);
/* The bytes the page model takes. */
size_t hd_page_size(const hd_page *page);

/* What bytes are, for a file in a saved site or a response without a type (sniff.c). */
typedef enum hd_sniff {
    HD_SNIFF_HTML = 0, /* a page */
    HD_SNIFF_TEXT,     /* text that is not markup */
    HD_SNIFF_DATA,     /* JSON (a previous report, say): not a page */
    HD_SNIFF_OTHER     /* binary data: not a page */
} hd_sniff;
hd_sniff hd_html_sniff(const char *bytes, size_t len);

/* libxml2's process-wide set-up and tear-down (hurdle_global_init()). */
int hd_html_global_init(void);
void hd_html_global_cleanup(void);

/* Adds a warning (copied into the arena); silently drops it past the maximum. */
void hd_page_warn(hd_page *page, const char *fmt, ...) HD_PRINTF(2, 3);

/* Names of scopes for rule packs: "text", "headings", "labels", "buttons", "fine_print", "title", "url". */
const char *hd_scope_name(hd_scope scope);
/* -1 when unknown. */
int hd_scope_parse(const char *name);

/* The element path of the span holding offset `off` of `text`, or "" */
const hd_span *hd_text_span_at(const hd_text *text, size_t off);

/* ---- Added by the html module for its evaluations and for rules ---- */

/* English syllables of one word (a heuristic; at least 1 for a word with letters). */
int hd_text_syllables(const char *word, size_t len);

/*
 * Readability counts of `len` bytes of UTF-8 text. With `blocks`, '\n' ends
 * a sentence (a page's TEXT scope); without it, '\n' is a space (prose).
 */
void hd_text_stats_compute(hd_text_stats *out, const char *text, size_t len, bool blocks);
/* The `words` count of hd_text_stats_compute() alone (no syllables). */
size_t hd_text_word_count(const char *text, size_t len, bool blocks);

/*
 * Parses the first price in `len` bytes of `s` ("$1,299.00/mo", "ab 9,99 €",
 * "USD 12", "Free") into `out` (raw, context and path are left NULL; source
 * is "text"). Returns 1 when a price was found ("free" is one: amount 0 and
 * `free`), 0 when none.
 */
int hd_price_parse_one(hd_price *out, const char *s, size_t len);

/*
 * hd_price_parse_one with a currency hint: `hint_len` bytes of text that may
 * name a currency ("CAD", "€", "Preis in kr"; NULL for none). The first
 * currency the hint names stands in when `s` names none, and picks the
 * reading of an ambiguous symbol in `s` ("$" with "CAD" is CAD, "kr" with
 * "NOK" is NOK); it never overrides an unambiguous one ("€" stays EUR).
 * When no price is found (0), out->currency still holds the currency that
 * `s` or the hint names, if any.
 */
int hd_price_parse_hint(hd_price *out, const char *s, size_t len, const char *hint, size_t hint_len);

/*
 * Whether `len` bytes of `s` say which step of how many a page is ("Step 2 of
 * 4", "Schritt 2 von 4", "Étape 2 sur 4", "Paso 2 de 4", "Passo 2 di 4",
 * "Stap 2 van 4", "Step 2/4"); the first such phrase sets *step and *steps.
 */
bool hd_widget_steps_text(const char *s, size_t len, size_t *step, size_t *steps);

/*
 * The page's main form: the index into page->forms of the form with the
 * most visible controls, or -1 for the controls outside any form when they
 * are more, or -2 when the page has no visible control.
 */
long hd_page_main_form(const hd_page *page);

/*
 * The kind of the page's main form (hd_page_main_form()): its form kind, the
 * kind of the controls outside any form, or "other". Static string.
 */
const char *hd_page_main_form_kind(const hd_page *page);

#endif
