/*
 * html/price.c - prices in visible text: a number with a currency symbol or
 * code beside it ("$19.99", "19,99 €", "USD 12", "1 299,00 Kč"), its billing
 * period ("/mo", "per year", "one-time"), unit ("per user", "/GB") and
 * whether "from", "starting at" or "as low as" comes before it.
 *
 * Amounts: '.' and ',' are decimal or thousands separators by position (the
 * last of two kinds is the decimal one; one kind alone is thousands when it
 * repeats or has exactly three digits after it); spaces, apostrophes and
 * Unicode spaces only group thousands. Words like "free" are not prices,
 * nor are numbers followed by '%'. On a page a price needs a currency; the
 * one-string entry (hd_price_parse_one) also takes a bare number. libc only.
 */
#include <stdlib.h>
#include <string.h>

#include <hurdle/common.h>

#include "internal.h"

#define CONTEXT_MAX 200
#define NUM_MAX     48

typedef struct currency {
    const char *sym;
    const char *iso;
    bool word; /* a code or word: must not touch letters */
    size_t len;
} currency;

/* Longest first where one symbol ends another ("US$" before "$"). */
static const currency currencies[] = {
    { "US$", "USD", false, sizeof("US$") - 1 }, { "AU$", "AUD", false, sizeof("AU$") - 1 },
    { "CA$", "CAD", false, sizeof("CA$") - 1 }, { "NZ$", "NZD", false, sizeof("NZ$") - 1 },
    { "HK$", "HKD", false, sizeof("HK$") - 1 }, { "MX$", "MXN", false, sizeof("MX$") - 1 },
    { "A$", "AUD", false, sizeof("A$") - 1 },   { "C$", "CAD", false, sizeof("C$") - 1 },
    { "S$", "SGD", false, sizeof("S$") - 1 },   { "R$", "BRL", false, sizeof("R$") - 1 },
    { "$", "USD", false, sizeof("$") - 1 },     { "€", "EUR", false, sizeof("€") - 1 },
    { "£", "GBP", false, sizeof("£") - 1 },     { "¥", "JPY", false, sizeof("¥") - 1 },
    { "₹", "INR", false, sizeof("₹") - 1 },     { "₽", "RUB", false, sizeof("₽") - 1 },
    { "₩", "KRW", false, sizeof("₩") - 1 },     { "₪", "ILS", false, sizeof("₪") - 1 },
    { "₺", "TRY", false, sizeof("₺") - 1 },     { "₫", "VND", false, sizeof("₫") - 1 },
    { "₴", "UAH", false, sizeof("₴") - 1 },     { "₦", "NGN", false, sizeof("₦") - 1 },
    { "฿", "THB", false, sizeof("฿") - 1 },     { "₱", "PHP", false, sizeof("₱") - 1 },
    { "zł", "PLN", true, sizeof("zł") - 1 },    { "Kč", "CZK", true, sizeof("Kč") - 1 },
    { "руб", "RUB", false, sizeof("руб") - 1 }, { "р.", "RUB", true, sizeof("р.") - 1 },
    { "Р", "RUB", true, sizeof("Р") - 1 },      { "грн", "UAH", false, sizeof("грн") - 1 },
    { "lei", "RON", true, sizeof("lei") - 1 },  { "Rp", "IDR", true, sizeof("Rp") - 1 },
    { "RM", "MYR", true, sizeof("RM") - 1 },    { "kr", "SEK", true, sizeof("kr") - 1 },
    { "Ft", "HUF", true, sizeof("Ft") - 1 },    { "TL", "TRY", true, sizeof("TL") - 1 },
    { "元", "CNY", false, sizeof("元") - 1 },   { "円", "JPY", false, sizeof("円") - 1 },
    { "Rs.", "INR", true, sizeof("Rs.") - 1 },  { "Rs", "INR", true, sizeof("Rs") - 1 },
    { "USD", "USD", true, sizeof("USD") - 1 },  { "EUR", "EUR", true, sizeof("EUR") - 1 },
    { "GBP", "GBP", true, sizeof("GBP") - 1 },  { "CAD", "CAD", true, sizeof("CAD") - 1 },
    { "AUD", "AUD", true, sizeof("AUD") - 1 },  { "JPY", "JPY", true, sizeof("JPY") - 1 },
    { "INR", "INR", true, sizeof("INR") - 1 },  { "CHF", "CHF", true, sizeof("CHF") - 1 },
    { "CNY", "CNY", true, sizeof("CNY") - 1 },  { "SEK", "SEK", true, sizeof("SEK") - 1 },
    { "NOK", "NOK", true, sizeof("NOK") - 1 },  { "DKK", "DKK", true, sizeof("DKK") - 1 },
    { "PLN", "PLN", true, sizeof("PLN") - 1 },  { "CZK", "CZK", true, sizeof("CZK") - 1 },
    { "HUF", "HUF", true, sizeof("HUF") - 1 },  { "RUB", "RUB", true, sizeof("RUB") - 1 },
    { "BRL", "BRL", true, sizeof("BRL") - 1 },  { "MXN", "MXN", true, sizeof("MXN") - 1 },
    { "NZD", "NZD", true, sizeof("NZD") - 1 },  { "SGD", "SGD", true, sizeof("SGD") - 1 },
    { "HKD", "HKD", true, sizeof("HKD") - 1 },  { "ZAR", "ZAR", true, sizeof("ZAR") - 1 },
    { "TRY", "TRY", true, sizeof("TRY") - 1 },  { "KRW", "KRW", true, sizeof("KRW") - 1 },
    { "ILS", "ILS", true, sizeof("ILS") - 1 },  { "AED", "AED", true, sizeof("AED") - 1 },
    { "SAR", "SAR", true, sizeof("SAR") - 1 },  { "RON", "RON", true, sizeof("RON") - 1 },
    { "BGN", "BGN", true, sizeof("BGN") - 1 },  { "UAH", "UAH", true, sizeof("UAH") - 1 },
    { "IDR", "IDR", true, sizeof("IDR") - 1 },  { "MYR", "MYR", true, sizeof("MYR") - 1 },
    { "THB", "THB", true, sizeof("THB") - 1 },  { "PHP", "PHP", true, sizeof("PHP") - 1 },
    { "VND", "VND", true, sizeof("VND") - 1 },  { "DEM", "DEM", true, sizeof("DEM") - 1 },
};

