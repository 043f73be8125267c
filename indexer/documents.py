"""Plain records passed along the pipeline: crawl → extract → analyse → index → search."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SourceItem:
    """One document's raw material as read from the crawl, before extraction.

    `origin` says where it came from ("corpus/a.txt", "crawl.jsonl#12", "x.warc.gz#3")
    so that a rejected input and a pruned document can be named precisely.
    """

    origin: str
    kind: str  # "text" or "html"
    content: str  # decoded, NFC
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    digest: str = ""


@dataclass(frozen=True)
class Rejected:
    """An input that could not be indexed, and why, for the `rejected` list."""

    path: str
    reason: str
    origin: str | None = None  # the crawl file it came from, so --prune keeps its old documents


@dataclass(frozen=True)
class Extracted:
    """What extraction finds in one page or text file; facets come later."""

    title: str
    text: str
    url: str | None = None
    source: str | None = None
    meta_dates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A release ready to index: display fields plus facet values."""

    id: str
    origin: str
    digest: str
    title: str
    text: str
    url: str | None = None
    source: str | None = None
    published: date | None = None
    year: int | None = None
    year_source: str | None = None
    countries: tuple[str, ...] = field(default_factory=tuple)
    provinces: tuple[str, ...] = field(default_factory=tuple)
    provinces_2025: tuple[str, ...] = field(default_factory=tuple)  # the same places after the 2025 merger
    localities: tuple[str, ...] = field(default_factory=tuple)  # foreign provinces and cities
    story: str | None = None  # the id of the first indexed copy of this text (itself when none)
    minhash: bytes | None = None  # the text's MinHash signature, set when the story is found
