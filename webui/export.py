"""Every hit of a search as a download: GET /export.csv and GET /export.json.

The parameters are those of /api/search, checked alike (`page` and `per_page` are
validated, but every page is exported).  Rows come from `indexer.search.run.iter_matches` with
`copies=True`: every matching document, syndicated copies included (a search's `total` counts
stories), each hit followed by its copies, all sharing its `story` so a spreadsheet can group
them.  They are streamed as they are read, so an export of the whole index never sits in
memory.  Each row has the hit's fields but `snippet` (as INTERFACE.md fixes for scripts);
a CSV row, read by people in a spreadsheet, has the snippet too, as plain text, and the
outlet's section for the release ("category": the crawl's or the page's, when it gave one).  The file is
named for the query and the day
("thongcao-hop-tac-lao-2026-11-29.csv").  CSV cells a spreadsheet would run as a formula
are neutralised with a leading quote (`_cell`).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, fields
from itertools import chain

from flask import Blueprint, Response, jsonify, request, stream_with_context

from indexer.errors import BadRequest
from indexer.extract.dates import today_in_vietnam
from indexer.search.run import Hit, iter_stored
from indexer.text import fold
from webui.index import get_snapshot, known_values
from webui.params import search_request

bp = Blueprint("export", __name__)

# The CSV's columns: a JSON object's, then the snippet and the outlet's section ("chuyên mục").
COLUMNS = (*(f.name for f in fields(Hit) if f.name != "snippet"), "snippet", "category")
_MARK = re.compile(r"</?mark>")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
LIST_SEPARATOR = "; "  # between the values of a list in one CSV cell
# What a spreadsheet reads as the start of a formula (=HYPERLINK(…), +cmd|…, -2+3, @SUM(…)),
# or strips before looking for one: OWASP, https://owasp.org/www-community/attacks/CSV_Injection
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _rows(snippets: bool) -> Iterator[dict[str, object]]:
    """The hits of the request's search, as dicts, with their snippets or without the key.

    The request is checked and the search run up to its first hit now, so that any error is
    a 400 before a byte is sent, never a file cut short that reads as "no results"; the
    rest of the hits are read as the response streams.
    """
    req = search_request(request.args, known_values())
    hits = iter_stored(get_snapshot(), req, copies=True, snippets=snippets)
    first = next(hits, None)
    found = hits if first is None else chain((first,), hits)
    if snippets:
        return ({**asdict(hit), "category": stored.get("category")} for hit, stored in found)
    return ({k: v for k, v in asdict(hit).items() if k != "snippet"} for hit, _ in found)


def file_name(query: str, extension: str) -> str:
    """A download's name: the query folded to ASCII and the day, so exports sort and tell apart.

    >>> file_name("Hợp tác 'Lào Cai'", "csv")[:27], file_name("", "json")[:18]
    ('thongcao-hop-tac-lao-cai-20', 'thongcao-tat-ca-20')
    """
    slug = _NOT_SLUG.sub("-", fold(query).lower()).strip("-")[:60].rstrip("-") or "tat-ca"
    return f"thongcao-{slug}-{today_in_vietnam().isoformat()}.{extension}"


def _download(body: Iterator[str], mimetype: str, extension: str) -> Response:
    response = Response(stream_with_context(body), mimetype=mimetype)
    name = file_name(request.args.get("q", ""), extension)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/export.csv")
def csv_file():
    """Every hit as a CSV row (UTF-8 with a BOM, so spreadsheets read the accents)."""
    rows = _rows(snippets=True)

    def body() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        yield "\ufeff" + _drain(buffer)
        for row in rows:
            row["snippet"] = html.unescape(_MARK.sub("", str(row["snippet"])))
            writer.writerow(_cell(row[c]) for c in COLUMNS)
            yield _drain(buffer)

    return _download(body(), "text/csv", "csv")


@bp.get("/export.json")
def json_file():
    """Every hit as one object of a JSON array."""
    rows = _rows(snippets=False)

    def body() -> Iterator[str]:
        yield "["
        for n, row in enumerate(rows):
            yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]\n"

    return _download(body(), "application/json", "json")


@bp.errorhandler(BadRequest)
def bad_request(exc: BadRequest):
    """Parameters no search could honour: 400 with a JSON error, as on the API."""
    return jsonify(error=str(exc)), 400


def _cell(value: object) -> object:
    """Lists become one cell ("Hàn Quốc; Nhật Bản"), None an empty one, and text a spreadsheet
    would run as a formula plain text: OWASP's remedy, a leading single quote, which the
    spreadsheet reads as "text" and does not show ('=HYPERLINK(…) shows =HYPERLINK(…))."""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
