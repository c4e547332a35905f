/*
 * rules/pack_rule.c - one rule object of a pack -> hd_rule, with
 * validation. Every error names the pack file and the rule id and says
 * what is wrong, e.g. "en/terms.json: rebate.mail-in-only: missing message".
 * Strings are copied into the rule set's arena; regexes compile here.
 */
#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"

typedef struct rp {
    hd_pack_loader *ld;
    hurdle_ctx *ctx;
    hd_arena *arena;
    const cJSON *json;
    const char *where;
    const char *id;
    hd_rule *rule;
} rp;

static const char *const common_keys[] = { "id", "kind", "dimension", "severity", "applies_to",
                                           "message", "advice", "tags", "source", "examples",
                                           "gating", "notes", "languages", NULL };
static const char *const pattern_keys[] = { "regex", "words", "scope", "case_sensitive",
                                            "unless", "prefilter", "unless_linked", "fact", NULL };
static const char *const field_keys[] = {
    "purpose",   "type",     "tag",        "required",    "visible",  "label",   "form_kind",
    "min_count", "page_text", "case_sensitive", "autocomplete_missing", "checked", "ac_field",
    "minlength_at_least", "pattern_set", "repeated", "near_text", "captcha", "any_of", NULL
};
static const char *const metric_keys[] = { "metric", "above", "below", "curve", "weight",
                                           "if_unknown", NULL };
static const char *const kind_keys[] = { "page_kind", "weight", "regex", "scope", "form_kind",
                                         "case_sensitive", NULL };

static int bad(rp *p, const char *what, const char *detail)
{
    return hd_fail(p->ctx, HURDLE_EINVAL, "%s: %s: %s%s", p->where, p->id, what,
                   detail ? detail : "");
}

static const cJSON *get(rp *p, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(p->json, key);
}

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++) {
        if (strcmp(list[i], s) == 0) {
            return true;
        }
    }
    return false;
}

static int check_keys(rp *p, const char *const *own)
{
    const cJSON *k;

    cJSON_ArrayForEach(k, p->json)
    {
        if (!in_list(common_keys, k->string) && !in_list(own, k->string)) {
            return bad(p, "unknown key ", k->string);
        }
    }
    return HURDLE_OK;
}

/* An optional string (NULL when absent); an error when present but not a string. */
static int opt_str(rp *p, const char *key, const char **out, bool required)
{
    const cJSON *v = get(p, key);

    *out = NULL;
    if (!v) {
        return required ? bad(p, "missing ", key) : HURDLE_OK;
    }
    if (!cJSON_IsString(v) || (required && !v->valuestring[0])) {
        return bad(p, "not a non-empty string: ", key);
    }
    *out = hd_arena_strdup(p->arena, v->valuestring);
    return *out ? HURDLE_OK : hd_oom(p->ctx);
}

/* A string or an array of strings. */
static int str_list(rp *p, const char *key, hd_strlist *out)
{
    const cJSON *v = get(p, key);
    const cJSON *it;
    size_t n;

    out->v = NULL;
    out->n = 0;
    if (!v) {
        return HURDLE_OK;
    }
    n = cJSON_IsString(v) ? 1 : (size_t)cJSON_GetArraySize(v);
    if ((!cJSON_IsString(v) && !cJSON_IsArray(v)) || n > HD_RULES_MAX_LIST) {
        return bad(p, "expected a string or a short list of strings: ", key);
    }
    out->v = hd_arena_array(p->arena, n ? n : 1, sizeof(char *));
    if (!out->v) {
        return hd_oom(p->ctx);
    }
    if (cJSON_IsString(v)) {
        out->v[out->n] = hd_arena_strdup(p->arena, v->valuestring);
        return out->v[out->n++] ? HURDLE_OK : hd_oom(p->ctx);
    }
    cJSON_ArrayForEach(it, v)
    {
        if (!cJSON_IsString(it) || !it->valuestring[0]) {
            return bad(p, "expected strings in ", key);
        }
        out->v[out->n] = hd_arena_strdup(p->arena, it->valuestring);
        if (!out->v[out->n++]) {
            return hd_oom(p->ctx);
        }
    }
    return HURDLE_OK;
}

static int opt_bool(rp *p, const char *key, bool *out)
{
    const cJSON *v = get(p, key);

    *out = false;
    if (v && !cJSON_IsBool(v)) {
        return bad(p, "expected true or false: ", key);
    }
    *out = cJSON_IsTrue(v);
    return HURDLE_OK;
}

