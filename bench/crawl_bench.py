#!/usr/bin/env python3
"""bench/crawl_bench.py: the crawl benchmark (bench/README.md, "The crawl benchmark").

    bench/crawl.sh [-r ROUNDS] [options]     # builds the release preset, then runs this
    python3 bench/crawl_bench.py --hurdle build/release/hurdle [-r 3] [-n 10000] [options]

A generated site of N pages (bench/gen_site.py, default 10,000, in build/release/bench-site,
reused while its .stamp matches) is served by the real nginx on 127.0.0.1 (tests/crawl/servers.py,
class Nginx). In R interleaved rounds (order alternating: wget first in odd rounds, hurdle first
in even ones), `wget --recursive` downloads the site and `hurdle scan --no-politeness
--min-score 0` crawls and analyses it. Reported: the median rate of each in pages/s, the ratio
hurdle/wget, CPU time a page, and hurdle's peak RSS (that one process's ru_maxrss, taken by a
small launcher: see run()) on the full crawl and on a crawl cut at --small pages (default
1,000), to show whether memory is flat in the number of pages. The last line of output is one
JSON object.

Nothing but 127.0.0.1 is contacted: the site links only to itself (root-relative links),
robots.txt and sitemap.xml name http://127.0.0.1:PORT, and the children run without proxies.
Exit: 0 when the benchmark ran (whether or not the targets are met: they are printed), 1 when a
run failed (a non-zero exit, a timeout, a report without pages), 77 when nginx or wget is
missing (ctest counts that as skipped).
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "crawl"))

import gen_site  # noqa: E402  (bench/gen_site.py)

TARGET_RSS_MB = 64
TARGET_RATIO = 1.0
# "Flat" (the issue): memory does not grow with the pages beyond the frontier and the pages'
# compact records. The growth from the small crawl to the full one, divided by the pages
# between them, is what each page keeps (its record and its URLs); it must stay under this.
FLAT_KB_PER_PAGE = 4.0
MiB = 1024 * 1024

# The server block for the generated site (servers.Nginx adds listen, root, gzip, the log).
NGINX_CONF = r"""
charset utf-8;
index index.html;
location ~ ^/(robots\.txt|sitemap\.xml)$ {
    sub_filter_types text/plain text/xml application/xml;
    sub_filter __BASE__ $scheme://$http_host;
    sub_filter_once off;
}
# Form endpoints take POST only, as an application would.
location ~ ^/(newsletter/subscribe|claims/submit|signup/finish|notify|questions/new|search)$ {
    add_header Allow POST always;
    return 405;
}
"""


def clean_env():
    e = {k: v for k, v in os.environ.items()
         if k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "ftp_proxy")
         and not k.startswith("HURDLE_")}
    e["NO_PROXY"] = e["no_proxy"] = "*"
    e["NO_COLOR"] = "1"
    return e


class Run:
    def __init__(self, code, seconds, rss_kb, cpu, err, timed_out):
        self.code, self.seconds, self.rss_kb, self.cpu = code, seconds, rss_kb, cpu
        self.err, self.timed_out = err, timed_out


# Peak RSS. A child's ru_maxrss is not its own: Linux carries the high-water mark of the
# address space a process had before execve into its rusage, and a child started by this
# script (vfork or fork) starts from this script's address space, whose peak includes every
# report read so far. So the child runs under a small launcher that forks it and reports the
# grandchild's wait4 rusage: GNU time (Debian package "time") when present, else a fresh
# python3 -S (whose own size, about 7 MB, is then the floor of what can be measured).
GNU_TIME = "/usr/bin/time"
LAUNCHER = r"""
import os, sys
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, st, ru = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write("%d %.3f %.3f\n" % (ru.ru_maxrss, ru.ru_utime, ru.ru_stime))
c = os.waitstatus_to_exitcode(st)
sys.exit(c if c >= 0 else 128 - c)
"""


def rss_method():
    try:
        v = subprocess.run([GNU_TIME, "--version"], capture_output=True, text=True, timeout=10)
        if "GNU" in v.stdout + v.stderr:
            return "GNU time"
    except (OSError, subprocess.SubprocessError):
        pass
    return "python launcher"


def run(argv, timeout, method, cwd=None):
    """Runs argv: wall time here; its own peak RSS (kB) and CPU seconds from the launcher."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as res:
        if method == "GNU time":
            full = [GNU_TIME, "-o", res.name, "-f", "%M %U %S", *argv]
        else:
            full = [sys.executable, "-S", "-E", "-c", LAUNCHER, res.name, *argv]
        t0 = time.monotonic()
        p = subprocess.Popen(full, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=err, cwd=cwd, env=clean_env(), start_new_session=True)
        try:
            p.wait(timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            timed_out = True
        seconds = time.monotonic() - t0
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        try:  # GNU time writes "Command exited with non-zero status N" first
            rss, ut, st = res.read().strip().splitlines()[-1].split()
            rss_kb, cpu = int(rss), float(ut) + float(st)
        except (IndexError, ValueError):
            rss_kb, cpu = 0, float("nan")
    return Run(p.returncode, seconds, rss_kb, cpu, text, timed_out)


def nginx_cpu(ng):
    """nginx's CPU seconds so far (one process: master_process off)."""
    try:
        with open(f"/proc/{ng.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def is_page(path):
    return path.endswith("/") or path.endswith(".html")


def fail(msg, r=None):
    print(f"crawl_bench: {msg}", file=sys.stderr)
    if r is not None:
        print(f"  exit {r.code}, {r.seconds:.1f} s{' (timed out)' if r.timed_out else ''}\n"
              f"  stderr: {r.err[-3000:]}", file=sys.stderr)
    sys.exit(1)


def ensure_site(site, n, seed):
    want = gen_site.stamp(n, seed)
    try:
        with open(os.path.join(site, ".stamp")) as f:
            have = f.read().strip()
    except OSError:
        have = ""
    if have != want:
        print(f"generating {n} pages into {site} ...", flush=True)
        os.makedirs(os.path.dirname(os.path.abspath(site)), exist_ok=True)
        rc = subprocess.call([sys.executable, os.path.join(HERE, "gen_site.py"), "-n", str(n),
                              "-s", str(seed), site])
        if rc != 0:
            fail("gen_site.py failed")
    else:
        print(f"site: {site} ({have})", flush=True)


def warm_cache(site):
    """Reads every file once, so the first timed run does not pay for a cold page cache."""
    total = 0
    for d, _, files in os.walk(site):
        for name in files:
            with open(os.path.join(d, name), "rb") as f:
                while True:
                    b = f.read(1 << 20)
                    if not b:
                        break
                    total += len(b)
    return total


def main():
    ap = argparse.ArgumentParser(description="hurdle's crawl benchmark against wget")
    ap.add_argument("--hurdle", default=os.environ.get("HURDLE",
                                                       os.path.join(ROOT, "build/release/hurdle")))
    ap.add_argument("-n", "--pages", type=int, default=int(os.environ.get("PAGES", "10000")))
    ap.add_argument("-s", "--seed", type=int, default=int(os.environ.get("SEED", "1")))
    ap.add_argument("-r", "--rounds", type=int, default=3)
    ap.add_argument("--small", type=int, default=1000,
                    help="pages of the second crawl, for peak RSS (default 1000; at most N/2)")
    ap.add_argument("--site", help="site folder (default build/release/bench-site, or "
                                   "build/release/bench-site-N when N is not 10000)")
    ap.add_argument("--jobs", type=int, help="hurdle's --jobs (default: hurdle's own)")
    ap.add_argument("--connections", type=int, help="hurdle's --connections")
    ap.add_argument("--gzip", choices=("on", "off"), default="on",
                    help="nginx compresses pages for both clients (default on)")
    ap.add_argument("--timeout", type=float, help="per run (default 60 s + 50 ms a page)")
    a = ap.parse_args()

    if a.pages < 100 or a.rounds < 1:
        ap.error("-n must be at least 100 and -r at least 1")
    for tool, path in (("wget", shutil.which("wget")), ("nginx", os.environ.get(
            "HURDLE_NGINX", "/usr/sbin/nginx"))):
        if not path or not os.access(path, os.X_OK):
            print(f"crawl_bench: skipped: {tool} not found (.ci/setup installs it)")
            return 77
    hurdle = os.path.abspath(a.hurdle)
    if not os.access(hurdle, os.X_OK):
        fail(f"no hurdle binary at {hurdle} (build the release preset, or pass --hurdle)")
    import servers  # tests/crawl/servers.py

    site = a.site or os.path.join(ROOT, "build", "release", "bench-site" + (
        "" if a.pages == 10000 else f"-{a.pages}"))
    ensure_site(site, a.pages, a.seed)
    small = min(a.small, a.pages // 2)
    timeout = a.timeout or 60 + 0.05 * a.pages
    version = subprocess.run([hurdle, "--version"], capture_output=True, text=True,
                             env=clean_env()).stdout.strip() or "hurdle ?"
    site_bytes = warm_cache(site)
    method = rss_method()
    conf = NGINX_CONF + ("gzip off;\n" if a.gzip == "off" else "")

    tmp = tempfile.mkdtemp(prefix="hurdle-crawl-bench-",
                           dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None)
    ng = None
    try:
        ng = servers.Nginx(site, conf)
        base = ng.base + "/"
        wget_argv = ["wget", "--recursive", "--level=inf", "--no-parent", "--no-verbose",
                     "--delete-after", "--no-directories", "-e", "robots=off", "--no-proxy",
                     "--tries=2", "--timeout=30",
                     "--compression=" + ("auto" if a.gzip == "on" else "none"), base]
        report = os.path.join(tmp, "report.json")
        hurdle_argv = [hurdle, "scan", "--no-politeness", "--min-score", "0",
                       "--max-pages", str(max(20000, 2 * a.pages)), "--max-depth", "100",
                       "--no-timestamps", "-q", "-o", report]
        if a.jobs:
            hurdle_argv += ["--jobs", str(a.jobs)]
        if a.connections:
            hurdle_argv += ["--connections", str(a.connections)]

        def log_since(k):
            reqs = ng.requests()
            return reqs[k:], len(reqs)

        nlog = len(ng.requests())

        def do_wget():
            nonlocal nlog
            wd = tempfile.mkdtemp(dir=tmp)
            c0 = nginx_cpu(ng)
            r = run(wget_argv, timeout, method, cwd=wd)
            shutil.rmtree(wd, ignore_errors=True)
            reqs, nlog = log_since(nlog)
            if r.code not in (0, 8) or r.timed_out:  # 8: some server error answer (the 405s)
                fail("wget failed", r)
            pages = sum(1 for q in reqs if q.status == 200 and is_page(q.path))
            return dict(pages=pages, requests=len(reqs), seconds=r.seconds, rss_kb=r.rss_kb,
                        cpu=r.cpu, nginx_cpu=nginx_cpu(ng) - c0)

        def do_hurdle(extra=()):
            nonlocal nlog
            if os.path.exists(report):
                os.unlink(report)
            c0 = nginx_cpu(ng)
            r = run(hurdle_argv + list(extra) + [base], timeout, method)
            reqs, nlog = log_since(nlog)
            if r.code not in (0, 1) or r.timed_out:
                fail("hurdle scan failed", r)
            try:
                with open(report, encoding="utf-8") as f:
                    rep = json.load(f)
            except (OSError, ValueError) as e:
                fail(f"no report from hurdle: {e}", r)
            crawl = rep.get("crawl") or {}
            pages = crawl.get("pages", (rep.get("summary") or {}).get("pages", 0))
            if not pages:
                fail("hurdle's report has no pages", r)
            return dict(pages=pages, requests=len(reqs), seconds=r.seconds, rss_kb=r.rss_kb,
                        cpu=r.cpu, nginx_cpu=nginx_cpu(ng) - c0,
                        fetched=crawl.get("fetched"), failed=crawl.get("failed"),
                        offerings=(rep.get("summary") or {}).get("offerings"))

        print(f"{version}, {a.pages} pages ({site_bytes / 1e6:.1f} MB) served by nginx on "
              f"{ng.base}, gzip {a.gzip}; {a.rounds} rounds, interleaved, median; "
              f"{os.cpu_count()} CPUs; peak RSS by {method}", flush=True)
        W, H = [], []
        for rd in range(a.rounds):
            order = ("wget", "hurdle") if rd % 2 == 0 else ("hurdle", "wget")
            for who in order:
                if who == "wget":
                    W.append(do_wget())
                    x = W[-1]
                else:
                    H.append(do_hurdle())
                    x = H[-1]
                print(f"  round {rd + 1} {who:6} {x['pages']:6d} pages {x['seconds']:8.2f} s "
                      f"{x['pages'] / x['seconds']:8.1f} pages/s  cpu {x['cpu']:6.2f} s  "
                      f"nginx cpu {x['nginx_cpu']:5.2f} s  peak RSS {x['rss_kb'] / 1024:6.1f} MiB",
                      flush=True)
        S = do_hurdle(["--max-pages", str(small)])
        print(f"  small  hurdle {S['pages']:6d} pages {S['seconds']:8.2f} s "
              f"{S['pages'] / S['seconds']:8.1f} pages/s  cpu {S['cpu']:6.2f} s  "
              f"peak RSS {S['rss_kb'] / 1024:6.1f} MiB", flush=True)
    finally:
        if ng:
            ng.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    def med(xs, k):
        return statistics.median(x[k] for x in xs)

    w_rate = statistics.median(x["pages"] / x["seconds"] for x in W)
    h_rate = statistics.median(x["pages"] / x["seconds"] for x in H)
    ratio = h_rate / w_rate
    rss_full = max(x["rss_kb"] for x in H)
    rss_small = S["rss_kb"]
    h_pages = min(x["pages"] for x in H)
    w_pages = min(x["pages"] for x in W)
    met_rss = rss_full <= TARGET_RSS_MB * 1024
    met_ratio = ratio >= TARGET_RATIO
    per_page_kb = (rss_full - rss_small) / max(1, h_pages - S["pages"])
    flat = per_page_kb <= FLAT_KB_PER_PAGE

    def yn(b):
        return "met" if b else "NOT met"
    # CPU time a page (user + system, of the client; nginx's apart) is steadier than wall
    # time on a shared machine: it does not count the time spent waiting for a core.
    w_ms = 1000 * statistics.median(x["cpu"] / x["pages"] for x in W)
    h_ms = 1000 * statistics.median(x["cpu"] / x["pages"] for x in H)
    n_ms = 1000 * statistics.median(x["nginx_cpu"] / x["pages"] for x in W + H)
    for who, xs, rate, ms in (("wget   (download only)    ", W, w_rate, w_ms),
                              ("hurdle (crawl and analyse)", H, h_rate, h_ms)):
        print(f"{who}  {rate:8.1f} pages/s  (median of {len(xs)}: {med(xs, 'seconds'):.2f} s "
              f"for {min(x['pages'] for x in xs)} pages; "
              f"min {min(x['pages'] / x['seconds'] for x in xs):.1f}, "
              f"max {max(x['pages'] / x['seconds'] for x in xs):.1f}; "
              f"cpu {ms:.3f} ms a page)")
    print(f"nginx: {n_ms:.3f} ms of cpu a page; cpu a page hurdle/wget: {h_ms / w_ms:.2f}")
    for who, pages in (("hurdle", h_pages), ("wget", w_pages)):
        if pages < a.pages:
            print(f"warning: {who} got {pages} of the site's {a.pages} pages")
    print(f"ratio hurdle/wget: {ratio:.3f} (target >= {TARGET_RATIO:.1f}: {yn(met_ratio)})")
    print(f"peak RSS: {rss_small / 1024:.1f} MiB at {S['pages']} pages, "
          f"{rss_full / 1024:.1f} MiB at {h_pages} pages "
          f"(target <= {TARGET_RSS_MB} MiB: {yn(met_rss)}; "
          f"growth {per_page_kb:.2f} KiB a page beyond {S['pages']} pages, the pages' compact "
          f"records and URLs: at most {FLAT_KB_PER_PAGE:.0f} KiB: {yn(flat)}); "
          f"wget {max(x['rss_kb'] for x in W) / 1024:.1f} MiB")
    print(json.dumps({
        "bench": "crawl", "version": version.split()[-1], "pages": a.pages,
        "site_bytes": site_bytes, "rounds": a.rounds, "gzip": a.gzip, "cpus": os.cpu_count(), "rss_by": method,
        "wget": {"pages": w_pages, "pages_per_s": round(w_rate, 1),
                 "seconds": round(med(W, "seconds"), 3), "cpu_ms_per_page": round(w_ms, 4),
                 "rss_kb": max(x["rss_kb"] for x in W)},
        "hurdle": {"pages": h_pages, "pages_per_s": round(h_rate, 1),
                   "seconds": round(med(H, "seconds"), 3), "cpu_ms_per_page": round(h_ms, 4),
                   "rss_kb": rss_full},
        "nginx_cpu_ms_per_page": round(n_ms, 4),
        "ratio": round(ratio, 4), "rss_kb": {str(S["pages"]): rss_small, str(h_pages): rss_full},
        "rss_growth_kb_per_page": round(per_page_kb, 3),
        "targets": {"ratio": TARGET_RATIO, "rss_mib": TARGET_RSS_MB,
                    "growth_kb_per_page": FLAT_KB_PER_PAGE},
        "met": {"ratio": met_ratio, "rss": met_rss, "flat": flat}}, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
