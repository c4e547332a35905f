/*
 * core/crawl_replay.c - the crawl's statistics as a WARC metadata record,
 * and the replay of a WARC (--from-warc): its "page" responses analysed as
 * they were live, its "error" records and statistics put back, so that the
 * report is the live run's (see crawl_warc.c for what is written).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "crawl_int.h"

#define RECORD_SLACK ((size_t)4 << 20) /* a record's head and fields besides the page */

static void put_stats(hd_buf *b, const hd_crawl_stats *s)
{
    hd_buf_printf(b, "fetched: %zu\r\nfailed: %zu\r\nbytes: %zu\r\nrequests: %zu\r\n", s->fetched,
                  s->failed, s->bytes, s->requests);
    hd_buf_printf(b, "retries: %zu\r\nqueued: %zu\r\n", s->retries, s->queued);
    for (int k = 1; k < HD_SKIP_COUNT; k++) {
        hd_buf_printf(b, "skipped-%s: %zu\r\n", hd_skip_name((hd_skip)k), s->skipped[k]);
    }
    if (s->stopped) {
        hd_buf_printf(b, "stopped: %s\r\n", s->stopped);
    }
    for (size_t i = 0; i < s->nhosts; i++) {
        hd_buf_printf(b, "host: %s %s %.17g\r\n", s->hosts[i].status, s->hosts[i].host,
                      s->hosts[i].crawl_delay);
    }
    for (size_t i = 0; i < s->nsitemaps; i++) {
        hd_buf_printf(b, "sitemap: %zu %s%s%s\r\n", s->sitemaps[i].urls, s->sitemaps[i].url,
                      s->sitemaps[i].error ? " " : "",
                      s->sitemaps[i].error ? s->sitemaps[i].error : "");
    }
}

int hd_crawl_stats_write(hd_crawl *c)
{
    hd_buf block = HD_BUF_INIT(c->ctx, (size_t)64 << 20);
    hd_warc_rec rec;
    int rc;

    put_stats(&block, &c->r->crawl);
    memset(&rec, 0, sizeof(rec));
    rec.type = "metadata";
    rec.target_uri = "urn:hurdle:crawl";
    rec.content_type = "application/warc-fields";
    rec.extra = "Hurdle-Role: crawl\r\n";
    rec.block = block.ptr;
    rec.block_len = block.len;
    rc = hd_buf_err(&block) ? HURDLE_ENOMEM : hd_warc_write(c->warc, &rec, NULL, 0);
    hd_buf_dispose(&block);
    return rc;
}

/* The value of "name: value" in a warc-fields block, into `out`; false when absent. */
static bool field(const char *block, const char *name, char *out, size_t size)
{
    size_t n = strlen(name);

    for (const char *p = block; p && *p;) {
        const char *eol = strstr(p, "\r\n");
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len > n + 1 && strncmp(p, name, n) == 0 && p[n] == ':' && p[n + 1] == ' ') {
            snprintf(out, size, "%.*s", (int)(len - n - 2), p + n + 2);
            return true;
        }
        p = eol ? eol + 2 : p + len;
    }
    return false;
}

static size_t num(const char *block, const char *name)
{
    char v[64];

    return field(block, name, v, sizeof(v)) ? (size_t)strtoull(v, NULL, 10) : 0;
}

static int add_host(hd_crawl_stats *s, hurdle_ctx *ctx, const char *line)
{
    static const char *const statuses[] = { "ok", "absent", "error", "ignored" };
    char status[16] = "";
    char host[1024] = "";
    double delay = -1;
    hd_crawl_host *grown;

    if (sscanf(line, "%15s %1023s %lf", status, host, &delay) < 2) {
        return HURDLE_OK;
    }
    grown = hd_realloc(ctx, s->hosts, (s->nhosts + 1) * sizeof(*grown));
    if (!grown) {
        return HURDLE_ENOMEM;
    }
    s->hosts = grown;
    grown[s->nhosts].status = "error";
    for (size_t i = 0; i < 4; i++) {
        grown[s->nhosts].status =
            strcmp(status, statuses[i]) == 0 ? statuses[i] : grown[s->nhosts].status;
    }
    grown[s->nhosts].crawl_delay = delay;
    grown[s->nhosts].host = hd_strdup(ctx, host);
    return grown[s->nhosts++].host ? HURDLE_OK : HURDLE_ENOMEM;
}

static int add_sitemap(hd_crawl_stats *s, hurdle_ctx *ctx, const char *line)
{
    char *end = NULL;
    size_t urls = (size_t)strtoull(line, &end, 10);
    const char *url = end && *end == ' ' ? end + 1 : "";
    size_t ul = strcspn(url, " ");
    hd_crawl_sitemap *grown = hd_realloc(ctx, s->sitemaps, (s->nsitemaps + 1) * sizeof(*grown));

    if (!grown) {
        return HURDLE_ENOMEM;
    }
    s->sitemaps = grown;
    grown[s->nsitemaps].urls = urls;
    grown[s->nsitemaps].url = hd_strndup(ctx, url, ul);
    grown[s->nsitemaps].error = url[ul] ? hd_strdup(ctx, url + ul + 1) : NULL;
    if (!grown[s->nsitemaps].url || (url[ul] && !grown[s->nsitemaps].error)) {
        hd_free(ctx, grown[s->nsitemaps].url);
        return HURDLE_ENOMEM;
    }
    s->nsitemaps++;
    return HURDLE_OK;
}