static int opt_num(rp *p, const char *key, double *out, bool *has)
{
    const cJSON *v = get(p, key);

    *has = v != NULL;
    if (v && (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))) {
        return bad(p, "expected a number: ", key);
    }
    *out = v ? v->valuedouble : 0;
    return HURDLE_OK;
}

static int parse_id(rp *p)
{
    const cJSON *v = get(p, "id");
    const char *s;
    size_t len;

    p->id = "(no id)";
    if (!cJSON_IsString(v)) {
        return bad(p, "missing id", NULL);
    }
    s = v->valuestring;
    len = strlen(s);
    p->id = s;
    if (len < 3 || len > 64 || !strchr(s, '.') || s[0] == '.' || s[len - 1] == '.') {
        return bad(p, "bad id: use lower-case dotted words, e.g. rebate.mail-in-only", NULL);
    }
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
            return bad(p, "bad id: use lower-case dotted words, e.g. rebate.mail-in-only", NULL);
        }
    }
    p->rule->id = hd_arena_strdup(p->arena, s);
    if (!p->rule->id) {
        return hd_oom(p->ctx);
    }
    p->id = p->rule->id;
    return HURDLE_OK;
}

static int parse_kind(rp *p)
{
    static const char *const names[] = { "pattern", "field", "metric", "page-kind", NULL };
    const char *k = NULL;
    int rc = opt_str(p, "kind", &k, true);

    for (int i = 0; rc == 0 && names[i]; i++) {
        if (strcmp(k, names[i]) == 0) {
            p->rule->kind = (hd_rule_kind)i; /* the order of hd_rule_kind */
            return HURDLE_OK;
        }
    }
    return rc < 0 ? rc : bad(p, "bad kind (pattern, field, metric, page-kind): ", k);
}

static int parse_dim_sev(rp *p)
{
    const char *dim = NULL;
    const char *sev = NULL;
    bool need = p->rule->kind != HD_RULE_PAGE_KIND;
    int rc = opt_str(p, "dimension", &dim, need);

    if (rc == 0) {
        rc = opt_str(p, "severity", &sev, need && !get(p, "curve"));
    }
    if (rc < 0) {
        return rc;
    }
    if (dim && hd_dim_parse(dim) < 0) {
        return bad(p, "bad dimension (fields, jargon, opacity, terms): ", dim);
    }
    if (sev && hd_severity_parse(sev) < 0) {
        return bad(p, "bad severity (minor, moderate, serious, critical, off): ", sev);
    }
    p->rule->dim = dim ? (hd_dim)hd_dim_parse(dim) : HD_DIM_FIELDS;
    p->rule->severity = sev ? (hurdle_severity)hd_severity_parse(sev) : HURDLE_SEV_MINOR;
    return opt_bool(p, "gating", &p->rule->gating);
}

/* applies_to, and languages: primary language subtags, two or three lower-case letters. */
static int parse_applies(rp *p)
{
    hd_strlist l = { NULL, 0 };
    int rc = str_list(p, "languages", &p->rule->languages);

    for (size_t i = 0; rc == 0 && i < p->rule->languages.n; i++) {
        const char *g = p->rule->languages.v[i];
        size_t n = strspn(g, "abcdefghijklmnopqrstuvwxyz");
        if (n < 2 || n > 3 || g[n] || p->rule->kind == HD_RULE_PAGE_KIND) {
            return bad(p, "bad languages (subtags such as \"en\"; not for page-kind): ", g);
        }
    }
    rc = rc ? rc : str_list(p, "applies_to", &l);
    p->rule->applies = l.n ? 0 : HD_KIND_ANY;
    for (size_t i = 0; rc == 0 && i < l.n; i++) {
        unsigned b = hd_kind_bit(l.v[i]);
        if (!b) {
            return bad(p, "bad applies_to kind: ", l.v[i]);
        }
        p->rule->applies |= b;
    }
    return rc;
}

static int parse_scope(rp *p)
{
    hd_strlist l;
    int rc = str_list(p, "scope", &l);

    p->rule->scopes = l.n ? 0 : 1u << HD_SCOPE_TEXT;
    for (size_t i = 0; rc == 0 && i < l.n; i++) {
        int s = hd_scope_parse(l.v[i]);
        if (s < 0) {
            return bad(p, "bad scope: ", l.v[i]);
        }
        p->rule->scopes |= 1u << s;
    }
    return rc;
}

