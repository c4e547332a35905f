/*
 * Unit tests of html/sitemap. One document each (its kind, skipped count and locations, or
 * its message): urlsets and indexes, namespaces with any prefix or none, extension
 * namespaces, CDATA and entities, whitespace, schemes, text sitemaps, what is not a sitemap.
 * Then truncated XML, the URL cap, the callback's stop, entity bombs, external entities,
 * 50,000 URLs, a 2 MB loc, UTF-16, silence on stderr and parallel parses.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/inotify.h>
#endif

#include "html/sitemap.h"
#include "support.h"
#include "util/alloc.h"

#define SM_NS "http://www.sitemaps.org/schemas/sitemap/0.9"
#define NAME  "https://shop.example/sitemap.xml"

/* What one parse delivered: the locations, each followed by '\n' (as long as they fit). */
typedef struct seen {
    char all[1 << 16];
    size_t len;
    size_t n;
    size_t stop_after; /* return 1 after this many; 0: never */
    int fail_with;     /* return this (negative) on the first loc; 0: never */
} seen;

static hurdle_ctx *ctx;
static seen got;
static hd_sitemap_stats stats;

static void reset_seen(void)
{
    memset(&got, 0, sizeof(got));
}

static int setup(void **state)
{
    (void)state;
    ctx = ts_ctx();
    reset_seen();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hurdle_ctx_free(ctx);
    return 0;
}

static int collect(const char *loc, void *payload)
{
    seen *s = payload;
    size_t n = strlen(loc);

    if (s->fail_with) {
        return s->fail_with;
    }
    if (s->len + n + 2 <= sizeof(s->all)) {
        memcpy(s->all + s->len, loc, n);
        s->len += n;
        s->all[s->len++] = '\n';
    }
    s->n++;
    return s->stop_after && s->n >= s->stop_after ? 1 : 0;
}

static int parse_n(const char *doc, size_t len, size_t max_urls)
{
    return hd_sitemap_parse(&stats, ctx, NAME, doc, len, max_urls, collect, &got);
}

static int parse(const char *doc)
{
    return parse_n(doc, strlen(doc), 0);
}

/* A urlset of `n` entries https://shop.example/p/<i>, four lines each (entry i's loc is on
 * line 4 * i + 4). */
static char *urlset_of(size_t n, size_t *len)
{
    char *p = NULL;
    FILE *f = open_memstream(&p, len);

    assert_non_null(f);
    (void)fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"" SM_NS "\">\n", f);
    for (size_t i = 0; i < n; i++) {
        (void)fprintf(f, "<url>\n  <loc>https://shop.example/p/%zu</loc>\n", i);
        (void)fputs("  <lastmod>2024-01-01</lastmod>\n</url>\n", f);
    }
    (void)fputs("</urlset>\n", f);
    assert_int_equal(fclose(f), 0);
    /* a copy: gcc -O2 takes the stream's buffer for a pointer to the local `p`
       (-Wdangling-pointer false positive) */
    {
        char *copy = malloc(*len + 1);
        assert_non_null(copy);
        memcpy(copy, p, *len + 1);
        free(p);
        return copy;
    }
}

/* One document that parses OK: its kind, skipped count and locations (each then '\n'). */
static void check(const char *doc, hd_sitemap_kind kind, size_t skipped, const char *locs)
{
    reset_seen();
    assert_int_equal(parse(doc), HURDLE_OK);
    assert_int_equal(stats.kind, kind);
    assert_int_equal(stats.skipped, skipped);
    assert_string_equal(got.all, locs);
    assert_int_equal(stats.urls, got.n);
    assert_false(stats.truncated);
}

/* One document that is EPARSE, with `msg` in the message and no location delivered. */
static void check_fail(const char *doc, const char *msg)
{
    hd_clear_error(ctx);
    assert_int_equal(parse(doc), HURDLE_EPARSE);
    assert_non_null(strstr(hurdle_ctx_error(ctx), msg));
    assert_int_equal(got.n, 0);
}

