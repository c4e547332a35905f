/*
 * rules/pack_purposes.c - the keywords of field purposes: purposes.json
 * (beside scoring.json: the groups in the order they are tried, their sets
 * and purposes, the autocomplete tokens) and <lang>/purposes.json (each
 * group's keywords in one language), read with cJSON like the packs and
 * built into the html module's hd_purpose_table (html/purpose.h), which the
 * rule set owns and hands to page parsing (hd_ruleset_purposes()).
 *
 * Every value is checked; errors name the file, the group and what is
 * wrong. The language neutral file comes from the first rules folder; the
 * language files from every folder given, sorted by folder name, so extra
 * folders can add keywords but not groups. No purposes.json: no table.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "../util/vec.h"
#include "internal.h"

#define MAX_LANGS 64

typedef struct ploader {
    hd_pack_loader *ld;
    hurdle_ctx *ctx;
    hd_purpose_table *t;
    const cJSON *groups; /* the neutral file's "groups", alive while languages load */
} ploader;

static bool is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Rejects keys not in `keys` (NULL: any key goes) and keys given twice. */
static int check_keys(ploader *pl, const cJSON *obj, const char *const *keys, const char *where)
{
    const cJSON *k;

    cJSON_ArrayForEach(k, obj)
    {
        bool ok = keys == NULL;
        for (size_t i = 0; keys && keys[i]; i++) {
            ok = ok || strcmp(k->string, keys[i]) == 0;
        }
        if (!ok) {
            return hd_fail(pl->ctx, HURDLE_EINVAL, "%s: unknown key \"%s\"", where, k->string);
        }
        for (const cJSON *e = obj->child; e != k; e = e->next) {
            if (strcmp(e->string, k->string) == 0) {
                return hd_fail(pl->ctx, HURDLE_EINVAL, "%s: key \"%s\" given twice", where,
                               k->string);
            }
        }
    }
    return HURDLE_OK;
}

static int oom_or(ploader *pl, int rc, const char *what)
{
    if (rc == HURDLE_ENOMEM) {
        return hd_oom(pl->ctx);
    }
    return rc < 0 ? hd_fail(pl->ctx, rc, "%s", what) : rc;
}

static int load_autofill(ploader *pl, const cJSON *af, const char *name)
{
    const cJSON *e;

    if (!cJSON_IsObject(af)) {
        return hd_fail(pl->ctx, HURDLE_EINVAL, "%s: \"autofill\" must be an object", name);
    }
    cJSON_ArrayForEach(e, af)
    {
        const char *p = cJSON_IsString(e) ? hd_purpose_find(e->valuestring) : NULL;
        int rc;
        if (!hd_purpose_is_autofill_name(e->string, strlen(e->string))) {
            return hd_fail(pl->ctx, HURDLE_EINVAL,
                           "%s: autofill: '%s' is not an autocomplete "
                           "field name hurdle reads",
                           name, e->string);
        }
        if (!p) {
            return hd_fail(pl->ctx, HURDLE_EINVAL, "%s: autofill: %s: unknown purpose '%s'", name,
                           e->string, cJSON_IsString(e) ? e->valuestring : "(not a string)");
        }
        rc = hd_purpose_table_autofill(pl->t, e->string, p);
        if (rc < 0) {
            return oom_or(pl, rc, "autofill");
        }
    }
    return check_keys(pl, af, NULL, name);
}

static bool is_id(const char *s)
{
    if (!*s || strlen(s) > 64) {
        return false;
    }
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) {
            return false;
        }
    }
    return true;
}

