/*
 * html/charset.c - turns a page's bytes into valid UTF-8 before libxml2
 * sees them: binary sniffing, the encoding (BOM, then the content-type
 * charset, then a <meta> or XML declaration in the first 4 KB, then UTF-8
 * when the bytes are valid UTF-8 and windows-1252 otherwise), conversion
 * (windows-1252 by table, the rest through iconv), and replacement of
 * invalid sequences, NUL and C0 controls.
 *
 * Invariant: hd_decoded.ptr is valid UTF-8 without NUL bytes, so libxml2
 * never reports an encoding error (which it would print) and every string
 * the module hands out is valid UTF-8. Uses iconv from the C library.
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include <hurdle/common.h>

#include "internal.h"

#define SNIFF_BYTES 1024
#define PRESCAN     4096

static const unsigned short cp1252[32] = { 0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020,
                                           0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
                                           0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D,
                                           0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
                                           0x0153, 0xFFFD, 0x017E, 0x0178 };

static const char *const magic[] = { "\x89PNG",  "GIF8",    "\xFF\xD8\xFF", "%PDF-", "PK\x03\x04",
                                     "\x1F\x8B", "\177ELF", "RIFF",         "\0asm", "OggS" };

bool hd_charset_is_binary(const char *bytes, size_t len)
{
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    size_t ctrl = 0;

    if (len >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                     (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        return false; /* UTF-16 with a BOM */
    }
    for (size_t i = 0; i < sizeof(magic) / sizeof(magic[0]); i++) {
        size_t m = magic[i][0] ? strlen(magic[i]) : 4;
        if (len >= m && memcmp(bytes, magic[i], m) == 0) {
            return true;
        }
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if (c == 0) {
            return true;
        }
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
            ctrl++;
        }
    }
    return ctrl * 20 > n;
}

/* Length of the valid UTF-8 sequence at `s`, or 0. Rejects overlongs, surrogates,
 * code points past U+10FFFF and the noncharacters U+FFFE and U+FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];

    if (c < 0x80) {
        return 1;
    }
    if (c < 0xC2 || c > 0xF4) {
        return 0;
    }
    if (c < 0xE0) {
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    }
    if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) {
        return 0;
    }
    if (c < 0xF0) {
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0)) {
            return 0;
        }
        return (c == 0xEF && s[1] == 0xBF && s[2] >= 0xBE) ? 0 : 3;
    }
    if (n < 4 || (s[3] & 0xC0) != 0x80 || (c == 0xF0 && s[1] < 0x90) ||
        (c == 0xF4 && s[1] >= 0x90)) {
        return 0;
    }
    return 4;
}

static bool bad_ascii(unsigned char c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
}

/* Length of the prefix of `s` that needs no repair. */
static size_t clean_prefix(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        size_t k;
        if (u[i] >= 0x20 && u[i] < 0x80) {
            i++;
            continue;
        }
        if (u[i] < 0x80) {
            if (bad_ascii(u[i])) {
                return i;
            }
            i++;
            continue;
        }
        k = utf8_seq(u + i, len - i);
        if (k == 0) {
            return i;
        }
        i += k;
    }
    return len;
}

/* Appends `s` to `out` with invalid sequences as U+FFFD and controls as spaces. */
static void repair(hd_buf *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < len && !out->err) {
        size_t ok = clean_prefix(s + i, len - i);
        hd_buf_put(out, s + i, ok);
        i += ok;
        if (i >= len) {
            break;
        }
        if (u[i] < 0x80) {
            hd_buf_put(out, u[i] == 0 ? "\xEF\xBF\xBD" : " ", u[i] == 0 ? 3 : 1);
            i++;
        } else {
            hd_buf_put(out, "\xEF\xBF\xBD", 3);
            i++;
            while (i < len && (u[i] & 0xC0) == 0x80 && utf8_seq(u + i, len - i) == 0) {
                i++;
            }
        }
    }
}

static void put_cp(hd_buf *out, unsigned cp)
{
    char b[3];

    if (cp < 0x80) {
        hd_buf_putc(out, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        hd_buf_put(out, b, 2);
    } else {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        hd_buf_put(out, b, 3);
    }
}

static void from_cp1252(hd_buf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len && !out->err; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 && c < 0xA0) {
            put_cp(out, cp1252[c - 0x80]);
        } else if (bad_ascii(c)) {
            hd_buf_putc(out, ' ');
        } else {
            put_cp(out, c);
        }
    }
}

/* Converts through iconv; an undecodable byte becomes U+FFFD and is skipped. */
static int from_iconv(hd_buf *tmp, const char *name, const char *s, size_t len)
{
    iconv_t cd = iconv_open("UTF-8", name);
    char *in;
    size_t inleft = len;

    if (cd == (iconv_t)-1) {
        return HURDLE_ENOTFOUND;
    }
    memcpy(&in, &s, sizeof(in)); /* iconv's prototype is not const-correct */
    while (inleft > 0 && !tmp->err) {
        size_t room = inleft * 4 + 16;
        char *o;
        size_t oleft;
        size_t r;
        if (hd_buf_grow(tmp, room) < 0) {
            break;
        }
        o = tmp->ptr + tmp->len;
        oleft = room;
        r = iconv(cd, &in, &inleft, &o, &oleft);
        tmp->len = (size_t)(o - tmp->ptr);
        tmp->ptr[tmp->len] = '\0';
        if (r == (size_t)-1 && errno != E2BIG) {
            hd_buf_put(tmp, "\xEF\xBF\xBD", 3);
            in++;
            inleft--;
        }
    }
    iconv_close(cd);
    return hd_buf_err(tmp);
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':';
}

