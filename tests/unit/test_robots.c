/*
 * Unit tests of net/robots: RFC 9309's rules and examples, crawl-delay and sitemaps, and
 * hostile input. Most cases list paths as one string, separated by spaces:
 * check("robots.txt", agent, "/allowed /paths", "/disallowed /paths").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/robots.h"
#include "support.h"
#include "util/alloc.h"

static hurdle_ctx *ctx; /* one for the whole run (main) */

static hd_robots *parse_n(const char *txt, size_t len, const char *agent, size_t max_bytes)
{
    hd_robots *r = NULL;

    assert_int_equal(hd_robots_parse(&r, ctx, txt, len, agent, max_bytes), HURDLE_OK);
    assert_non_null(r);
    return r;
}

static hd_robots *parse(const char *txt, const char *agent)
{
    return parse_n(txt, strlen(txt), agent, 0);
}

/* Checks one path, naming it when the verdict is not the expected one. */
static void expect(const hd_robots *r, const char *path, bool allowed)
{
    hd_robots_verdict v;

    if (hd_robots_check(r, path, &v) != allowed || v.allowed != allowed) {
        fail_msg("%.200s: want allowed=%d, got line %zu \"%s\"", path ? path : "(null)", allowed,
                 v.line, v.rule);
    }
}

/* Each space-separated path of `paths` is expected allowed or not. */
static void expect_each(const hd_robots *r, const char *paths, bool allowed)
{
    char path[256];

    while (paths && *paths) {
        size_t n = strcspn(paths, " ");

        assert_true(n < sizeof(path));
        memcpy(path, paths, n);
        path[n] = '\0';
        expect(r, path, allowed);
        paths += n + (paths[n] == ' ');
    }
}

/* The whole verdict on one path. */
static void
expect_rule(const hd_robots *r, const char *path, bool allowed, size_t line, const char *rule)
{
    hd_robots_verdict v;

    assert_true(hd_robots_check(r, path, &v) == allowed && v.allowed == allowed);
    assert_int_equal(v.line, line);
    assert_string_equal(v.rule, rule);
}

/* One robots.txt and agent: the paths in `yes` must be allowed, those in `no` disallowed. */
static void check(const char *txt, const char *agent, const char *yes, const char *no)
{
    hd_robots *r = parse(txt, agent);

    expect_each(r, yes, true);
    expect_each(r, no, false);
    hd_robots_free(r);
}

/* check() of "User-agent: *\n" + rules, for any agent. */
static void star(const char *rules, const char *yes, const char *no)
{
    char txt[512];

    assert_true((size_t)snprintf(txt, sizeof(txt), "User-agent: *\n%s", rules) < sizeof(txt));
    check(txt, "x", yes, no);
}

static double delay_of(const char *txt, const char *agent)
{
    hd_robots *r = parse(txt, agent);
    double delay = hd_robots_crawl_delay(r);

    hd_robots_free(r);
    return delay;
}

/* RFC 9309 section 5.1, for each of its agents, and 5.2. */
static void robots_rfc_examples(void **state)
{
    static const char txt[] = "User-Agent: *\nDisallow: *.gif$\nDisallow: /example/\n"
                              "Allow: /publications/\n\n"
                              "User-Agent: foobot\nDisallow:/\nAllow:/example/page.html\n"
                              "Allow:/example/allowed.gif\n\n"
                              "User-Agent: barbot\nUser-Agent: bazbot\n"
                              "Disallow: /example/page.html\n\n"
                              "User-Agent: quxbot\n\nEOF\n";

    (void)state;
    check(txt, "otherbot", "/ /publications/ /publications/a.gif /gif",
          "/a.gif /x/y.gif /example/ /example/page.html");
    check(txt, "foobot", "/example/page.html /example/allowed.gif",
          "/ /example/ /publications/ /example/other.gif");
    check(txt, "barbot", "/ /a.gif /example/ /example/other.html",
          "/example/page.html /example/page.html?x=1");
    check(txt, "quxbot", "/ /a.gif /example/ /example/page.html", NULL);
    /* RFC 9309 section 5.2 */
    check("User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n",
          "foobot", "/example/page/ /example/page/allowed.gif /other",
          "/example/page/disallowed.gif /example/page/disallowed.gif?x");
}

/* RFC 9309 2.2.1: the groups naming the crawler are merged, and then the '*' groups' rules,
   before or after them, do not apply, even in a group that names both. */
