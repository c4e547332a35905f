/*
 * rules/ruleset.h - the compiled rule set and what evaluating it produces.
 *
 * pack.c loads rule packs and the scoring file (the only cJSON reader),
 * regex.c wraps PCRE2 (its only user), eval.c runs rules over pages and
 * offerings. A loaded hurdle_ruleset is immutable and shared read-only.
 */
#ifndef HD_RULESET_H
#define HD_RULESET_H

#include <stdbool.h>
#include <stddef.h>

#include <hurdle/report.h>
#include <hurdle/rules.h>

#include "../html/page.h"
#include "../util/vec.h"

typedef enum hd_dim {
    HD_DIM_FIELDS = 0,
    HD_DIM_JARGON,
    HD_DIM_OPACITY,
    HD_DIM_TERMS,
    HD_DIM_COUNT
} hd_dim;

typedef enum hd_rule_kind {
    HD_RULE_PATTERN = 0, /* regex or word list over a text scope */
    HD_RULE_FIELD,       /* matches fields by purpose, type, attributes */
    HD_RULE_METRIC,      /* threshold or curve on a computed metric */
    HD_RULE_PAGE_KIND    /* votes for a page kind; produces no finding */
} hd_rule_kind;

/*
 * A monotone friction curve through two control points, as Lighthouse
 * scores metrics: log-normal, f(good) = 10, f(median) = 50 (friction out of
 * 100). good > median gives a falling curve. Values <= 0 give friction 0
 * on a rising curve.
 */
typedef struct hd_curve {
    double good;
    double median;
} hd_curve;

typedef struct hd_rule hd_rule; /* defined in pack.c; read through the getters below */

/* Scoring settings from scoring.json. */
typedef struct hd_scoring {
    double severity_points[5]; /* indexed by hurdle_severity; [0] unused */
    double dim_weight[HD_DIM_COUNT];
    double dim_scale[HD_DIM_COUNT]; /* score = 100 * (1 - exp(-points / scale)) */
    double gate_floor;              /* a gating finding lifts its dimension to at least this */
    size_t max_evidence;            /* evidence items kept per finding */
} hd_scoring;

/* One piece of evidence: where a rule hit. Strings owned by the result. */
typedef struct hd_evidence {
    size_t page;         /* index into the pages given to hd_rules_eval() */
    const char *path;    /* element path, "" for the page or offering as a whole */
    const char *match;   /* the matched text (or field label), "" when none */
    const char *context; /* a little text around the match, "" when none */
    const char *role;    /* the text's role where the match starts: "body",
                            "heading", "label", "button", "cell", "link",
                            "fine_print" (TEXT scope: the span's role; other scopes:
                            their own, "title" and "url" included); "" for field and
                            metric evidence. Static string. */
    const char *advice;  /* word-list rules: the list's advice for the matched
                            phrase; "" when none */
    size_t count;        /* pattern rules: occurrences of this phrase (case-folded)
                            in the offering; 1 for field and metric evidence */
} hd_evidence;

/*
 * One rule's hit on an offering: all its matches are gathered in one
 * finding, which scores the rule's points once.
 */
typedef struct hd_finding {
    const hd_rule *rule;
    size_t count;          /* matches in all */
    double points;         /* severity points, or the metric's points */
    double value;          /* metric rules: the metric's value; else the count */
    hd_evidence *evidence; /* pattern rules: one entry per distinct phrase (case-folded),
                              by first occurrence; field rules: the first matches; at
                              most max_evidence */
    size_t nevidence;
} hd_finding;

/* A metric's contribution to a dimension, for the breakdown. */
typedef struct hd_metric_result {
    const hd_rule *rule; /* the metric rule */
    double value;        /* the metric's value */
    double friction;     /* curve(value), 0-100 */
    double points;       /* friction / 100 * the rule's weight */
} hd_metric_result;

/*
 * Offer terms as facts, so offerings can be compared (facts.c). Rules declare them ("fact" on
 * a pattern rule, docs/rules.md); facts.c folds the hits over the offering's pages. Strings are
 * static (the vocabulary of facts.c); numbers are -1 when the pages state none; yes/no facts
 * are HD_FACT_UNSTATED when the pages say nothing either way.
 */
typedef enum hd_fact_tri {
    HD_FACT_UNSTATED = 0,
    HD_FACT_NO, /* the pages state the opposite ("no credit card required") */
    HD_FACT_YES
} hd_fact_tri;

