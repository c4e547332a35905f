/*
 * html/readability.c - readability counts of a text in one pass: words,
 * sentences, syllables (an English heuristic), complex words, long
 * sentences, and the Flesch-Kincaid grade and Flesch reading ease.
 *
 * Following textstat (the reference the project measures against),
 * sentences of two words or fewer (menu items, "Sign in") are not counted
 * as sentences but their words are, and a text has at least one sentence.
 * With `blocks`, a '\n' ends a sentence (page text); without it, it is a
 * space (prose with hard line breaks). libc only.
 */
#include <string.h>

#include "page.h"

static bool is_vowel(int c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static bool ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

/* Two adjacent vowels that are two syllables ("period", "fluid", "create"). */
static int split_pairs(const char *w, size_t n)
{
    static const char *const pairs[] = { "io", "eo", "iu", "uo", "ii", "ia" };
    int extra = 0;

    for (size_t i = 1; i + 1 < n; i++) {
        for (size_t p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++) {
            char b = w[i - 1];
            if (w[i] != pairs[p][0] || w[i + 1] != pairs[p][1]) {
                continue;
            }
            if (b == 'c' || b == 't' || b == 's' || b == 'g' || b == 'q' || b == 'x') {
                continue; /* -tion, -sion, -cial, -gion: one syllable */
            }
            if (pairs[p][1] == 'a' && i + 2 < n && (w[i + 2] == 'g' || w[i + 2] == 'n')) {
                continue; /* marriage, -ian */
            }
            extra++;
        }
    }
    if (n > 4 && memcmp(w, "crea", 4) == 0) {
        extra++;
    }
    return extra;
}

int hd_text_syllables(const char *word, size_t len)
{
    char w[64];
    size_t n = 0;
    int count = 0;
    bool prev = false;

    for (size_t i = 0; i < len && n < sizeof(w); i++) {
        int c = (unsigned char)word[i];
        if (c >= 'A' && c <= 'Z') {
            c += 32;
        }
        if (c >= 'a' && c <= 'z') {
            w[n++] = (char)c;
        }
    }
    if (n == 0) {
        return len > 0 ? 1 : 0;
    }
    for (size_t i = 0; i < n; i++) {
        bool v = is_vowel(w[i]) && !(i == 0 && w[i] == 'y');
        if (v && !prev) {
            count++;
        }
        prev = v;
    }
    if (count > 1 && w[n - 1] == 'e' && !is_vowel(w[n - 2]) &&
        !(w[n - 2] == 'l' && n > 2 && !is_vowel(w[n - 3]))) {
        count--; /* silent e, but not the syllabic -Cle of "couple" */
    } else if (count > 1 && n > 3 && (ends_with(w, n, "ed") || ends_with(w, n, "es")) &&
               !is_vowel(w[n - 3]) && !strchr(w[n - 1] == 'd' ? "td" : "sxzcgh", w[n - 3]) &&
               !(w[n - 3] == 'l' && !is_vowel(w[n - 4]))) {
        count--; /* relived, likes; not wanted, buses, puzzles */
    } else if (count > 2 && ends_with(w, n, "ely") && !is_vowel(w[n - 4])) {
        count--; /* lovely */
    }
    count += split_pairs(w, n);
    return count > 0 ? count : 1;
}

typedef struct counter {
    hd_text_stats *st;
    size_t sent_words; /* words in the current sentence */
} counter;

static void end_sentence(counter *c)
{
    if (c->sent_words > 2) {
        c->st->sentences++;
        if (c->sent_words > 25) {
            c->st->long_sentences++;
        }
    }
    c->sent_words = 0;
}

static bool word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* One whitespace-separated token: counts it, and ends the sentence after it if it ends one. */
static void token(counter *c, const char *t, size_t len, bool last_in_block)
{
    size_t alnum = 0;
    size_t end = len;

    for (size_t i = 0; i < len; i++) {
        if (word_byte((unsigned char)t[i])) {
            alnum++;
        }
    }
    if (alnum > 0) {
        int syl = hd_text_syllables(t, len);
        c->st->words++;
        c->st->chars += alnum;
        c->st->syllables += (size_t)syl;
        c->st->complex_words += syl >= 3 ? 1u : 0u;
        c->sent_words++;
    }
    while (end > 0 && strchr("\"')]}\xBB", t[end - 1])) {
        end--;
    }
    if ((end > 0 && strchr(".!?", t[end - 1])) || last_in_block) {
        end_sentence(c);
    }
}

void hd_text_stats_compute(hd_text_stats *out, const char *text, size_t len, bool blocks)
{
    counter c = { out, 0 };
    size_t i = 0;

    memset(out, 0, sizeof(*out));
    while (i < len) {
        size_t start;
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                           (text[i] == '\n' && !blocks))) {
            i++;
        }
        if (i < len && text[i] == '\n') {
            end_sentence(&c);
            i++;
            continue;
        }
        start = i;
        while (i < len && text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n') {
            i++;
        }
        if (i > start) {
            token(&c, text + start, i - start, i >= len);
        }
    }
    end_sentence(&c);
    if (out->words > 0) {
        double s = out->sentences ? (double)out->sentences : 1.0;
        double wps = (double)out->words / s;
        double spw = (double)out->syllables / (double)out->words;
        out->sentences = (size_t)s;
        out->fk_grade = 0.39 * wps + 11.8 * spw - 15.59;
        out->flesch_ease = 206.835 - 1.015 * wps - 84.6 * spw;
    }
}
