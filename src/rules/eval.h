/*
 * rules/eval.h - the state of one evaluation, shared by eval.c (driver,
 * metric rules, findings), eval_page.c (one page's hits, and their merge
 * over an offering), eval_pattern.c and eval_field.c. An evaluation runs in
 * one of two modes: over one page (pattern and field rules, into an
 * hd_page_hits), or over an offering (the pages' hits merged, then metric
 * rules). Lives on the caller's stack; nothing in it outlives the call
 * except the result's arena or the page's hits.
 */
#ifndef HD_RULES_EVAL_H
#define HD_RULES_EVAL_H

#include "internal.h"

typedef struct hd_acc {
    size_t count;    /* matches in the offering */
    hd_evidence *ev; /* max_evidence slots, in the result arena, allocated on first hit */
    size_t nev;
} hd_acc;

/* One fact a pattern hit states (facts.c). */
typedef struct hd_fact_hit {
    size_t rule; /* index of the rule that stated it */
    size_t page;
    size_t scope;
    size_t at;  /* byte offset of the match in the scope's text */
    size_t seq; /* order of recording, the last tie-break */
    int fact;
    int value; /* hd_fact_decl.value */
    long num;  /* numbers: the value read, -1 none */
    bool only;
} hd_fact_hit;

typedef struct hd_ev {
    hurdle_ctx *ctx;
    const hurdle_ruleset *rs;
    hd_matcher *m;
    const hd_page *const *pages;
    size_t npages;
    unsigned offering_bit;
    hd_arena *out;    /* the result's strings and arrays */
    hd_arena tmp;     /* lower-cased texts for prefilters; freed at the end */
    hd_acc *acc;      /* per rule */
    size_t *hits;     /* per rule, for hits: metrics */
    char **lower;     /* per page and scope, lazily */
    signed char *utf; /* per page and scope: 0 unknown, 1 valid, -1 invalid */
    const hd_rule *only;
    bool no_prefilter; /* regexes over whole texts */
    hd_pf_scan *scans; /* per page and scope: the prefilter's scan, lazily */
    bool *scanned;
    bool *words_done;           /* per rule: a word-list rule already run with others */
    const hd_page **lpages;     /* scratch: the pages in a metric rule's languages */
    const hd_page_hits **lhits; /* ... and their hits */
    bool linked;                /* the offering states or links to its terms (unless_linked) */
    hd_vec raw;                 /* hd_pf_occ: the scan's scratch, reused */
    hd_vec facthits;            /* hd_fact_hit: the facts the pattern hits stated */
    size_t max_ev;              /* evidence entries kept per rule */
    bool page_mode;             /* one page's hits: offering_bit holds every offering kind the page
                                   may join, and unless_linked rules run (the offering decides) */
    const hd_page_hits *const *page_hits; /* offering mode: per page, its hits */
    int err;                              /* first ENOMEM/ELIMIT of the result arena */
} hd_ev;

/* One rule's hits on one page. */
typedef struct hd_rule_hits {
    size_t rule; /* index in the rule set */
    size_t count;
    hd_evidence *ev; /* the first distinct phrases (pattern rules) or hits (field rules) */
    size_t nev;
} hd_rule_hits;

/*
 * What the rules found on one page (hd_rules_eval_page): every pattern and field rule that may
 * apply to an offering the page can join, and the text measures metric rules read, so that an
 * offering is evaluated from its pages' hits once the page texts are gone. One block of memory.
 */
struct hd_page_hits {
    hd_rule_hits *rules; /* the rules that hit, by rule index */
    size_t nrules;
    hd_fact_hit *facts; /* page 0, in recording order */
    size_t nfacts;
    size_t footnote_marks; /* text.footnote_marks_per_100_words's count */
    bool names_terms;      /* terms.linked: a terms page, or a heading or link naming terms */
    char (*fees)[HD_FEE_NAME + 1]; /* named fees in text order (fees.later_pages) */
    size_t nfees;
    unsigned offerings; /* the offering kinds (bits) its rules ran for */
    size_t bytes;       /* the block's size */
};

