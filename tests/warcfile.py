"""WARC files written by hand for tests: warcio's writer leaves temporary files open, and a
test needs records warcio would not write (a body that inflates to a gigabyte)."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable
from pathlib import Path

HTML = [("Content-Type", "text/html; charset=utf-8")]


def head(url: str, body_length: int, headers: Iterable[tuple[str, str]] = ()) -> bytes:
    """A response record up to its body: WARC headers, then an HTTP/1.1 200 with `headers`."""
    fields = "".join(f"{k}: {v}\r\n" for k, v in list(headers) or HTML)
    http = f"HTTP/1.1 200 OK\r\n{fields}\r\n".encode()
    warc = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-05-12T08:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash((url, body_length))):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + body_length}\r\n\r\n"
    )
    return warc.encode() + http


END = b"\r\n\r\n"


def response(url: str, body: bytes, headers: Iterable[tuple[str, str]] = ()) -> bytes:
    """One whole WARC response record."""
    return head(url, len(body), headers) + body + END


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


def inflating(url: str, size: int, *, encoded: bool) -> bytes:
    """A response whose body inflates to `size` zero bytes, compressed to about a thousandth:
    the record as one gzip member (`encoded=False`: for a .warc.gz), or a plain record whose
    body says `Content-Encoding: gzip` (for a .warc)."""
    chunk, squeeze = bytes(1 << 20), zlib.compressobj(9, zlib.DEFLATED, 31)
    start = b"" if encoded else squeeze.compress(head(url, size))
    zeros = b"".join(squeeze.compress(chunk) for _ in range(size // len(chunk)))
    if encoded:
        return response(url, zeros + squeeze.flush(), [*HTML, ("Content-Encoding", "gzip")])
    return start + zeros + squeeze.compress(END) + squeeze.flush()