typedef struct word_map {
    const char *word;
    const char *value;
} word_map;

static const word_map periods[] = {
    { "/mo", "month" },     { "/month", "month" },    { "per month", "month" },
    { "a month", "month" }, { "monthly", "month" },   { "/mth", "month" },
    { "mo.", "month" },     { "/mes", "month" },      { "/monat", "month" },
    { "/mois", "month" },   { "pro monat", "month" }, { "par mois", "month" },
    { "al mes", "month" },  { "/yr", "year" },        { "/year", "year" },
    { "per year", "year" }, { "a year", "year" },     { "annually", "year" },
    { "yearly", "year" },   { "per annum", "year" },  { "/jahr", "year" },
    { "/an", "year" },      { "/wk", "week" },        { "/week", "week" },
    { "per week", "week" }, { "weekly", "week" },     { "a week", "week" },
    { "/day", "day" },      { "per day", "day" },     { "daily", "day" },
    { "a day", "day" },     { "/hr", "hour" },        { "/hour", "hour" },
    { "per hour", "hour" }, { "hourly", "hour" },     { "an hour", "hour" },
    { "one-time", "once" }, { "one time", "once" },   { "once", "once" },
};

static const word_map units[] = {
    { "per user", "user" },   { "/user", "user" },        { "per seat", "seat" },
    { "/seat", "seat" },      { "per device", "device" }, { "/device", "device" },
    { "per line", "line" },   { "/line", "line" },        { "per gb", "gb" },
    { "/gb", "gb" },          { "per minute", "minute" }, { "/min", "minute" },
    { "/minute", "minute" },  { "a minute", "minute" },   { "per member", "user" },
    { "per person", "user" }, { "/person", "user" },      { "per agent", "user" },
};

static const char *const from_words[] = { "from",      "starting at", "starts at", "as low as",
                                          "ab ",       "à partir de", "desde",     "a partir de",
                                          "only from", NULL };

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A currency that ends exactly at s[end]. */
static const currency *currency_before(const char *s, size_t end)
{
    for (size_t i = 0; i < sizeof(currencies) / sizeof(currencies[0]); i++) {
        const currency *c = &currencies[i];
        size_t k;
        if (end == 0 || s[end - 1] != c->sym[c->len - 1]) {
            continue;
        }
        k = c->len;
        if (k > end || memcmp(s + end - k, c->sym, k) != 0) {
            continue;
        }
        if (c->word && end > k && is_letter((unsigned char)s[end - k - 1]) &&
            (unsigned char)s[end - k - 1] < 0x80) {
            continue;
        }
        return c;
    }
    return NULL;
}

