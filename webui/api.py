"""The JSON API: exactly what the library returns, errors as {"error": ...}."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from indexer.documents_view import load_document
from indexer.errors import BadRequest, DocumentNotFound
from indexer.search import search
from webui.index import get_snapshot, known_values
from webui.params import search_request

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search_json():
    """GET /api/search: SearchResult.to_dict() for the URL's parameters."""
    return jsonify(search(get_snapshot(), search_request(request.args, known_values())).to_dict())


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
