/*
 * cli/scan_opts.c - the options of `hurdle scan`: the usage text and the
 * parsing into hurdle_scan_options. Values are checked here, with a
 * one-line message naming the option; the library checks them again.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan_args.h"

static const char usage[] =
    "usage: hurdle scan [options] TARGET...\n"
    "\n"
    "Targets: http(s):// URLs (each the start of a crawl), folders (a saved site: every file\n"
    "that is a page), files, file:// URLs; or --from-warc FILE.\n"
    "\n"
    "Output:\n"
    "  -f, --format FMT         json or text (default: text; json when -o is given)\n"
    "  -o, --output FILE        write the report to FILE (atomically); the text summary\n"
    "                           still goes to stdout unless -q\n"
    "      --color WHEN         auto (default), always, never; NO_COLOR is respected\n"
    "      --progress WHEN      auto (default: on a terminal), always, never\n"
    "      --no-timestamps      leave the run's time stamps out (reproducible reports)\n"
    "  -q, --quiet              errors only on stderr, no summary with -o\n"
    "  -v, --verbose            more on stderr (-vv: debug); in text, every finding\n"
    "                           and every field with its purpose and seconds\n"
    "Rules and budgets:\n"
    "      --rules DIR          add the rule packs in DIR (repeatable)\n"
    "      --max-friction N     exit 1 when an offering's friction is above N (0-100)\n"
    "      --fail-on SEV        exit 1 on a finding of SEV or worse\n"
    "                           (minor, moderate, serious, critical)\n"
    "Crawl (http(s) targets):\n"
    "      --max-depth N        links followed from a start URL (default 5; 0: that page)\n"
    "      --scope S            host (default), prefix (under the start URL's folder) or\n"
    "                           domain (the start host's domain and subdomains)\n"
    "      --include REGEX      fetch only URLs matching one of these (repeatable)\n"
    "      --exclude REGEX      never fetch URLs matching this (repeatable; wins)\n"
    "      --min-score S        stop early once offerings are found and no queued link\n"
    "                           scores S (default 1; 0: crawl everything in scope)\n"
    "      --no-sitemaps        do not seed the crawl from sitemaps\n"
    "      --ignore-robots      do not read robots.txt (for your own staging sites)\n"
    "      --delay SEC          pause between requests to one host (default 0.5, +-50%)\n"
    "      --per-host N         transfers to one host at once (default 2)\n"
    "      --connections N      transfers at once (default 8)\n"
    "      --no-politeness      --delay 0 and no per-host limit (robots.txt still obeyed)\n"
    "      --jobs N             analysis threads (default: one per core; 1: none)\n"
    "      --retries N          retries on 429, 5xx and network errors (default 2)\n"
    "      --max-retry-after S  longest Retry-After honoured (default 60)\n"
    "      --contact URL        say who crawls: User-Agent hurdle/VERSION (+URL)\n"
    "      --user-agent UA      the User-Agent instead\n"
    "      --header 'N: V'      a request header (repeatable), --cookie 'N=V', and\n"
    "      --user NAME:PASS     basic auth: ${VAR} is taken from the environment; sent\n"
    "                           only to the start URLs' hosts (or --auth-host HOST)\n"
    "      --auth-host HOST     a host the credentials go to (repeatable)\n"
    "      --resolve H:P:ADDR   connect to ADDR for host H and port P (as curl's)\n"
    "      --warc FILE          keep every request and response (WARC 1.1, gzip)\n"
    "      --from-warc FILE     analyse the pages of a WARC instead of the network\n"
    "      --why URL            say on stderr why URL was crawled or not, and what decided\n"
    "Limits:\n"
    "      --max-pages N        analyse at most N pages (default 5000)\n"
    "      --max-bytes N        download at most N bytes in all (default 1G)\n"
    "      --max-page-bytes N   cut pages at N bytes (default 16M; k, M, G suffixes)\n"
    "      --max-header-bytes N a response's headers at most (default 256k)\n"
    "      --max-queue N        URLs waiting at most (default 1000000)\n"
    "      --max-redirects N    redirects followed per page (default 5)\n"
    "      --max-fields N       form controls kept per page (default 10000)\n"
    "      --connect-timeout S  connecting at most (default 10)\n"
    "      --timeout SEC        one fetch at most (default 30)\n"
    "\n"
    "Exit: 0 clean, 1 a budget failed, 2 usage or rule error, 3 nothing could be analysed.\n";

enum {
    OPT_COLOR = 256,
    OPT_NO_TIMESTAMPS,
    OPT_RULES,
    OPT_MAX_FRICTION,
    OPT_FAIL_ON,
    OPT_PROGRESS,
    OPT_USER_AGENT,
    OPT_SCOPE,
    OPT_INCLUDE,
    OPT_EXCLUDE,
    OPT_HEADER,
    OPT_AUTH_HOST,
    OPT_RESOLVE,
    OPT_COOKIE,
    OPT_USER,
    OPT_CONTACT,
    OPT_WARC,
    OPT_FROM_WARC,
    OPT_WHY,
    OPT_NO_SITEMAPS,
    OPT_IGNORE_ROBOTS,
    OPT_NO_POLITENESS,
    /* sizes */
    OPT_MAX_PAGE_BYTES,
    OPT_MAX_PAGES,
    OPT_MAX_FIELDS,
    OPT_MAX_DEPTH,
    OPT_MAX_BYTES,
    OPT_MAX_HEADER_BYTES,
    OPT_MAX_QUEUE,
    OPT_MAX_REDIRECTS,
    OPT_JOBS,
    OPT_CONNECTIONS,
    OPT_PER_HOST,
    OPT_RETRIES,
    /* seconds and scores */
    OPT_TIMEOUT,
    OPT_CONNECT_TIMEOUT,
    OPT_DELAY,
    OPT_MAX_RETRY_AFTER,
    OPT_MIN_SCORE
};

