#!/usr/bin/env python3
"""Crawl tests for hurdle: a realistic site, hostile servers, robots.txt, politeness,
credentials and WARC replay, all against real servers on 127.0.0.1.

usage: test_crawl.py HURDLE SOURCE_DIR [GROUP...]   (GROUP: a TestCase class, e.g. Hostile,
       or Class.test_method; unittest options such as -k work too)

Groups: Site (corpus/sites/shop served by the real nginx), Hostile (one test per scenario of
servers.HostileServer), Robots (RFC 9309), Politeness (delay, per-host limit, User-Agent),
Credentials (headers, cookies and basic auth stay on their host), Warc (record, replay).

Every run of hurdle has a hard wall-clock timeout; every test also asserts how long the run
took, and runs against hostile servers assert the peak memory of the hurdle process (its own
rusage from wait4; skipped when ASAN_OPTIONS is set, since AddressSanitizer inflates memory).
Every JSON report is validated against docs/report.schema.json. Messages are matched on key
words, case-insensitively; which pages, which reasons and how long are strict. Nothing here
reaches any address but 127.0.0.1: every host name is given to hurdle with --resolve, and
proxies are switched off in hurdle's environment.

Needs nginx (/usr/sbin/nginx, Debian package nginx-light: run .ci/setup) for Site and Warc;
Python 3.11 standard library, and python3-jsonschema for the schema checks.
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tools"))

import servers  # noqa: E402
from servers import HostileServer, Nginx  # noqa: E402

HURDLE = None
SRC = None

MB = 1024 * 1024
HOSTILE_RSS = 200 * MB           # peak RSS allowed in runs against hostile servers
ASAN = bool(os.environ.get("ASAN_OPTIONS"))
SLOW = 2.0 if ASAN else 1.0      # time bounds stretch under sanitizers

# --------------------------------------------------------------------------------------------
# The shop site's expected result: corpus/sites/shop/README.md says the same in words.

SHOP_OFFERINGS = {
    ("rebate", ("/deals/tent-rebate/", "/deals/tent-rebate/claim.html",
                "/deals/tent-rebate/terms.html")),
    ("rebate", ("/deals/stove-claim.php", "/deals/stove-rebate.html")),
    ("rebate", ("/promo/spring cashback (2026).html", "/promo/spring-cashback-claim.html")),
    ("pricing", ("/pricing/",)),
    ("pricing", ("/de/preise.html",)),
    ("signup", ("/signup/", "/signup/plan.html", "/signup/profile.html")),
}
SHOP_SITEMAP_ONLY = ("rebate", ("/promo/spring cashback (2026).html",
                                "/promo/spring-cashback-claim.html"))
SHOP_INTERNAL = ("rebate", ("/internal/staff-rebate.html",))
SHOP_OTHER_PAGES = ("/", "/deals/", "/blog/", "/blog/spring-weekend-packing-list.html",
                    "/blog/stove-care.html", "/blog/trail-etiquette.html", "/help/", "/contact/",
                    "/terms/", "/privacy/", "/careers/", "/faq", "/events/")
SHOP_ENTRY_PAGES = ("/deals/tent-rebate/", "/deals/stove-rebate.html",
                    "/promo/spring cashback (2026).html", "/pricing/", "/de/preise.html",
                    "/signup/")
SHOP_NOT_PAGES = ("/robots.txt", "/sitemap.xml")
SHOP_POST_ONLY = ("/claims/submit", "/signup/finish", "/contact/send", "/newsletter/subscribe")


def shop_conf():
    with open(os.path.join(SRC, "corpus", "sites", "shop.nginx.conf"), encoding="utf-8") as f:
        return f.read()


def shop_root():
    return os.path.join(SRC, "corpus", "sites", "shop")


# --------------------------------------------------------------------------------------------
# Running hurdle


class Run:
    def __init__(self, args, code, out, err, seconds, rss, timed_out):
        self.args, self.code, self.out, self.err = args, code, out, err
        self.seconds, self.rss, self.timed_out = seconds, rss, timed_out

    def __repr__(self):
        return (f"hurdle {' '.join(self.args)}\n  exit {self.code}, {self.seconds:.1f} s, "
                f"peak RSS {self.rss / MB:.0f} MB\n  stderr: {self.err[-3000:]}")


def clean_env(extra=None):
    e = dict(os.environ)
    for k in list(e):
        if k.lower() in ("http_proxy", "https_proxy", "all_proxy", "ftp_proxy") or \
                k.startswith("HURDLE_"):
            del e[k]
    e["NO_PROXY"] = e["no_proxy"] = "*"
    e["NO_COLOR"] = "1"
    if extra:
        e.update(extra)
    return e


def run_hurdle(args, timeout=55, env=None, cwd=None):
    """Runs hurdle; its own peak RSS comes from wait4's rusage for this one child."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        p = subprocess.Popen([HURDLE, *args], stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                             cwd=cwd or SRC, env=clean_env(env))
        timed_out = False
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > timeout:
                timed_out = True
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(args, p.returncode, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), seconds, ru.ru_maxrss * 1024, timed_out)


_schema = None


def validate(testcase, report):
    """The report against docs/report.schema.json (when python3-jsonschema is there)."""
    global _schema
    try:
        import jsonschema
    except ImportError:
        return
    from validate_report import check_sums
    if _schema is None:
        with open(os.path.join(SRC, "docs", "report.schema.json"), encoding="utf-8") as f:
            _schema = json.load(f)
    errors = list(jsonschema.Draft202012Validator(_schema).iter_errors(report))
    testcase.assertEqual([], [f"{list(e.absolute_path)}: {e.message}"[:300] for e in errors[:5]],
                         "the report does not match docs/report.schema.json")
    testcase.assertEqual([], check_sums(report, "report"))


def url_path(url):
    """The decoded path (and query) of a URL, or of a scanned file relative to its site."""
    u = urllib.parse.urlsplit(url)
    p = u.path + ("?" + u.query if u.query else "")
    return urllib.parse.unquote(p)


def file_path(url, root):
    """A folder scan's page URL (a file path, maybe file://) as a path from the site root."""
    if url.startswith("file://"):
        url = urllib.parse.unquote(url[7:])
    path = os.path.normpath(os.path.join(SRC, url))
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    p = "/" + rel
    if p.endswith("/index.html"):
        p = p[:-len("index.html")]
    elif p == "/index.html":
        p = "/"
    return p


