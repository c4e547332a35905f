/*
 * net/robots.c - robots.txt (RFC 9309) for one crawler: the groups that apply, path matching,
 * crawl-delay, sitemaps. libc only; it wraps no library. Where the RFC is silent, Google's
 * robotstxt library is the reference ("* x" is still "*", the BOM, empty patterns).
 *
 * A group is a run of user-agent lines and the rules after them; only an allow/disallow line
 * ends the run, so sitemap, crawl-delay and unknown records never split a group (2.2.4).
 *
 * Invariants:
 *  - parsing keeps only the rules that apply: the '*' groups' until a group names the
 *    crawler, then only those of the groups naming it (2.2.1);
 *  - all strings live in one pool, by offset while it grows, so borrowed pointers stay valid
 *    until hd_robots_free();
 *  - patterns are stored normalized by norm_token(), and check() streams the path through it
 *    too: both sides agree octet for octet, and check() allocates nothing;
 *  - rules are sorted by priority (longest, then allow, then file order): the first match
 *    decides;
 *  - matching is linear: each '*'-separated segment is found leftmost (greedy is exact for
 *    '*' globs) by KMP, never by backtracking; every input and count is capped (robots.h).
 */
#include "robots.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hurdle/common.h>

#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/vec.h"

enum { MODE_RULES, MODE_ALLOW_ALL, MODE_DISALLOW_ALL };

#define KEY_IS(key, word) equal_nocase((key), (word), sizeof(word) - 1)
#define IS_ALPHA(c)       (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define IS_DIGIT(c)       ((c) >= '0' && (c) <= '9')
#define IS_WS(c)          ((c) == ' ' || (c) == '\t')
#define LOWER(c)          ((c) >= 'A' && (c) <= 'Z' ? (c) - 'A' + 'a' : (c))

static const char always_allowed[] = "/robots.txt is always allowed";
static const char hex_digits[] = "0123456789ABCDEF";

typedef struct rule {
    size_t pat;     /* offset of the normalized pattern in the pool */
    size_t pat_len; /* its length in octets: the rule's priority */
    size_t text;    /* offset of the rule as written ("Disallow: /x") in the pool */
    size_t line;
    bool allow;
} rule;

struct hd_robots {
    hurdle_ctx *ctx;
    int mode;
    hd_buf pool;     /* every string, NUL-terminated; an allow/disallow-all reason at 0 */
    hd_vec rules;    /* rule: those that apply, by priority */
    hd_vec sitemaps; /* size_t: offsets of sitemap URLs in the pool */
    double delay;    /* -1: none */
};

typedef struct parser {
    hd_robots *robots;
    hd_slice agent;     /* the crawler's product token */
    size_t line;        /* 1-based number of the line being parsed */
    bool in_agents;     /* the current group's user-agent lines are still coming */
    bool cur_specific;  /* the current group names the crawler */
    bool cur_star;      /* the current group is for '*' */
    bool specific_seen; /* a group named the crawler: robots has its rules, not '*' ones */
    double cur_delay;   /* the current group's crawl-delay, -1 when none */
} parser;

static int hex_value(unsigned char c)
{
    int l = LOWER(c);

    return IS_DIGIT(c) ? c - '0' : l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
}