#define HD_FACTS_MAX_LIST 12

/* A set of static names, in the vocabulary's order (facts.c). */
typedef struct hd_fact_list {
    const char *v[HD_FACTS_MAX_LIST];
    size_t n;
} hd_fact_list;

typedef struct hd_facts {
    /* rebates */
    const char *submission; /* "mail", "online", "both"; NULL: not stated */
    hd_fact_list proofs;    /* "original_receipt", "receipt_copy", "receipt" (neither
                               said), "upc", "serial_number", "proof_of_purchase",
                               "product_photo", "invoice" */
    int window_days;        /* days to claim after purchase */
    int payout_weeks_min;   /* "allow 6-8 weeks": 6 and 8; "within 8 weeks": -1 and 8 */
    int payout_weeks_max;
    hd_fact_list payout_form;      /* "check", "prepaid_card", "virtual_card", "gift_card",
                                      "account_credit", "store_credit", "bank_transfer",
                                      "paypal", "product" */
    hd_fact_tri one_per_household; /* also one per account, person, customer, address */
    hd_fact_tri no_photocopies;
    hd_fact_tri void_where_prohibited;
    /* signups and pricing */
    hd_fact_tri trial_requires_card; /* also a free trial that turns into a paid plan */
    int trial_days;
    hd_fact_tri auto_renewal;
    hd_fact_tri cancel_by_phone_only; /* stated, or "phone" is the only cancel method */
    hd_fact_list cancel_methods;      /* "phone", "online", "email", "mail", "certified_mail",
                                         "in_person", "chat", "contact_support" */
    int minimum_term_months;
    hd_fact_tri early_termination_fee;
    hd_fact_tri contact_sales; /* a price is only given on request */
} hd_facts;

/* Everything hd_rules_eval() found in one offering. Caller disposes. */
typedef struct hd_eval_result {
    hurdle_ctx *ctx;
    hd_finding *findings; /* sorted by dimension, then rule id */
    size_t nfindings;
    hd_metric_result *metrics; /* metric rules with a curve, sorted by rule id */
    size_t nmetrics;
    const hd_rule **skipped; /* rules with "languages" not run on some page of the
                                offering because the page's language is known and not
                                listed (a metric: not computed over those pages), sorted
                                by rule id; borrowed rules, array owned by the result */
    size_t nskipped;
    hd_facts facts; /* the offering's terms as facts (facts.c) */
    void *strings;  /* owner of evidence strings (an hd_arena) */
} hd_eval_result;

/* Rule getters: borrowed for the rule set's lifetime. */
const char *hd_rule_id(const hd_rule *rule);
hd_dim hd_rule_dim(const hd_rule *rule);
hd_rule_kind hd_rule_kind_of(const hd_rule *rule);
hurdle_severity hd_rule_severity(const hd_rule *rule); /* 0 when the rule is off */
bool hd_rule_gating(const hd_rule *rule);
const char *hd_rule_message(const hd_rule *rule);
const char *hd_rule_advice(const hd_rule *rule);
const char *hd_rule_source(const hd_rule *rule); /* "en/rebate.json" */
size_t hd_rule_ntags(const hd_rule *rule);
const char *hd_rule_tag(const hd_rule *rule, size_t i);
const char *hd_rule_metric(const hd_rule *rule); /* metric rules, else NULL */
/* The languages the rule is limited to ("en"), 0 when it runs on any page. */
size_t hd_rule_nlanguages(const hd_rule *rule);
const char *hd_rule_language(const hd_rule *rule, size_t i);

const hd_scoring *hd_ruleset_scoring(const hurdle_ruleset *rules);
/*
 * The keywords of field purposes (rules/purposes.json and rules/<lang>/purposes.json), for
 * hd_page_limits.purposes; borrowed for the rule set's lifetime. NULL when `rules` is NULL or
 * its first folder has no purposes.json.
 */
const struct hd_purpose_table *hd_ruleset_purposes(const hurdle_ruleset *rules);
size_t hd_ruleset_nrules(const hurdle_ruleset *rules);
const hd_rule *hd_ruleset_rule(const hurdle_ruleset *rules, size_t i);

/*
 * How much a link looks like the way to an offer (rules/links.json): the weight of the kind of
 * offer its anchor text or URL names (rebate 10, signup 9...), lowered when it names something
 * to avoid (sign-in, social, archives); 0 when it names nothing. *kind (may be NULL) gets the
 * kind named, or NULL. Thread-safe.
 */