static void sitemap_urlset_lists_locs(void **state)
{
    (void)state;
    check("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"" SM_NS "\">\n"
          "  <url>\n    <loc>https://shop.example/</loc>\n    <lastmod>2005-01-01</lastmod>\n"
          "    <changefreq>monthly</changefreq>\n    <priority>0.8</priority>\n  </url>\n"
          "  <url><loc>http://shop.example/rebates?id=12</loc></url>\n"
          "  <url><lastmod>2005-01-01</lastmod></url>\n</urlset>\n",
          HD_SITEMAP_URLSET, 0, "https://shop.example/\nhttp://shop.example/rebates?id=12\n");
    assert_string_equal(hd_sitemap_kind_name(stats.kind), "urlset");
}

/* an <url> in an index is not an entry */
static void sitemap_index_lists_sitemaps(void **state)
{
    (void)state;
    check("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"" SM_NS "\">\n"
          "  <sitemap><loc>https://shop.example/sitemap1.xml.gz</loc>"
          "<lastmod>2004-10-01T18:23:17+00:00</lastmod></sitemap>\n"
          "  <sitemap><loc>https://shop.example/sitemap2.xml.gz</loc></sitemap>\n"
          "  <url><loc>https://shop.example/not-an-entry</loc></url>\n</sitemapindex>",
          HD_SITEMAP_INDEX, 0,
          "https://shop.example/sitemap1.xml.gz\nhttps://shop.example/sitemap2.xml.gz\n");
    assert_string_equal(hd_sitemap_kind_name(stats.kind), "sitemapindex");
}

/* Any prefix, none, or an older sitemap namespace. An unprefixed <loc> under a prefixed <url>
 * has no namespace: still the vocabulary. */
static void sitemap_namespaces_any_prefix_or_none(void **state)
{
    (void)state;
    check("<sm:urlset xmlns:sm=\"" SM_NS "\">"
          "<sm:url><sm:loc>https://shop.example/a</sm:loc></sm:url>"
          "<sm:url><loc>https://shop.example/b</loc></sm:url></sm:urlset>",
          HD_SITEMAP_URLSET, 0, "https://shop.example/a\nhttps://shop.example/b\n");
    check("<urlset><url><loc>https://shop.example/c</loc></url></urlset>", HD_SITEMAP_URLSET, 0,
          "https://shop.example/c\n");
    check("<urlset xmlns=\"http://www.google.com/schemas/sitemap/0.84\">"
          "<url><loc>https://shop.example/d</loc></url></urlset>",
          HD_SITEMAP_URLSET, 0, "https://shop.example/d\n");
}

static void sitemap_extension_namespaces_ignored(void **state)
{
    (void)state;
    check("<urlset xmlns=\"" SM_NS "\"\n"
          " xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\"\n"
          " xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"\n"
          " xmlns:video=\"http://www.google.com/schemas/sitemap-video/1.1\"\n"
          " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
          "<url><loc>https://shop.example/p</loc>\n"
          " <image:image><image:loc>https://cdn.example/p.jpg</image:loc></image:image>\n"
          " <xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://shop.example/de/p\"/>\n"
          " <news:news><news:publication><news:name>N</news:name></news:publication>"
          "<news:title>T</news:title></news:news>\n"
          " <video:video><video:content_loc>https://cdn.example/v.mp4</video:content_loc>"
          "</video:video>\n</url>\n"
          "<url><image:loc>https://cdn.example/q.jpg</image:loc>"
          "<loc>https://shop.example/q</loc></url>\n</urlset>",
          HD_SITEMAP_URLSET, 0, "https://shop.example/p\nhttps://shop.example/q\n");
}

