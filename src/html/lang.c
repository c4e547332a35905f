/*
 * html/lang.c - the page's language: the primary subtag of <html lang>
 * ("en-US" -> "en"), or else the language whose stop words are the most
 * frequent in the visible text, among English, German, French, Spanish,
 * Italian, Portuguese and Dutch (the languages of hurdle's rule packs).
 *
 * The profile is a sorted table of about 40 frequent function words per
 * language; a word may belong to several languages (a bit mask). The text
 * is read once, word by word (ASCII letters lower-cased, other bytes kept),
 * up to MAX_WORDS words. A language wins with at least MIN_HITS hits, at
 * least MIN_RATE hits per 100 words, and strictly more hits than any other.
 * libc only; the result strings are static or in the page's arena.
 */
#include <string.h>

#include <hurdle/common.h>

#include "internal.h"

#define MAX_WORDS 5000
#define MIN_HITS  3
#define MIN_RATE  8.0 /* stop-word hits per 100 words */

enum { EN = 1, DE = 2, FR = 4, ES = 8, IT = 16, PT = 32, NL = 64, NLANG = 7 };

static const char *const lang_names[NLANG] = { "en", "de", "fr", "es", "it", "pt", "nl" };

#include "lang.inc"

/* The languages of the lower-case word `w` (`n` bytes), 0 when it is no stop word. */
static unsigned lookup(const char *w, size_t n)
{
    size_t lo = 0;
    size_t hi = sizeof(stop_words) / sizeof(stop_words[0]);

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *s = stop_words[mid].word;
        size_t k = strlen(s);
        int c = memcmp(w, s, n < k ? n : k);
        if (c == 0) {
            c = n < k ? -1 : n > k ? 1 : 0;
        }
        if (c == 0) {
            return stop_words[mid].langs;
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return 0;
}

static bool letter(unsigned char c)
{
    return c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Stop-word hits per language over the first MAX_WORDS words of `text`; the word count. */
static size_t count_hits(const char *text, size_t len, size_t hits[NLANG])
{
    const unsigned char *t = (const unsigned char *)text;
    size_t words = 0;
    size_t i = 0;

    while (i < len && words < MAX_WORDS) {
        char w[16];
        size_t n = 0;
        unsigned langs;
        if (!letter(t[i])) {
            i++;
            continue;
        }
        for (; i < len && letter(t[i]); i++) {
            if (n < sizeof(w)) {
                w[n] = (char)(t[i] < 0x80 ? (t[i] | 0x20) : t[i]);
            }
            n++;
        }
        words++;
        langs = n <= sizeof(w) ? lookup(w, n) : 0;
        for (int l = 0; langs && l < NLANG; l++) {
            hits[l] += (langs >> l) & 1u;
        }
    }
    return words;
}

/* The language of `len` bytes of text by its stop words, or NULL. */
static const char *by_words(const char *text, size_t len)
{
    size_t hits[NLANG] = { 0 };
    size_t words = count_hits(text, len, hits);
    int best = -1;
    bool tie = false;

    for (int l = 0; l < NLANG; l++) {
        if (best < 0 || hits[l] > hits[best]) {
            best = l;
            tie = false;
        } else if (hits[l] == hits[best]) {
            tie = true;
        }
    }
    if (words == 0 || tie || hits[best] < MIN_HITS ||
        100.0 * (double)hits[best] / (double)words < MIN_RATE) {
        return NULL;
    }
    return lang_names[best];
}

/* The primary subtag of a language tag, lower case, in the arena; NULL when it is not one
 * (2 or 3 ASCII letters before '-', '_' or the end). */
static const char *primary_subtag(hd_page *page, const char *tag, bool *oom)
{
    char sub[4];
    size_t n = 0;

    while (tag[n] && tag[n] != '-' && tag[n] != '_') {
        unsigned char c = (unsigned char)tag[n];
        if (n >= 3 || (c | 0x20) < 'a' || (c | 0x20) > 'z') {
            return NULL;
        }
        sub[n++] = (char)(c | 0x20);
    }
    if (n < 2) {
        return NULL;
    }
    for (int l = 0; l < NLANG; l++) {
        if (strlen(lang_names[l]) == n && memcmp(lang_names[l], sub, n) == 0) {
            return lang_names[l];
        }
    }
    tag = hd_arena_strndup(&page->arena, sub, n);
    *oom = tag == NULL;
    return tag;
}

int hd_lang_detect(hd_page *page, const char *lang)
{
    const hd_text *t = &page->scopes[HD_SCOPE_TEXT];
    bool oom = false;
    const char *l = lang && *lang ? primary_subtag(page, lang, &oom) : NULL;

    if (oom) {
        return HURDLE_ENOMEM;
    }
    page->language = "";
    page->language_source = "";
    if (l) {
        page->language = l;
        page->language_source = "html-lang";
        return HURDLE_OK;
    }
    l = t->text ? by_words(t->text, t->len) : NULL;
    if (l) {
        page->language = l;
        page->language_source = "words";
    }
    return HURDLE_OK;
}