static int parse_example(rp *p, const cJSON *v, hd_example *ex, bool match)
{
    const cJSON *h = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, "html") : v;
    const cJSON *u = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, "url") : NULL;
    const cJSON *o = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, "offering_kind")
                                       : NULL;
    const cJSON *n = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, "next_page") : NULL;

    if (!cJSON_IsString(h) || strlen(h->valuestring) > HD_RULES_MAX_EXAMPLE ||
        (u && !cJSON_IsString(u)) || (o && !cJSON_IsString(o)) ||
        (n && (!cJSON_IsString(n) || strlen(n->valuestring) > HD_RULES_MAX_EXAMPLE))) {
        return bad(p,
                   "an example is an html string or {\"html\", \"url\", \"offering_kind\", "
                   "\"next_page\"}",
                   NULL);
    }
    if (o && !hd_kind_bit(o->valuestring)) {
        return bad(p, "bad example offering_kind: ", o->valuestring);
    }
    ex->match = match;
    ex->html = hd_arena_strdup(p->arena, h->valuestring);
    ex->url = u ? hd_arena_strdup(p->arena, u->valuestring) : NULL;
    ex->offering_kind = o ? hd_arena_strdup(p->arena, o->valuestring) : NULL;
    ex->next_page = n ? hd_arena_strdup(p->arena, n->valuestring) : NULL;
    return ex->html && (!n || ex->next_page) ? HURDLE_OK : hd_oom(p->ctx);
}

static int parse_examples(rp *p)
{
    const cJSON *ex = get(p, "examples");
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(ex, "match");
    const cJSON *nm = cJSON_GetObjectItemCaseSensitive(ex, "no_match");
    const cJSON *v;
    size_t n = 0;
    int rc = HURDLE_OK;

    if (!cJSON_IsArray(m) || !cJSON_IsArray(nm) || !cJSON_GetArraySize(m) ||
        !cJSON_GetArraySize(nm)) {
        return bad(p, "needs examples.match and examples.no_match (non-empty lists)", NULL);
    }
    n = (size_t)cJSON_GetArraySize(m) + (size_t)cJSON_GetArraySize(nm);
    if (n > HD_RULES_MAX_LIST) {
        return bad(p, "too many examples", NULL);
    }
    p->rule->examples = hd_arena_array(p->arena, n, sizeof(hd_example));
    if (!p->rule->examples) {
        return hd_oom(p->ctx);
    }
    cJSON_ArrayForEach(v, m)
    {
        rc = rc ? rc : parse_example(p, v, &p->rule->examples[p->rule->nexamples++], true);
    }
    cJSON_ArrayForEach(v, nm)
    {
        rc = rc ? rc : parse_example(p, v, &p->rule->examples[p->rule->nexamples++], false);
    }
    return rc;
}

static int regex_key(rp *p, const char *key, hd_regex **out, bool required)
{
    const char *pat = NULL;
    bool cs = false;
    int rc = opt_str(p, key, &pat, required);

    if (rc == 0) {
        rc = opt_bool(p, "case_sensitive", &cs);
    }
    if (rc < 0 || !pat) {
        return rc;
    }
    return hd_pack_regex(p->ld, out, pat, cs ? HD_RE_CASE_SENSITIVE : 0, p->where, p->id);
}

/* The regex's literals for the prefilter (literal.c). */
static int pattern_literals(rp *p, hd_rule *r)
{
    const char *pat = NULL;
    int rc = opt_str(p, "regex", &pat, true);

    if (rc == 0) {
        rc = opt_bool(p, "case_sensitive", &r->case_sensitive);
    }
    if (rc == 0 && hd_literal_extract(&r->lits, p->arena, pat, r->case_sensitive) < 0) {
        rc = hd_oom(p->ctx);
    }
    return rc;
}

static int parse_pattern(rp *p)
{
    hd_rule *r = p->rule;
    bool has_re = get(p, "regex") != NULL;
    bool has_words = get(p, "words") != NULL;
    int rc;

    if (has_re == has_words) {
        return bad(p, "a pattern rule needs exactly one of regex and words", NULL);
    }
    rc = parse_scope(p);
    if (rc == 0) {
        rc = regex_key(p, "regex", &r->re, false);
    }
    if (rc == 0 && r->re) {
        rc = pattern_literals(p, r);
    }
    if (rc == 0) {
        rc = regex_key(p, "unless", &r->unless, false);
    }
    rc = rc ? rc : str_list(p, "prefilter", &r->prefilter);
    rc = rc ? rc : opt_bool(p, "unless_linked", &r->unless_linked);
    if (rc == 0 && has_words) {
        rc = opt_str(p, "words", &r->words_name, true);
        if (rc == 0) {
            rc = hd_pack_words(p->ld, &r->words, r->words_name, p->where, p->id);
        }
    }
    for (size_t i = 0; rc == 0 && i < r->prefilter.n; i++) {
        for (char *c = (char *)(uintptr_t)r->prefilter.v[i]; *c; c++) {
            *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
        }
    }
    return rc;
}