def pages(report):
    """Every page of the report: (url, kind, title, page-or-None), offerings' pages first."""
    out = []
    for o in report.get("offerings", []):
        for pg in o.get("pages", []):
            out.append((pg["url"], pg.get("kind"), pg.get("title", ""), pg))
    for pg in report.get("other_pages", []):
        out.append((pg["url"], pg.get("kind"), pg.get("title", ""), None))
    return out


def page_paths(report):
    return [url_path(u) for u, _, _, _ in pages(report)]


def find_page(report, path):
    for u, kind, title, pg in pages(report):
        if url_path(u) == path:
            return {"url": u, "kind": kind, "title": title, "page": pg}
    return None


def offerings(report, to_path=url_path):
    """The offerings as a set of (kind, sorted page paths)."""
    return {(o["kind"], tuple(sorted(to_path(p["url"]) for p in o["pages"])))
            for o in report.get("offerings", [])}


def errors_for(report, path):
    return [e for e in report.get("errors", []) if url_path(e.get("target", "")) == path]


def has_words(text, *alternatives):
    """True when text holds one of the alternatives; each is a word or a tuple of words
    that must all be there (case-insensitive)."""
    t = text.lower()
    for alt in alternatives:
        words = (alt,) if isinstance(alt, str) else alt
        if all(w.lower() in t for w in words):
            return True
    return False


def fmt_offerings(s):
    return "\n".join(f"  {k}: {list(p)}" for k, p in sorted(s))


# --------------------------------------------------------------------------------------------
# Base class


class CrawlTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="hurdle-crawl-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def scan(self, *args, timeout=50, max_seconds=None, hostile=False, env=None, codes=(0,),
             output="report.json", json_report=True):
        """hurdle scan --no-timestamps -o TMP/output ARGS; asserts the exit code, the time and
        (hostile) the memory; returns (run, report)."""
        dest = os.path.join(self.tmp, output)
        argv = ["scan", "--no-timestamps", "-o", dest, *args]
        r = run_hurdle(argv, timeout=timeout * SLOW, env=env)
        self.assertFalse(r.timed_out, f"hurdle did not finish within {timeout * SLOW:.0f} s "
                                      f"(killed)\n{r}")
        if max_seconds is not None:
            self.assertLessEqual(r.seconds, max_seconds * SLOW,
                                 f"took {r.seconds:.1f} s, more than {max_seconds} s\n{r}")
        if hostile and not ASAN:
            self.assertLess(r.rss, HOSTILE_RSS,
                            f"peak RSS {r.rss / MB:.0f} MB, not under {HOSTILE_RSS // MB} MB\n{r}")
        if codes is not None:
            self.assertIn(r.code, codes, f"unexpected exit code\n{r}")
        report = None
        if json_report:
            self.assertTrue(os.path.isfile(dest), f"no report written\n{r}")
            with open(dest, encoding="utf-8") as f:
                report = json.load(f)
            validate(self, report)
        return r, report

    def assertPage(self, report, path, msg=""):
        p = find_page(report, path)
        self.assertIsNotNone(p, f"{path} is not among the report's pages "
                                f"{sorted(page_paths(report))}; errors: "
                                f"{report.get('errors')} {msg}")
        return p

    def assertNoPage(self, report, path):
        self.assertIsNone(find_page(report, path), f"{path} must not be a page of the report")

    def assertError(self, report, path, *alternatives):
        errs = errors_for(report, path)
        self.assertTrue(errs, f"no error for {path}; errors: {report.get('errors')}")
        msgs = " | ".join(e.get("message", "") for e in errs)
        if alternatives:
            self.assertTrue(has_words(msgs, *alternatives),
                            f"the error for {path} ({msgs!r}) does not say {alternatives}")
        for e in errs:
            self.assertIn(urllib.parse.unquote(path).split("?")[0].rstrip("/") or "/",
                          urllib.parse.unquote(e.get("message", "")),
                          f"the message does not name the URL: {e}")
        return errs

    def crawl_stats(self, report):
        self.assertIn("crawl", report, "the report has no crawl object")
        return report["crawl"]

    def robots_entry(self, report, host):
        for e in self.crawl_stats(report).get("robots", []):
            if e.get("host", "").split(":")[0] == host:
                return e
        self.fail(f"crawl.robots has no entry for {host}: {self.crawl_stats(report).get('robots')}")


# --------------------------------------------------------------------------------------------
# Site: corpus/sites/shop, served by nginx


