"""The index folder: generations, the atomic swap, the writer lock, fresh snapshots."""

import pytest

from indexer.engines.choice import snapshots_of
from indexer.errors import IndexLocked, IndexMissing
from indexer.index.pipeline import index_paths
from indexer.search.run import SearchRequest, search
from tests.conftest import CORPUS, DATA, new_store

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines


def test_a_missing_index_says_how_to_make_one(tmp_path):
    with pytest.raises(IndexMissing, match="run `thongcao index` first"):
        new_store(tmp_path / "none").open()


def test_current_is_a_symlink_to_a_generation(tmp_path):
    store = new_store(tmp_path / "index")
    index_paths(store, [CORPUS])
    assert store.current.is_symlink() and store.generation().name == "gen-0001"


def test_a_swap_keeps_the_previous_generation_for_readers_and_drops_older_ones(tmp_path):
    store = new_store(tmp_path / "index")
    for _ in range(3):
        index_paths(store, [CORPUS], rebuild=True)
    assert sorted(p.name for p in store.path.glob("gen-*")) == ["gen-0002", "gen-0003"]
    assert store.generation().name == "gen-0003"


def test_an_old_generation_that_cannot_be_removed_is_reported_not_ignored(tmp_path, monkeypatch, capsys):
    import shutil

    from indexer import cli

    store = new_store(tmp_path / "index")
    for _ in range(2):
        index_paths(store, [CORPUS], rebuild=True)
    real_rmtree = shutil.rmtree

    def busy(path, *args, **kwargs):
        if str(path).endswith("gen-0001"):
            raise OSError(16, "Device or resource busy")
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr("indexer.index.store.shutil.rmtree", busy)
    report = index_paths(new_store(store.path), [CORPUS], rebuild=True)  # gen-0003: gen-0001 must go
    assert report.problems == [f"could not remove {store.path / 'gen-0001'}: Device or resource busy"]
    assert "problems" not in report.to_dict()  # --json keeps the shape INTERFACE.md fixes
    assert (store.path / "gen-0001").exists() and store.generation().name == "gen-0003"

    assert cli.main(["index", str(CORPUS), "--index", str(store.path), "--rebuild", "--json"]) == 0
    assert "thongcao: warning: could not remove" in capsys.readouterr().err


def test_the_lock_is_exclusive_and_released_after_use(tmp_path):
    store = new_store(tmp_path / "index")
    with store.locked():
        with pytest.raises(IndexLocked), store.locked():
            pass
    with store.locked():
        pass


def test_snapshots_see_new_documents_after_a_commit_and_after_a_rebuild(tmp_path):
    store = new_store(tmp_path / "index")
    index_paths(store, [CORPUS])
    snapshots = snapshots_of(store)
    before = snapshots.current()
    assert snapshots.current() is before
    index_paths(store, [DATA / "crawl" / "legacy_cp1258.txt"])
    after = snapshots.current()
    assert after is not before and search(after, SearchRequest("Quảng Ninh")).total == 1
    index_paths(store, [CORPUS], rebuild=True)
    assert search(snapshots.current(), SearchRequest("Quảng Ninh")).total == 0


def test_texts_analysed_in_a_worker_index_exactly_as_whoosh_would_analyse_them(tmp_path):
    from whoosh import index as whoosh_index
    from whoosh.fields import TEXT

    from indexer.crawl.sources import read
    from indexer.extract.build import build_document
    from indexer.index.store import fields, schema

    plain = schema()
    for name in plain.names():
        if isinstance(plain[name], TEXT):
            plain[name].__class__ = TEXT  # Whoosh's own field: analyses the raw text itself
    readers = {}
    for label, sch in (("analysed", schema()), ("plain", plain)):
        (tmp_path / label).mkdir()
        with whoosh_index.create_in(str(tmp_path / label), sch).writer() as writer:
            for item in read([CORPUS]):
                doc = build_document(item, "v")
                row = fields(doc)
                writer.add_document(**(_raw_texts(row, doc) if label == "plain" else row))
        readers[label] = whoosh_index.open_dir(str(tmp_path / label)).reader()
    analysed, plain_reader = readers["analysed"], readers["plain"]
    assert list(analysed.all_terms()) == list(plain_reader.all_terms())
    for field, term in analysed.all_terms():
        items = [list(r.postings(field, term).all_items()) for r in (analysed, plain_reader)]
        assert items[0] == items[1]
    timeless = [[{k: v for k, v in r.stored_fields(n).items() if k != "indexed"} for n in range(5)]
                for r in (analysed, plain_reader)]  # fmt: skip
    assert timeless[0] == timeless[1]  # but when each was indexed, a second apart