static int parse_tri(rp *p, const char *key, hd_tri *out, hd_tri dflt)
{
    const cJSON *v = get(p, key);

    *out = dflt;
    if (!v) {
        return HURDLE_OK;
    }
    if (cJSON_IsString(v) && strcmp(v->valuestring, "any") == 0) {
        *out = HD_TRI_ANY;
    } else if (cJSON_IsBool(v)) {
        *out = cJSON_IsTrue(v) ? HD_TRI_YES : HD_TRI_NO;
    } else {
        return bad(p, "expected true, false or \"any\": ", key);
    }
    return HURDLE_OK;
}

/* minlength_at_least and captcha (widget kinds). */
static int parse_field_more(rp *p, hd_rule *r)
{
    static const char *const kinds[] = { "recaptcha", "hcaptcha", "turnstile", "image", "any",
                                         NULL };
    double ml = 0;
    bool has = false;
    int rc = opt_num(p, "minlength_at_least", &ml, &has);

    rc = rc ? rc : str_list(p, "captcha", &r->captchas);
    if (rc == 0 && has && (ml < 1 || ml > 100000 || ml != floor(ml))) {
        return bad(p, "minlength_at_least must be a whole number from 1 to 100000", NULL);
    }
    r->minlength_at_least = has ? (long)ml : 0;
    for (size_t i = 0; rc == 0 && i < r->captchas.n; i++) {
        if (!in_list(kinds, r->captchas.v[i])) {
            return bad(p, "bad captcha kind (recaptcha, hcaptcha, turnstile, image, any): ",
                       r->captchas.v[i]);
        }
    }
    return rc;
}

/* any_of: two or more of the rule's own conditions, one of which must hold. */
static int parse_any_of(rp *p)
{
    hd_strlist l;
    int rc = str_list(p, "any_of", &l);

    for (size_t i = 0; rc == 0 && i < l.n; i++) {
        unsigned bit = 0;
        for (unsigned k = 0; k < HD_FC_COUNT; k++) {
            bit = strcmp(l.v[i], hd_field_cond_names[k]) == 0 ? 1u << k : bit;
        }
        if (!(bit & p->rule->conds)) {
            return bad(p, "any_of names a condition the rule does not give: ", l.v[i]);
        }
        p->rule->any_of |= bit;
    }
    return rc == 0 && l.n == 1 ? bad(p, "any_of needs two conditions or more", NULL) : rc;
}

static int parse_field(rp *p)
{
    hd_rule *r = p->rule;
    double mc = 0;
    bool has = false;
    int rc = str_list(p, "purpose", &r->purposes);

    rc = rc ? rc : str_list(p, "type", &r->types);
    rc = rc ? rc : str_list(p, "tag", &r->tags_html);
    rc = rc ? rc : str_list(p, "form_kind", &r->form_kinds);
    rc = rc ? rc : parse_tri(p, "required", &r->required, HD_TRI_ANY);
    rc = rc ? rc : parse_tri(p, "visible", &r->visible, HD_TRI_YES);
    rc = rc ? rc : opt_bool(p, "autocomplete_missing", &r->autocomplete_missing);
    rc = rc ? rc : regex_key(p, "label", &r->label, false);
    rc = rc ? rc : regex_key(p, "page_text", &r->page_text, false);
    rc = rc ? rc : opt_num(p, "min_count", &mc, &has);
    rc = rc ? rc : parse_tri(p, "checked", &r->checked, HD_TRI_ANY);
    rc = rc ? rc : parse_tri(p, "pattern_set", &r->pattern_set, HD_TRI_ANY);
    rc = rc ? rc : str_list(p, "ac_field", &r->ac_fields);
    rc = rc ? rc : opt_bool(p, "repeated", &r->repeated);
    rc = rc ? rc : regex_key(p, "near_text", &r->near_text, false);
    rc = rc ? rc : parse_field_more(p, r);
    if (rc < 0) {
        return rc;
    }
    if (has && (mc < 1 || mc > 10000 || mc != floor(mc))) {
        return bad(p, "min_count must be a whole number from 1 to 10000", NULL);
    }
    r->min_count = has ? (size_t)mc : 1;
    if (!r->purposes.n && !r->types.n && !r->tags_html.n && !r->label && !r->captchas.n) {
        return bad(p, "a field rule needs purpose, type, tag, label or captcha", NULL);
    }
    r->conds = hd_field_rule_conds(r);
    return parse_any_of(p);
}

