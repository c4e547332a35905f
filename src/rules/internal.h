/*
 * rules/internal.h - what the files of src/rules/ share and nobody else
 * needs: the rule struct, the rule set struct, the regex and word-list
 * matchers, metrics. Other modules read rules through ruleset.h.
 */
#ifndef HD_RULES_INTERNAL_H
#define HD_RULES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../html/purpose.h"
#include "../util/alloc.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "ruleset.h"

/* Caps: a broken or hostile pack gets a clear error, never unbounded memory. */
#define HD_RULES_MAX_FILE    ((size_t)4 << 20) /* bytes per pack, word list, scoring file */
#define HD_RULES_MAX_RULES   2000              /* rules in a rule set */
#define HD_RULES_MAX_FILES   256               /* packs in a rule set */
#define HD_RULES_MAX_PATTERN 4096              /* bytes of one regex */
#define HD_RULES_MAX_LIST    64                /* entries of one list (tags, purposes, ...) */
#define HD_RULES_MAX_EXAMPLE ((size_t)64 << 10)
#define HD_WORDS_MAX_ENTRIES 50000             /* phrases in one word list */
#define HD_WORDS_MAX_N       6                 /* words in one phrase */
#define HD_PF_MAX_OCC        ((size_t)1 << 24) /* literal occurrences in one text */
#define HD_FACTS_MAX_HITS    ((size_t)1 << 20) /* fact hits in one offering */

/* Page and offering kinds for applies_to, as bits. */
enum {
    HD_KIND_REBATE = 1u << 0,
    HD_KIND_SIGNUP = 1u << 1,
    HD_KIND_PRICING = 1u << 2,
    HD_KIND_CHECKOUT = 1u << 3,
    HD_KIND_LOGIN = 1u << 4,
    HD_KIND_TERMS = 1u << 5,
    HD_KIND_OTHER = 1u << 6,
    HD_KIND_ANY = 0x7fu
};
#define HD_NKINDS 7
/* "rebate" ... "other"; index = bit position. */
extern const char *const hd_kind_names[HD_NKINDS];
/* The kind's bit, 0 when unknown ("any" gives HD_KIND_ANY). */
unsigned hd_kind_bit(const char *name);

/* ---- regex.c: the only PCRE2 user ---- */
typedef struct hd_regex hd_regex;
/* Per-thread match state: match data and a match context with the limits. */
typedef struct hd_matcher hd_matcher;

enum { HD_RE_CASE_SENSITIVE = 1u << 0 };

/*
 * Compiles `pattern` (UTF, caseless unless HD_RE_CASE_SENSITIVE, JIT when
 * available). On a bad pattern returns HURDLE_EPARSE and writes PCRE2's
 * message and the offset into `err` (size `errsize`).
 */
int hd_regex_compile(
    hd_regex **out, const char *pattern, unsigned flags, char *err, size_t errsize);
void hd_regex_free(hd_regex *re);
int hd_matcher_new(hd_matcher **out, hurdle_ctx *ctx, uint32_t match_limit, uint32_t depth_limit);
void hd_matcher_free(hd_matcher *m);
/*
 * Finds the first match of `re` in `s[start..len)`. Returns 1 with the match
 * in [*mstart, *mend), 0 with none, HURDLE_ELIMIT when the match or depth
 * limit was hit, HURDLE_EINVAL for text that is not UTF-8. `utf_checked`:
 * the caller already knows `s` is valid UTF-8.
 */
int hd_regex_find(hd_matcher *m,
                  const hd_regex *re,
                  const char *s,
                  size_t len,
                  size_t start,
                  bool utf_checked,
                  size_t *mstart,
                  size_t *mend);
/* hd_regex_find, with no match starting after byte `limit` (SIZE_MAX: none). */
int hd_regex_find_in(hd_matcher *m,
                     const hd_regex *re,
                     const char *s,
                     size_t len,
                     size_t start,
                     size_t limit,
                     bool utf_checked,
                     size_t *mstart,
                     size_t *mend);
/* true when `re` has a group named `name` (names may repeat across alternatives). */
bool hd_regex_has_group(const hd_regex *re, const char *name);
/*
 * The bytes [*a, *b) that the first group named `name` which took part took in the last match
 * of `m` with `re` (read it before the next search); false when none did.
 */
bool hd_regex_group_span(
    const hd_matcher *m, const hd_regex *re, const char *name, size_t *a, size_t *b);
/* true when the whole of `s` matches somewhere (limits count as no match). */
bool hd_regex_test(hd_matcher *m, const hd_regex *re, const char *s, size_t len);

