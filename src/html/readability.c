/*
 * html/readability.c - readability of a text in one pass: the tokenizer
 * (words, sentences), the counts (letters, syllables, complex words, long
 * sentences) for the whole text and for each text role of a page's TEXT
 * scope, and the published formulas: Flesch reading ease (Flesch 1948),
 * Flesch-Kincaid grade (Kincaid et al. 1975), Gunning fog (Gunning 1952),
 * SMOG (McLaughlin 1969), Coleman-Liau (1975), ARI (Senter & Smith 1967).
 * docs/readability.md gives the rules; syllables come from syllable.c.
 *
 * Sentences end at '.', '!' or '?' at the end of a token (closing quotes
 * and brackets stripped), except after abbreviations and initials; an
 * ellipsis or an abbreviation that may end a sentence ("etc.", "Inc.")
 * ends one only before a capital. With `blocks`, '\n' ends a sentence (a
 * page's blocks: list items, cells, buttons). As in textstat, sentences of
 * two words or fewer ("Sign in") are not counted as sentences, but their
 * words are, and a text with words has at least one sentence. libc and libm.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "syllable.h"

/* Byte classes of the one-pass scan (ASCII only; bytes >= 0x80 are word bytes). */
enum {
    C_WORD = 1,   /* letters, digits, bytes of non-ASCII characters: what makes a word */
    C_LETTER = 2, /* A-Z, a-z */
    C_BREAK = 4,  /* ' ', '\t', '\r', '\n': between tokens */
    C_UPPER = 8,  /* A-Z */
    C_CLOSE = 16, /* stripped before the sentence test: " ' ) ] } * NUL */
    C_STOP = 32,  /* . ! ? */
    C_CONT = 64   /* UTF-8 continuation bytes 0x80-0xBF */
};

/* byte -> C_* bits, one row per 16 bytes. */
static const unsigned char byte_classes[256] = {
    16,  0,  0,  0,  0,  0,  0,  0,  0,  4,  4,  0,  0,  4,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     4, 32, 16,  0,  0,  0,  0, 16,  0, 16, 16,  0,  0,  0, 32,  0,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  0,  0,  0,  0,  0, 32,
     0, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11,
    11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11,  0,  0, 16,  0,  0,
     0,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  0,  0, 16,  0,  0,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 81, 65, 65, 65, 65,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
};

/* Counts of one text or one role; the sentence being read is `sent_words` long. */
typedef struct counter {
    hd_text_stats st;
    size_t sent_words;
    size_t fog_words; /* Gunning's hard words: complex, not names, hyphenated words or -es/-ed/-ing */
} counter;

/* Syllables of recent words: most words of a page are frequent ones ("the", "your", "rebate"),
 * so a small direct-mapped memo saves most runs of the rules. Same input, same answer. */
#define MEMO_SLOTS 1024
#define MEMO_WORD  15

typedef struct memo {
    uint32_t hash;
    unsigned char len; /* 0: empty */
    unsigned char syl;
    char w[MEMO_WORD];
} memo;

typedef struct scanner {
    memo *memo;          /* MEMO_SLOTS entries, or NULL */
    counter all;
    counter *roles;      /* HD_ROLE_COUNT counters, or NULL */
    const hd_span *spans; /* the roles of the text, sorted by offset */
    size_t nspans;
    size_t span;         /* the span of the current token */
    bool syllables;      /* count syllables (not only words) */
    bool maybe_end;      /* the last token may have ended a sentence: yes before a capital */
} scanner;

/* How a token's final '.' reads. */
enum { DOT_END, DOT_NEVER, DOT_MAYBE };

static void end_counter(counter *c)
{
    if (c->sent_words > 2) {
        c->st.sentences++;
        c->st.long_sentences += c->sent_words > 25 ? 1u : 0u;
    }
    c->sent_words = 0;
}

static void end_sentence(scanner *s)
{
    end_counter(&s->all);
    for (size_t r = 0; s->roles && r < HD_ROLE_COUNT; r++) {
        if (s->roles[r].sent_words) {
            end_counter(&s->roles[r]);
        }
    }
    s->maybe_end = false;
}

/*
 * How a token that ends in '.' reads: `w` holds its letters (lower case,
 * `n` of them) and `dots` its dots. Titles and initials never end a
 * sentence; "etc.", "Inc." and dotted abbreviations ("U.S.", "a.m.") may.
 */