static void sitemap_cdata_and_entities_in_loc(void **state)
{
    (void)state;
    check("<urlset><url><loc><![CDATA[https://shop.example/?a=1&b=2]]></loc></url>"
          "<url><loc>https://shop.example/?a=1&amp;b=&apos;2&apos;&#x26;c=&#51;</loc></url>"
          "<url><loc>https://shop.example/caf&#xE9;/&lt;x&gt;&quot;</loc></url>"
          "<url><loc> <![CDATA[https://shop.example/]]>mixed </loc></url></urlset>",
          HD_SITEMAP_URLSET, 0,
          "https://shop.example/?a=1&b=2\nhttps://shop.example/?a=1&b='2'&c=3\n"
          "https://shop.example/caf\xC3\xA9/<x>\"\nhttps://shop.example/mixed\n");
    /* a reference to a DTD-declared entity is never expanded: its loc is skipped */
    check("<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [<!ENTITY host \"https://evil.example\">]>\n"
          "<urlset><url><loc>&host;/a</loc></url>"
          "<url><loc>https://shop.example/b</loc></url></urlset>",
          HD_SITEMAP_URLSET, 1, "https://shop.example/b\n");
}

/* Blank lines before the declaration (a common generator bug) are tolerated. Skipped: blank,
 * empty, and a newline inside. */
static void sitemap_whitespace_is_trimmed(void **state)
{
    (void)state;
    check("\xEF\xBB\xBF\n\n  <?xml version=\"1.0\"?>\n<urlset>\n"
          "<url><loc>\n\t  https://shop.example/a \r\n\t</loc></url>\n<url><loc>   </loc></url>\n"
          "<url><loc/></url>\n<url><loc>https://shop.example/a b</loc></url>\n"
          "<url><loc>https://shop.example/a\nb</loc></url>\n</urlset>",
          HD_SITEMAP_URLSET, 3, "https://shop.example/a\nhttps://shop.example/a b\n");
}

static void sitemap_only_http_and_https_pass(void **state)
{
    (void)state;
    check("<urlset><url><loc>ftp://shop.example/a</loc></url>"
          "<url><loc>javascript:alert(1)</loc></url><url><loc>/relative/path</loc></url>"
          "<url><loc>mailto:a@shop.example</loc></url><url><loc>file:///etc/passwd</loc></url>"
          "<url><loc>https://</loc></url><url><loc>http:///x</loc></url>"
          "<url><loc>HTTPS://SHOP.EXAMPLE/UPPER</loc></url>"
          "<url><loc>https://shop.example/&#x7F;</loc></url></urlset>",
          HD_SITEMAP_URLSET, 8, "HTTPS://SHOP.EXAMPLE/UPPER\n");
}

static void sitemap_text_lists_urls(void **state)
{
    (void)state;
    check("\xEF\xBB\xBFhttps://shop.example/a\r\n\r\n   http://shop.example/b   \nnot a url\n"
          "ftp://shop.example/c\nhttps://shop.example/\xC3\xA9t\xC3\xA9\n"
          "https://shop.example/\xFF\xFE\nhttps://shop.example/last",
          HD_SITEMAP_TEXT, 3,
          "https://shop.example/a\nhttp://shop.example/b\nhttps://shop.example/\xC3\xA9t\xC3\xA9\n"
          "https://shop.example/last\n");
    assert_string_equal(hd_sitemap_kind_name(stats.kind), "text");
}

/* robots.txt, JSON, gzip (not decompressed), blanks */
static void sitemap_text_not_urls_is_eparse(void **state)
{
    (void)state;
    check_fail("User-agent: *\nDisallow: /\nSitemap: https://shop.example/s.xml\n",
               NAME ": not a sitemap (neither XML nor a list of URLs)");
    check_fail("{\"urls\": [\"https://shop.example/\"]}", NAME ": not a sitemap");
    check_fail("\x1F\x8B\x08\x08", NAME ": not a sitemap");
    check_fail(" \r\n\t\n", NAME ": empty sitemap");
}