class Site(CrawlTest):
    """The shop site crawled from its home page, as the README of corpus/sites/shop says."""

    @classmethod
    def setUpClass(cls):
        cls.nginx = Nginx(shop_root(), shop_conf())
        cls.port = cls.nginx.port
        cls.home = f"http://shop.test:{cls.port}/"
        cls._live = None

    @classmethod
    def tearDownClass(cls):
        cls.nginx.stop()

    def resolve(self):
        return ["--resolve", f"shop.test:{self.port}:127.0.0.1"]

    def live(self):
        """The main crawl (run once, shared by the tests): report, run, nginx log."""
        cls = type(self)
        if cls._live is None:
            before = len(self.nginx.requests())
            tmp = tempfile.mkdtemp(prefix="hurdle-crawl-live-")
            self.addClassCleanup(shutil.rmtree, tmp, True)
            dest = os.path.join(tmp, "live.json")
            # --min-score 0: the whole site (the default stops early, see the test below)
            r = run_hurdle(["scan", "--no-timestamps", "-o", dest, "--delay", "0",
                            "--min-score", "0", *self.resolve(), self.home], timeout=50 * SLOW)
            time.sleep(0.05)
            log = self.nginx.requests()[before:]
            report = None
            if os.path.isfile(dest):
                with open(dest, encoding="utf-8") as f:
                    report = json.load(f)
            cls._live = (r, report, log, dest)
        r, report, log, dest = cls._live
        self.assertFalse(r.timed_out, f"the crawl did not finish\n{r}")
        self.assertEqual(r.code, 0, f"{r}")
        self.assertIsNotNone(report, f"no report\n{r}")
        return r, report, log

    def test_crawl_is_valid_and_bounded(self):
        r, report, log = self.live()
        validate(self, report)
        self.assertLess(r.seconds, 30 * SLOW, f"{r}")
        # the site has no broken page; a GET of a POST-only form endpoint answers 405
        errs = [(url_path(e["target"]), e["message"]) for e in report["errors"]]
        self.assertEqual([e for e in errs if e[0] not in SHOP_POST_ONLY or "405" not in e[1]],
                         [], "errors on the shop site")
        crawl = self.crawl_stats(report)
        self.assertEqual(crawl["failed"], len(errs))
        self.assertIsNone(crawl["stopped_early"])
        self.assertGreaterEqual(crawl["requests"], crawl["fetched"])

    def test_default_crawl_stops_early_with_the_same_offerings(self):
        """By default the crawl stops once offerings are found and no queued link looks like
        the way to another (--min-score 1), says so, and finds every offering all the same."""
        _, full, full_log = self.live()
        before = len(self.nginx.requests())
        r, report = self.scan("--delay", "0", *self.resolve(), self.home, max_seconds=20)
        time.sleep(0.05)
        log = self.nginx.requests()[before:]
        got = offerings(report)
        self.assertEqual(got, SHOP_OFFERINGS, f"\nexpected:\n{fmt_offerings(SHOP_OFFERINGS)}"
                                              f"\ngot:\n{fmt_offerings(got)}")
        stopped = self.crawl_stats(report)["stopped_early"]
        self.assertTrue(stopped and has_words(stopped, ("stopped", "min-score")), f"{stopped}")
        self.assertLess(len(log), len(full_log), "the early stop fetched as much as a full crawl")

    def test_offerings_found_from_the_home_page(self):
        _, report, _ = self.live()
        got = offerings(report)
        self.assertEqual(got, SHOP_OFFERINGS, f"\nexpected:\n{fmt_offerings(SHOP_OFFERINGS)}"
                                              f"\ngot:\n{fmt_offerings(got)}")
        ids = [o.get("id") for o in report["offerings"]]
        self.assertTrue(all(isinstance(i, str) and i for i in ids), f"offering ids: {ids}")
        self.assertEqual(len(set(ids)), len(ids), f"offering ids are not unique: {ids}")

    def test_other_pages_are_in_no_offering(self):
        _, report, _ = self.live()
        in_offerings = {url_path(p["url"]) for o in report["offerings"] for p in o["pages"]}
        other = {url_path(p["url"]) for p in report["other_pages"]}
        for path in SHOP_OTHER_PAGES:
            self.assertNotIn(path, in_offerings, f"{path} must be in no offering")
            self.assertIn(path, other, f"{path} must be listed in other_pages")
        expected = {p for _, ps in SHOP_OFFERINGS for p in ps} | set(SHOP_OTHER_PAGES)
        for path in other | in_offerings:
            self.assertTrue(path in expected or path.startswith("/events/")
                            or path.startswith("/search"), f"unexpected page {path}")
        for path in SHOP_NOT_PAGES + SHOP_POST_ONLY:
            self.assertNotIn(path, other | in_offerings, f"{path} is not a page")

    def test_robots_txt_first_and_internal_never_requested(self):
        _, _, log = self.live()
        self.assertTrue(log, "nginx logged no request")
        first = min(log, key=lambda q: q.time)
        self.assertEqual(first.path, "/robots.txt", "robots.txt must be fetched before any page")
        self.assertEqual([q.path for q in log if q.path == "/robots.txt"], ["/robots.txt"],
                         "robots.txt fetched more than once in one crawl")
        internal = [q.path for q in log if urllib.parse.unquote(q.path).startswith("/internal")]
        self.assertEqual(internal, [], "robots.txt disallows /internal/")

    def test_requests_resolve_and_are_not_repeated(self):
        _, _, log = self.live()
        bad = [(q.path, q.status) for q in log if q.status not in (200, 301, 304, 405)]
        self.assertEqual(bad, [], "requests that the site answers with an error: a link was "
                                  "resolved wrongly or invented")
        gets = [q.path for q in log if q.method == "GET"]
        dups = sorted({p for p in gets if gets.count(p) > 1})
        self.assertEqual(dups, [], "URLs fetched more than once")
        self.assertEqual([q.method for q in log if q.method not in ("GET", "HEAD")], [],
                         "a crawler never submits forms")

    def test_sitemap_only_offer_found(self):
        _, report, log = self.live()
        self.assertIn("/sitemap.xml", [q.path for q in log])
        self.assertIn("/promo/spring cashback (2026).html",
                      [urllib.parse.unquote(q.path) for q in log])
        sitemaps = self.crawl_stats(report)["sitemaps"]
        sm = [s for s in sitemaps if url_path(s["url"]) == "/sitemap.xml"]
        self.assertEqual(len(sm), 1, f"crawl.sitemaps: {sitemaps}")
        self.assertEqual(sm[0]["urls"], 11)
        self.assertIsNone(sm[0]["error"])
        self.assertIn(SHOP_SITEMAP_ONLY, offerings(report))

    def test_link_trap_is_bounded(self):
        _, report, log = self.live()
        events = [q.path for q in log if q.path.startswith("/events/")]
        self.assertGreaterEqual(len(events), 1, "the events page is linked from home")
        self.assertLessEqual(len(events), 6, f"the trap was followed too far: {events}")
        self.assertLessEqual(max(p.count("next/") for p in events), 5, events)
        skipped = self.crawl_stats(report)["skipped"]
        self.assertGreater(skipped["depth"] + skipped["trap"], 0, f"skipped: {skipped}")
        self.assertGreater(skipped["robots"], 0, "the link to /internal/ was skipped")

    def test_same_report_twice(self):
        """The crawl is deterministic: a second run gives a byte-identical report."""
        r, report, _ = self.live()
        r2, _ = self.scan("--delay", "0", "--min-score", "0", *self.resolve(), self.home,
                          output="again.json", max_seconds=30)
        with open(type(self)._live[3], "rb") as f1, \
                open(os.path.join(self.tmp, "again.json"), "rb") as f2:
            self.assertTrue(f1.read() == f2.read(), "two crawls of the same site differ")

    def test_max_depth_0_scans_the_start_page_only(self):
        before = len(self.nginx.requests())
        _, report = self.scan("--delay", "0", "--max-depth", "0", *self.resolve(), self.home,
                              max_seconds=15)
        time.sleep(0.05)
        log = self.nginx.requests()[before:]
        self.assertEqual(page_paths(report), ["/"])
        fetched = sorted(q.path for q in log if q.path not in SHOP_NOT_PAGES)
        self.assertEqual(fetched, ["/"], "with --max-depth 0 only the page itself is fetched")

    def test_max_pages_fetches_the_best_links_first(self):
        before = len(self.nginx.requests())
        _, report = self.scan("--delay", "0", "--max-pages", "3", *self.resolve(), self.home,
                              max_seconds=15)
        time.sleep(0.05)
        log = self.nginx.requests()[before:]
        fetched = [q.path for q in log if q.path not in SHOP_NOT_PAGES]
        self.assertLessEqual(len(fetched), 3, f"--max-pages 3 fetched {fetched}")
        self.assertLessEqual(len(pages(report)), 3)
        crawl = self.crawl_stats(report)
        self.assertTrue(crawl["skipped"]["limit"] > 0 or crawl["stopped_early"], crawl)
        offer_pages = {p for _, ps in SHOP_OFFERINGS for p in ps} | {"/deals/"}
        for p in fetched:
            self.assertTrue(p == "/" or urllib.parse.unquote(p) in offer_pages,
                            f"{p} fetched before the offer pages: links are not scored "
                            f"(fetched: {fetched})")

    def test_prefix_scope(self):
        before = len(self.nginx.requests())
        _, report = self.scan("--delay", "0", "--scope", "prefix", *self.resolve(),
                              self.home + "deals/", max_seconds=20)
        time.sleep(0.05)
        log = self.nginx.requests()[before:]
        outside = [q.path for q in log
                   if not q.path.startswith("/deals/") and q.path not in SHOP_NOT_PAGES]
        self.assertEqual(outside, [], "--scope prefix fetched outside /deals/")
        want = {o for o in SHOP_OFFERINGS if o[1][0].startswith("/deals/")}
        self.assertEqual(offerings(report), want)
        self.assertGreater(self.crawl_stats(report)["skipped"]["scope"], 0)

    def test_exclude(self):
        before = len(self.nginx.requests())
        _, report = self.scan("--delay", "0", "--exclude", r"/blog/", "--exclude", r"\.php$",
                              *self.resolve(), self.home, max_seconds=20)
        time.sleep(0.05)
        log = self.nginx.requests()[before:]
        self.assertEqual([q.path for q in log if "/blog/" in q.path or ".php" in q.path], [])
        self.assertGreaterEqual(self.crawl_stats(report)["skipped"]["excluded"], 2)
        got = offerings(report)
        self.assertIn(("rebate", ("/deals/stove-rebate.html",)), got)

    def test_why_robots(self):
        url = self.home + "internal/staff-rebate.html"
        r, _ = self.scan("--delay", "0", "--max-depth", "2", "--min-score", "0", "--why", url,
                         *self.resolve(), self.home, max_seconds=20)
        lines = [ln for ln in r.err.splitlines() if "internal/staff-rebate.html" in ln]
        self.assertTrue(lines, f"--why printed nothing about {url}\n{r.err}")
        self.assertTrue(has_words(" ".join(lines), ("robots", "disallow", "/internal/")),
                        f"--why does not name the robots.txt rule: {lines}")

    def test_folder_scan_gives_the_same_offerings(self):
        """A folder is a saved site: the same offerings as the crawl (same kinds, same page
        paths from the site root), plus internal/ (robots.txt is about fetching, not about
        files one has); the sitemap-only offer may be missing (a saved site may lack it)."""
        _, folder = self.scan(os.path.join("corpus", "sites", "shop"), max_seconds=20)
        root = shop_root()
        got = offerings(folder, lambda u: file_path(u, root))
        want = set(SHOP_OFFERINGS) | {SHOP_INTERNAL}
        self.assertIn(got, (want, want - {SHOP_SITEMAP_ONLY}),
                      f"\nexpected:\n{fmt_offerings(want)}\ngot:\n{fmt_offerings(got)}")
        _, live, _ = self.live()
        self.assertEqual(offerings(live), (got - {SHOP_INTERNAL}) | {SHOP_SITEMAP_ONLY},
                         "the crawl and the folder scan differ")