/* ---- wordlist.c: phrases matched on word n-grams ---- */
typedef struct hd_wordlist hd_wordlist;

typedef struct hd_word_hit {
    size_t start; /* byte offsets into the text */
    size_t end;
    size_t entry; /* index of the phrase in the list */
} hd_word_hit;

/*
 * Parses a TSV word list (`phrase<TAB>advice`, a header row, lines starting
 * with '#' skipped). `name` names the file in errors.
 */
int hd_wordlist_parse(
    hd_wordlist **out, hurdle_ctx *ctx, const char *name, const char *data, size_t len);
void hd_wordlist_free(hd_wordlist *wl);
size_t hd_wordlist_size(const hd_wordlist *wl);
const char *hd_wordlist_phrase(const hd_wordlist *wl, size_t entry);
const char *hd_wordlist_advice(const hd_wordlist *wl, size_t entry);
/*
 * Calls `fn` for every phrase occurrence in `text`, overlapping ones
 * included, in order of start then length. Stops when `fn` returns false.
 */
void hd_wordlist_scan(const hd_wordlist *wl,
                      const char *text,
                      size_t len,
                      bool (*fn)(const hd_word_hit *hit, void *payload),
                      void *payload);
typedef bool (*hd_word_multi_fn)(const hd_word_hit *hit, size_t list, void *payload);
/*
 * hd_wordlist_scan for lists wls[0..n) at once: the text is tokenized once
 * and each list sees exactly the hits, in the order, that hd_wordlist_scan
 * would give it; `fn` gets the list's index. Stops when `fn` returns false.
 */
void hd_wordlist_scan_many(const hd_wordlist *const *wls,
                           size_t n,
                           const char *text,
                           size_t len,
                           hd_word_multi_fn fn,
                           void *payload);

/* ---- literal.c: the literals a regex cannot match without ---- */
typedef struct hd_strlist {
    const char **v;
    size_t n;
} hd_strlist;

typedef struct hd_literals {
    hd_strlist lits;     /* ASCII lower-case; every match contains one; n == 0: unknown */
    bool nl_free;        /* no match contains '\n' */
    size_t maxlen;       /* the longest match in bytes; SIZE_MAX: unbounded */
    const size_t *backs; /* per literal: most bytes from a match's start to its end */
    size_t back;         /* the largest of backs; SIZE_MAX: unbounded or unknown */
    bool ws_back;        /* backs count only bytes other than PCRE2's \s and \d (the
                            regex's unbounded \s and \d runs are free) */
} hd_literals;

/*
 * Derives `out` from `pattern` (strings in `arena`). A pattern it does not
 * fully understand gives no literals, nl_free false, maxlen and back SIZE_MAX.
 * Returns HURDLE_OK or HURDLE_ENOMEM.
 */
int hd_literal_extract(hd_literals *out, hd_arena *arena, const char *pattern, bool case_sensitive);

/* ---- prefilter.c: every rule's literals found in one pass ---- */
typedef struct hd_prefilter hd_prefilter;

typedef struct hd_pf_occ {
    size_t start; /* the literal's bytes in the text */
    size_t end;
    size_t line; /* the start of the '\n'-separated block `end` is in */
    size_t back; /* the rule's bound for this literal (hd_literals.backs) */
    uint32_t lit;
} hd_pf_occ;

/* One text's scan: borrowed from the arena given to hd_prefilter_scan. */
typedef struct hd_pf_scan {
    const size_t *off; /* rule i's occurrences: occ[off[i] .. off[i + 1]) by end */
    const hd_pf_occ *occ;
    const bool *gate; /* per rule: one of its declared "prefilter" words occurs */
    bool folds;       /* the text has U+212A or U+017F (caseless k, s) */
} hd_pf_scan;

/*
 * Builds the automaton of `rs`'s pattern rules (derived literals and declared
 * prefilter words). *out is NULL when no rule has any. ENOMEM or ELIMIT.
 */
int hd_prefilter_new(hd_prefilter **out, hurdle_ctx *ctx, const hurdle_ruleset *rs);
void hd_prefilter_free(hd_prefilter *pf);
/*
 * Scans `text` once. `raw` is a caller-owned hd_vec of hd_pf_occ, reused
 * between calls; the result's arrays live in `arena`.
 */
int hd_prefilter_scan(hd_pf_scan *out,
                      const hd_prefilter *pf,
                      hd_arena *arena,
                      hd_vec *raw,
                      const char *text,
                      size_t len);

