"""The one search function behind the CLI, the JSON API, the page and the feed.

A search is: parse the query, find every matching document as a boolean array, AND
in the facet filters, count each facet with the *other* facets' filters (disjunctive
counts), then rank or sort just the requested page and write its snippets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

import numpy as np

from indexer.errors import BadRequest
from indexer.query import compile_query, marks_for, parse
from indexer.snapshot import Snapshot
from indexer.snippets import lead, snippet
from indexer.store import FACETS, SEPARATOR

SORTS = ("relevance", "newest", "oldest")
MAX_QUERY_CHARS = 1000
MAX_PER_PAGE = 100
MAX_PAGE = 10_000


@dataclass(frozen=True)
class SearchRequest:
    """What a person asked for; the same fields as the URL parameters."""

    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 10
    sort: str = "relevance"

    def validate(self) -> None:
        """Raise BadRequest for values no page could honour."""
        if len(self.q) > MAX_QUERY_CHARS:
            raise BadRequest(f"query too long: {len(self.q)} characters (limit {MAX_QUERY_CHARS})")
        if not 1 <= self.page <= MAX_PAGE:
            raise BadRequest(f"page must be between 1 and {MAX_PAGE}")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise BadRequest(f"per_page must be between 1 and {MAX_PER_PAGE}")
        if self.sort not in SORTS:
            raise BadRequest(f"sort must be one of {', '.join(SORTS)}")
        unknown = set(self.filters) - set(FACETS)
        if unknown:
            raise BadRequest(f"unknown facet: {', '.join(sorted(unknown))}")


@dataclass
class Hit:
    id: str
    title: str
    url: str | None
    source: str | None
    published: str | None
    year: int | None
    countries: list[str]
    provinces: list[str]
    snippet: str = ""
    score: float = 0.0


@dataclass
class SearchResult:
    """Exactly the JSON object of GET /api/search."""

    query: str
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, list[dict[str, object]]]
    suggestion: str | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def document_fields(stored: Mapping[str, object]) -> dict[str, object]:
    """The public fields of a stored document, shared by hits and /api/doc."""
    year = stored.get("year")
    return {
        "id": stored["id"],
        "title": stored.get("title") or "",
        "url": stored.get("url"),
        "source": stored.get("source"),
        "published": stored.get("published"),
        "year": int(year) if year else None,
        "countries": _split(stored.get("country")),
        "provinces": _split(stored.get("province")),
    }


def _split(value: object) -> list[str]:
    return [v for v in str(value or "").split(SEPARATOR) if v]


def search(snap: Snapshot, request: SearchRequest) -> SearchResult:
    """Run one search against a snapshot of the index."""
    request.validate()
    node = parse(request.q)
    whoosh_query = compile_query(node, snap.searcher.reader()) if node is not None else None
    matches = _matches(snap, whoosh_query, request.q)
    masks = {
        name: snap.facets[name].mask(tuple(values), snap.size)
        for name, values in request.filters.items()
        if values
    }
    selected = matches.copy()
    for mask in masks.values():
        selected &= mask
    facets = {name: _counts(snap, name, matches, masks, request.filters.get(name, ())) for name in FACETS}
    total = int(selected.sum())
    start = (request.page - 1) * request.per_page
    ranked = _page(snap, whoosh_query, selected, request, start, total)
    marks = marks_for(node, snap.searcher.reader())
    hits = []
    for docnum, score in ranked:
        stored = snap.stored(docnum)
        text = stored.get("text") or ""
        marked = snippet(text, marks) if node is not None else lead(text)
        hits.append(Hit(**document_fields(stored), snippet=marked, score=round(float(score), 4)))
    return SearchResult(request.q, total, request.page, request.per_page, hits, facets)


def _matches(snap: Snapshot, whoosh_query, q: str) -> np.ndarray:
    if not q.strip():
        return snap.live.copy()
    found = np.zeros(snap.size, dtype=bool)
    if whoosh_query is None:
        return found
    docnums = np.fromiter(snap.searcher.docs_for_query(whoosh_query), dtype=np.int64)
    found[docnums] = True
    return found & snap.live


def _counts(snap, name, matches, masks, chosen) -> list[dict[str, object]]:
    """Counts for one facet under the query and every *other* facet's filter."""
    base = matches.copy()
    for other, mask in masks.items():
        if other != name:
            base &= mask
    rows = snap.facets[name]
    counts = (rows.rows & base).sum(axis=1) if len(rows.values) else np.zeros(0, dtype=int)
    listed = [{"value": v, "count": int(c)} for v, c in zip(rows.values, counts, strict=True) if c]
    listed += [{"value": v, "count": 0} for v in chosen if v not in rows.index or not counts[rows.index[v]]]
    return sorted(listed, key=lambda item: (-item["count"], item["value"]))


def _page(snap, whoosh_query, selected, request, start, total) -> list[tuple[int, float]]:
    """The requested page: by score through Whoosh, or by date from the snapshot's array."""
    if start >= total:
        return []
    end = start + request.per_page
    if whoosh_query is not None and request.sort == "relevance":
        allowed = None if selected.sum() == snap.live.sum() else set(np.flatnonzero(selected).tolist())
        results = snap.searcher.search(whoosh_query, limit=end, filter=allowed)
        return [(hit.docnum, hit.score or 0.0) for hit in results[start:end]]
    docnums = np.flatnonzero(selected)
    dates = snap.dates[docnums]
    if request.sort == "oldest":
        order = np.lexsort((docnums, np.where(dates == 0, np.iinfo(np.int64).max, dates)))
    else:
        order = np.lexsort((-docnums, -dates))
    return [(int(d), 0.0) for d in docnums[order][start:end]]
