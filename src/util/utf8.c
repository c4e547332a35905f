/*
 * util/utf8.c - the byte-level text checks every module needs: strict UTF-8
 * and hexadecimal digits (percent escapes). libc only.
 */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

int hd_hex_value(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The end of the ASCII bytes from p[i], skipped eight at a time. */
static size_t ascii_run(const unsigned char *p, size_t i, size_t len)
{
    uint64_t w;

    while (len - i >= 8) {
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ULL) {
            break;
        }
        i += 8;
    }
    return i;
}

/* A strict UTF-8 check (no overlongs, no surrogates, nothing past U+10FFFF). */
bool hd_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        unsigned c;
        size_t n;
        unsigned min;
        unsigned cp;
        i = ascii_run(p, i, len);
        if (i >= len) {
            break;
        }
        c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1, min = 0x80, cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2, min = 0x800, cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3, min = 0x10000, cp = c & 0x07;
        } else {
            return false;
        }
        if (len - i <= n) {
            return false;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xc0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return false;
        }
        i += n + 1;
    }
    return true;
}
