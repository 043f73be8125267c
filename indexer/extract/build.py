"""From a crawled item to a Document: the article, its date and what it is about.

Pure: no index, no files.  The format-specific work lives in `plaintext` and `html`;
this module only picks one, lets the crawl's own metadata (JSONL fields, WARC URL)
override what extraction guessed, and rejects what holds no article.
"""

from __future__ import annotations

import datetime

from indexer.crawl.sources import ready
from indexer.documents import Document, Extracted, Rejected, SourceItem
from indexer.extract.apparatus import article_only
from indexer.extract.dates import find_date, parse_meta_date, today_in_vietnam
from indexer.extract.plaintext import extract_text
from indexer.extract.publishers import publisher
from indexer.extract.webpage import extract_html
from indexer.facets import geography
from indexer.facets.localities import localities
from indexer.facets.merger import provinces_2025
from indexer.index.stories import signature
from indexer.text import nfc

MIN_TEXT_CHARS = 20


def extract(item: SourceItem) -> Extracted:
    """The article in an item, by its kind: HTML pages lose their chrome, text its portal."""
    if item.kind == "html":
        return extract_html(item.content, item.url)
    return extract_text(item.content, _clean(item.title))


def build_document(item: SourceItem, digest: str, today: datetime.date | None = None) -> Document | Rejected:
    """The indexable Document for an item, or why it is not one; `today` (default: today in
    Vietnam) is the day it is indexed, after which no date of it can be."""
    item = ready(item)
    if isinstance(item, Rejected):
        return item
    found = extract(item)
    title = _clean(item.title) or _clean(found.title)
    text = found.text.strip()
    if len(text) < MIN_TEXT_CHARS and not (title and text):
        return Rejected(item.origin, "no article text found", item.file)
    if not title:
        title = text.split("\n", 1)[0][:200]
    meta_dates = ((item.published,) if item.published else ()) + tuple(found.meta_dates)
    when = find_date(text, meta_dates, latest_date(item, today))
    url = _clean(item.url) or _clean(found.url)
    own = article_only(text)  # places in bylines, credits and captions don't decide the facets
    countries, provinces = geography.countries(title, own), geography.provinces(title, own)
    return Document(
        id=item.id,
        key=item.key,
        origin=item.origin,
        file=item.file,
        digest=digest,
        title=title,
        text=text,
        url=url,
        source=publisher(_clean(item.source) or _clean(found.source), url, provinces),
        category=_clean(item.category) or _clean(found.category),
        published=when.published,
        year=when.year,
        year_source=when.year_source,
        countries=countries,
        provinces=provinces,
        provinces_2025=provinces_2025(provinces),
        localities=localities(title, own, countries),
        minhash=signature(text),
    )


def latest_date(item: SourceItem, today: datetime.date | None = None) -> datetime.date:
    """The last day the item can have been published: the day it is indexed, or the day a
    crawler fetched it (its WARC-Date) if earlier.

    >>> item = SourceItem("a.warc#1", "html", "", fetched="2024-05-02T03:00:00Z")
    >>> latest_date(item, datetime.date(2026, 1, 1))
    datetime.date(2024, 5, 2)
    """
    latest = today or today_in_vietnam()
    fetched = parse_meta_date(item.fetched) if item.fetched else None
    return min(latest, fetched) if fetched else latest


def _clean(value: str | None) -> str | None:
    """Whitespace-collapsed NFC, or None for nothing at all."""
    if value is None:
        return None
    value = " ".join(nfc(value).split())
    return value or None
