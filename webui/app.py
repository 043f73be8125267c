"""The application factory, the headers every response carries, and `serve` (waitress)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import IndexMissing
from indexer.store import IndexStore

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
ERROR_TITLES = {
    400: "Yêu cầu không hợp lệ",
    404: "Không tìm thấy trang",
    405: "Phương thức không được hỗ trợ",
    500: "Lỗi máy chủ",
}


def create_app(index_dir: str | os.PathLike[str] | None = None, test_config: Mapping | None = None) -> Flask:
    """A configured app: defaults, then the index folder given, then the test settings."""
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=str(index_dir or os.environ.get("THONGCAO_INDEX") or "var/index"),
        FEED_ENTRIES=50,
    )
    if test_config:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True

    from webui import api, export, feeds, index, views

    index.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(export.bp)
    app.after_request(add_security_headers)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(IndexMissing, index_missing)
    return app


def add_security_headers(response: Response) -> Response:
    """No inline code, no framing, no sniffing, no referrer: on every response."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def http_error(exc: HTTPException):
    """404s, 405s and the like: JSON under /api/, a page elsewhere."""
    if _wants_json():
        return jsonify(error=exc.description), exc.code
    title = ERROR_TITLES.get(exc.code or 500, exc.name)
    return render_template("error.html", code=exc.code, title=title, message=exc.description), exc.code


def index_missing(exc: IndexMissing):
    """No index yet: say how to make one, with 503 so monitors notice."""
    if _wants_json():
        return jsonify(error=str(exc)), 503
    return render_template("error.html", code=503, title="Chưa có chỉ mục", message=str(exc)), 503


def serve(index_dir: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 5000) -> None:
    """Serve the app with waitress until interrupted; IndexMissing when there is no index."""
    from waitress import serve as waitress_serve

    if not IndexStore(index_dir).exists():
        raise IndexMissing(f"no index at {index_dir}: run `thongcao index` first")
    shown = f"[{host}]" if ":" in host else host
    print(f"thongcao: serving {index_dir} on http://{shown}:{port}/", file=sys.stderr, flush=True)
    waitress_serve(create_app(index_dir), host=host, port=port, threads=8, ident="thongcao")