static int parse_curve(rp *p)
{
    const cJSON *c = get(p, "curve");
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(c, "good");
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(c, "median");

    if (!cJSON_IsNumber(g) || !cJSON_IsNumber(m) || cJSON_GetArraySize(c) != 2) {
        return bad(p, "curve needs exactly {\"good\": x, \"median\": y}", NULL);
    }
    if (g->valuedouble <= 0 || m->valuedouble <= 0 || g->valuedouble == m->valuedouble) {
        return bad(p, "curve: good and median must be positive and different", NULL);
    }
    p->rule->curve.good = g->valuedouble;
    p->rule->curve.median = m->valuedouble;
    p->rule->has_curve = true;
    return HURDLE_OK;
}

static int parse_metric(rp *p)
{
    hd_rule *r = p->rule;
    bool has_w = false;
    int rc = opt_str(p, "metric", &r->metric, true);

    rc = rc ? rc : opt_num(p, "above", &r->above, &r->has_above);
    rc = rc ? rc : opt_num(p, "below", &r->below, &r->has_below);
    rc = rc ? rc : opt_num(p, "weight", &r->weight, &has_w);
    if (rc < 0) {
        return rc;
    }
    if (!hd_metric_known(r->metric)) {
        return bad(p, "unknown metric ", r->metric);
    }
    if (get(p, "curve")) {
        rc = parse_curve(p);
        if (rc == 0 && (r->has_above || r->has_below || !has_w || r->weight <= 0)) {
            return bad(p, "a curve metric needs a positive weight and no above/below", NULL);
        }
        return rc;
    }
    if (r->has_above == r->has_below || has_w) {
        return bad(p, "a metric rule needs a curve with a weight, or one of above and below",
                   NULL);
    }
    return HURDLE_OK;
}

static int parse_page_kind(rp *p)
{
    hd_rule *r = p->rule;
    const char *pk = NULL;
    bool has_w = false;
    int rc = opt_str(p, "page_kind", &pk, true);

    rc = rc ? rc : opt_num(p, "weight", &r->weight, &has_w);
    rc = rc ? rc : parse_scope(p);
    rc = rc ? rc : regex_key(p, "regex", &r->re, false);
    rc = rc ? rc : str_list(p, "form_kind", &r->form_kinds);
    if (rc < 0) {
        return rc;
    }
    r->page_kind = hd_kind_bit(pk);
    if (!r->page_kind || r->page_kind == HD_KIND_ANY) {
        return bad(p, "bad page_kind: ", pk);
    }
    if (!has_w || r->weight <= 0 || (!r->re && !r->form_kinds.n)) {
        return bad(p, "a page-kind rule needs a positive weight and a regex or form_kind",
                   NULL);
    }
    return HURDLE_OK;
}

static int parse_common(rp *p)
{
    static const char *const *const own[] = { pattern_keys, field_keys, metric_keys, kind_keys };
    hd_rule *r = p->rule;
    bool need = r->kind != HD_RULE_PAGE_KIND;
    int rc = check_keys(p, own[r->kind]);

    rc = rc ? rc : opt_str(p, "message", &r->message, true);
    rc = rc ? rc : opt_str(p, "advice", &r->advice, need);
    rc = rc ? rc : opt_str(p, "source", &r->research, false);
    rc = rc ? rc : str_list(p, "tags", &r->tags);
    rc = rc ? rc : parse_dim_sev(p);
    rc = rc ? rc : parse_applies(p);
    rc = rc ? rc : parse_examples(p);
    if (rc == 0 && !r->advice) {
        r->advice = "";
    }
    return rc;
}

int hd_pack_rule_parse(hd_pack_loader *ld, hd_rule *rule, const void *json, const char *where)
{
    rp p = { ld, hd_pack_ctx(ld), hd_pack_arena(ld), json, where, "(no id)", rule };
    int rc;

    if (!cJSON_IsObject(p.json)) {
        return hd_fail(p.ctx, HURDLE_EINVAL, "%s: a rule is a JSON object", where);
    }
    rule->file = where;
    rc = parse_id(&p);
    rc = rc ? rc : parse_kind(&p);
    rc = rc ? rc : parse_common(&p);
    if (rc < 0) {
        return rc;
    }
    switch (rule->kind) {
    case HD_RULE_PATTERN:
        rc = parse_pattern(&p);
        return rc ? rc : hd_pack_fact_parse(ld, rule, json, where);
    case HD_RULE_FIELD:
        return parse_field(&p);
    case HD_RULE_METRIC:
        rc = parse_metric(&p);
        return rc ? rc : hd_pack_fact_parse(ld, rule, json, where);
    case HD_RULE_PAGE_KIND:
        return parse_page_kind(&p);
    }
    return HURDLE_OK;
}
