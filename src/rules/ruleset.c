/*
 * rules/ruleset.c - reading a loaded rule set: getters, names, the friction
 * curve, severity overrides and the JSON listing (cJSON writes the listing
 * only; the report has its own writer).
 */
#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"

const char *const hd_kind_names[HD_NKINDS] = { "rebate", "signup", "pricing", "checkout",
                                               "login",  "terms",  "other" };

unsigned hd_kind_bit(const char *name)
{
    if (strcmp(name, "any") == 0) {
        return HD_KIND_ANY;
    }
    for (unsigned i = 0; i < HD_NKINDS; i++) {
        if (strcmp(name, hd_kind_names[i]) == 0) {
            return 1u << i;
        }
    }
    return 0;
}

const char *hd_rule_id(const hd_rule *rule)
{
    return rule->id;
}

hd_dim hd_rule_dim(const hd_rule *rule)
{
    return rule->dim;
}

hd_rule_kind hd_rule_kind_of(const hd_rule *rule)
{
    return rule->kind;
}

hurdle_severity hd_rule_severity(const hd_rule *rule)
{
    return rule->severity;
}

bool hd_rule_gating(const hd_rule *rule)
{
    return rule->gating;
}

const char *hd_rule_message(const hd_rule *rule)
{
    return rule->message;
}

const char *hd_rule_advice(const hd_rule *rule)
{
    return rule->advice;
}

const char *hd_rule_source(const hd_rule *rule)
{
    return rule->file;
}

size_t hd_rule_ntags(const hd_rule *rule)
{
    return rule->tags.n;
}

const char *hd_rule_tag(const hd_rule *rule, size_t i)
{
    return i < rule->tags.n ? rule->tags.v[i] : NULL;
}

const char *hd_rule_metric(const hd_rule *rule)
{
    return rule->kind == HD_RULE_METRIC ? rule->metric : NULL;
}

size_t hd_rule_nlanguages(const hd_rule *rule)
{
    return rule->languages.n;
}

const char *hd_rule_language(const hd_rule *rule, size_t i)
{
    return i < rule->languages.n ? rule->languages.v[i] : NULL;
}

bool hd_rule_language_ok(const hd_rule *rule, const hd_page *page)
{
    const char *lang = page->language && page->language[0] ? page->language : "en";

    for (size_t i = 0; i < rule->languages.n; i++) {
        if (strcmp(rule->languages.v[i], lang) == 0) {
            return true;
        }
    }
    return rule->languages.n == 0;
}

const hd_scoring *hd_ruleset_scoring(const hurdle_ruleset *rules)
{
    return &rules->scoring;
}

const hd_purpose_table *hd_ruleset_purposes(const hurdle_ruleset *rules)
{
    return rules ? rules->purposes : NULL;
}

size_t hd_ruleset_nrules(const hurdle_ruleset *rules)
{
    return rules->nrules;
}

const hd_rule *hd_ruleset_rule(const hurdle_ruleset *rules, size_t i)
{
    return i < rules->nrules ? &rules->rules[i] : NULL;
}

size_t hd_rule_index(const hurdle_ruleset *rules, const hd_rule *rule)
{
    return (size_t)(rule - rules->rules);
}

static const char *const dim_names[HD_DIM_COUNT] = { "fields", "jargon", "opacity", "terms" };
static const char *const sev_names[5] = { "off", "minor", "moderate", "serious", "critical" };

const char *hd_dim_name(hd_dim dim)
{
    return (unsigned)dim < HD_DIM_COUNT ? dim_names[dim] : "unknown";
}

