/*
 * rules/links.c - the crawler's link ranking (rules/links.json): phrases
 * per kind of offer and language, each with the kind's weight, and phrases
 * to avoid. A link's score is the best weight its anchor text names, or
 * url_factor of the best its URL names, plus the avoid weight when either
 * names something to avoid. Phrases match whole words, ASCII case-folded
 * (bytes of other scripts compare as they are). Read with cJSON like the
 * packs; an absent links.json ranks every link 0.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"

#define MAX_PHRASES 4000
#define MAX_PHRASE  64
#define TEXT_MAX    512 /* bytes of anchor text or URL looked at */

#define SLOTS 4096 /* hash slots of the phrases' first words (a power of two) */

struct hd_linkwords {
    const char **phrase; /* lower case */
    size_t *len;
    uint32_t *head;    /* per slot: the first phrase (index + 1) whose first word hashes there */
    uint32_t *next;    /* per phrase: the next one in its slot (index + 1), 0 at the end */
    signed char *kind; /* index into kinds, -1: avoid */
    size_t n;
    const char *kinds[16];
    double weight[16];
    size_t nkinds;
    double avoid;
    double url_factor;
};

static int
add_phrases(hd_linkwords *lw, hd_arena *a, const cJSON *words, int kind, const char *name)
{
    const cJSON *lang;

    cJSON_ArrayForEach(lang, words)
    {
        const cJSON *w;
        if (!cJSON_IsArray(lang)) {
            return hd_fail(a->ctx, HURDLE_EINVAL, "%s: words of '%s' must be a list", name,
                           lang->string ? lang->string : "");
        }
        cJSON_ArrayForEach(w, lang)
        {
            size_t n = cJSON_IsString(w) ? strlen(w->valuestring) : 0;
            char *c;
            if (n == 0 || n > MAX_PHRASE || lw->n >= MAX_PHRASES) {
                return hd_fail(a->ctx, HURDLE_EINVAL,
                               "%s: a phrase is empty, longer than %d "
                               "bytes or one too many (%d)",
                               name, MAX_PHRASE, MAX_PHRASES);
            }
            c = hd_arena_strdup(a, w->valuestring);
            if (!c) {
                return HURDLE_ENOMEM;
            }
            for (char *p = c; *p; p++) {
                *p = (char)tolower((unsigned char)*p);
            }
            lw->phrase[lw->n] = c;
            lw->len[lw->n] = n;
            lw->kind[lw->n++] = (signed char)kind;
        }
    }
    return HURDLE_OK;
}

static int parse_kinds(hd_linkwords *lw, hd_arena *a, const cJSON *kinds, const char *name)
{
    const cJSON *k;

    cJSON_ArrayForEach(k, kinds)
    {
        const cJSON *kind = cJSON_GetObjectItemCaseSensitive(k, "kind");
        const cJSON *weight = cJSON_GetObjectItemCaseSensitive(k, "weight");
        const cJSON *words = cJSON_GetObjectItemCaseSensitive(k, "words");
        int rc;
        if (!cJSON_IsString(kind) || !cJSON_IsNumber(weight) || !isfinite(weight->valuedouble) ||
            fabs(weight->valuedouble) > 1000 || !cJSON_IsObject(words) || lw->nkinds >= 16) {
            return hd_fail(a->ctx, HURDLE_EINVAL,
                           "%s: each of \"kinds\" needs a kind, a weight "
                           "(-1000 to 1000) and words by language (16 kinds at most)",
                           name);
        }
        lw->kinds[lw->nkinds] = hd_arena_strdup(a, kind->valuestring);
        lw->weight[lw->nkinds] = weight->valuedouble;
        if (!lw->kinds[lw->nkinds]) {
            return HURDLE_ENOMEM;
        }
        rc = add_phrases(lw, a, words, (int)lw->nkinds++, name);
        if (rc < 0) {
            return rc;
        }
    }
    return HURDLE_OK;
}

/* A word character: ASCII letters and digits, and every byte of other scripts. */
static bool wordc(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

static uint32_t word_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;

    for (size_t i = 0; i < n; i++) {
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    }
    return h;
}

/* Chains every phrase under the hash of its first word, in list order. */
static void index_phrases(hd_linkwords *lw)
{
    for (size_t i = lw->n; i-- > 0;) {
        size_t w = 0;
        uint32_t slot;
        while (w < lw->len[i] && wordc((unsigned char)lw->phrase[i][w])) {
            w++;
        }
        slot = word_hash(lw->phrase[i], w) & (SLOTS - 1);
        lw->next[i] = lw->head[slot];
        lw->head[slot] = (uint32_t)i + 1;
    }
}