def _raw_texts(row, doc):
    """The same row with each text a string again, as Whoosh's own TEXT fields take them."""
    from indexer.index.store import texts

    return {k: v for k, v in row.items() if not k.startswith("_stored_")} | texts(doc)


def _plain_text(field):
    from whoosh.fields import TEXT

    field.__class__ = TEXT


def _without_positions(field):
    from whoosh.formats import Frequency

    field.format = Frequency()


@pytest.mark.parametrize(
    "engine", ["whoosh"], indirect=True
)  # a Whoosh schema; tantivy: test_engine_tantivy
@pytest.mark.parametrize("change", [_plain_text, _without_positions])
def test_an_index_with_fields_of_another_type_or_format_is_rebuilt(tmp_path, change):
    from whoosh import index as whoosh_index

    from indexer.index.store import schema

    old = schema()
    change(old["text_word"])
    (tmp_path / "index" / "gen-0001").mkdir(parents=True)
    whoosh_index.create_in(str(tmp_path / "index" / "gen-0001"), old)
    (tmp_path / "index" / "current").symlink_to("gen-0001")
    store = new_store(tmp_path / "index")
    assert store.outdated()
    index_paths(store, [CORPUS])
    assert store.generation().name == "gen-0002" and not store.outdated()


def test_a_snapshot_is_labelled_with_the_generation_its_reader_opened(tmp_path):
    """A rebuild swapping `current` while a server opens its reader: the snapshot must not
    take the new generation's name for the old reader, or it would never renew."""
    from pathlib import Path

    store = new_store(tmp_path / "index")
    index_paths(store, [CORPUS])
    old = store.generation()
    index_paths(store, [CORPUS], rebuild=True)  # gen-0002; gen-0001 is kept for readers
    new = store.generation()
    store.swap(old)  # back to gen-0001: the next open sees it ...
    opened, read = store.open, []

    def open_then_swap(generation=None, shared=False):
        ix = opened(generation, shared)
        read.append(store.folder(ix))
        store.swap(new)  # ... and a rebuild swaps to gen-0002 right after
        return ix

    store.open = open_then_swap
    snap = snapshots_of(store).current()
    assert [Path(snap.generation)] == read == [old]


def test_an_index_written_before_the_layout_change_still_opens():
    """Whoosh pickles the schema's classes by module: indexes written before 2026-11-29 name
    indexer.store and indexer.analysis, and must open as they are (an archive is not rebuilt
    for a move of files)."""
    import pickle

    from indexer.analysis.analyzers import FoldFilter, NormalizeFilter, SentenceTokenizer
    from indexer.index.store import AnalysedText

    assert pickle.loads(b"cindexer.store\nAnalysedText\n.") is AnalysedText
    for old in (FoldFilter, NormalizeFilter, SentenceTokenizer):
        assert pickle.loads(f"cindexer.analysis\n{old.__name__}\n.".encode()) is old


def test_a_run_reads_only_the_fields_it_needs_and_reads_them_as_stored(tmp_path):
    from indexer.index.pipeline import INDEXED

    store = new_store(tmp_path / "index")
    index_paths(store, [CORPUS])
    whole = list(store.stored_documents(store.open()))
    picked = list(store.stored_documents(store.open(), INDEXED))
    assert len(picked) == len(whole) == 5
    assert picked == [{name: doc[name] for name in INDEXED if name in doc} for doc in whole]
    assert all(set(doc) == set(INDEXED) for doc in picked)  # every seed has a signature and a story
