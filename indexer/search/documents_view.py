"""One document by id, in the shape of GET /api/doc/<id> and `thongcao show --json`."""

from __future__ import annotations

from indexer.engines.base import Snapshot
from indexer.errors import DocumentNotFound
from indexer.search.related import related
from indexer.search.run import document_fields


def _number(snap: Snapshot, doc_id: str) -> int:
    docnum = snap.document_number(doc_id)
    if docnum is None:
        raise DocumentNotFound(f"no document with id {doc_id!r}")
    return docnum


def load_document(snap: Snapshot, doc_id: str) -> dict[str, object]:
    """The public fields of a document plus its body text and up to 10 related releases
    (indexer.search.related); DocumentNotFound otherwise."""
    docnum = _number(snap, doc_id)
    stored = snap.stored(docnum)
    near = [{**document_fields(snap.stored(n)), "copies": snap.copies(n)} for n in related(snap, docnum)]
    text = stored.get("text") or ""
    return {**document_fields(stored), "copies": snap.copies(docnum), "text": text, "related": near}


def date_source(snap: Snapshot, doc_id: str) -> str | None:
    """Where the document's date came from ("metadata", "posted", "dateline"; None if undated):
    the page names a date read from the text's opening line as such, not as the day posted."""
    return snap.stored(_number(snap, doc_id)).get("year_source")


def story_copies(snap: Snapshot, doc: dict[str, object]) -> list[dict[str, object]]:
    """The other documents telling the same story as `doc`, oldest first, for its page."""
    found = []
    for docnum in snap.story_numbers(str(doc["story"])):
        stored = snap.stored(docnum)
        if stored["id"] != doc["id"]:
            fields = document_fields(stored)
            found.append({k: fields[k] for k in ("id", "title", "url", "source", "published")})
    return sorted(found, key=lambda d: (d["published"] or "9999", d["id"]))