/* RFC 3986 2.3: an escape of these means the character itself. */
static bool is_unreserved(unsigned char c)
{
    return IS_ALPHA(c) || IS_DIGIT(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* Octets a URI carries only escaped: non-ASCII, controls, space and RFC 3986's excluded. */
static bool must_encode(unsigned char c)
{
    return c <= 0x20 || c >= 0x7f || strchr("\"<>\\^`{|}", c) != NULL;
}

static size_t encode(unsigned char c, char *out)
{
    out[0] = '%';
    out[1] = hex_digits[c >> 4];
    out[2] = hex_digits[c & 15];
    return 3;
}

/*
 * Normalizes the token at s[0..n) (n >= 1) into out, returning its 1 or 3 octets; *used
 * gets the input octets consumed. In a pattern '*' and a final '$' are special; in a path
 * they are data, read as the escapes a pattern writes for them (RFC 9309 2.2.3).
 */
static size_t norm_token(const unsigned char *s, size_t n, bool pattern, char *out, size_t *used)
{
    unsigned char c = s[0];

    *used = 1;
    if (c == '%' && n >= 3 && hex_value(s[1]) >= 0 && hex_value(s[2]) >= 0) {
        c = (unsigned char)(hex_value(s[1]) * 16 + hex_value(s[2]));
        *used = 3;
        if (is_unreserved(c)) {
            out[0] = (char)c;
            return 1;
        }
        return encode(c, out);
    }
    if (c == '%' || must_encode(c) || (c == '*' && !pattern) || (c == '$' && (!pattern || n > 1))) {
        return encode(c, out);
    }
    out[0] = (char)c;
    return 1;
}

/* The normalized octets of a path, one at a time. */
typedef struct cursor {
    const unsigned char *s;
    const unsigned char *end;
    char tok[3];
    size_t pos;
    size_t len;
} cursor;

/* The next normalized octet, or -1 at the end. */
static int cursor_next(cursor *c)
{
    size_t used;

    if (c->pos < c->len) {
        return (unsigned char)c->tok[c->pos++];
    }
    if (c->s == c->end) {
        return -1;
    }
    c->len = norm_token(c->s, (size_t)(c->end - c->s), false, c->tok, &used);
    c->s += used;
    c->pos = 1;
    return (unsigned char)c->tok[0];
}

/* Finds seg[0..m) (no '*') leftmost in the rest of the path by KMP, leaving the cursor
   after it; with `at_end`, only an occurrence that ends the path counts. */
static bool find(cursor *c, const char *seg, size_t m, bool at_end)
{
    uint16_t fail[HD_ROBOTS_MAX_PATTERN]; /* fail[i]: longest border of seg[0..i] */
    size_t k = 0;
    bool hit = false;

    fail[0] = 0;
    for (size_t i = 1; i < m; i++) {
        while (k > 0 && seg[i] != seg[k]) {
            k = fail[k - 1];
        }
        k += seg[i] == seg[k] ? 1 : 0;
        fail[i] = (uint16_t)k;
    }
    k = 0;
    for (int ch = cursor_next(c); ch >= 0; ch = cursor_next(c)) {
        while (k > 0 && ch != (unsigned char)seg[k]) {
            k = fail[k - 1];
        }
        k += ch == (unsigned char)seg[k] ? 1 : 0;
        hit = k == m;
        if (hit && !at_end) {
            return true;
        }
        k = hit ? fail[k - 1] : k;
    }
    return hit;
}

/* Whether the rule's pattern matches the path from its first octet. */
static bool matches(const hd_robots *r, const rule *ru, const char *path, const char *end)
{
    const char *pat = r->pool.ptr + ru->pat;
    size_t n = ru->pat_len;
    bool anchored = pat[n - 1] == '$'; /* a '$' anywhere else was escaped */
    size_t i = 0;
    cursor c = { (const unsigned char *)path, (const unsigned char *)end, { '/' }, 0, 0 };

    c.len = path == end || path[0] != '/' ? 1 : 0; /* "" reads as "/", and "?q" as "/?q" */
    n -= anchored ? 1 : 0;
    for (; i < n && pat[i] != '*'; i++) {
        if (cursor_next(&c) != (unsigned char)pat[i]) {
            return false;
        }
    }
    while (i < n) { /* pat[i] is a '*': find the segment after it, leftmost */
        size_t j = ++i;

        while (j < n && pat[j] != '*') {
            j++;
        }
        if (j > i && !find(&c, pat + i, j - i, anchored && j == n)) {
            return false;
        }
        if (j == n) {
            return true; /* a final '*', or the last segment found (at the end if anchored) */
        }
        i = j;
    }
    return !anchored || cursor_next(&c) < 0;
}

/* Ends the string the pool holds from `from` on, control characters shown as '?'. */
static int pool_end_shown(hd_buf *pool, size_t from)
{
    if (hd_buf_err(pool) == HURDLE_OK) {
        for (size_t i = from; i < pool->len; i++) {
            unsigned char c = (unsigned char)pool->ptr[i];
            pool->ptr[i] = (char)(c < 0x20 || c == 0x7f ? '?' : c);
        }
    }
    return hd_buf_putc(pool, '\0');
}

/* Normalizes value into the pool, cut at HD_ROBOTS_MAX_PATTERN between escapes; returns the
   input octets taken, 0 when an allow is too long (it is then dropped). */
static size_t store_pattern(hd_robots *r, rule *ru, hd_slice value)
{
    const unsigned char *s = (const unsigned char *)value.ptr;
    size_t i = 0;
    size_t used;
    char tok[3];

    ru->pat = r->pool.len;
    while (i < value.len) {
        size_t k = norm_token(s + i, value.len - i, true, tok, &used);

        if (r->pool.len - ru->pat + k > HD_ROBOTS_MAX_PATTERN) {
            break;
        }
        hd_buf_put(&r->pool, tok, k);
        i += used;
    }
    ru->pat_len = r->pool.len - ru->pat;
    if (i < value.len && ru->allow) {
        hd_buf_truncate(&r->pool, ru->pat);
        return 0;
    }
    hd_buf_putc(&r->pool, '\0');
    return i;
}

static int add_rule(parser *p, hd_slice key, hd_slice value, bool allow)
{
    hd_robots *r = p->robots;
    rule ru = { 0 };
    rule *slot;
    int rc;

    p->in_agents = false; /* a rule line, even an empty or invalid one, ends the agents */
    if ((!p->cur_specific && !p->cur_star) || value.len == 0) {
        return HURDLE_OK; /* before any group, a group not ours, or "disallow:" (nothing) */
    }
    if ((value.ptr[0] != '/' && value.ptr[0] != '*') || (p->specific_seen && !p->cur_specific)) {
        return HURDLE_OK; /* not a path pattern (never matches), or a '*' group now moot */
    }
    if (r->rules.len >= HD_ROBOTS_MAX_RULES) {
        return HURDLE_OK; /* logged when the limit was reached */
    }
    ru.allow = allow;
    ru.line = p->line;
    value.len = store_pattern(r, &ru, value);
    ru.text = r->pool.len;
    if (value.len > 0) {
        hd_buf_put(&r->pool, key.ptr, key.len);
        hd_buf_puts(&r->pool, ": ");
        hd_buf_put(&r->pool, value.ptr, value.len);
    }
    rc = pool_end_shown(&r->pool, ru.text);
    if (rc < 0 || value.len == 0) {
        return rc;
    }
    slot = hd_vec_push(&r->rules);
    if (slot && r->rules.len == HD_ROBOTS_MAX_RULES) {
        HD_LOG(r->ctx, HURDLE_LOG_WARN, "net: robots.txt line %zu: %d rules, later ones ignored",
               p->line, HD_ROBOTS_MAX_RULES);
    }
    if (slot) {
        *slot = ru;
    }
    return slot ? HURDLE_OK : HURDLE_ENOMEM;
}

static hd_slice trim(const char *s, size_t n)
{
    hd_slice out = { s, n };

    for (; out.len > 0 && IS_WS(out.ptr[0]); out.len--) {
        out.ptr++;
    }
    while (out.len > 0 && IS_WS(out.ptr[out.len - 1])) {
        out.len--;
    }
    return out;
}

static bool equal_nocase(hd_slice a, const char *b, size_t b_len)
{
    size_t i = 0;

    while (a.len == b_len && i < b_len && LOWER(a.ptr[i]) == LOWER(b[i])) {
        i++;
    }
    return a.len == b_len && i == b_len;
}

/* The product token at the start of s: letters, '_' and '-' (RFC 9309 2.2.1). */
static size_t token_len(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n && (IS_ALPHA(s[i]) || s[i] == '_' || s[i] == '-')) {
        i++;
    }
    return i;
}

/* The current group is complete: its crawl-delay counts if the group applies. */
static void close_group(parser *p)
{
    bool applies = p->cur_specific || (p->cur_star && !p->specific_seen);

    if (applies && p->cur_delay > p->robots->delay) {
        p->robots->delay = p->cur_delay; /* the largest: the politest reading */
    }
}

static void on_agent(parser *p, hd_slice value)
{
    size_t tok = token_len(value.ptr, value.len);

    if (!p->in_agents) {
        close_group(p);
        p->in_agents = true;
        p->cur_specific = false;
        p->cur_star = false;
        p->cur_delay = -1;
    }
    if (value.len > 0 && value.ptr[0] == '*' && (value.len == 1 || IS_WS(value.ptr[1]))) {
        p->cur_star = true;
    } else if (tok > 0 && equal_nocase(p->agent, value.ptr, tok)) {
        if (!p->specific_seen) {
            p->robots->rules.len = 0; /* the '*' groups' rules and delay no longer apply */
            p->robots->delay = -1;
        }
        p->cur_specific = true;
        p->specific_seen = true;
    }
}

/* Crawl-delay: a non-negative decimal number ("10", "0.5", ".5"); the largest counts. */
static void on_delay(parser *p, hd_slice v)
{
    double d = 0;
    double scale = 1;
    size_t i = 0;
    size_t digits = 0;

    for (; i < v.len && IS_DIGIT(v.ptr[i]); i++, digits++) {
        d = d < HD_ROBOTS_MAX_DELAY ? d * 10 + (double)(v.ptr[i] - '0') : d;
    }
    for (i += i < v.len && v.ptr[i] == '.' ? 1 : 0; i < v.len && IS_DIGIT(v.ptr[i]);
         i++, digits++) {
        scale /= 10;
        d += scale * (double)(v.ptr[i] - '0');
    }
    d = d > HD_ROBOTS_MAX_DELAY ? HD_ROBOTS_MAX_DELAY : d;
    if (digits > 0 && i == v.len && d > p->cur_delay) {
        p->cur_delay = d;
    }
}

/*
 * true when `v` names a scheme: a ':' before any '/', '?' or '#' (a relative reference's
 * first segment has none, RFC 3986 4.2).
 */
static bool has_scheme(hd_slice v)
{
    for (size_t i = 0; i < v.len; i++) {
        if (v.ptr[i] == ':') {
            return true;
        }
        if (v.ptr[i] == '/' || v.ptr[i] == '?' || v.ptr[i] == '#') {
            return false;
        }
    }
    return false;
}

/*
 * Keeps an http(s) URL, or a relative reference (the crawler resolves it against robots.txt's
 * URL), without space or control; another scheme is dropped.
 */
static int add_sitemap(parser *p, hd_slice v)
{
    hd_robots *r = p->robots;
    hd_slice http = { v.ptr, v.len > 7 ? 7 : 0 };
    hd_slice https = { v.ptr, v.len > 8 ? 8 : 0 };
    size_t at = r->pool.len;
    size_t *slot;

    if (v.len == 0 || v.len > HD_ROBOTS_MAX_URL || r->sitemaps.len >= HD_ROBOTS_MAX_SITEMAPS ||
        !(KEY_IS(http, "http://") || KEY_IS(https, "https://") || !has_scheme(v))) {
        return HURDLE_OK;
    }
    for (size_t i = 0; i < v.len; i++) {
        if ((unsigned char)v.ptr[i] <= 0x20 || v.ptr[i] == 0x7f) {
            return HURDLE_OK;
        }
    }
    hd_buf_put(&r->pool, v.ptr, v.len);
    slot = hd_buf_putc(&r->pool, '\0') < 0 ? NULL : hd_vec_push(&r->sitemaps);
    if (slot) {
        *slot = at;
    }
    return slot ? HURDLE_OK : HURDLE_ENOMEM;
}

/* One line without its end: "key: value # comment". Lines without ':' are ignored. */
static int parse_line(parser *p, const char *s, size_t n)
{
    const char *hash = memchr(s, '#', n);
    const char *colon = memchr(s, ':', hash ? (size_t)(hash - s) : n);
    hd_slice key;
    hd_slice value;

    if (!colon) {
        return HURDLE_OK;
    }
    n = hash ? (size_t)(hash - s) : n;
    key = trim(s, (size_t)(colon - s));
    value = trim(colon + 1, n - (size_t)(colon - s) - 1);
    if (KEY_IS(key, "user-agent")) {
        on_agent(p, value);
    } else if (KEY_IS(key, "allow") || KEY_IS(key, "disallow")) {
        return add_rule(p, key, value, key.len == 5);
    } else if (KEY_IS(key, "crawl-delay")) {
        on_delay(p, value);
    } else if (KEY_IS(key, "sitemap")) {
        return add_sitemap(p, value);
    }
    return HURDLE_OK;
}

/* Splits at CR, LF and CRLF; a UTF-8 BOM at the start is skipped. */
static int parse_lines(parser *p, const char *s, size_t n)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int rc = HURDLE_OK;

    while (i < n && rc == HURDLE_OK) {
        size_t start = i;

        while (i < n && s[i] != '\r' && s[i] != '\n') {
            i++;
        }
        p->line++;
        rc = parse_line(p, s + start, i - start);
        i += i + 1 < n && s[i] == '\r' && s[i + 1] == '\n' ? 2 : 1;
    }
    return rc;
}