static void robots_groups_merged_and_star_fallback(void **state)
{
    static const char fallback[] = "user-agent: *\ndisallow: /foo\ndisallow: /bar\n\n"
                                   "user-agent: BazBot\ndisallow: /baz\n\n"
                                   "user-agent: *\ndisallow: /qux\n";
    static const char txt[] = "User-agent: *\nDisallow: /a\n\n"
                              "User-agent: *\nUser-agent: hurdle\nDisallow: /b\n\n"
                              "User-agent: *\nDisallow: /c\n";

    (void)state;
    check("user-agent: ExampleBot\ndisallow: /foo\ndisallow: /bar\n\n"
          "user-agent: *\ndisallow: /star\n\nuser-agent: ExampleBot\ndisallow: /baz\n",
          "ExampleBot", "/ /star /qux", "/foo /bar /baz /baz/x");
    check(txt, "hurdle", "/a /c", "/b");
    check(txt, "other", NULL, "/a /b /c");
    /* without a group of its own the crawler obeys the '*' groups, merged; with neither, or
       no groups at all, everything is allowed (and 2.1: a group may have no rules) */
    check(fallback, "ExampleBot", "/ /baz", "/foo /bar /qux");
    check(fallback, "BazBot", "/ /foo /bar /qux", "/baz");
    check("user-agent: BazBot\ndisallow: /\n", "ExampleBot", "/ /foo", NULL);
    check("# nothing but a comment\n", "ExampleBot", "/ /foo", NULL);
    check("", "ExampleBot", "/ /foo", NULL);
    /* a group of its own without rules (or only "disallow:") allows all: '*' does not apply */
    check("User-agent: *\nDisallow: /\n\nUser-agent: hurdle\n", "hurdle", "/ /private", NULL);
}

/* A user-agent line counts by its product token, case-insensitively (so does the agent), or
   is '*'. */
static void robots_user_agent_product_tokens(void **state)
{
    static const char txt[] = "User-agent: hurdle/0.1 (+https://example.com/bot)\n"
                              "Disallow: /mine\n\n"
                              "User-agent: hurdlebot\nDisallow: /bot\n\n"
                              "User-agent: *\nDisallow: /star\n";

    (void)state;
    check(txt, "hurdle", "/bot /star", "/mine /mine/x");
    check(txt, "Hurdle/0.1 (compatible)", "/bot /star", "/mine");
    check(txt, "hurdlebot", "/mine /star", "/bot");
    check("USER-AGENT: HURDLE\nDISALLOW: /upper\n", "hurdle", "/", "/upper");
    check("User-agent: hurdle-crawler\nDisallow: /\n", "hurdle", "/ /x", NULL);
    check("User-agent: hurdle\nDisallow: /\n", "", "/", NULL);
    /* '*' followed by space is still '*'; other forms are not */
    check("User-agent: * # all\nDisallow: /x\n", "h", NULL, "/x");
    check("User-agent: * bots\nDisallow: /x\n", "h", NULL, "/x");
    check("User-agent:*\nDisallow:/x\n", "h", NULL, "/x");
    check("User-agent: *bot\nDisallow: /x\n", "h", "/x", NULL);
    check("User-agent: 123\nDisallow: /x\n", "h", "/x", NULL);
    check("User-agent:\nDisallow: /x\n", "h", "/x", NULL);
    /* an unusable agent line still starts a group: /x does not join the '*' group */
    check("User-agent: *\nDisallow: /y\nUser-agent: 123\nDisallow: /x\n", "h", "/x", "/y");
}

/* The longest pattern wins; at equal length allow wins (RFC 9309 2.2.2), in either order. */
static void robots_longest_match_and_allow_wins_ties(void **state)
{
    (void)state;
    star("Allow: /page\nDisallow: /page\n", "/page /page.html", NULL);
    star("Disallow: /page\nAllow: /page\n", "/page /page.html", NULL);
    star("Disallow: /folder\nAllow: /folder\n", "/folder /folder/x", NULL);
    star("Allow: /page\nDisallow: /*.html\n", "/page", "/page.html /y.html");
    star("Allow: /x/page.\nDisallow: /*.html\n", "/x/page.html", "/x/y.html");
    star("Disallow: /\nAllow: /*\n", "/a", NULL); /* the longer wins */
}

/* '*' matches any sequence, a final '$' anchors the end; matching is case-sensitive and starts
   at the path's first octet (the examples of Google's robots.txt documentation). */
