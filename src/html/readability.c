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

/* Byte classes of the one-pass scan (ASCII only; every byte >= 0x80 is a word byte). */
enum {
    C_WORD = 1,   /* letters, digits, bytes of non-ASCII characters: what makes a word */
    C_LETTER = 2, /* A-Z, a-z */
    C_BREAK = 4,  /* ' ', '\t', '\r', '\n': between tokens */
    C_CLOSE = 16, /* stripped before the sentence test: " ' ) ] } 0xBB NUL */
    C_STOP = 32,  /* . ! ? */
    C_VOWEL = 64  /* a e i o u y, either case */
};

/* byte -> C_* bits, one row per 16 bytes. */
static const unsigned char byte_classes[256] = {
    16,  0,  0,  0,  0,  0,  0,  0,  0,  4,  4,  0,  0,  4,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     4, 32, 16,  0,  0,  0,  0, 16,  0, 16,  0,  0,  0,  0, 32,  0,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  0,  0,  0,  0,  0, 32,
     0, 67,  3,  3,  3, 67,  3,  3,  3, 67,  3,  3,  3,  3,  3, 67,
     3,  3,  3,  3,  3, 67,  3,  3,  3, 67,  3,  0,  0, 16,  0,  0,
     0, 67,  3,  3,  3, 67,  3,  3,  3, 67,  3,  3,  3,  3,  3, 67,
     3,  3,  3,  3,  3, 67,  3,  3,  3, 67,  3,  0,  0, 16,  0,  0,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1, 17,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
};

static bool is_vowel(char c)
{
    return (byte_classes[(unsigned char)c] & C_VOWEL) != 0;
}

static bool ends2(const char *w, size_t n, char a, char b)
{
    return n >= 2 && w[n - 2] == a && w[n - 1] == b;
}

/*
 * Whether the vowels w[i], w[i + 1] (1 <= i, i + 1 < n) are a pair that is
 * two syllables: io, eo, iu, uo, ii, ia ("period", "fluid").
 */
static bool split_at(const char *w, size_t n, size_t i)
{
    char b = w[i - 1];
    char c = w[i];
    char d = w[i + 1];
    bool pair = (c == 'i' && (d == 'o' || d == 'u' || d == 'i' || d == 'a')) ||
                ((c == 'e' || c == 'u') && d == 'o');

    if (!pair || b == 'c' || b == 't' || b == 's' || b == 'g' || b == 'q' || b == 'x') {
        return false; /* -tion, -sion, -cial, -gion: one syllable */
    }
    return !(d == 'a' && i + 2 < n && (w[i + 2] == 'g' || w[i + 2] == 'n')); /* marriage, -ian */
}

/* Whether the -ed/-es ending's consonant keeps its syllable (wanted, buses). */
static bool keeps_ending(const char *w, size_t n)
{
    char c = w[n - 3];

    if (w[n - 1] == 'd') {
        return c == 't' || c == 'd';
    }
    return c == 's' || c == 'x' || c == 'z' || c == 'c' || c == 'g' || c == 'h';
}

/* Syllables of `n` (1 to 64) lower-case ASCII letters. */
static int syllables_of(const char *w, size_t n)
{
    int count = 0;
    int extra = n > 4 && memcmp(w, "crea", 4) == 0 ? 1 : 0; /* "create" */
    bool prev = false;

    /* vowel groups; a split pair is two vowels in a row, so it is tested only there */
    for (size_t i = 0; i < n; i++) {
        bool v = is_vowel(w[i]);
        if (v && prev && i >= 2 && split_at(w, n, i - 1)) {
            extra++;
        }
        count += v && !prev ? 1 : 0;
        prev = v;
    }
    if (w[0] == 'y' && (n == 1 || !is_vowel(w[1]))) {
        count--; /* a leading y is a consonant ("yes"); "you" counts its group from the o */
    }
    if (count > 1 && w[n - 1] == 'e' && !is_vowel(w[n - 2]) &&
        !(w[n - 2] == 'l' && n > 2 && !is_vowel(w[n - 3]))) {
        count--; /* silent e, but not the syllabic -Cle of "couple" */
    } else if (count > 1 && n > 3 && (ends2(w, n, 'e', 'd') || ends2(w, n, 'e', 's')) &&
               !is_vowel(w[n - 3]) && !keeps_ending(w, n) &&
               !(w[n - 3] == 'l' && !is_vowel(w[n - 4]))) {
        count--; /* relived, likes; not wanted, buses, puzzles */
    } else if (count > 2 && n >= 3 && w[n - 3] == 'e' && w[n - 2] == 'l' && w[n - 1] == 'y' &&
               !is_vowel(w[n - 4])) {
        count--; /* lovely */
    }
    count += extra;
    return count > 0 ? count : 1;
}