/* ---- links.c: the crawler's link ranking (links.json) ---- */
typedef struct hd_linkwords hd_linkwords;
/* Parses links.json (`json` a cJSON object) into `a`. EINVAL naming `name`, ENOMEM. */
int hd_linkwords_parse(hd_linkwords **out, hd_arena *a, const void *json, const char *name);
double hd_linkwords_score(const hd_linkwords *lw, const char *text, const char *url,
                          const char **kind);

/* ---- the rule ---- */
typedef struct hd_example {
    const char *html;
    const char *url;           /* NULL: a default URL */
    const char *offering_kind; /* NULL: the page's kind */
    const char *next_page;     /* NULL, or the html of a second page of the same offering */
    bool match;
} hd_example;

typedef enum hd_tri { HD_TRI_ANY = 0, HD_TRI_NO, HD_TRI_YES } hd_tri;

/* A field rule's conditions, as bits (the order of hd_field_cond_names). */
enum {
    HD_FC_PURPOSE = 1u << 0,
    HD_FC_TYPE = 1u << 1,
    HD_FC_TAG = 1u << 2,
    HD_FC_FORM_KIND = 1u << 3,
    HD_FC_REQUIRED = 1u << 4,
    HD_FC_AUTOCOMPLETE_MISSING = 1u << 5,
    HD_FC_CHECKED = 1u << 6,
    HD_FC_AC_FIELD = 1u << 7,
    HD_FC_MINLENGTH = 1u << 8,
    HD_FC_PATTERN_SET = 1u << 9,
    HD_FC_REPEATED = 1u << 10,
    HD_FC_LABEL = 1u << 11,
    HD_FC_NEAR_TEXT = 1u << 12
};
#define HD_FC_COUNT 13
/* "purpose", "type", ... "near_text": the keys of the HD_FC_* conditions, by bit position. */
extern const char *const hd_field_cond_names[HD_FC_COUNT];

/* ---- facts.c: the facts rules declare (the "fact" key of a pattern rule) ---- */
typedef enum hd_fact_type {
    HD_FT_ENUM = 0, /* one static name (submission) */
    HD_FT_LIST,     /* a set of static names (hd_fact_list) */
    HD_FT_NUMBER,   /* an int, -1 unknown */
    HD_FT_BOOL      /* hd_fact_tri */
} hd_fact_type;

typedef struct hd_fact_decl {
    int fact;          /* index in the fact table (hd_fact_find) */
    int value;         /* ENUM/LIST: vocabulary index; BOOL: 1 yes, 0 no; NUMBER:
                          the value when no group, else -1 */
    const char *group; /* NUMBER: the regex's named group holding the number; NULL:
                          none (names may repeat across alternatives) */
    bool unit_group;   /* NUMBER: the regex has a "unit" group (days, weeks, months,
                          years); the number is then converted to the fact's unit */
    bool only;         /* ENUM: the only way ("mail-in submissions are not accepted"
                          declares online only) */
} hd_fact_decl;

/* The fact named `name`, -1 when unknown. */
int hd_fact_find(const char *name);
hd_fact_type hd_fact_type_of(int fact);
/* Index of `value` in the fact's vocabulary, -1 when not in it. */
int hd_fact_value_find(int fact, const char *value);
/* The vocabulary of a fact, NULL-terminated, for messages; NULL for numbers and yes/no. */
const char *const *hd_fact_vocab(int fact);
/*
 * The number spelt in s[0..n): its first run of digits ("thirty (30)" gives 30), else number
 * words ("sixty", "twenty-one", "one hundred eighty"); -1 when none.
 */
long hd_fact_number(const char *s, size_t n);
/* The facts metric `name` ("fact:payout_days", ...) knows; false otherwise. */
bool hd_fact_metric_known(const char *name);
/* The metric's value for `facts`, NAN when the facts do not give it. */
double hd_fact_metric(const hd_facts *facts, const char *name);