static void robots_wildcards_and_anchor(void **state)
{
    static const char *fish = "/fish /fish.html /fish/salmon.html /fishheads /fish.php?id=x";

    (void)state;
    star("Disallow: /fish\n", "/Fish.asp /catfish /?id=fish /a/fish", fish);
    star("Disallow: /fish*\n", "/Fish.asp /catfish /?id=fish", fish);
    star("Disallow: /fish/\n", "/fish /fish.html /animals/fish/ /Fish/S",
         "/fish/ /fish/?id=anything /fish/salmon.htm");
    star("Disallow: /*.php\n", "/ /windows.PHP",
         "/index.php /folder/filename.php?parameters /folder/any.php.file.html /filename.php/");
    star("Disallow: /*.php$\n",
         "/filename.php?parameters /filename.php/ /filename.php5 /windows.PHP",
         "/filename.php /folder/filename.php");
    star("Disallow: /fish*.php\n", "/Fish.PHP /fish.ph",
         "/fish.php /fishheads/catfish.php?parameters");
    star("Disallow: /this/path/exactly$\nDisallow: /this/*/*/exactly\n",
         "/this/path/exactly/ /this/path/exactly?x", "/this/path/exactly /this/a/b/exactly");
    star("Disallow: /**a**$\nDisallow: /$\n", "/b /xyz", "/ /a /xa /x/yaa");
    star("Disallow: /a$b\nDisallow: /c$$\n", "/a /ab /c /c$x", "/a$b /c$ /c%24");
}

/* RFC 9309 2.2.2's table and 2.2.3: percent-encoding is compared normalized on both sides. */
static void robots_percent_encoding_equivalence(void **state)
{
    static const char *tsu = "/foo/bar/\xE3\x83\x84 /foo/bar/%E3%83%84 /foo/bar/%e3%83%84";
    static const char *baz = "/foo/bar/baz /foo/bar/%62%61%7A /foo/bar/%62az";

    (void)state;
    star("Disallow: /foo/bar?baz=quz\n", "/foo/bar?baz=q", "/foo/bar?baz=quz /foo/bar?baz=quz&x");
    star("Disallow: /foo/bar/\xE3\x83\x84\n", "/foo/bar/", tsu);
    star("Disallow: /foo/bar/%E3%83%84\n", "/foo/bar/%E3", tsu);
    star("Disallow: /foo/bar/%62%61%7A\n", "/foo/bar/ba", baz);
    star("Disallow: /foo/bar/baz\n", "/foo/bar/%62", baz);
    star("Disallow: /a%3cb\n", "/a%3C", "/a%3Cb /a%3cb /a<b");
    star("Disallow: /\xC3\xA4\n", "/a", "/\xC3\xA4 /%C3%A4 /%c3%a4x");
    star("Disallow: /path/file-with-a-%2A.html\n", "/path/file-with-a-.html",
         "/path/file-with-a-*.html /path/file-with-a-%2A.html");
    star("Disallow: /path/foo-%24\n", "/path/foo-", "/path/foo-$ /path/foo-%24");
    star("Disallow: /stray%\nDisallow: /%zz\n", "/stray", "/stray% /%zz/");
    /* reserved characters are not their escapes (RFC 3986 2.2): %2F is not a '/' ... */
    star("Disallow: /a%2Fb\n", "/a/b", "/a%2Fb /a%2fb");
    /* ... so the RFC table's second row holds for each form with itself, not across forms */
    star("Disallow: /foo/bar?baz=https://foo.bar\n", "/foo/bar?baz=https%3A%2F%2Ffoo.bar",
         "/foo/bar?baz=https://foo.bar");
    star("Disallow: /foo/bar?baz=https%3A%2F%2Ffoo.bar\n", "/foo/bar?baz=https://foo.bar",
         "/foo/bar?baz=https%3A%2F%2Ffoo.bar");
}

/* A UTF-8 BOM, CR, LF and CRLF line ends, comments and whitespace around keys and values;
   the verdict's line and rule as written. */