/* One group of the neutral file: its id is checked against the ones before it. */
static int load_group(ploader *pl, const cJSON *g, size_t i, const char *name)
{
    static const char *const keys[] = { "id", "set", "purpose", "note", NULL };
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(g, "id");
    const cJSON *set = cJSON_GetObjectItemCaseSensitive(g, "set");
    const cJSON *pur = cJSON_GetObjectItemCaseSensitive(g, "purpose");
    int s = cJSON_IsString(set) ? hd_purpose_set_parse(set->valuestring) : -1;
    bool date = s >= HD_PSET_DAY;
    const char *p = cJSON_IsString(pur) ? hd_purpose_find(pur->valuestring) : NULL;
    size_t index;
    int rc;

    if (!cJSON_IsObject(g) || !cJSON_IsString(id) || !is_id(id->valuestring)) {
        return hd_fail(pl->ctx, HURDLE_EINVAL,
                       "%s: groups[%zu]: needs an \"id\" of a-z, 0-9 "
                       "and '-'",
                       name, i);
    }
    rc = check_keys(pl, g, keys, name);
    if (rc < 0) {
        return rc;
    }
    for (const cJSON *e = pl->groups->child; e != g; e = e->next) {
        const cJSON *eid = cJSON_GetObjectItemCaseSensitive(e, "id");
        if (strcmp(eid->valuestring, id->valuestring) == 0) {
            return hd_fail(pl->ctx, HURDLE_EINVAL, "%s: group '%s' defined twice", name,
                           id->valuestring);
        }
    }
    if (s < 0) {
        return hd_fail(pl->ctx, HURDLE_EINVAL,
                       "%s: group '%s': \"set\" must be text, check, "
                       "password, date-day, date-month or date-year",
                       name, id->valuestring);
    }
    if (date ? pur != NULL : p == NULL) {
        return hd_fail(pl->ctx, HURDLE_EINVAL,
                       date ? "%s: group '%s': a date part has no purpose"
                            : "%s: group '%s': missing or unknown purpose",
                       name, id->valuestring);
    }
    rc = hd_purpose_table_group(&index, pl->t, (hd_purpose_set)s, p);
    return rc == HURDLE_ELIMIT
               ? hd_fail(pl->ctx, rc, "%s: more than %d groups", name, HD_PURPOSE_MAX_GROUPS)
               : rc;
}

static int load_neutral(ploader *pl, const cJSON *root, const char *name)
{
    static const char *const keys[] = { "$schema", "description", "autofill", "groups", NULL };
    const cJSON *g;
    size_t i = 0;
    int rc = check_keys(pl, root, keys, name);

    if (rc < 0) {
        return rc;
    }
    rc = load_autofill(pl, cJSON_GetObjectItemCaseSensitive(root, "autofill"), name);
    if (rc < 0) {
        return rc;
    }
    pl->groups = cJSON_GetObjectItemCaseSensitive(root, "groups");
    if (!cJSON_IsArray(pl->groups) || !pl->groups->child) {
        return hd_fail(pl->ctx, HURDLE_EINVAL, "%s: needs a non-empty \"groups\" array", name);
    }
    cJSON_ArrayForEach(g, pl->groups)
    {
        rc = load_group(pl, g, i++, name);
        if (rc < 0) {
            return rc;
        }
    }
    return HURDLE_OK;
}

/* The index of group `id`, or -1. */
static long group_index(const ploader *pl, const char *id)
{
    long i = 0;
    const cJSON *g;

    cJSON_ArrayForEach(g, pl->groups)
    {
        if (strcmp(cJSON_GetObjectItemCaseSensitive(g, "id")->valuestring, id) == 0) {
            return i;
        }
        i++;
    }
    return -1;
}

static int load_words(ploader *pl, const cJSON *list, size_t group, const char *name)
{
    const cJSON *w;
    char fixed[HD_PURPOSE_MAX_WORD + 8];

    if (!cJSON_IsArray(list)) {
        return hd_fail(pl->ctx, HURDLE_EINVAL, "%s: group '%s': keywords must be an array", name,
                       list->string);
    }
    cJSON_ArrayForEach(w, list)
    {
        int rc;
        if (!cJSON_IsString(w)) {
            return hd_fail(pl->ctx, HURDLE_EINVAL, "%s: group '%s': a keyword is not a string",
                           name, list->string);
        }
        if (!hd_purpose_word_normal(fixed, sizeof(fixed), w->valuestring)) {
            return hd_fail(pl->ctx, HURDLE_EINVAL,
                           "%s: group '%s': keyword '%s' can never match "
                           "(empty, longer than %d bytes, or not normalised: write '%s')",
                           name, list->string, w->valuestring, HD_PURPOSE_MAX_WORD, fixed);
        }
        for (const cJSON *e = list->child; e != w; e = e->next) {
            if (strcmp(e->valuestring, w->valuestring) == 0) {
                return hd_fail(pl->ctx, HURDLE_EINVAL, "%s: group '%s': keyword '%s' given twice",
                               name, list->string, w->valuestring);
            }
        }
        rc = hd_purpose_table_word(pl->t, group, w->valuestring);
        if (rc < 0) {
            return rc == HURDLE_ELIMIT ? hd_fail(pl->ctx, rc, "%s: more than %d keywords in all",
                                                 name, HD_PURPOSE_MAX_WORDS)
                                       : oom_or(pl, rc, name);
        }
    }
    return HURDLE_OK;
}

