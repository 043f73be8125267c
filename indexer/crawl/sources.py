"""Read a crawl: walk paths and turn every file, JSONL line or WARC record into a SourceItem.

This is the only module that touches crawl files.  Anything unreadable becomes a
Rejected with its path and reason instead of an exception, so one broken file never
stops the rest of a crawl from being indexed.
"""

from __future__ import annotations

import codecs
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from indexer.crawl import legacy
from indexer.crawl.decode import declared_html_charset, decode
from indexer.crawl.files import MAX_DOCUMENT_BYTES, NotRegular, digest, not_regular, opened
from indexer.crawl.identity import below, printable
from indexer.crawl.warc import read_warc
from indexer.documents import Rejected, SourceItem
from indexer.errors import DecodeError
from indexer.text import nfc

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
# A JSONL line holds one record: its body (at most the document limit) escaped, plus its fields.
MAX_LINE_BYTES = 4 * MAX_DOCUMENT_BYTES

Read = SourceItem | Rejected


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


class Crawl:
    """The documents under some named paths, and which of those paths could be read at all.

    `roots` (filled while iterating) are the named paths that exist and were listed: only
    below them may a run conclude that a document's source is gone.  `broken` are the files
    and folders below them that could not be read this time: their documents are kept.
    """

    def __init__(self, paths: Iterable[str | Path]) -> None:
        self.paths = [Path(p) for p in paths]
        self.roots: list[str] = []
        self.broken: set[str] = set()

    def __iter__(self) -> Iterator[Read]:
        for given in self.paths:
            for read_item in self._named(given):
                if isinstance(read_item, Rejected):
                    self.broken.add(read_item.file or read_item.path)
                yield read_item

    def _named(self, given: Path) -> Iterator[Read]:
        shown = printable(given)
        if not os.path.lexists(given):
            yield Rejected(shown, "no such file or directory")
            return
        try:
            mode = given.stat().st_mode  # a path named on the command line is followed
        except OSError as exc:
            yield Rejected(shown, f"cannot read: {exc.strerror or exc}")
            return
        real = os.path.realpath(given)
        if stat.S_ISDIR(mode):
            yield from self._folder(given, Path(real))
        elif stat.S_ISREG(mode):
            self.roots.append(printable(real))
            yield from read_file(given, printable(real), shown)
        else:
            yield Rejected(shown, not_regular(mode), printable(real))

    def _folder(self, given: Path, real: Path) -> Iterator[Read]:
        """Every crawl file below a named folder, in a stable order; links only within it."""
        try:
            with os.scandir(given):  # opened, not listed: the walk lists it
                pass
        except OSError as exc:
            yield Rejected(printable(given), f"cannot read folder: {exc.strerror or exc}")
            return
        self.roots.append(printable(real))
        failed: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(given, onerror=failed.append):
            here = Path(dirpath)
            for error in failed:
                where = Path(error.filename or dirpath)
                self.broken.add(printable(real / where.relative_to(given)))
                yield Rejected(printable(where), f"cannot read folder: {error.strerror or error}")
            failed.clear()
            kept = []
            for name in sorted(dirnames):
                if name.startswith("."):
                    continue
                if (here / name).is_symlink():  # never walked: inside, its files are read where they are
                    if not _inside(here / name, real):
                        yield Rejected(printable(here / name), "symlink to a folder outside the crawl folder")
                    continue
                kept.append(name)
            dirnames[:] = kept
            for name in sorted(filenames):
                file = here / name
                if name.startswith(".") or not kind_of(file):
                    continue
                absolute = printable(real / file.relative_to(given))
                refused = _refused(file, real)
                if refused:
                    yield Rejected(printable(file), refused, absolute)
                else:
                    yield from read_file(file, absolute, printable(file))


def read(paths: Iterable[str | Path]) -> Iterator[Read]:
    """Every document in the crawl, ready to extract, or the reason it could not be read."""
    return (ready(item) if isinstance(item, SourceItem) else item for item in Crawl(paths))


