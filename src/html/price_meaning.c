/*
 * html/price_meaning.c - what a price means: its billing period and unit
 * ("/mo", "per user per month", "one-time"), the words around it that
 * qualify it ("from", "up to", "with AutoPay", "with a 24-month contract",
 * "after rebate", "after instant savings", "for the first 12 months",
 * "plus taxes", "*", "was"), and the sums that make prices comparable: the
 * monthly equivalent and the first-year cost (docs/prices.md). The words
 * are English first, with the common German, French and Spanish ones.
 * Windows are bounded: 40 bytes before a price, 120 after. libc only.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "price_int.h"

#define BEFORE 40
#define AFTER  120

typedef struct word_map {
    const char *word;
    const char *value;
} word_map;

static const word_map periods[] = {
    { "/mo", "month" },       { "/month", "month" },   { "per month", "month" },
    { "a month", "month" },   { "monthly", "month" },  { "/mth", "month" },
    { "mo.", "month" },       { "/mo.", "month" },     { "per mo", "month" },
    { "/mes", "month" },      { "/monat", "month" },   { "/mois", "month" },
    { "pro monat", "month" }, { "par mois", "month" }, { "al mes", "month" },
    { "/mese", "month" },     { "/mnd", "month" },     { "/md.", "month" },
    { "/mån", "month" },      { "/maand", "month" },   { "mtl.", "month" },
    { "monatlich", "month" }, { "mensuel", "month" },  { "/yr", "year" },
    { "/year", "year" },      { "per year", "year" },  { "a year", "year" },
    { "annually", "year" },   { "yearly", "year" },    { "per annum", "year" },
    { "p.a.", "year" },       { "/jahr", "year" },     { "/an", "year" },
    { "/año", "year" },       { "/ano", "year" },      { "/år", "year" },
    { "jährlich", "year" },   { "/wk", "week" },       { "/week", "week" },
    { "per week", "week" },   { "weekly", "week" },    { "a week", "week" },
    { "/day", "day" },        { "per day", "day" },    { "daily", "day" },
    { "a day", "day" },       { "/hr", "hour" },       { "/hour", "hour" },
    { "per hour", "hour" },   { "hourly", "hour" },    { "an hour", "hour" },
    { "one-time", "once" },   { "one time", "once" },  { "once", "once" },
    { "one-off", "once" },    { "lifetime", "once" },  { "einmalig", "once" },
};

static const word_map units[] = {
    { "per user", "user" },     { "/user", "user" },
    { "per seat", "seat" },     { "/seat", "seat" },
    { "per device", "device" }, { "/device", "device" },
    { "per line", "line" },     { "/line", "line" },
    { "per gb", "gb" },         { "/gb", "gb" },
    { "per minute", "minute" }, { "/min", "minute" },
    { "/minute", "minute" },    { "a minute", "minute" },
    { "per min", "minute" },    { "per member", "user" },
    { "per person", "user" },   { "/person", "user" },
    { "per agent", "user" },    { "/agent", "user" },
    { "per license", "seat" },  { "per licence", "seat" },
    { "/license", "seat" },     { "per message", "message" },
    { "/message", "message" },  { "/msg", "message" },
    { "per sms", "message" },   { "per text", "message" },
    { "per host", "device" },   { "per endpoint", "device" },
    { "/endpoint", "device" },  { "per phone", "line" },
    { "/nutzer", "user" },      { "par utilisateur", "user" },
    { "pro nutzer", "user" },   { "por usuario", "user" },
};

static const char *const from_words[] = { "from",  "starting at",  "starts at", "as low as",
                                          "ab ",   "à partir de",  "desde",     "a partir de",
                                          "vanaf", "a partire da", "dès",       NULL };
static const char *const up_to_words[] = { "up to", "bis zu", "jusqu'à", "hasta", NULL };
static const char *const was_words[] = {
    "was",          "reg.",   "reg",        "regular price", "regularly",  "list price", "msrp",
    "rrp",          "statt",  "originally", "orig.",         "compare at", "uvp",        "normally",
    "normal price", "before", "retail",     "value",         "antes",      "prix barré", NULL
};
static const char *const tax_words[] = { "plus tax",        "+ tax",         "+tax",
                                         "plus applicable", "plus fees",     "+ fees",
                                         "taxes extra",     "fees extra",    "excl. vat",
                                         "excl vat",        "excluding vat", "ex. vat",
                                         "ex vat",          "excluding tax", "plus vat",
                                         "+ vat",           "zzgl",          "hors taxes",
                                         "sin iva",         "+ iva",         "taxes & fees",
                                         "taxes and fees",  "plus taxes",    "+ taxes",
                                         "before tax",      "pre-tax",       NULL };

size_t hd_price_lower(char *out, size_t cap, const char *s, size_t len)
{
    size_t n = len < cap - 1 ? len : cap - 1;

    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[n] = '\0';
    return n;
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool word_at(const char *low, size_t n, const char *w)
{
    size_t k = strlen(w);
    return k <= n && memcmp(low, w, k) == 0 &&
           (k == n || !is_alpha((unsigned char)low[k]) || w[k - 1] == '.' || w[k - 1] == ' ');
}

/* One period or unit word at low[*pos]; advances *pos. */
static bool one_suffix(hd_price *p, const char *low, size_t n, size_t *pos)
{
    for (size_t i = 0; !*p->period && i < sizeof(periods) / sizeof(periods[0]); i++) {
        if (word_at(low + *pos, n - *pos, periods[i].word)) {
            p->period = periods[i].value;
            *pos += strlen(periods[i].word);
            return true;
        }
    }
    for (size_t i = 0; !*p->unit && i < sizeof(units) / sizeof(units[0]); i++) {
        if (word_at(low + *pos, n - *pos, units[i].word)) {
            p->unit = units[i].value;
            *pos += strlen(units[i].word);
            return true;
        }
    }
    return false;
}

