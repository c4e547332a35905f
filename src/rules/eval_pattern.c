/*
 * rules/eval_pattern.c - pattern rules: a regex or a word list over the
 * text scopes of each page.
 *
 * With the prefilter (prefilter.c), each page scope is scanned once for the
 * literals of every rule, and a regex runs only in windows of start
 * positions around its literals' occurrences: every match contains one of
 * the literals (literal.c), starts no earlier than the literal's end minus
 * the longest match or minus its lead, and, when no match can hold '\n',
 * in the literal's block. Searching each window from max(window start, end
 * of the previous match) with no match allowed to start past the window
 * gives exactly the matches of a search over the whole text, in the same
 * order: a match that starts before a window would hold a literal, so it
 * would be in an earlier window. The subject is always the whole text, so
 * \b, lookbehind and lookahead see what they would see anyway.
 * hd_eval_opts.no_prefilter runs the regexes over whole texts instead (the
 * reference the tests compare against).
 */
#include <stdlib.h>
#include <string.h>

#include "eval.h"

#define UNLESS_SPAN 80  /* bytes around a match that an "unless" regex sees */

/* The lower-cased text of a page's scope, for prefilters (ASCII folding). */
static const char *lower_text(hd_ev *ev, size_t page, hd_scope s)
{
    size_t i = page * HD_SCOPE_COUNT + (size_t)s;
    const hd_text *t = &ev->pages[page]->scopes[s];

    if (!ev->lower[i]) {
        char *c = hd_arena_strndup(&ev->tmp, t->text, t->len);
        for (size_t k = 0; c && k < t->len; k++) {
            c[k] = (char)(c[k] >= 'A' && c[k] <= 'Z' ? c[k] + 32 : c[k]);
        }
        ev->lower[i] = c;
    }
    return ev->lower[i];
}

static bool prefilter_pass(hd_ev *ev, const hd_rule *rule, size_t page, hd_scope s)
{
    const char *low;

    if (!rule->prefilter.n) {
        return true;
    }
    low = lower_text(ev, page, s);
    if (!low) {
        return true; /* no memory for the shortcut: run the regex */
    }
    for (size_t i = 0; i < rule->prefilter.n; i++) {
        if (strstr(low, rule->prefilter.v[i])) {
            return true;
        }
    }
    return false;
}

static bool utf_ok(hd_ev *ev, size_t page, hd_scope s)
{
    size_t i = page * HD_SCOPE_COUNT + (size_t)s;
    const hd_text *t = &ev->pages[page]->scopes[s];

    if (!ev->utf[i]) {
        ev->utf[i] = hd_utf8_valid(t->text, t->len) ? 1 : -1;
        if (ev->utf[i] < 0) {
            HD_LOG(ev->ctx, HURDLE_LOG_WARN, "rules: %s: %s text is not utf-8; regex rules skip it",
                   ev->pages[page]->url, hd_scope_name(s));
        }
    }
    return ev->utf[i] > 0;
}

/* true when the text around [a, b) matches the rule's "unless" regex. */
static bool vetoed(hd_ev *ev, const hd_rule *rule, const hd_text *t, size_t a, size_t b)
{
    size_t s = a > UNLESS_SPAN ? hd_ev_utf8_back(t->text, a - UNLESS_SPAN) : 0;
    size_t e = t->len - b > UNLESS_SPAN ? hd_ev_utf8_back(t->text, b + UNLESS_SPAN) : t->len;
    size_t ms = 0;
    size_t me = 0;

    if (!rule->unless) {
        return false;
    }
    /* stay inside the block: text blocks are separated by '\n' */
    for (size_t i = a; i > s; i--) {
        if (t->text[i - 1] == '\n') {
            s = i;
            break;
        }
    }
    for (size_t i = b; i < e; i++) {
        if (t->text[i] == '\n') {
            e = i;
            break;
        }
    }
    return hd_regex_find(ev->m, rule->unless, t->text + s, e - s, 0, true, &ms, &me) == 1;
}

typedef struct word_ctx {
    hd_ev *ev;
    const hd_rule *const *rules; /* the word rules of one scan, by list index */
    size_t page;
    const hd_text *t;
} word_ctx;

static bool on_word(const hd_word_hit *hit, size_t list, void *payload)
{
    word_ctx *w = payload;
    const hd_rule *rule = w->rules[list];

    if (!vetoed(w->ev, rule, w->t, hit->start, hit->end)) {
        hd_ev_loc loc = { w->page, w->t, hit->start, hit->end,
                          hd_wordlist_advice(rule->words, hit->entry) };
        hd_ev_hit(w->ev, rule, &loc);
        if (rule->nfacts) {
            hd_ev_fact_hit(w->ev, rule, &loc, false);
        }
    }
    return w->ev->err == 0;
}