int hd_dim_parse(const char *name)
{
    for (int i = 0; name && i < HD_DIM_COUNT; i++) {
        if (strcmp(name, dim_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

const char *hd_severity_name(hurdle_severity sev)
{
    return (unsigned)sev <= HURDLE_SEV_CRITICAL ? sev_names[sev] : "unknown";
}

int hd_severity_parse(const char *name)
{
    for (int i = 0; name && i <= HURDLE_SEV_CRITICAL; i++) {
        if (strcmp(name, sev_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/*
 * Log-normal, as Lighthouse scores metrics: friction = 100 * Phi(z) with
 * z = (ln x - ln median) / sigma and sigma = (ln median - ln good) / 1.28155
 * (Phi(-1.28155) = 0.10, so f(good) = 10 and f(median) = 50). A good value
 * above the median gives a negative sigma: a falling curve.
 */
double hd_curve_eval(const hd_curve *curve, double value)
{
    double sigma;
    double z;

    if (!(curve->good > 0) || !(curve->median > 0) || curve->good == curve->median) {
        return 0;
    }
    sigma = (log(curve->median) - log(curve->good)) / 1.2815515655446004;
    if (!(value > 0)) {
        return sigma > 0 ? 0.0 : 100.0;
    }
    z = (log(value) - log(curve->median)) / sigma;
    return 100.0 * 0.5 * erfc(-z / sqrt(2.0));
}

int hurdle_ruleset_override(hurdle_ruleset *rules, hurdle_ctx *ctx, const char *id,
                            const char *severity)
{
    int sev = severity ? hd_severity_parse(severity) : 0;

    if (!rules || !ctx || !id) {
        return HURDLE_EINVAL;
    }
    hd_clear_error(ctx);
    if (sev < 0) {
        return hd_fail(ctx, HURDLE_EINVAL, "%s: bad severity '%s' (off, minor, moderate, "
                       "serious, critical)", id, severity);
    }
    for (size_t i = 0; i < rules->nrules; i++) {
        if (strcmp(rules->rules[i].id, id) == 0) {
            rules->rules[i].severity = (hurdle_severity)sev;
            return HURDLE_OK;
        }
    }
    return hd_fail(ctx, HURDLE_ENOTFOUND, "%s: no such rule", id);
}

size_t hurdle_ruleset_count(const hurdle_ruleset *rules)
{
    return rules ? rules->nrules : 0;
}

const char *hurdle_ruleset_version(const hurdle_ruleset *rules)
{
    return rules ? rules->version : "";
}

static const char *kind_name(hd_rule_kind k)
{
    static const char *const names[] = { "pattern", "field", "metric", "page-kind" };

    return names[k];
}

static cJSON *rule_to_json(const hd_rule *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *applies = cJSON_AddArrayToObject(o, "applies_to");
    cJSON *tags = cJSON_AddArrayToObject(o, "tags");

    cJSON_AddStringToObject(o, "id", r->id);
    cJSON_AddStringToObject(o, "dimension", hd_dim_name(r->dim));
    cJSON_AddStringToObject(o, "severity", hd_severity_name(r->severity));
    cJSON_AddStringToObject(o, "kind", kind_name(r->kind));
    cJSON_AddBoolToObject(o, "gating", r->gating);
    for (unsigned i = 0; applies && i < HD_NKINDS; i++) {
        if (r->applies != HD_KIND_ANY && (r->applies & (1u << i))) {
            cJSON_AddItemToArray(applies, cJSON_CreateString(hd_kind_names[i]));
        }
    }
    if (applies && r->applies == HD_KIND_ANY) {
        cJSON_AddItemToArray(applies, cJSON_CreateString("any"));
    }
    if (r->metric) {
        cJSON_AddStringToObject(o, "metric", r->metric);
    }
    cJSON_AddStringToObject(o, "message", r->message);
    cJSON_AddStringToObject(o, "advice", r->advice);
    for (size_t i = 0; tags && i < r->tags.n; i++) {
        cJSON_AddItemToArray(tags, cJSON_CreateString(r->tags.v[i]));
    }
    if (r->research) {
        cJSON_AddStringToObject(o, "source", r->research);
    }
    cJSON_AddStringToObject(o, "file", r->file);
    return o;
}

int hurdle_ruleset_to_json(hurdle_buf *out, hurdle_ctx *ctx, const hurdle_ruleset *rules)
{
    cJSON *arr = NULL;
    char *text = NULL;
    hd_buf b;
    int rc = HURDLE_OK;

    if (!out || !ctx || !rules) {
        return HURDLE_EINVAL;
    }
    hd_clear_error(ctx);
    hd_buf_init(&b, ctx, HD_RULES_MAX_FILE * 4);
    arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < rules->nrules; i++) {
        cJSON_AddItemToArray(arr, rule_to_json(&rules->rules[i]));
    }
    text = arr ? cJSON_Print(arr) : NULL;
    if (!text) {
        rc = hd_oom(ctx);
        goto done;
    }
    hd_buf_puts(&b, text);
    hd_buf_putc(&b, '\n');
    rc = hd_buf_detach(out, &b);
done:
    cJSON_free(text);
    cJSON_Delete(arr);
    hd_buf_dispose(&b);
    return rc;
}
