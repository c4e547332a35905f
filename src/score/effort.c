/*
 * score/effort.c - how long an offering takes a person, from a
 * keystroke-level model (Card, Moran and Newell 1980): each visible field
 * costs a mental preparation (M), pointing at it (P), the hand moving to the
 * keyboard (H) and one keystroke (K) per character of its typical input.
 * Choices (select, checkbox, radio) cost M and one or two P; uploads and
 * captchas have documented constants; each page costs a submit and a load.
 * Offline steps and waits come from findings whose rules are tagged
 * "effort:mailing", "effort:printing" or "effort:wait".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "score.h"

#define KLM_K           0.28 /* a keystroke, average skilled typist */
#define KLM_P           1.1  /* pointing with a mouse */
#define KLM_H           0.4  /* hand between mouse and keyboard */
#define KLM_M           1.35 /* mental preparation */
#define UPLOAD_SECONDS  45   /* find the file (or photograph the receipt) and pick it */
#define CAPTCHA_SECONDS 15   /* a typical image or text captcha */
#define PAGE_SECONDS    3    /* a page's load and first look */

typedef struct typical {
    const char *purpose;
    unsigned chars;
} typical;

/* Typical input lengths in characters, per purpose. */
static const typical lengths[] = {
    { "email", 22 },
    { "given-name", 6 },
    { "family-name", 8 },
    { "additional-name", 1 },
    { "name", 15 },
    { "tel", 12 },
    { "street-address", 22 },
    { "address-line1", 20 },
    { "address-line2", 6 },
    { "address-level1", 8 },
    { "address-level2", 10 },
    { "postal-code", 5 },
    { "country", 10 },
    { "bday", 10 },
    { "bday-day", 2 },
    { "bday-month", 2 },
    { "bday-year", 4 },
    { "cc-name", 15 },
    { "cc-number", 19 },
    { "cc-exp", 5 },
    { "cc-exp-month", 2 },
    { "cc-exp-year", 4 },
    { "cc-csc", 3 },
    { "username", 10 },
    { "new-password", 12 },
    { "current-password", 10 },
    { "one-time-code", 6 },
    { "organization", 12 },
    { "national-id", 11 },
    { "serial-number", 14 },
    { "proof-of-purchase", 12 },
    { "purchase-date", 10 },
    { "store-name", 12 },
    { "url", 20 },
    { "search", 12 },
};

static unsigned typical_chars(const char *purpose)
{
    size_t i;

    for (i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
        if (strcmp(lengths[i].purpose, purpose) == 0) {
            return lengths[i].chars;
        }
    }
    return 10;
}

static bool is_choice(const hd_field *f)
{
    return strcmp(f->tag, "select") == 0 || strcmp(f->type, "checkbox") == 0 ||
           strcmp(f->type, "radio") == 0;
}

static bool is_action(const hd_field *f)
{
    return strcmp(f->tag, "button") == 0 || strcmp(f->type, "submit") == 0 ||
           strcmp(f->type, "button") == 0 || strcmp(f->type, "reset") == 0 ||
           strcmp(f->type, "image") == 0;
}

/* Seconds for one visible field, and counts of uploads and captchas. */
static double field_seconds(const hd_field *f, hd_effort *e)
{
    if (strcmp(f->type, "file") == 0) {
        e->uploads++;
        return KLM_M + KLM_P + UPLOAD_SECONDS;
    }
    if (strcmp(f->purpose, "captcha") == 0) {
        e->captchas++;
        return KLM_M + CAPTCHA_SECONDS;
    }
    if (strcmp(f->tag, "select") == 0) {
        return KLM_M + 2 * KLM_P;
    }
    if (is_choice(f)) {
        return KLM_M + KLM_P;
    }
    return KLM_M + KLM_P + KLM_H + KLM_K * typical_chars(f->purpose);
}

static bool has_tag(const hd_rule *rule, const char *tag)
{
    size_t i;

    for (i = 0; i < hd_rule_ntags(rule); i++) {
        if (strcmp(hd_rule_tag(rule, i), tag) == 0) {
            return true;
        }
    }
    return false;
}

static const char *const number_words[] = {
    "zero", "one", "two",    "three",  "four",     "five",     "six",     "seven",   "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
};

/* A number at *p, in digits or in words ("six"); advances *p past it. */
static bool read_number(const char **p, double *out)
{
    size_t i;
    char *end;

    if (isdigit((unsigned char)**p)) {
        *out = strtod(*p, &end);
        *p = end;
        return true;
    }
    for (i = 0; i < sizeof(number_words) / sizeof(number_words[0]); i++) {
        size_t n = strlen(number_words[i]);
        if (strncasecmp(*p, number_words[i], n) == 0 && !isalpha((unsigned char)(*p)[n])) {
            *out = (double)i;
            *p += n;
            return true;
        }
    }
    return false;
}

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '(' || *p == ')') {
        p++;
    }
    return p;
}