def ready(item: SourceItem) -> SourceItem | Rejected:
    """An item whose text is decoded Vietnamese in NFC: a JSONL record's text and title
    repaired here (legacy encodings read as Unicode, mojibake), not when its line is read, so
    that an indexing run pays this only for the records that changed."""
    if not item.awaiting:
        return item
    try:
        body = legacy.repaired(item.content.encode("utf-8", "replace").decode("utf-8"))
        title = legacy.repaired(item.title) if item.title else None
    except DecodeError as exc:
        number = item.awaiting.rsplit(":", 1)[1]
        return Rejected(item.awaiting, f"line {number}: {exc}", item.file)
    return replace(item, content=nfc(body), title=title, awaiting="")


def _inside(link: Path, root: Path) -> bool:
    return below(printable(os.path.realpath(link)), [printable(root)])


def _refused(file: Path, root: Path) -> str | None:
    """Why a file in a crawl folder is not read: a special file (a FIFO would hang the run,
    /dev/zero never ends), or a symlink leading out of the folder (to /etc/passwd, say)."""
    try:
        if file.is_symlink() and not _inside(file, root):
            return "symlink to a file outside the crawl folder (not followed)"
        mode = file.stat().st_mode
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    return None if stat.S_ISREG(mode) else not_regular(mode)


def read_file(file: Path, origin: str, shown: str | None = None) -> Iterator[Read]:
    """The documents of one file; a file that cannot be read is one Rejected.

    `origin` is the file's absolute path as documents record it; `shown` how the user named it.
    """
    shown = shown or printable(file)
    kind = kind_of(file)
    if not file.exists():
        yield Rejected(shown, "no such file or directory", origin)
        return
    if kind is None:
        yield Rejected(shown, "unsupported file type (expected " + ", ".join(SUFFIXES) + ")", origin)
        return
    try:
        if kind == "warc":
            yield from _located(read_warc(file, origin, shown), shown, origin)
            return
        if kind == "jsonl" and _utf8_without_nul(file):
            yield from _located(_jsonl_lines(_streamed_lines(file), shown, origin), shown, origin)
            return
        with opened(file) as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1) if kind in ("text", "html") else handle.read()
        if len(data) > MAX_DOCUMENT_BYTES and kind in ("text", "html"):
            size = file.stat().st_size
            limit = f"limit {MAX_DOCUMENT_BYTES} for one document"
            yield Rejected(shown, f"file too large: {size} bytes ({limit})", origin)
            return
    except NotRegular as exc:
        yield Rejected(shown, str(exc), origin)
        return
    except OSError as exc:
        yield Rejected(shown, f"cannot read: {exc.strerror or exc}", origin)
        return
    if kind == "jsonl":
        yield from _located(read_jsonl(data, shown, origin), shown, origin)
    else:
        yield from _read_document(data, shown, origin, kind)


def _located(items: Iterable[Read], shown: str, origin: str) -> Iterator[Read]:
    """The records of one file, a rejection naming the file it came from."""
    for item in items:
        yield Rejected(item.path, item.reason, origin) if isinstance(item, Rejected) else item


def _read_document(data: bytes, shown: str, origin: str, kind: str) -> Iterator[Read]:
    if not data.strip():
        yield Rejected(shown, "empty file", origin)
        return
    declared = declared_html_charset(data) if kind == "html" else None
    try:
        content = decode(data, declared)
    except DecodeError as exc:
        yield Rejected(shown, str(exc), origin)
        return
    yield SourceItem(origin=origin, kind=kind, content=content, digest=digest(data))


def read_jsonl(data: bytes, shown: str, origin: str) -> Iterator[Read]:
    """One SourceItem per JSON line with `text` or `html`; a bad line is rejected alone."""
    try:
        # Only "\n" ends a JSONL line: splitlines() would also cut at U+2028 or U+0085,
        # which JSON strings may hold raw.  Mojibake is judged record by record.
        lines = decode(data, repair=False).split("\n")
    except DecodeError as exc:
        yield Rejected(shown, str(exc), origin)
        return
    yield from _jsonl_lines(lines, shown, origin)