# --------------------------------------------------------------------------------------------
# Hostile: one test per scenario of servers.HostileServer


class HostileBase(CrawlTest):
    def setUp(self):
        super().setUp()
        self.srv = HostileServer()
        self.addCleanup(self.srv.stop)

    def url(self, host, path="/"):
        return self.srv.base(host) + path

    def hscan(self, *args, delay=True, **kw):
        kw.setdefault("hostile", True)
        extra = ["--delay", "0"] if delay else []
        return self.scan(*extra, *self.srv.resolve_args(), *args, **kw)

    def paths(self, host):
        return [q.path for q in self.srv.requests(host)]

    def assertNothingElsewhere(self):
        self.assertEqual(self.srv.requests("elsewhere.test"), [],
                         "elsewhere.test must never be requested")


class Hostile(HostileBase):

    def test_redirect_loop_and_chain(self):
        r, report = self.hscan("--max-redirects", "5", self.url("loop.test"),
                               self.url("loop.test", "/many"), self.url("loop.test", "/ok.html"),
                               max_seconds=20)
        self.assertPage(report, "/ok.html")
        self.assertError(report, "/", ("redirect", "loop"), ("too many", "redirect"))
        self.assertError(report, "/many", ("too many", "redirect"), ("redirect", "loop"))
        paths = self.paths("loop.test")
        far = [p for p in paths if re.fullmatch(r"/many/\d+", p) and int(p[6:]) > 6]
        self.assertEqual(far, [], "followed more than --max-redirects 5 redirects")
        self.assertLessEqual(paths.count("/a") + paths.count("/b"), 12, paths)
        self.assertLessEqual(len(paths), 40, "a redirect loop must not be retried over and over")
        self.assertNoPage(report, "/many/20")

    def test_slow_body_and_stalled_server_time_out(self):
        r, report = self.hscan("--timeout", "3", "--connect-timeout", "2", "--retries", "1",
                               self.url("slow.test"), self.url("slow.test", "/stall"),
                               self.url("slow.test", "/ok.html"), max_seconds=25)
        self.assertPage(report, "/ok.html")
        self.assertError(report, "/", "timed out", "timeout")
        self.assertError(report, "/stall", "timed out", "timeout")
        self.assertNoPage(report, "/")
        self.assertLessEqual(self.paths("slow.test").count("/stall"), 2)

    def test_gzip_bomb_is_cut(self):
        r, report = self.hscan(self.url("bomb.test"), max_seconds=30)
        page = self.assertPage(report, "/")["page"]
        self.assertIsNotNone(page, "the cut page is still analysed as a page")
        cut = 16 * MB
        self.assertTrue(any(has_words(w, ("cut at", str(cut))) for w in page["warnings"]),
                        f"no 'page cut at {cut} bytes' warning: {page['warnings']}")
        self.assertPage(report, "/ok.html", "(linked from the bomb's first bytes)")
        self.assertLess(self.crawl_stats(report)["bytes"], 64 * MB)

    def test_calendar_trap_keeps_the_offer(self):
        # --min-score 0: into the trap (by default the early stop leaves calendars alone)
        r, report = self.hscan("--min-score", "0", self.url("calendar.test"), max_seconds=30)
        self.assertIn(("rebate", ("/offer/headlamp-rebate.html",)), offerings(report))
        self.assertLessEqual(len(self.srv.requests("calendar.test")), 60)
        skipped = self.crawl_stats(report)["skipped"]
        self.assertGreater(skipped["depth"] + skipped["trap"], 0, skipped)

    def test_calendar_trap_without_depth_limit(self):
        r, report = self.hscan("--max-depth", "1000", "--max-pages", "150", "--min-score", "0",
                               self.url("calendar.test"), max_seconds=40)
        self.assertIn(("rebate", ("/offer/headlamp-rebate.html",)), offerings(report))
        paths = self.paths("calendar.test")
        self.assertLessEqual(len(paths), 160, "--max-pages 150 must bound the crawl")
        deep = [p for p in paths if p.count("next/") > 8]
        self.assertEqual(deep, [], "/events/next/next/... is a trap: repeated path segments")
        self.assertGreater(self.crawl_stats(report)["skipped"]["trap"], 0)

    def test_retries_honour_retry_after(self):
        r, report = self.hscan(self.url("retry.test"), max_seconds=40)
        reqs = self.srv.requests("retry.test")
        by = {}
        for q in reqs:
            by.setdefault(q.path, []).append(q)
        for path in ("/", "/page", "/five", "/date-retry", "/ok.html"):
            p = self.assertPage(report, path)
            if p["page"] is not None:
                self.assertEqual(p["page"]["status"], 200)
        self.assertEqual(len(by.get("/", [])), 3, "two 429s, then the page")
        self.assertEqual(len(by.get("/page", [])), 3)
        self.assertEqual(len(by.get("/five", [])), 3)
        self.assertEqual(len(by.get("/always503", [])), 3, "1 attempt + --retries 2")
        self.assertEqual(len(by.get("/date-retry", [])), 2)
        for path in ("/", "/page"):
            t = [q.mono for q in by[path]]
            for a, b in zip(t, t[1:]):
                self.assertGreaterEqual(b - a, 0.95, f"Retry-After: 1 not honoured on {path}")
        d = by["/date-retry"]
        at = self.srv.date_retry_at
        self.assertGreaterEqual(d[1].time, at - 1.0,
                                "an HTTP-date Retry-After was not honoured")
        self.assertError(report, "/always503", ("503", "3 attempts"), ("503", "attempt"))
        self.assertNoPage(report, "/always503")
        self.assertGreaterEqual(self.crawl_stats(report)["retries"], 9)

    def test_no_retries(self):
        r, report = self.hscan("--retries", "0", self.url("retry.test"),
                               self.url("retry.test", "/always503"), codes=(3,), max_seconds=15)
        self.assertEqual(self.paths("retry.test").count("/always503"), 1)
        self.assertEqual(self.paths("retry.test").count("/"), 1)
        self.assertError(report, "/", "429")
        self.assertError(report, "/always503", "503")

    def test_connection_reset_and_truncated_body(self):
        r, report = self.hscan(self.url("reset.test"), max_seconds=25)
        self.assertPage(report, "/ok")
        self.assertError(report, "/reset", "reset")
        self.assertError(report, "/truncated", "truncat", "partial", "closed", "incomplete",
                         "remaining", "short")
        self.assertNoPage(report, "/reset")
        self.assertNoPage(report, "/truncated")
        self.assertLessEqual(self.paths("reset.test").count("/reset"), 3)

    def test_content_types(self):
        r, report = self.hscan(self.url("types.test"), max_seconds=25)
        for path in servers.TYPES_PAGES:
            self.assertPage(report, path)
        for path in ("/notype", "/shop.php", "/deals.aspx", "/offer.jsp", "/plain-page"):
            self.assertEqual(find_page(report, path)["title"],
                             "Served as " + ("nothing" if path == "/notype" else path[1:]))
        self.assertEqual(find_page(report, "/page.xhtml")["title"], "Served as XHTML")
        for path in servers.TYPES_NOT_PAGES:
            self.assertNoPage(report, path)
            self.assertEqual(errors_for(report, path), [], f"{path} is skipped, not an error")
        self.assertNoPage(report, servers.TYPES_BINARY_AS_HTML)
        self.assertError(report, servers.TYPES_BINARY_AS_HTML)
        crawl = self.crawl_stats(report)
        self.assertGreaterEqual(crawl["skipped"]["not_html"], len(servers.TYPES_NOT_PAGES))
        self.assertLess(crawl["bytes"], servers.TYPES_PDF_BYTES // 2,
                        "the PDF's body should not have been downloaded")

    def test_huge_response_headers(self):
        r, report = self.hscan(self.url("headers.test"), max_seconds=20)
        self.assertPage(report, "/ok")
        self.assertError(report, "/huge", "header")
        self.assertError(report, "/longline", "header")

    def test_charsets(self):
        r, report = self.hscan(self.url("charset.test"), max_seconds=20)
        for path, title in servers.CHARSET_PAGES.items():
            p = self.assertPage(report, path)
            if path == "/bad-utf8":
                self.assertTrue(p["title"].startswith(title), p["title"])
                self.assertNotIn("Ã", p["title"])
            else:
                self.assertEqual(p["title"], title, f"{path} decoded wrongly")
        for path, want in (("/header-1252", "1252"), ("/sjis", "shift"), ("/utf16", "16")):
            pg = find_page(report, path)["page"]  # only offerings' pages carry the charset
            if pg is not None:
                self.assertIn(want, pg["charset"].lower().replace("_", ""), path)

    def test_sitemaps(self):
        r, report = self.hscan(self.url("sitemap.test"), max_seconds=20)
        paths = self.paths("sitemap.test")
        for p in ("/sitemap_index.xml", "/sitemaps/pages.xml.gz", "/sitemaps/offers.xml"):
            self.assertIn(p, paths)
        self.assertPage(report, "/from-gz.html", "(listed only in the gzipped sitemap)")
        self.assertIn(("rebate", ("/offers/hidden-rebate.html",)), offerings(report))
        self.assertNothingElsewhere()
        sm = {url_path(s["url"]): s for s in self.crawl_stats(report)["sitemaps"]}
        for p, n in (("/sitemaps/pages.xml.gz", 2), ("/sitemaps/offers.xml", 2)):
            self.assertIn(p, sm, f"crawl.sitemaps: {sm}")
            self.assertEqual(sm[p]["urls"], n, sm[p])
            self.assertIsNone(sm[p]["error"])
        self.assertGreater(self.crawl_stats(report)["skipped"]["scope"], 0)

    def test_no_sitemaps(self):
        r, report = self.hscan("--no-sitemaps", self.url("sitemap.test"), max_seconds=20)
        paths = self.paths("sitemap.test")
        self.assertEqual([p for p in paths if "sitemap" in p], [])
        self.assertNotIn("/offers/hidden-rebate.html", paths)
        self.assertEqual(self.crawl_stats(report)["sitemaps"], [])

    def test_default_sitemap_location(self):
        r, report = self.hscan(self.url("sitemap-default.test"), max_seconds=20)
        self.assertIn("/sitemap.xml", self.paths("sitemap-default.test"),
                      "with no Sitemap line in robots.txt, /sitemap.xml is the place to look")
        self.assertPage(report, "/only-in-sitemap.html")

    def test_skipped_links_are_counted_once(self):
        # /about.html is slow: the rebate pages (three links deep) are read first
        r, report = self.hscan("--max-depth", "2", "--min-score", "0", "--connections", "2",
                               "--per-host", "2", "--no-sitemaps", "--why",
                               self.url("fanout.test", "/deep/1"), self.url("fanout.test"),
                               max_seconds=20)
        paths = self.paths("fanout.test")
        self.assertLess(paths.index("/offers/claim.html"), paths.index("/deep/2"), paths)
        for i in range(1, 7):
            self.assertIn(f"/deep/{i}", paths, "two links from the start through /about.html")
        for i in range(1, 4):
            self.assertNotIn(f"/deep-only/{i}", paths)
        skipped = self.crawl_stats(report)["skipped"]
        # each URL once, however many pages link to it; /deep/N found again nearer the start
        # is no longer skipped
        self.assertEqual(skipped["depth"], 3, skipped)
        self.assertEqual(skipped["scope"], 1, skipped)
        self.assertTrue(has_words(r.err, "fetched", "about.html"), r.err)
        self.assertNothingElsewhere()

    def test_total_byte_limit(self):
        r, report = self.hscan("--max-bytes", "4k", self.url("rate.test"), max_seconds=20)
        crawl = self.crawl_stats(report)
        self.assertLess(len(pages(report)), servers.RATE_PAGES)
        self.assertTrue(crawl["stopped_early"] or crawl["skipped"]["limit"], crawl)
        if crawl["stopped_early"]:
            self.assertTrue(has_words(crawl["stopped_early"], "byte", "max-bytes"), crawl)
        self.assertLessEqual(crawl["bytes"], 4096 + 2048, "4k plus at most one page")


