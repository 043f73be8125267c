"""The HTML pages: the search page and one document, each linking to its JSON twin.

Whatever a page shows passes through `printable` on its way into the HTML (Jinja's
`finalize`, set when this blueprint is registered): crawled titles, sources, snippets and
texts can hold raw control characters, which have no business in a page.
"""

from __future__ import annotations

import re
from dataclasses import asdict

from flask import Blueprint, abort, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from markupsafe import Markup

from indexer.errors import BadRequest, DocumentNotFound
from indexer.search.documents_view import date_source, load_document, story_copies
from indexer.search.run import MAX_QUERY_CHARS, SearchRequest, search
from webui import chart, links
from webui.citation import citation
from webui.highlight import highlight_text, highlight_titles
from webui.index import get_snapshot, known_values
from webui.params import lenient_request, query_text, search_request

bp = Blueprint("views", __name__)

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# C0 and C1 control characters and DEL; not tab, line feed or carriage return, which HTML
# reads as white space (the document's text keeps its lines).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(value: object) -> object:
    r"""A value as a page may show it: text (escaped or markup) without control characters.

    >>> printable("Thông\x07 cáo\x1b về\x9b Lào\n"), printable(Markup("<mark>\x00Lào</mark>")), printable(3)
    ('Thông cáo về Lào\n', Markup('<mark>Lào</mark>'), 3)
    """
    if isinstance(value, Markup):
        return Markup(_CONTROL.sub("", value))
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    return value


@bp.record_once
def _render_printable(state: BlueprintSetupState) -> None:
    """Every {{ value }} of every page goes through `printable`: one place, every template."""
    state.app.jinja_env.finalize = printable


@bp.get("/")
def search_page():
    """The search page: query box, hits (their titles marked like their snippets), facets, pages."""
    req = search_request(request.args, known_values())
    snapshot = get_snapshot()
    result = search(snapshot, req)
    data, near = result.to_dict(), [asdict(hit) for hit in result.near]
    titles = highlight_titles(data["hits"] + near, req.q, snapshot.vocabulary())
    return render_template(
        "search.html", **page_context(req, data), titles=titles, near=near, expansions=result.expansions
    )


@bp.errorhandler(BadRequest)
def bad_request(exc: BadRequest):
    """The search page again, its form filled in, saying why the search was refused."""
    req = lenient_request(request.args, known_values())
    return render_template("search.html", **page_context(req, None), error=str(exc)), 400


@bp.get("/doc/<path:doc_id>", merge_slashes=False)
def document(doc_id: str):
    """One document: metadata, a link to the original, the text with the query marked.

    The query is held to a search's length limit: marking a 240 KB one took seconds.
    """
    q = query_text(request.args)
    if len(q) > MAX_QUERY_CHARS:
        abort(400, f"query too long: {len(q)} characters (limit {MAX_QUERY_CHARS})")
    snapshot = get_snapshot()
    doc = load_document(snapshot, doc_id)
    dated_by = date_source(snapshot, doc_id)
    return render_template(
        "document.html",
        doc=doc,
        dated_by=dated_by,
        places=links.place_rows(doc),
        copies=story_copies(snapshot, doc),
        body=highlight_text(doc["text"], q, snapshot.vocabulary()),
        q=q,
        original_url=links.web_link(doc["url"]),
        citation=citation(doc, links.web_link(doc["url"]) or doc["url"], dated_by),
        back_url=url_for("views.search_page", q=q or None),
        json_url=url_for("api.document", doc_id=doc_id),
    )


@bp.errorhandler(DocumentNotFound)
def document_not_found(exc: DocumentNotFound):
    """An unknown id: a 404 page that leads back to the search."""
    return render_template("error.html", code=404, title="Không tìm thấy tài liệu", message=str(exc)), 404


@bp.app_template_filter("vn_date")
def vn_date(value: str | None) -> str:
    """'2023-11-21' → '21/11/2023', the way Vietnamese pages write dates."""
    match = _ISO_DATE.fullmatch(value or "")
    return f"{match[3]}/{match[2]}/{match[1]}" if match else (value or "")


def page_context(req: SearchRequest, data: dict | None) -> dict[str, object]:
    """Everything search.html shows: the result (None after a BadRequest) and its links."""
    if data is None:
        facets = {name: [{"value": v, "count": None} for v in values] for name, values in req.filters.items()}
    else:
        facets = data["facets"]
    suggestion = data.get("suggestion") if data else None
    widened = data.get("widened") if data else None
    exports = links.search_url(req, "export.csv_file", page=None, per_page=None), links.search_url(
        req, "export.json_file", page=None, per_page=None
    )
    return {
        "form": req,
        "data": data,
        "chart": chart.timeline_chart(req, data["timeline"], data["total"]) if data else None,
        "labels": {hit["id"]: links.place_labels(hit) for hit in data["hits"]} if data else {},
        "originals": {hit["id"]: links.web_link(hit["url"]) for hit in data["hits"]} if data else {},
        "export_csv_url": exports[0],
        "export_json_url": exports[1],
        "facets": links.facet_panels(req, facets),
        "chosen": links.chosen_filters(req),
        "clear_url": links.clear_url(req),
        "sorts": links.sort_options(req),
        "pages": links.pagination(req, data["total"]) if data else None,
        "suggestion_url": links.search_url(req, q=suggestion, page=None) if suggestion else None,
        "widened_url": links.search_url(req, q=data["widened"]["query"], page=None) if widened else None,
        "json_url": links.search_url(req, "api.search_json"),
        "batch_url": links.search_url(req, "batch.batch_form", q=None, page=None, per_page=None, sort=None),
        "feed_url": links.search_url(req, "feeds.atom", sort=None, page=None, per_page=None),
    }
