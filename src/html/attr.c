/*
 * html/attr.c - small helpers over libxml2's DOM and strings shared by the
 * html module: a string map in the page arena (ids, label[for], form ids;
 * open addressing, first insert wins, so lookups stay linear in the page),
 * attribute lookup, inline-style hiding, and ASCII case-insensitive search.
 */
#include <string.h>
#include <strings.h>

#include <hurdle/common.h>

#include "internal.h"

/* ---- string map ---- */

static size_t str_hash(const char *s)
{
    size_t h = (size_t)14695981039346656037ULL; /* FNV-1a */

    while (*s) {
        h = (h ^ (unsigned char)*s++) * 1099511628211u;
    }
    return h;
}

void hd_smap_init(hd_smap *map, hd_arena *arena)
{
    memset(map, 0, sizeof(*map));
    map->arena = arena;
}

static int smap_grow(hd_smap *map)
{
    size_t cap = map->cap ? map->cap * 2 : 64;
    hd_smap_entry *slots = hd_arena_array(map->arena, cap, sizeof(*slots));

    if (!slots) {
        return HURDLE_ENOMEM;
    }
    for (size_t i = 0; i < map->cap; i++) {
        hd_smap_entry *e = &map->slots[i];
        size_t j = e->hash & (cap - 1);
        if (!e->key) {
            continue;
        }
        while (slots[j].key) {
            j = (j + 1) & (cap - 1);
        }
        slots[j] = *e;
    }
    map->slots = slots;
    map->cap = cap;
    return HURDLE_OK;
}

int hd_smap_add(hd_smap *map, const char *key, const void *value)
{
    size_t h = str_hash(key);
    size_t j;

    if ((map->len + 1) * 2 > map->cap && smap_grow(map) < 0) {
        return HURDLE_ENOMEM;
    }
    j = h & (map->cap - 1);
    while (map->slots[j].key) {
        if (map->slots[j].hash == h && strcmp(map->slots[j].key, key) == 0) {
            return HURDLE_OK;
        }
        j = (j + 1) & (map->cap - 1);
    }
    map->slots[j].key = key;
    map->slots[j].hash = h;
    map->slots[j].value = value;
    map->len++;
    return HURDLE_OK;
}

const void *hd_smap_find(const hd_smap *map, const char *key)
{
    size_t h;
    size_t j;

    if (!map->cap || !key) {
        return NULL;
    }
    h = str_hash(key);
    j = h & (map->cap - 1);
    while (map->slots[j].key) {
        if (map->slots[j].hash == h && strcmp(map->slots[j].key, key) == 0) {
            return map->slots[j].value;
        }
        j = (j + 1) & (map->cap - 1);
    }
    return NULL;
}

/* ---- attributes ---- */

const char *hd_attr(const xmlNode *node, const char *name)
{
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) == 0) {
            if (a->children && a->children->content) {
                return (const char *)a->children->content;
            }
            return "";
        }
    }
    return NULL;
}

/* Whether `s` has "<key> : <value>" (inline CSS), case-insensitively. */
static bool css_has(const char *s, const char *key, const char *value)
{
    size_t kl = strlen(key);
    size_t vl = strlen(value);

    for (const char *p = s; *p; p++) {
        if (strncasecmp(p, key, kl) != 0) {
            continue;
        }
        p += kl;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p != ':') {
            p--;
            continue;
        }
        p++;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (strncasecmp(p, value, vl) == 0) {
            return true;
        }
        p--;
    }
    return false;
}

bool hd_style_hides(const char *style)
{
    return css_has(style, "display", "none") || css_has(style, "visibility", "hidden");
}

bool hd_attr_hidden(const xmlNode *node)
{
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        const char *n = (const char *)a->name;
        const char *v =
            a->children && a->children->content ? (const char *)a->children->content : "";
        if (strcmp(n, "hidden") == 0) {
            return true;
        }
        if (strcmp(n, "aria-hidden") == 0 && strcasecmp(v, "true") == 0) {
            return true;
        }
        if (strcmp(n, "style") == 0 && hd_style_hides(v)) {
            return true;
        }
    }
    return false;
}

bool hd_ci_contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    int first = needle[0] >= 'A' && needle[0] <= 'Z' ? needle[0] + 32 : needle[0];

    if (n == 0) {
        return true;
    }
    for (; *hay; hay++) {
        int c = *hay >= 'A' && *hay <= 'Z' ? *hay + 32 : *hay;
        if (c == first && strncasecmp(hay, needle, n) == 0) {
            return true;
        }
    }
    return false;
}