# --------------------------------------------------------------------------------------------
# Robots (RFC 9309)


class Robots(HostileBase):

    def test_rules(self):
        r, report = self.hscan(self.url("robots-rules.test"), max_seconds=40)
        reqs = self.srv.requests("robots-rules.test")
        got = {urllib.parse.unquote(q.path) for q in reqs}
        for p in servers.ROBOTS_RULES_ALLOWED:
            self.assertIn(p, got, f"{p} is allowed for hurdle")
            self.assertPage(report, urllib.parse.unquote(p))
        for p in servers.ROBOTS_RULES_DISALLOWED:
            self.assertNotIn(p, got, f"{p} is disallowed for hurdle")
        self.assertNotIn("/private/in-sitemap.html", got)
        self.assertEqual(reqs[0].path, "/robots.txt")
        entry = self.robots_entry(report, "robots-rules.test")
        self.assertEqual(entry["status"], "ok")
        self.assertEqual(entry["crawl_delay"], 1)
        self.assertGreaterEqual(self.crawl_stats(report)["skipped"]["robots"], 6)
        # robots.txt is a request too: the first page keeps the pace after it
        t = sorted(q.mono for q in reqs)
        gaps = [b - a for a, b in zip(t, t[1:])]
        self.assertTrue(gaps and min(gaps) >= 0.95, f"Crawl-delay: 1 not kept: {gaps}")

    def test_disallowed_target(self):
        target = self.url("robots-rules.test", "/private/secret.html")
        r, report = self.hscan("--max-depth", "0", target,
                               self.url("robots-rules.test", "/public/index.html"),
                               max_seconds=15)
        self.assertNotIn("/private/secret.html", self.paths("robots-rules.test"))
        self.assertError(report, "/private/secret.html", ("disallowed", "robots"))
        self.assertPage(report, "/public/index.html")
        crawl = self.crawl_stats(report)
        # a start URL the user named is an error, counted as failed, not also as skipped
        self.assertEqual(crawl["failed"], 1, crawl)
        self.assertEqual(crawl["skipped"]["robots"], 0, crawl)

    def test_why_allowed_by_longer_rule(self):
        url = self.url("robots-rules.test", "/private/open.html")
        r, _ = self.hscan("--max-depth", "1", "--why", url, self.url("robots-rules.test"),
                          max_seconds=30)
        lines = [ln for ln in r.err.splitlines() if "/private/open.html" in ln]
        self.assertTrue(lines, f"--why printed nothing about {url}\n{r.err}")
        self.assertTrue(has_words(" ".join(lines), ("robots", "allow")), lines)

    def test_robots_5xx_disallows_everything(self):
        r, report = self.hscan(self.url("robots-5xx.test"), codes=(3,), max_seconds=30)
        paths = self.paths("robots-5xx.test")
        self.assertEqual(set(paths), {"/robots.txt"}, "nothing but robots.txt may be fetched")
        self.assertLessEqual(len(paths), 3)
        self.assertError(report, "/", "robots")
        self.assertEqual(self.robots_entry(report, "robots-5xx.test")["status"], "error")
        self.assertEqual(pages(report), [])

    def test_robots_404_allows_everything(self):
        r, report = self.hscan(self.url("robots-404.test"), max_seconds=20)
        for p in ("/", "/a.html", "/b.html"):
            self.assertPage(report, p)
        self.assertEqual(self.robots_entry(report, "robots-404.test")["status"], "absent")

    def test_robots_redirects_are_followed(self):
        r, report = self.hscan(self.url("robots-redirect.test"), max_seconds=20)
        paths = self.paths("robots-redirect.test")
        self.assertIn("/real-robots.txt", paths)
        self.assertNotIn("/secret/x.html", paths)
        self.assertPage(report, "/open.html")
        self.assertEqual(self.robots_entry(report, "robots-redirect.test")["status"], "ok")


