/*
 * rules/literal.c - the literal words a regex cannot match without.
 *
 * DESIGN.md §9: scan the text once for every rule's literals, then run each
 * regex only where one of its literals occurs. This file reads a pattern
 * (the PCRE2 syntax the packs use) and derives, per node, the set of exact
 * strings it can match (when small) or a set of strings one of which every
 * match contains; concatenation keeps the best of its parts, alternation
 * unites its branches, optional parts require nothing. Literals are ASCII
 * lower-cased. It also says whether a match can contain '\n' and how long a
 * match can be, which bound where a match can start around a literal.
 *
 * Correctness first: anything it does not understand (inline options,
 * backreferences, \K, \G, \Q, \x, verbs, POSIX classes, (?P<..>), odd
 * quantifiers) gives up, and a rule without literals runs everywhere.
 */
#include <string.h>

#include "litset.h"

#define DEPTH_MAX  32  /* nested groups */
#define CHAR_MAX_B 4   /* bytes of one UTF-8 character */
#define REP_MAX    65535

typedef struct info {
    const hd_litset *exact; /* every match is one of these; NULL: unknown */
    const hd_litset *req;   /* every match contains one of these; NULL: nothing known */
    bool nl;                /* a match can contain '\n' */
    size_t maxlen;          /* bytes; SIZE_MAX: unbounded */
    size_t lead;            /* req: added to each string's own lead */
} info;

typedef struct st {
    const char *p;
    const char *end;
    bool cs;
    hd_litmem mem;
    int depth;
    bool fail;        /* syntax this file does not understand: give up */
} st;

static const hd_litset *req_of(const info *i)
{
    return i->exact ? hd_litset_exact_req(i->exact) : i->req;
}

static size_t lead_of(const info *i)
{
    return i->exact ? 0 : i->lead;
}

static info one_char(bool nl)
{
    info r = { NULL, NULL, nl, CHAR_MAX_B, 0 };
    return r;
}

static info zero_width(void)
{
    info r = { &hd_litset_empty, NULL, false, 0, 0 };
    return r;
}

static info literal(st *s, char c)
{
    info r = { NULL, NULL, c == '\n', 1, 0 };
    const char **w = NULL;
    hd_litset *x = hd_litset_new(&s->mem, 1, &w);
    char *str = hd_arena_alloc(s->mem.a, 2);

    if (!x || !str) {
        s->mem.oom = true;
        return r;
    }
    str[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    w[x->n++] = str;
    r.exact = x;
    /* caseless UTF matching folds U+212A to k and U+017F to s */
    if (!s->cs && (str[0] == 'k' || str[0] == 's')) {
        r.maxlen = 3;
    }
    return r;
}


static info parse_alt(st *s);

/* One character class [...]: can it match '\n'? */
static info parse_class(st *s)
{
    bool neg = false;
    bool has_nl = false;
    bool first = true;

    s->p++; /* '[' */
    if (s->p < s->end && *s->p == '^') {
        neg = true;
        s->p++;
    }
    while (s->p < s->end && (*s->p != ']' || first)) {
        char c = *s->p++;
        first = false;
        if (c == '[' && s->p < s->end && (*s->p == ':' || *s->p == '.' || *s->p == '=')) {
            s->fail = true; /* POSIX classes */
            return one_char(true);
        }
        if (c == '\n') {
            has_nl = true;
        }
        if (c != '\\') {
            continue;
        }
        if (s->p >= s->end) {
            break;
        }
        c = *s->p++;
        if (strchr("nsDWHv", c)) {
            has_nl = true;
        } else if (!strchr("dwhSVrtfeab", c) &&
                   ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            s->fail = true; /* \x.., \p{..}, \Q, octal, ...: not understood */
            return one_char(true);
        }
    }
    if (s->p >= s->end) {
        s->fail = true;
        return one_char(true);
    }
    s->p++; /* ']' */
    return one_char(neg ? !has_nl : has_nl);
}

static info parse_escape(st *s)
{
    char c;

    s->p++; /* '\\' */
    if (s->p >= s->end) {
        s->fail = true;
        return zero_width();
    }
    c = *s->p++;
    if (strchr("bBAzZ", c)) {
        return zero_width();
    }
    if (strchr("dwShVrtfea", c)) {
        return one_char(false);
    }
    if (strchr("sDWHvRn", c)) {
        return one_char(true);
    }
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (unsigned char)c >= 0x80) {
        s->fail = true; /* backreferences, \K, \G, \Q, \x, \p, \N{..}, ... */
        return zero_width();
    }
    return literal(s, c); /* escaped punctuation */
}