/* Skips a range's separator: "-", an en dash, or "to". */
static const char *skip_range(const char *p)
{
    p = skip_blanks(p);
    if (*p == '-') {
        p++;
    } else if (strncmp(p, "\xe2\x80\x93", 3) == 0) {
        p += 3;
    } else if (strncasecmp(p, "to ", 3) == 0) {
        p += 3;
    }
    return skip_blanks(p);
}

void hd_effort_read_wait(hd_effort *e, const char *text)
{
    const char *p;
    double a;
    double b;
    double per_week = 1;

    for (p = text; *p; p++) {
        const char *q = p;
        if ((p != text && isalnum((unsigned char)p[-1])) || !read_number(&q, &a)) {
            continue;
        }
        q = skip_range(q);
        if (!read_number(&q, &b)) {
            b = a;
        }
        q = skip_blanks(q);
        if (strncasecmp(q, "day", 3) == 0 || strncasecmp(q, "business day", 12) == 0) {
            per_week = 7;
        } else if (strncasecmp(q, "month", 5) == 0) {
            per_week = 1 / 4.345;
        } else if (strncasecmp(q, "week", 4) != 0) {
            continue;
        }
        if (b / per_week > e->wait_weeks_max) {
            e->wait_weeks_min = (a < b ? a : b) / per_week;
            e->wait_weeks_max = (a < b ? b : a) / per_week;
        }
        return;
    }
}

static void offline_steps(hd_effort *e, const hd_eval_result *eval)
{
    size_t i;
    size_t j;

    for (i = 0; eval && i < eval->nfindings; i++) {
        const hd_finding *f = &eval->findings[i];
        if (has_tag(f->rule, "effort:mailing")) {
            e->offline = "mailing";
        } else if (has_tag(f->rule, "effort:printing") && !*e->offline) {
            e->offline = "printing";
        }
        if (!has_tag(f->rule, "effort:wait")) {
            continue;
        }
        for (j = 0; j < f->nevidence; j++) {
            hd_effort_read_wait(e, f->evidence[j].match);
        }
    }
}

void hd_effort_estimate(hd_effort *out,
                        const hd_page *const *pages,
                        size_t npages,
                        const hd_eval_result *eval)
{
    size_t p;
    size_t i;

    memset(out, 0, sizeof(*out));
    out->offline = "";
    for (p = 0; p < npages; p++) {
        bool has_form_action = false;
        for (i = 0; i < pages[p]->nfields; i++) {
            const hd_field *f = &pages[p]->fields[i];
            if (!f->visible) {
                continue;
            }
            if (is_action(f)) {
                has_form_action = true;
                continue;
            }
            out->seconds += field_seconds(f, out);
            out->fields++;
        }
        out->seconds += PAGE_SECONDS + (has_form_action ? KLM_M + KLM_P : 0);
    }
    offline_steps(out, eval);
}

static void append(char *buf, size_t size, size_t *len, const char *text)
{
    int n = snprintf(buf + *len, size - *len, "%s", text);

    if (n > 0) {
        *len += (size_t)n < size - *len ? (size_t)n : size - *len - 1;
    }
}

void hd_effort_describe(char *buf, size_t size, const hd_effort *e)
{
    char part[96];
    size_t len = 0;
    double minutes = e->seconds / 60;

    if (size == 0) {
        return;
    }
    buf[0] = '\0';
    if (e->seconds < 60) {
        snprintf(part, sizeof(part), "about %.0f seconds", e->seconds);
    } else {
        snprintf(part, sizeof(part), "about %.0f minute%s", minutes, minutes < 1.5 ? "" : "s");
    }
    append(buf, size, &len, part);
    if (*e->offline) {
        snprintf(part, sizeof(part), ", plus %s", e->offline);
        append(buf, size, &len, part);
    }
    if (e->wait_weeks_max > 0) {
        if (e->wait_weeks_max - e->wait_weeks_min >= 0.5) {
            snprintf(part, sizeof(part), ", then %.0f-%.0f weeks", e->wait_weeks_min,
                     e->wait_weeks_max);
        } else {
            snprintf(part, sizeof(part), ", then %.0f week%s", e->wait_weeks_max,
                     e->wait_weeks_max < 1.5 ? "" : "s");
        }
        append(buf, size, &len, part);
    }
}
