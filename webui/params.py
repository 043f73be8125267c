"""URL parameters → SearchRequest, and back to URL parameters for links.

The parameters are those of the CLI: `q`, `country`, `province`, `year` (each facet may
repeat), `from` and `to` (YYYY, YYYY-MM or YYYY-MM-DD, both included), `page`, `per_page`,
`sort`.  A number that is not a number, or a date in another form, is a BadRequest, as
is anything `SearchRequest.validate` refuses.  Facet values are bounded, not refused: a
request keeps at most MAX_FACET_VALUES of each facet and, given the values the index holds,
drops those it does not (they cannot add a hit), so a URL of 2,000 `country=` values costs
no more than one of thirty; a facet of unknown values alone keeps its first, which matches
nothing, as the interface promises.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import replace

from werkzeug.datastructures import MultiDict

from indexer.errors import BadRequest
from indexer.index.store import FACETS
from indexer.search.run import MAX_QUERY_CHARS, SORTS, SearchRequest

DEFAULT_PER_PAGE = 10
MAX_FACET_VALUES = 30  # values of one facet a request keeps: more than anyone ticks
MAX_VALUE_CHARS = 200  # longer than any facet value; a longer one is unknown anyway
_INTEGER = re.compile(r"[+-]?[0-9]{1,9}")

Known = Mapping[str, Container[str]]  # each facet's values in the index (webui.index.known_values)


def search_request(args: MultiDict, known: Known | None = None, **overrides: object) -> SearchRequest:
    """The SearchRequest a URL asks for; BadRequest for values no page could honour."""
    values = {
        "q": query_text(args),
        "filters": facet_filters(args, known),
        "page": _integer(args, "page", 1),
        "per_page": _integer(args, "per_page", DEFAULT_PER_PAGE),
        "sort": args.get("sort") or "relevance",
        "date_from": args.get("from", "").strip()[:MAX_VALUE_CHARS],
        "date_to": args.get("to", "").strip()[:MAX_VALUE_CHARS],
    }
    request = SearchRequest(**{**values, **overrides})
    request.validate()
    return request


def query_text(args: MultiDict) -> str:
    """The query as typed, without NUL characters (which no document holds)."""
    return args.get("q", "").replace("\x00", "")


def facet_filters(args: MultiDict, known: Known | None = None) -> dict[str, tuple[str, ...]]:
    """Each facet's chosen values, in order, without blanks or repeats, at most MAX_FACET_VALUES;
    with `known`, without values the index does not hold (but the first, if it holds none).

    >>> asked = MultiDict([("country", "Lào"), ("country", "Atlantis"), ("year", "abc"), ("year", "xyz")])
    >>> chosen = facet_filters(asked, {"country": {"Lào"}, "year": {"2023"}})
    >>> chosen["country"], chosen["year"]
    (('Lào',), ('abc',))
    """
    filters = {}
    for name in FACETS:
        values = list(dict.fromkeys(v.strip()[:MAX_VALUE_CHARS] for v in args.getlist(name) if v.strip()))
        if known is not None and values:
            held = known.get(name, ())
            values = [v for v in values if v in held] or values[:1]
        filters[name] = tuple(values[:MAX_FACET_VALUES])
    return filters


def lenient_request(args: MultiDict, known: Known | None = None) -> SearchRequest:
    """What the form should show again after a BadRequest: the query (cut to the length a
    search allows, so the page does not repeat a huge one) and the valid choices."""
    sort = args.get("sort", "")
    q = query_text(args)[:MAX_QUERY_CHARS]
    request = SearchRequest(q, facet_filters(args, known), sort=sort if sort in SORTS else "relevance")
    dates = {"date_from": args.get("from", "").strip()[:10], "date_to": args.get("to", "").strip()[:10]}
    try:
        replace(request, **dates).date_range()
    except BadRequest:  # a malformed date may be what was refused: the form drops it
        return request
    return replace(request, **dates)


def url_params(request: SearchRequest, **changes: object) -> dict[str, object]:
    """The URL parameters of a request, defaults left out; `changes` override (None drops)."""
    params: dict[str, object] = {"q": request.q, **{k: list(v) for k, v in request.filters.items()}}
    params.update({"from": request.date_from, "to": request.date_to})
    params.update(sort=request.sort, per_page=request.per_page, page=request.page)
    params.update(changes)
    defaults = {"q": "", "from": "", "to": "", "sort": "relevance", "per_page": DEFAULT_PER_PAGE, "page": 1}
    return {k: v for k, v in params.items() if v not in (None, [], ()) and defaults.get(k, None) != v}


def _integer(args: MultiDict, name: str, default: int) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    if not _INTEGER.fullmatch(raw):
        raise BadRequest(f"{name} must be a whole number, not {raw[:40]!r}")
    return int(raw)
