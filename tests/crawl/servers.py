"""Real servers for hurdle's crawl tests, started and stopped by the tests themselves.

Everything listens on 127.0.0.1 only, on a free port. Host names such as ``shop.test`` are
mapped to 127.0.0.1 by the crawler's ``--resolve HOST:PORT:127.0.0.1`` option (the tests pass
one for every host name below, so no name is ever looked up in DNS).

``Nginx(root_dir, extra_conf="")``
    The real nginx binary (/usr/sbin/nginx, Debian package nginx-light, installed by .ci/setup)
    serving ``root_dir`` with a generated configuration in a temporary prefix directory:
    ``daemon off; master_process off;`` (one process, run as the current user, root
    included), pid file, logs and temporary paths inside the prefix, ``tcp_nopush`` left off
    (with it, keep-alive answers stall 40 ms at random on loopback), ``default_type
    text/html``, gzip on for HTML and XML. ``extra_conf`` goes into the ``server`` block.
    ``.requests()`` reads the access log: one ``NginxRequest`` (method, path, status,
    user_agent, time, ...) per request, in the order nginx finished them.

``HostileServer()``
    A programmable HTTP/1.1 server (Python standard library only, one thread per connection,
    keep-alive) that answers according to the request's Host name (port stripped), so that
    every scenario has its own robots.txt. It records every request (wall and monotonic time,
    host, method, path with query, all headers, status, connection) for the tests:
    ``.requests(host=None)``, ``.max_in_flight(host)``, ``.max_connections(host)``. Unless a
    scenario says otherwise, its robots.txt allows everything. Scenarios:

    loop.test       ``/`` -> ``/a`` -> ``/b`` -> ``/a`` ... (a redirect loop); ``/many`` a chain
                    of 20 redirects (``/many/1`` ... ``/many/20``, which is a page);
                    ``/ok.html`` a normal page.
    slow.test       ``/`` sends its headers, then one byte a second, forever; ``/stall`` reads
                    the request and never answers; ``/ok.html`` a normal page.
    bomb.test       ``/``: ``Content-Encoding: gzip``, ``Content-Type: text/html``, about 1 MB
                    on the wire that inflates to 1 GiB: a rebate page with a claim form and a
                    link to ``/ok.html`` in its first 2 KB, then a paragraph of spaces (so the
                    cut page is an offering, whose page carries the warning);
                    ``/ok.html`` a normal page.
    calendar.test   An endless calendar: ``/calendar?month=2026-12`` links to the previous and
                    next month forever; ``/cal/2026/12/`` links to ``../../2027/01/`` and
                    ``../../2026/11/``; ``/events/next/`` and every page below it link to
                    ``next/`` under themselves. The home page links to all three and to one
                    real offer, ``/offer/headlamp-rebate.html`` (a rebate with a claim form).
    retry.test      ``/`` and ``/page``: 429 with ``Retry-After: 1`` the first two times (per
                    path), then 200; ``/five``: 503 twice, then 200; ``/always503``: always 503;
                    ``/date-retry``: 429 with an HTTP-date ``Retry-After`` 3 s ahead the first
                    time, then 200; ``/ok.html``. The home page links to all of them.
    reset.test      ``/`` links to ``/reset`` (connection reset mid-body: SO_LINGER 0),
                    ``/truncated`` (Content-Length 20000, 5000 bytes sent, then an orderly
                    close) and ``/ok``.
    types.test      The home page links to a PNG (image/png), CSS, JSON, a 5 MB PDF, a previous
                    hurdle report (JSON), an HTML page served as application/octet-stream
                    (``/download/brochure.html``), PNG bytes served as text/html
                    (``/fake.html``), an HTML page without any Content-Type (``/notype``),
                    ``/shop.php``, ``/deals.aspx``, ``/offer.jsp`` and ``/plain-page`` (text/html),
                    and ``/page.xhtml`` (application/xhtml+xml). See TYPES_PAGES / TYPES_NOT_PAGES.
    headers.test    ``/huge``: about 1 MB of response headers (``X-Filler`` lines); ``/longline``:
                    one 200 KB header line; ``/ok``: a normal page; ``/`` links to all three.
    charset.test    Pages whose title holds non-ASCII letters (CHARSET_PAGES: path -> expected
                    title): windows-1252 declared only in the header, only in ``<meta>``, nowhere;
                    ``utf-8`` declared but invalid bytes; an unknown charset ``x-bogus`` in the
                    header (UTF-8 bytes) and in ``<meta>`` (windows-1252 bytes); Shift_JIS with
                    ``<meta>``; UTF-16LE with a BOM.
    robots-rules.test   RFC 9309: a ``*`` group that disallows everything and a ``Hurdle`` group
                    (so the crawler must pick its own group by product token) with longest
                    match, Allow winning ties, ``*`` and ``$``, percent-encoded paths,
                    ``Crawl-delay: 1`` and a ``Sitemap`` line. ROBOTS_RULES_ALLOWED and
                    ROBOTS_RULES_DISALLOWED list the pages.
    robots-5xx.test     robots.txt answers 503: nothing else may be fetched.
    robots-404.test     robots.txt answers 404: everything is allowed.
    robots-redirect.test  robots.txt -> 301 /robots-moved.txt -> 302 /real-robots.txt
                    (``Disallow: /secret/``), which must be followed.
    sitemap.test    robots.txt names ``/sitemap_index.xml`` (a relative Sitemap line, which
                    resolves against robots.txt's URL), which points at
                    ``/sitemaps/pages.xml.gz`` (a gzip file served as application/gzip) and
                    ``/sitemaps/offers.xml``; the latter lists ``/offers/hidden-rebate.html``
                    (linked from nowhere) and a URL on elsewhere.test (out of scope);
                    ``/sitemap.xml`` (the default location) lists ``/from-default.html``.
    sitemap-default.test  No Sitemap line in robots.txt; ``/sitemap.xml`` lists
                    ``/only-in-sitemap.html``, linked from nowhere.
    auth.test       Every path (robots.txt included) wants ``Authorization: Basic`` for user
                    ``staging`` with ``.auth_password``, ``X-Staging-Token: .auth_token`` and
                    the cookie ``session=.auth_session``, else 401. ``/`` links to
                    ``/account/rebate.html`` (a rebate with a claim form), ``/account/ok.html``
                    and ``/go-other``, which redirects to ``http://other.test:PORT/from-auth``.
    other.test      ``/landing`` links to ``/partner.html``; ``/from-auth`` is reached only by
                    that redirect; no authentication (the tests check from the log that no
                    credential ever reached it).
    rate.test       ``/`` links to 30 small pages ``/p/1`` ... ``/p/30`` (each answered after
                    RATE_PAGE_SECONDS) and to ``/rate-private/x.html``, which robots.txt
                    disallows.
    fanout.test     Links counted once: ``/`` links to ``/offers/`` ("Cashback offers") and
                    ``/about.html``; ``/offers/`` to ``/offers/claim.html`` and
                    ``/offers/terms.html``; both of those link to ``/deep/1`` ... ``/deep/5``,
                    ``/deep-only/1`` ... ``/deep-only/3`` and ``http://elsewhere.test/partner``;
                    ``/about.html`` (answered after FANOUT_SLOW_SECONDS, so that a crawl meets
                    the longer way first) links to ``/deep/1`` ... ``/deep/6`` and to the same
                    partner URL. With ``--max-depth 2`` the ``/deep/`` pages are two links from
                    the start (through ``/about.html``), the ``/deep-only/`` ones three.
    elsewhere.test  A canary: nothing may ever be requested from it.
"""
import base64
import calendar as _calendar
import dataclasses
import email.utils
import http.client
import http.server
import itertools
import os
import re
import secrets
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zlib

