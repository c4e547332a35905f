/*
 * report/json.h - what the JSON writers share (json.c, json_page.c): a
 * writer that remembers a failed allocation, so a run of additions needs one
 * check, and the small helpers that add keys to cJSON objects in order.
 */
#ifndef HD_REPORT_JSON_H
#define HD_REPORT_JSON_H

#include <math.h>
#include <stdbool.h>

#include <cjson/cJSON.h>

#include "report.h"

typedef struct jw {
    bool oom;
    hurdle_ctx *ctx;     /* for scratch memory */
    const double *secs;  /* effort seconds of the current page's fields */
} jw;

static inline cJSON *chk(jw *w, cJSON *item)
{
    if (!item) {
        w->oom = true;
    }
    return item;
}

static inline void jstr(jw *w, cJSON *obj, const char *key, const char *val)
{
    chk(w, cJSON_AddStringToObject(obj, key, val ? val : ""));
}

static inline void jnum(jw *w, cJSON *obj, const char *key, double val)
{
    chk(w, cJSON_AddNumberToObject(obj, key, val));
}

static inline void jbool(jw *w, cJSON *obj, const char *key, bool val)
{
    chk(w, cJSON_AddBoolToObject(obj, key, val));
}

/* A length attribute, null when absent (-1). */
static inline void jlen(jw *w, cJSON *obj, const char *key, long val)
{
    if (val >= 0) {
        jnum(w, obj, key, (double)val);
    } else {
        chk(w, cJSON_AddNullToObject(obj, key));
    }
}

static inline double round_to(double x, double unit)
{
    return round(x / unit) * unit;
}

static inline cJSON *jadd(jw *w, cJSON *parent, const char *key, cJSON *child)
{
    if (!chk(w, child)) {
        return NULL;
    }
    if (key) {
        cJSON_AddItemToObject(parent, key, child);
    } else {
        cJSON_AddItemToArray(parent, child);
    }
    return child;
}

/* true for English or an unknown language: the readability formulas apply. */
bool hd_json_english(const char *language);
/* An array of strings under `key`. */
void hd_json_strings(jw *w, cJSON *obj, const char *key, const char *const *s, size_t n);

/* The counts and readability indices of some text into `o`; the indices are null unless English. */
void hd_json_stats(jw *w, cJSON *o, const hd_text_stats *s, bool english);

/* Adds the page's object (fields, forms, text, prices, captchas) to the array `arr`. */
void hd_json_page(jw *w, cJSON *arr, const hd_page *p);

#endif