static int rule_order(const void *a, const void *b)
{
    const rule *x = a;
    const rule *y = b;

    if (x->pat_len != y->pat_len) {
        return x->pat_len > y->pat_len ? -1 : 1;
    }
    if (x->allow != y->allow) {
        return x->allow ? -1 : 1; /* RFC 9309 2.2.2: on a tie, allow */
    }
    return x->line < y->line ? -1 : x->line > y->line;
}

static int robots_new(hd_robots **out, hurdle_ctx *ctx, int mode, const char *why)
{
    hd_robots *r;

    assert(out && ctx);
    *out = NULL;
    r = hd_calloc(ctx, 1, sizeof(*r));
    if (!r) {
        return HURDLE_ENOMEM;
    }
    r->ctx = ctx;
    r->mode = mode;
    r->delay = -1;
    hd_buf_init(&r->pool, ctx, SIZE_MAX / 2);
    hd_vec_init(&r->rules, ctx, sizeof(rule), HD_ROBOTS_MAX_RULES);
    hd_vec_init(&r->sitemaps, ctx, sizeof(size_t), HD_ROBOTS_MAX_SITEMAPS);
    hd_buf_puts(&r->pool, why ? why : "");
    if (pool_end_shown(&r->pool, 0) < 0) {
        hd_robots_free(r);
        return HURDLE_ENOMEM;
    }
    *out = r;
    return HURDLE_OK;
}