/* HTML, as XML or not (libxml2's own words follow the line), and another XML format */
static void sitemap_html_is_eparse(void **state)
{
    (void)state;
    check_fail("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Shop</title></head>"
               "<body><a href=\"https://shop.example/a\">a</a></body></html>",
               NAME ": not a sitemap (root element <html>)");
    check_fail("<!doctype html>\n<html><head><meta charset=utf-8><title>404</title>"
               "<body><p>Not found<br></body></html>",
               NAME ":1: malformed XML (");
    check_fail("<rss version=\"2.0\"><channel><link>https://shop.example/</link></channel></rss>",
               NAME ": not a sitemap (root element <rss>)");
}

/* Documented outcome of truncated XML, cut at every byte: the locs of all entries closed
 * before the cut are delivered (a loc closed in an entry left open may be lost), then EPARSE
 * naming the sitemap and the line. */
static void sitemap_truncated_at_any_byte(void **state)
{
    size_t len = 0;
    char *doc = urlset_of(12, &len);

    (void)state;
    for (size_t cut = 0, urls = 0, locs = 0; cut <= len; cut++) {
        int rc = parse_n(doc, cut, 0);
        urls += cut >= 6 && memcmp(doc + cut - 6, "</url>", 6) == 0;
        locs += cut >= 6 && memcmp(doc + cut - 6, "</loc>", 6) == 0;
        assert_true(stats.urls >= urls && stats.urls <= locs);
        assert_int_equal(rc, cut >= len - 1 ? HURDLE_OK : HURDLE_EPARSE);
        reset_seen();
        hd_clear_error(ctx);
    }
    /* entry 5's loc is on line 24 */
    assert_int_equal(parse_n(doc, (size_t)(strstr(doc, "p/5<") + 3 - doc), 0), HURDLE_EPARSE);
    assert_int_equal(stats.urls, 5);
    assert_non_null(strstr(hurdle_ctx_error(ctx), NAME ":24: malformed XML ("));
    free(doc);
}

static void sitemap_max_urls_cut_sets_truncated(void **state)
{
    size_t len = 0;
    char *doc = urlset_of(10, &len);

    (void)state;
    assert_int_equal(parse_n(doc, len, 3), HURDLE_OK);
    assert_true(got.n == 3 && stats.urls == 3 && stats.truncated);
    reset_seen();
    assert_int_equal(parse_n(doc, len, 10), HURDLE_OK); /* exactly max_urls: nothing left out */
    assert_true(got.n == 10 && !stats.truncated);
    free(doc);
}

static void sitemap_callback_can_stop_or_fail(void **state)
{
    size_t len = 0;
    char *doc = urlset_of(10, &len);

    (void)state;
    got.stop_after = 2;
    assert_int_equal(parse_n(doc, len, 0), HURDLE_OK);
    assert_true(got.n == 2 && stats.urls == 2 && !stats.truncated);
    got.fail_with = HURDLE_ELIMIT;
    assert_int_equal(parse_n(doc, len, 0), HURDLE_ELIMIT);
    assert_int_equal(stats.urls, 1);
    assert_string_equal(hurdle_ctx_error(ctx), NAME ": the sitemap's callback failed (ELIMIT)");
    free(doc);
}

/* The classic DTD, where lol9 expands to 10^9 "lol"s (3 GB), then `body`. */
static char *bomb(const char *body)
{
    char *p = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&p, &len);

    assert_non_null(f);
    (void)fputs("<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [\n <!ENTITY lol0 \"lol\">\n", f);
    for (int i = 1; i <= 9; i++) {
        (void)fprintf(f, " <!ENTITY lol%d \"", i);
        for (int k = 0; k < 10; k++) {
            (void)fprintf(f, "&lol%d;", i - 1);
        }
        (void)fputs("\">\n", f);
    }
    (void)fprintf(f, "]>\n%s", body);
    assert_int_equal(fclose(f), 0);
    return p;
}

