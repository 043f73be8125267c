"""WARC archives: the HTML responses a crawler saved, each with its URL and HTTP charset."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from indexer.decode import declared_html_charset, decode, header_charset
from indexer.documents import Rejected, SourceItem
from indexer.errors import DecodeError
from indexer.sources import MAX_DOCUMENT_BYTES, digest


def read_warc(file: Path, origin: str) -> Iterator[SourceItem | Rejected]:
    """Yield the HTML responses of a WARC file; a truncated archive keeps what came before.

    Records that are not HTML responses (requests, metadata, images) are skipped
    silently: a crawl is full of them and they are not documents.
    """
    number = 0
    try:
        with file.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                number += 1
                item = _response(record, origin, number, file)
                if item is not None:
                    yield item
        if file.name.lower().endswith(".gz") and not _gzip_complete(file):
            yield Rejected(str(file), f"broken WARC after {number} responses: the gzip stream is truncated")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Rejected(str(file), f"broken WARC after {number} responses: {exc}".strip())
    except Exception as exc:  # zlib errors and warcio internals on truncated input
        yield Rejected(str(file), f"broken WARC after {number} responses: {type(exc).__name__}: {exc}")


def _gzip_complete(file: Path) -> bool:
    """warcio stops quietly at a cut gzip member; reading the stream to its end tells."""
    try:
        with gzip.open(file) as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True


def _response(record, origin: str, number: int, file: Path) -> SourceItem | Rejected | None:
    headers = record.http_headers
    content_type = headers.get_header("Content-Type") if headers else None
    if content_type and "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    data = record.content_stream().read()
    where = f"{file}#{url or number}"
    if not data.strip():
        return Rejected(where, "empty response")
    if len(data) > MAX_DOCUMENT_BYTES:
        limit = f"limit {MAX_DOCUMENT_BYTES} for one document"
        return Rejected(where, f"response too large: {len(data)} bytes ({limit})")
    declared = header_charset(content_type) or declared_html_charset(data)
    try:
        content = decode(data, declared)
    except DecodeError as exc:
        return Rejected(where, str(exc))
    return SourceItem(
        origin=f"{origin}#{url or number}", kind="html", content=content, url=url, digest=digest(data)
    )
