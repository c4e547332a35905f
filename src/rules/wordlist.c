/*
 * rules/wordlist.c - word lists matched on tokenized text, not as regexes.
 *
 * DESIGN.md §9: a list of 200 phrases as one PCRE2 alternation is slow and
 * hides overlapping matches (leftmost-first). Here every phrase is split
 * into lower-cased words and stored in a hash table keyed by a polynomial
 * hash of its words' hashes. Scanning tokenizes the text once; at each word
 * it looks up the n-grams (n = 1 .. the longest phrase) that end there, so
 * every occurrence of every phrase is reported, overlapping ones included,
 * in one pass whatever the list's size. A word is a run of ASCII letters or
 * digits or non-ASCII bytes, with inner apostrophes; case folding is ASCII.
 * Invariant: the table is immutable after parsing (shared by threads).
 */
#include <string.h>

#include "internal.h"

#define POLY ((uint64_t)0x100000001b3ULL)

typedef struct entry {
    char *phrase;   /* as written */
    char *advice;
    char *norm;     /* lower-case words joined by one space */
    uint64_t key;
    uint64_t last;  /* hash of its last word */
    size_t nwords;
} entry;

#define LAST_BITS 16 /* the last-word filter: 2^16 bits */

struct hd_wordlist {
    hurdle_ctx *ctx;
    entry *entries;
    size_t n;
    size_t *table;  /* entry index + 1; 0 empty */
    size_t mask;
    size_t maxn;
    uint64_t *last; /* bit (hash of a phrase's last word) mod 2^LAST_BITS */
};

static bool is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}



static uint64_t mix(uint64_t acc, uint64_t wh)
{
    return acc * 0x9e3779b97f4a7c15ULL + wh;
}

/*
 * The next word at or after *pos: [*ws, *we), and its hash (FNV-1a of its
 * lower-cased bytes) in the same pass. false at the end.
 */
static bool next_hashed(const char *s, size_t len, size_t *pos, size_t *ws, size_t *we,
                        uint64_t *h)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = *pos;
    uint64_t x = 0xcbf29ce484222325ULL;

    while (i < len && !is_word_byte(p[i])) {
        i++;
    }
    if (i >= len) {
        *pos = len;
        return false;
    }
    *ws = i;
    while (i < len && (is_word_byte(p[i]) ||
                       (p[i] == '\'' && i + 1 < len && is_word_byte(p[i + 1]) && i > *ws))) {
        x ^= lower(p[i]);
        x *= POLY;
        i++;
    }
    *we = i;
    *pos = i;
    *h = x;
    return true;
}

/* Normalises `phrase` into `e`: its words, their count and key. */
static int normalise(hurdle_ctx *ctx, entry *e, const char *phrase)
{
    size_t len = strlen(phrase);
    size_t pos = 0;
    size_t ws = 0;
    size_t we = 0;
    size_t o = 0;
    uint64_t wh = 0;

    e->norm = hd_malloc(ctx, len + 1);
    if (!e->norm) {
        return HURDLE_ENOMEM;
    }
    e->key = 0;
    e->nwords = 0;
    e->last = 0;
    while (next_hashed(phrase, len, &pos, &ws, &we, &wh)) {
        if (o) {
            e->norm[o++] = ' ';
        }
        for (size_t i = ws; i < we; i++) {
            e->norm[o++] = (char)lower((unsigned char)phrase[i]);
        }
        e->last = wh;
        e->key = mix(e->key, e->last);
        e->nwords++;
    }
    e->norm[o] = '\0';
    return HURDLE_OK;
}

static size_t *slot(const hd_wordlist *wl, uint64_t key, const char *norm)
{
    size_t i = (size_t)(key & wl->mask);

    while (wl->table[i]) {
        const entry *e = &wl->entries[wl->table[i] - 1];
        if (e->key == key && (!norm || strcmp(e->norm, norm) == 0)) {
            return &wl->table[i];
        }
        i = (i + 1) & wl->mask;
    }
    return &wl->table[i];
}

/* Adds one "phrase<TAB>advice" line (already cut at its end). */
static int add_line(hd_wordlist *wl, const char *name, size_t lineno, const char *line,
                    size_t len)
{
    const char *tab = memchr(line, '\t', len);
    size_t plen = tab ? (size_t)(tab - line) : len;
    entry *e;

    if (wl->n >= HD_WORDS_MAX_ENTRIES) {
        return hd_fail(wl->ctx, HURDLE_ELIMIT, "%s:%zu: more than %d phrases", name, lineno,
                       HD_WORDS_MAX_ENTRIES);
    }
    e = &wl->entries[wl->n];
    e->phrase = hd_strndup(wl->ctx, line, plen);
    e->advice = hd_strndup(wl->ctx, tab ? tab + 1 : "", tab ? len - plen - 1 : 0);
    if (!e->phrase || !e->advice || normalise(wl->ctx, e, e->phrase) < 0) {
        wl->n++; /* freed with the list */
        return HURDLE_ENOMEM;
    }
    wl->n++;
    if (e->nwords == 0 || e->nwords > HD_WORDS_MAX_N) {
        return hd_fail(wl->ctx, HURDLE_EPARSE, "%s:%zu: a phrase needs 1 to %d words", name,
                       lineno, HD_WORDS_MAX_N);
    }
    return HURDLE_OK;
}

