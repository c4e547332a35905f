/*
 * rules/pack.c - loads the scoring file, rule packs and word lists into an
 * immutable rule set. With pack_rule.c and pack_scoring.c, the only cJSON
 * reader.
 *
 * Order is deterministic: the folders in the order given, in each the
 * `*.json` packs directly inside and one level down, sorted by path, so the
 * same folders always give the same rule set and the same version hash.
 * Every file is capped (HD_RULES_MAX_FILE), and so are rule and file counts.
 * Errors name the file (and line for JSON syntax, rule id for rules).
 * Invariant: after hurdle_ruleset_load() returns, nothing writes to the set
 * except hurdle_ruleset_override(), which callers run before sharing it.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "../util/vec.h"
#include "internal.h"

struct hd_pack_loader {
    hurdle_ctx *ctx;         /* the caller's: errors go here */
    hurdle_ruleset *rs;
    hd_vec rules;            /* hd_rule */
    hd_vec words;            /* hd_wordfile */
    const char *pack_dir;    /* the folder of the pack being read */
};

uint32_t hd_fnv1a(uint32_t h, const void *data, size_t len)
{
    const unsigned char *p = data;

    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

/* Moves a failure recorded in the rule set's own ctx to the caller's. */
static int relay(hd_pack_loader *ld, int rc)
{
    if (rc < 0 && ld->rs->own.has_error) {
        rc = hd_fail(ld->ctx, rc, "%s", ld->rs->own.errmsg);
        hd_clear_error(&ld->rs->own);
    } else if (rc == HURDLE_ENOMEM) {
        rc = hd_oom(ld->ctx);
    }
    return rc;
}

hd_arena *hd_pack_arena(hd_pack_loader *ld)
{
    return &ld->rs->arena;
}

hurdle_ctx *hd_pack_ctx(hd_pack_loader *ld)
{
    return ld->ctx;
}

/* Reads a whole file of at most HD_RULES_MAX_FILE bytes (NUL-terminated). */
static int read_file(hurdle_ctx *ctx, const char *path, const char *name, char **out,
                     size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    char *data = NULL;
    size_t n;
    int rc = HURDLE_OK;

    *out = NULL;
    if (!f) {
        return hd_fail(ctx, HURDLE_EIO, "%s: cannot open: %s", name, strerror(errno));
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = hd_fail(ctx, HURDLE_EIO, "%s: not a regular file", name);
        goto done;
    }
    if ((size_t)st.st_size > HD_RULES_MAX_FILE) {
        rc = hd_fail(ctx, HURDLE_ELIMIT, "%s: file larger than %zu bytes", name,
                     HD_RULES_MAX_FILE);
        goto done;
    }
    data = hd_malloc(ctx, (size_t)st.st_size + 1);
    if (!data) {
        rc = HURDLE_ENOMEM;
        goto done;
    }
    n = fread(data, 1, (size_t)st.st_size, f);
    if (n != (size_t)st.st_size) {
        rc = hd_fail(ctx, HURDLE_EIO, "%s: short read", name);
        goto done;
    }
    data[n] = '\0';
    *out = data;
    *len_out = n;
    data = NULL;
done:
    hd_free(ctx, data);
    fclose(f);
    return rc;
}

/* Up to 20 bytes at `p` for an error message: one line, printable, skipping leading blanks. */
static const char *excerpt(char *buf, size_t size, const char *p, size_t avail)
{
    size_t n = 0;

    while (avail && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
        p++;
        avail--;
    }
    if (!avail) {
        return "end of file";
    }
    while (n < avail && n < 20 && n + 1 < size && (unsigned char)p[n] >= 0x20) {
        buf[n] = p[n];
        n++;
    }
    buf[n] = '\0';
    return buf;
}

/* Parses JSON; on a syntax error names the file and the line. */
static int parse_json(hurdle_ctx *ctx, cJSON **out, const char *name, const char *data,
                      size_t len)
{
    const char *end = NULL;
    char near[24];
    size_t line = 1;

    *out = cJSON_ParseWithLengthOpts(data, len, &end, 0);
    if (*out) {
        return HURDLE_OK;
    }
    if (!end || end < data || end > data + len) {
        end = data + len;
    }
    for (const char *p = data; p < end; p++) {
        line += *p == '\n';
    }
    return hd_fail(ctx, HURDLE_EPARSE, "%s:%zu: json syntax error near '%s'", name, line,
                   excerpt(near, sizeof(near), end, (size_t)(data + len - end)));
}

int hd_pack_read_json(hd_pack_loader *ld, const char *path, const char *name, void **out)
{
    char *data = NULL;
    size_t len = 0;
    cJSON *root = NULL;
    int rc;

    *out = NULL;
    rc = read_file(ld->ctx, path, name, &data, &len);
    if (rc < 0) {
        goto done;
    }
    ld->rs->hash = hd_fnv1a(ld->rs->hash, data, len);
    rc = parse_json(ld->ctx, &root, name, data, len);
    if (rc == 0 && !cJSON_IsObject(root)) {
        rc = hd_fail(ld->ctx, HURDLE_EINVAL, "%s: not a JSON object", name);
    }
    if (rc == 0) {
        *out = root;
        root = NULL;
    }
done:
    cJSON_Delete(root);
    hd_free(ld->ctx, data);
    return rc == HURDLE_ENOMEM ? hd_oom(ld->ctx) : rc;
}

/* rules/links.json of the first folder, when there is one. */
static int load_links(hd_pack_loader *ld, const char *dir)
{
    char path[4096];
    struct stat st;
    void *root = NULL;
    int rc;

    snprintf(path, sizeof(path), "%s/links.json", dir);
    if (stat(path, &st) != 0) {
        return HURDLE_OK;
    }
    rc = hd_pack_read_json(ld, path, "links.json", &root);
    if (rc == HURDLE_OK) {
        rc = hd_linkwords_parse(&ld->rs->links, &ld->rs->arena, root, "links.json");
    }
    cJSON_Delete(root);
    return rc == HURDLE_ENOMEM ? hd_oom(ld->ctx) : rc;
}

double hd_rules_link_score(const hurdle_ruleset *rules, const char *text, const char *url,
                           const char **kind)
{
    return hd_linkwords_score(rules ? rules->links : NULL, text, url, kind);
}

hurdle_ruleset *hd_pack_ruleset(hd_pack_loader *ld)
{
    return ld->rs;
}

static int load_scoring(hd_pack_loader *ld, const char *dir)
{
    char path[4096];
    char *data = NULL;
    size_t len = 0;
    cJSON *root = NULL;
    int rc;

    snprintf(path, sizeof(path), "%s/scoring.json", dir);
    rc = read_file(ld->ctx, path, "scoring.json", &data, &len);
    if (rc < 0) {
        goto done;
    }
    ld->rs->hash = hd_fnv1a(ld->rs->hash, data, len);
    rc = parse_json(ld->ctx, &root, "scoring.json", data, len);
    if (rc < 0) {
        goto done;
    }
    rc = hd_pack_scoring(ld->rs, ld->ctx, root, "scoring.json");
done:
    cJSON_Delete(root);
    hd_free(ld->ctx, data);
    return rc;
}

int hd_pack_regex(hd_pack_loader *ld, hd_regex **out, const char *pattern, unsigned flags,
                  const char *where, const char *id)
{
    char err[300];
    int rc;

    if (strlen(pattern) > HD_RULES_MAX_PATTERN) {
        return hd_fail(ld->ctx, HURDLE_ELIMIT, "%s: %s: regex longer than %d bytes", where, id,
                       HD_RULES_MAX_PATTERN);
    }
    rc = hd_regex_compile(out, pattern, flags, err, sizeof(err));
    if (rc == HURDLE_ENOMEM) {
        return hd_oom(ld->ctx);
    }
    if (rc < 0) {
        return hd_fail(ld->ctx, HURDLE_EPARSE, "%s: %s: bad regex: %s", where, id, err);
    }
    return HURDLE_OK;
}

int hd_pack_words(hd_pack_loader *ld, const hd_wordlist **out, const char *name,
                  const char *where, const char *id)
{
    char path[4096];
    char *data = NULL;
    size_t len = 0;
    hd_wordfile *wf;
    int rc;

    if (strchr(name, '/') || name[0] == '.' || !strstr(name, ".tsv")) {
        return hd_fail(ld->ctx, HURDLE_EINVAL, "%s: %s: word list '%s' must be a .tsv file "
                       "beside the pack", where, id, name);
    }
    snprintf(path, sizeof(path), "%s/%s", ld->pack_dir, name);
    HD_VEC_FOREACH(&ld->words, hd_wordfile, it)
    {
        if (strcmp(it->path, path) == 0) {
            *out = it->list;
            return HURDLE_OK;
        }
    }
    rc = read_file(ld->ctx, path, name, &data, &len);
    if (rc < 0) {
        hd_clear_error(ld->ctx);
        rc = hd_fail(ld->ctx, rc, "%s: %s: missing word list %s", where, id, name);
        goto done;
    }
    ld->rs->hash = hd_fnv1a(ld->rs->hash, data, len);
    wf = hd_vec_push(&ld->words);
    if (!wf) {
        rc = HURDLE_ENOMEM;
        goto done;
    }
    wf->path = hd_arena_strdup(&ld->rs->arena, path);
    rc = hd_wordlist_parse(&wf->list, &ld->rs->own, name, data, len);
    rc = relay(ld, rc);
    if (rc == 0 && !wf->path) {
        rc = hd_oom(ld->ctx);
    }
    *out = wf->list;
done:
    hd_free(ld->ctx, data);
    return rc;
}

static int check_keys(hd_pack_loader *ld, const cJSON *root, const char *where)
{
    static const char *const keys[] = { "$schema", "pack", "description", "language", "rules" };
    const cJSON *k;

    cJSON_ArrayForEach(k, root)
    {
        bool ok = false;
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
            ok = ok || strcmp(k->string, keys[i]) == 0;
        }
        if (!ok) {
            return hd_fail(ld->ctx, HURDLE_EINVAL, "%s: unknown key \"%s\"", where, k->string);
        }
    }
    return HURDLE_OK;
}

