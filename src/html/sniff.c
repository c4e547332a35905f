/*
 * html/sniff.c - is this a page? The crawler asks it of files in a saved
 * site and of responses with no Content-Type. It follows the HTML part of
 * the WHATWG MIME Sniffing standard (a byte-order mark and whitespace, then
 * "<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV",
 * "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P"
 * or "<!--", case-insensitive, each followed by a space or '>'), plus what
 * saved pages look like in practice: an XML declaration before XHTML, or
 * an <html>, <head>, <body> or <form> tag within the first kilobytes.
 * Binary data (charset.c's test) and JSON (a previous report) are not
 * pages; other text is text.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define SNIFF_BYTES 4096

static bool tag_at(const char *s, size_t n, const char *tag)
{
    size_t t = strlen(tag);

    if (n <= t || strncasecmp(s, tag, t) != 0) {
        return false;
    }
    return strcmp(tag, "<!--") == 0 || s[t] == ' ' || s[t] == '>' || s[t] == '\t' || s[t] == '\n' ||
           s[t] == '\r' || s[t] == '/';
}

/*
 * A tag `needle` ("<form") starting in s[0..n), as a whole name ("<formula>" is not one): the
 * byte after it may lie past the window, within `len`.
 */
static bool contains(const char *s, size_t n, size_t len, const char *needle)
{
    size_t k = strlen(needle);

    for (size_t i = 0; i + k <= n; i++) {
        if (strncasecmp(s + i, needle, k) == 0 && tag_at(s + i, len - i, needle)) {
            return true;
        }
    }
    return false;
}

hd_sniff hd_html_sniff(const char *bytes, size_t len)
{
    static const char *const tags[] = { "<!doctype html",
                                        "<html",
                                        "<head",
                                        "<script",
                                        "<iframe",
                                        "<h1",
                                        "<div",
                                        "<font",
                                        "<table",
                                        "<a",
                                        "<style",
                                        "<title",
                                        "<b",
                                        "<body",
                                        "<br",
                                        "<p",
                                        "<!--" };
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    const char *s = bytes;

    if (len && hd_charset_is_binary(bytes, len)) {
        return HD_SNIFF_OTHER;
    }
    if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
        s += 3;
        n -= 3;
    }
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')) {
        s++;
        n--;
    }
    for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
        if (tag_at(s, n, tags[i])) {
            return HD_SNIFF_HTML;
        }
    }
    if (contains(s, n, len - (size_t)(s - bytes), "<html") ||
        contains(s, n, len - (size_t)(s - bytes), "<head") ||
        contains(s, n, len - (size_t)(s - bytes), "<body") ||
        contains(s, n, len - (size_t)(s - bytes), "<form")) {
        return HD_SNIFF_HTML;
    }
    if (n && (*s == '{' || *s == '[')) {
        return HD_SNIFF_DATA; /* JSON: a previous report is not a page */
    }
    return HD_SNIFF_TEXT;
}
