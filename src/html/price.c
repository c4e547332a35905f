/*
 * html/price.c - prices in text: a number with a currency symbol, word or
 * code beside it ("$19.99", "19,99 €", "USD 12", "1 299,00 Kč", "35€99"),
 * ranges ("$10–$20", "From 26 to 50 €"), and "free" (0, flagged). What a
 * price means (period, unit, qualifiers, promotions, monthly and first-year
 * sums) is read by price_meaning.c; prices from markup (microdata, JSON-LD,
 * meta tags, struck-through "was" prices) are joined in by price_page.c.
 *
 * Amounts: '.' and ',' are decimal or thousands separators by position (the
 * last of two kinds is the decimal one; one kind alone is thousands when it
 * repeats or has exactly three digits after it); spaces, apostrophes and
 * Unicode spaces only group thousands. A separator then a space then two
 * final digits ("8. 94", "118, 99") and cents after the symbol ("35€ 99")
 * are decimals; a leading separator ("$.75", "$..75") starts the decimals.
 * Numbers followed by '%' are not prices. On a page a price needs a
 * currency; the one-string entries also take a bare number. libc only.
 */
#include <stdlib.h>
#include <string.h>

#include <hurdle/common.h>

#include "price_int.h"

#define NUM_MAX 48

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Bytes of a group separator at s[i] (',', '.', apostrophes, spaces), 0 when none. */
static size_t separator(const char *s, size_t len, size_t i, char *kind)
{
    const unsigned char *u = (const unsigned char *)s + i;
    size_t n = len - i;

    if (*u == ',' || *u == '.') {
        *kind = (char)*u;
        return 1;
    }
    *kind = ' ';
    if (*u == ' ' || *u == '\'') {
        return 1;
    }
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0) {
        return 2;
    }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x89 || u[2] == 0xAF || u[2] == 0x99)) {
        return 3;
    }
    return 0;
}

typedef struct number {
    size_t end;
    double amount;
} number;

typedef struct groups {
    char sep[16];     /* separator before group i+1 */
    size_t ndig[17];  /* digits in group i */
    size_t start[17]; /* offset of group i */
    size_t n;         /* groups */
    bool spaced_dec;  /* the last separator is followed by a space ("8. 94") */
} groups;

/* Index of the decimal separator among g's separators, or -1. */
static int decimal_at(const groups *g, const char *s)
{
    size_t last;
    char k;
    size_t same = 0;
    bool other = false;

    if (g->n < 2) {
        return -1;
    }
    last = g->n - 2;
    k = g->sep[last];
    if (k == ' ') {
        return -1;
    }
    if (g->spaced_dec) {
        return (int)last;
    }
    for (size_t i = 0; i + 1 < g->n; i++) {
        same += g->sep[i] == k ? 1u : 0u;
        other = other || (g->sep[i] != k && g->sep[i] != ' ');
    }
    if (other || (same == 1 && g->ndig[last + 1] != 3)) {
        return (int)last;
    }
    if (same == 1 && g->n == 2 && g->ndig[0] <= 1 && (g->ndig[0] == 0 || s[g->start[0]] == '0')) {
        return (int)last; /* 0.750, .750 */
    }
    return -1;
}

/* One more group after s[i]: its separator and digits; false when none. */
static bool next_group(groups *g, const char *s, size_t len, size_t *i)
{
    char kind;
    size_t k = separator(s, len, *i, &kind);
    size_t j = *i + k;
    size_t m = 0;
    bool spaced = false;

    if (k == 0 || g->n >= 17) {
        return false;
    }
    if (kind != ' ' && j < len && s[j] == ' ' && g->ndig[g->n - 1] > 0) {
        spaced = true; /* "8. 94": only as final two decimals */
        j++;
    }
    while (j + m < len && is_digit(s[j + m])) {
        m++;
    }
    if (m == 0 || (kind == ' ' && m != 3) ||
        (spaced && (m != 2 || (j + m < len && (s[j + m] == '.' || s[j + m] == ','))))) {
        return false;
    }
    g->sep[g->n - 1] = kind;
    g->spaced_dec = spaced;
    g->start[g->n] = j;
    g->ndig[g->n++] = m;
    *i = j + m;
    return true;
}

