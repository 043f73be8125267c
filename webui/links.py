"""What the search page shows besides the result: facet panels, chosen filters, pages, sorts.

Each function turns the request and the result's plain dicts into more plain dicts with
ready-made URLs, so the template only displays (Datasette's facet shape: value, count,
selected).
"""

from __future__ import annotations

import re

from flask import url_for

from indexer.engines.whoosh_snapshot import UNKNOWN_YEAR
from indexer.facets.facet_fields import FACETS
from indexer.facets.place_labels import locality_label
from indexer.facets.place_labels import place_labels as place_labels_of
from indexer.search.run import MAX_PAGE, SearchRequest
from webui.params import url_params

FACET_LABELS = {facet.name: facet.label for facet in FACETS}
SORT_LABELS = {"relevance": "Phù hợp nhất", "newest": "Mới nhất", "oldest": "Cũ nhất"}
UNKNOWN_YEAR_LABEL = "Không rõ năm"
SHOWN_VALUES = 10
PAGE_WINDOW = 2
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def web_link(url: object) -> str | None:
    """An original URL fit for an href: http(s) only, so `javascript:` is never a link."""
    return url.strip() if isinstance(url, str) and _WEB_URL.fullmatch(url.strip()) else None


def search_url(request: SearchRequest, endpoint: str = "views.search_page", **changes: object) -> str:
    """The URL of `endpoint` for this request with some parameters changed."""
    return url_for(endpoint, **url_params(request, **changes))


def facet_panels(request: SearchRequest, facets: dict[str, list[dict]]) -> list[dict[str, object]]:
    """One panel per facet: the chosen and largest values first, the rest folded away."""
    panels = []
    for name, values in facets.items():
        chosen = set(request.filters.get(name, ()))
        shown: list[dict] = []
        more: list[dict] = []
        for i, item in enumerate(values):
            selected = item["value"] in chosen
            shown_as = value_label(name, item["value"])
            (shown if i < SHOWN_VALUES or selected else more).append(
                {**item, "label": shown_as, "selected": selected}
            )
        label = FACET_LABELS.get(name, name)
        panels.append({"name": name, "label": label, "items": shown, "more": more})
    return panels


def value_label(facet: str, value: str) -> str:
    """A facet value as the page shows it: the year "unknown" is "Không rõ năm", a locality
    names its country.

    >>> value_label("year", "unknown"), value_label("year", "2023"), value_label("source", "unknown")
    ('Không rõ năm', '2023', 'unknown')
    >>> value_label("locality", "Imsil")
    'Imsil (Hàn Quốc)'
    """
    if facet == "locality":
        return locality_label(value)
    return UNKNOWN_YEAR_LABEL if facet == "year" and value == UNKNOWN_YEAR else value


def place_labels(hit: dict) -> list[dict[str, str]]:
    """The places a hit or document is about, as labels with their panel's heading."""
    return [
        {"facet": facet, "text": text, "heading": FACET_LABELS[facet]}
        for facet, text in place_labels_of(hit)
    ]


def place_rows(doc: dict) -> list[dict[str, str]]:
    """The same labels for a document page: one row per facet, its values joined."""
    rows: dict[str, list[str]] = {}
    for label in place_labels(doc):
        rows.setdefault(label["heading"], []).append(label["text"])
    return [{"heading": heading, "text": ", ".join(texts)} for heading, texts in rows.items()]


def chosen_filters(request: SearchRequest) -> list[dict[str, str]]:
    """Every chosen facet value with the link that removes just it; a facet with more than
    SHOWN_VALUES chosen is one entry whose link removes them all (its panel's boxes remove
    one), so the links, each as long as the URL, grow with the values and not their square."""
    chosen = []
    for name, values in request.filters.items():
        label = FACET_LABELS.get(name, name)
        if len(values) > SHOWN_VALUES:
            remove_all = search_url(request, **{name: None, "page": None})
            chosen.append({"label": label, "value": f"{len(values)} giá trị", "remove_url": remove_all})
            continue
        for value in values:
            rest = [v for v in values if v != value]
            remove = search_url(request, **{name: rest, "page": None})
            chosen.append({"label": label, "value": value_label(name, value), "remove_url": remove})
    if request.date_from or request.date_to:
        remove = search_url(request, **{"from": None, "to": None, "page": None})
        chosen.append({"label": "Thời gian", "value": range_label(request), "remove_url": remove})
    return chosen


def range_label(request: SearchRequest) -> str:
    """The chosen range in words: "4/2023", "từ 2023", "đến 14/4/2023", "từ 2022 đến 3/2023"."""
    start, end = (_date_label(d) for d in (request.date_from, request.date_to))
    if start == end:
        return start
    return " ".join(filter(None, [f"từ {start}" if start else "", f"đến {end}" if end else ""]))


def _date_label(value: str) -> str:
    """ "2023-04-14" → "14/4/2023", "2023-04" → "4/2023", "2023" → "2023"."""
    return "/".join(str(int(part)) for part in reversed(value.split("-"))) if value else ""


def clear_url(request: SearchRequest) -> str:
    """The same query and sort with no facet and no range chosen."""
    return search_url(
        request, page=None, **{name: None for name in request.filters}, **{"from": None, "to": None}
    )


def pagination(request: SearchRequest, total: int) -> dict[str, object]:
    """Previous/next links and a window of page numbers around the current page."""
    last = min(max(1, -(-total // request.per_page)), MAX_PAGE)
    current = request.page
    numbers = sorted({1, last, *range(max(1, current - PAGE_WINDOW), min(last, current + PAGE_WINDOW) + 1)})
    pages: list[dict[str, object]] = []
    previous = 0
    for number in numbers:
        if number - previous == 2:
            pages.append(_page(request, previous + 1))
        elif number - previous > 2:
            pages.append({"gap": True})
        pages.append(_page(request, number))
        previous = number
    return {
        "last": last,
        "last_url": search_url(request, page=last),
        "first_number": (current - 1) * request.per_page + 1,
        "pages": pages if last > 1 else [],
        "prev_url": search_url(request, page=min(current - 1, last)) if current > 1 else None,
        "next_url": search_url(request, page=current + 1) if current < last else None,
    }


def _page(request: SearchRequest, number: int) -> dict[str, object]:
    return {"number": number, "url": search_url(request, page=number), "current": number == request.page}


def sort_options(request: SearchRequest) -> list[dict[str, object]]:
    """The sort choices for the form's select box."""
    return [{"value": v, "label": label, "selected": v == request.sort} for v, label in SORT_LABELS.items()]