NGINX = os.environ.get("HURDLE_NGINX", "/usr/sbin/nginx")

# --------------------------------------------------------------------------------------------
# nginx


@dataclasses.dataclass(frozen=True)
class NginxRequest:
    method: str
    path: str          # as requested ($request_uri: percent-encoding and query kept)
    status: int
    user_agent: str
    time: float        # wall-clock time the request started ($msec - $request_time)
    host: str          # the Host header, port included
    connection: int    # nginx's connection serial number
    end: float         # wall-clock time the response was finished

    def __iter__(self):  # unpacks as (method, path, status, user agent, time)
        return iter((self.method, self.path, self.status, self.user_agent, self.time))


def _json_unescape(s):
    # nginx's escape=json: \" \\ \n \r \t \b \f and \u00XX
    return re.sub(r'\\(u[0-9a-fA-F]{4}|.)',
                  lambda m: (chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "u"
                             else {"n": "\n", "r": "\r", "t": "\t", "b": "\b",
                                   "f": "\f"}.get(m.group(1), m.group(1))), s)


class Nginx:
    """The real nginx on 127.0.0.1:<free port>, serving root_dir."""

    START_TIMEOUT = 10.0
    ATTEMPTS = 8

    def __init__(self, root_dir, extra_conf=""):
        if not (os.path.isfile(NGINX) and os.access(NGINX, os.X_OK)):
            raise RuntimeError(f"nginx not found at {NGINX}: run .ci/setup "
                               f"(it installs the Debian package nginx-light)")
        self.root = os.path.abspath(root_dir)
        if not os.path.isdir(self.root):
            raise RuntimeError(f"nginx root {self.root} is not a folder")
        self.extra_conf = extra_conf
        self.prefix = tempfile.mkdtemp(prefix="hurdle-nginx-")
        self.proc = None
        self.port = None
        self._token = secrets.token_hex(8)
        try:
            self._start()
        except BaseException:
            self._cleanup()
            raise

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def _conf(self, port):
        p = self.prefix
        return f"""# generated by tests/crawl/servers.py
daemon off;
master_process off;
worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 512; }}
http {{
    types {{
        text/html html htm shtml;
        text/css css;
        text/plain txt;
        text/xml xml;
        application/gzip gz;
        application/json json;
        application/pdf pdf;
        application/javascript js;
        image/png png;
        image/svg+xml svg;
        image/jpeg jpg jpeg;
        image/gif gif;
        image/x-icon ico;
    }}
    default_type text/html;
    charset_types text/xml text/plain text/css application/xml;
    log_format hurdle escape=json
        '$msec\\t$request_time\\t$request_method\\t$request_uri\\t$status\\t'
        '$http_user_agent\\t$http_host\\t$connection';
    access_log {p}/access.log hurdle;
    client_body_temp_path {p}/tmp/body;
    proxy_temp_path {p}/tmp/proxy;
    fastcgi_temp_path {p}/tmp/fastcgi;
    uwsgi_temp_path {p}/tmp/uwsgi;
    scgi_temp_path {p}/tmp/scgi;
    sendfile on;
    tcp_nopush off;
    tcp_nodelay on;
    keepalive_timeout 30s;
    keepalive_requests 10000;
    server_tokens off;
    gzip on;
    gzip_min_length 256;
    gzip_types application/xml text/xml application/xhtml+xml;
    server {{
        listen 127.0.0.1:{port};
        server_name _;
        root {self.root};
        location = /__hurdle_nginx_ready__ {{
            access_log off;
            default_type text/plain;
            return 200 "{self._token}";
        }}
{self.extra_conf}
    }}
}}
"""

    def _start(self):
        os.makedirs(os.path.join(self.prefix, "tmp"), exist_ok=True)
        conf = os.path.join(self.prefix, "nginx.conf")
        last_error = ""
        for _ in range(self.ATTEMPTS):
            port = _free_port()
            with open(conf, "w", encoding="utf-8") as f:
                f.write(self._conf(port))
            errlog = os.path.join(self.prefix, "error.log")
            if os.path.exists(errlog):
                os.unlink(errlog)
            self.proc = subprocess.Popen(
                [NGINX, "-p", self.prefix, "-c", conf, "-e", errlog],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=open(os.path.join(self.prefix, "stderr.log"), "wb"),
                start_new_session=True)
            deadline = time.monotonic() + self.START_TIMEOUT
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    break
                if self._ready(port):
                    self.port = port
                    return
                time.sleep(0.02)
            # not ready: find out why, stop it, maybe try another port
            if self.proc.poll() is None:
                self._kill()
            last_error = self._read("error.log") + self._read("stderr.log")
            if "Address already in use" not in last_error and "bind()" not in last_error:
                break
        raise RuntimeError(f"nginx did not start (prefix {self.prefix}):\n{last_error.strip()}")

    def _ready(self, port):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/__hurdle_nginx_ready__")
            r = c.getresponse()
            ok = r.status == 200 and r.read().decode("ascii", "replace") == self._token
            c.close()
            return ok
        except OSError:
            return False

    def _read(self, name):
        try:
            with open(os.path.join(self.prefix, name), encoding="utf-8",
                      errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def requests(self):
        """Every request nginx has answered so far, in the order it finished them."""
        out = []
        for line in self._read("access.log").splitlines():
            parts = line.split("\t")
            if len(parts) != 8:
                continue
            end, rtime, method, uri, status, ua, host, conn = parts
            try:
                end_f = float(end)
                start = end_f - float(rtime)
            except ValueError:
                continue
            out.append(NginxRequest(method=_json_unescape(method), path=_json_unescape(uri),
                                    status=int(status), user_agent=_json_unescape(ua),
                                    time=start, host=_json_unescape(host),
                                    connection=int(conn), end=end_f))
        return out

    def error_log(self):
        return self._read("error.log")

    def _kill(self):
        if self.proc and self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGQUIT)  # graceful: finish, flush logs
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
            except ProcessLookupError:
                pass

    def stop(self):
        self._kill()
        self._cleanup()

    def _cleanup(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=5)
        shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def _free_port():
    """A port that was free a moment ago (the caller retries when it is taken meanwhile)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------------------------
# The hostile server

HOSTS = ("loop.test", "slow.test", "bomb.test", "calendar.test", "retry.test", "reset.test",
         "types.test", "headers.test", "charset.test", "robots-rules.test", "robots-5xx.test",
         "robots-404.test", "robots-redirect.test", "sitemap.test", "sitemap-default.test",
         "auth.test", "other.test", "rate.test", "fanout.test", "elsewhere.test")

RATE_PAGES = 30
FANOUT_SLOW_SECONDS = 1.0
RATE_PAGE_SECONDS = 0.15

# path -> expected page title (decoded)
CHARSET_PAGES = {
    "/header-1252": "Große Straße",
    "/meta-1252": "Café – 5 €",
    "/undeclared": "Müller’s Grüße",
    "/bad-utf8": "Déjà vu",            # followed by invalid bytes: the title starts with this
    "/bogus-header": "Überraschung für Jürgen",
    "/bogus-meta": "Grüße aus Köln",
    "/sjis": "東京 Tokyo",
    "/utf16": "Über uns",
}

# types.test: the paths that are pages (served as HTML), and those that are not
TYPES_PAGES = ("/", "/notype", "/shop.php", "/deals.aspx", "/offer.jsp", "/plain-page",
               "/page.xhtml")
TYPES_NOT_PAGES = ("/img/logo.png", "/css/site.css", "/api/offers.json",
                   "/docs/rebate-form.pdf", "/reports/last-hurdle-report.json",
                   "/download/brochure.html")
TYPES_BINARY_AS_HTML = "/fake.html"
TYPES_PDF_BYTES = 5 * 1024 * 1024

# robots-rules.test: linked from its home page (or listed in its sitemap)
ROBOTS_RULES_ALLOWED = ("/", "/public/index.html", "/private/open.html", "/tie/page.html",
                        "/files/new.html", "/files/old.php?view=1", "/blog/post.html",
                        "/public/from-sitemap.html")
ROBOTS_RULES_DISALLOWED = ("/private/secret.html", "/private/in-sitemap.html", "/files/old.php",
                           "/blog/draft-post.html", "/café/menu.html", "/~user/page.html")

ROBOTS_RULES_TXT = """# hurdle crawl tests: RFC 9309
User-agent: *
Disallow: /