static int dot_kind(const char *w, size_t n, size_t dots, size_t alnum, bool first)
{
    static const char *const never[] = { "dr", "mr",  "mrs", "ms",  "st",  "vs", "jr", "sr",
                                         "prof", "approx", "fig", "vol", "ca", "cf", "mt", "ft" };
    static const char *const maybe[] = { "etc", "inc", "ltd", "co", "corp", "bros", "esq", "no",
                                         "nos" };

    if (dots > 1 && alnum == n && dots >= n) {
        bool eg_ie = n == 2 && (memcmp(w, "eg", 2) == 0 || memcmp(w, "ie", 2) == 0);
        return eg_ie ? DOT_NEVER : DOT_MAYBE; /* "e.g." never ends; "U.S." may */
    }
    if (n == 1 && alnum == 1) {
        return DOT_NEVER; /* an initial: "J. Smith" */
    }
    if (n == 0 && alnum > 0 && first) {
        return DOT_NEVER; /* a list number: "1. Buy" */
    }
    for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++) {
        if (strlen(never[i]) == n && memcmp(never[i], w, n) == 0) {
            return DOT_NEVER;
        }
    }
    for (size_t i = 0; i < sizeof(maybe) / sizeof(maybe[0]); i++) {
        if (strlen(maybe[i]) == n && memcmp(maybe[i], w, n) == 0) {
            return DOT_MAYBE;
        }
    }
    return DOT_END;
}

/* Whether the token of `n` letters `w` (syllables `syl`) is one of Gunning's hard words. */
static bool fog_word(const char *w, size_t n, int syl, bool hyphen, bool name)
{
    if (syl < 3 || hyphen || name) {
        return false;
    }
    if (syl == 3 && n > 4 &&
        ((w[n - 2] == 'e' && (w[n - 1] == 'd' || w[n - 1] == 's')) ||
         (w[n - 3] == 'i' && w[n - 2] == 'n' && w[n - 1] == 'g'))) {
        return false; /* "completed", "arranges", "creating": their stem has two */
    }
    return true;
}

/* What one token holds, read in one pass. */
typedef struct tok {
    char w[HD_SYLLABLE_MAX + 1]; /* lower-case letters; w[64] takes the writes past the end */
    size_t n;
    size_t alnum;   /* characters that are letters or digits */
    size_t letters; /* letters (a non-ASCII character counts as a letter) */
    size_t dots;
    uint32_t hash;  /* FNV-1a of the letters */
    size_t end;     /* index after the token */
    size_t last;    /* index after its last byte that is not a closer */
    bool upper;     /* starts with a capital */
    bool hyphen;
} tok;

static void read_token(tok *t, const unsigned char *s, size_t i, size_t len)
{
    t->n = t->alnum = t->letters = t->dots = 0;
    t->hash = 2166136261u;
    t->upper = (byte_classes[s[i]] & C_UPPER) != 0;
    t->hyphen = false;
    for (; i < len; i++) {
        unsigned char c = s[i];
        unsigned k = byte_classes[c];
        if (k & C_LETTER) { /* the common case first */
            t->w[t->n] = (char)(c | 0x20);
            t->hash = (t->hash ^ (c | 0x20u)) * 16777619u;
            t->n += t->n < HD_SYLLABLE_MAX ? 1 : 0;
            t->alnum++;
            t->letters++;
            continue;
        }
        if (k & C_BREAK) {
            break;
        }
        if (c >= 0xC3 && c != 0xE2) {
            t->alnum++; /* a non-ASCII character is a letter, not U+0080-U+00BF, U+2000-U+2FFF */
            t->letters++;
        }
        t->alnum += c < 0x80 ? (k & C_WORD) : 0u;
        t->dots += c == '.' ? 1u : 0u;
        t->hyphen = t->hyphen || c == '-';
    }
    t->end = i;
    t->last = i;
    while (t->last > 0 && (byte_classes[s[t->last - 1]] & C_CLOSE)) {
        t->last--;
    }
}

/* Adds the word `t` to counter `c`. */
static void count_word(counter *c, const tok *t, int syl, bool fog)
{
    c->st.words++;
    c->st.chars += t->alnum;
    c->st.letters += t->letters;
    c->st.syllables += (size_t)syl;
    c->st.complex_words += syl >= 3 ? 1u : 0u;
    c->fog_words += fog ? 1u : 0u;
    c->sent_words++;
}

/* The role of the text at offset `off` (spans are visited in order). */
static hd_role role_at(scanner *s, size_t off)
{
    while (s->span + 1 < s->nspans && s->spans[s->span + 1].off <= off) {
        s->span++;
    }
    return s->nspans ? s->spans[s->span].role : HD_ROLE_BODY;
}

/* How the token ends: 1 a sentence, 2 maybe (before a capital), 0 not. */
static int token_end(const tok *t, const unsigned char *s, size_t start, bool first)
{
    size_t e = t->last;
    unsigned char c = e > start ? s[e - 1] : 0;

    if (c == '!' || c == '?') {
        return 1;
    }
    if (e >= start + 3 && s[e - 3] == 0xE2 && s[e - 2] == 0x80 && c == 0xA6) {
        return 2; /* U+2026 ellipsis */
    }
    if (c != '.') {
        return 0;
    }
    if (e >= start + 3 && s[e - 2] == '.' && s[e - 3] == '.') {
        return 2; /* "..." */
    }
    switch (dot_kind(t->w, t->n, t->dots, t->alnum, first)) {
    case DOT_NEVER:
        return 0;
    case DOT_MAYBE:
        return 2;
    default:
        return 1;
    }
}

