/*
 * html/text.c - visible text: the scope writers the walk feeds (whitespace
 * collapsed, blocks separated by '\n', one span per run of an element's
 * text), and readability counts over the TEXT scope in one pass.
 *
 * Invariants: a scope's text never starts or ends with a space or '\n', has
 * no two separators in a row, never passes the scope's maximum, and is cut
 * only on a character boundary. Unicode spaces (U+00A0, U+2000-U+200A,
 * U+202F, U+3000) count as whitespace and are written as ' '.
 * Syllables: an English heuristic (vowel groups, then silent -e, -es, -ed
 * and the usual two-vowel splits); docs/internals/html.md says where it
 * differs from a pronouncing dictionary.
 */
#include <stdio.h>
#include <string.h>

#include <hurdle/common.h>

#include "internal.h"

/* Bytes of whitespace at `s` (0 when none), Unicode spaces included. */
static size_t space_len(const unsigned char *s, size_t n)
{
    if (s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || s[0] == '\r' || s[0] == '\f') {
        return 1;
    }
    if (s[0] == 0xC2 && n >= 2 && s[1] == 0xA0) {
        return 2;
    }
    if (s[0] == 0xE2 && n >= 3 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xAF)) {
        return 3;
    }
    if (s[0] == 0xE3 && n >= 3 && s[1] == 0x80 && s[2] == 0x80) {
        return 3;
    }
    return 0;
}

void hd_scope_init(hd_scope_writer *s, hurdle_ctx *ctx, size_t max)
{
    memset(s, 0, sizeof(*s));
    hd_buf_init(&s->text, ctx, max + 8);
    hd_vec_init(&s->spans, ctx, sizeof(hd_span), (size_t)-1 / sizeof(hd_span));
    s->max = max;
}

void hd_scope_dispose(hd_scope_writer *s)
{
    hd_buf_dispose(&s->text);
    hd_vec_dispose(&s->spans);
}

void hd_scope_block(hd_scope_writer *s)
{
    if (s->text.len > 0) {
        s->brk = true;
    }
    s->space = false;
}

hd_role hd_text_role(unsigned flags)
{
    if (flags & HF_FINE) {
        return HD_ROLE_FINE_PRINT;
    }
    if (flags & HF_BUTTON) {
        return HD_ROLE_BUTTON;
    }
    if (flags & HF_HEADING) {
        return HD_ROLE_HEADING;
    }
    if (flags & HF_LABEL) {
        return HD_ROLE_LABEL;
    }
    if (flags & HF_LINK) {
        return HD_ROLE_LINK;
    }
    return (flags & HF_CELL) ? HD_ROLE_CELL : HD_ROLE_BODY;
}

/*
 * Whether a block whose first run is `u` (`n` bytes) starts with a footnote
 * marker: "*", "**", a dagger (U+2020, U+2021), a superscript digit, "[1]",
 * or a footnote number set in <sup> (a run of digits with the fine-print role).
 */
static bool is_marker(const hd_scope_writer *s, const unsigned char *u, size_t n)
{
    size_t d = 0;

    if (u[0] == '*' || (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA0 || u[2] == 0xA1))) {
        return true;
    }
    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xB9 || u[1] == 0xB2 || u[1] == 0xB3)) {
        return true;
    }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xB0 && u[2] <= 0xB9) {
        return true;
    }
    if (u[0] == '[') {
        while (1 + d < n && u[1 + d] >= '0' && u[1 + d] <= '9') {
            d++;
        }
        return d > 0 && d < 3 && 1 + d < n && u[1 + d] == ']';
    }
    while (d < n && u[d] >= '0' && u[d] <= '9') {
        d++;
    }
    return s->role == HD_ROLE_FINE_PRINT && d > 0 && d < 3 && d == n;
}

/* At the start of a block: whether it is marked, and a new span when that changes. */
static void block_start(hd_scope_writer *s, const unsigned char *u, size_t n)
{
    bool m = s->roles && n > 0 && is_marker(s, u, n);

    if (m != s->marked) {
        s->marked = m;
        s->force = true;
    }
}

/* Starts a span at text offset `off` for the element `owner`; a span forced within the same
 * element (a marked block) keeps the last span's path. */
static int new_span(hd_scope_writer *s, size_t off, const void *owner, const char *path,
                    const char *ignore)
{
    hd_span *sp;

    if (!path && s->spans.len > 0) {
        const hd_span *last = hd_vec_at(&s->spans, s->spans.len - 1);
        path = last->path;
        ignore = last->ignore;
    }
    sp = hd_vec_push(&s->spans);
    if (!sp) {
        return HURDLE_ENOMEM;
    }
    sp->off = off;
    sp->path = path ? path : "";
    sp->ignore = ignore;
    sp->role = s->marked ? HD_ROLE_FINE_PRINT : s->role;
    s->owner = owner;
    s->force = false;
    return HURDLE_OK;
}

