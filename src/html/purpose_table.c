/*
 * html/purpose_table.c - the normalisation of evidence texts, and the
 * keyword table of purpose.h: groups of keywords
 * compiled into two Aho-Corasick automata, one over the compact form
 * (substring keywords) and one over the spaced form (" word " keywords).
 *
 * Each automaton is a full DFA over byte classes (the bytes keywords use,
 * plus one class for every other byte), so a scan is one table look-up and
 * one OR of the state's group bits per byte. A state's bits include those
 * of its failure chain, so every occurrence of every keyword is seen.
 * libc only.
 */
#include <string.h>

#include "../util/alloc.h"
#include "purpose.h"

#define HITS_WORDS (HD_PURPOSE_MAX_GROUPS / 64)
#define NONE       UINT32_MAX

typedef struct pgroup {
    hd_purpose_set set;
    const char *purpose; /* NULL for date parts */
} pgroup;

typedef struct pat {
    char *bytes; /* for whole words: " word " */
    size_t len;
    size_t group;
    bool word;
} pat;

typedef struct acm {
    uint32_t *delta; /* nstates * ncls */
    hd_purpose_hits *out;
    size_t nstates;
    size_t ncls;
    unsigned char cls[256];
} acm;

typedef struct token {
    char *tok;
    const char *purpose;
} token;

struct hd_purpose_table {
    hurdle_ctx *ctx;
    pgroup groups[HD_PURPOSE_MAX_GROUPS];
    size_t ngroups;
    uint64_t setmask[HD_PSET_COUNT][HITS_WORDS];
    pat *pats;
    size_t npats;
    size_t cappats;
    token *tokens;
    size_t ntokens;
    size_t captokens;
    acm sub;  /* substring keywords over the compact form */
    acm word; /* whole-word keywords over the spaced form */
};

/* ---- normalisation ---- */

/* Lower-cases one character of UTF-8 (ASCII, Latin-1 letters, Cyrillic) into `out`. */
static size_t lower_char(const unsigned char *s, size_t n, unsigned char out[2], size_t *used)
{
    if (s[0] < 0x80) {
        out[0] = (unsigned char)(s[0] >= 'A' && s[0] <= 'Z' ? s[0] + 32 : s[0]);
        *used = 1;
        return 1;
    }
    *used = 1;
    while (*used < n && (s[*used] & 0xC0) == 0x80) {
        (*used)++;
    }
    if (*used != 2) {
        return 0;
    }
    out[0] = s[0];
    out[1] = s[1];
    if (s[0] == 0xC3 && s[1] >= 0x80 && s[1] <= 0x9E && s[1] != 0x97) {
        out[1] = (unsigned char)(s[1] + 0x20);
    } else if (s[0] == 0xD0 && s[1] >= 0x90 && s[1] <= 0x9F) {
        out[1] = (unsigned char)(s[1] + 0x20);
    } else if (s[0] == 0xD0 && s[1] >= 0xA0 && s[1] <= 0xAF) {
        out[0] = 0xD1;
        out[1] = (unsigned char)(s[1] - 0x20);
    }
    return 2;
}

static void put_sep(hd_purpose_text *n)
{
    if (n->ns > 1 && n->spaced[n->ns - 1] != ' ' && n->ns < HD_PURPOSE_NORM_MAX) {
        n->spaced[n->ns++] = ' ';
    }
}

/* 1 lower (and any non-ASCII), 2 upper, 3 digit, 0 separator */
static int char_kind(unsigned char c)
{
    return c >= 'a' && c <= 'z'   ? 1
           : c >= 'A' && c <= 'Z' ? 2
           : c >= '0' && c <= '9' ? 3
           : c >= 0x80            ? 1
                                  : 0;
}

