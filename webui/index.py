"""The index as a per-request resource: one Snapshot per request, renewed after commits."""

from __future__ import annotations

from collections.abc import Container

from flask import Flask, current_app, g

from indexer.engines.base import Snapshot
from indexer.engines.choice import snapshots_for


def init_app(app: Flask) -> None:
    """Open the index folder named by the INDEX_DIR setting (lazily, on the first request)."""
    app.extensions["thongcao.snapshots"] = snapshots_for(app.config["INDEX_DIR"])


def get_snapshot() -> Snapshot:
    """The snapshot this request reads: fetched once, so every part of a page agrees."""
    if "snapshot" not in g:
        g.snapshot = current_app.extensions["thongcao.snapshots"].current()
    return g.snapshot


def known_values() -> dict[str, Container[str]]:
    """Each facet's values in this request's snapshot: what a URL's facet values are checked against."""
    return {name: facet.index for name, facet in get_snapshot().facets.items()}
