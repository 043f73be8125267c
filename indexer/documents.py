"""Plain records passed along the pipeline: crawl → extract → analyse → index → search."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from indexer.crawl.identity import doc_id, url_key

MAX_REASON_CHARS = 300


@dataclass(frozen=True)
class SourceItem:
    """One document's raw material as read from the crawl, before extraction.

    `origin` says where it came from ("/crawls/a.txt", "/crawls/feed.jsonl#12",
    "/crawls/x.warc.gz#https://…"): the absolute path of its `file` (see indexer.crawl.identity),
    plus the record within it, so that a pruned document and a rejected input are named
    precisely and a prune can tell which folder a document came from.
    """

    origin: str
    kind: str  # "text" or "html"
    content: str  # decoded, NFC
    url: str | None = None
    title: str | None = None
    published: str | None = None  # the crawl's own date for it (a JSONL field), unparsed
    source: str | None = None
    category: str | None = None  # a JSONL record's `category` (or `section`)
    digest: str = ""
    fetched: str | None = None  # when a crawler fetched it (a WARC-Date): it was published by then
    file: str = ""  # the crawl file, absolute; the origin itself when not given
    # A JSONL record's line ("feed.jsonl:12") while its text and title are still as the crawl
    # wrote them: indexer.crawl.sources.ready repairs and normalises them where the item is
    # extracted, so an unchanged record costs a run its digest only.  "" once ready.
    awaiting: str = ""

    def __post_init__(self) -> None:
        if not self.file:
            object.__setattr__(self, "file", self.origin)

    @property
    def key(self) -> str:
        """What makes two items one release: the crawl's URL for it, else where it lies."""
        return url_key(self.url) or self.origin

    @property
    def id(self) -> str:
        return doc_id(self.key)


@dataclass(frozen=True)
class Rejected:
    """An input that could not be indexed, and why, for the `rejected` list."""

    path: str
    reason: str
    file: str | None = None  # the crawl file it came from, absolute, so --prune keeps its documents
    traceback: str | None = None  # where a bug met by this input was raised (`index --verbose`)

    def __post_init__(self) -> None:
        # A parser's message may quote the input (warcio quotes a broken record's first line,
        # which can be megabytes of it): a reason is a line for a person, not a dump.
        if len(self.reason) > MAX_REASON_CHARS:
            object.__setattr__(self, "reason", self.reason[: MAX_REASON_CHARS - 1] + "…")


@dataclass(frozen=True)
class Extracted:
    """What extraction finds in one page or text file; facets come later."""

    title: str
    text: str
    url: str | None = None
    source: str | None = None
    meta_dates: tuple[str, ...] = ()
    category: str | None = None  # the outlet's section ("Kinh tế", "Thời sự"), as the page says


@dataclass(frozen=True)
class Document:
    """A release ready to index: display fields plus facet values."""

    id: str
    key: str  # indexer.crawl.identity: the URL or the place it lies, which `id` is the hash of
    origin: str
    file: str
    digest: str
    title: str
    text: str
    url: str | None = None
    source: str | None = None
    category: str | None = None  # the crawl's or the page's section for it, as given
    published: date | None = None
    year: int | None = None
    year_source: str | None = None
    countries: tuple[str, ...] = field(default_factory=tuple)
    provinces: tuple[str, ...] = field(default_factory=tuple)
    provinces_2025: tuple[str, ...] = field(default_factory=tuple)  # the same places after the 2025 merger
    localities: tuple[str, ...] = field(default_factory=tuple)  # foreign provinces and cities
    story: str | None = None  # the id of the first indexed copy of this text (itself when none)
    minhash: bytes | None = None  # the text's MinHash signature, set when the story is found