void hd_purpose_text_add(hd_purpose_text *n, const char *src)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t len = src ? strlen(src) : 0;
    size_t i = 0;
    int prev = 0;

    put_sep(n);
    while (i < len && n->ns + 4 < HD_PURPOSE_NORM_MAX && n->nc + 4 < HD_PURPOSE_NORM_MAX) {
        unsigned char c[2];
        size_t used;
        size_t k = lower_char(s + i, len - i, c, &used);
        int kind = char_kind(s[i]);
        bool split = kind == 0 || (kind == 2 && prev == 1) || (kind == 3) != (prev == 3) ||
                     (kind == 2 && prev == 2 && i + 1 < len && s[i + 1] >= 'a' && s[i + 1] <= 'z');
        if (split) {
            put_sep(n);
        }
        if (kind != 0 && k > 0) {
            memcpy(n->spaced + n->ns, c, k);
            memcpy(n->compact + n->nc, c, k);
            n->ns += k;
            n->nc += k;
        }
        prev = kind;
        i += used;
    }
    put_sep(n);
    n->spaced[n->ns] = '\0';
    n->compact[n->nc] = '\0';
}

void hd_purpose_text_init(hd_purpose_text *n)
{
    n->spaced[0] = ' ';
    n->spaced[1] = '\0';
    n->ns = 1;
    n->compact[0] = '\0';
    n->nc = 0;
}

bool hd_purpose_word_normal(char *out, size_t size, const char *word)
{
    hd_purpose_text t;
    bool whole = word[0] == '=';
    const char *s;
    size_t n;

    hd_purpose_text_init(&t);
    hd_purpose_text_add(&t, whole ? word + 1 : word);
    s = whole ? t.spaced + 1 : t.compact;
    n = whole ? (t.ns > 1 ? t.ns - 2 : 0) : t.nc;
    if (size) {
        size_t k = n + (whole ? 1 : 0) < size ? n : (size > 2 ? size - 2 : 0);
        size_t o = 0;
        if (whole && size > 1) {
            out[o++] = '=';
        }
        memcpy(out + o, s, k);
        out[o + k] = '\0';
    }
    return n > 0 && n <= HD_PURPOSE_MAX_WORD && strlen(word) == n + (whole ? 1 : 0) &&
           memcmp(word + (whole ? 1 : 0), s, n) == 0;
}

/* ---- the table ---- */

int hd_purpose_table_new(hd_purpose_table **out, hurdle_ctx *ctx)
{
    *out = hd_calloc(ctx, 1, sizeof(**out));
    if (!*out) {
        return HURDLE_ENOMEM;
    }
    (*out)->ctx = ctx;
    return HURDLE_OK;
}

static void acm_dispose(hurdle_ctx *ctx, acm *a)
{
    hd_free(ctx, a->delta);
    hd_free(ctx, a->out);
}

void hd_purpose_table_free(hd_purpose_table *t)
{
    if (!t) {
        return;
    }
    for (size_t i = 0; i < t->npats; i++) {
        hd_free(t->ctx, t->pats[i].bytes);
    }
    for (size_t i = 0; i < t->ntokens; i++) {
        hd_free(t->ctx, t->tokens[i].tok);
    }
    hd_free(t->ctx, t->pats);
    hd_free(t->ctx, t->tokens);
    acm_dispose(t->ctx, &t->sub);
    acm_dispose(t->ctx, &t->word);
    hd_free(t->ctx, t);
}

int hd_purpose_table_group(size_t *index_out,
                           hd_purpose_table *t,
                           hd_purpose_set set,
                           const char *purpose)
{
    size_t g = t->ngroups;

    if (g >= HD_PURPOSE_MAX_GROUPS) {
        return HURDLE_ELIMIT;
    }
    t->groups[g].set = set;
    t->groups[g].purpose = purpose;
    t->setmask[set][g / 64] |= (uint64_t)1 << (g % 64);
    t->ngroups++;
    *index_out = g;
    return HURDLE_OK;
}

/* Grows `*arr` (of `*cap` items of `size`) to hold one more than `len`. */
static int grow(hurdle_ctx *ctx, void **arr, size_t *cap, size_t len, size_t size)
{
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p;

    if (len < *cap) {
        return HURDLE_OK;
    }
    p = hd_realloc(ctx, *arr, ncap * size);
    if (!p) {
        return HURDLE_ENOMEM;
    }
    *arr = p;
    *cap = ncap;
    return HURDLE_OK;
}