static int load_rules(hd_pack_loader *ld, const cJSON *root, const char *where)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "rules");
    const cJSON *r;
    int rc = check_keys(ld, root, where);

    if (rc < 0) {
        return rc;
    }
    if (!cJSON_IsArray(arr)) {
        return hd_fail(ld->ctx, HURDLE_EINVAL, "%s: a pack needs a \"rules\" array", where);
    }
    cJSON_ArrayForEach(r, arr)
    {
        hd_rule *rule = hd_vec_push(&ld->rules);
        if (!rule) {
            if (ld->rules.len >= ld->rules.max) {
                hd_clear_error(ld->ctx);
                return hd_fail(ld->ctx, HURDLE_ELIMIT, "%s: more than %d rules in all", where,
                               HD_RULES_MAX_RULES);
            }
            return HURDLE_ENOMEM;
        }
        rc = hd_pack_rule_parse(ld, rule, r, where);
        if (rc < 0) {
            return rc;
        }
    }
    return HURDLE_OK;
}

/* Loads the pack at `path`, named `rel` ("en/terms.json") in messages. */
static int load_pack(hd_pack_loader *ld, const char *path, const char *rel)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    const char *where = hd_arena_strdup(&ld->rs->arena, rel);
    char *data = NULL;
    size_t len = 0;
    cJSON *root = NULL;
    int rc;

    if (!where) {
        return hd_oom(ld->ctx);
    }
    snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    ld->pack_dir = dir;
    rc = read_file(ld->ctx, path, where, &data, &len);
    if (rc < 0) {
        goto done;
    }
    ld->rs->hash = hd_fnv1a(ld->rs->hash, data, len);
    rc = parse_json(ld->ctx, &root, where, data, len);
    if (rc < 0) {
        goto done;
    }
    if (!cJSON_IsObject(root)) {
        rc = hd_fail(ld->ctx, HURDLE_EINVAL, "%s: a pack is a JSON object", where);
        goto done;
    }
    rc = load_rules(ld, root, where);