struct hd_rule {
    const char *id;
    const char *message;
    const char *advice;
    const char *file;     /* "en/terms.json" */
    const char *research; /* the rule's "source" key: where its numbers come from */
    hd_strlist tags;
    hd_dim dim;
    hd_rule_kind kind;
    hurdle_severity severity; /* 0: off */
    bool gating;
    unsigned applies;     /* HD_KIND_* bits */
    unsigned scopes;      /* 1 << hd_scope */
    hd_strlist languages; /* primary language subtags the rule runs on; n == 0: any */
    /* pattern and page-kind rules */
    hd_regex *re;
    union {
        hd_regex *unless;    /* pattern: a match whose surroundings match this is dropped */
        hd_regex *near_text; /* field: the text around the field must match (one slot, so
                                the pack's clean-up frees either) */
    };
    const hd_wordlist *words; /* borrowed from the rule set */
    const char *words_name;
    hd_strlist prefilter; /* lower-case literals, one of which must occur */
    hd_literals lits;     /* derived from `re` for the prefilter */
    bool case_sensitive;
    bool unless_linked;        /* no hit when the offering shows or links to its terms */
    const hd_fact_decl *facts; /* the facts a hit states (pack_fact.c) */
    size_t nfacts;
    /* field rules */
    hd_strlist purposes; /* "cc-*" matches by prefix */
    hd_strlist types;
    hd_strlist tags_html;
    hd_strlist form_kinds; /* field and page-kind rules */
    hd_regex *label;       /* over "label name id placeholder" */
    hd_regex *page_text;   /* the page's text must match */
    hd_tri required;
    hd_tri visible;
    bool autocomplete_missing;
    size_t min_count;
    hd_tri checked;
    hd_tri pattern_set;
    hd_strlist ac_fields;    /* the field's ac_field is one of these ("none": "") */
    long minlength_at_least; /* 0: no condition */
    bool repeated;           /* an earlier field of the same form has the same purpose */
    hd_strlist captchas;     /* captcha widget kinds the rule also matches ("any": all) */
    unsigned conds;          /* HD_FC_* bits: the conditions the rule gives */
    unsigned any_of;         /* HD_FC_* bits: of those, the alternatives (one must hold) */
    /* metric rules */
    const char *metric;
    const hd_rule **metric_refs; /* hits:<id>[,<id>...] rules, resolved after loading */
    size_t nmetric_refs;
    bool has_above, has_below, has_curve;
    bool has_if_unknown; /* fact: metrics: the value when the facts do not give one */
    double if_unknown;
    double above, below, weight;
    hd_curve curve;
    /* page-kind rules */
    unsigned page_kind; /* one HD_KIND_* bit */
    hd_example *examples;
    size_t nexamples;
};

typedef struct hd_wordfile {
    const char *path; /* full path, the cache key */
    hd_wordlist *list;
} hd_wordfile;

struct hurdle_ruleset {
    hurdle_ctx own; /* the loader's allocator, no log sink; outlives callers' ctxs */
    hd_arena arena; /* every string and array of the rules */
    hd_scoring scoring;
    const char *version;
    uint32_t match_limit;
    uint32_t depth_limit;
    double kind_min_weight;
    hd_rule *rules; /* sorted by id */
    size_t nrules;
    hd_wordfile *words;
    size_t nwords;
    uint32_t hash;              /* FNV-1a of all loaded bytes */
    hd_prefilter *pf;           /* the pattern rules' literals; NULL when none */
    hd_purpose_table *purposes; /* field purposes' keywords (pack_purposes.c); NULL when none */
    hd_linkwords *links;        /* the crawler's link ranking (links.c); NULL when none */
};

/* ---- pack.c / pack_rule.c ---- */
typedef struct hd_pack_loader hd_pack_loader;
/* Parses one rule object into `rule`; `where` is "en/terms.json". */
int hd_pack_rule_parse(hd_pack_loader *ld, hd_rule *rule, const void *json, const char *where);
/* The loader's pieces that pack_rule.c needs. */
hd_arena *hd_pack_arena(hd_pack_loader *ld);
hurdle_ctx *hd_pack_ctx(hd_pack_loader *ld);
int hd_pack_words(hd_pack_loader *ld,
                  const hd_wordlist **out,
                  const char *name,
                  const char *where,
                  const char *id);
/* Compiles a regex into the rule set, with an error naming file and rule. */
int hd_pack_regex(hd_pack_loader *ld,
                  hd_regex **out,
                  const char *pattern,
                  unsigned flags,
                  const char *where,
                  const char *id);
uint32_t hd_fnv1a(uint32_t h, const void *data, size_t len);
/* Reads, hashes and parses the JSON object at `path` (`name` in messages); *out is a cJSON. */
int hd_pack_read_json(hd_pack_loader *ld, const char *path, const char *name, void **out);
hurdle_ruleset *hd_pack_ruleset(hd_pack_loader *ld);
/*
 * pack_purposes.c: loads purposes.json of dirs[0] and the <lang>/purposes.json of every
 * folder into the rule set's purpose table. No purposes.json: no table.
 */