int hd_purpose_table_word(hd_purpose_table *t, size_t group, const char *word)
{
    bool whole = word[0] == '=';
    size_t n = strlen(word) - (whole ? 1 : 0);
    pat *p;
    int rc;

    if (group >= t->ngroups || t->npats >= HD_PURPOSE_MAX_WORDS) {
        return group >= t->ngroups ? HURDLE_EINVAL : HURDLE_ELIMIT;
    }
    rc = grow(t->ctx, (void **)&t->pats, &t->cappats, t->npats, sizeof(pat));
    if (rc < 0) {
        return rc;
    }
    p = &t->pats[t->npats];
    p->bytes = hd_malloc(t->ctx, n + 3);
    if (!p->bytes) {
        return HURDLE_ENOMEM;
    }
    if (whole) {
        p->bytes[0] = ' ';
        memcpy(p->bytes + 1, word + 1, n);
        p->bytes[n + 1] = ' ';
        n += 2;
    } else {
        memcpy(p->bytes, word, n);
    }
    p->bytes[n] = '\0';
    p->len = n;
    p->group = group;
    p->word = whole;
    t->npats++;
    return HURDLE_OK;
}

int hd_purpose_table_autofill(hd_purpose_table *t, const char *tok, const char *purpose)
{
    size_t n = strlen(tok);
    token *k;
    int rc = grow(t->ctx, (void **)&t->tokens, &t->captokens, t->ntokens, sizeof(token));

    if (rc < 0) {
        return rc;
    }
    k = &t->tokens[t->ntokens];
    k->tok = hd_malloc(t->ctx, n + 1);
    if (!k->tok) {
        return HURDLE_ENOMEM;
    }
    memcpy(k->tok, tok, n + 1);
    k->purpose = purpose;
    t->ntokens++;
    return HURDLE_OK;
}

size_t hd_purpose_table_ngroups(const hd_purpose_table *t)
{
    return t->ngroups;
}

size_t hd_purpose_table_nwords(const hd_purpose_table *t)
{
    return t->npats;
}

/* Byte classes of the patterns of one kind; returns the total pattern bytes. */
static size_t acm_classes(acm *a, const hd_purpose_table *t, bool word)
{
    size_t total = 0;

    memset(a->cls, 0, sizeof(a->cls));
    a->ncls = 1;
    for (size_t i = 0; i < t->npats; i++) {
        if (t->pats[i].word != word) {
            continue;
        }
        total += t->pats[i].len;
        for (size_t j = 0; j < t->pats[i].len; j++) {
            unsigned char c = (unsigned char)t->pats[i].bytes[j];
            if (!a->cls[c]) {
                a->cls[c] = (unsigned char)a->ncls++;
            }
        }
    }
    return total;
}

/* The trie of the patterns of one kind; transitions not in it are NONE. */
static void acm_trie(acm *a, const hd_purpose_table *t, bool word)
{
    a->nstates = 1;
    for (size_t i = 0; i < t->npats; i++) {
        const pat *p = &t->pats[i];
        size_t s = 0;
        if (p->word != word) {
            continue;
        }
        for (size_t j = 0; j < p->len; j++) {
            uint32_t *next = &a->delta[s * a->ncls + a->cls[(unsigned char)p->bytes[j]]];
            if (*next == NONE) {
                *next = (uint32_t)a->nstates++;
            }
            s = *next;
        }
        a->out[s].bits[p->group / 64] |= (uint64_t)1 << (p->group % 64);
    }
}