/* The statistics record back into the report. */
static int read_stats(hd_crawl *c, const char *block)
{
    hd_crawl_stats *s = &c->r->crawl;
    char name[32];
    char v[1024];
    int rc = HURDLE_OK;

    s->crawled = true;
    s->fetched = num(block, "fetched");
    s->failed = num(block, "failed");
    s->bytes = num(block, "bytes");
    s->requests = num(block, "requests");
    s->retries = num(block, "retries");
    s->queued = num(block, "queued");
    for (int k = 1; k < HD_SKIP_COUNT; k++) {
        snprintf(name, sizeof(name), "skipped-%s", hd_skip_name((hd_skip)k));
        s->skipped[k] = num(block, name);
    }
    if (field(block, "stopped", v, sizeof(v))) {
        hd_free(c->ctx, s->stopped);
        s->stopped = hd_strdup(c->ctx, v);
        rc = s->stopped ? HURDLE_OK : HURDLE_ENOMEM;
    }
    for (const char *p = block; rc == HURDLE_OK && p && *p;) {
        const char *eol = strstr(p, "\r\n");
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        snprintf(v, sizeof(v), "%.*s", (int)len, p);
        if (strncmp(v, "host: ", 6) == 0) {
            rc = add_host(s, c->ctx, v + 6);
        } else if (strncmp(v, "sitemap: ", 9) == 0) {
            rc = add_sitemap(s, c->ctx, v + 9);
        }
        p = eol ? eol + 2 : p + len;
    }
    return rc < 0 ? hd_oom(c->ctx) : HURDLE_OK;
}

static int read_error(hd_crawl *c, const hd_warc_record *rec)
{
    char code[32] = "";
    char msg[2048] = "";
    int status = HURDLE_ERR;

    field(rec->block, "code", code, sizeof(code));
    field(rec->block, "message", msg, sizeof(msg));
    for (int k = HURDLE_OK; k >= HURDLE_ENOTFOUND; k--) {
        status = strcmp(hurdle_status_name(k), code) == 0 ? k : status;
    }
    return hd_report_add_error_at(c->r, num(rec->block, "order"),
                                  rec->target_uri ? rec->target_uri : "", status, msg) < 0
               ? hd_oom(c->ctx)
               : HURDLE_OK;
}

static int read_page(hd_crawl *c, hd_warc_reader *rd, const hd_warc_record *rec)
{
    const char *display = hd_warc_record_field(rd, "Hurdle-Display");
    const char *type = hd_warc_record_http_header(rd, "Content-Type");
    const char *order = hd_warc_record_field(rd, "Hurdle-Order");
    const char *start = hd_warc_record_field(rd, "Hurdle-Start");
    const char *cut = hd_warc_record_field(rd, "Hurdle-Cut-At");
    const char *named = hd_warc_record_field(rd, "Hurdle-Named");
    hd_job job;

    if (!rec->target_uri || !rec->http_status) {
        return HURDLE_OK;
    }
    memset(&job, 0, sizeof(job));
    job.display = hd_strdup(c->ctx, display ? display : rec->target_uri);
    job.url = hd_strdup(c->ctx, rec->target_uri);
    job.content_type = type ? hd_strdup(c->ctx, type) : NULL;
    job.body = hd_strndup(c->ctx, rec->http_body ? rec->http_body : "", rec->http_body_len);
    job.len = rec->http_body_len;
    job.status = rec->http_status;
    job.order = order ? (size_t)strtoull(order, NULL, 10) : 0;
    job.start = start && strcmp(start, "1") == 0;
    job.named = named && strcmp(named, "1") == 0;
    job.cut_at = cut ? (size_t)strtoull(cut, NULL, 10) : 0;
    job.tag = HD_JOB_LOCAL;
    job.replayed = true;
    if (!job.display || !job.url || !job.body || (type && !job.content_type)) {
        hd_job_dispose(&job, c->ctx);
        return hd_oom(c->ctx);
    }
    return hd_crawl_submit(c, &job);
}

int hd_crawl_replay(hd_crawl *c)
{
    hd_warc_reader *rd = NULL;
    hd_warc_record rec;
    int rc = hd_warc_reader_open(&rd, c->ctx, c->o->from_warc, c->o->max_page_bytes + RECORD_SLACK);

    while (rc == HURDLE_OK && (rc = hd_warc_reader_next(rd, &rec)) == 1) {
        const char *role = hd_warc_record_field(rd, "Hurdle-Role");
        rc = HURDLE_OK;
        if (!role) {
            continue;
        }
        if (strcmp(rec.type, "response") == 0 && strcmp(role, "page") == 0) {
            rc = read_page(c, rd, &rec);
        } else if (strcmp(rec.type, "metadata") == 0 && strcmp(role, "error") == 0) {
            rc = read_error(c, &rec);
        } else if (strcmp(rec.type, "metadata") == 0 && strcmp(role, "crawl") == 0) {
            rc = read_stats(c, rec.block);
        }
    }
    hd_warc_reader_free(rd);
    return rc < 0 ? rc : HURDLE_OK;
}
