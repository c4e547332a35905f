/*
 * html/syllable.c - a deterministic English syllable counter: vowel groups
 * with the usual splits and silent letters (rules below), then a short
 * table of exceptions. docs/readability.md describes the rules and how they
 * were measured against the CMU pronouncing dictionary
 * (tests/data/syllables_en.tsv). libc only, no allocation, no locale.
 *
 * The input is at most HD_SYLLABLE_MAX lower-case ASCII letters.
 */
#include <string.h>

#include "page.h"
#include "syllable.h"

/* Consonants before a syllabic -le ("couple", "puzzled"); not after r, w, l ("curled"). */
#define CLE "bcdfgkptz"

static bool vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* A string literal and its length, so that no test calls strlen (the counter runs per word). */
#define LIT(s) s, sizeof(s) - 1

static inline bool ends_k(const char *w, size_t n, const char *s, size_t k)
{
    return n >= k && w[n - 1] == s[k - 1] && memcmp(w + n - k, s, k) == 0;
}

#define ends(w, n, s) ends_k(w, n, LIT(s))

static inline bool in(char c, const char *set)
{
    for (; *set; set++) {
        if (*set == c) {
            return true;
        }
    }
    return false;
}

/* Whether w[i] acts as a vowel: y before a vowel at the start or after a vowel is a consonant
 * ("yes", "layer", "beyond"), and so is the u of qu ("quote", "unique"). */
static bool vowel_at(const char *w, size_t n, size_t i)
{
    char c = w[i];

    if (c == 'y') {
        return !(i + 1 < n && vowel(w[i + 1]) && (i == 0 || in(w[i - 1], "aeiouw")));
    }
    if (c == 'u' && i > 0 && w[i - 1] == 'q') {
        return false;
    }
    return vowel(c);
}

/* Whether the letters after the vowel pair w[i-1], w[i] are `s` (a prefix test at i + 1). */
static inline bool then_k(const char *w, size_t n, size_t i, const char *s, size_t k)
{
    return i + 1 + k <= n && w[i + 1] == s[0] && memcmp(w + i + 1, s, k) == 0;
}

#define then(w, n, i, s) then_k(w, n, i, LIT(s))

/* Whether the ending from w[i + 1] is one of the endings that keep a final "ie", "ue" whole. */
static bool whole_end(const char *w, size_t n, size_t i)
{
    return i + 1 == n || ((i + 2 == n) && in(w[i + 1], "sdr"));
}

/* Whether the vowels w[i - 1], w[i] (i >= 1) are two syllables: "period", "fluent", "diet". */
static bool split_pair(const char *w, size_t n, size_t i)
{
    char a = i >= 2 ? w[i - 2] : '\0'; /* the letter before the pair */
    char c = w[i - 1];
    char d = w[i];

    if (c == 'y') {
        return a != '\0' && !vowel(a) && (d == 'i' || d == 'e'); /* "partying", "flyer" */
    }
    if (i < 2 || a == 'q' || (a == 'g' && c == 'u' && d != 'o')) {
        return false;
    }
    switch (c) {
    case 'i':
        if (d == 'e') {
            return (then(w, n, i, "t") && !in(a, "ct")) ||
                   ((then(w, n, i, "nt") || then(w, n, i, "nc")) && !in(a, "ctsn")) ||
                   (ends(w, n, "est") && i + 3 == n) ||
                   (then(w, n, i, "r") && a != 'h' && !(a == 'l' && vowel(w[i - 3])));
        }
        if (d == 'a' && then(w, n, i, "t")) {
            return true; /* "associate", "initiation" */
        }
        if (in(a, "ctsgx") ||
            (d == 'o' && then(w, n, i, "n") && (in(a, "nh") || (a == 'l' && i >= 3 &&
                                                                  (vowel(w[i - 3]) || w[i - 3] == 'l'))))) {
            return false; /* -tion, -sion, -cial, -gion; "billion", "companion", "cushion" */
        }
        return d == 'o' || d == 'u' || d == 'i' || (d == 'a' && !then(w, n, i, "g"));
    case 'e':
        return (d == 'o' && !in(a, "gc")) || (d == 'i' && then(w, n, i, "ng")) ||
               (d == 'a' && n >= 4 && (i + 1 == n || (i + 2 == n && w[i + 1] == 's')));
    case 'u':
        return d == 'o' || d == 'a' || (d == 'e' && !whole_end(w, n, i) && !then(w, n, i, "s")) ||
               (d == 'i' && a != 'b' &&
                (then(w, n, i, "d") || then(w, n, i, "n") || then(w, n, i, "ng") ||
                 then(w, n, i, "ty") || then(w, n, i, "ties")));
    case 'o':
        return (d == 'e' && (then(w, n, i, "m") || then(w, n, i, "t"))) ||
               (d == 'i' && then(w, n, i, "ng"));
    default:
        return false;
    }
}

