"""Read a crawl: walk paths and turn every file, JSONL line or WARC record into a SourceItem.

This is the only module that touches crawl files.  Anything unreadable becomes a
Rejected with its path and reason instead of an exception, so one broken file never
stops the rest of a crawl from being indexed.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from indexer import legacy
from indexer.decode import declared_html_charset, decode
from indexer.documents import Rejected, SourceItem
from indexer.errors import DecodeError
from indexer.text import nfc

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
# One press release is tens of kilobytes; pyvi segments ~100-150 KB of text a second, so a
# bigger single document (a .txt or .html file, a JSONL record, a WARC response) is a dump,
# not an article, and would hold a run for minutes: it is rejected as "too large".
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024

Read = SourceItem | Rejected


def digest(data: bytes) -> str:
    """A content fingerprint: equal bytes mean the document needs no re-indexing."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def kind_of(path: Path) -> str | None:
    """Which reader a file needs, from its name; None for files a crawl may carry but we skip.

    >>> kind_of(Path("a.warc.gz")), kind_of(Path("b.HTM")), kind_of(Path("c.png"))
    ('warc', 'html', None)
    """
    name = path.name.lower()
    for suffixes, kind in (
        (WARC_SUFFIXES, "warc"),
        (HTML_SUFFIXES, "html"),
        (JSONL_SUFFIXES, "jsonl"),
        (TEXT_SUFFIXES, "text"),
    ):
        if name.endswith(suffixes):
            return kind
    return None


def walk(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Yield (file, origin) for every file under the given paths, in a stable order.

    The origin is the file's path relative to the folder that was named (or its bare
    name when a file was named), which is what ids fall back to when a page has no URL.
    """
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    file = Path(dirpath) / name
                    if not name.startswith(".") and kind_of(file):
                        yield file, file.relative_to(root).as_posix()
        else:
            yield root, root.name


def read(paths: Iterable[str | Path]) -> Iterator[Read]:
    """Every document in the crawl, or the reason it could not be read."""
    for file, origin in walk(paths):
        for read_item in read_file(file, origin):
            if isinstance(read_item, Rejected):
                read_item = Rejected(read_item.path, read_item.reason, origin)
            yield read_item


def read_file(file: Path, origin: str) -> Iterator[Read]:
    """The documents of one file; a file that cannot be read is one Rejected."""
    kind = kind_of(file)
    if not file.exists():
        yield Rejected(str(file), "no such file or directory")
        return
    if kind is None:
        yield Rejected(str(file), "unsupported file type (expected " + ", ".join(SUFFIXES) + ")")
        return
    try:
        size = file.stat().st_size
        if size > MAX_DOCUMENT_BYTES and kind in ("text", "html"):
            limit = f"limit {MAX_DOCUMENT_BYTES} for one document"
            yield Rejected(str(file), f"file too large: {size} bytes ({limit})")
            return
        if kind == "warc":
            from indexer.warc import read_warc

            yield from read_warc(file, origin)
            return
        if kind == "jsonl" and _utf8_without_nul(file):
            yield from _jsonl_lines(_streamed_lines(file), file, origin)
            return
        data = file.read_bytes()
    except OSError as exc:
        yield Rejected(str(file), f"cannot read: {exc.strerror or exc}")
        return
    if kind == "jsonl":
        yield from read_jsonl(data, file, origin)
    else:
        yield from _read_document(data, file, origin, kind)


def _read_document(data: bytes, file: Path, origin: str, kind: str) -> Iterator[Read]:
    if not data.strip():
        yield Rejected(str(file), "empty file")
        return
    declared = declared_html_charset(data) if kind == "html" else None
    try:
        content = decode(data, declared)
    except DecodeError as exc:
        yield Rejected(str(file), str(exc))
        return
    yield SourceItem(origin=origin, kind=kind, content=content, digest=digest(data))


def read_jsonl(data: bytes, file: Path, origin: str) -> Iterator[Read]:
    """One SourceItem per JSON line with `text` or `html`; a bad line is rejected alone."""
    try:
        # Only "\n" ends a JSONL line: splitlines() would also cut at U+2028 or U+0085,
        # which JSON strings may hold raw.  Mojibake is judged record by record.
        lines = decode(data, repair=False).split("\n")
    except DecodeError as exc:
        yield Rejected(str(file), str(exc))
        return
    yield from _jsonl_lines(lines, file, origin)


def _utf8_without_nul(file: Path) -> bool:
    """True when a file is UTF-8 throughout and holds no NUL (so is not UTF-16): checked in
    a streaming pass, so that such a file, the usual JSONL crawl, is then read a line at a
    time instead of whole (a 40,000-article crawl is 160 MB, three times that decoded)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            if b"\x00" in chunk:
                return False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _streamed_lines(file: Path) -> Iterator[str]:
    """A UTF-8 file's lines, cut at b"\n" only (U+2028 inside a string is not a line end)."""
    with file.open("rb") as handle:
        for number, raw in enumerate(handle):
            yield (raw.removeprefix(codecs.BOM_UTF8) if number == 0 else raw).decode("utf-8")


def _jsonl_lines(lines: Iterable[str], file: Path, origin: str) -> Iterator[Read]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{file}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(where, f"line {number}: invalid JSON ({exc.msg})")
            continue
        item = _jsonl_item(record, origin, number)
        yield item if isinstance(item, SourceItem) else Rejected(where, f"line {number}: {item}")


def _jsonl_item(record: object, origin: str, number: int) -> SourceItem | str:
    if not isinstance(record, dict):
        return "not a JSON object"
    body, kind = (record.get("html"), "html") if record.get("html") else (record.get("text"), "text")
    if not isinstance(body, str) or not body.strip():
        return "no `text` or `html`"
    fields = {name: record.get(name) for name in ("url", "title", "published", "source")}
    if any(value is not None and not isinstance(value, str) for value in fields.values()):
        return "`url`, `title`, `published` and `source` must be strings"
    if len(body) > MAX_DOCUMENT_BYTES:
        return f"record too large: {len(body)} characters (limit {MAX_DOCUMENT_BYTES} for one document)"
    try:
        body = legacy.repaired(body.encode("utf-8", "replace").decode("utf-8"))
        fields["title"] = legacy.repaired(fields["title"]) if fields["title"] else None
    except DecodeError as exc:
        return str(exc)
    key = record.get("id")
    suffix = f"#{key}" if isinstance(key, (str, int)) and str(key).strip() else f"#{number}"
    raw = json.dumps(record, sort_keys=True, ensure_ascii=False).encode()
    return SourceItem(
        origin=origin + suffix,
        kind=kind,
        content=nfc(body),
        digest=digest(raw),
        **fields,
    )