static const struct option longopts[] = {
    { "format", required_argument, NULL, 'f' },
    { "output", required_argument, NULL, 'o' },
    { "quiet", no_argument, NULL, 'q' },
    { "verbose", no_argument, NULL, 'v' },
    { "help", no_argument, NULL, 'h' },
    { "color", required_argument, NULL, OPT_COLOR },
    { "progress", required_argument, NULL, OPT_PROGRESS },
    { "no-timestamps", no_argument, NULL, OPT_NO_TIMESTAMPS },
    { "rules", required_argument, NULL, OPT_RULES },
    { "max-friction", required_argument, NULL, OPT_MAX_FRICTION },
    { "fail-on", required_argument, NULL, OPT_FAIL_ON },
    { "user-agent", required_argument, NULL, OPT_USER_AGENT },
    { "scope", required_argument, NULL, OPT_SCOPE },
    { "include", required_argument, NULL, OPT_INCLUDE },
    { "exclude", required_argument, NULL, OPT_EXCLUDE },
    { "header", required_argument, NULL, OPT_HEADER },
    { "auth-host", required_argument, NULL, OPT_AUTH_HOST },
    { "resolve", required_argument, NULL, OPT_RESOLVE },
    { "cookie", required_argument, NULL, OPT_COOKIE },
    { "user", required_argument, NULL, OPT_USER },
    { "contact", required_argument, NULL, OPT_CONTACT },
    { "warc", required_argument, NULL, OPT_WARC },
    { "from-warc", required_argument, NULL, OPT_FROM_WARC },
    { "why", required_argument, NULL, OPT_WHY },
    { "no-sitemaps", no_argument, NULL, OPT_NO_SITEMAPS },
    { "ignore-robots", no_argument, NULL, OPT_IGNORE_ROBOTS },
    { "no-politeness", no_argument, NULL, OPT_NO_POLITENESS },
    { "max-page-bytes", required_argument, NULL, OPT_MAX_PAGE_BYTES },
    { "max-pages", required_argument, NULL, OPT_MAX_PAGES },
    { "max-fields", required_argument, NULL, OPT_MAX_FIELDS },
    { "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
    { "max-bytes", required_argument, NULL, OPT_MAX_BYTES },
    { "max-header-bytes", required_argument, NULL, OPT_MAX_HEADER_BYTES },
    { "max-queue", required_argument, NULL, OPT_MAX_QUEUE },
    { "max-redirects", required_argument, NULL, OPT_MAX_REDIRECTS },
    { "jobs", required_argument, NULL, OPT_JOBS },
    { "connections", required_argument, NULL, OPT_CONNECTIONS },
    { "per-host", required_argument, NULL, OPT_PER_HOST },
    { "retries", required_argument, NULL, OPT_RETRIES },
    { "timeout", required_argument, NULL, OPT_TIMEOUT },
    { "connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT },
    { "delay", required_argument, NULL, OPT_DELAY },
    { "max-retry-after", required_argument, NULL, OPT_MAX_RETRY_AFTER },
    { "min-score", required_argument, NULL, OPT_MIN_SCORE },
    { NULL, 0, NULL, 0 },
};

static const char *opt_name(int c)
{
    for (size_t i = 0; longopts[i].name; i++) {
        if (longopts[i].val == c) {
            return longopts[i].name;
        }
    }
    return "?";
}

static int bad(int c, const char *val)
{
    cli_error("invalid value for --%s: '%s' (see hurdle scan --help)", opt_name(c), val);
    return EXIT_USAGE;
}

static int parse_severity(const char *s)
{
    static const char *const names[] = { "minor", "moderate", "serious", "critical" };

    for (int i = 0; i < 4; i++) {
        if (strcmp(s, names[i]) == 0) {
            return i + 1;
        }
    }
    return -1;
}

static bool one_of(const char *v, const char *a, const char *b, const char *c)
{
    return strcmp(v, a) == 0 || strcmp(v, b) == 0 || strcmp(v, c) == 0;
}

/* Sizes and counts: zero is allowed only for a depth and the retries. */
static int size_option(scan_args *a, int c, const char *val)
{
    hurdle_scan_options *o = &a->opts;
    size_t n = 0;
    size_t *dst[] = { &o->max_page_bytes, &o->max_pages,        &o->max_fields, &o->crawl_depth,
                      &o->max_bytes,      &o->max_header_bytes, &o->max_queue,  NULL,
                      &o->jobs,           &o->connections,      &o->per_host,   &o->retries };
    size_t k = (size_t)(c - OPT_MAX_PAGE_BYTES);

    if (!cli_parse_size(val, &n) ||
        (n == 0 && c != OPT_MAX_DEPTH && c != OPT_RETRIES && c != OPT_MAX_REDIRECTS)) {
        return bad(c, val);
    }
    if (c == OPT_MAX_REDIRECTS && n > 64) {
        return bad(c, val); /* a longer chain is a loop in all but name */
    }
    if (c == OPT_MAX_REDIRECTS) {
        o->max_redirects = (long)n;
    } else if (c == OPT_RETRIES && n > 100) {
        return bad(c, val);
    } else {
        *dst[k] = n;
    }
    return 0;
}

static int seconds_option(scan_args *a, int c, const char *val)
{
    hurdle_scan_options *o = &a->opts;
    double d = 0;

    if (!cli_parse_double(
            val, c == OPT_DELAY || c == OPT_MIN_SCORE || c == OPT_MAX_RETRY_AFTER ? 0 : 0.001,
            c == OPT_MIN_SCORE ? 1e6 : 86400, &d)) {
        return bad(c, val);
    }
    switch (c) {
    case OPT_TIMEOUT:
        o->timeout_ms = (long)(d * 1000);
        break;
    case OPT_CONNECT_TIMEOUT:
        o->connect_timeout_ms = (long)(d * 1000);
        break;
    case OPT_DELAY:
        o->delay = d;
        break;
    case OPT_MAX_RETRY_AFTER:
        o->max_retry_after = d;
        break;
    default:
        o->min_score = d;
        break;
    }
    return 0;
}

static int add(str_list *l, int c, const char *val)
{
    if (l->n == MAX_LIST) {
        cli_error("--%s: more than %d given", opt_name(c), MAX_LIST);
        return EXIT_USAGE;
    }
    l->v[l->n++] = val;
    return 0;
}

static int crawl_option(scan_args *a, int c, const char *val)
{
    hurdle_scan_options *o = &a->opts;

    switch (c) {
    case OPT_SCOPE:
        if (!one_of(val, "host", "prefix", "domain")) {
            return bad(c, val);
        }
        o->scope = strcmp(val, "host") == 0     ? HURDLE_SCOPE_HOST
                   : strcmp(val, "prefix") == 0 ? HURDLE_SCOPE_PREFIX
                                                : HURDLE_SCOPE_DOMAIN;
        return 0;
    case OPT_INCLUDE:
        return add(&a->include, c, val);
    case OPT_EXCLUDE:
        return add(&a->exclude, c, val);
    case OPT_HEADER:
        return strchr(val, ':') && val[0] != ':' ? add(&a->headers, c, val) : bad(c, val);
    case OPT_AUTH_HOST:
        return add(&a->auth_hosts, c, val);
    case OPT_RESOLVE:
        return add(&a->resolve, c, val);
    case OPT_COOKIE:
        o->cookie = val;
        return 0;
    case OPT_USER:
        if (!strchr(val, ':')) {
            cli_error("invalid value for --user: it must be NAME:PASSWORD");
            return EXIT_USAGE;
        }
        o->userpwd = val;
        return 0;
    case OPT_CONTACT:
        o->contact = val;
        return 0;
    case OPT_WARC:
        o->warc = val;
        return 0;
    case OPT_FROM_WARC:
        o->from_warc = val;
        return 0;
    case OPT_WHY:
        o->why = val;
        return 0;
    case OPT_NO_SITEMAPS:
        o->sitemaps = false;
        return 0;
    case OPT_IGNORE_ROBOTS:
        o->robots = false;
        return 0;
    default: /* OPT_NO_POLITENESS */
        o->delay = 0;
        o->per_host = 1000;
        return 0;
    }
}

static int output_option(scan_args *a, cli_log *log, int c, const char *val)
{
    switch (c) {
    case 'f':
        return strcmp(val, "json") == 0 || strcmp(val, "text") == 0 ? (a->format = val, 0)
                                                                    : bad(c, val);
    case 'o':
        a->output = val;
        return 0;
    case 'q':
        log->verbosity = 0;
        return 0;
    case 'v':
        log->verbosity++;
        return 0;
    case OPT_COLOR:
        return one_of(val, "auto", "always", "never") ? (a->color = val, 0) : bad(c, val);
    case OPT_PROGRESS:
        return one_of(val, "auto", "always", "never") ? (a->progress = val, 0) : bad(c, val);
    case OPT_NO_TIMESTAMPS:
        a->opts.timestamps = false;
        return 0;
    case OPT_RULES:
        if (a->nrules == MAX_EXTRA_RULES) {
            return bad(c, "more than 64 folders");
        }
        a->rules[a->nrules++] = val;
        return 0;
    case OPT_USER_AGENT:
        a->opts.user_agent = val;
        return 0;
    case OPT_MAX_FRICTION:
        return cli_parse_double(val, 0, 100, &a->max_friction) ? 0 : bad(c, val);
    default: /* OPT_FAIL_ON */
        a->fail_on = parse_severity(val);
        return a->fail_on > 0 ? 0 : bad(c, val);
    }
}

static int option(scan_args *a, cli_log *log, int c, const char *val)
{
    if (c >= OPT_TIMEOUT) {
        return seconds_option(a, c, val);
    }
    if (c >= OPT_MAX_PAGE_BYTES) {
        return size_option(a, c, val);
    }
    if (c >= OPT_SCOPE) {
        return crawl_option(a, c, val);
    }
    return output_option(a, log, c, val);
}

static void lists_in(scan_args *a)
{
    hurdle_scan_options *o = &a->opts;

    o->include = a->include.v;
    o->ninclude = a->include.n;
    o->exclude = a->exclude.v;
    o->nexclude = a->exclude.n;
    o->headers = a->headers.v;
    o->nheaders = a->headers.n;
    o->auth_hosts = a->auth_hosts.v;
    o->nauth_hosts = a->auth_hosts.n;
    o->resolve = a->resolve.v;
    o->nresolve = a->resolve.n;
}

int scan_parse_args(scan_args *a, cli_log *log, int argc, char **argv)
{
    int c;

    memset(a, 0, sizeof(*a));
    hurdle_scan_options_init(&a->opts);
    a->max_friction = -1;
    a->color = "auto";
    a->progress = "auto";
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:o:qvh", longopts, NULL)) != -1) {
        int rc;
        if (c == 'h') {
            fputs(usage, stdout);
            return -1;
        }
        if (c == '?' || c == ':') {
            cli_error("unknown or incomplete option '%s' (see hurdle scan --help)",
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
        rc = option(a, log, c, optarg);
        if (rc) {
            return rc;
        }
    }
    lists_in(a);
    if (optind >= argc && !a->opts.from_warc) {
        cli_error("scan: no target given (see hurdle scan --help)");
        return EXIT_USAGE;
    }
    return 0;
}