static size_t count_lines(const char *data, size_t len)
{
    size_t n = 1;

    for (size_t i = 0; i < len; i++) {
        n += data[i] == '\n';
    }
    return n;
}

static int parse_lines(hd_wordlist *wl, const char *name, const char *data, size_t len)
{
    size_t pos = 0;
    size_t lineno = 0;
    bool header = true;

    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t ll = end - pos;
        int rc;
        lineno++;
        if (ll && data[pos + ll - 1] == '\r') {
            ll--;
        }
        if (ll && data[pos] != '#') {
            if (header) {
                header = false;
            } else {
                rc = add_line(wl, name, lineno, data + pos, ll);
                if (rc < 0) {
                    return rc;
                }
            }
        }
        pos = end + 1;
    }
    return HURDLE_OK;
}

static int build_table(hd_wordlist *wl)
{
    size_t cap = 16;
    size_t kept = 0;

    while (cap < wl->n * 2) {
        cap *= 2;
    }
    wl->table = hd_calloc(wl->ctx, cap, sizeof(size_t));
    wl->last = hd_calloc(wl->ctx, ((size_t)1 << LAST_BITS) / 64, sizeof(uint64_t));
    if (!wl->table || !wl->last) {
        return HURDLE_ENOMEM;
    }
    wl->mask = cap - 1;
    for (size_t i = 0; i < wl->n; i++) {
        uint64_t b = wl->entries[i].last & (((uint64_t)1 << LAST_BITS) - 1);
        wl->last[b / 64] |= (uint64_t)1 << (b % 64);
        size_t *s = slot(wl, wl->entries[i].key, wl->entries[i].norm);
        if (!*s) { /* a repeated phrase keeps its first advice */
            *s = i + 1;
            kept++;
        }
        if (wl->entries[i].nwords > wl->maxn) {
            wl->maxn = wl->entries[i].nwords;
        }
    }
    (void)kept;
    return HURDLE_OK;
}

int hd_wordlist_parse(hd_wordlist **out, hurdle_ctx *ctx, const char *name, const char *data,
                      size_t len)
{
    hd_wordlist *wl = hd_calloc(ctx, 1, sizeof(*wl));
    size_t lines = count_lines(data, len);
    int rc;

    *out = NULL;
    if (!wl) {
        return HURDLE_ENOMEM;
    }
    wl->ctx = ctx;
    if (lines > HD_WORDS_MAX_ENTRIES + 64) {
        lines = HD_WORDS_MAX_ENTRIES + 1;
    }
    wl->entries = hd_calloc(ctx, lines, sizeof(entry));
    rc = wl->entries ? parse_lines(wl, name, data, len) : HURDLE_ENOMEM;
    if (rc == 0) {
        rc = build_table(wl);
    }
    if (rc < 0) {
        hd_wordlist_free(wl);
        return rc;
    }
    *out = wl;
    return HURDLE_OK;
}

void hd_wordlist_free(hd_wordlist *wl)
{
    if (!wl) {
        return;
    }
    for (size_t i = 0; i < wl->n; i++) {
        hd_free(wl->ctx, wl->entries[i].phrase);
        hd_free(wl->ctx, wl->entries[i].advice);
        hd_free(wl->ctx, wl->entries[i].norm);
    }
    hd_free(wl->ctx, wl->entries);
    hd_free(wl->ctx, wl->table);
    hd_free(wl->ctx, wl->last);
    hd_free(wl->ctx, wl);
}

size_t hd_wordlist_size(const hd_wordlist *wl)
{
    return wl->n;
}

const char *hd_wordlist_phrase(const hd_wordlist *wl, size_t entry_index)
{
    return wl->entries[entry_index].phrase;
}

const char *hd_wordlist_advice(const hd_wordlist *wl, size_t entry_index)
{
    return wl->entries[entry_index].advice;
}

/* true when the words ws[0..n) of `text` spell `norm`. */
static bool same_words(const char *text, const size_t *ws, const size_t *we, size_t n,
                       const char *norm)
{
    size_t o = 0;

    for (size_t k = 0; k < n; k++) {
        if (k) {
            if (norm[o++] != ' ') {
                return false;
            }
        }
        for (size_t i = ws[k]; i < we[k]; i++) {
            if (norm[o] == '\0' || (unsigned char)norm[o] != lower((unsigned char)text[i])) {
                return false;
            }
            o++;
        }
    }
    return norm[o] == '\0';
}


