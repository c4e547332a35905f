/*
 * rules/pack_fact.c - a pattern rule's "fact" key -> hd_fact_decl, and a
 * metric rule's "if_unknown". Checked against the fact table (facts.c):
 * the fact's name, a value from its vocabulary (a name or a list), true or
 * false (yes/no), and for numbers a named group of the rule's regex or a
 * number. A regex group named "unit" (days, weeks, months, years) converts
 * a number to the fact's unit.
 */
#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"

#define MAX_FACTS 8 /* facts one rule declares */

static int bad(hurdle_ctx *ctx, const char *where, const hd_rule *r, const char *what,
               const char *detail)
{
    return hd_fail(ctx, HURDLE_EINVAL, "%s: %s: fact: %s%s", where, r->id, what,
                   detail ? detail : "");
}

static int number_decl(hurdle_ctx *ctx, hd_arena *arena, const char *where, const hd_rule *r,
                       const cJSON *o, hd_fact_decl *d)
{
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(o, "group");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "value");

    if (cJSON_IsString(g)) {
        if (!r->re || !hd_regex_has_group(r->re, g->valuestring)) {
            return bad(ctx, where, r, "the regex has no group named ", g->valuestring);
        }
        d->group = hd_arena_strdup(arena, g->valuestring);
        d->unit_group = hd_regex_has_group(r->re, "unit");
        return d->group ? HURDLE_OK : hd_oom(ctx);
    }
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 100000) {
        return bad(ctx, where, r, "a number fact needs a \"group\" or a number \"value\"", NULL);
    }
    d->value = (int)lround(v->valuedouble);
    return HURDLE_OK;
}

static int value_decl(hurdle_ctx *ctx, hd_arena *arena, const char *where, const hd_rule *r,
                      const cJSON *o, hd_fact_decl *d)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "value");
    hd_fact_type t = hd_fact_type_of(d->fact);

    if (t == HD_FT_NUMBER) {
        return number_decl(ctx, arena, where, r, o, d);
    }
    if (t == HD_FT_BOOL) {
        if (!cJSON_IsBool(v)) {
            return bad(ctx, where, r, "a yes/no fact needs \"value\": true or false", NULL);
        }
        d->value = cJSON_IsTrue(v) ? 1 : 0;
        return HURDLE_OK;
    }
    d->value = cJSON_IsString(v) ? hd_fact_value_find(d->fact, v->valuestring) : -1;
    if (d->value < 0) {
        return bad(ctx, where, r, "bad value: ", cJSON_IsString(v) ? v->valuestring : "(none)");
    }
    return HURDLE_OK;
}

static int one_decl(hurdle_ctx *ctx, hd_arena *arena, const char *where, const hd_rule *r,
                    const cJSON *o, hd_fact_decl *d)
{
    static const char *const keys[] = { "name", "value", "group", "only", NULL };
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name");
    const cJSON *only = cJSON_GetObjectItemCaseSensitive(o, "only");
    const cJSON *it;

    if (!cJSON_IsObject(o)) {
        return bad(ctx, where, r, "a fact is an object with a name", NULL);
    }
    cJSON_ArrayForEach(it, o) {
        bool known = false;
        for (size_t i = 0; keys[i]; i++) {
            known = known || strcmp(keys[i], it->string) == 0;
        }
        if (!known) {
            return bad(ctx, where, r, "unknown key ", it->string);
        }
    }
    d->fact = cJSON_IsString(name) ? hd_fact_find(name->valuestring) : -1;
    if (d->fact < 0) {
        return bad(ctx, where, r, "unknown fact ", cJSON_IsString(name) ? name->valuestring
                                                                         : "(no name)");
    }
    d->group = NULL;
    d->unit_group = false;
    d->only = cJSON_IsTrue(only);
    if (only && (!cJSON_IsBool(only) || hd_fact_type_of(d->fact) != HD_FT_ENUM)) {
        return bad(ctx, where, r, "\"only\" is true or false, on a fact with one value", NULL);
    }
    return value_decl(ctx, arena, where, r, o, d);
}

static int metric_key(hurdle_ctx *ctx, const char *where, hd_rule *r, const cJSON *json)
{
    const cJSON *u = cJSON_GetObjectItemCaseSensitive(json, "if_unknown");

    if (!u) {
        return HURDLE_OK;
    }
    if (!cJSON_IsNumber(u) || strncmp(r->metric, "fact:", 5) != 0) {
        return hd_fail(ctx, HURDLE_EINVAL, "%s: %s: if_unknown is a number, on a fact: metric",
                       where, r->id);
    }
    r->has_if_unknown = true;
    r->if_unknown = u->valuedouble;
    return HURDLE_OK;
}

int hd_pack_fact_parse(hd_pack_loader *ld, hd_rule *rule, const void *json, const char *where)
{
    hurdle_ctx *ctx = hd_pack_ctx(ld);
    const cJSON *f = cJSON_GetObjectItemCaseSensitive((const cJSON *)json, "fact");
    hd_fact_decl *d;
    size_t n;

    if (rule->kind == HD_RULE_METRIC) {
        return metric_key(ctx, where, rule, json);
    }
    if (!f) {
        return HURDLE_OK;
    }
    n = cJSON_IsArray(f) ? (size_t)cJSON_GetArraySize(f) : 1;
    if (n == 0 || n > MAX_FACTS) {
        return bad(ctx, where, rule, "one to 8 facts", NULL);
    }
    d = hd_arena_array(hd_pack_arena(ld), n, sizeof(hd_fact_decl));
    if (!d) {
        return hd_oom(ctx);
    }
    for (size_t i = 0; i < n; i++) {
        const cJSON *o = cJSON_IsArray(f) ? cJSON_GetArrayItem(f, (int)i) : f;
        int rc = one_decl(ctx, hd_pack_arena(ld), where, rule, o, &d[i]);
        if (rc < 0) {
            return rc;
        }
    }
    rule->facts = d;
    rule->nfacts = n;
    return HURDLE_OK;
}