static void robots_line_syntax_and_verdicts(void **state)
{
    static const char txt[] = "\xEF\xBB\xBF# robots.txt\r\nUser-agent: * # everyone\r\n\r\n"
                              "  Disallow  :\t/a   # comment\r" /* line 4, CR alone */
                              "disallow:/b#no space\n\tDISALLOW : /c\r\n#Disallow: /d\n"
                              "Disallow: /e # Disallow: /f\n";
    hd_robots *r = parse(txt, "hurdle");

    (void)state;
    expect_rule(r, "/a", false, 4, "Disallow: /a");
    expect_rule(r, "/b", false, 5, "disallow: /b");
    expect_rule(r, "/c", false, 6, "DISALLOW: /c");
    expect_rule(r, "/e", false, 8, "Disallow: /e");
    expect_each(r, "/d /f", true);
    hd_robots_free(r);
    /* the verdict names the deciding rule as written and its line */
    r = parse("User-agent: *\nAllow: /private/public\nDisallow: /private/\n"
              "dIsAlLoW :/x\t# shouting\n",
              "hurdle");
    expect_rule(r, "/private/secret", false, 3, "Disallow: /private/");
    expect_rule(r, "/private/public/page", true, 2, "Allow: /private/public");
    expect_rule(r, "/x", false, 4, "dIsAlLoW: /x");
    expect_rule(r, "/open", true, 0, ""); /* no rule matched */
    hd_robots_free(r);
    check("\xEF\xBB\xBFUser-agent: *\nDisallow: /x\n", "h", "/", "/x"); /* BOM before a key */
    check("\xEF\xBBUser-agent: *\nDisallow: /x\n", "h", "/x", NULL);    /* half a BOM: no key */
}

/* Crawl-delay belongs to the group it is in, the largest counts, bad values are ignored. */
static void robots_crawl_delay_per_group(void **state)
{
    static const char other[] =
        "User-agent: a\nCrawl-delay: 4\nSitemap: https://example.com/s.xml\n"
        "Host: example.com\nUser-agent: hurdle\nDisallow: /p\n"
        "Sitemap: https://example.com/t.xml\nDisallow: /q\n";
    static const char txt[] = "Crawl-delay: 99\nUser-agent: *\nCrawl-delay: 10\nDisallow: /x\n\n"
                              "User-agent: hurdle\nCrawl-delay: 2.5\nDisallow: /y\n"
                              "Crawl-delay: 1\n\nUser-agent: other\nCrawl-delay: 7\n";

    (void)state;
    assert_true(delay_of(txt, "hurdle") == 2.5);
    assert_true(delay_of(txt, "somebot") == 10);
    assert_true(delay_of(txt, "other") == 7);
    assert_true(delay_of("User-agent: *\nCrawl-delay: -1\nCrawl-delay: 5s\nCrawl-delay: abc\n"
                         "Crawl-delay:\nCrawl-delay: 1.2.3\nCrawl-delay: .\nCrawl-delay: 1e3\n",
                         "h") == -1);
    assert_true(delay_of("User-agent: hurdle\nDisallow: /\n", "hurdle") == -1);
    assert_true(
        delay_of("User-agent: *\nCrawl-delay: .5\n\nUser-agent: *\nCrawl-delay: 3.\n", "h") == 3);
    assert_true(delay_of("User-agent: *\nCrawl-delay: 0\n", "h") == 0);
    /* crawl-delay and sitemap lines are not rules: they neither end a group's user-agent
       lines nor split a group (RFC 9309 2.2.4) */
    check(other, "hurdle", "/r", "/p /q");
    assert_true(delay_of(other, "hurdle") == 4);
    assert_true(delay_of("User-agent: *\nCrawl-delay: 99999999999999999999999999\n", "h") ==
                HD_ROBOTS_MAX_DELAY);
}

/* Sitemaps anywhere in the file, in order; relative ones kept as written, malformed ones or
   other schemes dropped. */
static void robots_sitemaps(void **state)
{
    static const char txt[] = "Sitemap: https://example.com/first.xml\nUser-agent: *\n"
                              "sitemap:http://example.com/second.xml.gz # gzipped\n"
                              "Disallow: /x\nSite-map: https://example.com/typo.xml\n"
                              "Sitemap: /relative.xml\nSitemap: https://exa mple.com/space.xml\n"
                              "Sitemap: https://\nSitemap: ftp://example.com/s.xml\n"
                              "SITEMAP :  HTTPS://example.com/third.xml  \n";
    hd_robots *r = parse(txt, "hurdle");

    (void)state;
    assert_int_equal(hd_robots_sitemap_count(r), 4);
    assert_string_equal(hd_robots_sitemap(r, 0), "https://example.com/first.xml");
    assert_string_equal(hd_robots_sitemap(r, 1), "http://example.com/second.xml.gz");
    assert_string_equal(hd_robots_sitemap(r, 2), "/relative.xml");
    assert_string_equal(hd_robots_sitemap(r, 3), "HTTPS://example.com/third.xml");
    assert_null(hd_robots_sitemap(r, 4));
    expect(r, "/x", false);
    hd_robots_free(r);
}