/* A group after its '(': (...), (?:...), (?>...) and lookarounds. */
static info parse_group(st *s)
{
    bool look = false;
    info r;

    if (s->p < s->end && *s->p == '?') {
        s->p++;
        if (s->p < s->end && (*s->p == ':' || *s->p == '>' || *s->p == '=' || *s->p == '!')) {
            look = *s->p == '=' || *s->p == '!';
            s->p++;
        } else if (s->end - s->p >= 2 && s->p[0] == '<' && (s->p[1] == '=' || s->p[1] == '!')) {
            look = true;
            s->p += 2;
        } else if (s->p < s->end && *s->p == '<') {
            /* a named group (?<name>...): a group like any other */
            while (s->p < s->end && *s->p != '>') {
                s->p++;
            }
            if (s->p >= s->end) {
                s->fail = true;
                return zero_width();
            }
            s->p++;
        } else {
            s->fail = true; /* inline options, (?P<..>), conditionals, ... */
            return zero_width();
        }
    } else if (s->p < s->end && *s->p == '*') {
        s->fail = true; /* (*VERB) and (*UCP)-style settings */
        return zero_width();
    }
    if (++s->depth > DEPTH_MAX) {
        s->fail = true;
        return zero_width();
    }
    r = parse_alt(s);
    s->depth--;
    if (s->p >= s->end || *s->p != ')') {
        s->fail = true;
        return zero_width();
    }
    s->p++;
    /* a lookaround consumes nothing; the regex sees the whole text anyway */
    return look ? zero_width() : r;
}

static info parse_atom(st *s)
{
    unsigned char c = (unsigned char)*s->p;

    if (c == '(') {
        s->p++;
        return parse_group(s);
    }
    if (c == '[') {
        return parse_class(s);
    }
    if (c == '\\') {
        return parse_escape(s);
    }
    if (c == '^' || c == '$') {
        s->p++;
        return zero_width();
    }
    if (c == '*' || c == '+' || c == '?' || c == '{') {
        s->fail = true;
        return zero_width();
    }
    s->p++;
    if (c == '.') {
        return one_char(false);
    }
    if (c >= 0x80) { /* one UTF-8 character: caseless folding is not ASCII, so no literal */
        while (s->p < s->end && ((unsigned char)*s->p & 0xc0) == 0x80) {
            s->p++;
        }
        return one_char(false);
    }
    return literal(s, (char)c);
}

static bool read_num(st *s, size_t *out)
{
    size_t n = 0;
    const char *start = s->p;

    while (s->p < s->end && *s->p >= '0' && *s->p <= '9' && n <= REP_MAX) {
        n = n * 10 + (size_t)(*s->p++ - '0');
    }
    *out = n;
    return s->p > start && n <= REP_MAX;
}

/* A quantifier at s->p, if any: *min and *max (SIZE_MAX: unbounded). */
static bool parse_quant(st *s, size_t *min, size_t *max)
{
    char c = s->p < s->end ? *s->p : '\0';

    if (c == '?' || c == '*' || c == '+') {
        *min = c == '+';
        *max = c == '?' ? 1 : SIZE_MAX;
        s->p++;
    } else if (c == '{') {
        s->p++;
        if (!read_num(s, min)) {
            s->fail = true; /* "{,n}" and a literal '{': not understood */
            return false;
        }
        *max = *min;
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            *max = SIZE_MAX;
            if (s->p < s->end && *s->p != '}' && (!read_num(s, max) || *max < *min)) {
                s->fail = true;
                return false;
            }
        }
        if (s->p >= s->end || *s->p != '}') {
            s->fail = true;
            return false;
        }
        s->p++;
    } else {
        return false;
    }
    if (s->p < s->end && (*s->p == '?' || *s->p == '+')) {
        s->p++; /* lazy or possessive: the same strings can match */
    }
    return true;
}