/* true when some phrase may end with the word of hash `wh`. */
static bool may_end(const hd_wordlist *wl, uint64_t wh)
{
    uint64_t b = wh & (((uint64_t)1 << LAST_BITS) - 1);

    return (wl->last[b / 64] >> (b % 64)) & 1;
}

/* Forwards one list's hits to a hd_word_multi_fn with the list's index. */
typedef struct hd_word_sink {
    hd_word_multi_fn fn;
    void *payload;
    size_t list;
} hd_word_sink;

static bool sink_one(const hd_word_hit *hit, void *payload)
{
    const hd_word_sink *k = payload;

    return k->fn(hit, k->list, k->payload);
}

/* Reports the phrases among the n-grams ending at word `have - 1`. */
static bool lookup(const hd_wordlist *wl, const char *text, const size_t *ws, const size_t *we,
                   const uint64_t *wh, size_t have,
                   bool (*fn)(const hd_word_hit *hit, void *payload), void *payload)
{
    uint64_t keys[HD_WORDS_MAX_N + 1];
    uint64_t pw = 1;

    /* key(first..last) = sum of wh[k] * M^(last - k): built from the end */
    keys[0] = 0;
    for (size_t n = 1; n <= have; n++) {
        keys[n] = keys[n - 1] + wh[have - n] * pw;
        pw *= 0x9e3779b97f4a7c15ULL;
    }
    /* longest phrase first, so hits come in order of start for each end */
    for (size_t n = have; n >= 1; n--) {
        size_t first = have - n;
        const size_t *sl = slot(wl, keys[n], NULL);
        while (*sl) {
            const entry *en = &wl->entries[*sl - 1];
            if (en->key == keys[n] && en->nwords == n &&
                same_words(text, ws + first, we + first, n, en->norm)) {
                hd_word_hit hit = { ws[first], we[have - 1], *sl - 1 };
                if (!fn(&hit, payload)) {
                    return false;
                }
                break;
            }
            sl = wl->table + ((size_t)(sl - wl->table) + 1) % (wl->mask + 1);
        }
    }
    return true;
}

/* The n-grams ending at the newest word, for each list: hits of list k as (hit, k). */
static bool lookup_all(const hd_wordlist *const *wls, size_t n, const char *text,
                       const size_t *ws, const size_t *we, const uint64_t *wh, size_t have,
                       hd_word_multi_fn fn, void *payload)
{
    for (size_t k = 0; k < n; k++) {
        const hd_wordlist *wl = wls[k];
        size_t h = have < wl->maxn ? have : wl->maxn;
        size_t skip = have - h;
        hd_word_sink sink = { fn, payload, k };
        if (wl->n && may_end(wl, wh[have - 1]) &&
            !lookup(wl, text, ws + skip, we + skip, wh + skip, h, sink_one, &sink)) {
            return false;
        }
    }
    return true;
}

void hd_wordlist_scan_many(const hd_wordlist *const *wls, size_t n, const char *text, size_t len,
                           hd_word_multi_fn fn, void *payload)
{
    /* the last maxn words, each stored twice (at k and k + maxn), so that they are always
       contiguous, oldest first, in [slot + maxn + 1 - have, slot + maxn]: nothing shifts */
    size_t ws[2 * HD_WORDS_MAX_N];
    size_t we[2 * HD_WORDS_MAX_N];
    uint64_t wh[2 * HD_WORDS_MAX_N];
    size_t maxn = 0;
    size_t have = 0;
    size_t slot = 0;
    size_t pos = 0;
    size_t s = 0;
    size_t e = 0;
    uint64_t h = 0;

    for (size_t k = 0; k < n; k++) {
        maxn = wls[k]->n && wls[k]->maxn > maxn ? wls[k]->maxn : maxn;
    }
    if (!maxn) {
        return;
    }
    while (next_hashed(text, len, &pos, &s, &e, &h)) {
        size_t first;
        ws[slot] = ws[slot + maxn] = s;
        we[slot] = we[slot + maxn] = e;
        wh[slot] = wh[slot + maxn] = h;
        have += have < maxn ? 1 : 0;
        first = slot + maxn + 1 - have;
        if (!lookup_all(wls, n, text, ws + first, we + first, wh + first, have, fn, payload)) {
            return;
        }
        slot = slot + 1 == maxn ? 0 : slot + 1;
    }
}

typedef struct single {
    bool (*fn)(const hd_word_hit *hit, void *payload);
    void *payload;
} single;

static bool single_hit(const hd_word_hit *hit, size_t list, void *payload)
{
    const single *o = payload;

    (void)list;
    return o->fn(hit, o->payload);
}

void hd_wordlist_scan(const hd_wordlist *wl, const char *text, size_t len,
                      bool (*fn)(const hd_word_hit *hit, void *payload), void *payload)
{
    single o = { fn, payload };

    hd_wordlist_scan_many(&wl, 1, text, len, single_hit, &o);
}