/* "" and NULL are "/", a missing '/' is implied, a fragment is not part of the path; and
   /robots.txt is implicitly allowed, whatever the rules or state (RFC 9309 2.2.2). */
static void robots_path_forms_and_robots_txt(void **state)
{
    hd_robots *r = parse("User-agent: *\nDisallow: /$\nDisallow: /?q\nDisallow: /a$\n", "h");
    hd_robots *none = NULL;

    (void)state;
    expect_each(r, "/ #frag ?q=1 /a#b", false);
    expect(r, "", false);
    expect(r, NULL, false);
    expect_each(r, "/ab /b", true);
    hd_robots_free(r);
    r = parse("User-agent: *\nDisallow: /\n", "hurdle");
    expect_rule(r, "/robots.txt", true, 0, "/robots.txt is always allowed");
    expect_each(r, "/robots.txt?x=1 /robots.txt#top", true);
    expect_each(r, "/robots.txt.bak /Robots.txt /a/robots.txt", false);
    assert_int_equal(hd_robots_new_disallow_all(&none, ctx, "unreachable"), HURDLE_OK);
    expect(none, "/robots.txt", true);
    hd_robots_free(none);
    hd_robots_free(r);
}

/* No robots.txt or a 4xx: everything allowed; a 5xx or no answer: everything disallowed. */
static void robots_allow_all_and_disallow_all(void **state)
{
    hd_robots *r = NULL;

    (void)state;
    assert_int_equal(hd_robots_new_allow_all(&r, ctx, "robots.txt answered HTTP 404"), HURDLE_OK);
    expect_rule(r, "/private/x?y", true, 0, "robots.txt answered HTTP 404");
    assert_true(hd_robots_crawl_delay(r) == -1);
    assert_int_equal(hd_robots_sitemap_count(r), 0);
    hd_robots_free(r);
    assert_int_equal(hd_robots_new_disallow_all(&r, ctx, "HTTP 503: all disallowed\n"), HURDLE_OK);
    expect_rule(r, "/", false, 0, "HTTP 503: all disallowed?"); /* kept on one line */
    expect(r, "", false);
    hd_robots_free(r);
    assert_int_equal(hd_robots_new_allow_all(&r, ctx, NULL), HURDLE_OK);
    expect_rule(r, "/", true, 0, "");
    hd_robots_free(r);
    hd_robots_free(NULL);
}

/* Lines without a colon, unknown keys, patterns that are not paths, rules before any
   user-agent line and empty patterns are ignored. */
static void robots_invalid_lines_and_empty_disallow_ignored(void **state)
{
    (void)state;
    check("User-agent: *\nDisallow /nocolon\nDisalow: /typo\nDisallow: relative\nDisallow: $\n"
          "Noindex: /noindex\nDisallow: /real\njust some text\n:\n\x01\x02: /ctl\n",
          "h", "/nocolon /typo /relative /noindex /ctl /", "/real");
    check("User agent: h\nUseragent: h\nUser-agent: *\nDisallow: /x\n", "h", NULL, "/x");
    /* RFC 9309 2.2.2: rules before any user-agent line are in no group */
    check("Disallow: /\nAllow: /x\nDisallow: /a\n\nUser-agent: *\nDisallow: /b\n", "x", "/ /a",
          "/b");
    check("Disallow: /\n", "x", "/ /a", NULL);
    /* "disallow:" with no value means nothing; an empty allow neither */
    star("Disallow:\nAllow:\nDisallow: /x\n", "/ /y", "/x");
    check("User-agent: hurdle\nDisallow:\n\nUser-agent: *\nDisallow: /\n", "hurdle", "/ /x", NULL);
}

/* Appends `s`, `times` times, to a growing NUL-terminated text (free() it). */
static void put(char **text, size_t *len, const char *s, size_t times)
{
    size_t n = strlen(s);

    *text = realloc(*text, *len + n * times + 1);
    assert_non_null(*text);
    for (size_t i = 0; i < times; i++, *len += n) {
        memcpy(*text + *len, s, n);
    }
    (*text)[*len] = '\0';
}