int hd_robots_new_allow_all(hd_robots **out, hurdle_ctx *ctx, const char *why)
{
    return robots_new(out, ctx, MODE_ALLOW_ALL, why);
}

int hd_robots_new_disallow_all(hd_robots **out, hurdle_ctx *ctx, const char *why)
{
    return robots_new(out, ctx, MODE_DISALLOW_ALL, why);
}

int hd_robots_parse(hd_robots **out,
                    hurdle_ctx *ctx,
                    const char *body,
                    size_t len,
                    const char *agent,
                    size_t max_bytes)
{
    size_t n = max_bytes ? max_bytes : HD_ROBOTS_DEFAULT_MAX_BYTES;
    parser p;
    int rc = robots_new(out, ctx, MODE_RULES, "");

    if (rc < 0) {
        return rc;
    }
    if (!body || len <= n) {
        n = body ? len : 0;
    } else {
        HD_LOG(ctx, HURDLE_LOG_WARN, "net: robots.txt of %zu bytes parsed up to %zu", len, n);
        while (n > 0 && body[n - 1] != '\n' && body[n - 1] != '\r') {
            n--; /* a line the limit cuts is dropped: its end is unknown */
        }
    }
    memset(&p, 0, sizeof(p));
    p.robots = *out;
    p.agent.ptr = agent ? agent : "";
    p.agent.len = token_len(p.agent.ptr, strlen(p.agent.ptr));
    p.cur_delay = -1;
    rc = parse_lines(&p, body ? body : "", n);
    if (rc == HURDLE_OK) {
        close_group(&p);
        if ((*out)->rules.len > 1) {
            qsort((*out)->rules.ptr, (*out)->rules.len, sizeof(rule), rule_order);
        }
    } else {
        hd_robots_free(*out);
        *out = NULL;
    }
    return rc;
}

