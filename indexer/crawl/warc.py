"""WARC archives: the HTML responses a crawler saved, each with its URL and HTTP charset."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from indexer.crawl.decode import declared_html_charset, decode, header_charset
from indexer.crawl.files import MAX_DOCUMENT_BYTES, digest, opened
from indexer.crawl.identity import printable
from indexer.documents import Rejected, SourceItem
from indexer.errors import DecodeError


def read_warc(file: Path, origin: str, shown: str | None = None) -> Iterator[SourceItem | Rejected]:
    """Yield the HTML responses of a WARC file; a truncated archive keeps what came before.

    Records that are not HTML responses (requests, metadata, images) are skipped
    silently: a crawl is full of them and they are not documents.  `origin` is the file's
    absolute path (indexer.crawl.identity), `shown` how the user named it.
    """
    shown = shown or printable(file)
    number = 0
    try:
        with opened(file) as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                number += 1
                item = _response(record, origin, number, shown)
                if item is not None:
                    yield item
        if file.name.lower().endswith(".gz") and not _gzip_complete(file):
            yield Rejected(shown, f"broken WARC after {number} responses: the gzip stream is truncated")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Rejected(shown, f"broken WARC after {number} responses: {exc}".strip())
    except Exception as exc:  # zlib errors and warcio internals on truncated input
        yield Rejected(shown, f"broken WARC after {number} responses: {type(exc).__name__}: {exc}")


def _gzip_complete(file: Path) -> bool:
    """warcio stops quietly at a cut gzip member; reading the stream to its end tells."""
    try:
        with gzip.open(file) as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True


def _response(record, origin: str, number: int, shown: str) -> SourceItem | Rejected | None:
    headers = record.http_headers
    content_type = headers.get_header("Content-Type") if headers else None
    if content_type and "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    # Read (and inflate, for a gzip Content-Encoding) one byte past the limit, never the whole
    # body: a 1 MB archive can inflate to gigabytes.  The rest is skipped in bounded blocks.
    data = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
    where = f"{shown}#{url or number}"
    if not data.strip():
        return Rejected(where, "empty response")
    if len(data) > MAX_DOCUMENT_BYTES:
        limit = f"limit {MAX_DOCUMENT_BYTES} for one document"
        return Rejected(where, f"response too large: over {MAX_DOCUMENT_BYTES} bytes ({limit})")
    declared = header_charset(content_type) or declared_html_charset(data)
    try:
        content = decode(data, declared)
    except DecodeError as exc:
        return Rejected(where, str(exc))
    record_origin = f"{origin}#{url or number}"
    fetched = record.rec_headers.get_header("WARC-Date")  # an upper bound of the page's own date
    return SourceItem(
        record_origin, "html", content, url=url, digest=digest(data), file=origin, fetched=fetched
    )
