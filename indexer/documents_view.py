"""One document by id, in the shape of GET /api/doc/<id> and `thongcao show --json`."""

from __future__ import annotations

from indexer.errors import DocumentNotFound
from indexer.search import document_fields
from indexer.snapshot import Snapshot


def load_document(snap: Snapshot, doc_id: str) -> dict[str, object]:
    """The public fields of a document plus its body text; DocumentNotFound otherwise."""
    stored = snap.searcher.document(id=doc_id) if doc_id else None
    if stored is None:
        raise DocumentNotFound(f"no document with id {doc_id!r}")
    return {**document_fields(stored), "text": stored.get("text") or ""}
