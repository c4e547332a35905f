/*
 * hurdle/rules.h - loading, validating and listing rule packs.
 */
#ifndef HURDLE_RULES_H
#define HURDLE_RULES_H

#include <hurdle/common.h>
#include <hurdle/ctx.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A compiled rule set: every rule pack and word list of some folders, with
 * the scoring settings. Immutable once loaded, so one rule set can be
 * shared read-only by any number of threads.
 */
typedef struct hurdle_ruleset hurdle_ruleset;

/**
 * Loads every rule pack (each `.json` file) under each folder of `dirs` (searched
 * one level deep, so `rules/` finds the packs in `rules/en/`), validates each rule
 * and compiles its patterns. The first folder must hold `scoring.json`;
 * later folders add packs. A rule id defined twice is an error.
 * Sets `*out` to NULL on failure; the message names the file and rule.
 * @return HURDLE_OK, HURDLE_EIO, HURDLE_EPARSE, HURDLE_EINVAL, HURDLE_ENOMEM
 */
HURDLE_API int
hurdle_ruleset_load(hurdle_ruleset **out, hurdle_ctx *ctx, const char *const *dirs, size_t ndirs);

/** Frees a rule set. Accepts NULL. */
HURDLE_API void hurdle_ruleset_free(hurdle_ruleset *rules);

/** The number of rules in the set. */
HURDLE_API size_t hurdle_ruleset_count(const hurdle_ruleset *rules);

/**
 * The rule set's version: the scoring file's `version`, then a hash of all
 * loaded pack contents, e.g. "2026.11-3f2a9c01". Borrowed for the rule
 * set's lifetime.
 */
HURDLE_API const char *hurdle_ruleset_version(const hurdle_ruleset *rules);

/**
 * Switches rule `id` off (`severity` NULL or "off") or changes its severity
 * ("minor", "moderate", "serious", "critical"). Call before the rule set is
 * shared between threads.
 * @return HURDLE_OK, HURDLE_ENOTFOUND (no such rule), HURDLE_EINVAL
 */
HURDLE_API int hurdle_ruleset_override(hurdle_ruleset *rules,
                                       hurdle_ctx *ctx,
                                       const char *id,
                                       const char *severity);

/**
 * Writes the rules as a JSON array (id, dimension, severity, kind,
 * applies_to, message, advice, tags, source file) into `out`.
 * Caller owns `out`.
 */
HURDLE_API int
hurdle_ruleset_to_json(hurdle_buf *out, hurdle_ctx *ctx, const hurdle_ruleset *rules);

/**
 * Runs every rule's own examples: each `examples.match[]` page must give
 * the rule at least one finding and each `examples.no_match[]` page none.
 * Failures are described one per line in `report` (caller owns it).
 * @return the number of failing examples (0 when all pass), or a negative
 * status when the check could not run
 */
HURDLE_API int
hurdle_ruleset_check_examples(hurdle_buf *report, hurdle_ctx *ctx, const hurdle_ruleset *rules);

#ifdef __cplusplus
}
#endif

#endif
