"""The one search function behind the CLI, the JSON API, the page and the feed.

A search is: parse the query, find every matching document as a boolean array, AND
in the facet filters, count each facet with the *other* facets' filters (disjunctive
counts), then rank or sort just the requested page and write its snippets.  Syndicated
copies of one story give one hit and are counted once (indexer/search/grouping.py); `iter_matches`
walks every hit of a search, without snippets, or with `copies=True` every matching document,
for exports.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from indexer.engines.base import Scope, Snapshot
from indexer.errors import BadRequest
from indexer.facets.facet_fields import FACETS as FACET_FIELDS
from indexer.facets.facet_fields import NAMES as FACETS
from indexer.search import grouping, timeline
from indexer.search.query import expansions, marks_for, parse, plan, suggestion, typed_marks
from indexer.search.snippets import lead, snippet
from indexer.text import fold

SORTS = ("relevance", "newest", "oldest")
MAX_QUERY_CHARS = 1000
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
HEAD_START = 256  # matches sorted first for a page (indexer.search.run._head), eight times more until enough


@dataclass(frozen=True)
class SearchRequest:
    """What a person asked for; the same fields as the URL parameters."""

    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 10
    sort: str = "relevance"
    date_from: str = ""  # `from`: YYYY, YYYY-MM or YYYY-MM-DD, included; "" for open
    date_to: str = ""  # `to`, likewise

    def validate(self) -> None:
        """Raise BadRequest for values no page could honour."""
        self.date_range()
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

    def date_range(self) -> tuple[int | None, int | None]:
        """The range as YYYYMMDD bounds (None: open); BadRequest for a date in another form."""
        return timeline.bound(self.date_from, end=False), timeline.bound(self.date_to, end=True)


@dataclass
class Hit:
    """One result: a story's representative copy.  Every facet's hit key is a field (FACETS)."""

    id: str
    title: str
    url: str | None
    source: str | None
    published: str | None
    year: int | None
    countries: list[str]
    provinces: list[str]
    province_2025: list[str]
    locality: list[str]
    story: str  # the id of the story's first indexed copy: the same for all its copies
    copies: int = 0  # how many other documents tell the same story (listed on its page)
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
    timeline: list[dict[str, object]] = field(default_factory=list)  # {"period", "count"}: hits per period
    suggestion: str | None = None
    widened: dict[str, object] | None = None  # {"query", "total"}: the same words without accents
    near: list[Hit] = field(default_factory=list)  # "gần đúng": all words but one (the page's)
    # Each prefix typed and how many syllables it stood for, `cut` when there were more.
    expansions: list[dict[str, object]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The API's object; `near` and `expansions` are the page's until the interface names them."""
        data = asdict(self)
        del data["near"], data["expansions"]
        return data


def document_fields(stored: Mapping[str, object]) -> dict[str, object]:
    """The public fields of a stored document, shared by hits and /api/doc (but `copies`)."""
    fields: dict[str, object] = {
        "id": stored["id"],
        "title": stored.get("title") or "",
        "url": stored.get("url"),
        "published": stored.get("published"),
    }
    fields.update((facet.hit_key, facet.hit_value(stored)) for facet in FACET_FIELDS)
    fields["story"] = stored.get("story") or stored["id"]
    return fields


@dataclass
class _Selection:
    """What a request picks out of a snapshot, before any page is cut."""

    node: object
    matches: np.ndarray  # the query alone (where counts need it: in the range, every filter but one)
    scores: np.ndarray | None  # each document's relevance; None for an empty query
    masks: dict[str, np.ndarray]  # each chosen facet's filter
    selected: np.ndarray  # the query and every filter
    scope: Scope  # every filter and the date range, without the query (`within`, its mask)
    planned: object  # the query's plan; None when there is nothing to search for

    @property
    def within(self) -> np.ndarray:
        return self.scope.mask


def _select(snap: Snapshot, request: SearchRequest) -> _Selection:
    request.validate()
    node = parse(request.q)
    planned = plan(node, snap.vocabulary()) if node is not None else None
    start, end = request.date_range()
    within = np.ones(snap.size, dtype=bool)
    if start is not None or end is not None:  # the range narrows the query itself: facet counts follow it
        within = timeline.in_range(snap.dates, start, end)
    chosen = {name: tuple(values) for name, values in request.filters.items() if values}
    masks = {name: snap.facets[name].mask(values, snap.size) for name, values in chosen.items()}
    if planned is not None:
        matches, scores = snap.engine.run(planned, _counted(within, start, end, chosen, masks))
    else:  # nothing to search for: everything when nothing was typed, else nothing
        matches = snap.live.copy() if not request.q.strip() else np.zeros(snap.size, dtype=bool)
        scores = None
    if start is not None or end is not None:
        matches &= within
    for mask in masks.values():
        within = within & mask
    scope = Scope(within, start, end, chosen)
    return _Selection(node, matches, scores, masks, matches & within, scope, planned)


