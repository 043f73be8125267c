"""Atom feeds of the newest matching releases, and the OpenSearch description.

Both are built with xml.etree, which escapes every value; characters XML cannot carry
(NUL and other C0 controls) are dropped first.  Elements are unqualified under a root
that declares the default namespace, so the output is plain `<feed xmlns="...Atom">`.
Absolute links start with the configured base URL (webui.serving), whatever Host the
request named, and a feed's id is its search's URL, not the request's as it was typed.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict
from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, request, url_for

from indexer.errors import BadRequest
from indexer.facets.place_labels import place_values
from indexer.search.run import search
from webui import links
from webui.index import get_snapshot, known_values
from webui.params import search_request, url_params

bp = Blueprint("feeds", __name__)

ATOM = "http://www.w3.org/2005/Atom"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
UNDATED_NOTE = "Thông cáo không rõ ngày đăng có <updated> là lúc được lập chỉ mục, không phải ngày đăng."
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@bp.get("/feed.atom")
def atom():
    """The newest documents matching the search parameters, as an Atom feed."""
    entries = current_app.config["FEED_ENTRIES"]
    req = search_request(request.args, known_values(), page=1, per_page=entries, sort="newest")
    snapshot = get_snapshot()
    result = search(snapshot, req)
    feed = ET.Element("feed", xmlns=ATOM)
    title = f"thongcao: {req.q}" if req.q.strip() else "thongcao: thông cáo mới nhất"
    times = {hit.id: _entry_time(snapshot, hit) for hit in result.hits}
    updated = max(times.values(), default=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    params = url_params(req, sort=None, page=None, per_page=None)
    itself = url_for("feeds.atom", _external=True, **params)  # the search's own URL, not the request's
    _add(feed, "id", itself)
    _add(feed, "title", title)
    _add(feed, "subtitle", UNDATED_NOTE)
    _add(feed, "updated", updated)
    _add(feed, "link", rel="self", href=itself)
    html_page = url_for("views.search_page", _external=True, **params)
    _add(feed, "link", rel="alternate", type="text/html", href=html_page)
    _add(_add(feed, "author"), "name", "thongcao")
    for hit in result.hits:
        entry = _add(feed, "entry")
        page = url_for("views.document", doc_id=hit.id, _external=True)
        _add(entry, "id", page)
        _add(entry, "title", hit.title)
        _add(entry, "link", rel="alternate", type="text/html", href=page)
        if links.web_link(hit.url):
            _add(entry, "link", rel="related", href=links.web_link(hit.url))
        _add(entry, "updated", times[hit.id])
        if not hit.published:  # says so: this time is not a publication date
            _add(entry, "category", term="undated", label=UNDATED_NOTE)
        for term in place_values(asdict(hit)):
            _add(entry, "category", term=term)
        _add(entry, "summary", hit.snippet, type="html")
    body = ET.tostring(feed, encoding="unicode")
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + body, mimetype="application/atom+xml")


def _entry_time(snapshot, hit) -> str:
    """An entry's <updated>: the day it was published, else the time it was indexed (never
    another release's date), else, from an index written before that was kept, when its
    generation was written, which is no earlier."""
    if hit.published:
        return f"{hit.published}T00:00:00Z"
    docnum = snapshot.document_number(hit.id)
    indexed = snapshot.stored(docnum).get("indexed") if docnum is not None else None
    if indexed:
        return indexed
    written = snapshot.generation.stat().st_mtime if snapshot.generation else time.time()
    return datetime.fromtimestamp(written, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@bp.get("/opensearch.xml")
def opensearch():
    """The OpenSearch description that lets a browser add thongcao as a search engine."""
    root = ET.Element("OpenSearchDescription", xmlns=OPENSEARCH)
    _add(root, "ShortName", "thongcao")
    _add(root, "Description", "Tìm thông cáo báo chí")
    _add(root, "InputEncoding", "UTF-8")
    for mimetype, endpoint in (
        ("text/html", "views.search_page"),
        ("application/atom+xml", "feeds.atom"),
        ("application/json", "api.search_json"),
    ):
        template = url_for(endpoint, _external=True) + "?q={searchTerms}"
        _add(root, "Url", type=mimetype, template=template)
    body = ET.tostring(root, encoding="unicode")
    return Response(
        '<?xml version="1.0" encoding="utf-8"?>\n' + body, mimetype="application/opensearchdescription+xml"
    )


@bp.errorhandler(BadRequest)
def bad_request(exc: BadRequest):
    """A search the feed cannot run (a query over the length limit): 400 in plain text."""
    return Response(str(exc), status=400, mimetype="text/plain")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """Append a child (in the root's default namespace); values lose non-XML characters."""
    element = ET.SubElement(parent, tag, {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element
