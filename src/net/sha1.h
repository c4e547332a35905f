/*
 * net/sha1.h - SHA-1 (FIPS 180-4) and its base32 form, for WARC digests
 * ("sha1:" + 32 base32 characters, as WARC writers conventionally label
 * WARC-Block-Digest and WARC-Payload-Digest). libc only; not for security.
 */
#ifndef HD_SHA1_H
#define HD_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define HD_SHA1_SIZE       20
/* "sha1:" + 32 base32 characters + NUL */
#define HD_SHA1_LABEL_SIZE 38

/* A running SHA-1. Caller-owned; init, update any number of times, then final. */
typedef struct hd_sha1 {
    uint32_t h[5];
    uint64_t bits;
    unsigned char block[64];
    size_t used;
} hd_sha1;

void hd_sha1_init(hd_sha1 *s);
void hd_sha1_update(hd_sha1 *s, const void *data, size_t len);
/* Writes the 20-byte digest to `out`; `s` must be initialised again before reuse. */
void hd_sha1_final(unsigned char out[HD_SHA1_SIZE], hd_sha1 *s);

/* The digest of `len` bytes as "sha1:<32 base32 characters>" (RFC 4648, no padding). */
void hd_sha1_label(char out[HD_SHA1_LABEL_SIZE], const void *data, size_t len);

#endif
