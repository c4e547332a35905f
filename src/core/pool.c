/*
 * core/pool.c - analysis threads (POSIX threads). Jobs wait in a list;
 * each thread takes the oldest, reads the file when the job names one,
 * analyses the page with its own ctx (core/analyse.c) and puts the result
 * on the results list, then calls the wake function so the crawl's event
 * loop notices. The rule set is only read. Results come in any order: the
 * report sorts its pages before grouping, so the order does not matter.
 * With no threads every job runs inside hd_pool_submit(), on the caller's
 * thread and ctx (as hurdle_scan_bytes and the allocation-failure tests
 * need).
 */
#include "pool.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/alloc.h"
#include "../util/buf.h"
#include "analyse.h"

#define MAX_THREADS 256

typedef struct node {
    struct node *next;
    hd_job job;
    hd_job_result res;
} node;

struct hd_pool {
    hurdle_ctx *ctx; /* the caller's: allocator, log sink */
    const hurdle_ruleset *rules;
    const hurdle_scan_options *opts;
    void (*wake)(void *);
    void *wake_payload;
    pthread_mutex_t lock;
    pthread_cond_t job_ready;
    pthread_cond_t result_ready;
    node *jobs;
    node **jobs_tail;
    node *results;
    node **results_tail;
    size_t pending; /* submitted, not taken */
    bool stop;
    pthread_t threads[MAX_THREADS];
    size_t nthreads;
};

size_t hd_pool_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n > 0 ? (size_t)n : 1;
}

void hd_job_dispose(hd_job *job, hurdle_ctx *ctx)
{
    hd_free(ctx, job->display);
    hd_free(ctx, job->url);
    hd_free(ctx, job->path);
    hd_free(ctx, job->root);
    hd_free(ctx, job->content_type);
    hd_free(ctx, job->body);
    memset(job, 0, sizeof(*job));
}

void hd_job_result_dispose(hd_job_result *res, hurdle_ctx *ctx)
{
    hd_free(ctx, res->error);
    hd_free(ctx, res->display);
    hd_page_record_dispose(&res->rec, ctx);
    memset(res, 0, sizeof(*res));
}

/*
 * Reads at most `max` bytes of `path` into *out; *cut when the file is longer. The file is
 * opened without blocking and checked after opening, so a pipe or device swapped in for a
 * page cannot hang the scan.
 */
static int
read_file(char **out, size_t *len, bool *cut, hurdle_ctx *ctx, const char *path, size_t max)
{
    hd_buf b = HD_BUF_INIT(ctx, max);
    char chunk[65536];
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    ssize_t n = 0;

    *cut = false;
    if (fd < 0) {
        return hd_fail(ctx, HURDLE_EIO, "%s: cannot read: %s", path, strerror(errno));
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return hd_fail(ctx, HURDLE_EIO, "%s: not a regular file", path);
    }
    while (!*cut && (n = read(fd, chunk, sizeof(chunk))) != 0) {
        size_t room = max - b.len;
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 || hd_buf_err(&b)) {
            break;
        }
        *cut = (size_t)n > room;
        hd_buf_put(&b, chunk, *cut ? room : (size_t)n);
    }
    close(fd);
    if (n < 0) {
        hd_buf_dispose(&b);
        return hd_fail(ctx, HURDLE_EIO, "%s: cannot read: %s", path, strerror(errno));
    }
    if (hd_buf_err(&b) == HURDLE_ENOMEM) {
        hd_buf_dispose(&b);
        return hd_oom(ctx);
    }
    *len = b.len;
    *out = hd_strndup(ctx, b.ptr, b.len);
    hd_buf_dispose(&b);
    return *out ? HURDLE_OK : hd_oom(ctx);
}

static void run_job(hd_pool *p, hurdle_ctx *ctx, node *n)
{
    hd_job *j = &n->job;
    hd_analyse_in in;
    bool cut = false;
    int rc = HURDLE_OK;

    memset(&n->res, 0, sizeof(n->res));
    n->res.order = j->order;
    n->res.tag = j->tag;
    n->res.replayed = j->replayed;
    n->res.display = j->display;
    j->display = NULL;
    if (j->path) {
        rc = read_file(&j->body, &j->len, &cut, ctx, j->path, p->opts->max_page_bytes);
        j->cut_at = cut ? p->opts->max_page_bytes : 0;
    }
    if (rc == HURDLE_OK && j->path && !j->content_type) {
        /* a saved site's file is a page when it looks like one; a file the user named is one
           unless it is binary (hd_page_parse says so) or JSON, such as a previous report */
        hd_sniff k = hd_html_sniff(j->body ? j->body : "", j->len);
        n->res.not_page = !j->explicit_file && k != HD_SNIFF_HTML;
        if (j->explicit_file && k == HD_SNIFF_DATA) {
            rc = hd_fail(ctx, HURDLE_EPARSE, "%s: not a page (JSON, not HTML or text)",
                         n->res.display);
        }
    }
    if (rc == HURDLE_OK && !n->res.not_page) {
        memset(&in, 0, sizeof(in));
        in.display = n->res.display;
        in.url = j->url;
        in.bytes = j->body ? j->body : "";
        in.len = j->len;
        in.content_type = j->content_type;
        in.status = j->status;
        in.cut_at = j->cut_at;
        in.order = j->order;
        in.root = j->root;
        in.start = j->start;
        in.named = j->named;
        rc = hd_analyse(&n->res.rec, ctx, p->rules, p->opts, &in);
    }
    n->res.rc = rc;
    if (rc < 0) {
        n->res.error = hd_strdup(ctx, hurdle_ctx_error(ctx));
    }
    hd_clear_error(ctx);
    hd_job_dispose(j, ctx);
}