# --------------------------------------------------------------------------------------------
# Politeness


class Politeness(HostileBase):

    def version(self):
        r = run_hurdle(["--version"], timeout=10)
        m = re.match(r"hurdle (\S+)", r.out)
        self.assertIsNotNone(m, r)
        return m.group(1)

    def start_gaps(self, host):
        t = sorted(q.mono for q in self.srv.requests(host) if q.path != "/robots.txt")
        return [b - a for a, b in zip(t, t[1:])]

    def test_default_delay_and_connection_limit(self):
        """Default politeness: --delay 0.5 with +-50% jitter between the starts of requests
        to one host (robots.txt aside), and at most --per-host 2 connections."""
        r, report = self.hscan(self.url("rate.test"), delay=False, max_seconds=50, timeout=58)
        for i in range(1, servers.RATE_PAGES + 1):
            self.assertPage(report, f"/p/{i}")
        self.assertNotIn("/rate-private/x.html", self.paths("rate.test"))
        self.assertLessEqual(self.srv.max_in_flight("rate.test"), 2)
        self.assertLessEqual(self.srv.max_connections("rate.test"), 2)
        gaps = self.start_gaps("rate.test")
        self.assertGreaterEqual(min(gaps), 0.25 - 0.05, f"faster than the delay allows: {gaps}")
        self.assertGreaterEqual(sum(gaps) / len(gaps), 0.4, f"mean gap under 0.5 s: {gaps}")

    def test_per_host_limit(self):
        for n in (1, 3):
            with self.subTest(per_host=n):
                self.srv = HostileServer()
                self.addCleanup(self.srv.stop)
                r, report = self.hscan("--per-host", str(n), self.url("rate.test"),
                                       max_seconds=25, output=f"per-host-{n}.json")
                rate_pages = [u for u, _, _, _ in pages(report) if url_path(u).startswith("/p/")]
                self.assertEqual(len(rate_pages), servers.RATE_PAGES)
                self.assertLessEqual(self.srv.max_in_flight("rate.test"), n)
                self.assertLessEqual(self.srv.max_connections("rate.test"), n)

    def test_user_agent_with_contact(self):
        version = self.version()
        contact = "crawler-team@shop.test"
        r, _ = self.hscan("--max-depth", "0", "--contact", contact, self.url("rate.test"),
                          max_seconds=15)
        uas = {q.user_agent for q in self.srv.requests("rate.test")}
        self.assertEqual(uas, {f"hurdle/{version} (+{contact})"})

    def test_default_and_custom_user_agent(self):
        version = self.version()
        r, _ = self.hscan("--max-depth", "0", self.url("rate.test"), max_seconds=15)
        uas = {q.user_agent for q in self.srv.requests("rate.test")}
        self.assertEqual(len(uas), 1, uas)
        self.assertTrue(uas.pop().startswith(f"hurdle/{version}"))
        self.srv = HostileServer()
        self.addCleanup(self.srv.stop)
        r, _ = self.hscan("--max-depth", "0", "--user-agent", "AcmeAudit/2.1",
                          self.url("rate.test"), max_seconds=15, output="ua.json")
        self.assertEqual({q.user_agent for q in self.srv.requests("rate.test")},
                         {"AcmeAudit/2.1"})

    def test_ignore_robots_is_logged(self):
        r, report = self.hscan("--ignore-robots", "--max-depth", "1", self.url("rate.test"),
                               max_seconds=25)
        self.assertTrue(has_words(r.err, ("robots", "ignor")),
                        f"--ignore-robots must be said on stderr: {r.err!r}")
        self.assertIn("/rate-private/x.html", self.paths("rate.test"))
        self.assertEqual(self.robots_entry(report, "rate.test")["status"], "ignored")

    def test_no_politeness_still_obeys_robots(self):
        r, report = self.hscan("--no-politeness", self.url("rate.test"), delay=False,
                               max_seconds=20)
        self.assertNotIn("/rate-private/x.html", self.paths("rate.test"))
        self.assertEqual(len([p for p in pages(report) if url_path(p[0]).startswith("/p/")]),
                         servers.RATE_PAGES)


