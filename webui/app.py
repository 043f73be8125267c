"""The application factory, the headers every response carries, and `serve` (waitress)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.engines.choice import engine_of
from indexer.errors import IndexMissing
from webui import serving
from webui.serving import PublicURL

DEFAULT_BASE_URL = "http://127.0.0.1:5000"  # where `thongcao serve` listens by default

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


def create_app(
    index_dir: str | os.PathLike[str] | None = None,
    test_config: Mapping | None = None,
    base_url: str | None = None,
) -> Flask:
    """A configured app: defaults, then the index folder and public address given, then the
    test settings.  Absolute links start with BASE_URL (webui.serving.PublicURL)."""
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=str(index_dir or os.environ.get("THONGCAO_INDEX") or "var/index"),
        BASE_URL=base_url or os.environ.get("THONGCAO_BASE_URL") or DEFAULT_BASE_URL,
        FEED_ENTRIES=50,
        MAX_CONTENT_LENGTH=4 * 2**20,  # a batch of 1,000 terms of 1,000 characters, with room; more is 413
    )
    if test_config:
        app.config.from_mapping(test_config)
    app.wsgi_app = PublicURL(app.wsgi_app, serving.base_url(app.config["BASE_URL"], "", 0))
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True

    from webui import api, batch, export, feeds, index, views

    index.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(export.bp)
    app.register_blueprint(batch.bp)
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


def serve(
    index_dir: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 5000, base_url: str | None = None
) -> None:
    """Serve the app with waitress until interrupted, its links starting with `base_url`
    (default: the address bound) and its limits from the environment (webui.serving).

    IndexMissing when there is no index, BadSetting for an unusable address or limit."""
    if engine_of(index_dir) is None:
        raise IndexMissing(f"no index at {index_dir}: run `thongcao index` first")
    public, limits = serving.base_url(base_url, host, port), serving.limits()
    shown = f"[{host}]" if ":" in host else host
    message = f"thongcao: serving {index_dir} on http://{shown}:{port}/, links to {public}/"
    print(message, file=sys.stderr, flush=True)
    serving.serve(create_app(index_dir, base_url=public), host, port, limits)