int hd_pack_purposes(hd_pack_loader *ld, const char *const *dirs, size_t ndirs);
/*
 * pack_fact.c: the rule's "fact" (an object or an array of them) into rule->facts, checked
 * against the fact table and the rule's regex (named groups); a metric rule's "if_unknown".
 */
int hd_pack_fact_parse(hd_pack_loader *ld, hd_rule *rule, const void *json, const char *where);
/* Reads the scoring settings from the parsed scoring.json (a cJSON object) into `rs`. */
int hd_pack_scoring(hurdle_ruleset *rs, hurdle_ctx *ctx, const void *json, const char *name);

/* ---- eval_field.c ---- */
/* The HD_FC_* bits of the conditions field rule `r` gives. */
unsigned hd_field_rule_conds(const hd_rule *r);

/* ---- metric.c ---- */
/* true when `name` is a metric hurdle computes ("hits:" names are checked later). */
bool hd_metric_known(const char *name);
/* Resolves the rule ids of "hits:" and "hits_per_100_words:" metrics (comma-separated) to
 * pattern rules of `rs`, whose rules are sorted by id; EINVAL naming the rule when one is
 * missing. */
int hd_metric_resolve(hurdle_ruleset *rs, hurdle_ctx *ctx);
typedef struct hd_metric_input {
    const hd_page *const *pages;
    size_t npages;
    const hd_page_hits *const *page_hits; /* per page: its text measures (eval.h) */
    const size_t *hits; /* per rule index of the rule set: matches in the offering */
    const hurdle_ruleset *rules;
    const hd_facts *facts; /* the offering's facts, for fact: metrics */
} hd_metric_input;
/* The metric's value for the offering (eval.c passes only the pages of the rule's languages). */
double hd_metric_value(const hd_metric_input *in, const hd_rule *rule);

/* ---- metric_offer.c: metrics of prices and plans (docs/rules.md) ---- */
double hd_metric_offer_plans(const hd_metric_input *in);          /* plans.count */
double hd_metric_offer_unpriced_plans(const hd_metric_input *in); /* plans.unpriced */
double hd_metric_offer_plan_billings(const hd_metric_input *in);  /* plans.billings */
double hd_metric_offer_image_prices(const hd_metric_input *in);   /* prices.image_only */
double hd_metric_offer_open_from(const hd_metric_input *in);      /* prices.open_from */
double hd_metric_offer_later_fees(const hd_metric_input *in);     /* fees.later_pages */
/*
 * terms.linked: true when the offering states or links to its terms: a page of kind
 * "terms", a link whose text or URL names terms, conditions, rules, details or legal
 * text, or a heading that opens such a section.
 */
bool hd_metric_page_names_terms(const hd_page *page);
/* The page's footnote marks (text.footnote_marks_per_100_words counts them per page). */
size_t hd_metric_page_footnote_marks(const hd_page *page);
#define HD_FEE_NAME  32 /* bytes of a fee's name kept (metric fees.later_pages) */
#define HD_PAGE_FEES 64 /* fee names kept per page */
/* The page's named fees in text order, at most `max`, into names (fees.later_pages). */
size_t hd_metric_page_fees(const hd_page *page, char (*names)[HD_FEE_NAME + 1], size_t max);
/* true when rule `rule` runs on `page`: no "languages", or the page's language is listed
 * (an unknown language, NULL or "", counts as "en"). */
bool hd_rule_language_ok(const hd_rule *rule, const hd_page *page);

/* ---- eval.c ---- */
typedef struct hd_eval_opts {
    const hd_rule *only; /* evaluate just this rule (examples), NULL: all */
    bool no_prefilter;   /* run regexes over whole texts (the reference for tests) */
} hd_eval_opts;
int hd_rules_eval_opts(hd_eval_result *out,
                       hurdle_ctx *ctx,
                       const hurdle_ruleset *rules,
                       const hd_page *const *pages,
                       size_t npages,
                       const char *offering_kind,
                       const hd_eval_opts *opts);
/* true when data-hurdle-ignore `ignore` (may be NULL) names rule `id` or "all". */
bool hd_ignore_has(const char *ignore, const char *id);
/*
 * The weight rule `rule` gives to its kind on `page` (0 when its condition
 * fails). `utf` (NULL: none) caches per scope whether the text is valid
 * UTF-8 (0 unknown, 1 yes, -1 no) across the rules of one page.
 */
double hd_rule_kind_vote(const hd_rule *rule, hd_matcher *m, const hd_page *page, signed char *utf);
size_t hd_rule_index(const hurdle_ruleset *rules, const hd_rule *rule);

#endif
