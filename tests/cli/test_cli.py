#!/usr/bin/env python3
"""CLI tests for hurdle: exit codes, stdout, stderr, reports and bad input.

usage: test_cli.py HURDLE SOURCE_DIR [unittest args, e.g. Usage]

Every JSON report a test produces is validated against docs/report.schema.json.
HTTP tests use a server on 127.0.0.1 that the test starts and stops itself.
Golden files live in tests/cli/golden/; HURDLE_UPDATE_GOLDEN=1 rewrites them.
"""
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

HURDLE = None
SRC = None
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))


def run(*args, cwd=None, timeout=120, env=None):
    e = dict(os.environ)
    e["NO_COLOR"] = "1"
    e.pop("HURDLE_RULES_DIR", None)
    if env:
        e.update(env)
    p = subprocess.run([HURDLE, *args], cwd=cwd or SRC, capture_output=True, timeout=timeout,
                       env=e)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def validate(testcase, report_text):
    import jsonschema
    from validate_report import check_sums
    report = json.loads(report_text)
    with open(os.path.join(SRC, "docs", "report.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(report))
    testcase.assertEqual([], [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]])
    testcase.assertEqual([], check_sums(report, "report"))
    return report


def golden(testcase, name, text):
    """Compares with a golden file; the rule set's hash changes with any rule, so it is masked."""
    text = re.sub(r"rules (\d{4}\.\d+)-[0-9a-f]{8}", r"rules \1-HASH", text)
    path = os.path.join(SRC, "tests", "cli", "golden", name)
    if os.environ.get("HURDLE_UPDATE_GOLDEN"):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    with open(path, encoding="utf-8") as f:
        testcase.assertEqual(f.read(), text, f"differs from tests/cli/golden/{name}")


class TempDir(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="hurdle-cli-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, data):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path


class Usage(unittest.TestCase):
    def test_version(self):
        code, out, err = run("--version")
        self.assertEqual((code, err), (0, ""))
        self.assertRegex(out, r"^hurdle \d+\.\d+\.\d+\n$")

    def test_no_command_is_usage_error(self):
        code, out, err = run()
        self.assertEqual((code, out), (2, ""))
        self.assertIn("usage: hurdle <command>", err)

    def test_unknown_command(self):
        code, out, err = run("frobnicate")
        self.assertEqual((code, out), (2, ""))
        self.assertEqual(err, "hurdle: unknown command 'frobnicate' (see hurdle --help)\n")

    def test_scan_without_target(self):
        code, out, err = run("scan")
        self.assertEqual((code, out), (2, ""))
        self.assertEqual(err, "hurdle: scan: no target given (see hurdle scan --help)\n")

    def test_bad_option_values(self):
        for args, opt in ((["--format", "xml"], "--format"),
                          (["--max-friction", "101"], "--max-friction"),
                          (["--fail-on", "bad"], "--fail-on"),
                          (["--max-page-bytes", "-1"], "--max-page-bytes"),
                          (["--max-page-bytes", " -1"], "--max-page-bytes"),
                          (["--max-pages", "0"], "--max-pages"),
                          (["--max-friction", "nan"], "--max-friction"),
                          (["--timeout", "nan"], "--timeout"),
                          (["--timeout", "inf"], "--timeout")):
            code, out, err = run("scan", *args, "corpus/site")
            self.assertEqual((code, out), (2, ""), args)
            self.assertIn(f"invalid value for {opt}", err)

    def test_unknown_option(self):
        code, _, err = run("scan", "--frobnicate", "corpus/site")
        self.assertEqual(code, 2)
        self.assertEqual(err, "hurdle: unknown or incomplete option '--frobnicate' "
                              "(see hurdle scan --help)\n")

    def test_help_goes_to_stdout(self):
        code, out, err = run("scan", "--help")
        self.assertEqual((code, err), (0, ""))
        self.assertIn("usage: hurdle scan", out)


class Site(TempDir):
    """The bundled site: the README's main job."""

    def test_json_is_valid_and_reproducible(self):
        code, out, err = run("scan", "--no-timestamps", "-f", "json", "corpus/site")
        self.assertEqual((code, err), (0, ""))
        report = validate(self, out)
        kinds = sorted(o["kind"] for o in report["offerings"])
        self.assertEqual(kinds, ["pricing", "rebate", "signup"])
        for off in report["offerings"]:
            for page in off["pages"]:
                for form in page["forms"]:
                    for field in form["fields"]:
                        self.assertIn("index", field)
                        self.assertIn("purpose", field)
        code2, out2, _ = run("scan", "--no-timestamps", "-f", "json", "corpus/site")
        self.assertEqual(code2, 0)
        self.assertEqual(out, out2, "two scans of the same input differ")

    def test_offering_ids_do_not_depend_on_how_the_target_is_written(self):
        """An offering's id is its site and its entry page from the site's root: the same for
        "corpus/site", "./corpus/site/", the absolute path and a file:// URL, from another
        working directory too."""
        site = os.path.join(SRC, "corpus", "site")
        ways = [("corpus/site", SRC), ("./corpus/site/", SRC), (site, self.tmp),
                ("file://" + site, self.tmp)]
        seen = []
        for target, cwd in ways:
            code, out, err = run("scan", "--no-timestamps", "-f", "json", target, cwd=cwd)
            self.assertEqual((code, err), (0, ""), target)
            report = validate(self, out)
            seen.append(sorted((o["id"], o["site"], o["kind"]) for o in report["offerings"]))
        self.assertEqual(seen[0], [("site/pricing/", "site", "pricing"),
                                   ("site/rebate/", "site", "rebate"),
                                   ("site/signup/step1.html", "site", "signup")])
        for other, (target, _) in zip(seen[1:], ways[1:]):
            self.assertEqual(other, seen[0], target)

    def test_timestamps_by_default(self):
        code, out, _ = run("scan", "-f", "json", "corpus/site/pricing/index.html")
        self.assertEqual(code, 0)
        report = validate(self, out)
        self.assertRegex(report["run"]["started"], r"^\d{4}-\d\d-\d\dT")

    def test_text_summary_golden(self):
        code, out, err = run("scan", "corpus/site")
        self.assertEqual((code, err), (0, ""))
        golden(self, "site.txt", out)

    def test_text_payout_time_of_one_figure(self):
        # "paid within 14 days": one figure, not a range of two equal ones ("2-2 weeks")
        code, out, err = run("scan", "-f", "text", "corpus/sites/shop/deals/stove-rebate.html")
        self.assertEqual((code, err), (0, ""))
        self.assertIn("paid in 2 weeks", out)
        self.assertNotIn("2-2 weeks", out)

    def test_output_file_is_written_atomically(self):
        dest = os.path.join(self.tmp, "report.json")
        code, out, err = run("scan", "--no-timestamps", "-o", dest, "corpus/site")
        self.assertEqual((code, err), (0, ""))
        self.assertIn("friction", out)
        with open(dest, encoding="utf-8") as f:
            validate(self, f.read())
        self.assertEqual(os.listdir(self.tmp), ["report.json"])

    def test_output_keeps_symlink_and_mode(self):
        real = os.path.join(self.tmp, "real.json")
        link = os.path.join(self.tmp, "link.json")
        with open(real, "w") as f:
            f.write("old")
        os.chmod(real, 0o600)
        os.symlink("real.json", link)
        code, _, err = run("scan", "-q", "-o", link, "corpus/site/pricing/index.html")
        self.assertEqual((code, err), (0, ""))
        self.assertTrue(os.path.islink(link))
        self.assertEqual(os.stat(real).st_mode & 0o777, 0o600)
        with open(real, encoding="utf-8") as f:
            validate(self, f.read())

    def test_output_to_a_device_writes_in_place(self):
        code, _, err = run("scan", "-q", "-o", "/dev/null", "corpus/site/pricing/index.html")
        self.assertEqual((code, err), (0, ""))
        self.assertFalse(os.path.isfile("/dev/null"))

    def test_quiet_output_file_prints_nothing(self):
        dest = os.path.join(self.tmp, "r.txt")
        code, out, err = run("scan", "-q", "-f", "text", "-o", dest, "corpus/site")
        self.assertEqual((code, out, err), (0, "", ""))
        self.assertTrue(os.path.getsize(dest) > 0)

    def test_unwritable_output(self):
        code, _, err = run("scan", "-o", os.path.join(self.tmp, "no", "such", "r.json"),
                           "corpus/site")
        self.assertEqual(code, 3)
        self.assertIn("cannot create", err)

    def test_budget_fails_with_exit_1(self):
        code, _, err = run("scan", "-q", "--max-friction", "1", "corpus/site")
        self.assertEqual(code, 1)
        self.assertIn("budget failed: friction", err)
        code, _, _ = run("scan", "-q", "--max-friction", "100", "corpus/site")
        self.assertEqual(code, 0)

    def test_fail_on_severity(self):
        code, _, err = run("scan", "-q", "--fail-on", "minor", "corpus/site")
        self.assertEqual(code, 1)
        self.assertIn("at or above --fail-on", err)

    def test_file_url_target(self):
        url = "file://" + os.path.join(SRC, "corpus", "site", "pricing", "index.html")
        code, out, err = run("scan", "--no-timestamps", "-f", "json", url)
        self.assertEqual((code, err), (0, ""))
        report = validate(self, out)
        self.assertEqual(report["summary"]["pages"], 1)


class BadInput(TempDir):
    def test_missing_file(self):
        code, out, err = run("scan", "-f", "json", "no/such/page.html")
        self.assertEqual(code, 3)
        validate(self, out)
        self.assertIn("no/such/page.html: No such file or directory", err)
        self.assertIn("no page could be analysed (1 error)", err)

    def test_missing_file_beside_good_one(self):
        code, out, err = run("scan", "-f", "json", "no-such.html",
                             "corpus/site/pricing/index.html")
        self.assertEqual(code, 0)
        report = validate(self, out)
        self.assertEqual(report["errors"][0]["target"], "no-such.html")
        self.assertIn("no-such.html", err)

    def test_folder_without_html(self):
        self.write("notes.txt", "nothing here")
        code, out, err = run("scan", "-f", "json", self.tmp)
        self.assertEqual(code, 3)
        validate(self, out)
        self.assertIn("no HTML files (.html, .htm) in this folder", err)

    def test_binary_file(self):
        path = self.write("image.html", bytes(range(256)) * 64)
        code, out, err = run("scan", "-f", "json", path)
        self.assertEqual(code, 3)
        report = validate(self, out)
        self.assertEqual(report["errors"][0]["code"], "EPARSE")
        self.assertIn("image.html", err)

    def test_page_limit_takes_sorted_pages_and_says_what_was_left(self):
        for i in (5, 3, 1, 4, 2):
            self.write(f"site/p{i}.html", f"<h1>Page {i}</h1><form><input name=email></form>")
        code, out, err = run("scan", "-f", "json", "--max-pages", "2",
                             os.path.join(self.tmp, "site"))
        self.assertEqual(code, 0, err)
        report = validate(self, out)
        urls = sorted([p["url"] for o in report["offerings"] for p in o["pages"]] +
                      [p["url"] for p in report["other_pages"]])
        self.assertEqual([os.path.basename(u) for u in urls], ["p1.html", "p2.html"])
        self.assertEqual(len(report["errors"]), 1)
        self.assertIn("3 more HTML files were not analysed (--max-pages 2)",
                      report["errors"][0]["message"])

    def test_unsupported_scheme_and_remote_file_url(self):
        code, out, err = run("scan", "-f", "json", "ftp://127.0.0.1/x.html",
                             "file://example.com/etc/passwd", "file:///x%00.html")
        self.assertEqual(code, 3)
        report = validate(self, out)
        messages = [e["message"] for e in report["errors"]]
        self.assertIn("unsupported URL scheme", messages[0])
        self.assertIn("only local files", messages[1])
        self.assertIn("a NUL byte in a file name", messages[2])

    def test_messages_stay_on_one_line(self):
        code, _, err = run("scan", "no\nsuch\x1b[31m.html")
        self.assertEqual(code, 3)
        self.assertEqual(len(err.strip().splitlines()), 2, err)  # the warning, the summary
        self.assertNotIn("\x1b", err)

    def test_paths_stay_relative_and_names_stay_utf8(self):
        self.write("site/sub/form.html", "<h1>" + "A" * 119 + "\u00e9\u00e9</h1>"
                   "<form action='../submit.html'><input name=email></form>"
                   "<form action='/signup'><input name=user></form>")
        code, out, err = run("scan", "-f", "json", os.path.join(self.tmp, "site"))
        self.assertEqual(code, 0, err)
        report = validate(self, out)
        self.assertNotIn(self.tmp, json.dumps(report["offerings"][0]["pages"][0]["forms"]))
        forms = report["offerings"][0]["pages"][0]["forms"]
        self.assertEqual([f["action"] for f in forms], ["../submit.html", "/signup"])
        self.assertEqual(report["offerings"][0]["name"], "A" * 119)

    def test_binary_file_is_named_as_given(self):
        path = self.write("blob.html", bytes(range(256)) * 8)
        code, out, err = run("scan", "-f", "json", path)
        self.assertEqual(code, 3)
        self.assertTrue(validate(self, out)["errors"][0]["message"].startswith(path + ":"))
        self.assertNotIn("file://", err)

    def test_empty_file(self):
        path = self.write("empty.html", b"")
        code, out, err = run("scan", "-f", "json", path)
        self.assertEqual(code, 0, err)
        report = validate(self, out)
        self.assertEqual(report["summary"]["pages"], 1)

    def test_text_file(self):
        path = self.write("terms.txt", "Offer valid while supplies last. Allow 8-12 weeks "
                                       "for delivery of your prepaid card.\n")
        code, out, err = run("scan", "-f", "json", path)
        self.assertEqual((code, err), (0, ""))
        report = validate(self, out)
        self.assertGreater(report["offerings"][0]["pages"][0]["text"]["words"], 10)

    def test_huge_page_is_cut(self):
        body = "<p>" + "Claim your rebate today. " * 2_100_000 + "</p>"
        path = self.write("huge.html", "<html><body>" + body + "</body></html>")
        self.assertGreater(os.path.getsize(path), 50_000_000)
        code, out, err = run("scan", "-f", "json", "--max-page-bytes", "4M", path, timeout=240)
        self.assertEqual(code, 0, err)
        report = validate(self, out)
        page = report["offerings"][0]["pages"][0]
        self.assertTrue(any("cut at 4194304 bytes" in w for w in page["warnings"]))

    def test_deep_nesting(self):
        path = self.write("deep.html", "<html><body>" + "<div>" * 100_000 + "Rebate"
                          + "</div>" * 100_000 + "<form><input name=email></form></body></html>")
        code, out, err = run("scan", "-f", "json", path, timeout=240)
        self.assertEqual(code, 0, err)
        validate(self, out)

    def test_invalid_utf8_and_legacy_encoding(self):
        bad = self.write("bad.html", b"<html><body><p>Caf\xe9 \xff\xfe r\xc3bate</p>"
                                     b"<input name=email></body></html>")
        latin = self.write("latin.html", b"<html><head><meta charset=windows-1252></head>"
                                         b"<body><h1>Caf\xe9 \x80 5</h1></body></html>")
        code, out, err = run("scan", "-f", "json", bad)
        self.assertEqual(code, 0, err)
        report = validate(self, out)
        self.assertEqual(len(report["offerings"]), 1)
        code, out, err = run("scan", "-f", "json", latin)
        self.assertEqual(code, 0, err)
        report = validate(self, out)
        self.assertEqual(report["offerings"][0]["name"], "Café € 5")
        self.assertEqual(report["offerings"][0]["pages"][0]["charset"].lower(), "windows-1252")

    def test_rule_pack_syntax_error(self):
        self.write("bad/en/broken.json", '{"rules": [\n  {"id": "x.y",\n}\n')
        code, out, err = run("scan", "--rules", os.path.join(self.tmp, "bad"), "corpus/site")
        self.assertEqual((code, out), (2, ""))
        self.assertIn("broken.json", err)
        self.assertEqual(len(err.strip().splitlines()), 1, err)

    def test_rule_with_bad_regex(self):
        pack = {"rules": [{"id": "custom.bad-regex", "dimension": "terms", "severity": "minor",
                           "kind": "pattern", "scope": "text", "regex": "rebate(",
                           "message": "m", "advice": "a",
                           "examples": {"match": ["<p>rebate(</p>"], "no_match": ["<p>x</p>"]}}]}
        self.write("bad/en/regex.json", json.dumps(pack))
        code, out, err = run("scan", "--rules", os.path.join(self.tmp, "bad"), "corpus/site")
        self.assertEqual((code, out), (2, ""))
        self.assertIn("custom.bad-regex", err)
        self.assertIn("regex.json", err)

    def test_catastrophic_regex_is_bounded(self):
        pack = {"rules": [{"id": "custom.backtrack", "dimension": "jargon", "severity": "minor",
                           "kind": "pattern", "scope": "text", "regex": "(a+)+$",
                           "message": "m", "advice": "a",
                           "examples": {"match": ["<p>aaa</p>"], "no_match": ["<p>b</p>"]}}]}
        self.write("trap/en/trap.json", json.dumps(pack))
        page = self.write("trap.html", "<p>" + "a" * 5000 + "!</p>")
        code, out, err = run("scan", "-f", "json", "--rules", os.path.join(self.tmp, "trap"),
                             page, timeout=60)
        self.assertEqual(code, 0, err)
        validate(self, out)


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/pricing/index.html")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        super().do_GET()


class Http(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        site = os.path.join(SRC, "corpus", "site")
        handler = lambda *a, **k: Handler(*a, directory=site, **k)  # noqa: E731
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def test_fetch_page(self):
        code, out, err = run("scan", "-f", "json", "--max-depth", "0",
                             self.base + "/rebate/claim.html")
        self.assertEqual((code, err), (0, ""))
        report = validate(self, out)
        page = report["offerings"][0]["pages"][0]
        self.assertEqual(page["status"], 200)
        self.assertGreater(len(page["forms"]), 0)

    def test_redirect_is_followed(self):
        code, out, err = run("scan", "-f", "json", "--max-depth", "0", self.base + "/redirect")
        self.assertEqual((code, err), (0, ""))
        page = validate(self, out)["offerings"][0]["pages"][0]
        self.assertEqual(page["final_url"], self.base + "/pricing/index.html")

    def test_credentials_never_reach_reports_or_messages(self):
        host = self.base.replace("http://", "http://bob:s3cret@")
        code, out, err = run("scan", "-f", "json", "--delay", "0", host + "/rebate/claim.html")
        self.assertEqual((code, err), (0, ""))
        validate(self, out)
        self.assertNotIn("s3cret", out)
        code, out, err = run("scan", "-f", "json", host + "/missing.html")
        self.assertEqual(code, 3)
        self.assertNotIn("s3cret", out + err)
        self.assertNotIn("bob", out + err)

    def test_not_found(self):
        code, out, err = run("scan", "-f", "json", self.base + "/missing.html")
        self.assertEqual(code, 3)
        self.assertIn("HTTP status 404", err)
        validate(self, out)

    def test_redirect_loop_is_bounded(self):
        code, _, err = run("scan", self.base + "/loop")
        self.assertEqual(code, 3)
        self.assertIn("/loop", err)

    def test_connection_refused(self):
        code, _, err = run("scan", "--timeout", "5", "http://127.0.0.1:9/")
        self.assertEqual(code, 3)
        self.assertIn("http://127.0.0.1:9/", err)


if __name__ == "__main__":
    HURDLE, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v", *sys.argv[3:]])