/* Appends one run of non-space bytes, with the pending separator and span. */
static int add_run(hd_scope_writer *s,
                   const char *run,
                   size_t len,
                   const void *owner,
                   const char *path,
                   const char *ignore)
{
    hd_buf *t = &s->text;
    size_t sep = (s->brk || s->space) && t->len > 0 ? 1 : 0;

    if (t->len + sep + len > s->max) {
        s->cut = true;
        if (t->len + sep >= s->max) {
            return HURDLE_OK;
        }
        len = hd_utf8_cut(run, len, s->max - t->len - sep);
        if (len == 0) {
            return HURDLE_OK;
        }
    }
    if (s->brk || t->len == 0) {
        block_start(s, (const unsigned char *)run, len);
    }
    if (sep) {
        hd_buf_putc(t, s->brk ? '\n' : ' ');
    }
    s->brk = false;
    s->space = false;
    if ((owner != s->owner || s->force) && new_span(s, t->len, owner, path, ignore) < 0) {
        return HURDLE_ENOMEM;
    }
    hd_buf_put(t, run, len);
    return hd_buf_err(t) ? hd_oom(t->ctx) : HURDLE_OK;
}

/* The separator and span before a run that starts at text offset `o`; the new offset. */
static int run_start(hd_scope_writer *s, size_t *o, const void *owner, const char *path,
                     const char *ignore)
{
    char *p = s->text.ptr;

    if ((s->brk || s->space) && *o > 0) {
        p[(*o)++] = s->brk ? '\n' : ' ';
    }
    s->brk = false;
    s->space = false;
    if (owner != s->owner || s->force) {
        return new_span(s, *o, owner, path, ignore);
    }
    return HURDLE_OK;
}

/*
 * hd_scope_add when the text cannot reach the maximum (the output is at
 * most one separator plus `len` bytes): room is made once and the bytes are
 * copied in one pass (printable ASCII needs no whitespace test).
 */
static int add_fast(hd_scope_writer *s,
                    const unsigned char *u,
                    size_t len,
                    const void *owner,
                    const char *path,
                    const char *ignore)
{
    hd_buf *t = &s->text;
    size_t o = t->len;
    size_t i = 0;
    int rc = HURDLE_OK;

    if (hd_buf_grow(t, len + 1) < 0) {
        return hd_oom(t->ctx);
    }
    while (i < len) {
        size_t k = space_len(u + i, len - i);
        if (k) {
            s->space = o > 0;
            i += k;
            continue;
        }
        if (s->brk || o == 0) {
            size_t e = i;
            while (e < len && space_len(u + e, len - e) == 0) {
                e++;
            }
            block_start(s, u + i, e - i);
        }
        rc = run_start(s, &o, owner, path, ignore);
        if (rc < 0) {
            break;
        }
        do {
            t->ptr[o++] = (char)u[i++];
        } while (i < len && (u[i] - 0x21u < 0x5Fu || space_len(u + i, len - i) == 0));
    }
    t->len = o;
    t->ptr[o] = '\0';
    return rc;
}

int hd_scope_add(hd_scope_writer *s,
                 const char *text,
                 size_t len,
                 const void *owner,
                 const char *path,
                 const char *ignore)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t i = 0;

    if (!s->cut && s->text.len + 1 + len <= s->max) {
        return add_fast(s, u, len, owner, path, ignore);
    }
    while (i < len && !s->cut) {
        size_t start;
        size_t k = space_len(u + i, len - i);
        int rc;
        if (k) {
            s->space = s->text.len > 0;
            i += k;
            continue;
        }
        start = i;
        while (i < len && space_len(u + i, len - i) == 0) {
            i++;
        }
        rc = add_run(s, text + start, i - start, owner, path, ignore);
        if (rc < 0) {
            return rc;
        }
    }
    return HURDLE_OK;
}

int hd_scope_finish(hd_text *out, hd_scope_writer *s, hd_arena *arena)
{
    char *text = hd_arena_strndup(arena, s->text.ptr, s->text.len);
    hd_span *spans = NULL;

    if (!text) {
        return HURDLE_ENOMEM;
    }
    if (s->spans.len) {
        spans = hd_arena_array(arena, s->spans.len, sizeof(*spans));
        if (!spans) {
            return HURDLE_ENOMEM;
        }
        memcpy(spans, s->spans.ptr, s->spans.len * sizeof(*spans));
    }
    out->text = text;
    out->len = s->text.len;
    out->spans = spans;
    out->nspans = s->spans.len;
    return HURDLE_OK;
}

char *hd_text_squeeze(hd_arena *arena, const char *s, size_t len, size_t max)
{
    const unsigned char *u = (const unsigned char *)s;
    char *out = hd_arena_alloc(arena, (len < max ? len : max) + 1);
    size_t n = 0;
    size_t i = 0;
    bool space = false;

    if (!out) {
        return NULL;
    }
    while (i < len) {
        size_t k = space_len(u + i, len - i);
        size_t c;
        if (k) {
            space = n > 0;
            i += k;
            continue;
        }
        c = 1;
        while (i + c < len && (u[i + c] & 0xC0) == 0x80) {
            c++;
        }
        if (n + (space ? 1 : 0) + c > max) {
            break;
        }
        if (space) {
            out[n++] = ' ';
            space = false;
        }
        memcpy(out + n, s + i, c);
        n += c;
        i += c;
    }
    out[n] = '\0';
    return out;
}

const hd_span *hd_text_span_at(const hd_text *text, size_t off)
{
    size_t lo = 0;
    size_t hi;

    if (!text || text->nspans == 0) {
        return NULL;
    }
    hi = text->nspans;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (text->spans[mid].off <= off) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return &text->spans[lo];
}