/* Billion laughs referenced from a <loc>, from an attribute, and many times over: it ends
 * within a second or so, with bounded memory, and no expansion reaches the callback. */
static void sitemap_billion_laughs_ends_fast(void **state)
{
    static const char *const bodies[] = {
        "<urlset><url><loc>https://shop.example/&lol9;</loc></url>"
        "<url><loc>https://shop.example/ok</loc></url></urlset>",
        "<urlset a=\"&lol9;\"><url><loc>https://shop.example/ok</loc></url></urlset>",
        "<urlset><url><loc>&lol9;&lol9;&lol9;&lol9;&lol9;&lol9;&lol9;&lol9;</loc></url>"
        "<url><loc>&lol9;</loc></url><url><loc>&lol9;</loc></url></urlset>",
    };
    struct rusage before;
    struct rusage after;
    clock_t t0 = clock();

    (void)state;
    assert_int_equal(getrusage(RUSAGE_SELF, &before), 0);
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        char *doc = bomb(bodies[i]);
        int rc = parse(doc);
        /* libxml2 refuses the amplification (EPARSE); were the references only kept
         * unexpanded, the locs holding them would be skipped */
        assert_true(rc == HURDLE_OK ||
                    (rc == HURDLE_EPARSE && strstr(hurdle_ctx_error(ctx), NAME)));
        hd_clear_error(ctx);
        assert_null(strstr(got.all, "lol"));
        free(doc);
    }
    assert_true(clock() - t0 < 10 * CLOCKS_PER_SEC);
    assert_int_equal(getrusage(RUSAGE_SELF, &after), 0);
    assert_true(after.ru_maxrss - before.ru_maxrss < 256L * 1024); /* KB */
}

/* XXE: an external entity in content (its loc is skipped) or in an attribute (a fatal error),
 * an external parameter entity, and an external DTD are never read: the target holds a marker
 * that never shows up, and on Linux inotify sees no open. */
static void sitemap_external_entities_are_never_read(void **state)
{
    /* each document is head, the file's path, tail */
    static const char *const docs[][2] = {
        { "<!DOCTYPE urlset [<!ENTITY x SYSTEM \"file://",
          "\">]>\n<urlset><url><loc>&x;</loc></url><url><loc>https://shop.example/a</loc></url>"
          "</urlset>" },
        { "<!DOCTYPE urlset [<!ENTITY % p SYSTEM \"file://",
          "\"> %p;]>\n<urlset><url><loc>https://shop.example/b</loc></url></urlset>" },
        { "<!DOCTYPE urlset SYSTEM \"file://",
          "\">\n<urlset><url><loc>https://shop.example/c</loc></url></urlset>" },
        { "<!DOCTYPE urlset [<!ENTITY x SYSTEM \"",
          "\">]>\n<urlset a=\"&x;\"><url><loc>https://shop.example/d</loc></url></urlset>" },
    };
    static const char marker[] = "https://secret.example/marker\n";
    char path[] = "/tmp/hurdle-xxe-XXXXXX";
    int fd = mkstemp(path);
    char doc[1024];
    int watch = -1;

    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, marker, sizeof(marker) - 1), (ssize_t)(sizeof(marker) - 1));
    close(fd);
#if defined(__linux__)
    watch = inotify_init1(IN_NONBLOCK);
    assert_true(watch >= 0 && inotify_add_watch(watch, path, IN_OPEN | IN_ACCESS) >= 0);
#endif
    for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
        int n = snprintf(doc, sizeof(doc), "%s%s%s", docs[i][0], path, docs[i][1]);
        assert_int_equal(parse_n(doc, (size_t)n, 0), i < 3 ? HURDLE_OK : HURDLE_EPARSE);
        hd_clear_error(ctx);
    }
    assert_string_equal(got.all,
                        "https://shop.example/a\nhttps://shop.example/b\nhttps://shop.example/c\n");
    if (watch >= 0) { /* no event: nothing opened the file */
        assert_true(read(watch, doc, sizeof(doc)) < 0 && errno == EAGAIN);
        close(watch);
    }
    unlink(path);
}

