/*
 * net/sha1.c - a compact SHA-1 (FIPS 180-4) and the "sha1:BASE32" label that
 * WARC files use for their digests. Written for hurdle from the standard;
 * libc only. The digests identify stored bytes; they are not a security
 * measure (SHA-1 is broken for collision resistance), which is why the WARC
 * convention's SHA-1 is good enough here.
 */
#include "sha1.h"

#include <string.h>

static uint32_t rol(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32U - n));
}

static uint32_t load_be32(const unsigned char *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint32_t mix(unsigned round, uint32_t b, uint32_t c, uint32_t d)
{
    if (round < 20) {
        return ((b & c) | (~b & d)) + 0x5a827999U;
    }
    if (round < 40) {
        return (b ^ c ^ d) + 0x6ed9eba1U;
    }
    if (round < 60) {
        return ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdcU;
    }
    return (b ^ c ^ d) + 0xca62c1d6U;
}

static void compress(uint32_t h[5], const unsigned char block[64])
{
    uint32_t w[80];
    uint32_t a = h[0];
    uint32_t b = h[1];
    uint32_t c = h[2];
    uint32_t d = h[3];
    uint32_t e = h[4];
    unsigned i;

    for (i = 0; i < 16; i++) {
        w[i] = load_be32(block + (size_t)4 * i);
    }
    for (i = 16; i < 80; i++) {
        w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    }
    for (i = 0; i < 80; i++) {
        uint32_t t = rol(a, 5) + mix(i, b, c, d) + e + w[i];
        e = d;
        d = c;
        c = rol(b, 30);
        b = a;
        a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

void hd_sha1_init(hd_sha1 *s)
{
    s->h[0] = 0x67452301U;
    s->h[1] = 0xefcdab89U;
    s->h[2] = 0x98badcfeU;
    s->h[3] = 0x10325476U;
    s->h[4] = 0xc3d2e1f0U;
    s->bits = 0;
    s->used = 0;
}

void hd_sha1_update(hd_sha1 *s, const void *data, size_t len)
{
    const unsigned char *p = data;

    s->bits += (uint64_t)len * 8U;
    while (len > 0) {
        size_t n = 64 - s->used;

        if (n > len) {
            n = len;
        }
        memcpy(s->block + s->used, p, n);
        s->used += n;
        p += n;
        len -= n;
        if (s->used == 64) {
            compress(s->h, s->block);
            s->used = 0;
        }
    }
}

void hd_sha1_final(unsigned char out[HD_SHA1_SIZE], hd_sha1 *s)
{
    uint64_t bits = s->bits;
    unsigned i;

    s->block[s->used++] = 0x80;
    if (s->used > 56) {
        memset(s->block + s->used, 0, 64 - s->used);
        compress(s->h, s->block);
        s->used = 0;
    }
    memset(s->block + s->used, 0, 56 - s->used);
    for (i = 0; i < 8; i++) {
        s->block[63 - i] = (unsigned char)(bits >> (8 * i));
    }
    compress(s->h, s->block);
    for (i = 0; i < 20; i++) {
        out[i] = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));
    }
}

void hd_sha1_label(char out[HD_SHA1_LABEL_SIZE], const void *data, size_t len)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    unsigned char digest[HD_SHA1_SIZE];
    hd_sha1 s;
    unsigned i;

    hd_sha1_init(&s);
    hd_sha1_update(&s, data, len);
    hd_sha1_final(digest, &s);
    memcpy(out, "sha1:", 5);
    /* 160 bits are exactly 32 groups of 5 bits: no padding. */
    for (i = 0; i < 32; i++) {
        unsigned bit = i * 5;
        unsigned v =
            ((unsigned)digest[bit / 8] << 8) | (bit / 8 + 1 < 20 ? digest[bit / 8 + 1] : 0);
        out[5 + i] = alphabet[(v >> (11 - bit % 8)) & 31U];
    }
    out[37] = '\0';
}
