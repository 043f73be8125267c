"""Syndicated copies: grouped at index time into one story, shown and counted once.

The texts are synthetic (a release and another on the same topic); the threshold itself
is measured on real articles by scripts/dedup_eval.
"""

from __future__ import annotations

import json

import pytest

from indexer.engines.choice import snapshots_of
from indexer.index.pipeline import index_paths
from indexer.index.stories import MIN_SHINGLES, StoryFinder, signature
from indexer.search.run import SearchRequest, iter_matches, search
from tests.conftest import new_store, release_id

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines

RELEASE = (
    "Chiều 12/5, Ủy ban nhân dân tỉnh Tuyên Quang tiếp Đoàn công tác huyện Imsil, tỉnh Jeollabuk, Hàn Quốc. "
    "Hai bên đã trao đổi về kết quả thực hiện thỏa thuận hợp tác về phái cử lao động thời vụ. "
    "Năm qua, tỉnh đã đưa hơn ba trăm lao động sang làm việc tại các trang trại của huyện Imsil. "
    "Người lao động được bảo đảm thu nhập, chỗ ở và bảo hiểm theo đúng hợp đồng đã ký. "
    "Lãnh đạo tỉnh đề nghị huyện Imsil tiếp tục mở rộng ngành nghề, tăng số lượng lao động tiếp nhận. "
    "Ông Shim Min, Chủ tịch huyện Imsil, cảm ơn sự phối hợp chặt chẽ của các sở, ngành của tỉnh. "
    "Hai bên thống nhất tổ chức giao lưu văn hóa, thể thao nhân dịp kỷ niệm ngày ký kết kết nghĩa. "
    "Dịp này, đoàn đã thăm mô hình trồng chè và chế biến cam sành của nông dân trên địa bàn."
)
OTHER = (  # the same topic and names, another story
    "Sáng 3/9, Sở Lao động, Thương binh và Xã hội tỉnh Tuyên Quang tổ chức hội nghị tuyển chọn lao động. "
    "Hội nghị nhằm tuyển người đi làm việc thời vụ tại huyện Imsil, tỉnh Jeollabuk, Hàn Quốc trong năm tới. "
    "Có hơn năm trăm người dân các huyện Chiêm Hóa, Na Hang và Lâm Bình đăng ký tham gia. "
    "Các ứng viên được kiểm tra sức khỏe, phỏng vấn và học tiếng Hàn trong ba tháng. "
    "Sở đề nghị các địa phương tuyên truyền để người lao động hiểu rõ quyền lợi và nghĩa vụ. "
    "Lao động vi phạm hợp đồng, bỏ trốn sẽ bị xử lý theo quy định của pháp luật hai nước."
)


def copies_of(text: str) -> dict[str, str]:
    """A release the way outlets re-publish it."""
    sentences = text.split(". ")
    return {
        "trimmed": ". ".join(sentences[:-2]) + ".",
        "byline": f"(TTXVN) - {text}\n\nTheo Báo Tuyên Quang",
        "unaccented": text.replace("Tuyên Quang", "Tuyen Quang"),
    }


@pytest.mark.parametrize("kind", ["trimmed", "byline", "unaccented"])
def test_a_copy_joins_the_story_of_the_first(kind):
    finder = StoryFinder()
    assert finder.assign("first", signature(RELEASE)) == "first"
    assert finder.assign("copy", signature(copies_of(RELEASE)[kind])) == "first"


def test_another_story_on_the_same_topic_stays_apart():
    finder = StoryFinder()
    finder.assign("first", signature(RELEASE))
    assert finder.assign("other", signature(OTHER)) == "other"


def test_short_texts_are_never_grouped():
    assert signature("Tỉnh Tuyên Quang tiếp đoàn Hàn Quốc.") is None
    assert MIN_SHINGLES >= 10