double hd_rules_link_score(const hurdle_ruleset *rules, const char *text, const char *url,
                           const char **kind);

/* The crawl's --include and --exclude regexes over URLs (urlfilter.c); one thread's. */
typedef struct hd_url_filter hd_url_filter;
enum { HD_URL_ALLOWED = 0, HD_URL_EXCLUDED = 1, HD_URL_NOT_INCLUDED = 2 };
/* EINVAL naming the option and the regex when one does not compile; ENOMEM; ELIMIT. */
int hd_url_filter_new(hd_url_filter **out, hurdle_ctx *ctx, const char *const *include,
                      size_t ninclude, const char *const *exclude, size_t nexclude);
void hd_url_filter_free(hd_url_filter *f);
/*
 * HD_URL_ALLOWED; HD_URL_EXCLUDED with *which the --exclude regex that matched (exclusions win);
 * HD_URL_NOT_INCLUDED when includes are given and none matches. NULL filter: allowed.
 */
int hd_url_filter_check(hd_url_filter *f, const char *url, size_t *which);

/* Names: "fields", "jargon", "opacity", "terms"; -1 when unknown. */
const char *hd_dim_name(hd_dim dim);
int hd_dim_parse(const char *name);
/* "minor" ... "critical"; parse returns 0 for "off", -1 when unknown. */
const char *hd_severity_name(hurdle_severity sev);
int hd_severity_parse(const char *name);

/* The curve's friction (0-100) at `value`. */
double hd_curve_eval(const hd_curve *curve, double value);

/*
 * Sets each page's kind from the rule set's page-kind rules (the kind with
 * the most weight wins; "other" when none votes).
 */
void hd_rules_classify(const hurdle_ruleset *rules, hd_page *page);

/*
 * Evaluates every rule that applies to an offering of kind `offering_kind`
 * ("rebate", "signup", "pricing", "other") made of `pages` (entry page
 * first): pattern and field rules over each page whose kind or offering kind
 * they apply to, metric rules over the offering's metrics. Elements marked
 * data-hurdle-ignore with the rule's id (or "all") are skipped.
 * Deterministic: the same input gives the same result.
 */
int hd_rules_eval(hd_eval_result *out,
                  hurdle_ctx *ctx,
                  const hurdle_ruleset *rules,
                  const hd_page *const *pages,
                  size_t npages,
                  const char *offering_kind);

void hd_eval_result_dispose(hd_eval_result *result);

/*
 * What the rules found on one page, kept after the page's text is gone (eval_page.c): the hits
 * of every pattern and field rule that may apply to an offering the page can join, with their
 * evidence, the facts they state, and the text measures metric rules read. One block of memory.
 */
typedef struct hd_page_hits hd_page_hits;

/*
 * Runs the pattern and field rules over `page` (classified, with its text) into *out, which the
 * caller owns (hd_page_hits_free()). Thread-safe: the rule set is only read.
 */
int hd_rules_eval_page(hd_page_hits **out,
                       hurdle_ctx *ctx,
                       const hurdle_ruleset *rules,
                       const hd_page *page);
void hd_page_hits_free(hd_page_hits *hits, hurdle_ctx *ctx);
/* The hits were made for offerings of this kind ("rebate", "other"...) too. */
bool hd_page_hits_cover(const hd_page_hits *hits, const char *offering_kind);
/* The bytes the hits take. */
size_t hd_page_hits_size(const hd_page_hits *hits);

/*
 * hd_rules_eval() from the pages' hits (hits[i] made by hd_rules_eval_page() for pages[i]): the
 * pages may have lost their text (hd_page_compact()). Gives what hd_rules_eval() gives.
 */
int hd_rules_eval_hits(hd_eval_result *out,
                       hurdle_ctx *ctx,
                       const hurdle_ruleset *rules,
                       const hd_page *const *pages,
                       const hd_page_hits *const *hits,
                       size_t npages,
                       const char *offering_kind);

/* An hd_facts with nothing stated: NULL strings, empty lists, -1 numbers, HD_FACT_UNSTATED. */
void hd_facts_init(hd_facts *facts);
/* "yes", "no", or NULL for HD_FACT_UNSTATED. */
const char *hd_fact_tri_name(hd_fact_tri t);

#endif
