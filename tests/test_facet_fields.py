"""The facet registry: one row per facet, and every layer follows it."""

from __future__ import annotations

from dataclasses import fields

import pytest

from indexer.cli import build_parser
from indexer.facets.facet_fields import BY_NAME, FACETS
from indexer.index.store import schema
from indexer.search.run import Hit
from tests.conftest import cli_json, seed_id
from webui.links import FACET_LABELS

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines


def test_the_interfaces_hit_keys_are_kept_and_the_new_facets_added():
    keys = {facet.name: facet.hit_key for facet in FACETS}
    assert keys == {
        "country": "countries",
        "province": "provinces",
        "year": "year",
        "province_2025": "province_2025",
        "locality": "locality",
        "source": "source",
    }


def test_every_facet_has_a_field_a_hit_key_a_label_and_an_option():
    hit_fields = {f.name for f in fields(Hit)}
    options = {
        action.dest: action.option_strings
        for action in build_parser()._subparsers._group_actions[0].choices["search"]._actions
    }
    for facet in FACETS:
        assert facet.name in schema().names()
        assert facet.hit_key in hit_fields
        assert FACET_LABELS[facet.name] == facet.label
        assert options[facet.name] == [facet.option]
    assert BY_NAME["province_2025"].option == "--province-2025"


def test_every_facet_is_a_key_of_the_results_facets(seed_index):
    found = cli_json("search", "", index=seed_index)
    assert list(found["facets"]) == [facet.name for facet in FACETS]
    assert {"province_2025", "locality", "source"} <= set(found["hits"][0])


def test_the_new_options_filter_like_the_old_ones(seed_index):
    by_option = cli_json(
        "search",
        "",
        "--province-2025",
        "Lào Cai",
        "--locality",
        "Mimasaka",
        "--source",
        "Cổng TTĐT tỉnh Yên Bái",
        index=seed_index,
    )
    assert [hit["id"] for hit in by_option["hits"]] == [seed_id("003_66be082b74e51ac7.txt")]
    assert cli_json("search", "", "--source", "Báo Atlantis", index=seed_index)["total"] == 0


@pytest.mark.parametrize("engine", ["whoosh"], indirect=True)  # an old index is a Whoosh one
def test_an_index_from_before_the_new_fields_is_searched_then_rebuilt(tmp_path):
    from whoosh import index as whoosh_index

    from indexer.crawl.sources import read
    from indexer.engines.choice import snapshots_of
    from indexer.extract.build import build_document
    from indexer.index.pipeline import index_paths
    from indexer.index.store import fields
    from indexer.search.run import SearchRequest, search
    from tests.conftest import CORPUS, new_store

    old = schema()
    for name in ("story", "minhash", "province_2025", "locality", "source"):
        old.remove(name)
    folder = tmp_path / "index" / "gen-0001"
    folder.mkdir(parents=True)
    with whoosh_index.create_in(str(folder), old).writer() as writer:
        for item in read([CORPUS]):
            document = fields(build_document(item, "0:old"))
            kept = {k: v for k, v in document.items() if k in old.names() or k.startswith("_stored_")}
            writer.add_document(**kept)
    (tmp_path / "index" / "current").symlink_to("gen-0001")
    store = new_store(tmp_path / "index")

    result = search(snapshots_of(store).current(), SearchRequest(""))
    assert result.total == 5 and result.facets["locality"] == [] and result.hits[0].copies == 0
    assert store.outdated()
    report = index_paths(store, [CORPUS])
    assert report.added == 5 and store.generation().name == "gen-0002" and not store.outdated()
    assert search(snapshots_of(store).current(), SearchRequest("", {"locality": ("Imsil",)})).total == 1
