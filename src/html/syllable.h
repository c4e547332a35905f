/*
 * html/syllable.h - the English syllable counter of the html module
 * (syllable.c), shared by readability.c and the tests. libc only.
 */
#ifndef HD_HTML_SYLLABLE_H
#define HD_HTML_SYLLABLE_H

#include <stdbool.h>
#include <stddef.h>

/* Letters of a word that are looked at; the rest of a longer word is ignored. */
#define HD_SYLLABLE_MAX 64

/* Syllables of `n` (0 to HD_SYLLABLE_MAX) lower-case ASCII letters: the exceptions table,
 * then the rules; at least 1 when n > 0. */
int hd_syllables_lower(const char *w, size_t n);
/* The rules alone, without the exceptions table (for measuring them). */
int hd_syllables_rules(const char *w, size_t n);

#endif