/* Records the match [a, b) unless vetoed; the next search position. */
static size_t take(hd_ev *ev, const hd_rule *rule, size_t page, const hd_text *t, size_t a,
                   size_t b)
{
    size_t pos = b > a ? b : b + 1;
    hd_ev_loc loc = { page, t, a, b, NULL };
    size_t mark = ev->facthits.len;

    if (rule->nfacts) {
        hd_ev_fact_hit(ev, rule, &loc, true); /* reads the match's groups: before "unless" */
    }
    if (!vetoed(ev, rule, t, a, b)) {
        hd_ev_hit(ev, rule, &loc);
    } else {
        ev->facthits.len = mark;
    }
    while (pos < t->len && ((unsigned char)t->text[pos] & 0xc0) == 0x80) {
        pos++;
    }
    return pos;
}

static bool limit_hit(hd_ev *ev, const hd_rule *rule, size_t page, hd_scope s, int rc)
{
    if (rc == HURDLE_ELIMIT) {
        HD_LOG(ev->ctx, HURDLE_LOG_WARN, "rules: %s: regex hit the match limit on %s (%s); "
               "rule stopped on this text", rule->id, ev->pages[page]->url, hd_scope_name(s));
        return true;
    }
    return false;
}

static void regex_scope(hd_ev *ev, const hd_rule *rule, size_t page, hd_scope s)
{
    const hd_text *t = &ev->pages[page]->scopes[s];
    size_t pos = 0;
    size_t a = 0;
    size_t b = 0;

    while (pos <= t->len && !ev->err) {
        int rc = hd_regex_find(ev->m, rule->re, t->text, t->len, pos, true, &a, &b);
        if (limit_hit(ev, rule, page, s, rc) || rc != 1) {
            return;
        }
        pos = take(ev, rule, page, t, a, b);
    }
}

/* A window of start positions [s, e] where a match may start. */
typedef struct window {
    size_t s;
    size_t e;
} window;

static int cmp_window(const void *a, const void *b)
{
    size_t x = ((const window *)a)->s;
    size_t y = ((const window *)b)->s;

    return (x > y) - (x < y);
}

/*
 * The windows of occ[0..n) into w, sorted by start: a match holding an
 * occurrence starts at most its back before the literal's end, not before
 * the literal's block when no match holds '\n', and not after its start.
 */
/*
 * The earliest start of a match whose bytes before `end` hold at most `back`
 * bytes other than whitespace and digits (PCRE2's \s and \d without UCP:
 * space, \t to \r, 0 to 9).
 */
static size_t ws_back_start(const char *text, size_t end, size_t back)
{
    size_t i = end;
    size_t k = 0;

    while (i > 0) {
        unsigned char c = (unsigned char)text[i - 1];
        if (c != ' ' && (c < '\t' || c > '\r') && (c < '0' || c > '9')) {
            if (k == back) {
                break;
            }
            k++;
        }
        i--;
    }
    return i;
}

static void windows_of(const hd_rule *rule, const char *text, const hd_pf_occ *occ, size_t n,
                       window *w)
{
    bool sorted = true;

    for (size_t k = 0; k < n; k++) {
        const hd_pf_occ *o = &occ[k];
        size_t ws = rule->lits.ws_back ? ws_back_start(text, o->end, o->back)
                    : o->end > o->back ? o->end - o->back : 0;
        if (rule->lits.nl_free && o->line > ws) {
            ws = o->line;
        }
        w[k].s = ws < o->start ? ws : o->start;
        w[k].e = o->start;
        sorted = sorted && (k == 0 || w[k].s >= w[k - 1].s);
    }
    if (!sorted) {
        qsort(w, n, sizeof(window), cmp_window);
    }
}