/* Breadth first: failure links, missing transitions, outputs along the chain. */
static int acm_links(acm *a, hurdle_ctx *ctx)
{
    uint32_t *queue = hd_malloc(ctx, a->nstates * sizeof(uint32_t));
    uint32_t *fail = hd_calloc(ctx, a->nstates, sizeof(uint32_t));
    size_t head = 0;
    size_t tail = 1;
    int rc = HURDLE_OK;

    if (!queue || !fail) {
        rc = HURDLE_ENOMEM;
        goto done;
    }
    queue[0] = 0;
    while (head < tail) {
        uint32_t s = queue[head++];
        for (size_t c = 0; c < a->ncls; c++) {
            uint32_t *d = &a->delta[s * a->ncls + c];
            if (*d == NONE) {
                *d = s == 0 ? 0 : a->delta[fail[s] * a->ncls + c];
                continue;
            }
            fail[*d] = s == 0 ? 0 : a->delta[fail[s] * a->ncls + c];
            for (size_t w = 0; w < HITS_WORDS; w++) {
                a->out[*d].bits[w] |= a->out[fail[*d]].bits[w];
            }
            queue[tail++] = *d;
        }
    }
done:
    hd_free(ctx, queue);
    hd_free(ctx, fail);
    return rc;
}

static int acm_build(acm *a, const hd_purpose_table *t, bool word)
{
    size_t max = acm_classes(a, t, word) + 1;

    if (max > UINT32_MAX / a->ncls) {
        return HURDLE_ELIMIT;
    }
    a->delta = hd_malloc(t->ctx, max * a->ncls * sizeof(uint32_t));
    a->out = hd_calloc(t->ctx, max, sizeof(hd_purpose_hits));
    if (!a->delta || !a->out) {
        return HURDLE_ENOMEM;
    }
    memset(a->delta, 0xff, max * a->ncls * sizeof(uint32_t));
    acm_trie(a, t, word);
    return acm_links(a, t->ctx);
}

int hd_purpose_table_build(hd_purpose_table *t)
{
    int rc = acm_build(&t->sub, t, false);

    return rc < 0 ? rc : acm_build(&t->word, t, true);
}

static void acm_scan(hd_purpose_hits *out, const acm *a, const char *s, size_t n)
{
    uint32_t st = 0;

    for (size_t i = 0; i < n; i++) {
        const hd_purpose_hits *o;
        st = a->delta[st * a->ncls + a->cls[(unsigned char)s[i]]];
        o = &a->out[st];
        for (size_t w = 0; w < HITS_WORDS; w++) {
            out->bits[w] |= o->bits[w];
        }
    }
}

void hd_purpose_table_scan(hd_purpose_hits *out,
                           const hd_purpose_table *t,
                           const hd_purpose_text *text)
{
    memset(out, 0, sizeof(*out));
    if (!t || text->nc == 0) {
        return;
    }
    acm_scan(out, &t->sub, text->compact, text->nc);
    acm_scan(out, &t->word, text->spaced, text->ns);
}

const char *
hd_purpose_hits_first(const hd_purpose_hits *hits, const hd_purpose_table *t, hd_purpose_set set)
{
    for (size_t w = 0; t && w < HITS_WORDS; w++) {
        uint64_t m = hits->bits[w] & t->setmask[set][w];
        size_t g = w * 64;
        if (!m) {
            continue;
        }
        while (!(m & 1u)) {
            m >>= 1;
            g++;
        }
        return t->groups[g].purpose ? t->groups[g].purpose : "";
    }
    return NULL;
}

const char *hd_purpose_table_autofill_find(const hd_purpose_table *t, const char *tok, size_t len)
{
    if (!t) { /* no table: a token names the purpose of the same name, if any */
        char name[32];
        if (len == 0 || len >= sizeof(name) || !hd_purpose_is_autofill_name(tok, len)) {
            return NULL;
        }
        memcpy(name, tok, len);
        name[len] = '\0';
        return hd_purpose_find(name);
    }
    for (size_t i = 0; i < t->ntokens; i++) {
        if (strlen(t->tokens[i].tok) == len && memcmp(tok, t->tokens[i].tok, len) == 0) {
            return t->tokens[i].purpose;
        }
    }
    return NULL;
}
