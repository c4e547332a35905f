/*
 * html/price_int.h - what the price files of the html module share
 * (currency.c, price.c, price_meaning.c, price_markup.c). libc only.
 */
#ifndef HD_PRICE_INT_H
#define HD_PRICE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "page.h"

/* A currency as written: a symbol, a code or a word, and the ISO 4217 code it means. */
typedef struct hd_currency {
    const char *sym;
    const char *iso; /* "XBT" for bitcoin (no ISO code) */
    const char
        *alts; /* ambiguous symbols: the other ISO codes it can mean ("CAD AUD ..."), or NULL */
    bool word; /* letters: must not touch ASCII letters */
    size_t len; /* strlen(sym), for the scanner's inner loops */
} hd_currency;

/* The currency that ends exactly at s[end]; *len_out is its length. NULL when none. */
const hd_currency *hd_currency_before(const char *s, size_t end, size_t *len_out);
/* The currency that starts exactly at s[start]; *len_out is its length. NULL when none. */
const hd_currency *hd_currency_after(const char *s, size_t len, size_t start, size_t *len_out);
/* The ISO code of the first currency named anywhere in `len` bytes of `s`, or NULL. */
const char *hd_currency_find(const char *s, size_t len);
/*
 * The ISO code for `cur` given a hint currency `hint` (may be NULL): the hint
 * when `cur` is ambiguous and may mean it ("$" and "CAD"), else cur->iso.
 */
const char *hd_currency_refine(const hd_currency *cur, const char *hint);
/* A valid-looking ISO 4217 code (three upper-case ASCII letters) in `len` bytes of `s`. */
bool hd_currency_is_code(const char *s, size_t len);

/* price.c: one price found in text, before its meaning is read */
typedef struct hd_price_found {
    size_t start; /* the price as written: s[start..end), currency included */
    size_t end;
    double amount;
    double amount_max;      /* a range's upper end, 0 when none */
    const hd_currency *cur; /* NULL when none */
    bool free;              /* the word "free" (amount 0) */
} hd_price_found;

/* The next price in s[from..len); with `need_cur`, only one with a currency. */
bool hd_price_next(hd_price_found *f, const char *s, size_t len, size_t from, bool need_cur);
/* Where "free" stands as a price word in s[from..len) (ASCII case folded), or len when
   nowhere or when `s` speaks of a free trial, shipping, delivery... ("toll-free" neither). */
size_t hd_price_free_at(const char *s, size_t len, size_t from);
/*
 * Fills `p` from `f` found in the block `s`: amount, currency (`hint`, an ISO
 * code or NULL, refines an ambiguous symbol and stands in when none), period,
 * unit, qualifiers up to `next`, equivalents; *end is where the price and its
 * suffixes end. raw, context and path are left to the caller.
 */
void hd_price_fill(hd_price *p,
                   const hd_price_found *f,
                   const char *s,
                   size_t len,
                   size_t next,
                   const char *hint,
                   size_t *end);

/* price_meaning.c */
/* Reads the period and unit words right after a price (s[at..len)); returns the bytes used. */
size_t hd_price_suffixes(hd_price *p, const char *s, size_t len, size_t at);
/*
 * Reads what the block `s` (`len` bytes) says about the price that spans
 * [start, end) in it: from/up to, autopay, contract, rebate, promotion months
 * and the regular amount after them, taxes, asterisk. `next` is the start of
 * the next price in the block (len when none): words past it belong to that one.
 */
void hd_price_qualify(
    hd_price *p, const char *s, size_t len, size_t start, size_t end, size_t next);
/* Fills monthly, monthly_regular and first_year from the amount, period and promotion. */
void hd_price_equivalents(hd_price *p);
/* Sets the defaults of every field after the amount and currency ("" strings, -1 sums). */
void hd_price_defaults(hd_price *p);
/* ASCII lower case of at most `cap` - 1 bytes of s, NUL-terminated; returns the length. */
size_t hd_price_lower(char *out, size_t cap, const char *s, size_t len);

#endif
