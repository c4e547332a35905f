/*
 * net/warc_fields.c - the header lines WARC records and HTTP messages share:
 * splitting a head from its body at the blank line, "Name: value" fields
 * with continuation lines into "name\0value\0" pairs, case-insensitive
 * lookup, HTTP status lines. Used by the writer (warc.c) and the reader
 * (warc_read.c). libc only.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "warc.h"

bool hd_warc_fields_is_name_char(unsigned char c)
{
    return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?={}", c);
}

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t')) {
        (*n)--;
    }
}

/* Adds one header line to `out`; EPARSE with *why_out set when it is not a field. */
static int add_line(hd_buf *out, const char *s, size_t n, bool *have, const char **why_out)
{
    const char *colon = memchr(s, ':', n);
    const char *v;
    size_t vn;
    size_t i;

    if (memchr(s, '\0', n)) {
        *have = false;
        *why_out = "contains a NUL byte";
        return HURDLE_EPARSE;
    }
    if (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
        if (!*have) {
            *why_out = "continues no field";
            return HURDLE_EPARSE;
        }
        trim(&s, &n);
        if (n > 0) {
            hd_buf_truncate(out, out->len - 1); /* the value's NUL */
            hd_buf_putc(out, ' ');
            hd_buf_put(out, s, n);
            hd_buf_putc(out, '\0');
        }
        return hd_buf_err(out);
    }
    *have = false;
    if (!colon || colon == s) {
        *why_out = "is not \"Name: value\"";
        return HURDLE_EPARSE;
    }
    for (i = 0; s + i < colon; i++) {
        if (!hd_warc_fields_is_name_char((unsigned char)s[i])) {
            *why_out = "has a bad field name";
            return HURDLE_EPARSE;
        }
    }
    v = colon + 1;
    vn = n - (size_t)(v - s);
    trim(&v, &vn);
    hd_buf_put(out, s, (size_t)(colon - s));
    hd_buf_putc(out, '\0');
    hd_buf_put(out, v, vn);
    hd_buf_putc(out, '\0');
    *have = hd_buf_err(out) == HURDLE_OK;
    return hd_buf_err(out);
}

/*
 * Parses the lines after the first of `p` (the version or status line) into
 * `out`. Strict: the first bad line is EPARSE (*line_out, *why_out); else
 * bad lines are skipped.
 */
int hd_warc_fields_parse(
    hd_buf *out, const char *p, size_t len, bool strict, size_t *line_out, const char **why_out)
{
    const char *nl = memchr(p, '\n', len);
    size_t i = nl ? (size_t)(nl - p) + 1 : len;
    size_t line = 1;
    bool have = false;
    int rc;

    hd_buf_clear(out);
    while (i < len) {
        size_t end;
        size_t e;

        nl = memchr(p + i, '\n', len - i);
        end = nl ? (size_t)(nl - p) : len;
        e = end > i && p[end - 1] == '\r' ? end - 1 : end;
        line++;
        rc = add_line(out, p + i, e - i, &have, why_out);
        if (rc == HURDLE_ENOMEM || (rc == HURDLE_EPARSE && strict)) {
            *line_out = line;
            return rc;
        }
        i = end + 1;
    }
    return HURDLE_OK;
}

/* Where the value of `name` starts in `b`, or SIZE_MAX. */
size_t hd_warc_fields_find(const hd_buf *b, const char *name)
{
    size_t i = 0;

    while (i < b->len) {
        size_t nl = strlen(b->ptr + i);
        size_t v = i + nl + 1;

        if (v >= b->len) {
            break;
        }
        if (strcasecmp(b->ptr + i, name) == 0) {
            return v;
        }
        i = v + strlen(b->ptr + v) + 1;
    }
    return SIZE_MAX;
}

/* Parses "HTTP/d[.d] ddd" at the start of `p`: the status, or 0. */
long hd_warc_fields_http_status(const char *p, size_t n)
{
    size_t i = 5;
    long code = 0;
    size_t k;

    if (n < 5 || memcmp(p, "HTTP/", 5) != 0) {
        return 0;
    }
    while (i < n && (p[i] == '.' || (p[i] >= '0' && p[i] <= '9'))) {
        i++;
    }
    if (i == 5 || i >= n || p[i] != ' ') {
        return 0;
    }
    while (i < n && p[i] == ' ') {
        i++;
    }
    for (k = 0; k < 3; k++, i++) {
        if (i >= n || p[i] < '0' || p[i] > '9') {
            return 0;
        }
        code = code * 10 + (p[i] - '0');
    }
    return (i == n || p[i] == ' ' || p[i] == '\r' || p[i] == '\n') && code >= 100 ? code : 0;
}

bool hd_warc_fields_split(
    const char *msg, size_t len, size_t max_head, size_t *head_len_out, size_t *body_off_out)
{
    size_t lim = len < max_head ? len : max_head;
    size_t line = 0;

    while (line < lim) {
        const char *nl = memchr(msg + line, '\n', lim - line);
        size_t end;

        if (!nl) {
            return false;
        }
        end = (size_t)(nl - msg);
        if (end == line || (end == line + 1 && msg[line] == '\r')) {
            *head_len_out = line;
            *body_off_out = end + 1;
            return true;
        }
        line = end + 1;
    }
    return false;
}