/* A currency that starts exactly at s[start]; *len_out is its length. */
static const currency *currency_after(const char *s, size_t len, size_t start, size_t *len_out)
{
    for (size_t i = 0; i < sizeof(currencies) / sizeof(currencies[0]); i++) {
        const currency *c = &currencies[i];
        size_t k = c->len;
        if (start >= len || s[start] != c->sym[0] || start + k > len ||
            memcmp(s + start, c->sym, k) != 0) {
            continue;
        }
        if (c->word && start + k < len && is_letter((unsigned char)s[start + k]) &&
            (unsigned char)s[start + k] < 0x80) {
            continue;
        }
        *len_out = k;
        return c;
    }
    return NULL;
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
    for (size_t i = 0; i + 1 < g->n; i++) {
        same += g->sep[i] == k ? 1u : 0u;
        other = other || (g->sep[i] != k && g->sep[i] != ' ');
    }
    if (other || (same == 1 && g->ndig[last + 1] != 3)) {
        return (int)last;
    }
    if (same == 1 && g->n == 2 && g->ndig[0] == 1 && s[g->start[0]] == '0') {
        return (int)last; /* 0.750 */
    }
    return -1;
}

static bool parse_number(number *out, const char *s, size_t len, size_t i)
{
    groups g;
    char buf[NUM_MAX + 2];
    size_t nb = 0;
    int dec;

    memset(&g, 0, sizeof(g));
    g.start[0] = i;
    while (i < len && is_digit(s[i])) {
        i++;
    }
    g.ndig[0] = i - g.start[0];
    g.n = 1;
    while (i < len && g.n < 17) {
        char kind;
        size_t k = separator(s, len, i, &kind);
        size_t j = i + k;
        size_t m = 0;
        if (k == 0) {
            break;
        }
        while (j + m < len && is_digit(s[j + m])) {
            m++;
        }
        if (m == 0 || (kind == ' ' && m != 3)) {
            break;
        }
        g.sep[g.n - 1] = kind;
        g.start[g.n] = j;
        g.ndig[g.n++] = m;
        i = j + m;
    }
    dec = decimal_at(&g, s);
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

typedef struct found {
    size_t start;
    size_t end;
    double amount;
    const currency *cur;
} found;

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

/* The next price in s[from..len); with `need_cur`, only one with a currency. */
static bool next_price(found *f, const char *s, size_t len, size_t from, bool need_cur)
{
    for (size_t i = from; i < len; i++) {
        number n;
        const currency *cb;
        const currency *ca = NULL;
        size_t p;
        size_t q;
        size_t alen = 0;
        if (!is_digit(s[i]) ||
            (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ','))) {
            continue;
        }
        if (!parse_number(&n, s, len, i)) {
            continue;
        }
        q = skip_space(s, len, n.end);
        if (q < len && s[q] == '%') {
            i = n.end;
            continue;
        }
        p = back_space(s, i);
        cb = currency_before(s, p);
        if (!cb && i > 0 && is_letter((unsigned char)s[i - 1]) && (unsigned char)s[i - 1] < 0x80) {
            i = n.end; /* A4, mp3 */
            continue;
        }
        ca = cb ? NULL : currency_after(s, len, q, &alen);
        if (!cb && !ca && need_cur) {
            i = n.end;
            continue;
        }
        f->start = cb ? p - strlen(cb->sym) : i;
        f->end = ca ? q + alen : n.end;
        f->amount = n.amount;
        f->cur = cb ? cb : ca;
        return true;
    }
    return false;
}

static bool word_at(const char *low, size_t n, const char *w)
{
    size_t k = strlen(w);
    return k <= n && memcmp(low, w, k) == 0 &&
           (k == n || !is_letter((unsigned char)low[k]) || w[k - 1] == '.');
}