User-agent: otherbot
Allow: /

user-agent: Hurdle
Disallow: /private/
Allow: /private/open.html
Disallow: /tie/
Allow: /tie/
Disallow: /files/*.php$
Disallow: /*/draft-
Disallow: /caf%C3%A9/
Disallow: /%7Euser/
Crawl-delay: 1

Sitemap: {base}/sitemap.xml
"""

BOMB_INFLATED = 1 << 30  # the bomb's size after decompression

_bomb_lock = threading.Lock()
_bomb = None


def gzip_bomb():
    """About 1 MB of gzip that inflates to an HTML page of 1 GiB (built in well under 1 s)."""
    global _bomb
    with _bomb_lock:
        if _bomb is None:
            prefix = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                      "<title>Get $10 back on the Cinder mug</title></head><body>"
                      "<h1>Get $10 back on the Cinder mug</h1>"
                      + REBATE_FORM.format(item="Cinder enamel mug", amount=10,
                                           action="/claim-submit")
                      + "<p><a href=\"/ok.html\">A normal page</a></p><p>").encode()
            suffix = b"</p></body></html>\n"
            chunk = b" " * (1 << 20)
            n = (BOMB_INFLATED - len(prefix) - len(suffix)) // len(chunk)
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
            # after a full flush the compressor starts afresh: every chunk compresses alike
            one = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
            tail = c.compress(suffix) + c.flush(zlib.Z_FINISH)
            crc = zlib.crc32(prefix)
            for _ in range(n):
                crc = zlib.crc32(chunk, crc)
            crc = zlib.crc32(suffix, crc)
            size = len(prefix) + n * len(chunk) + len(suffix)
            _bomb = b"".join([b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", head, one * n,
                              tail, struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF)])
        return _bomb


def _png():
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\x80\x40\x20" * 16 for _ in range(16))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PNG = _png()


def page(title, body="", lang="en", head=""):
    """A small, valid HTML page (str)."""
    t = title.replace("&", "&amp;").replace("<", "&lt;")
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
            f"<title>{t}</title>{head}</head>\n<body><h1>{t}</h1>\n{body}\n</body></html>\n")


def links(*pairs):
    return "<ul>\n" + "\n".join(f"<li><a href=\"{h}\">{text}</a></li>" for h, text in pairs) + \
        "\n</ul>"


REBATE_FORM = """<p>Buy the {item} between March 1 and May 31, 2026 and get a ${amount} prepaid card
by mail-in rebate. Claims must be postmarked within 30 days of purchase. Allow 8-12 weeks for
delivery. Limit one rebate per household.</p>
<form action="{action}" method="post" enctype="multipart/form-data">
<h2>Claim your rebate</h2>
<label for="name">Full name</label> <input id="name" name="name" required autocomplete="name">
<label for="email">Email</label> <input id="email" name="email" type="email" required>
<label for="street">Street address</label> <input id="street" name="street" required>
<label for="zip">ZIP code</label> <input id="zip" name="zip" required>
<label for="receipt">Upload your receipt</label>
<input id="receipt" name="receipt" type="file" required>
<label for="upc">UPC code from the box</label> <input id="upc" name="upc" required>
<button type="submit">Submit my rebate claim</button>
</form>
<p><small>Offer void where prohibited. The prepaid card expires six months after
issue.</small></p>"""


@dataclasses.dataclass
class Request:
    time: float          # time.time() when the request's headers had been read
    mono: float          # time.monotonic() at the same moment
    host: str            # the Host header without its port, lower case
    method: str
    path: str            # as requested: percent-encoding and query kept
    headers: list        # [(name, value)] in the order received
    connection: int      # serial number of the TCP connection
    status: int = 0      # filled in when the answer has been sent (0: none)
    done: float = 0.0    # time.monotonic() when the answer was finished

    def header(self, name):
        """The value of the first header called name (case-insensitive), or None."""
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None

    @property
    def user_agent(self):
        return self.header("User-Agent")

    @property
    def upath(self):
        """The path, percent-decoded (UTF-8)."""
        return urllib.parse.unquote(self.path)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], OSError):  # a client that hangs up is normal
            super().handle_error(request, client_address)  # a bug in a scenario: say so


class HostileServer:
    """The programmable server of the scenarios listed in this module's docstring."""

    def __init__(self, auth_password=None, auth_token=None, auth_session=None):
        self.auth_user = "staging"
        self.auth_password = auth_password or "pw-" + secrets.token_hex(12)
        self.auth_token = auth_token or "tok-" + secrets.token_hex(12)
        self.auth_session = auth_session or "sess-" + secrets.token_hex(12)
        self.hosts = HOSTS
        self._lock = threading.Lock()
        self._log = []
        self._counts = {}
        self._in_flight = {}
        self._max_in_flight = {}
        self._open = {}
        self._max_open = {}
        self._conn_ids = itertools.count(1)
        self.date_retry_at = None  # retry.test /date-retry: the time its Retry-After names
        self.stopping = threading.Event()
        owner = self

        class Handler(_Handler):
            server_owner = owner

        self._server = _Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    # -- for the tests

    def base(self, host):
        return f"http://{host}:{self.port}"

    def resolve_args(self):
        """--resolve options mapping every scenario host to 127.0.0.1."""
        out = []
        for h in self.hosts:
            out += ["--resolve", f"{h}:{self.port}:127.0.0.1"]
        return out

    def requests(self, host=None):
        with self._lock:
            return [r for r in self._log if host is None or r.host == host]

    def max_in_flight(self, host):
        """The most requests to host that were being answered at the same time."""
        with self._lock:
            return self._max_in_flight.get(host, 0)

    def max_connections(self, host):
        """The most TCP connections that had sent requests for host and were open at once."""
        with self._lock:
            return self._max_open.get(host, 0)

    def stop(self):
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    # -- for the handler

    def _count(self, host, path):
        with self._lock:
            k = (host, path)
            self._counts[k] = self._counts.get(k, 0) + 1
            return self._counts[k]

    def _enter(self, rec, conn):
        with self._lock:
            self._log.append(rec)
            h = rec.host
            self._in_flight[h] = self._in_flight.get(h, 0) + 1
            self._max_in_flight[h] = max(self._max_in_flight.get(h, 0), self._in_flight[h])
            if h not in conn.hosts:
                conn.hosts.add(h)
                self._open[h] = self._open.get(h, 0) + 1
                self._max_open[h] = max(self._max_open.get(h, 0), self._open[h])

    def _leave(self, rec):
        with self._lock:
            self._in_flight[rec.host] -= 1
            rec.done = time.monotonic()

    def _closed(self, conn):
        with self._lock:
            for h in conn.hosts:
                self._open[h] -= 1
            conn.hosts.clear()