def _counted(dated: np.ndarray, start, end, chosen, masks) -> Scope | None:
    """Where the query's matches are needed: in the date range, holding every filter but one
    at most (a facet is counted under the *other* facets' filters)."""
    if len(masks) < 2:
        return Scope(dated, start, end) if start is not None or end is not None else None
    held = np.add.reduce([m.astype(np.int8) for m in masks.values()], dtype=np.int8)
    return Scope(dated & (held >= len(masks) - 1), start, end, chosen, spare=1)


def search(snap: Snapshot, request: SearchRequest) -> SearchResult:
    """Run one search against a snapshot of the index."""
    found = _select(snap, request)
    total, facets = _tally(snap, request, found)
    start = (request.page - 1) * request.per_page
    ranked = [] if start >= total else _ordered(snap, found, request.sort, start + request.per_page)[start:]
    marks = marks_for(found.node, snap.vocabulary())
    hits = [_shown(snap, docnum, score, marks, found.node) for docnum, score in ranked]
    hint = suggestion(found.node, snap.vocabulary(), snap.engine.beside)
    wider = _widened(snap, request, found.node, total)
    periods = timeline.timeline(snap.dates, found.selected, snap.grouped)
    near = _near(snap, request, found, ranked, marks)
    grown = expansions(found.node, snap.vocabulary())
    return SearchResult(
        request.q, total, request.page, request.per_page, hits, facets, periods, hint, wider, near, grown
    )


def tally(snap: Snapshot, request: SearchRequest) -> tuple[int, dict[str, list[dict[str, object]]]]:
    """A search's total and facet counts alone, without hits: what a batch asks of each term."""
    return _tally(snap, request, _select(snap, request))


def _tally(snap: Snapshot, request: SearchRequest, found: _Selection):
    chosen = request.filters
    facets = {name: _counts(snap, name, found.matches, found.masks, chosen.get(name, ())) for name in FACETS}
    return grouping.distinct(found.selected, snap.grouped), facets


def _near(snap: Snapshot, request: SearchRequest, found: _Selection, ranked, marks) -> list[Hit]:
    """Under fewer than a page of hits, releases holding every word of the query but one,
    best first, one a story and none of the hits' stories, to fill the page: marked "gần
    đúng" and counted in no total, so a journalist's five words find the story that lacks one."""
    if request.page != 1 or len(ranked) >= request.per_page or found.planned is None:
        return []
    near = snap.engine.near(found.planned, found.scope)
    if near is None:
        return []
    matched, scores = near
    docnums = np.flatnonzero(matched & found.within)
    docnums = docnums[np.lexsort((docnums, -scores[docnums]))]
    shown = {int(snap.grouped[d]) for d, _ in ranked} if snap.grouped is not None else set()
    hits = []
    for at in grouping.first_per_story(docnums, snap.grouped):
        docnum = int(docnums[at])
        if snap.grouped is not None and int(snap.grouped[docnum]) in shown:
            continue
        hits.append(_shown(snap, docnum, scores[docnum], marks, found.node))
        if len(hits) + len(ranked) >= request.per_page:
            break
    return hits


def _shown(snap: Snapshot, docnum: int, score: float, marks, node, stored=None) -> Hit:
    """A hit as a page shows it: its snippet marks the query, or is the lead without one."""
    stored = stored if stored is not None else snap.stored(docnum)
    text = stored.get("text") or ""
    marked = snippet(text, marks) if node is not None else lead(text)
    return _hit(snap, docnum, stored, snippet=marked, score=round(float(score), 4))


def _widened(snap: Snapshot, request: SearchRequest, node, total: int) -> dict[str, object] | None:
    """An accented query that finds less than a page: how many the same words find typed bare
    (every reading), under the same filters, when that is more: the page links to it."""
    if node is None or total >= request.per_page or not typed_marks(node):
        return None
    bare = fold(request.q)
    wider = grouping.distinct(_select(snap, replace(request, q=bare, page=1)).selected, snap.grouped)
    return {"query": bare, "total": wider} if wider > total else None