static void sitemap_50000_urls_fast(void **state)
{
    size_t len = 0;
    char *doc = urlset_of(HD_SITEMAP_MAX_URLS + 1, &len);
    clock_t t0 = clock();

    (void)state;
    assert_int_equal(parse_n(doc, len, 0), HURDLE_OK);
    assert_int_equal(got.n, HD_SITEMAP_MAX_URLS);
    assert_int_equal(stats.urls, HD_SITEMAP_MAX_URLS);
    assert_true(stats.truncated);
    assert_true(clock() - t0 < 20 * CLOCKS_PER_SEC); /* 0.1 s plain, seconds under ASan */
    free(doc);
}

/* A 2 MB loc; exactly the limit with whitespace around; one byte over; the limit, whitespace
 * and one more byte. */
static void sitemap_long_locs_are_skipped(void **state)
{
    char *p = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&p, &len);
    const int room = HD_SITEMAP_MAX_LOC - (int)strlen("https://shop.example/");

    (void)state;
    assert_non_null(f);
    (void)fprintf(f, "<urlset><url><loc>https://shop.example/%0*d</loc></url>", 2 << 20, 0);
    (void)fprintf(f, "<url><loc>https://shop.example/%0*d\n  </loc></url>", room, 0);
    (void)fprintf(f, "<url><loc>https://shop.example/%0*d</loc></url>", room + 1, 0);
    (void)fprintf(f, "<url><loc>https://shop.example/%0*d  \n x</loc></url>", room, 0);
    (void)fputs("<url><loc>https://shop.example/end</loc></url></urlset>", f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(parse_n(p, len, 0), HURDLE_OK);
    assert_int_equal(got.n, 2);
    assert_int_equal(strchr(got.all, '\n') - got.all, HD_SITEMAP_MAX_LOC);
    assert_non_null(strstr(got.all, "000\nhttps://shop.example/end\n"));
    assert_int_equal(stats.skipped, 3);
    free(p);
}

static void sitemap_utf16_is_decoded(void **state)
{
    static const char ascii[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><urlset><url><loc>"
                                "https://shop.example/u16</loc></url></urlset>";
    char doc[sizeof(ascii) * 2 + 2] = { '\xFF', '\xFE' };

    (void)state;
    for (size_t i = 0; i + 1 < sizeof(ascii); i++) {
        doc[2 + 2 * i] = ascii[i];
        doc[3 + 2 * i] = '\0';
    }
    assert_int_equal(parse_n(doc, 2 + 2 * (sizeof(ascii) - 1), 0), HURDLE_OK);
    assert_string_equal(got.all, "https://shop.example/u16\n");
}

/* libxml2's reports never reach stderr: stderr goes to a file during bad parses. */
static void sitemap_errors_stay_off_stderr(void **state)
{
    static const char *const bad[] = {
        "<urlset><url><loc>https://shop.example/a</loc></url>",
        "<?xml version=\"1.0\" encoding=\"nope-42\"?><urlset/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset><url><loc>\xFF\xFE</loc></url></urlset>",
        "<urlset><url><loc>&undefined;</loc></url></urlset>",
        "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://evil.example/x.dtd\"> %p;]><urlset/>",
    };
    FILE *tmp = tmpfile();
    int fd = tmp ? fileno(tmp) : -1;
    int saved = dup(2);
    off_t size;

    (void)state;
    assert_true(fd >= 0 && saved >= 0);
    (void)fflush(stderr);
    assert_true(dup2(fd, 2) >= 0);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        (void)parse(bad[i]);
        hd_clear_error(ctx);
    }
    (void)fflush(stderr);
    assert_true(dup2(saved, 2) >= 0);
    close(saved);
    size = lseek(fd, 0, SEEK_END);
    (void)fclose(tmp);
    assert_int_equal(size, 0);
}