# --------------------------------------------------------------------------------------------
# Credentials


class Credentials(HostileBase):

    def creds(self):
        env = {"HURDLE_T_PASSWORD": self.srv.auth_password, "HURDLE_T_TOKEN": self.srv.auth_token,
               "HURDLE_T_SESSION": self.srv.auth_session}
        args = ["--user", "staging:${HURDLE_T_PASSWORD}",
                "--header", "X-Staging-Token: ${HURDLE_T_TOKEN}",
                "--cookie", "session=${HURDLE_T_SESSION}"]
        return args, env

    def secrets(self):
        s = self.srv
        basic = base64.b64encode(f"staging:{s.auth_password}".encode()).decode()
        return [s.auth_password, s.auth_token, s.auth_session, basic]

    def assertNoLeak(self, r, report_file):
        with open(report_file, encoding="utf-8") as f:
            text = f.read()
        for secret in self.secrets():
            self.assertNotIn(secret, text, "a credential is in the report")
            self.assertNotIn(secret, r.out + r.err, "a credential is in hurdle's output")
        for q in self.srv.requests("other.test"):
            self.assertIsNone(q.header("Authorization"), f"other.test got Authorization: {q}")
            self.assertIsNone(q.header("X-Staging-Token"), f"other.test got the token: {q}")
            self.assertNotIn(self.srv.auth_session, q.header("Cookie") or "",
                             f"other.test got the session cookie: {q}")
            for secret in self.secrets():
                self.assertNotIn(secret, repr(q.headers))

    def assertAuthWorked(self, report):
        for q in self.srv.requests("auth.test"):
            self.assertNotEqual(q.status, 401, f"auth.test refused {q.path}: credentials "
                                               f"missing or wrong ({q.headers})")
        self.assertIn(("rebate", ("/account/rebate.html",)), offerings(report))
        self.assertPage(report, "/account/ok.html")

    def test_credentials_stay_on_their_host(self):
        args, env = self.creds()
        r, report = self.hscan("-v", *args, "--auth-host", "auth.test", self.url("auth.test"),
                               self.url("other.test", "/landing"), env=env, max_seconds=20)
        self.assertAuthWorked(report)
        other = self.paths("other.test")
        self.assertIn("/landing", other)
        self.assertIn("/go-other", self.paths("auth.test"))
        self.assertIn("/from-auth", other, "the redirect from auth.test was not followed")
        self.assertPage(report, "/partner.html")
        self.assertNoLeak(r, os.path.join(self.tmp, "report.json"))

    def test_default_auth_host_is_the_target_host(self):
        args, env = self.creds()
        r, report = self.hscan(*args, self.url("auth.test"), env=env, max_seconds=20)
        self.assertAuthWorked(report)
        self.assertNoLeak(r, os.path.join(self.tmp, "report.json"))

    def test_without_credentials_pages_are_refused(self):
        r, report = self.hscan(self.url("auth.test"), codes=(3,), max_seconds=20)
        self.assertError(report, "/", "401")