static info quantify(st *s, info c, size_t min, size_t max)
{
    info r = { NULL, NULL, max > 0 && c.nl, 0, lead_of(&c) };

    if (max == SIZE_MAX) {
        r.maxlen = c.maxlen ? SIZE_MAX : 0;
    } else {
        r.maxlen = mul_sat(c.maxlen, max);
    }
    if (min == 1 && max == 1) {
        return c;
    }
    if (max == 0) {
        r.exact = &hd_litset_empty;
    } else if (min == 0) {
        r.exact = max == 1 ? hd_litset_union(&s->mem, c.exact, &hd_litset_empty, EXACT_MAX) : NULL;
    } else {
        r.req = req_of(&c);
    }
    return r;
}

static info parse_piece(st *s)
{
    info a = parse_atom(s);
    size_t min = 0;
    size_t max = 0;

    if (s->fail || s->mem.oom || !parse_quant(s, &min, &max)) {
        return a;
    }
    if (s->p < s->end && strchr("?*+{", *s->p)) {
        s->fail = true;
        return a;
    }
    return quantify(s, a, min, max);
}

static info parse_concat(st *s)
{
    info r = { NULL, NULL, false, 0, 0 };
    const hd_litset *run = &hd_litset_empty;
    size_t run_pre = 0; /* the run's lead: the most bytes before it */
    hd_litcand best = { NULL, SIZE_MAX };
    bool all_exact = true;

    while (s->p < s->end && *s->p != '|' && *s->p != ')' && !s->fail && !s->mem.oom) {
        size_t pre = r.maxlen;
        info c = parse_piece(s);
        const hd_litset *x = c.exact && run ? hd_litset_cross(&s->mem, run, c.exact) : NULL;
        r.nl = r.nl || c.nl;
        r.maxlen = add_sat(r.maxlen, c.maxlen);
        if (x) {
            run = x;
            continue;
        }
        all_exact = false;
        hd_litset_better(&best, hd_litset_exact_req(run), run_pre);
        hd_litset_better(&best, c.exact ? NULL : c.req, add_sat(pre, c.lead));
        run = c.exact;
        run_pre = pre;
    }
    if (all_exact) {
        r.exact = run;
        return r;
    }
    hd_litset_better(&best, hd_litset_exact_req(run), run_pre);
    r.req = best.req;
    r.lead = best.lead;
    return r;
}

static info parse_alt(st *s)
{
    info r = parse_concat(s);
    const hd_litset *req = req_of(&r);
    size_t lead = lead_of(&r);

    while (s->p < s->end && *s->p == '|' && !s->fail && !s->mem.oom) {
        info b;
        s->p++;
        b = parse_concat(s);
        r.exact = hd_litset_union(&s->mem, r.exact, b.exact, EXACT_MAX);
        req = hd_litset_req_union(&s->mem, req, lead, req_of(&b), lead_of(&b));
        lead = 0;
        r.nl = r.nl || b.nl;
        r.maxlen = b.maxlen > r.maxlen ? b.maxlen : r.maxlen;
    }
    r.req = req;
    r.lead = lead;
    return r;
}

/*
 * The requirement into `out`: each literal with its back (the most bytes
 * from a match's start to the literal's end). A literal that contains
 * another is dropped: the shorter one occurs too, and takes the larger back.
 */
static int keep_literals(hd_literals *out, hd_arena *arena, const hd_litset *req, size_t add)
{
    size_t *back = hd_arena_array(arena, req->n, sizeof(size_t));
    size_t *keep = hd_arena_array(arena, req->n, sizeof(size_t));
    const char **v = hd_arena_array(arena, req->n, sizeof(char *));

    if (!back || !keep || !v) {
        return HURDLE_ENOMEM;
    }
    for (size_t i = 0; i < req->n; i++) {
        size_t j = 0;
        while (j < req->n && (j == i || !strstr(req->v[i], req->v[j]))) {
            j++;
        }
        keep[i] = j; /* == n: kept; else the literal it contains */
        back[i] = add_sat(add_sat(add, hd_litset_lead(req, i)), strlen(req->v[i]));
        back[i] = back[i] < out->maxlen ? back[i] : out->maxlen;
    }
    for (size_t i = 0; i < req->n; i++) {
        size_t j = i;
        while (keep[j] < req->n) { /* follow to a kept literal (containment is acyclic) */
            j = keep[j];
        }
        back[j] = back[i] > back[j] ? back[i] : back[j];
    }
    out->lits.v = v;
    out->backs = back; /* compacted below, in step with v */
    for (size_t i = 0; i < req->n; i++) {
        if (keep[i] == req->n) {
            back[out->lits.n] = back[i];
            v[out->lits.n++] = req->v[i];
        }
    }
    for (size_t i = 0; i < out->lits.n; i++) {
        out->back = i == 0 || back[i] > out->back ? back[i] : out->back;
    }
    return HURDLE_OK;
}