size_t hd_price_suffixes(hd_price *p, const char *s, size_t len, size_t at)
{
    char low[64];
    size_t map[64]; /* source offset (from at) of each byte of low */
    size_t n = 0;
    size_t pos = 0;
    size_t used = 0;

    for (size_t i = 0; at + i < len && n < sizeof(low) - 1; i++) {
        char c = s[at + i];
        if (c == ' ' && n > 0 && low[n - 1] == '/') {
            continue; /* "/ month" */
        }
        map[n] = i;
        low[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    low[n] = '\0';
    for (int round = 0; round < 3; round++) {
        size_t save = pos;
        while (pos < n && low[pos] == ' ') {
            pos++;
        }
        if (!one_suffix(p, low, n, &pos)) {
            pos = save;
            break;
        }
        used = pos < n ? map[pos] : (n ? map[n - 1] + 1 : 0);
    }
    return used;
}

static bool has_any(const char *low, const char *const *words)
{
    for (size_t i = 0; words[i]; i++) {
        if (strstr(low, words[i])) {
            return true;
        }
    }
    return false;
}

/* Whether the text before a price ends with one of `words` (spaces and ':' ignored). */
static bool ends_with_word(const char *low, size_t n, const char *const *words)
{
    while (n > 0 && (low[n - 1] == ' ' || low[n - 1] == ':')) {
        n--;
    }
    for (size_t i = 0; words[i]; i++) {
        size_t k = strlen(words[i]);
        if (k <= n && memcmp(low + n - k, words[i], k) == 0 &&
            (k == n || !is_alpha((unsigned char)low[n - k - 1]))) {
            return true;
        }
    }
    return false;
}

/* A number of months written just before low[at]: "24-month", "2 year", "two-year". */
static int months_before(const char *low, size_t at)
{
    static const char *const words[] = { "one", "two", "three", "four", "five" };
    size_t i = at;
    int mult;
    long v = 0;
    long scale = 1;

    while (i > 0 && (low[i - 1] == ' ' || low[i - 1] == '-')) {
        i--;
    }
    if (i >= 5 && memcmp(low + i - 5, "month", 5) == 0) {
        i -= 5, mult = 1;
    } else if (i >= 2 && memcmp(low + i - 2, "mo", 2) == 0) {
        i -= 2, mult = 1;
    } else if (i >= 4 && memcmp(low + i - 4, "year", 4) == 0) {
        i -= 4, mult = 12;
    } else if (i >= 2 && memcmp(low + i - 2, "yr", 2) == 0) {
        i -= 2, mult = 12;
    } else {
        return 0;
    }
    while (i > 0 && (low[i - 1] == ' ' || low[i - 1] == '-')) {
        i--;
    }
    while (i > 0 && low[i - 1] >= '0' && low[i - 1] <= '9' && scale < 1000) {
        v += (low[i - 1] - '0') * scale;
        scale *= 10;
        i--;
    }
    for (size_t w = 0; v == 0 && w < sizeof(words) / sizeof(words[0]); w++) {
        size_t k = strlen(words[w]);
        if (i >= k && memcmp(low + i - k, words[w], k) == 0) {
            v = (long)w + 1;
        }
    }
    return v > 0 && v <= 120 ? (int)v * mult : 0;
}

/* Months of a contract named in `low`: "24-month contract", "2-year agreement". */
static int contract_months(const char *low)
{
    static const char *const keys[] = { "contract", "agreement", "commitment", "term", NULL };

    for (size_t k = 0; keys[k]; k++) {
        const char *hit = strstr(low, keys[k]);
        while (hit) {
            size_t at = (size_t)(hit - low);
            int m;
            while (at > 0 && low[at - 1] == ' ') {
                at--;
            }
            m = months_before(low, at);
            if (m == 0 && at >= 6 && memcmp(low + at - 6, "device", 6) == 0) {
                m = 0;
            }
            if (m > 0) {
                return m;
            }
            hit = strstr(hit + 1, keys[k]);
        }
    }
    return 0;
}

/* Promotion months after a price: "for (the first) 12 months", "for 6 mos", "first year". */
static int promo_months(const char *low)
{
    static const char *const intro[] = {
        "for the first ", "for your first ", "for first ",        "for the ",
        "for ",           "first ",          "during the first ", NULL
    };

    for (size_t w = 0; intro[w]; w++) {
        const char *hit = strstr(low, intro[w]);
        if (hit && (size_t)(hit - low) < (intro[w][0] == 'f' && intro[w][1] == 'i' ? 6u : 40u)) {
            const char *q = hit + strlen(intro[w]);
            char *endp;
            long v;
            if (strncmp(q, "year", 4) == 0 || strncmp(q, "month", 5) == 0) {
                return q[0] == 'y' ? 12 : 1;
            }
            v = strtol(q, &endp, 10);
            if (v <= 0 || v > 60 || endp == q) {
                continue;
            }
            while (*endp == ' ' || *endp == '-') {
                endp++;
            }
            if (strncmp(endp, "mo", 2) == 0 || strncmp(endp, "mth", 3) == 0) {
                return (int)v;
            }
            if (strncmp(endp, "year", 4) == 0 || strncmp(endp, "yr", 2) == 0) {
                return (int)v * 12;
            }
        }
    }
    return 0;
}

/* "after ... rebate": the words after the price start with "after" (or the words before it
   hold "after ... rebate") and `what` follows within 60 bytes. */
static bool after_what(const char *before, const char *after, const char *const *what)
{
    const char *a = strstr(after, "after");
    const char *b = strstr(before, "after");
    char win[72];

    if (a && a - after < 16) {
        size_t n = strlen(a) < sizeof(win) - 1 ? strlen(a) : sizeof(win) - 1;
        memcpy(win, a, n);
        win[n] = '\0';
        return has_any(win, what);
    }
    return b && has_any(b, what);
}

static bool asterisk_at(const char *s, size_t len, size_t end)
{
    const unsigned char *u = (const unsigned char *)s + end;
    size_t n = len - end;

    if (n > 0 && *u == ' ') {
        u++, n--;
    }
    return (n >= 1 && *u == '*') ||
           (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA0 || u[2] == 0xA1)) ||
           (n >= 2 && u[0] == 0xC2 && (u[1] == 0xB9 || u[1] == 0xB2 || u[1] == 0xB3));
}

void hd_price_qualify(hd_price *p, const char *s, size_t len, size_t start, size_t end, size_t next)
{
    static const char *const rebate[] = { "rebate", "reward card", NULL };
    static const char *const savings[] = {
        "instant", "saving", "discount", " off", "credit", NULL
    };
    char before[BEFORE + 1];
    char after[AFTER + 1];
    char far[AFTER + 1];
    size_t b0 = start > BEFORE ? start - BEFORE : 0;
    size_t stop = next < len ? next : len;

    hd_price_lower(before, sizeof(before), s + b0, start - b0);
    hd_price_lower(after, sizeof(after), s + end, stop > end ? stop - end : 0);
    hd_price_lower(far, sizeof(far), s + end, len - end);
    p->from = p->from || has_any(before + (start - b0 > 24 ? start - b0 - 24 : 0), from_words);
    p->up_to = has_any(before + (start - b0 > 16 ? start - b0 - 16 : 0), up_to_words);
    p->struck =
        p->struck || (ends_with_word(before, start - b0, was_words) && !strstr(before, "then"));
    p->autopay = (strstr(after, "autopay") || strstr(after, "auto pay") ||
                  strstr(after, "auto-pay") || strstr(before, "with autopay")) &&
                 !strstr(after, "without") && !strstr(after, "w/o");
    p->after_rebate = after_what(before, far, rebate) && !strstr(far, "instant rebate");
    p->after_savings = !p->after_rebate && after_what(before, far, savings);
    p->contract_months = contract_months(after);
    p->promo_months = promo_months(after);
    p->plus_taxes = has_any(after, tax_words) && !strstr(after, "incl");
    p->asterisk = asterisk_at(s, len, end);
}

void hd_price_defaults(hd_price *p)
{
    p->period = p->period ? p->period : "";
    p->unit = p->unit ? p->unit : "";
    p->source = p->source ? p->source : "text";
    p->monthly = -1.0;
    p->monthly_regular = -1.0;
    p->first_year = -1.0;
}

static double cents(double v)
{
    return round(v * 100.0) / 100.0;
}

/* The monthly equivalent of `a` billed every `period`, -1 when there is none. */
static double per_month(double a, const char *period)
{
    if (strcmp(period, "month") == 0) {
        return a;
    }
    if (strcmp(period, "year") == 0) {
        return a / 12.0;
    }
    if (strcmp(period, "week") == 0) {
        return a * 52.0 / 12.0;
    }
    if (strcmp(period, "day") == 0) {
        return a * 365.0 / 12.0;
    }
    return -1.0;
}

void hd_price_equivalents(hd_price *p)
{
    const char *period = p->free && !*p->period ? "month" : p->period;
    double m = per_month(p->amount, period);
    double r = p->regular_amount > 0 ? per_month(p->regular_amount, period) : m;
    int pm = p->promo_months > 12 ? 12 : p->promo_months;

    p->monthly = m < 0 ? -1.0 : cents(m);
    p->monthly_regular = r < 0 ? -1.0 : cents(r);
    p->first_year = -1.0;
    if (strcmp(period, "once") == 0) {
        p->first_year = p->amount;
    } else if (m >= 0 && pm > 0 && (p->regular_amount > 0 || pm == 12)) {
        p->first_year = cents(m * pm + (pm < 12 ? r * (12 - pm) : 0.0));
    } else if (m >= 0 && pm == 0 && p->regular_amount <= 0) {
        p->first_year = strcmp(period, "year") == 0 ? p->amount : cents(m * 12.0);
    }
}