/* A number at s[i] (digits, or a separator before digits: ".75"). */
static bool parse_number(number *out, const char *s, size_t len, size_t i)
{
    groups g;
    char buf[NUM_MAX + 2];
    size_t nb = 0;
    int dec;

    memset(&g, 0, sizeof(g));
    while (i + 1 < len && s[i] == '.' && s[i + 1] == '.') {
        i++; /* "$..75" */
    }
    g.start[0] = i;
    while (i < len && is_digit(s[i])) {
        i++;
    }
    g.ndig[0] = i - g.start[0];
    g.n = 1;
    while (i < len && next_group(&g, s, len, &i)) {
    }
    dec = g.ndig[0] == 0 ? 0 : decimal_at(&g, s);
    if (g.ndig[0] == 0 && g.n < 2) {
        return false;
    }
    for (size_t k = 0; k < g.n; k++) {
        if ((int)k == dec + 1 && dec >= 0) {
            buf[nb++] = '.';
        }
        if (nb + g.ndig[k] > NUM_MAX) {
            return false;
        }
        memcpy(buf + nb, s + g.start[k], g.ndig[k]);
        nb += g.ndig[k];
    }
    buf[nb] = '\0';
    out->end = i;
    out->amount = strtod(buf, NULL);
    return true;
}

static size_t skip_space(const char *s, size_t len, size_t i)
{
    if (i < len && s[i] == ' ') {
        return i + 1;
    }
    if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
        return i + 2;
    }
    return i;
}

static size_t back_space(const char *s, size_t i)
{
    if (i > 0 && s[i - 1] == ' ') {
        return i - 1;
    }
    if (i > 1 && (unsigned char)s[i - 2] == 0xC2 && (unsigned char)s[i - 1] == 0xA0) {
        return i - 2;
    }
    return i;
}

/* Where a number starts at s[i]: a digit not inside a number, or ".75" after a currency. */
static bool number_start(const char *s, size_t i)
{
    char c = s[i];

    if (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ',')) {
        return false;
    }
    if (is_digit(c)) {
        return true;
    }
    return (c == '.' || c == ',') && (i == 0 || !is_letter((unsigned char)s[i - 1]));
}

/* Cents written after the symbol: "35€ 99", "35€99" (two digits, then no more). */
static size_t cents_after(const char *s, size_t len, size_t at, double *amount)
{
    size_t j = skip_space(s, len, at);
    if (j + 2 <= len && is_digit(s[j]) && is_digit(s[j + 1]) &&
        (j + 2 == len || (!is_digit(s[j + 2]) && s[j + 2] != '.' && s[j + 2] != ','))) {
        *amount += (double)((s[j] - '0') * 10 + (s[j + 1] - '0')) / 100.0;
        return j + 2;
    }
    return at;
}

/* A range's second number after s[at]: "-", "–", "—", "to", "bis", "à", "a"; 0 when none. */
static size_t range_to(const char *s, size_t len, size_t at)
{
    static const char *const dashes[] = { "-",   "\xE2\x80\x93", "\xE2\x80\x94",
                                          "to ", "bis ",         "\xC3\xA0 ",
                                          "a ",  "til ",         NULL };
    static const size_t lens[] = { 1, 3, 3, 3, 4, 3, 2, 4 }; /* no strlen in this hot loop */
    size_t i = skip_space(s, len, at);

    for (size_t d = 0; dashes[d]; d++) {
        size_t k = lens[d];
        if (i + k <= len && memcmp(s + i, dashes[d], k) == 0) {
            return skip_space(s, len, i + k);
        }
    }
    return 0;
}

/* The currency of "From 26 to 50 €": the one after a range's second number. */
static const hd_currency *range_currency(const char *s, size_t len, size_t at)
{
    size_t r = range_to(s, len, at);
    number n;
    size_t k;

    if (r == 0 || r >= len || !is_digit(s[r]) || !parse_number(&n, s, len, r)) {
        return NULL;
    }
    return hd_currency_after(s, len, skip_space(s, len, n.end), &k);
}

/* The range's upper end after a price that ends at f->end; extends f->end. */
static void range_end(hd_price_found *f, const char *s, size_t len)
{
    size_t r = range_to(s, len, f->end);
    size_t k = 0;
    const hd_currency *c;
    number n;

    if (r == 0 || r >= len) {
        return;
    }
    c = hd_currency_after(s, len, r, &k);
    if (c && f->cur && strcmp(c->iso, f->cur->iso) != 0) {
        return;
    }
    r = skip_space(s, len, r + k);
    if (r >= len || !is_digit(s[r]) || !parse_number(&n, s, len, r) || n.amount <= f->amount) {
        return;
    }
    f->amount_max = n.amount;
    f->end = n.end;
    if (!c && f->cur && hd_currency_after(s, len, skip_space(s, len, n.end), &k) == f->cur) {
        f->end = skip_space(s, len, n.end) + k;
    }
}

static bool digits_only(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (!is_digit(s[i])) {
            return false;
        }
    }
    return to > from;
}

/* The currency around a number at [i, n->end); fills f. false when none is needed and none found.
 */