def _utf8_without_nul(file: Path) -> bool:
    """True when a file is UTF-8 throughout and holds no NUL (so is not UTF-16): checked in
    a streaming pass, so that such a file, the usual JSONL crawl, is then read a line at a
    time instead of whole (a 40,000-article crawl is 160 MB, three times that decoded)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with opened(file) as handle:
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


@dataclass(frozen=True)
class _LongLine:
    """A JSONL line longer than any one record may be: skipped unread, rejected by number."""

    size: int


def _streamed_lines(file: Path) -> Iterator[str | _LongLine]:
    """A UTF-8 file's lines, cut at b"\n" only (U+2028 inside a string is not a line end);
    a line over MAX_LINE_BYTES is passed over in bounded reads, never held whole."""
    with opened(file) as handle:
        number = 0
        while raw := handle.readline(MAX_LINE_BYTES + 1):
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                size = len(raw)
                while (more := handle.readline(1 << 20)) and not more.endswith(b"\n"):
                    size += len(more)
                yield _LongLine(size + len(more))
            else:
                yield (raw.removeprefix(codecs.BOM_UTF8) if number == 0 else raw).decode("utf-8")
            number += 1


def _jsonl_lines(lines: Iterable[str | _LongLine], shown: str, origin: str) -> Iterator[Read]:
    for number, line in enumerate(lines, start=1):
        where = f"{shown}:{number}"
        if isinstance(line, _LongLine):
            limit = f"limit {MAX_LINE_BYTES} for one line"
            yield Rejected(where, f"line {number}: record too large: {line.size} bytes ({limit})")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            item = _jsonl_item(record, origin, number, where)
        except json.JSONDecodeError as exc:
            item = f"invalid JSON ({exc.msg})"
        except RecursionError:
            item = "invalid JSON (nested too deeply)"
        yield item if isinstance(item, SourceItem) else Rejected(where, f"line {number}: {item}")


DATE_FIELDS = ("published", "date", "datePublished", "pubDate", "time")  # as crawlers name it


def _record_date(record: dict) -> str | None:
    """The record's publication date as its crawler wrote it, from the first date field present:
    text (ISO, d/m/Y, an RSS date) or a number of Unix seconds, kept as text for indexer.extract.dates.

    >>> _record_date({"date": "2020-10-01"}), _record_date({"time": 1772843400}), _record_date({"date": True})
    ('2020-10-01', '1772843400', None)
    """
    for name in DATE_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < 1e11:
            return str(int(value))
    return None


def _jsonl_item(record: object, origin: str, number: int, where: str) -> SourceItem | str:
    """A record as an item awaiting its text's repair (`ready`), or why it is none."""
    if not isinstance(record, dict):
        return "not a JSON object"
    body, kind = (record.get("html"), "html") if record.get("html") else (record.get("text"), "text")
    if not isinstance(body, str) or not body.strip():
        return "no `text` or `html`"
    fields = {name: record.get(name) for name in ("url", "title", "source")}
    if any(value is not None and not isinstance(value, str) for value in fields.values()):
        return "`url`, `title` and `source` must be strings"
    section = record.get("category") or record.get("section")
    fields["category"] = section.strip()[:80] or None if isinstance(section, str) else None
    fields["published"] = _record_date(record)
    if len(body) > MAX_DOCUMENT_BYTES:
        return f"record too large: {len(body)} characters (limit {MAX_DOCUMENT_BYTES} for one document)"
    key = record.get("id")
    suffix = f"#{key}" if isinstance(key, (str, int)) and str(key).strip() else f"#{number}"
    raw = json.dumps(record, sort_keys=True, ensure_ascii=False).encode()
    return SourceItem(
        origin=origin + suffix,
        file=origin,
        kind=kind,
        content=body,
        digest=digest(raw),
        awaiting=where,
        **fields,
    )