done:
    ld->pack_dir = NULL;
    cJSON_Delete(root);
    hd_free(ld->ctx, data);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_pack_name(const char *n)
{
    size_t len = strlen(n);

    return n[0] != '.' && len > 5 && strcmp(n + len - 5, ".json") == 0 &&
           strcmp(n, "scoring.json") != 0 && strcmp(n, "schema.json") != 0 &&
           strcmp(n, "purposes.json") != 0 && strcmp(n, "links.json") != 0 && !(len > 12 && strcmp(n + len - 12, ".schema.json") == 0);
}

/* Collects "x.json" and "sub/x.json" names of `dir` into `names` (sorted). */
static int list_packs(hd_pack_loader *ld, const char *dir, const char *sub, hd_vec *names)
{
    char path[4096];
    DIR *d;
    struct dirent *e;
    int rc = HURDLE_OK;

    snprintf(path, sizeof(path), "%s%s%s", dir, sub ? "/" : "", sub ? sub : "");
    d = opendir(path);
    if (!d) {
        return sub ? HURDLE_OK : hd_fail(ld->ctx, HURDLE_EIO, "%s: cannot open rules folder: %s",
                                         dir, strerror(errno));
    }
    while (rc == 0 && (e = readdir(d)) != NULL) {
        char rel[1024];
        struct stat st;
        snprintf(rel, sizeof(rel), "%s%s%s", sub ? sub : "", sub ? "/" : "", e->d_name);
        snprintf(path, sizeof(path), "%s/%s", dir, rel);
        if (e->d_name[0] == '.' || stat(path, &st) != 0) {
            continue;
        }
        if (S_ISDIR(st.st_mode) && !sub) {
            rc = list_packs(ld, dir, e->d_name, names);
        } else if (S_ISREG(st.st_mode) && is_pack_name(e->d_name)) {
            char **slot = hd_vec_push(names);
            rc = slot ? HURDLE_OK : hd_fail(ld->ctx, HURDLE_ELIMIT, "%s: more than %d packs",
                                            dir, HD_RULES_MAX_FILES);
            if (slot) {
                *slot = hd_arena_strdup(&ld->rs->arena, rel);
                rc = *slot ? HURDLE_OK : hd_oom(ld->ctx);
            }
        }
    }
    closedir(d);
    return rc;
}