/* Period and unit words right after a price; returns the bytes they take. */
static size_t suffixes(hd_price *p, const char *s, size_t len, size_t at)
{
    char low[48];
    size_t n = len - at < sizeof(low) ? len - at : sizeof(low);
    size_t pos = 0;
    size_t used = 0;

    for (size_t i = 0; i < n; i++) {
        char c = s[at + i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    for (int round = 0; round < 2; round++) {
        bool hit = false;
        while (pos < n && low[pos] == ' ') {
            pos++;
        }
        for (size_t i = 0; !hit && !*p->period && i < sizeof(periods) / sizeof(periods[0]); i++) {
            if (word_at(low + pos, n - pos, periods[i].word)) {
                p->period = periods[i].value;
                pos += strlen(periods[i].word);
                hit = true;
            }
        }
        for (size_t i = 0; !hit && !*p->unit && i < sizeof(units) / sizeof(units[0]); i++) {
            if (word_at(low + pos, n - pos, units[i].word)) {
                p->unit = units[i].value;
                pos += strlen(units[i].word);
                hit = true;
            }
        }
        if (!hit) {
            break;
        }
        used = pos;
    }
    return used;
}

static bool says_from(const char *s, size_t start)
{
    char low[32];
    size_t from = start > sizeof(low) - 1 ? start - (sizeof(low) - 1) : 0;
    size_t n = start - from;

    for (size_t i = 0; i < n; i++) {
        char c = s[from + i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    low[n] = '\0';
    for (size_t i = 0; from_words[i]; i++) {
        if (strstr(low, from_words[i])) {
            return true;
        }
    }
    return false;
}

static void fill(hd_price *p, const found *f, const char *s, size_t len, size_t *end)
{
    p->amount = f->amount;
    memset(p->currency, 0, sizeof(p->currency));
    if (f->cur) {
        memcpy(p->currency, f->cur->iso, 3);
    }
    p->period = "";
    p->unit = "";
    p->from = says_from(s, f->start);
    *end = f->end + suffixes(p, s, len, f->end);
}

int hd_price_parse_one(hd_price *out, const char *s, size_t len)
{
    found f;
    size_t end;

    memset(out, 0, sizeof(*out));
    if (!next_price(&f, s, len, 0, true) && !next_price(&f, s, len, 0, false)) {
        return 0;
    }
    fill(out, &f, s, len, &end);
    return 1;
}

/* The block's text around the price, at most CONTEXT_MAX bytes. */
static const char *context(hd_arena *arena, const char *b, size_t len, size_t at)
{
    size_t from = 0;

    if (len > CONTEXT_MAX && at > CONTEXT_MAX / 3) {
        from = at - CONTEXT_MAX / 3;
        while (from < len && ((unsigned char)b[from] & 0xC0) == 0x80) {
            from++;
        }
    }
    return hd_text_squeeze(arena, b + from, len - from, CONTEXT_MAX);
}

static int add_price(hd_page *page,
                     hd_vec *out,
                     const hd_text *t,
                     size_t bstart,
                     size_t blen,
                     const found *f,
                     size_t *next)
{
    const char *b = t->text + bstart;
    hd_price *p = hd_vec_push(out);
    const hd_span *sp;
    size_t end;

    if (!p) {
        return HURDLE_ENOMEM;
    }
    fill(p, f, b, blen, &end);
    p->raw = hd_text_squeeze(&page->arena, b + f->start, end - f->start, 120);
    p->context = context(&page->arena, b, blen, f->start);
    sp = hd_text_span_at(t, bstart + f->start);
    p->path = sp ? sp->path : "";
    *next = end;
    return p->raw && p->context ? HURDLE_OK : HURDLE_ENOMEM;
}

int hd_price_extract(hd_page *page, size_t max_prices)
{
    const hd_text *t = &page->scopes[HD_SCOPE_TEXT];
    hd_vec out;
    size_t start = 0;
    int rc = HURDLE_OK;

    hd_vec_init(&out, page->arena.ctx, sizeof(hd_price), (size_t)-1 / sizeof(hd_price));
    while (start < t->len && rc == HURDLE_OK) {
        const char *nl = memchr(t->text + start, '\n', t->len - start);
        size_t blen = nl ? (size_t)(nl - (t->text + start)) : t->len - start;
        size_t pos = 0;
        found f;
        while (rc == HURDLE_OK && next_price(&f, t->text + start, blen, pos, true)) {
            if (out.len >= max_prices) {
                hd_page_warn(page, "more than %zu prices; the rest were not kept", max_prices);
                start = t->len;
                break;
            }
            rc = add_price(page, &out, t, start, blen, &f, &pos);
        }
        start += blen + 1;
    }
    if (rc == HURDLE_OK && out.len) {
        page->prices = hd_arena_array(&page->arena, out.len, sizeof(hd_price));
        rc = page->prices ? HURDLE_OK : HURDLE_ENOMEM;
        if (page->prices) {
            memcpy(page->prices, out.ptr, out.len * sizeof(hd_price));
            page->nprices = out.len;
        }
    }
    hd_vec_dispose(&out);
    return rc < 0 ? hd_oom(page->arena.ctx) : HURDLE_OK;
}
