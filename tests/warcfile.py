"""WARC files written by hand for tests: warcio's writer leaves temporary files open, and a
test needs records warcio would not write (a body that inflates to a gigabyte)."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path


def response(url: str, body: bytes, headers: Iterable[tuple[str, str]] = ()) -> bytes:
    """One WARC response record: an HTTP/1.1 200 with `headers` (an HTML type by default)."""
    fields = list(headers) or [("Content-Type", "text/html; charset=utf-8")]
    http = "HTTP/1.1 200 OK\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields) + "\r\n"
    block = http.encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-05-12T08:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash((url, len(body)))):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def write(path: Path, records: Iterable[bytes]) -> Path:
    """A .warc.gz (one gzip member a record, as crawlers write them) or a plain .warc."""
    with open(path, "wb") as out:
        for record in records:
            out.write(gzip.compress(record, 1) if path.name.endswith(".gz") else record)
    return path


def page(title: str, body: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{body}</p></article></body></html>"
    ).encode()
