/*
 * score/offline.c - what an offering costs away from the screen: offline
 * steps (printing, mailing) and the wait for the benefit, read from the
 * findings of rules tagged "effort:printing", "effort:mailing" and
 * "effort:wait" (the weeks from the matched text, e.g. "allow 8-12 weeks",
 * "six to eight weeks", "30 days"), and the one-line description of the
 * whole effort.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "score.h"

#define PRINT_SECONDS 120 /* print the claim form: find a printer, print, collect */
#define MAIL_SECONDS  900 /* envelope, address, stamp, a trip to a mailbox */

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

void hd_effort_offline(hd_effort *e, const hd_eval_result *eval)
{
    size_t i;
    size_t j;

    for (i = 0; eval && i < eval->nfindings; i++) {
        const hd_finding *f = &eval->findings[i];
        if (has_tag(f->rule, "effort:mailing")) {
            e->offline = "mailing"; /* a mailed claim is printed first */
            e->offline_seconds = PRINT_SECONDS + MAIL_SECONDS;
        } else if (has_tag(f->rule, "effort:printing") && !*e->offline) {
            e->offline = "printing";
            e->offline_seconds = PRINT_SECONDS;
        }
        if (!has_tag(f->rule, "effort:wait")) {
            continue;
        }
        for (j = 0; j < f->nevidence; j++) {
            hd_effort_read_wait(e, f->evidence[j].match);
        }
    }
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