def iter_matches(
    snap: Snapshot, request: SearchRequest, *, copies: bool = False, snippets: bool = False
) -> Iterator[Hit]:
    """Every hit of a search, all pages, in its order: as many as its `total`.

    With `copies`, every matching document instead (what an export promises): each hit's
    matching copies follow it, sharing its `story`, so a spreadsheet can group them.  With
    `snippets`, each has its snippet as a page shows it (0.5 ms a hit), else none.
    `page` and `per_page` are ignored.  The order is worked out first (cheap: arrays of
    document numbers), then stored fields are read one hit at a time, so an export of the
    whole index streams without holding it in memory.
    """
    for hit, _ in iter_stored(snap, request, copies=copies, snippets=snippets):
        yield hit


def iter_stored(
    snap: Snapshot, request: SearchRequest, *, copies: bool = False, snippets: bool = False
) -> Iterator[tuple[Hit, Mapping[str, object]]]:
    """`iter_matches`, each hit with its stored fields (an export's extra columns)."""
    found = _select(snap, request)
    marks = marks_for(found.node, snap.vocabulary()) if snippets else None
    for docnum, score in _ordered(snap, found, request.sort, None, grouped=not copies):
        stored = snap.stored(docnum)
        if snippets:
            yield _shown(snap, docnum, score, marks, found.node, stored), stored
        else:
            yield _hit(snap, docnum, stored, score=round(float(score), 4)), stored


def _hit(snap: Snapshot, docnum: int, stored: Mapping[str, object], **extra: object) -> Hit:
    return Hit(**document_fields(stored), copies=snap.copies(docnum), **extra)


def _counts(snap, name, matches, masks, chosen) -> list[dict[str, object]]:
    """Counts for one facet under the query and every *other* facet's filter."""
    base = matches.copy()
    for other, mask in masks.items():
        if other != name:
            base &= mask
    facet = snap.facets[name]
    counts = facet.counts(base, snap.grouped)
    listed = [{"value": v, "count": int(c)} for v, c in zip(facet.values, counts, strict=True) if c]
    listed += [{"value": v, "count": 0} for v in chosen if v not in facet.index or not counts[facet.index[v]]]
    return sorted(listed, key=lambda item: (-item["count"], fold(item["value"]).lower(), item["value"]))


def _ordered(
    snap: Snapshot, found: _Selection, sort: str, limit: int | None, grouped: bool = True
) -> list[tuple[int, float]]:
    """The first `limit` (None: all) hits as (docnum, score), one per story (or, not `grouped`,
    every document, a story's copies after its first): by score, or by date from the
    snapshot's array; ties keep index order."""
    docnums = np.flatnonzero(found.selected)
    if found.scores is not None and sort == "relevance":
        scores = found.scores[docnums]
        primary, tie = -scores, docnums
    else:
        scores = np.zeros(docnums.size, dtype=np.float32)
        dates = snap.dates[docnums]
        if sort == "oldest":
            primary, tie = np.where(dates == 0, np.iinfo(np.int64).max, dates), docnums
        else:
            primary, tie = -dates, -docnums
    pick = grouping.first_per_story if grouped else grouping.by_story
    if limit is None:
        order = np.lexsort((tie, primary))
    else:
        order = _head(primary, tie, lambda head: pick(docnums[head], snap.grouped).size >= limit)
    docnums, scores = docnums[order], scores[order]
    kept = pick(docnums, snap.grouped)[:limit]
    return [(int(docnums[i]), float(scores[i])) for i in kept]


def _head(primary: np.ndarray, tie: np.ndarray, enough) -> np.ndarray:
    """Positions sorted by (primary, tie): a head of the full order long enough for `enough`,
    else all of it.  A page needs the first few of 100,000s of matches, so the matches are cut
    at a partition first and only those at or before the cut are sorted: everything after it
    sorts later, so the head is exactly the full order's."""
    wanted = HEAD_START
    while wanted < primary.size:
        cut = np.partition(primary, wanted - 1)[wanted - 1]
        head = np.flatnonzero(primary <= cut)
        head = head[np.lexsort((tie[head], primary[head]))]
        if enough(head):
            return head
        wanted *= 8
    return np.lexsort((tie, primary))