static int load_dir(hd_pack_loader *ld, const char *dir)
{
    hd_vec names;
    char path[4096];
    int rc;

    hd_vec_init(&names, ld->ctx, sizeof(char *), HD_RULES_MAX_FILES);
    rc = list_packs(ld, dir, NULL, &names);
    if (rc == 0 && names.len) {
        qsort(names.ptr, names.len, sizeof(char *), cmp_str);
    }
    for (size_t i = 0; rc == 0 && i < names.len; i++) {
        const char *rel = *(char **)hd_vec_at(&names, i);
        snprintf(path, sizeof(path), "%s/%s", dir, rel);
        rc = load_pack(ld, path, rel);
    }
    hd_vec_dispose(&names);
    return rc;
}

static int cmp_rule(const void *a, const void *b)
{
    return strcmp(((const hd_rule *)a)->id, ((const hd_rule *)b)->id);
}

/* Sorts the rules into the arena, rejects duplicate ids, names the version. */
static int finish(hd_pack_loader *ld)
{
    hurdle_ruleset *rs = ld->rs;
    char ver[64];

    rs->rules = hd_arena_array(&rs->arena, ld->rules.len ? ld->rules.len : 1, sizeof(hd_rule));
    rs->words = hd_arena_array(&rs->arena, ld->words.len ? ld->words.len : 1,
                               sizeof(hd_wordfile));
    if (!rs->rules || !rs->words) {
        return hd_oom(ld->ctx);
    }
    rs->nrules = ld->rules.len;
    rs->nwords = ld->words.len;
    if (rs->nwords) { /* memcpy from a never-grown vec (NULL) is undefined */
        memcpy(rs->words, ld->words.ptr, rs->nwords * sizeof(hd_wordfile));
    }
    ld->words.len = 0; /* the set owns the lists now */
    if (rs->nrules) {
        memcpy(rs->rules, ld->rules.ptr, rs->nrules * sizeof(hd_rule));
    }
    ld->rules.len = 0;
    qsort(rs->rules, rs->nrules, sizeof(hd_rule), cmp_rule);
    for (size_t i = 1; i < rs->nrules; i++) {
        if (strcmp(rs->rules[i - 1].id, rs->rules[i].id) == 0) {
            return hd_fail(ld->ctx, HURDLE_EINVAL, "%s: %s: duplicate id (also in %s)",
                           rs->rules[i].file, rs->rules[i].id, rs->rules[i - 1].file);
        }
    }
    snprintf(ver, sizeof(ver), "%s-%08x", rs->version, (unsigned)rs->hash);
    rs->version = hd_arena_strdup(&rs->arena, ver);
    if (!rs->version || hd_prefilter_new(&rs->pf, &rs->own, rs) < 0) {
        return hd_oom(ld->ctx);
    }
    return hd_metric_resolve(ld->rs, ld->ctx);
}