static void push_result(hd_pool *p, node *n)
{
    n->next = NULL;
    *p->results_tail = n;
    p->results_tail = &n->next;
}

static void *worker(void *arg)
{
    hd_pool *p = arg;
    hurdle_ctx *ctx = NULL;

    if (hurdle_ctx_new(&ctx, &p->ctx->alloc) == HURDLE_OK) {
        hurdle_ctx_set_log(ctx, p->ctx->log_fn, p->ctx->log_level, p->ctx->log_payload);
    }
    pthread_mutex_lock(&p->lock);
    for (;;) {
        node *n;
        while (!p->stop && !p->jobs) {
            pthread_cond_wait(&p->job_ready, &p->lock);
        }
        if (p->stop) {
            break;
        }
        n = p->jobs;
        p->jobs = n->next;
        if (!p->jobs) {
            p->jobs_tail = &p->jobs;
        }
        pthread_mutex_unlock(&p->lock);
        if (ctx) {
            run_job(p, ctx, n);
        } else {
            n->res.rc = HURDLE_ENOMEM;
            hd_job_dispose(&n->job, p->ctx);
        }
        pthread_mutex_lock(&p->lock);
        push_result(p, n);
        pthread_cond_broadcast(&p->result_ready);
        if (p->wake) {
            p->wake(p->wake_payload);
        }
    }
    pthread_mutex_unlock(&p->lock);
    hurdle_ctx_free(ctx);
    return NULL;
}

int hd_pool_new(hd_pool **out,
                hurdle_ctx *ctx,
                const hurdle_ruleset *rules,
                const hurdle_scan_options *opts,
                size_t threads,
                void (*wake)(void *),
                void *wake_payload)
{
    hd_pool *p = hd_calloc(ctx, 1, sizeof(*p));

    *out = NULL;
    if (!p) {
        return hd_oom(ctx);
    }
    p->ctx = ctx;
    p->rules = rules;
    p->opts = opts;
    p->wake = wake;
    p->wake_payload = wake_payload;
    p->jobs_tail = &p->jobs;
    p->results_tail = &p->results;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->job_ready, NULL);
    pthread_cond_init(&p->result_ready, NULL);
    threads = threads > MAX_THREADS ? MAX_THREADS : threads;
    for (; p->nthreads < threads; p->nthreads++) {
        if (pthread_create(&p->threads[p->nthreads], NULL, worker, p) != 0) {
            break;
        }
    }
    if (threads && !p->nthreads) {
        hd_pool_free(p);
        return hd_fail(ctx, HURDLE_ERR, "cannot start an analysis thread");
    }
    *out = p;
    return HURDLE_OK;
}

static void free_list(hd_pool *p, node *n)
{
    while (n) {
        node *next = n->next;
        hd_job_dispose(&n->job, p->ctx);
        hd_job_result_dispose(&n->res, p->ctx);
        hd_free(p->ctx, n);
        n = next;
    }
}

void hd_pool_free(hd_pool *p)
{
    if (!p) {
        return;
    }
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_broadcast(&p->job_ready);
    pthread_mutex_unlock(&p->lock);
    for (size_t i = 0; i < p->nthreads; i++) {
        pthread_join(p->threads[i], NULL);
    }
    free_list(p, p->jobs);
    free_list(p, p->results);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->job_ready);
    pthread_cond_destroy(&p->result_ready);
    hd_free(p->ctx, p);
}

int hd_pool_submit(hd_pool *p, hd_job *job)
{
    node *n = hd_calloc(p->ctx, 1, sizeof(*n));

    if (!n) {
        hd_job_dispose(job, p->ctx);
        return hd_oom(p->ctx);
    }
    n->job = *job;
    memset(job, 0, sizeof(*job));
    if (!p->nthreads) {
        run_job(p, p->ctx, n);
        if (n->res.rc == HURDLE_ENOMEM) {
            hd_job_result_dispose(&n->res, p->ctx);
            hd_free(p->ctx, n);
            return hd_oom(p->ctx);
        }
        push_result(p, n);
        p->pending++;
        return HURDLE_OK;
    }
    pthread_mutex_lock(&p->lock);
    n->next = NULL;
    *p->jobs_tail = n;
    p->jobs_tail = &n->next;
    p->pending++;
    pthread_cond_signal(&p->job_ready);
    pthread_mutex_unlock(&p->lock);
    return HURDLE_OK;
}

int hd_pool_take(hd_pool *p, hd_job_result *out)
{
    node *n;

    pthread_mutex_lock(&p->lock);
    n = p->results;
    if (n) {
        p->results = n->next;
        if (!p->results) {
            p->results_tail = &p->results;
        }
        p->pending--;
    }
    pthread_mutex_unlock(&p->lock);
    if (!n) {
        return 0;
    }
    *out = n->res;
    hd_free(p->ctx, n);
    return 1;
}

void hd_pool_wait(hd_pool *p)
{
    pthread_mutex_lock(&p->lock);
    while (!p->results && p->pending > 0 && p->nthreads) {
        pthread_cond_wait(&p->result_ready, &p->lock);
    }
    pthread_mutex_unlock(&p->lock);
}

size_t hd_pool_pending(hd_pool *p)
{
    size_t n;

    pthread_mutex_lock(&p->lock);
    n = p->pending;
    pthread_mutex_unlock(&p->lock);
    return n;
}