int hd_linkwords_parse(hd_linkwords **out, hd_arena *a, const void *json, const char *name)
{
    const cJSON *root = json;
    const cJSON *avoid = cJSON_GetObjectItemCaseSensitive(root, "avoid");
    const cJSON *uf = cJSON_GetObjectItemCaseSensitive(root, "url_factor");
    hd_linkwords *lw = hd_arena_alloc(a, sizeof(*lw));
    int rc;

    *out = NULL;
    if (!lw) {
        return HURDLE_ENOMEM;
    }
    lw->phrase = hd_arena_array(a, MAX_PHRASES, sizeof(char *));
    lw->len = hd_arena_array(a, MAX_PHRASES, sizeof(size_t));
    lw->kind = hd_arena_array(a, MAX_PHRASES, 1);
    lw->head = hd_arena_array(a, SLOTS, sizeof(uint32_t));
    lw->next = hd_arena_array(a, MAX_PHRASES, sizeof(uint32_t));
    if (!lw->phrase || !lw->len || !lw->kind || !lw->head || !lw->next) {
        return HURDLE_ENOMEM;
    }
    lw->url_factor = cJSON_IsNumber(uf) ? uf->valuedouble : 0.7;
    if (!isfinite(lw->url_factor) || lw->url_factor < 0 || lw->url_factor > 1) {
        return hd_fail(a->ctx, HURDLE_EINVAL, "%s: url_factor must be from 0 to 1", name);
    }
    rc = parse_kinds(lw, a, cJSON_GetObjectItemCaseSensitive(root, "kinds"), name);
    if (rc == HURDLE_OK && avoid) {
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(avoid, "weight");
        lw->avoid = cJSON_IsNumber(w) && isfinite(w->valuedouble) ? w->valuedouble : 0;
        rc = add_phrases(lw, a, cJSON_GetObjectItemCaseSensitive(avoid, "words"), -1, name);
    }
    if (rc == HURDLE_OK) {
        index_phrases(lw);
    }
    *out = rc == HURDLE_OK ? lw : NULL;
    return rc;
}

/*
 * Lower-cased copy of s[0..n); for a URL, escapes decoded first ("pr%C3%A4mie" names "prämie")
 * and its separators as spaces.
 */
static size_t fold(char *dst, const char *s, size_t n, bool url)
{
    size_t k = 0;

    for (size_t i = 0; i < n && k + 1 < TEXT_MAX; i++) {
        unsigned char c = (unsigned char)s[i];
        int hi = url && c == '%' && i + 2 < n ? hd_hex_value((unsigned char)s[i + 1]) : -1;
        int lo = hi >= 0 ? hd_hex_value((unsigned char)s[i + 2]) : -1;
        if (lo >= 0) {
            c = (unsigned char)(hi * 16 + lo);
            i += 2;
        }
        dst[k++] = url && c < 0x80 && c && strchr("/-_.?=&+%", c) ? ' ' : (char)tolower(c);
    }
    dst[k] = '\0';
    return k;
}

/*
 * The best kind weight named in t, and whether an avoided phrase is there: at each word start,
 * the phrases whose first word is that word are compared (one hash look-up a word, not one
 * search a phrase). Among phrases of the best weight the first listed gives the kind.
 */
static double best(const hd_linkwords *lw, const char *t, size_t n, bool *avoid, int *kind)
{
    double b = 0;
    size_t bi = SIZE_MAX;

    for (size_t i = 0; i < n; i++) {
        size_t w = 0;
        if (!wordc((unsigned char)t[i]) || (i > 0 && wordc((unsigned char)t[i - 1]))) {
            continue;
        }
        while (i + w < n && wordc((unsigned char)t[i + w])) {
            w++;
        }
        for (uint32_t e = lw->head[word_hash(t + i, w) & (SLOTS - 1)]; e; e = lw->next[e - 1]) {
            size_t p = e - 1;
            size_t pl = lw->len[p];
            int k = lw->kind[p];
            if (pl > n - i || memcmp(t + i, lw->phrase[p], pl) != 0 ||
                (i + pl < n && wordc((unsigned char)t[i + pl]))) {
                continue;
            }
            if (k < 0) {
                *avoid = true;
            } else if (lw->weight[k] > b || (lw->weight[k] == b && b > 0 && p < bi)) {
                b = lw->weight[k];
                bi = p;
                *kind = k;
            }
        }
    }
    return b;
}

double
hd_linkwords_score(const hd_linkwords *lw, const char *text, const char *url, const char **kind)
{
    char t[TEXT_MAX];
    char u[TEXT_MAX];
    const char *path = url ? strstr(url, "://") : NULL;
    bool avoid = false;
    int k = -1;
    int uk = -1;
    double st;
    double su;

    if (kind) {
        *kind = NULL;
    }
    if (!lw) {
        return 0;
    }
    path = path ? path + 3 + strcspn(path + 3, "/") : url ? url : "";
    st = best(lw, t, fold(t, text ? text : "", text ? strlen(text) : 0, false), &avoid, &k);
    su = lw->url_factor * best(lw, u, fold(u, path, strlen(path), true), &avoid, &uk);
    if (su > st) {
        st = su;
        k = uk;
    }
    if (kind && k >= 0) {
        *kind = lw->kinds[k];
    }
    return st + (avoid ? lw->avoid : 0);
}