def write(folder, name: str, records: list[tuple[str, str, str]]):
    path = folder / name
    lines = [
        json.dumps({"title": t, "text": x, "url": u, "published": "2024-05-12"}, ensure_ascii=False)
        for t, x, u in records
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    """Two runs: the release and another story first, then two copies of the release."""
    folder = tmp_path_factory.mktemp("stories")
    store = new_store(folder / "index")
    first = write(
        folder,
        "first.jsonl",
        [
            ("Tuyên Quang tiếp đoàn huyện Imsil", RELEASE, "https://baotuyenquang.com.vn/a.html"),
            ("Tuyển lao động đi Imsil", OTHER, "https://baotuyenquang.com.vn/b.html"),
        ],
    )
    index_paths(store, [first])
    copies = copies_of(RELEASE)
    second = write(
        folder,
        "second.jsonl",
        [
            ("Tăng cường hợp tác lao động với Imsil", copies["byline"], "https://baotintuc.vn/c.html"),
            ("Imsil tiếp nhận thêm lao động Tuyên Quang", copies["trimmed"], "https://nhandan.vn/d.html"),
        ],
    )
    index_paths(store, [first, second])  # incremental: the copies meet the indexed release
    return snapshots_of(store).current()


def test_a_later_runs_copies_join_the_indexed_story(grouped):
    result = search(grouped, SearchRequest("Imsil"))
    assert result.total == 2
    release = next(
        hit for hit in result.hits if hit.story == release_id("https://baotuyenquang.com.vn/a.html")
    )
    assert release.copies == 2
    assert {hit.story for hit in result.hits} == {
        release.story,
        release_id("https://baotuyenquang.com.vn/b.html"),
    }


def test_facets_count_stories_not_documents(grouped):
    result = search(grouped, SearchRequest(""))
    sources = {f["value"]: f["count"] for f in result.facets["source"]}
    # Three documents credit Báo Tuyên Quang (the release, the other story, and the copy on
    # baotintuc.vn whose byline says "Theo Báo Tuyên Quang"): two stories.
    assert sources == {"Báo Tuyên Quang": 2, "Báo Nhân Dân": 1}
    years = {f["value"]: f["count"] for f in result.facets["year"]}
    assert years == {"2024": 2} and result.total == 2


def test_a_filter_on_a_copys_facet_shows_that_copy(grouped):
    result = search(grouped, SearchRequest("", {"source": ("Báo Nhân Dân",)}))
    assert [hit.id for hit in result.hits] == [release_id("https://nhandan.vn/d.html")]
    assert result.hits[0].copies == 2


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_every_match_is_one_hit_per_story_in_every_order(grouped, sort):
    request = SearchRequest("lao động", sort=sort)
    listed = list(iter_matches(grouped, request))
    assert len(listed) == search(grouped, request).total == 2
    assert len({hit.story for hit in listed}) == 2


def test_the_document_page_lists_the_copies(grouped, tmp_path):
    from webui.app import create_app

    index = grouped.generation.parent
    client = create_app(index, {"TESTING": True}).test_client()
    hits = client.get("/?q=Imsil").get_data(as_text=True)
    assert "2 bản tương tự" in hits
    page = client.get("/doc/" + release_id("https://baotuyenquang.com.vn/a.html")).get_data(as_text=True)
    assert 'id="copies"' in page
    for copy in ("https://nhandan.vn/d.html", "https://baotintuc.vn/c.html"):
        assert f'href="/doc/{release_id(copy)}"' in page


def test_a_duplicated_seed_is_one_hit_with_its_copy_listed(tmp_path):
    import shutil

    from indexer.search.documents_view import load_document, story_copies
    from tests.conftest import CORPUS

    crawl = tmp_path / "crawl"
    shutil.copytree(CORPUS, crawl)
    seed = (crawl / "000_eb25f7a71b7afa55.txt").read_text("utf-8")
    copy = "Tuyên Quang và Imsil tăng cường hợp tác lao động\n\n" + seed.split("\n", 1)[1]
    (crawl / "copy_of_000.txt").write_text(copy.replace("Theo Báo Tuyên Quang", "Theo TTXVN"), "utf-8")
    store = new_store(tmp_path / "index")
    index_paths(store, [crawl])
    snap = snapshots_of(store).current()
    result = search(snap, SearchRequest("Imsil"))
    assert result.total == 1 and result.hits[0].copies == 1
    shown = load_document(snap, result.hits[0].id)
    listed = {c["id"] for c in story_copies(snap, shown)}
    assert listed == {
        release_id(crawl / "000_eb25f7a71b7afa55.txt"),
        release_id(crawl / "copy_of_000.txt"),
    } - {shown["id"]}


def test_shared_buckets_hold_several_documents_and_let_a_changed_one_go():
    import numpy as np

    from indexer.index.stories import StoryFinder

    same = np.arange(128, dtype="<u4").tobytes()
    other = np.arange(1000, 1128, dtype="<u4").tobytes()
    finder = StoryFinder()
    assert [finder.assign(name, same) for name in ("a", "b", "c")] == ["a", "a", "a"]
    assert finder.assign("b", other) == "b"  # b changed: compared afresh, its old bands forgotten
    assert finder._candidates(same) == {"a", "c"} and finder.assign("d", same) == "a"


def test_merged_bands_find_what_recent_ones_find(monkeypatch):
    """Bands move from the recent dict into the sorted arrays as the finder fills; a finder
    that merges after every document assigns a stream of copies and changes as one that never does."""
    import numpy as np

    rng = np.random.default_rng(5)
    bases = [rng.integers(0, 2**32, 128, dtype=np.uint32) for _ in range(12)]

    def near(base):  # a copy: a third of the minima redrawn, so it usually shares a band
        copy = base.copy()
        redrawn = rng.choice(128, 40, replace=False)
        copy[redrawn] = rng.integers(0, 2**32, 40, dtype=np.uint32)
        return copy.astype("<u4").tobytes()

    stream = [(f"d{rng.integers(0, 60)}", near(bases[rng.integers(0, 12)])) for _ in range(300)]
    eager = StoryFinder()
    monkeypatch.setattr(eager, "RECENT", 32)  # one document's 32 bands: a merge every time
    monkeypatch.setattr(eager, "BLOCK", 7)  # and signatures in many small blocks
    lazy = StoryFinder()
    assigned = [(eager.assign(d, m), lazy.assign(d, m)) for d, m in stream]
    assert all(a == b for a, b in assigned)
    assert eager._recent == {} and eager._keys.size == 32 * len(stream)
    assert len({a for a, _ in assigned}) < 40  # copies did join stories
    for _, m in stream[-20:]:
        assert eager._candidates(m) == lazy._candidates(m)


def test_signatures_are_datasketchs_so_stored_ones_keep_their_meaning():
    import hashlib

    import numpy as np

    from indexer.index.stories import NUM_PERM, SCHEME

    # Computed by datasketch 2.0.0's MinHash(num_perm=128, scheme="affine32") on RELEASE's shingles,
    # the hashing that wrote the signatures already stored in indexes.
    stored = signature(RELEASE)
    assert SCHEME == "affine32" and len(stored) == 4 * NUM_PERM
    first = [11499612, 5919854, 12425742, 68013, 4553681, 18297963]
    assert np.frombuffer(stored, "<u4")[:6].tolist() == first
    digest = "8a14bf95309fb695dc43f8d92c70cb791d010811cd545a7c95f85e79e55a001f"
    assert hashlib.sha256(stored).hexdigest() == digest


def generated_pairs(count: int, seed: int = 7):
    """Pairs of generated texts (400 words of a 3,000-word vocabulary) with their exact Jaccard
    similarity: the second keeps a random share of the first's sentences in order and adds new ones."""
    import random

    from indexer.index.stories import shingles

    rng = random.Random(seed)
    vocabulary = [f"tu{n}" for n in range(3000)]
    pairs = []
    for n in range(count):
        sentences = [" ".join(rng.choices(vocabulary, k=20)) for _ in range(20)]
        kept = n / count
        second = [s if rng.random() < kept else " ".join(rng.choices(vocabulary, k=20)) for s in sentences]
        first, other = ". ".join(sentences), ". ".join(second)
        a, b = shingles(first), shingles(other)
        pairs.append((first, other, len(a & b) / len(a | b)))
    return pairs


def test_the_minhash_estimates_the_jaccard_similarity():
    from indexer.index.stories import similarity

    pairs = generated_pairs(60)
    exact = [j for _, _, j in pairs]
    assert min(exact) < 0.1 and max(exact) > 0.8  # the pairs span the range
    errors = [similarity(signature(a), signature(b)) - j for a, b, j in pairs]
    # 128 permutations: a standard error of at most sqrt(0.25 / 128) = 0.044 per pair
    assert max(abs(e) for e in errors) < 0.15
    assert sum(abs(e) for e in errors) / len(errors) < 0.05
    assert abs(sum(errors) / len(errors)) < 0.02  # unbiased
    assert similarity(signature(pairs[0][0]), signature(pairs[0][0])) == 1.0


def test_banding_finds_the_pairs_above_the_threshold_and_not_those_far_below():
    from indexer.index.stories import THRESHOLD

    pairs = generated_pairs(60, seed=11)
    above = [(a, b) for a, b, j in pairs if j >= THRESHOLD + 0.2]
    below = [(a, b) for a, b, j in pairs if j <= THRESHOLD - 0.2]
    assert len(above) >= 10 and len(below) >= 10
    for n, (a, b) in enumerate(above):
        finder = StoryFinder()
        finder.assign("first", signature(a))
        assert finder._candidates(signature(b)) == {"first"}, n  # a band matched
        assert finder.assign("copy", signature(b)) == "first"
    for a, b in below:
        finder = StoryFinder()
        finder.assign("first", signature(a))
        assert finder.assign("other", signature(b)) == "other"


def test_the_bands_are_the_least_false_positive_and_negative_chance():
    import numpy as np

    from indexer.index.stories import BANDS, NUM_PERM

    def integral(y, x):
        return float(((y[1:] + y[:-1]) / 2 * np.diff(x)).sum())

    def error(t: float, b: int, r: int) -> float:
        below, above = np.linspace(0, t, 2001), np.linspace(t, 1, 2001)
        return integral(1 - (1 - below**r) ** b, below) + integral((1 - above**r) ** b, above)

    every = [(b, r) for b in range(1, NUM_PERM + 1) for r in range(1, NUM_PERM // b + 1)]
    for t, chosen in BANDS.items():
        assert min(every, key=lambda br: error(t, *br)) == chosen, t
        assert chosen[0] * chosen[1] <= NUM_PERM
    with pytest.raises(ValueError):
        StoryFinder(0.45)


def test_indexing_stories_imports_neither_datasketch_nor_scipy():
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; from indexer.index.stories import StoryFinder, signature\n"
        "from tests.test_stories import RELEASE\n"
        "StoryFinder().assign('a', signature(RELEASE))\n"
        "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