# --------------------------------------------------------------------------------------------
# WARC


def warc_records(path):
    """(gzip members, records) of a WARC file; a record is (headers dict, block bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    members = []
    while data:
        d = zlib.decompressobj(31)
        members.append(d.decompress(data))
        if not d.eof:
            raise AssertionError("a truncated gzip member")
        data = d.unused_data
    records = []
    for m in members:
        buf = m
        while buf.strip():
            head, sep, rest = buf.partition(b"\r\n\r\n")
            if not sep:
                raise AssertionError(f"a WARC record without a header end: {buf[:80]!r}")
            lines = head.decode("utf-8", "replace").split("\r\n")
            if not lines[0].startswith("WARC/1."):
                raise AssertionError(f"not a WARC record: {lines[0]!r}")
            h = {}
            for ln in lines[1:]:
                k, _, v = ln.partition(":")
                h[k.strip().lower()] = v.strip()
            n = int(h["content-length"])
            records.append((h, rest[:n]))
            buf = rest[n:]
            if not buf.startswith(b"\r\n\r\n"):
                raise AssertionError("a WARC record must end with two CRLFs")
            buf = buf[4:]
    return members, records


class Warc(CrawlTest):

    @classmethod
    def setUpClass(cls):
        cls.nginx = Nginx(shop_root(), shop_conf())

    @classmethod
    def tearDownClass(cls):
        cls.nginx.stop()

    def test_record_and_replay(self):
        port = self.nginx.port
        password, token, session = "pw-Warc-7c1d", "tok-Warc-93ab", "sess-Warc-55ee"
        env = {"HURDLE_T_PASSWORD": password, "HURDLE_T_TOKEN": token,
               "HURDLE_T_SESSION": session}
        warc = os.path.join(self.tmp, "crawl.warc.gz")
        r, live = self.scan("--delay", "0", "--resolve", f"shop.test:{port}:127.0.0.1",
                            "--warc", warc, "--user", "staging:${HURDLE_T_PASSWORD}",
                            "--header", "X-Staging-Token: ${HURDLE_T_TOKEN}",
                            "--cookie", "session=${HURDLE_T_SESSION}",
                            f"http://shop.test:{port}/", output="live.json", env=env,
                            max_seconds=30)
        self.assertTrue(os.path.isfile(warc), f"no WARC written\n{r}")
        r2, replay = self.scan("--from-warc", warc, output="replay.json", max_seconds=20)
        with open(os.path.join(self.tmp, "live.json"), "rb") as f1, \
                open(os.path.join(self.tmp, "replay.json"), "rb") as f2:
            a, b = f1.read(), f2.read()
        if a != b:
            diff = [f"{i}: {x!r} != {y!r}" for i, (x, y) in
                    enumerate(zip(a.decode().splitlines(), b.decode().splitlines())) if x != y]
            self.fail("the replayed report differs from the live one:\n" + "\n".join(diff[:10]))

        members, records = warc_records(warc)
        self.assertEqual(len(members), len(records), "one gzip member per record")
        types = [h.get("warc-type") for h, _ in records]
        self.assertIn("request", types)
        self.assertIn("response", types)
        responses = {urllib.parse.unquote(url_path(h.get("warc-target-uri", "")))
                     for h, _ in records if h.get("warc-type") == "response"}
        for path in page_paths(live):
            self.assertIn(path, responses, f"no response record for {path}")
        for h, block in records:
            self.assertTrue(h.get("warc-record-id", "").startswith("<urn:"), h)
            self.assertIn("warc-date", h)
            if h.get("warc-type") == "response":
                self.assertTrue(block.startswith(b"HTTP/"), "a response record holds the HTTP "
                                                            "status line, headers and body")
        raw = b"".join(members)
        basic = base64.b64encode(f"staging:{password}".encode())
        for secret in (password.encode(), token.encode(), session.encode(), basic):
            self.assertNotIn(secret, raw, f"a credential ({secret[:8]!r}...) is in the WARC")
        with open(warc, "rb") as f:
            self.assertEqual(f.read(2), b"\x1f\x8b")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    HURDLE, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v", *sys.argv[3:]])
