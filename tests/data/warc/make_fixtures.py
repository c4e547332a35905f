#!/usr/bin/env python3
"""Writes the WARC fixtures of tests/unit/test_warc.c with Python's own gzip, hashlib and uuid,
independently of hurdle's writer. Run once; the outputs are committed.

  python.warc.gz   WARC/1.1, one gzip member per record: warcinfo, request, response, metadata,
                   resource (the response has a payload digest; fixed ids and dates)
  python-1.0.warc  uncompressed WARC/1.0: a target URI in <>, a header continuation line, bare
                   Content-Type parameters, two response records
"""
import base64
import gzip
import hashlib
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def digest(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def record(version, fields, block, extra_lines=b""):
    head = [version.encode(), b"Content-Length: %d" % len(block)]
    for name, value in fields:
        head.append(f"{name}: {value}".encode())
    return b"\r\n".join(head) + b"\r\n" + extra_lines + b"\r\n" + block + b"\r\n\r\n"


def python_warc_gz():
    body = b"<html><title>Rebate</title><p>Mail-in rebate: $50, allow 8-12 weeks.</p></html>\n"
    request = (b"GET /offer HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: fixture/1.0\r\n"
               b"Accept: */*\r\n\r\n")
    response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body)) + body
    info = b"software: make_fixtures.py\r\nformat: WARC File Format 1.1\r\n"
    date = "2024-05-01T12:00:00Z"
    ids = [f"<urn:uuid:00000000-0000-4000-8000-00000000000{i}>" for i in range(5)]
    uri = "https://shop.example/offer"
    recs = [
        record("WARC/1.1", [("WARC-Type", "warcinfo"), ("WARC-Record-ID", ids[0]),
                            ("WARC-Date", date), ("WARC-Filename", "python.warc.gz"),
                            ("Content-Type", "application/warc-fields"),
                            ("WARC-Block-Digest", digest(info))], info),
        record("WARC/1.1", [("WARC-Type", "request"), ("WARC-Record-ID", ids[1]),
                            ("WARC-Date", date), ("WARC-Target-URI", uri),
                            ("WARC-Warcinfo-ID", ids[0]),
                            ("Content-Type", "application/http;msgtype=request"),
                            ("WARC-Block-Digest", digest(request))], request),
        record("WARC/1.1", [("WARC-Type", "response"), ("WARC-Record-ID", ids[2]),
                            ("WARC-Date", "2024-05-01T12:00:00.123456Z"),
                            ("WARC-Target-URI", uri), ("WARC-IP-Address", "192.0.2.7"),
                            ("WARC-Concurrent-To", ids[1]),
                            ("Content-Type", "application/http;msgtype=response"),
                            ("WARC-Block-Digest", digest(response)),
                            ("WARC-Payload-Digest", digest(body))], response),
        record("WARC/1.1", [("WARC-Type", "metadata"), ("WARC-Record-ID", ids[3]),
                            ("WARC-Date", date), ("WARC-Target-URI", uri),
                            ("WARC-Concurrent-To", ids[2]),
                            ("Content-Type", "application/warc-fields")],
               b"via: https://shop.example/\r\nhurdle-friction: 42\r\n"),
        record("WARC/1.1", [("WARC-Type", "resource"), ("WARC-Record-ID", ids[4]),
                            ("WARC-Date", date), ("WARC-Target-URI", "file:///notes.txt"),
                            ("WARC-Truncated", "length"), ("Content-Type", "text/plain")],
               b"notes\n"),
    ]
    with open(os.path.join(HERE, "python.warc.gz"), "wb") as f:
        for r in recs:
            f.write(gzip.compress(r, mtime=0))


def python_warc_10():
    body = b"plain body"
    response = b"HTTP/1.0 404 Not Found\nContent-Type: text/plain\n\n" + body
    date = "2008-04-30T20:48:25Z"
    recs = [
        record("WARC/1.0", [("WARC-Type", "response"),
                            ("WARC-Target-URI", "<http://www.archive.org/robots.txt>"),
                            ("WARC-Date", date),
                            ("WARC-Record-ID", "<urn:uuid:8c0e4a4b-6f5b-4d3e-9c1a-7c1d9b6a0001>"),
                            ("Content-Type", "application/http; msgtype=response"),
                            ("X-Long", "first part")],
               response, extra_lines=b"  second part\r\n\tthird part\r\n"),
        record("WARC/1.0", [("warc-type", "resource"),
                            ("WARC-Target-URI", "dns:www.archive.org"),
                            ("WARC-Date", date),
                            ("WARC-Record-ID", "<urn:uuid:8c0e4a4b-6f5b-4d3e-9c1a-7c1d9b6a0002>"),
                            ("Content-Type", "text/dns")],
               b"20080430204825\nwww.archive.org.\t589\tIN\tA\t207.241.229.39\n"),
    ]
    with open(os.path.join(HERE, "python-1.0.warc"), "wb") as f:
        for r in recs:
            f.write(r)


if __name__ == "__main__":
    python_warc_gz()
    python_warc_10()