class _Conn:
    def __init__(self, n):
        self.id = n
        self.hosts = set()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hostile/1.0"
    sys_version = ""
    timeout = 60
    server_owner = None  # HostileServer, set by a subclass

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.conn = _Conn(next(self.server_owner._conn_ids))

    def finish(self):
        try:
            super().finish()
        except OSError:
            pass
        finally:
            self.server_owner._closed(self.conn)

    def do_GET(self):
        self._dispatch()

    do_HEAD = do_GET
    do_POST = do_GET

    # -- answering

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=(), close=False):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except OSError:
                self.close_connection = True
        self.rec.status = status

    def send_page(self, title, body="", **kw):
        self.send(200, page(title, body, **kw))

    def redirect(self, location, status=302):
        self.send(status, page("Moved", f'<p><a href="{location}">Moved here</a></p>'),
                  headers=[("Location", location)])

    def not_found(self):
        self.send(404, page("Not found", "<p>There is no such page.</p>"))

    def raw(self, data):
        """Writes bytes as they are (no status line or headers added)."""
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except OSError:
            self.close_connection = True
            return False

    def _dispatch(self):
        owner = self.server_owner
        host = (self.headers.get("Host") or "").strip().lower()
        host = re.sub(r":\d+$", "", host)
        self.rec = Request(time=time.time(), mono=time.monotonic(), host=host,
                           method=self.command, path=self.path,
                           headers=list(self.headers.items()), connection=self.conn.id)
        owner._enter(self.rec, self.conn)
        try:
            u = urllib.parse.urlsplit(self.path)
            path, query = u.path, urllib.parse.parse_qs(u.query)
            if self.command == "POST":
                n = int(self.headers.get("Content-Length") or 0)
                if n:
                    self.rfile.read(min(n, 1 << 20))
            name = "h_" + re.sub(r"[^a-z0-9]", "_", host)
            fn = getattr(self, name, None)
            if fn is None:
                self.send(421, page("Misdirected", f"<p>No scenario for host {host!r}.</p>"))
            elif path == "/robots.txt" and hasattr(self, "robots_" + name[2:]):
                getattr(self, "robots_" + name[2:])()
            elif path == "/robots.txt" and host != "auth.test":
                self.send(200, "User-agent: *\nDisallow:\n", ctype="text/plain")
            else:
                fn(path, query)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            owner._leave(self.rec)

    # -- scenarios: one method per host (dots and dashes become _)

    def h_loop_test(self, path, q):
        if path == "/":
            self.redirect("/a")
        elif path == "/a":
            self.redirect("/b")
        elif path == "/b":
            self.redirect("/a")
        elif path == "/many":
            self.redirect("/many/1")
        elif re.fullmatch(r"/many/\d+", path):
            n = int(path.rsplit("/", 1)[1])
            if n < 20:
                self.redirect(f"/many/{n + 1}")
            elif n == 20:
                self.send_page("The end of a long chain", "<p>Twenty redirects later.</p>")
            else:
                self.not_found()
        elif path == "/ok.html":
            self.send_page("A normal page", "<p>Nothing to see here.</p>")
        else:
            self.not_found()

    def h_slow_test(self, path, q):
        stop = self.server_owner.stopping
        if path == "/":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            self.rec.status = 200
            if not self.raw(b"<!DOCTYPE html><html><head><title>Slow</title></head><body><p>"):
                return
            deadline = time.monotonic() + 600
            while not stop.wait(1.0) and time.monotonic() < deadline:
                if not self.raw(b"."):
                    return
        elif path == "/stall":
            self.close_connection = True
            stop.wait(600)
        elif path == "/ok.html":
            self.send_page("A normal page", "<p>Fast and small.</p>")
        else:
            self.not_found()

    def h_bomb_test(self, path, q):
        if path == "/":
            self.send(200, gzip_bomb(), headers=[("Content-Encoding", "gzip")])
        elif path == "/ok.html":
            self.send_page("A normal page", "<p>Small and honest.</p>")
        else:
            self.not_found()

    def h_calendar_test(self, path, q):
        if path == "/":
            self.send_page("Trailhead events and offers", links(
                ("/calendar?month=2026-12", "Event calendar"),
                ("/cal/2026/12/", "Monthly archive"),
                ("/events/next/", "Upcoming events"),
                ("/offer/headlamp-rebate.html", "Claim $20 back on the Ridgeline headlamp")))
        elif path == "/calendar":
            m = re.fullmatch(r"(\d{4})-(\d{2})", (q.get("month") or [""])[0])
            if not m:
                return self.not_found()
            y, mo = int(m.group(1)), int(m.group(2))
            py, pm = (y, mo - 1) if mo > 1 else (y - 1, 12)
            ny, nm = (y, mo + 1) if mo < 12 else (y + 1, 1)
            self.send_page(f"Events in {_calendar.month_name[mo]} {y}", links(
                (f"/calendar?month={py:04d}-{pm:02d}", "Previous month"),
                (f"/calendar?month={ny:04d}-{nm:02d}", "Next month"),
                ("/", "Home")))
        elif re.fullmatch(r"/cal/\d{4}/\d{2}/", path):
            y, mo = int(path[5:9]), int(path[10:12])
            if not 1 <= mo <= 12:
                return self.not_found()
            py, pm = (y, mo - 1) if mo > 1 else (y - 1, 12)
            ny, nm = (y, mo + 1) if mo < 12 else (y + 1, 1)
            self.send_page(f"Archive {y}-{mo:02d}", links(
                (f"../../{py:04d}/{pm:02d}/", "Previous month"),
                (f"../../{ny:04d}/{nm:02d}/", "Next month")))
        elif path.startswith("/events/") and path.endswith("/"):
            self.send_page("Upcoming events", "<p>More events are coming.</p>" + links(
                ("next/", "Next events"), ("/", "Home")))
        elif path == "/offer/headlamp-rebate.html":
            self.send_page("Get $20 back on the Ridgeline headlamp", REBATE_FORM.format(
                item="Ridgeline 400 headlamp", amount=20, action="/offer/claim-submit"))
        else:
            self.not_found()

    def h_retry_test(self, path, q):
        owner = self.server_owner
        home = links(("/page", "A page"), ("/five", "Five"), ("/always503", "Always 503"),
                     ("/date-retry", "Date retry"), ("/ok.html", "A normal page"))
        if path in ("/", "/page"):
            n = owner._count("retry.test", path)
            if n <= 2:
                self.send(429, page("Too many requests"), headers=[("Retry-After", "1")])
            elif path == "/":
                self.send_page("Retry home", home)
            else:
                self.send_page("A page after two 429s")
        elif path == "/five":
            n = owner._count("retry.test", path)
            if n <= 2:
                self.send(503, page("Service unavailable"))
            else:
                self.send_page("A page after two 503s")
        elif path == "/always503":
            owner._count("retry.test", path)
            self.send(503, page("Service unavailable"))
        elif path == "/date-retry":
            n = owner._count("retry.test", path)
            if n == 1:
                at = int(time.time()) + 3
                owner.date_retry_at = at
                self.send(429, page("Too many requests"),
                          headers=[("Retry-After", email.utils.formatdate(at, usegmt=True))])
            else:
                self.send_page("A page after an HTTP-date Retry-After")
        elif path == "/ok.html":
            self.send_page("A normal page")
        else:
            self.not_found()

    def h_reset_test(self, path, q):
        if path == "/":
            self.send_page("Reset home", links(("/reset", "Reset"), ("/truncated", "Truncated"),
                                               ("/ok", "A normal page")))
        elif path in ("/reset", "/truncated"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "20000")
            self.end_headers()
            self.rec.status = 200
            self.raw(b"<!DOCTYPE html><html><head><title>Cut</title></head><body><p>"
                     + b"x" * 5000)
            self.close_connection = True
            if path == "/reset":
                time.sleep(0.05)
                sock = self.connection
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.rfile.close()   # drop the makefile reference: close() then really closes
                sock.close()         # with SO_LINGER 0: an RST, mid-body
        elif path == "/ok":
            self.send_page("A normal page")
        else:
            self.not_found()

    def h_types_test(self, path, q):
        html = page("Served as TYPE", "<p>Plain content.</p>")
        if path == "/":
            self.send_page("All kinds of links", links(
                ("/img/logo.png", "Logo"), ("/css/site.css", "Style"),
                ("/api/offers.json", "Offers API"), ("/docs/rebate-form.pdf", "Rebate form (PDF)"),
                ("/reports/last-hurdle-report.json", "Last friction report"),
                ("/download/brochure.html", "Brochure"), ("/fake.html", "Fake page"),
                ("/notype", "No type"), ("/shop.php", "Shop"), ("/deals.aspx", "Deals"),
                ("/offer.jsp", "Offer"), ("/plain-page", "Plain page"),
                ("/page.xhtml", "XHTML page")))
        elif path == "/img/logo.png":
            self.send(200, PNG, ctype="image/png")
        elif path == "/css/site.css":
            self.send(200, "body { font: 16px sans-serif; }\n", ctype="text/css")
        elif path == "/api/offers.json":
            self.send(200, '{"offers": [{"id": 1, "name": "Tent rebate"}]}\n',
                      ctype="application/json")
        elif path == "/docs/rebate-form.pdf":
            body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * (TYPES_PDF_BYTES - 16)
            self.send(200, body, ctype="application/pdf")
        elif path == "/reports/last-hurdle-report.json":
            self.send(200, '{"schema_version": "1.0", "tool": {"name": "hurdle", "version": '
                      '"0.1.0"}, "offerings": [{"name": "<h1>Old</h1>", "kind": "rebate"}]}\n',
                      ctype="application/json")
        elif path == "/download/brochure.html":
            self.send(200, html.replace("TYPE", "octet-stream"), ctype="application/octet-stream")
        elif path == "/fake.html":
            self.send(200, PNG * 8, ctype="text/html")
        elif path == "/notype":
            self.send(200, html.replace("TYPE", "nothing"), ctype=None)
        elif path in ("/shop.php", "/deals.aspx", "/offer.jsp", "/plain-page"):
            self.send(200, html.replace("TYPE", path[1:]), ctype="text/html")
        elif path == "/page.xhtml":
            self.send(200, '<?xml version="1.0" encoding="utf-8"?>\n'
                      '<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head>'
                      '<title>Served as XHTML</title></head><body><h1>Served as XHTML</h1>'
                      '<p>Well-formed.</p></body></html>\n', ctype="application/xhtml+xml")
        else:
            self.not_found()

    def h_headers_test(self, path, q):
        if path == "/":
            self.send_page("Header trouble", links(("/huge", "Huge headers"),
                                                   ("/longline", "A long header"),
                                                   ("/ok", "A normal page")))
        elif path in ("/huge", "/longline"):
            body = page("Behind the headers").encode()
            if path == "/huge":
                extra = b"".join(b"X-Filler-%05d: %s\r\n" % (i, b"f" * 80) for i in range(11000))
            else:
                extra = b"X-Long: " + b"l" * 200_000 + b"\r\n"
            self.rec.status = 200
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + extra
                     + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        elif path == "/ok":
            self.send_page("A normal page")
        else:
            self.not_found()

    def h_charset_test(self, path, q):
        def doc(title, enc, meta=""):
            return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body>"
                    f"<h1>{title}</h1><p>{title}</p></body></html>\n").encode(enc)
        t = CHARSET_PAGES.get(path)
        if path == "/":
            self.send_page("Encodings", links(*((p, p[1:]) for p in CHARSET_PAGES)))
        elif path == "/header-1252":
            self.send(200, doc(t, "cp1252"), ctype="text/html; charset=windows-1252")
        elif path == "/meta-1252":
            self.send(200, doc(t, "cp1252", '<meta charset="windows-1252">'), ctype="text/html")
        elif path == "/undeclared":
            self.send(200, doc(t, "cp1252"), ctype="text/html")
        elif path == "/bad-utf8":
            self.send(200, b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
                      b"D\xc3\xa9j\xc3\xa0 vu \xff\xfe caf\xe9 \xc3</title></head><body>"
                      b"<p>D\xc3\xa9j\xc3\xa0 vu</p></body></html>\n",
                      ctype="text/html; charset=utf-8")
        elif path == "/bogus-header":
            self.send(200, doc(t, "utf-8"), ctype="text/html; charset=x-bogus")
        elif path == "/bogus-meta":
            self.send(200, doc(t, "cp1252", '<meta charset="x-bogus">'), ctype="text/html")
        elif path == "/sjis":
            self.send(200, doc(t, "shift_jis",
                               '<meta http-equiv="Content-Type" '
                               'content="text/html; charset=Shift_JIS">'), ctype="text/html")
        elif path == "/utf16":
            self.send(200, b"\xff\xfe" + doc(t, "utf-16-le"), ctype="text/html")
        else:
            self.not_found()

    def _base(self):
        return f"http://{self.headers.get('Host')}"

    def robots_robots_rules_test(self):
        self.send(200, ROBOTS_RULES_TXT.format(base=self._base()), ctype="text/plain")

    def h_robots_rules_test(self, path, q):
        full = urllib.parse.unquote(self.path)
        if path == "/":
            self.send_page("Robots rules", links(*((p, p) for p in ROBOTS_RULES_ALLOWED[1:-1]
                                                   + ROBOTS_RULES_DISALLOWED
                                                   if p != "/private/in-sitemap.html")))
        elif path == "/sitemap.xml":
            self.send(200, _urlset(self._base(), ["/public/from-sitemap.html",
                                                  "/private/in-sitemap.html"]),
                      ctype="application/xml")
        elif full in ROBOTS_RULES_ALLOWED + ROBOTS_RULES_DISALLOWED:
            self.send_page(f"Page {full}")
        else:
            self.not_found()

    def robots_robots_5xx_test(self):
        self.send(503, "Service unavailable\n", ctype="text/plain")

    def h_robots_5xx_test(self, path, q):
        if path in ("/", "/a.html"):
            self.send_page("Robots 5xx", links(("/a.html", "A")))
        else:
            self.not_found()

    def robots_robots_404_test(self):
        self.not_found()

    def h_robots_404_test(self, path, q):
        if path == "/":
            self.send_page("Robots 404", links(("/a.html", "A"), ("/b.html", "B")))
        elif path in ("/a.html", "/b.html"):
            self.send_page(f"Page {path}")
        else:
            self.not_found()

    def robots_robots_redirect_test(self):
        self.redirect("/robots-moved.txt", 301)

    def h_robots_redirect_test(self, path, q):
        if path == "/robots-moved.txt":
            self.redirect("/real-robots.txt", 302)
        elif path == "/real-robots.txt":
            self.send(200, "User-agent: *\nDisallow: /secret/\n", ctype="text/plain")
        elif path == "/":
            self.send_page("Robots redirect", links(("/open.html", "Open"),
                                                    ("/secret/x.html", "Secret")))
        elif path in ("/open.html", "/secret/x.html"):
            self.send_page(f"Page {path}")
        else:
            self.not_found()

    def robots_sitemap_test(self):
        self.send(200, "User-agent: *\nDisallow:\n\nSitemap: /sitemap_index.xml\n",
                  ctype="text/plain")

    def h_sitemap_test(self, path, q):
        b = self._base()
        if path == "/":
            self.send_page("Sitemaps", links(("/about.html", "About us")))
        elif path == "/sitemap_index.xml":
            self.send(200, '<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                      f'<sitemap><loc>{b}/sitemaps/pages.xml.gz</loc></sitemap>\n'
                      f'<sitemap><loc>{b}/sitemaps/offers.xml</loc>'
                      '<lastmod>2026-03-01</lastmod></sitemap>\n</sitemapindex>\n',
                      ctype="application/xml")
        elif path == "/sitemaps/pages.xml.gz":
            self.send(200, zlib_gzip(_urlset(b, ["/about.html", "/from-gz.html"])),
                      ctype="application/gzip")
        elif path == "/sitemaps/offers.xml":
            self.send(200, _urlset(b, ["/offers/hidden-rebate.html",
                                       f"http://elsewhere.test:{self.server_owner.port}"
                                       "/offer.html"]), ctype="application/xml")
        elif path == "/sitemap.xml":
            self.send(200, _urlset(b, ["/from-default.html"]), ctype="application/xml")
        elif path == "/offers/hidden-rebate.html":
            self.send_page("Get $40 back on the Summit stove", REBATE_FORM.format(
                item="Summit 2 stove", amount=40, action="/offers/submit"))
        elif path in ("/about.html", "/from-gz.html", "/from-default.html"):
            self.send_page(f"Page {path}")
        else:
            self.not_found()

    def h_fanout_test(self, path, q):
        partner = ("http://elsewhere.test/partner", "Our partner")
        deep = [(f"/deep/{i}", f"Story {i}") for i in range(1, 6)]
        deep_only = [(f"/deep-only/{i}", f"Archive {i}") for i in range(1, 4)]
        if path == "/":
            self.send_page("Fan-out", links(("/offers/", "Cashback offers"),
                                            ("/about.html", "About us")))
        elif path == "/offers/":
            self.send_page("Offers", links(("/offers/claim.html", "Claim your rebate"),
                                           ("/offers/terms.html", "Rebate terms")))
        elif path in ("/offers/claim.html", "/offers/terms.html"):
            self.send_page(f"Page {path}", links(*deep, *deep_only, partner))
        elif path == "/about.html":
            time.sleep(FANOUT_SLOW_SECONDS)
            self.send_page("About", links(*deep, ("/deep/6", "Story 6"), partner))
        elif path.startswith("/deep/") or path.startswith("/deep-only/"):
            self.send_page(f"Page {path}")
        else:
            self.not_found()

    def h_sitemap_default_test(self, path, q):
        if path == "/":
            self.send_page("Default sitemap", "<p>Nothing linked.</p>")
        elif path == "/sitemap.xml":
            self.send(200, _urlset(self._base(), ["/only-in-sitemap.html"]),
                      ctype="application/xml")
        elif path == "/only-in-sitemap.html":
            self.send_page("Only in the sitemap")
        else:
            self.not_found()

    def _authorized(self):
        o = self.server_owner
        want = "Basic " + base64.b64encode(
            f"{o.auth_user}:{o.auth_password}".encode()).decode()
        cookies = [c.strip() for c in (self.headers.get("Cookie") or "").split(";")]
        return (self.headers.get("Authorization") == want
                and self.headers.get("X-Staging-Token") == o.auth_token
                and f"session={o.auth_session}" in cookies)

    def h_auth_test(self, path, q):
        if not self._authorized():
            return self.send(401, page("Authorization required"),
                             headers=[("WWW-Authenticate", 'Basic realm="staging"')])
        if path == "/robots.txt":
            self.send(200, "User-agent: *\nDisallow:\n", ctype="text/plain")
        elif path == "/":
            self.send_page("Staging home", links(
                ("/account/rebate.html", "Claim your loyalty rebate"),
                ("/account/ok.html", "Your account"), ("/go-other", "Our partner")))
        elif path == "/account/rebate.html":
            self.send_page("Loyalty rebate: $25 back on boots", REBATE_FORM.format(
                item="Talus hiking boots", amount=25, action="/account/submit"))
        elif path == "/account/ok.html":
            self.send_page("Your account")
        elif path == "/go-other":
            self.redirect(f"http://other.test:{self.server_owner.port}/from-auth")
        else:
            self.not_found()

    def h_other_test(self, path, q):
        if path == "/landing":
            self.send_page("Partner landing page", links(("/partner.html", "About the partner")))
        elif path == "/partner.html":
            self.send_page("About the partner")
        elif path == "/from-auth":
            self.send_page("Welcome from the staging site")
        else:
            self.not_found()

    def robots_rate_test(self):
        self.send(200, "User-agent: *\nDisallow: /rate-private/\n", ctype="text/plain")

    def h_rate_test(self, path, q):
        if path == "/":
            self.send_page("Rate", links(*[(f"/p/{i}", f"Page {i}")
                                           for i in range(1, RATE_PAGES + 1)],
                                         ("/rate-private/x.html", "Private")))
        elif re.fullmatch(r"/p/\d+", path) and 1 <= int(path[3:]) <= RATE_PAGES:
            time.sleep(RATE_PAGE_SECONDS)
            self.send_page(f"Rate page {path[3:]}", "<p>A small page.</p>")
        elif path == "/rate-private/x.html":
            self.send_page("Private")
        else:
            self.not_found()

    def h_elsewhere_test(self, path, q):
        self.send_page("This host must never be reached")


def _urlset(base, paths):
    locs = "".join(f"<url><loc>{p if p.startswith('http') else base + p}</loc></url>\n"
                   for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + locs + '</urlset>\n')


def zlib_gzip(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


if __name__ == "__main__":
    # Manual check: python3 tests/crawl/servers.py [SITE_DIR [NGINX_CONF]]  (Ctrl-C to stop)
    hs = HostileServer()
    print(f"hostile server on 127.0.0.1:{hs.port}; e.g. "
          f"curl --resolve loop.test:{hs.port}:127.0.0.1 http://loop.test:{hs.port}/")
    print(f"auth: staging:{hs.auth_password} X-Staging-Token: {hs.auth_token} "
          f"Cookie: session={hs.auth_session}")
    ng = None
    if len(sys.argv) > 1:
        conf = sys.argv[2] if len(sys.argv) > 2 else ""
        if conf and os.path.isfile(conf):
            with open(conf, encoding="utf-8") as f:
                conf = f.read()
        ng = Nginx(sys.argv[1], conf)
        print(f"nginx on {ng.base} serving {ng.root} (prefix {ng.prefix})")
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        hs.stop()
        if ng:
            ng.stop()