int hd_text_syllables(const char *word, size_t len)
{
    char w[64];
    size_t n = 0;

    for (size_t i = 0; i < len && n < sizeof(w); i++) {
        unsigned char c = (unsigned char)word[i];
        if (byte_classes[c] & C_LETTER) {
            w[n++] = (char)(c | 0x20);
        }
    }
    if (n == 0) {
        return len > 0 ? 1 : 0;
    }
    return syllables_of(w, n);
}

/* The counts live here, not behind the caller's pointer, so they can stay in registers. */
typedef struct counter {
    hd_text_stats st;
    size_t sent_words; /* words in the current sentence */
    bool syllables;    /* count syllables (not only words) */
} counter;

static void end_sentence(counter *c)
{
    if (c->sent_words > 2) {
        c->st.sentences++;
        if (c->sent_words > 25) {
            c->st.long_sentences++;
        }
    }
    c->sent_words = 0;
}

/*
 * One token (a run of bytes other than ' ', '\t', '\r', '\n') from text[i]:
 * counts it, ends the sentence after it if it ends one; the index after it.
 * Letters are lower-cased into a small buffer as they are read, so the
 * syllables need no second pass over the token.
 */
static size_t token(counter *c, const unsigned char *t, size_t i, size_t len)
{
    char w[65]; /* w[64] takes the writes past the 64 letters kept */
    size_t n = 0;
    size_t alnum = 0;
    size_t end;

    for (; i < len; i++) {
        unsigned k = byte_classes[t[i]];
        if (k & C_BREAK) {
            break;
        }
        alnum += k & C_WORD;
        if (k & C_LETTER) {
            w[n] = (char)(t[i] | 0x20);
            n += n < 64 ? 1 : 0;
        }
    }
    if (alnum > 0) {
        int syl = !c->syllables ? 0 : n ? syllables_of(w, n) : 1;
        c->st.words++;
        c->st.chars += alnum;
        c->st.syllables += (size_t)syl;
        c->st.complex_words += syl >= 3 ? 1u : 0u;
        c->sent_words++;
    }
    end = i;
    while (end > 0 && (byte_classes[t[end - 1]] & C_CLOSE)) {
        end--;
    }
    if ((end > 0 && (byte_classes[t[end - 1]] & C_STOP)) || i >= len) {
        end_sentence(c);
    }
    return i;
}

static void scan(counter *c, const char *text, size_t len, bool blocks)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;

    while (i < len) {
        unsigned char ch = t[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || (ch == '\n' && !blocks)) {
            i++;
        } else if (ch == '\n') {
            end_sentence(c);
            i++;
        } else {
            i = token(c, t, i, len);
        }
    }
    end_sentence(c);
}

void hd_text_stats_compute(hd_text_stats *out, const char *text, size_t len, bool blocks)
{
    counter c;

    memset(&c, 0, sizeof(c));
    c.syllables = true;
    scan(&c, text, len, blocks);
    *out = c.st;
    if (out->words > 0) {
        double s = out->sentences ? (double)out->sentences : 1.0;
        double wps = (double)out->words / s;
        double spw = (double)out->syllables / (double)out->words;
        out->sentences = (size_t)s;
        out->fk_grade = 0.39 * wps + 11.8 * spw - 15.59;
        out->flesch_ease = 206.835 - 1.015 * wps - 84.6 * spw;
    }
}

size_t hd_text_word_count(const char *text, size_t len, bool blocks)
{
    counter c;

    memset(&c, 0, sizeof(c));
    scan(&c, text, len, blocks);
    return c.st.words;
}