typedef struct job {
    size_t n; /* entries; an odd count parses a copy cut in half */
    int rc;
    hd_sitemap_stats st;
    seen s;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    hurdle_ctx *c = NULL;
    size_t len = 0;
    char *doc = urlset_of(j->n, &len);

    j->rc = hurdle_ctx_new(&c, NULL);
    if (j->rc == HURDLE_OK) {
        j->rc = hd_sitemap_parse(&j->st, c, "t", doc, j->n % 2 ? len / 2 : len, 0, collect, &j->s);
    }
    hurdle_ctx_free(c);
    free(doc);
    return NULL;
}

/* Six threads at once, half of them on broken copies: errors stay in their own thread. */
static void sitemap_threads_parse_at_once(void **state)
{
    pthread_t t[6];
    static job jobs[6];

    (void)state;
    for (size_t i = 0; i < 6; i++) {
        jobs[i].n = 2000 + i;
        assert_int_equal(pthread_create(&t[i], NULL, run_job, &jobs[i]), 0);
    }
    for (size_t i = 0; i < 6; i++) {
        bool cut = jobs[i].n % 2;
        assert_int_equal(pthread_join(t[i], NULL), 0);
        assert_int_equal(jobs[i].rc, cut ? HURDLE_EPARSE : HURDLE_OK);
        assert_int_equal(jobs[i].s.n, jobs[i].st.urls);
        assert_true(cut ? jobs[i].s.n > 0 && jobs[i].s.n < jobs[i].n : jobs[i].s.n == jobs[i].n);
    }
}

static void sitemap_bad_arguments_are_einval(void **state)
{
    (void)state;
    assert_int_equal(hd_sitemap_parse(&stats, ctx, NAME, NULL, 4, 0, collect, &got), HURDLE_EINVAL);
    assert_int_equal(hd_sitemap_parse(&stats, ctx, NAME, "x", 1, 0, NULL, NULL), HURDLE_EINVAL);
    assert_int_equal(hd_sitemap_parse(NULL, ctx, NAME, "x", 1, 0, collect, &got), HURDLE_EINVAL);
    assert_int_equal(hd_sitemap_parse(&stats, NULL, NAME, "x", 1, 0, collect, &got), HURDLE_EINVAL);
    hd_clear_error(ctx);
    assert_int_equal(parse_n(NULL, 0, 0), HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx), NAME ": empty sitemap");
    hd_clear_error(ctx);
    /* without a name, messages say "sitemap" */
    assert_int_equal(hd_sitemap_parse(&stats, ctx, NULL, "hello", 5, 0, collect, &got),
                     HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx),
                        "sitemap: not a sitemap (neither XML nor a list of URLs)");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(sitemap_urlset_lists_locs),
        T(sitemap_index_lists_sitemaps),
        T(sitemap_namespaces_any_prefix_or_none),
        T(sitemap_extension_namespaces_ignored),
        T(sitemap_cdata_and_entities_in_loc),
        T(sitemap_whitespace_is_trimmed),
        T(sitemap_only_http_and_https_pass),
        T(sitemap_text_lists_urls),
        T(sitemap_text_not_urls_is_eparse),
        T(sitemap_html_is_eparse),
        T(sitemap_truncated_at_any_byte),
        T(sitemap_max_urls_cut_sets_truncated),
        T(sitemap_callback_can_stop_or_fail),
        T(sitemap_billion_laughs_ends_fast),
        T(sitemap_external_entities_are_never_read),
        T(sitemap_50000_urls_fast),
        T(sitemap_long_locs_are_skipped),
        T(sitemap_utf16_is_decoded),
        T(sitemap_errors_stay_off_stderr),
        T(sitemap_threads_parse_at_once),
        T(sitemap_bad_arguments_are_einval),
    };

    if (hurdle_global_init() != HURDLE_OK) {
        return 1;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