static int load_language(ploader *pl, const cJSON *root, const char *name, const char *lang)
{
    static const char *const keys[] = { "$schema", "language", "description", "keywords", NULL };
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(root, "language");
    const cJSON *kw = cJSON_GetObjectItemCaseSensitive(root, "keywords");
    const cJSON *g;
    int rc = check_keys(pl, root, keys, name);

    if (rc < 0) {
        return rc;
    }
    if (!cJSON_IsString(l) || strcmp(l->valuestring, lang) != 0) {
        return hd_fail(pl->ctx, HURDLE_EINVAL,
                       "%s: \"language\" must be \"%s\", its folder's "
                       "name",
                       name, lang);
    }
    if (!cJSON_IsObject(kw)) {
        return hd_fail(pl->ctx, HURDLE_EINVAL, "%s: needs a \"keywords\" object", name);
    }
    rc = check_keys(pl, kw, NULL, name);
    if (rc < 0) {
        return rc;
    }
    cJSON_ArrayForEach(g, kw)
    {
        long i = group_index(pl, g->string);
        if (i < 0) {
            return hd_fail(pl->ctx, HURDLE_EINVAL,
                           "%s: unknown group '%s' (groups are defined "
                           "in purposes.json)",
                           name, g->string);
        }
        rc = load_words(pl, g, (size_t)i, name);
        if (rc < 0) {
            return rc;
        }
    }
    return HURDLE_OK;
}

static int load_file(ploader *pl, const char *path, const char *name, const char *lang)
{
    void *root = NULL;
    int rc = hd_pack_read_json(pl->ld, path, name, &root);

    if (rc == 0) {
        rc = load_language(pl, root, name, lang);
    }
    cJSON_Delete(root);
    return rc;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The language files of `dir`: <sub>/purposes.json, by folder name. */
static int load_languages(ploader *pl, const char *dir)
{
    char *subs[MAX_LANGS];
    size_t n = 0;
    char path[4096];
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = HURDLE_OK;

    if (!d) {
        return HURDLE_OK; /* pack.c names a missing folder */
    }
    while (rc == 0 && (e = readdir(d)) != NULL) {
        snprintf(path, sizeof(path), "%s/%s/purposes.json", dir, e->d_name);
        if (e->d_name[0] == '.' || !is_file(path)) {
            continue;
        }
        if (n >= MAX_LANGS) {
            rc = hd_fail(pl->ctx, HURDLE_ELIMIT, "%s: more than %d languages", dir, MAX_LANGS);
            break;
        }
        subs[n] = hd_arena_strdup(hd_pack_arena(pl->ld), e->d_name);
        rc = subs[n] ? HURDLE_OK : hd_oom(pl->ctx);
        n += rc == 0 ? 1u : 0u;
    }
    closedir(d);
    if (n) {
        qsort(subs, n, sizeof(char *), cmp_name);
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char name[512];
        snprintf(path, sizeof(path), "%s/%s/purposes.json", dir, subs[i]);
        snprintf(name, sizeof(name), "%s/purposes.json", subs[i]);
        rc = load_file(pl, path, name, subs[i]);
    }
    return rc;
}

int hd_pack_purposes(hd_pack_loader *ld, const char *const *dirs, size_t ndirs)
{
    hurdle_ruleset *rs = hd_pack_ruleset(ld);
    ploader pl = { ld, hd_pack_ctx(ld), NULL, NULL };
    void *root = NULL;
    char path[4096];
    int rc;

    snprintf(path, sizeof(path), "%s/purposes.json", dirs[0]);
    if (!is_file(path)) {
        return HURDLE_OK;
    }
    rc = hd_purpose_table_new(&pl.t, &rs->own);
    if (rc < 0) {
        return hd_oom(pl.ctx);
    }
    rc = hd_pack_read_json(ld, path, "purposes.json", &root);
    if (rc == 0) {
        rc = load_neutral(&pl, root, "purposes.json");
    }
    for (size_t i = 0; rc == 0 && i < ndirs; i++) {
        rc = dirs[i] ? load_languages(&pl, dirs[i]) : HURDLE_OK;
    }
    if (rc == 0) {
        rc = hd_purpose_table_build(pl.t);
        rc = rc == HURDLE_ELIMIT ? hd_fail(pl.ctx, rc, "purposes: keyword automaton too large")
                                 : oom_or(&pl, rc, "purposes");
    }
    cJSON_Delete(root);
    if (rc < 0) {
        hd_purpose_table_free(pl.t);
        return rc;
    }
    rs->purposes = pl.t;
    return HURDLE_OK;
}