/* Syllables of the token's letters, through the memo. */
static int syllables(scanner *sc, const tok *t)
{
    memo *m;
    int syl;

    if (!sc->memo || t->n > MEMO_WORD) {
        return hd_syllables_lower(t->w, t->n);
    }
    m = &sc->memo[t->hash & (MEMO_SLOTS - 1)];
    if (m->len == t->n && m->hash == t->hash) {
        size_t k = 0;
        while (k < t->n && m->w[k] == t->w[k]) { /* short words: no call to memcmp */
            k++;
        }
        if (k == t->n) {
            return m->syl;
        }
    }
    syl = hd_syllables_lower(t->w, t->n);
    m->hash = t->hash;
    m->len = (unsigned char)t->n;
    m->syl = (unsigned char)syl;
    memcpy(m->w, t->w, t->n);
    return syl;
}

/* One token (a run of bytes other than ' ', '\t', '\r', '\n') from s[i]; the index after it. */
static size_t token(scanner *sc, const unsigned char *s, size_t i, size_t len)
{
    tok t;
    bool first = sc->all.sent_words == 0;
    int end;

    read_token(&t, s, i, len);
    if (sc->maybe_end && t.upper) {
        end_sentence(sc);
        first = true;
    }
    sc->maybe_end = false;
    if (t.alnum > 0) {
        int syl = !sc->syllables ? 0 : t.n ? syllables(sc, &t) : 1;
        bool fog = sc->syllables && fog_word(t.w, t.n, syl, t.hyphen, t.upper && !first);
        if (sc->roles) {
            count_word(&sc->roles[role_at(sc, i)], &t, syl, fog);
            sc->all.sent_words++; /* the other page counts are the roles' sums */
        } else {
            count_word(&sc->all, &t, syl, fog);
        }
    }
    end = token_end(&t, s, i, first);
    if (end == 1 || t.end >= len) {
        end_sentence(sc);
    } else if (end == 2) {
        sc->maybe_end = true;
    }
    return t.end;
}

static void scan(scanner *sc, const char *text, size_t len, bool blocks)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;

    while (i < len) {
        unsigned char ch = t[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || (ch == '\n' && !blocks)) {
            i++;
        } else if (ch == '\n') {
            end_sentence(sc);
            i++;
        } else {
            i = token(sc, t, i, len);
        }
    }
    end_sentence(sc);
}

/* The formulas over the counts (docs/readability.md). */
static void formulas(hd_text_stats *st, size_t fog_words)
{
    double w;
    double s;
    double wps;
    double spw;

    if (st->words == 0) {
        st->sentences = 0;
        return;
    }
    st->sentences = st->sentences ? st->sentences : 1;
    w = (double)st->words;
    s = (double)st->sentences;
    wps = w / s;
    spw = (double)st->syllables / w;
    st->fk_grade = 0.39 * wps + 11.8 * spw - 15.59;
    st->flesch_ease = 206.835 - 1.015 * wps - 84.6 * spw;
    st->fog = 0.4 * (wps + 100.0 * (double)fog_words / w);
    st->smog = st->sentences >= 3 ? 1.043 * sqrt((double)st->complex_words * 30.0 / s) + 3.1291
                                  : 0.0;
    st->coleman_liau = 0.0588 * (100.0 * (double)st->letters / w) - 0.296 * (100.0 * s / w) - 15.8;
    st->ari = 4.71 * ((double)st->chars / w) + 0.5 * wps - 21.43;
}

void hd_text_stats_compute(hd_text_stats *out, const char *text, size_t len, bool blocks)
{
    scanner sc;
    memo slots[MEMO_SLOTS];

    memset(&sc, 0, sizeof(sc));
    memset(slots, 0, sizeof(slots));
    sc.memo = slots;
    sc.syllables = true;
    scan(&sc, text, len, blocks);
    *out = sc.all.st;
    formulas(out, sc.all.fog_words);
}

void hd_text_stats_roles(hd_text_stats *out, hd_text_stats *roles, const hd_text *text)
{
    scanner sc;
    counter rc[HD_ROLE_COUNT];
    memo slots[MEMO_SLOTS];

    memset(&sc, 0, sizeof(sc));
    memset(rc, 0, sizeof(rc));
    memset(slots, 0, sizeof(slots));
    sc.memo = slots;
    sc.syllables = true;
    sc.roles = rc;
    sc.spans = text->spans;
    sc.nspans = text->nspans;
    scan(&sc, text->text, text->len, true);
    for (size_t r = 0; r < HD_ROLE_COUNT; r++) {
        const hd_text_stats *x = &rc[r].st;
        sc.all.st.words += x->words;
        sc.all.st.chars += x->chars;
        sc.all.st.letters += x->letters;
        sc.all.st.syllables += x->syllables;
        sc.all.st.complex_words += x->complex_words;
        sc.all.fog_words += rc[r].fog_words;
        roles[r] = *x;
        formulas(&roles[r], rc[r].fog_words);
    }
    *out = sc.all.st;
    formulas(out, sc.all.fog_words);
}

size_t hd_text_word_count(const char *text, size_t len, bool blocks)
{
    scanner sc;

    memset(&sc, 0, sizeof(sc));
    scan(&sc, text, len, blocks);
    return sc.all.st.words;
}
