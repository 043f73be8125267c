"""The JSON API: exactly what the library returns, errors as {"error": ...}."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from werkzeug.datastructures import MultiDict

from indexer.errors import BadRequest, DocumentNotFound
from indexer.search.batch import MAX_TERMS, batch, to_dict
from indexer.search.documents_view import load_document
from indexer.search.run import search
from webui.index import get_snapshot, known_values
from webui.params import search_request

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search_json():
    """GET /api/search: SearchResult.to_dict() for the URL's parameters."""
    return jsonify(search(get_snapshot(), search_request(request.args, known_values())).to_dict())


@bp.post("/batch")
def batch_json():
    """POST /api/batch: {"terms": [str], ...filters as for search} → {"rows": [...]}, one row a
    term in the order given (at most MAX_TERMS)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("terms"), list):
        raise BadRequest('send a JSON object with "terms": a list of strings, and filters as for search')
    terms = body["terms"]
    if len(terms) > MAX_TERMS or not all(isinstance(t, str) for t in terms):
        raise BadRequest(f'"terms" must be at most {MAX_TERMS} strings')
    args = MultiDict()
    for key, value in body.items():
        if key == "terms":
            continue
        for one in value if isinstance(value, list) else [value]:
            if isinstance(one, (str, int)) and not isinstance(one, bool):
                args.add(key, str(one))
    asked = search_request(args, known_values())
    return jsonify(to_dict(batch(get_snapshot(), [t.replace("\x00", "") for t in terms], asked)))


@bp.get("/doc/<path:doc_id>", merge_slashes=False)
def document(doc_id: str):
    """GET /api/doc/<id>: the hit's fields plus the body text."""
    return jsonify(load_document(get_snapshot(), doc_id))


@bp.errorhandler(BadRequest)
def bad_request(exc: BadRequest):
    """A parameter out of range or malformed: 400."""
    return jsonify(error=str(exc)), 400


@bp.errorhandler(DocumentNotFound)
def document_not_found(exc: DocumentNotFound):
    """An unknown id: 404."""
    return jsonify(error=str(exc)), 404