/* The page's hits for the rules (pattern, field) of `ev` in page mode (eval_page.c). */
int hd_ev_page_pack(hd_page_hits **out, hd_ev *ev);
/* Offering mode: the pages' hits into ev->acc, ev->hits and ev->facthits (eval_page.c). */
void hd_ev_merge(hd_ev *ev, const bool *feeds);
/* Whether to run or merge `rule` (eval.c): wanted, or feeding a wanted metric. */
bool hd_ev_wanted(const hd_ev *ev, const hd_rule *rule, const bool *feeds);
/* Sets up `ev` (ctx, rs, pages, npages, mode filled in) with `out` owning the evidence. */
int hd_ev_init(hd_ev *ev, hd_eval_result *out, const hd_eval_opts *opts);
void hd_ev_dispose(hd_ev *ev);
/* Per rule: it feeds the hits: metric of a rule that is on; NULL without memory. */
bool *hd_ev_feeding(hd_ev *ev);
/* Page mode: runs the wanted pattern and field rules (eval_page.c). */
void hd_ev_run(hd_ev *ev);
/*
 * One page's hits for the offering kinds it can join and those in `offerings` (bits), with
 * `opts` (NULL: all rules, with the prefilter) (eval_page.c).
 */
int hd_ev_page_hits(hd_page_hits **out,
                    hurdle_ctx *ctx,
                    const hurdle_ruleset *rs,
                    const hd_page *page,
                    unsigned offerings,
                    const hd_eval_opts *opts);

/* Where a pattern hit is: text[start..end) of a scope of page `page`. */
typedef struct hd_ev_loc {
    size_t page;
    const hd_text *text; /* one of ev->pages[page]->scopes */
    size_t start;
    size_t end;
    const char *advice; /* the word list's advice for the phrase; NULL: none */
} hd_ev_loc;

/*
 * Records one hit of pattern rule `rule`: evidence grouped by phrase (hd_evidence.count).
 */
void hd_ev_hit(hd_ev *ev, const hd_rule *rule, const hd_ev_loc *loc);
/* Records a hit with ready-made evidence strings (borrowed; copied). */
void hd_ev_hit_raw(hd_ev *ev,
                   const hd_rule *rule,
                   size_t page,
                   const char *path,
                   const char *match,
                   const char *context);
/*
 * Records the facts `rule` declares for its hit at `loc`; `from_regex`: the matcher still holds
 * that match, so numbers are read from its groups (call it before any other search).
 */
void hd_ev_fact_hit(hd_ev *ev, const hd_rule *rule, const hd_ev_loc *loc, bool from_regex);
/* Folds the recorded fact hits into `out` (facts.c). */
int hd_ev_facts(hd_facts *out, hd_ev *ev);
/* Runs pattern rule `rule` over the pages it applies to (eval_pattern.c). */
void hd_ev_pattern_rule(hd_ev *ev, const hd_rule *rule);
/* At most this many word-list rules share one tokenization (more: several scans). */
#define HD_EV_MAX_WORD_RULES 16
/*
 * Runs word-list rules rules[0..n) (n <= HD_EV_MAX_WORD_RULES) over the pages
 * they apply to, tokenizing each page scope once for all of them: each rule
 * gets the hits, in the order, that it would get alone.
 */
void hd_ev_word_rules(hd_ev *ev, const hd_rule *const *rules, size_t n);
/* i, or the start of the UTF-8 character byte i is in. */
size_t hd_ev_utf8_back(const char *s, size_t i);
/* Runs field rule `rule` over the pages it applies to. */
void hd_ev_field_rule(hd_ev *ev, const hd_rule *rule);
/* true when `rule` applies to page `page` (its kind or the offering's). */
bool hd_ev_applies(const hd_ev *ev, const hd_rule *rule, size_t page);

#endif