/* Syllables added or removed by prefixes that end in a vowel before another ("reinstate"). */
static int prefix_adjust(const char *w, size_t n)
{
    static const struct {
        const char *s;
        size_t len;
    } split[] = { { LIT("coop") },   { LIT("coord") },  { LIT("coex") },   { LIT("coinc") },
                  { LIT("coau") },   { LIT("preem") },  { LIT("preex") },  { LIT("preoc") },
                  { LIT("reinst") }, { LIT("reinv") },  { LIT("reinf") },  { LIT("reen") },
                  { LIT("reel") },   { LIT("reap") },   { LIT("deact") },  { LIT("react") },
                  { LIT("create") }, { LIT("creati") }, { LIT("creato") } };

    if (n < 4 || !in(w[0], "cprd") || !vowel(w[1] == 'r' ? w[2] : w[1])) {
        return 0;
    }
    for (size_t i = 0; i < sizeof(split) / sizeof(split[0]); i++) {
        if (n >= split[i].len && memcmp(w, split[i].s, split[i].len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Silent e before a suffix that starts with a consonant ("pavement", "likeness", "tuneful"). */
static int suffix_adjust(const char *w, size_t n)
{
    static const struct {
        const char *s;
        size_t len;
    } sfx[] = { { LIT("ment") },  { LIT("ments") },  { LIT("ful") },      { LIT("fully") },
                { LIT("less") },  { LIT("lessly") }, { LIT("ness") },     { LIT("lessness") },
                { LIT("like") },  { LIT("ways") },   { LIT("way") },      { LIT("ward") },
                { LIT("wards") }, { LIT("ship") },   { LIT("ships") },    { LIT("hood") },
                { LIT("work") },  { LIT("works") },  { LIT("board") },    { LIT("boards") } };

    if (n < 7 || !in(w[n - 1], "tslydpkr")) {
        return 0;
    }
    for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
        size_t k = sfx[i].len;
        if (n >= k + 4 && ends_k(w, n, sfx[i].s, k) && w[n - k - 1] == 'e' && !vowel(w[n - k - 2]) &&
            !(w[n - k - 2] == 'l' && !vowel(w[n - k - 3])) && w[n - k - 2] != 'y') {
            return -1;
        }
    }
    return 0;
}

/* The final letters: silent -e, -es, -ed, and the syllabic endings -Cle, -ism, -Cling. */
static int ending_adjust(const char *w, size_t n, int count)
{
    if (ends(w, n, "ire") || ends(w, n, "ires") || ends(w, n, "ired") || ends(w, n, "iring")) {
        return w[n - 1] == 'g' ? 1 : 0; /* "desire" is de-si-er: no silent e; "desiring" */
    }
    if (count > 1 && w[n - 1] == 'e' && !vowel_at(w, n, n - 2) &&
        !(w[n - 2] == 'l' && n > 2 && in(w[n - 3], CLE))) {
        return -1; /* silent e, but not the syllabic -Cle of "couple" */
    }
    if (count > 1 && (ends(w, n, "gue") || ends(w, n, "que") || ends(w, n, "gues") ||
                      ends(w, n, "ques"))) {
        return -1; /* "dialogue", "antiques" */
    }
    if (count > 1 && n > 3 && (ends(w, n, "ed") || ends(w, n, "es")) &&
        (!vowel(w[n - 3]) || (w[n - 3] == 'y' && vowel(w[n - 4])))) {
        char c = w[n - 3];
        bool keep = w[n - 1] == 'd' ? in(c, "td") : in(c, "sxzcgh");
        bool cle = c == 'l' && in(w[n - 4], CLE);
        return keep || cle ? 0 : -1; /* relived, likes, delayed; not wanted, buses, puzzles */
    }
    if (n > 4 && ends(w, n, "ically")) {
        return -1; /* "practically": the a is silent */
    }
    if (count > 2 && n > 3 && ends(w, n, "ely") && !vowel(w[n - 4])) {
        return -1; /* lovely */
    }
    if (ends(w, n, "ism") || ends(w, n, "isms") || ends(w, n, "asm") || ends(w, n, "asms")) {
        return 1;
    }
    return 0;
}

static int rules(const char *w, size_t n)
{
    int count = 0;
    bool prev = false;

    for (size_t i = 0; i < n; i++) {
        bool v = vowel_at(w, n, i);
        if (v && (!prev || split_pair(w, n, i))) {
            count++;
        }
        prev = v;
    }
    count += prefix_adjust(w, n);
    count += ending_adjust(w, n, count);
    count += suffix_adjust(w, n);
    return count > 0 ? count : 1;
}

#include "syllable.inc"

int hd_syllables_lower(const char *w, size_t n)
{
    size_t lo = 0;
    size_t hi = sizeof(exceptions) / sizeof(exceptions[0]);

    if (n == 0) {
        return 0;
    }
    if (n < EXC_MIN || n > EXC_MAX || !((EXC_FIRST >> (w[0] - 'a')) & 1u)) {
        return rules(w, n);
    }
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *e = exceptions[mid].word;
        size_t k = exceptions[mid].len;
        int c = (unsigned char)w[0] - (unsigned char)e[0];
        if (c == 0) {
            c = memcmp(w, e, n < k ? n : k);
        }
        if (c == 0) {
            c = n < k ? -1 : n > k ? 1 : 0;
        }
        if (c == 0) {
            return exceptions[mid].syllables;
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return rules(w, n);
}

int hd_syllables_rules(const char *w, size_t n)
{
    return n ? rules(w, n) : 0;
}

int hd_text_syllables(const char *word, size_t len)
{
    char w[HD_SYLLABLE_MAX];
    size_t n = 0;

    for (size_t i = 0; i < len && n < sizeof(w); i++) {
        unsigned char c = (unsigned char)word[i];
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            w[n++] = (char)(c | 0x20);
        }
    }
    if (n == 0) {
        return len > 0 ? 1 : 0;
    }
    return hd_syllables_lower(w, n);
}