/* 1 MB of '*' in patterns against a 1 MB path, and segment traps: linear, so fast. Over-long
   patterns: a disallow is cut to a prefix (disallowing more), an allow is dropped. */
static void robots_hostile_patterns_finish_fast(void **state)
{
    size_t n = (size_t)1 << 20;
    char *txt = NULL;
    char *path = NULL;
    size_t len = 0;
    size_t path_len = 0;
    time_t t0 = time(NULL);
    hd_robots *r;

    (void)state;
    put(&txt, &len, "User-agent: *\nAllow: /", 1);
    put(&txt, &len, "*", n);
    put(&txt, &len, "x\nDisallow: /", 1);
    put(&txt, &len, "*a", n / 2);
    put(&txt, &len, "b$\nDisallow: /*aaaaaaaaaaaaaaaaaab\nDisallow: /d/\nAllow: /d/x", 1);
    put(&txt, &len, "y", n);
    put(&txt, &len, "\nDisallow: /after\n", 1);
    put(&path, &path_len, "/", 1);
    put(&path, &path_len, "a", n);
    r = parse_n(txt, len, "hurdle", len);
    for (int i = 0; i < 10; i++) {
        expect(r, path, false); /* by the cut "/ *a*a...", a prefix of the written pattern */
    }
    memset(path + 1, 'b', n);
    expect(r, path, true); /* every rule scans the whole path for an 'a' */
    memset(path + 1, 'a', n);
    path[n / 2] = 'b';
    expect(r, path, false); /* the "a...ab" segment is found by KMP, without backtracking */
    expect_each(r, "/after /d/xyyy", false); /* the long allow was dropped */
    assert_true(time(NULL) - t0 < 20);       /* about 0.1 s, 1 s under ASan */
    hd_robots_free(r);
    free(txt);
    free(path);
}

/* Bytes past max_bytes are ignored, and so is a line the limit cuts. No more than
   HD_ROBOTS_MAX_RULES rules and HD_ROBOTS_MAX_SITEMAPS sitemaps are kept. */
static void robots_limits(void **state)
{
    static const char cut[] = "User-agent: *\nDisallow: /a\nDisallow: /bbbbbb\nDisallow: /c\n";
    hd_robots *r = parse_n(cut, strlen(cut), "h", strlen("User-agent: *\nDisallow: /a\nDis"));
    char *txt = NULL;
    size_t len = 0;

    (void)state;
    expect(r, "/a", false);
    expect_each(r, "/b /bbbbbb /c", true); /* not "Disallow: /bb", a line the limit cut */
    hd_robots_free(r);
    r = parse_n(cut, strlen(cut), "h", 5);
    expect(r, "/a", true);
    hd_robots_free(r);
    r = parse_n(NULL, 0, NULL, 0);
    expect(r, "/a", true);
    hd_robots_free(r);
    put(&txt, &len, "User-agent: *\n", 1);
    put(&txt, &len, "Disallow: /r$\n", HD_ROBOTS_MAX_RULES);
    put(&txt, &len, "Disallow: /last\n", 1);
    put(&txt, &len, "Sitemap: https://e.com/s.xml\n", HD_ROBOTS_MAX_SITEMAPS + 5);
    r = parse_n(txt, len, "h", len);
    expect(r, "/r", false);
    expect(r, "/last", true);
    assert_int_equal(hd_robots_sitemap_count(r), HD_ROBOTS_MAX_SITEMAPS);
    assert_string_equal(hd_robots_sitemap(r, HD_ROBOTS_MAX_SITEMAPS - 1), "https://e.com/s.xml");
    hd_robots_free(r);
    free(txt);
}

/* NUL bytes are data: they end neither the file nor a line, and show as '?'. Random bytes,
   with robots words mixed in every other round: parsing succeeds, checks are deterministic. */
