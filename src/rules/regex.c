/*
 * rules/regex.c - the only PCRE2 user.
 *
 * Patterns compile once, in UTF mode (not UCP: it halves PCRE2's speed, see
 * DESIGN.md §9), caseless unless a rule asks otherwise, and through the JIT
 * when the platform has one (the interpreter otherwise). A compiled hd_regex
 * is immutable and shared by threads; each thread matches with its own
 * hd_matcher (match data plus a match context carrying the match and depth
 * limits), so a pathological pattern stops with HURDLE_ELIMIT instead of
 * hanging. PCRE2 allocates with malloc(3): its memory does not go through
 * the ctx allocator (documented in docs/internals/rules.md).
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "internal.h"

#define HD_REGEX_GROUPS 24 /* ovector pairs: the match and the groups facts read */

struct hd_regex {
    pcre2_code *code;
    bool jit;
};

struct hd_matcher {
    hurdle_ctx *ctx;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *stack;
};

int hd_regex_compile(hd_regex **out, const char *pattern, unsigned flags, char *err, size_t errsize)
{
    uint32_t opts = PCRE2_UTF | PCRE2_USE_OFFSET_LIMIT | PCRE2_DUPNAMES;
    int code = 0;
    PCRE2_SIZE off = 0;
    hd_regex *re;

    *out = NULL;
    if (!(flags & HD_RE_CASE_SENSITIVE)) {
        opts |= PCRE2_CASELESS;
    }
    re = calloc(1, sizeof(*re));
    if (!re) {
        snprintf(err, errsize, "out of memory");
        return HURDLE_ENOMEM;
    }
    re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &code, &off, NULL);
    if (!re->code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof(msg));
        snprintf(err, errsize, "%s at offset %zu", (const char *)msg, (size_t)off);
        free(re);
        return HURDLE_EPARSE;
    }
    /* JIT is an optimisation: without it (no JIT on this platform, or
     * memory refused) the interpreter runs the same pattern. */
    re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
    *out = re;
    return HURDLE_OK;
}

void hd_regex_free(hd_regex *re)
{
    if (re) {
        pcre2_code_free(re->code);
        free(re);
    }
}

int hd_matcher_new(hd_matcher **out, hurdle_ctx *ctx, uint32_t match_limit, uint32_t depth_limit)
{
    hd_matcher *m = hd_calloc(ctx, 1, sizeof(*m));

    *out = NULL;
    if (!m) {
        return HURDLE_ENOMEM;
    }
    m->ctx = ctx;
    m->md = pcre2_match_data_create(HD_REGEX_GROUPS, NULL);
    m->mc = pcre2_match_context_create(NULL);
    if (!m->md || !m->mc) {
        hd_matcher_free(m);
        return hd_oom(ctx);
    }
    pcre2_set_match_limit(m->mc, match_limit);
    pcre2_set_depth_limit(m->mc, depth_limit);
    *out = m;
    return HURDLE_OK;
}

/*
 * JIT code runs on PCRE2's 32 KB machine stack; only a match that needs more gets a JIT stack
 * of its own (32 KB to 512 KB: enough for rule-sized patterns), made once per matcher. A stack
 * made and freed for every matcher (twice a page) cost a mapping and a TLB flush each.
 */
static bool grow_stack(hd_matcher *m)
{
    if (m->stack) {
        return false;
    }
    m->stack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
    if (m->stack) {
        pcre2_jit_stack_assign(m->mc, NULL, m->stack);
    }
    return m->stack != NULL;
}

void hd_matcher_free(hd_matcher *m)
{
    if (!m) {
        return;
    }
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mc);
    pcre2_jit_stack_free(m->stack);
    hd_free(m->ctx, m);
}

int hd_regex_find(hd_matcher *m,
                  const hd_regex *re,
                  const char *s,
                  size_t len,
                  size_t start,
                  bool utf_checked,
                  size_t *mstart,
                  size_t *mend)
{
    return hd_regex_find_in(m, re, s, len, start, SIZE_MAX, utf_checked, mstart, mend);
}

int hd_regex_find_in(hd_matcher *m,
                     const hd_regex *re,
                     const char *s,
                     size_t len,
                     size_t start,
                     size_t limit,
                     bool utf_checked,
                     size_t *mstart,
                     size_t *mend)
{
    uint32_t opts = utf_checked ? PCRE2_NO_UTF_CHECK : 0;
    PCRE2_SIZE *ov;
    int rc;

    if (start > len || start > limit) {
        return 0;
    }
    /* compiled with PCRE2_USE_OFFSET_LIMIT: no match may start past `limit` */
    pcre2_set_offset_limit(m->mc, limit >= len ? PCRE2_UNSET : (PCRE2_SIZE)limit);
    rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, start, opts, m->md, m->mc);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT && grow_stack(m)) {
        rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, start, opts, m->md, m->mc);
    }
    if (rc == PCRE2_ERROR_NOMATCH) {
        return 0;
    }
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT) {
        return HURDLE_ELIMIT;
    }
    if (rc < 0) {
        return HURDLE_EINVAL;
    }
    ov = pcre2_get_ovector_pointer(m->md);
    *mstart = ov[0];
    *mend = ov[1];
    return 1;
}

bool hd_regex_has_group(const hd_regex *re, const char *name)
{
    PCRE2_SPTR first = NULL;
    PCRE2_SPTR last = NULL;

    return pcre2_substring_nametable_scan(re->code, (PCRE2_SPTR)name, &first, &last) > 0;
}

bool hd_regex_group_span(
    const hd_matcher *m, const hd_regex *re, const char *name, size_t *a, size_t *b)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    uint32_t n = pcre2_get_ovector_count(m->md);
    PCRE2_SPTR first = NULL;
    PCRE2_SPTR last = NULL;
    int size = pcre2_substring_nametable_scan(re->code, (PCRE2_SPTR)name, &first, &last);

    for (PCRE2_SPTR e = first; size > 0 && e <= last; e += size) {
        uint32_t g = ((uint32_t)e[0] << 8) | e[1]; /* a name table entry: group number first */
        if (g < n && ov[2 * g] != PCRE2_UNSET && ov[2 * g + 1] >= ov[2 * g]) {
            *a = ov[2 * g];
            *b = ov[2 * g + 1];
            return true;
        }
    }
    return false;
}

bool hd_regex_test(hd_matcher *m, const hd_regex *re, const char *s, size_t len)
{
    size_t a = 0;
    size_t b = 0;

    return hd_regex_find(m, re, s, len, 0, false, &a, &b) == 1;
}