/*
 * `pattern` with each unbounded run of whitespace or digits outside a class
 * (`\s*`, `\s+`, `\d*`, `\d+`) cut to at most one character (`\s?`, `\s`,
 * ...), in `arena`; NULL when it has none (or on ENOMEM, with *oom set). A
 * match of the pattern minus the bytes its runs gave up (all whitespace or
 * digits) matches the copy, and literals never span a `\s` or `\d`, so the
 * copy's literals hold for the pattern and its backs bound the bytes other
 * than whitespace and digits from a match's start to a literal's end.
 */
static char *shrink_ws(hd_arena *arena, const char *pattern, bool *oom)
{
    size_t len = strlen(pattern);
    char *c = hd_arena_alloc(arena, len + 1);
    bool in_class = false;
    bool changed = false;
    size_t o = 0;

    if (!c) {
        *oom = true;
        return NULL;
    }
    for (size_t i = 0; i < len; i++) {
        char ch = pattern[i];
        c[o++] = ch;
        if (ch == '\\' && i + 1 < len) {
            c[o++] = pattern[++i];
            if (!in_class && (pattern[i] == 's' || pattern[i] == 'd') && i + 1 < len &&
                (pattern[i + 1] == '*' || pattern[i + 1] == '+')) {
                if (pattern[++i] == '*') {
                    c[o++] = '?';
                }
                changed = true;
            }
        } else if (ch == '[' && !in_class) {
            in_class = true;
            if (i + 1 < len && pattern[i + 1] == '^') {
                c[o++] = pattern[++i];
            }
            if (i + 1 < len && pattern[i + 1] == ']') {
                c[o++] = pattern[++i]; /* a leading ']' is a member */
            }
        } else if (ch == ']') {
            in_class = false;
        }
    }
    c[o] = '\0';
    return changed ? c : NULL;
}

static int extract(hd_literals *out, hd_arena *arena, const char *pattern, bool case_sensitive);

int hd_literal_extract(hd_literals *out, hd_arena *arena, const char *pattern,
                       bool case_sensitive)
{
    int rc = extract(out, arena, pattern, case_sensitive);
    bool oom = false;
    const char *shrunk;
    hd_literals ws;

    if (rc < 0 || out->back != SIZE_MAX || !out->lits.n) {
        return rc;
    }
    shrunk = shrink_ws(arena, pattern, &oom);
    if (!shrunk) {
        return oom ? HURDLE_ENOMEM : HURDLE_OK;
    }
    rc = extract(&ws, arena, shrunk, case_sensitive);
    if (rc == HURDLE_OK && ws.lits.n && ws.back != SIZE_MAX) {
        ws.nl_free = out->nl_free;
        ws.maxlen = out->maxlen;
        ws.ws_back = true;
        *out = ws;
    }
    return rc;
}

static int extract(hd_literals *out, hd_arena *arena, const char *pattern, bool case_sensitive)
{
    st s = { pattern, pattern + strlen(pattern), case_sensitive, { arena, false }, 0, false };
    info root = parse_alt(&s);
    const hd_litset *req;

    memset(out, 0, sizeof(*out));
    out->maxlen = SIZE_MAX;
    out->back = SIZE_MAX;
    if (s.mem.oom) {
        return HURDLE_ENOMEM;
    }
    if (s.fail || s.p != s.end) {
        return HURDLE_OK; /* not understood: no literals, the regex runs everywhere */
    }
    out->nl_free = !root.nl;
    out->maxlen = root.maxlen;
    req = req_of(&root);
    if (!req || !req->n || hd_litset_min_len(req) == 0) {
        return HURDLE_OK;
    }
    return keep_literals(out, arena, req, lead_of(&root));
}
