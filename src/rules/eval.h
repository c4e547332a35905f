/*
 * rules/eval.h - the state of one hd_rules_eval() call, shared by eval.c
 * (driver, pattern and metric rules) and eval_field.c (field rules, page
 * kinds). Lives on the caller's stack; nothing in it outlives the call
 * except the result's arena.
 */
#ifndef HD_RULES_EVAL_H
#define HD_RULES_EVAL_H

#include "internal.h"

typedef struct hd_acc {
    size_t count;          /* matches in the offering */
    hd_evidence *ev;       /* max_evidence slots, in the result arena, allocated on first hit */
    size_t nev;
} hd_acc;

/* One fact a pattern hit states (facts.c). */
typedef struct hd_fact_hit {
    size_t page;
    size_t scope;
    size_t at;             /* byte offset of the match in the scope's text */
    size_t seq;            /* order of recording, the last tie-break */
    int fact;
    int value;             /* hd_fact_decl.value */
    long num;              /* numbers: the value read, -1 none */
    bool only;
} hd_fact_hit;

typedef struct hd_ev {
    hurdle_ctx *ctx;
    const hurdle_ruleset *rs;
    hd_matcher *m;
    const hd_page *const *pages;
    size_t npages;
    unsigned offering_bit;
    hd_arena *out;         /* the result's strings and arrays */
    hd_arena tmp;          /* lower-cased texts for prefilters; freed at the end */
    hd_acc *acc;           /* per rule */
    size_t *hits;          /* per rule, for hits: metrics */
    char **lower;          /* per page and scope, lazily */
    signed char *utf;      /* per page and scope: 0 unknown, 1 valid, -1 invalid */
    const hd_rule *only;
    bool no_prefilter;     /* regexes over whole texts */
    hd_pf_scan *scans;     /* per page and scope: the prefilter's scan, lazily */
    bool *scanned;
    bool *words_done;      /* per rule: a word-list rule already run with others */
    const hd_page **lpages; /* scratch: the pages in a metric rule's languages */
    bool linked;           /* the offering states or links to its terms (unless_linked) */
    hd_vec raw;            /* hd_pf_occ: the scan's scratch, reused */
    hd_vec facthits;       /* hd_fact_hit: the facts the pattern hits stated */
    int err;               /* first ENOMEM/ELIMIT of the result arena */
} hd_ev;

/* Where a pattern hit is: text[start..end) of a scope of page `page`. */
typedef struct hd_ev_loc {
    size_t page;
    const hd_text *text;   /* one of ev->pages[page]->scopes */
    size_t start;
    size_t end;
    const char *advice;    /* the word list's advice for the phrase; NULL: none */
} hd_ev_loc;

/*
 * Records one hit of pattern rule `rule`: evidence grouped by phrase (hd_evidence.count).
 */
void hd_ev_hit(hd_ev *ev, const hd_rule *rule, const hd_ev_loc *loc);
/* Records a hit with ready-made evidence strings (borrowed; copied). */
void hd_ev_hit_raw(hd_ev *ev, const hd_rule *rule, size_t page, const char *path,
                   const char *match, const char *context);
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