static bool around(hd_price_found *f, const char *s, size_t len, size_t i, number *n, bool need)
{
    size_t q = skip_space(s, len, n->end);
    size_t p = back_space(s, i);
    size_t k = 0;
    const hd_currency *cb;
    const hd_currency *ca = NULL;

    if (p > 0 && s[p - 1] == ':' && p == i) {
        p--; /* "US$:12.99" */
    }
    cb = hd_currency_before(s, p, &k);
    memset(f, 0, sizeof(*f));
    if (!cb && i > 0 && is_letter((unsigned char)s[i - 1]) && (unsigned char)s[i - 1] < 0x80) {
        return false; /* A4, mp3 */
    }
    f->start = cb ? p - k : i;
    f->end = n->end;
    f->amount = n->amount;
    f->cur = cb;
    if (!cb) {
        ca = hd_currency_after(s, len, q, &k);
        if (ca) {
            f->cur = ca;
            f->end = q + k;
            if (digits_only(s, i, n->end)) {
                double a = f->amount;
                size_t c = cents_after(s, len, f->end, &a);
                if (c != f->end && (c == f->end + 2 || c == len)) {
                    f->end = c;
                    f->amount = a;
                }
            }
        } else {
            f->cur = range_currency(s, len, n->end);
        }
    }
    if (!f->cur && need) {
        return false;
    }
    range_end(f, s, len);
    return true;
}

bool hd_price_next(hd_price_found *f, const char *s, size_t len, size_t from, bool need_cur)
{
    for (size_t i = from; i < len; i++) {
        number n;
        size_t q;
        if (!number_start(s, i) || !parse_number(&n, s, len, i)) {
            continue;
        }
        q = skip_space(s, len, n.end);
        if (q < len && s[q] == '%') {
            i = n.end;
            continue;
        }
        if (around(f, s, len, i, &n, need_cur)) {
            return true;
        }
        i = n.end > i ? n.end - 1 : i;
    }
    return false;
}

size_t hd_price_free_at(const char *s, size_t len, size_t from)
{
    static const char *const not_price[] = { "trial",    "shipping", "delivery",  "returns",
                                             "sample",   "quote",    "estimate",  "consultation",
                                             "download", "gift",     "of charge", "cancellation",
                                             "toll",     "hands",    NULL };
    char low[64];

    hd_price_lower(low, sizeof(low), s, len);
    for (size_t i = 0; not_price[i]; i++) {
        if (strstr(low, not_price[i])) {
            return len; /* "free trial", "free shipping", "toll-free" */
        }
    }
    for (size_t i = from; i + 4 <= len; i++) {
        if ((s[i] | 0x20) == 'f' && (s[i + 1] | 0x20) == 'r' && (s[i + 2] | 0x20) == 'e' &&
            (s[i + 3] | 0x20) == 'e' && (i == 0 || !is_letter((unsigned char)s[i - 1])) &&
            (i + 4 == len || !is_letter((unsigned char)s[i + 4])) &&
            (i == 0 || (s[i - 1] != '-' && s[i - 1] != '\''))) {
            return i;
        }
    }
    return len;
}

void hd_price_fill(hd_price *p,
                   const hd_price_found *f,
                   const char *s,
                   size_t len,
                   size_t next,
                   const char *hint,
                   size_t *end)
{
    hd_price_defaults(p);
    p->amount = f->amount;
    p->amount_max = f->amount_max;
    p->free = f->free;
    memset(p->currency, 0, sizeof(p->currency));
    if (f->cur) {
        memcpy(p->currency, hd_currency_refine(f->cur, hint), 3);
    } else if (hint && hd_currency_is_code(hint, strlen(hint))) {
        memcpy(p->currency, hint, 3);
    }
    *end = f->end + hd_price_suffixes(p, s, len, f->end);
    hd_price_qualify(p, s, len, f->start, *end, next);
    hd_price_equivalents(p);
}

int hd_price_parse_hint(hd_price *out, const char *s, size_t len, const char *hint, size_t hint_len)
{
    hd_price_found f;
    const char *hiso = hint ? hd_currency_find(hint, hint_len) : NULL;
    size_t end;
    size_t fr;

    memset(out, 0, sizeof(*out));
    if (hd_price_next(&f, s, len, 0, true) || hd_price_next(&f, s, len, 0, false)) {
        hd_price_fill(out, &f, s, len, len, hiso, &end);
        return 1;
    }
    fr = hd_price_free_at(s, len, 0);
    memset(&f, 0, sizeof(f));
    f.start = fr;
    f.end = fr + 4;
    f.free = true;
    if (fr < len) {
        hd_price_fill(out, &f, s, len, len, hiso, &end);
        return 1;
    }
    hd_price_defaults(out);
    hiso = hiso ? hiso : hd_currency_find(s, len);
    if (hiso) {
        memcpy(out->currency, hiso, 3);
    }
    return 0;
}

int hd_price_parse_one(hd_price *out, const char *s, size_t len)
{
    return hd_price_parse_hint(out, s, len, NULL, 0);
}
