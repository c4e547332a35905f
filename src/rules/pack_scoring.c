/*
 * rules/pack_scoring.c - the scoring settings (scoring.json): severity
 * points, dimension weights and saturation scales, the gate floor, evidence
 * and regex limits. Read with cJSON like the packs (pack.c), each value
 * checked against its documented range.
 */
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"

static double num_or(const cJSON *obj, const char *key, double dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

static int scoring_dims(hurdle_ruleset *rs, hurdle_ctx *ctx, const cJSON *dims,
                        const char *name)
{
    hd_scoring *sc = &rs->scoring;
    const cJSON *d;

    for (int i = 0; i < HD_DIM_COUNT; i++) {
        sc->dim_weight[i] = 1.0;
        sc->dim_scale[i] = 25.0;
    }
    cJSON_ArrayForEach(d, dims)
    {
        int k = hd_dim_parse(d->string);
        if (k < 0 || !cJSON_IsObject(d)) {
            return hd_fail(ctx, HURDLE_EINVAL, "%s: unknown dimension '%s'", name,
                           d->string ? d->string : "");
        }
        sc->dim_weight[k] = num_or(d, "weight", 1.0);
        sc->dim_scale[k] = num_or(d, "scale", 25.0);
        if (sc->dim_weight[k] < 0 || sc->dim_scale[k] <= 0) {
            return hd_fail(ctx, HURDLE_EINVAL, "%s: dimension %s: weight must be >= 0 and "
                           "scale > 0", name, d->string);
        }
    }
    return HURDLE_OK;
}

int hd_pack_scoring(hurdle_ruleset *rs, hurdle_ctx *ctx, const void *json, const char *name)
{
    const cJSON *root = json;
    hd_scoring *sc = &rs->scoring;
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "version");
    const cJSON *sev = cJSON_GetObjectItemCaseSensitive(root, "severity_points");
    double me = num_or(root, "max_evidence", 5);
    double ml = num_or(root, "regex_match_limit", 100000);
    double dl = num_or(root, "regex_depth_limit", 1000);

    if (!cJSON_IsString(ver) || !ver->valuestring[0] || strlen(ver->valuestring) > 32) {
        return hd_fail(ctx, HURDLE_EINVAL, "%s: missing or bad \"version\"", name);
    }
    rs->version = hd_arena_strdup(&rs->arena, ver->valuestring);
    for (int s = HURDLE_SEV_MINOR; s <= HURDLE_SEV_CRITICAL; s++) {
        static const double dflt[] = { 0, 1, 3, 7, 10 };
        sc->severity_points[s] = num_or(sev, hd_severity_name((hurdle_severity)s), dflt[s]);
    }
    sc->gate_floor = num_or(root, "gate_floor", 51);
    if (!(sc->gate_floor >= 0 && sc->gate_floor < 100)) {
        return hd_fail(ctx, HURDLE_EINVAL, "%s: gate_floor must be in [0, 100)", name);
    }
    if (me < 1 || me > 100 || ml < 100 || ml > 1e8 || dl < 10 || dl > 1e6) {
        return hd_fail(ctx, HURDLE_EINVAL, "%s: max_evidence (1-100), regex_match_limit "
                       "(100-1e8) or regex_depth_limit (10-1e6) out of range", name);
    }
    sc->max_evidence = (size_t)me;
    rs->match_limit = (uint32_t)ml;
    rs->depth_limit = (uint32_t)dl;
    rs->kind_min_weight = num_or(root, "page_kind_min_weight", 3);
    return scoring_dims(rs, ctx, cJSON_GetObjectItemCaseSensitive(root, "dimensions"), name);
}
