/*
 * util/utf8.h - strict UTF-8 and hexadecimal digits.
 */
#ifndef HD_UTF8_H
#define HD_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* A strict UTF-8 check: no overlong forms, no surrogates, nothing past U+10FFFF. */
bool hd_utf8_valid(const char *s, size_t len);

/* The value of the hexadecimal digit `c` (0-15), or -1. */
int hd_hex_value(int c);

#endif