static void robots_nul_bytes_and_binary_garbage(void **state)
{
    static const char nul[] = "User-agent: *\nDisallow: /a\0b\nDisallow: /c\n\0\nDisallow: /d";
    hd_robots *nr = parse_n(nul, sizeof(nul) - 1, "hurdle", 0);
    static const char *words[] = { "user-agent:", "*",  "allow:", "disallow:", "/",       "$",
                                   "%",           "\n", "\r",     "#",         "sitemap:" };
    static const char *paths[] = { "/", "/a", "/%", "/*", "/$", "/a%2", "/\xff", "" };
    char buf[1 << 14];
    unsigned seed = 12345;

    (void)state;
    expect_rule(nr, "/a%00b", false, 2, "Disallow: /a?b");
    expect(nr, "/a", true);
    expect_each(nr, "/c /d", false);
    hd_robots_free(nr);
    for (int round = 0; round < 40; round++) {
        size_t len = 0;
        hd_robots *r;

        while (len < sizeof(buf) - 16) {
            const char *w = words[(seed >> 8) % (sizeof(words) / sizeof(words[0]))];

            seed = seed * 1103515245U + 12345U;
            if (round % 2 && (seed >> 16) % 3 == 0) {
                len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s", w);
            } else {
                buf[len++] = (char)(seed >> 16);
            }
        }
        r = parse_n(buf, len, round % 3 ? "hurdle" : "", 0);
        for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
            hd_robots_verdict v;
            bool a = hd_robots_check(r, paths[i], &v);

            assert_true(a == v.allowed && a == hd_robots_check(r, paths[i], NULL));
            assert_true(v.rule != NULL && v.line <= len + 1);
        }
        hd_robots_free(r);
    }
}

/* An allocator that fails its Nth allocation (and every one after it). */
/* Every allocation fails once: each run ends OK or ENOMEM with *out NULL, and leaks nothing. */
static void robots_allocation_failures_end_cleanly(void **state)
{
    static const char txt[] = "Sitemap: https://e.com/a.xml\nUser-agent: *\nDisallow: /x\n"
                              "User-agent: hurdle\nDisallow: /a\nAllow: /a/b\nDisallow: /c*d$\n"
                              "Sitemap: https://e.com/b.xml\n";
    ts_failing f;
    hurdle_allocator a = ts_failing_allocator(&f);
    hurdle_ctx *fctx = NULL;
    size_t n;
    size_t ok = 0;

    (void)state;
    f.count = 0;
    f.fail_at = (size_t)-1;
    assert_int_equal(hurdle_ctx_new(&fctx, &a), HURDLE_OK);
    for (n = 1; n < 1000 && ok < 3; n++) {
        hd_robots *r = NULL;
        int rc;

        hd_clear_error(fctx);
        f.count = 0;
        f.fail_at = n;
        rc = hd_robots_parse(&r, fctx, txt, sizeof(txt) - 1, "hurdle", 0);
        if (rc == HURDLE_OK) {
            expect_each(r, "/a/b", true);
            expect_each(r, "/a/c /cxd", false);
            assert_int_equal(hd_robots_sitemap_count(r), 2);
        } else {
            assert_true(rc == HURDLE_ENOMEM && r == NULL && hurdle_ctx_error(fctx)[0] != '\0');
        }
        ok += rc == HURDLE_OK && f.count < n;
        hd_robots_free(r);
        rc = hd_robots_new_disallow_all(&r, fctx, "why");
        assert_true(rc == HURDLE_OK ? r != NULL : rc == HURDLE_ENOMEM && r == NULL);
        hd_robots_free(r);
    }
    f.fail_at = (size_t)-1;
    hurdle_ctx_free(fctx);
    assert_true(ok >= 1 && n > 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(robots_rfc_examples),
        cmocka_unit_test(robots_groups_merged_and_star_fallback),
        cmocka_unit_test(robots_user_agent_product_tokens),
        cmocka_unit_test(robots_longest_match_and_allow_wins_ties),
        cmocka_unit_test(robots_wildcards_and_anchor),
        cmocka_unit_test(robots_percent_encoding_equivalence),
        cmocka_unit_test(robots_line_syntax_and_verdicts),
        cmocka_unit_test(robots_crawl_delay_per_group),
        cmocka_unit_test(robots_sitemaps),
        cmocka_unit_test(robots_path_forms_and_robots_txt),
        cmocka_unit_test(robots_allow_all_and_disallow_all),
        cmocka_unit_test(robots_invalid_lines_and_empty_disallow_ignored),
        cmocka_unit_test(robots_hostile_patterns_finish_fast),
        cmocka_unit_test(robots_limits),
        cmocka_unit_test(robots_nul_bytes_and_binary_garbage),
        cmocka_unit_test(robots_allocation_failures_end_cleanly),
    };
    int rc =
        hurdle_ctx_new(&ctx, NULL) == HURDLE_OK ? cmocka_run_group_tests(tests, NULL, NULL) : 1;

    hurdle_ctx_free(ctx);
    return rc;
}