/* The regex in the windows around its literals' occurrences occ[0..n). */
static void regex_windows(hd_ev *ev, const hd_rule *rule, size_t page, hd_scope s,
                          const hd_pf_occ *occ, size_t n)
{
    const hd_text *t = &ev->pages[page]->scopes[s];
    window *w = hd_arena_array(&ev->tmp, n, sizeof(window));
    size_t pos = 0;
    size_t k = 0;

    if (!w) {
        ev->err = ev->err ? ev->err : HURDLE_ENOMEM;
        return;
    }
    windows_of(rule, t->text, occ, n, w);
    while (k < n && !ev->err) {
        size_t ws = w[k].s;
        size_t we = w[k].e;
        size_t a = 0;
        size_t b = 0;
        /* merge the windows that overlap or touch */
        for (k++; k < n && w[k].s <= we + 1; k++) {
            we = w[k].e > we ? w[k].e : we;
        }
        ws = ws > pos ? ws : pos;
        if (ws > we) {
            continue;
        }
        ws = hd_ev_utf8_back(t->text, ws);
        while (ws <= we && !ev->err) {
            int rc = hd_regex_find_in(ev->m, rule->re, t->text, t->len, ws, we, true, &a, &b);
            if (limit_hit(ev, rule, page, s, rc)) {
                return;
            }
            if (rc != 1) {
                break;
            }
            pos = ws = take(ev, rule, page, t, a, b);
        }
    }
}

/* The prefilter's scan of a page's scope, made on first use; NULL without. */
static const hd_pf_scan *scan_of(hd_ev *ev, size_t page, hd_scope s)
{
    size_t i = page * HD_SCOPE_COUNT + (size_t)s;
    const hd_text *t = &ev->pages[page]->scopes[s];

    if (ev->no_prefilter || !ev->rs->pf) {
        return NULL;
    }
    if (!ev->scanned[i]) {
        int rc = hd_prefilter_scan(&ev->scans[i], ev->rs->pf, &ev->tmp, &ev->raw, t->text, t->len);
        if (rc < 0) {
            ev->err = ev->err ? ev->err : rc;
            return NULL;
        }
        ev->scanned[i] = true;
    }
    return &ev->scans[i];
}

/* One rule over one page scope, through the prefilter's scan. */
static void scope_rule(hd_ev *ev, const hd_rule *rule, size_t page, hd_scope s)
{
    const hd_pf_scan *sc = scan_of(ev, page, s);
    size_t ri = hd_rule_index(ev->rs, rule);

    if (!sc) {
        if (ev->err || !prefilter_pass(ev, rule, page, s) || !utf_ok(ev, page, s)) {
            return;
        }
        regex_scope(ev, rule, page, s);
        return;
    }
    if ((rule->prefilter.n && !sc->gate[ri]) || !utf_ok(ev, page, s)) {
        return;
    }
    if (!rule->lits.lits.n || (sc->folds && !rule->case_sensitive)) {
        regex_scope(ev, rule, page, s);
    } else {
        regex_windows(ev, rule, page, s, sc->occ + sc->off[ri], sc->off[ri + 1] - sc->off[ri]);
    }
}

void hd_ev_pattern_rule(hd_ev *ev, const hd_rule *rule)
{
    for (size_t p = 0; p < ev->npages && !ev->err; p++) {
        if (!hd_ev_applies(ev, rule, p)) {
            continue;
        }
        for (int s = 0; s < HD_SCOPE_COUNT; s++) {
            const hd_text *t = &ev->pages[p]->scopes[s];
            if ((rule->scopes & (1u << s)) && t->text && t->len) {
                scope_rule(ev, rule, p, (hd_scope)s);
            }
        }
    }
}

/* true when word rule `rule` runs on the page's scope (the checks of scope_rule). */
static bool words_run(hd_ev *ev, const hd_rule *rule, size_t page, hd_scope s)
{
    const hd_pf_scan *sc;

    if (ev->err) {
        return false;
    }
    sc = scan_of(ev, page, s);
    if (!sc) {
        return !ev->err && prefilter_pass(ev, rule, page, s) && utf_ok(ev, page, s);
    }
    return !(rule->prefilter.n && !sc->gate[hd_rule_index(ev->rs, rule)]) && utf_ok(ev, page, s);
}

void hd_ev_word_rules(hd_ev *ev, const hd_rule *const *rules, size_t n)
{
    const hd_rule *run[HD_EV_MAX_WORD_RULES];
    const hd_wordlist *lists[HD_EV_MAX_WORD_RULES];

    for (size_t p = 0; p < ev->npages && !ev->err; p++) {
        for (int s = 0; s < HD_SCOPE_COUNT && !ev->err; s++) {
            const hd_text *t = &ev->pages[p]->scopes[s];
            size_t k = 0;
            word_ctx w = { ev, run, p, t };
            for (size_t i = 0; i < n && t->text && t->len; i++) {
                const hd_rule *r = rules[i];
                if (hd_ev_applies(ev, r, p) && (r->scopes & (1u << s)) &&
                    words_run(ev, r, p, (hd_scope)s)) {
                    run[k] = r;
                    lists[k++] = r->words;
                }
            }
            if (k) {
                hd_wordlist_scan_many(lists, k, t->text, t->len, on_word, &w);
            }
        }
    }
}