/* Finds `key` followed by '=' and a name in `s`; copies the name lower case into `out`. */
static bool find_param(char *out, size_t cap, const char *s, size_t len, const char *key)
{
    size_t k = strlen(key);

    for (size_t i = 0; i + k < len; i++) {
        size_t j = 0;
        size_t n = 0;
        while (j < k && lower((unsigned char)s[i + j]) == key[j]) {
            j++;
        }
        if (j < k) {
            continue;
        }
        j += i;
        while (j < len && (s[j] == ' ' || s[j] == '\t')) {
            j++;
        }
        if (j >= len || s[j] != '=') {
            continue;
        }
        j++;
        while (j < len && (s[j] == ' ' || s[j] == '"' || s[j] == '\'')) {
            j++;
        }
        while (j < len && n + 1 < cap && name_char(s[j])) {
            out[n++] = (char)lower((unsigned char)s[j++]);
        }
        out[n] = '\0';
        if (n > 0) {
            return true;
        }
    }
    return false;
}

static void canonical(char *name)
{
    static const char *const latin[] = { "us-ascii",   "ascii",        "iso-8859-1", "iso8859-1",
                                         "iso_8859-1", "latin1",       "l1",         "cp1252",
                                         "x-cp1252",   "windows-1252", "cp819",      "iso-ir-100" };

    if (strcmp(name, "utf8") == 0 || strcmp(name, "unicode-1-1-utf-8") == 0 ||
        strncmp(name, "utf-16", 6) == 0) {
        memcpy(name, "utf-8", 6); /* a <meta> cannot really declare UTF-16 */
        return;
    }
    for (size_t i = 0; i < sizeof(latin) / sizeof(latin[0]); i++) {
        if (strcmp(name, latin[i]) == 0) {
            memcpy(name, "windows-1252", 13);
            return;
        }
    }
}

/* Decides the encoding; returns the BOM's length to skip. */
static size_t detect(char *cs, size_t cap, const char *b, size_t len, const char *content_type)
{
    size_t n = len < PRESCAN ? len : PRESCAN;

    if (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
        memcpy(cs, "utf-8", 6);
        return 3;
    }
    if (len >= 2 && memcmp(b, "\xFF\xFE", 2) == 0) {
        memcpy(cs, "utf-16le", 9);
        return 2;
    }
    if (len >= 2 && memcmp(b, "\xFE\xFF", 2) == 0) {
        memcpy(cs, "utf-16be", 9);
        return 2;
    }
    if (!(content_type && find_param(cs, cap, content_type, strlen(content_type), "charset")) &&
        !find_param(cs, cap, b, n, "charset") && !find_param(cs, cap, b, n, "encoding")) {
        const char *guess = clean_prefix(b, len) == len ? "utf-8" : "windows-1252";
        memcpy(cs, guess, strlen(guess) + 1);
    }
    canonical(cs);
    return 0;
}

int hd_charset_decode(hd_decoded *out,
                      hurdle_ctx *ctx,
                      const char *bytes,
                      size_t len,
                      const char *content_type,
                      size_t max)
{
    hd_buf tmp = HD_BUF_INIT(ctx, max);
    size_t skip;
    int rc = HURDLE_OK;

    hd_buf_init(&out->own, ctx, max);
    skip = detect(out->charset, sizeof(out->charset), bytes, len, content_type);
    bytes += skip;
    len -= skip;
    if (strcmp(out->charset, "utf-8") == 0) {
        if (clean_prefix(bytes, len) == len) {
            out->ptr = bytes;
            out->len = len;
            return HURDLE_OK;
        }
        repair(&out->own, bytes, len);
    } else if (strcmp(out->charset, "windows-1252") == 0) {
        from_cp1252(&out->own, bytes, len);
    } else {
        rc = from_iconv(&tmp, out->charset, bytes, len);
        if (rc == HURDLE_ENOTFOUND && clean_prefix(bytes, len) != len) {
            /* an unknown name is ignored (WHATWG): bytes that are not UTF-8 are the web's
               fallback, windows-1252 */
            memcpy(out->charset, "windows-1252", 13);
            from_cp1252(&out->own, bytes, len);
        } else if (rc == HURDLE_ENOTFOUND) {
            memcpy(out->charset, "utf-8", 6);
            repair(&out->own, bytes, len);
        } else {
            repair(&out->own, tmp.ptr, tmp.len);
        }
    }
    hd_buf_dispose(&tmp);
    rc = hd_buf_err(&out->own);
    out->ptr = out->own.ptr;
    out->len = out->own.len;
    return rc == HURDLE_ENOMEM ? hd_oom(ctx) : rc;
}

void hd_decoded_dispose(hd_decoded *d)
{
    hd_buf_dispose(&d->own);
}

size_t hd_utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max) {
        return len;
    }
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) {
        max--;
    }
    return max;
}

char *hd_utf8_dup(hd_arena *arena, const char *s, size_t len, size_t max)
{
    hd_buf b = HD_BUF_INIT(arena->ctx, len * 3 + 16);
    char *out;

    if (clean_prefix(s, len) == len) {
        return hd_arena_strndup(arena, s, hd_utf8_cut(s, len, max));
    }
    repair(&b, s, len);
    out = b.err ? NULL : hd_arena_strndup(arena, b.ptr, hd_utf8_cut(b.ptr, b.len, max));
    hd_buf_dispose(&b);
    return out;
}
