/*
 * html/purpose.h - the keyword table that field purposes are classified
 * with (purpose.c), and its matcher (purpose_table.c).
 *
 * The html module owns the LOGIC of classification (evidence tiers,
 * refinements, passwords, date parts, neighbours) and this table TYPE; the
 * keywords themselves are data: rules/purposes.json fixes the groups and
 * their order, rules/<lang>/purposes.json gives each group's keywords, and
 * src/rules/pack_purposes.c loads them into a table (docs/rules.md). The
 * html module never reads rules; it gets the table through hd_page_limits.
 *
 * A group is one line of the old "first match wins" tables: a purpose and
 * keywords, in a set (text controls, checkboxes, password fields, date
 * parts). Keywords are matched on a normalised form of each evidence text:
 * lower case, camelCase, digits and punctuation split into words
 * (" billing address name first ") and a compact form without separators
 * ("billingaddressnamefirst"). A keyword "=word" (or "=two words") must
 * match whole words of the spaced form; any other keyword matches anywhere
 * in the compact form. All keywords of all groups are compiled into two
 * Aho-Corasick automata (one per form), so each evidence text is scanned
 * once and gives the set of groups it hits.
 *
 * A built table is immutable and may be shared read-only across threads.
 */
#ifndef HD_HTML_PURPOSE_H
#define HD_HTML_PURPOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hurdle/ctx.h>

#define HD_PURPOSE_NORM_MAX   256 /* bytes of one normalised evidence text */
#define HD_PURPOSE_MAX_GROUPS 256 /* groups in a table */
#define HD_PURPOSE_MAX_WORD   60  /* bytes of one keyword, '=' excluded */
#define HD_PURPOSE_MAX_WORDS  20000

/* Which controls a group applies to. */
typedef enum hd_purpose_set {
    HD_PSET_TEXT = 0, /* inputs that take text, selects, textareas (and file inputs) */
    HD_PSET_CHECK,    /* checkboxes and radios */
    HD_PSET_PASSWORD, /* type=password: cc-csc, national-id, current or new password... */
    HD_PSET_DAY,      /* words naming one part of a date */
    HD_PSET_MONTH,
    HD_PSET_YEAR,
    HD_PSET_COUNT
} hd_purpose_set;

/* "text", "check", "password", "date-day", "date-month", "date-year"; -1 when unknown. */
int hd_purpose_set_parse(const char *name);
const char *hd_purpose_set_name(hd_purpose_set set);

/*
 * The static string of purpose `name` (DESIGN.md section 2, plus "password":
 * a password field whose new/current the logic decides), NULL when `name`
 * is not a purpose hurdle knows. Field purposes are always these strings.
 */
const char *hd_purpose_find(const char *name);
/* true when name[0..len) is an autofill field name of the HTML standard. */
bool hd_purpose_is_autofill_name(const char *name, size_t len);

/* One evidence text, normalised (see above). */
typedef struct hd_purpose_text {
    char spaced[HD_PURPOSE_NORM_MAX + 2];
    char compact[HD_PURPOSE_NORM_MAX];
    size_t ns;
    size_t nc;
} hd_purpose_text;

void hd_purpose_text_init(hd_purpose_text *t);
/* Appends `src` (UTF-8, may be NULL) as a new run of words. */
void hd_purpose_text_add(hd_purpose_text *t, const char *src);

/*
 * Writes the form keyword `word` must be written in to match anything (lower
 * case; for "=..." words single spaces between words, for others no
 * separators) into `out` (size `size`); returns true when `word` is already
 * in that form and within HD_PURPOSE_MAX_WORD bytes.
 */
bool hd_purpose_word_normal(char *out, size_t size, const char *word);

typedef struct hd_purpose_table hd_purpose_table;

/* The groups a text hits, one bit per group. */
typedef struct hd_purpose_hits {
    uint64_t bits[HD_PURPOSE_MAX_GROUPS / 64];
} hd_purpose_hits;

/* An empty table, allocated through `ctx` (whose allocator must outlive it). */
int hd_purpose_table_new(hd_purpose_table **out, hurdle_ctx *ctx);
void hd_purpose_table_free(hd_purpose_table *table);
/*
 * Appends a group of `set` giving `purpose` (a string of hd_purpose_find();
 * NULL for date parts). Groups are tried in the order they are added.
 * Sets *index_out. HURDLE_ELIMIT past HD_PURPOSE_MAX_GROUPS, ENOMEM.
 */
int hd_purpose_table_group(size_t *index_out,
                           hd_purpose_table *table,
                           hd_purpose_set set,
                           const char *purpose);
/* Adds keyword `word` (copied; hd_purpose_word_normal() must accept it) to group `group`. */
int hd_purpose_table_word(hd_purpose_table *table, size_t group, const char *word);
/* Maps autocomplete token `token` (copied) to `purpose` (a hd_purpose_find() string). */
int hd_purpose_table_autofill(hd_purpose_table *table, const char *token, const char *purpose);
/* Compiles the automata; call once, after the last group and word. ENOMEM or ELIMIT. */
int hd_purpose_table_build(hd_purpose_table *table);

size_t hd_purpose_table_ngroups(const hd_purpose_table *table);
size_t hd_purpose_table_nwords(const hd_purpose_table *table);

/* The groups `text` hits (one scan of each of its two forms). */
void hd_purpose_table_scan(hd_purpose_hits *out,
                           const hd_purpose_table *table,
                           const hd_purpose_text *text);
/* The purpose of the first group of `set` in `hits`, NULL when none; for date sets "" */
const char *hd_purpose_hits_first(const hd_purpose_hits *hits,
                                  const hd_purpose_table *table,
                                  hd_purpose_set set);
/* The purpose autocomplete token tok[0..len) gives, NULL when none. */
const char *
hd_purpose_table_autofill_find(const hd_purpose_table *table, const char *tok, size_t len);

#endif