void hd_robots_free(hd_robots *robots)
{
    if (robots) {
        hd_buf_dispose(&robots->pool);
        hd_vec_dispose(&robots->rules);
        hd_vec_dispose(&robots->sitemaps);
        hd_free(robots->ctx, robots);
    }
}

bool hd_robots_check(const hd_robots *robots, const char *path, hd_robots_verdict *why_out)
{
    hd_robots_verdict v = { true, 0, "" };
    const char *end;

    path = path ? path : "";
    end = path + strcspn(path, "#");
    if (strncmp(path, "/robots.txt", 11) == 0 && (path + 11 == end || path[11] == '?')) {
        v.rule = always_allowed; /* RFC 9309 2.2.2 */
    } else if (robots->mode != MODE_RULES) {
        v.allowed = robots->mode == MODE_ALLOW_ALL;
        v.rule = robots->pool.ptr;
    } else {
        for (size_t i = 0; i < robots->rules.len; i++) {
            const rule *ru = (const rule *)robots->rules.ptr + i;

            if (matches(robots, ru, path, end)) {
                v = (hd_robots_verdict){ ru->allow, ru->line, robots->pool.ptr + ru->text };
                break;
            }
        }
    }
    if (why_out) {
        *why_out = v;
    }
    return v.allowed;
}

double hd_robots_crawl_delay(const hd_robots *robots)
{
    return robots->delay;
}

size_t hd_robots_sitemap_count(const hd_robots *robots)
{
    return robots->sitemaps.len;
}

const char *hd_robots_sitemap(const hd_robots *robots, size_t i)
{
    return i < robots->sitemaps.len ? robots->pool.ptr + ((const size_t *)robots->sitemaps.ptr)[i]
                                    : NULL;
}
