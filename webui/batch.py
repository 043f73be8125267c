"""The batch page: paste or upload a list, see each term's count, places and years; sort; CSV.

GET /batch shows the form, carrying the search page's filters and date range as hidden
fields; POST /batch answers with the table, POST /batch.csv with the same rows as a file.
Counting is indexer.search.batch's, the same as POST /api/batch.
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from indexer.crawl.decode import decode
from indexer.errors import BadRequest, DecodeError
from indexer.facets.facet_fields import FACETS
from indexer.search.batch import MAX_TERMS, BatchRow, batch, terms_of
from webui import links
from webui.export import file_name
from webui.index import get_snapshot, known_values
from webui.params import search_request, url_params

bp = Blueprint("batch", __name__)

COLUMNS = (("province_2025", "Tỉnh, thành phố"), ("country", "Quốc gia"), ("year", "Năm"))


def _filters(args: MultiDict) -> MultiDict:
    """The facet values and date range a form carries, without the query or the page."""
    kept = MultiDict()
    for name in [f.name for f in FACETS] + ["from", "to"]:
        for value in args.getlist(name):
            if value.strip():
                kept.add(name, value)
    return kept


def _terms(form: MultiDict) -> list[str]:
    """The pasted list, or the uploaded file's lines (any encoding indexer.crawl.decode reads)."""
    upload = request.files.get("file")
    if upload and upload.filename:
        try:
            text = decode(upload.read())
        except DecodeError as exc:
            raise BadRequest(f"the file could not be read: {exc}") from None
    else:
        text = form.get("terms", "")
    terms = terms_of(text.splitlines())
    if len(terms) > MAX_TERMS:
        raise BadRequest(f"{len(terms)} terms: at most {MAX_TERMS} a batch")
    return terms


def _rows(form: MultiDict) -> tuple[list[BatchRow], object]:
    asked = search_request(_filters(form), known_values())
    return batch(get_snapshot(), _terms(form), asked), asked


def _top(row: BatchRow, facet: str, count: int = 3) -> str:
    """A facet's most frequent values under a term, as the search page names them."""
    counted = [item for item in row.facets.get(facet, []) if item["count"]][:count]
    return ", ".join(f"{links.value_label(facet, str(item['value']))} ({item['count']})" for item in counted)


@bp.get("/batch")
def batch_form():
    return render_template("batch.html", filters=_filters(request.args), rows=None, error=None)


@bp.post("/batch")
def batch_table():
    try:
        rows, asked = _rows(request.form)
    except BadRequest as exc:
        return render_template("batch.html", filters=_filters(request.form), rows=None, error=str(exc)), 400
    shown = [
        {
            "term": row.term,
            "total": row.total,
            "url": links.search_url(asked, q=row.term, page=None),
            "tops": [_top(row, name) for name, _ in COLUMNS],
        }
        for row in rows
    ]
    return render_template(
        "batch.html", filters=_filters(request.form), rows=shown, columns=COLUMNS,
        terms="\n".join(row.term for row in rows), error=None,
    )


@bp.post("/batch.csv")
def batch_csv():
    rows, asked = _rows(request.form)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["term", "total", *(name for name, _ in COLUMNS), "url"])
    for row in rows:
        url = url_for("views.search_page", _external=True, **url_params(asked, q=row.term, page=None))
        writer.writerow([row.term, row.total, *("; ".join(row.top(name)) for name, _ in COLUMNS), url])
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name("danh sach", "csv")}"'
    return response


@bp.errorhandler(BadRequest)
def bad_request(exc: BadRequest):
    return Response(f"400: {exc}", status=400, mimetype="text/plain")