static void free_rule(hd_rule *r)
{
    hd_regex_free(r->re);
    hd_regex_free(r->unless);
    hd_regex_free(r->label);
    hd_regex_free(r->page_text);
}

static void loader_dispose(hd_pack_loader *ld)
{
    HD_VEC_FOREACH(&ld->rules, hd_rule, r)
    {
        free_rule(r);
    }
    HD_VEC_FOREACH(&ld->words, hd_wordfile, w)
    {
        hd_wordlist_free(w->list);
    }
    hd_vec_dispose(&ld->rules);
    hd_vec_dispose(&ld->words);
}

int hurdle_ruleset_load(hurdle_ruleset **out, hurdle_ctx *ctx, const char *const *dirs,
                        size_t ndirs)
{
    hd_pack_loader ld;
    hurdle_ruleset *rs;
    int rc;

    if (!out || !ctx || !dirs || !ndirs) {
        return HURDLE_EINVAL;
    }
    *out = NULL;
    hd_clear_error(ctx);
    rs = hd_calloc(ctx, 1, sizeof(*rs));
    if (!rs) {
        return HURDLE_ENOMEM;
    }
    rs->own.alloc = ctx->alloc;
    rs->own.log_level = HURDLE_LOG_ERROR;
    rs->hash = 2166136261u;
    hd_arena_init(&rs->arena, &rs->own, 0);
    memset(&ld, 0, sizeof(ld));
    ld.ctx = ctx;
    ld.rs = rs;
    hd_vec_init(&ld.rules, ctx, sizeof(hd_rule), HD_RULES_MAX_RULES);
    hd_vec_init(&ld.words, ctx, sizeof(hd_wordfile), HD_RULES_MAX_FILES);
    rc = load_scoring(&ld, dirs[0]);
    if (rc == 0) {
        rc = load_links(&ld, dirs[0]);
    }
    if (rc == 0) {
        rc = hd_pack_purposes(&ld, dirs, ndirs);
    }
    for (size_t i = 0; rc == 0 && i < ndirs; i++) {
        rc = dirs[i] ? load_dir(&ld, dirs[i]) : HURDLE_EINVAL;
    }
    if (rc == 0) {
        rc = finish(&ld);
    }
    loader_dispose(&ld);
    if (rc < 0) {
        hurdle_ruleset_free(rs);
        return rc == HURDLE_ENOMEM ? hd_oom(ctx) : rc;
    }
    *out = rs;
    return HURDLE_OK;
}

void hurdle_ruleset_free(hurdle_ruleset *rules)
{
    hurdle_ctx own;

    if (!rules) {
        return;
    }
    for (size_t i = 0; i < rules->nrules; i++) {
        free_rule(&rules->rules[i]);
    }
    for (size_t i = 0; i < rules->nwords; i++) {
        hd_wordlist_free(rules->words[i].list);
    }
    hd_prefilter_free(rules->pf);
    hd_purpose_table_free(rules->purposes);
    own = rules->own;
    hd_arena_dispose(&rules->arena);
    hd_free(&own, rules);
}
