"""URL parameters → SearchRequest, and back to URL parameters for links.

The parameters are those of the CLI: `q`, `country`, `province`, `year` (each facet may
repeat), `page`, `per_page`, `sort`.  A number that is not a number is a BadRequest, as
is anything `SearchRequest.validate` refuses; facet values are passed through untouched,
so an unknown one simply matches nothing.
"""

from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from indexer.errors import BadRequest
from indexer.search import SORTS, SearchRequest
from indexer.store import FACETS

DEFAULT_PER_PAGE = 10
_INTEGER = re.compile(r"[+-]?[0-9]{1,9}")


def search_request(args: MultiDict, **overrides: object) -> SearchRequest:
    """The SearchRequest a URL asks for; BadRequest for values no page could honour."""
    values = {
        "q": query_text(args),
        "filters": facet_filters(args),
        "page": _integer(args, "page", 1),
        "per_page": _integer(args, "per_page", DEFAULT_PER_PAGE),
        "sort": args.get("sort") or "relevance",
    }
    request = SearchRequest(**{**values, **overrides})
    request.validate()
    return request


def query_text(args: MultiDict) -> str:
    """The query as typed, without NUL characters (which no document holds)."""
    return args.get("q", "").replace("\x00", "")


def facet_filters(args: MultiDict) -> dict[str, tuple[str, ...]]:
    """Each facet's chosen values, in order, without blanks or repeats."""
    return {
        name: tuple(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip())) for name in FACETS
    }


def lenient_request(args: MultiDict) -> SearchRequest:
    """What the form should show again after a BadRequest: the query and the valid choices."""
    sort = args.get("sort", "")
    return SearchRequest(query_text(args), facet_filters(args), sort=sort if sort in SORTS else "relevance")


def url_params(request: SearchRequest, **changes: object) -> dict[str, object]:
    """The URL parameters of a request, defaults left out; `changes` override (None drops)."""
    params: dict[str, object] = {"q": request.q, **{k: list(v) for k, v in request.filters.items()}}
    params.update(sort=request.sort, per_page=request.per_page, page=request.page)
    params.update(changes)
    defaults = {"q": "", "sort": "relevance", "per_page": DEFAULT_PER_PAGE, "page": 1}
    return {k: v for k, v in params.items() if v not in (None, [], ()) and defaults.get(k, None) != v}


def _integer(args: MultiDict, name: str, default: int) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    if not _INTEGER.fullmatch(raw):
        raise BadRequest(f"{name} must be a whole number, not {raw[:40]!r}")
    return int(raw)
