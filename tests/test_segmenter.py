"""indexer.analysis.segmenter must give stock pyvi's output, string for string, on any text.

The sample: every seed paragraph, a deterministic slice of the shared news corpus (read in
place, never copied here), hand-picked edge cases and random text.  The full corpus is
scripts/bench_segmenter.py's job.
"""

from __future__ import annotations

import json
import lzma
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.analysis.segmenter import Segmenter, load_model_bytes, pyvi_models
from tests.conftest import shared

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"
NEWS_STEP = 150  # every 150th article: 268 of 40,163


@pytest.fixture(scope="module")
def pyvi():
    from pyvi import ViTokenizer

    return ViTokenizer.tokenize


@pytest.fixture(scope="module")
def ours() -> Segmenter:
    return Segmenter()


def seed_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        whole = path.read_text(encoding="utf-8")
        texts += [whole, *whole.split("\n")]
    return texts


def test_every_seed_paragraph_matches_pyvi(pyvi, ours):
    texts = seed_texts()
    assert len(texts) > 100
    assert [ours.tokenize(t) for t in texts] == [pyvi(t) for t in texts]


def test_a_small_cache_that_keeps_emptying_changes_nothing(pyvi):
    tiny = Segmenter(cache_size=7)
    texts = seed_texts()[:40]
    assert [tiny.tokenize(t) for t in texts] == [pyvi(t) for t in texts]
    assert len(tiny._facts) <= 7


def test_a_slice_of_the_news_corpus_matches_pyvi(pyvi, ours):
    shared("news", NEWS.name)
    checked = 0
    with lzma.open(NEWS) as f:  # bytes: only the sampled lines are decoded
        for n, line in enumerate(f):
            if n % NEWS_STEP:
                continue
            article = json.loads(line)
            for text in (article["title"], article["text"]):
                assert ours.tokenize(text) == pyvi(text), f"article {article['id']}"
                checked += 1
    assert checked >= 2 * 260


TRICKY = [
    "",
    " ",
    "\n\n",
    "\t \u00a0",
    ".",
    "...",
    "!!! ?!",
    "==> -> >> <<",
    "\"'()[]{}",
    "a",
    "8,76 tỷ đồng, tăng 2.000.000 (12,5%) so với 1_000 năm 2023.",
    "TP.HCM, Tp. Hồ Chí Minh, Mr. Smith, Mrs. Lee, Dr. Who, ThS. Nguyễn Văn A",
    "Gyeongsangbuk-do, Jeollabuk-do và Seoul",
    "Liên hệ: press@example.com.vn hoặc https://example.vn/tin-tuc?id=1&x=2 ngay.",
    "UBND TỈNH QUẢNG NINH THÔNG BÁO KẾT QUẢ",
    "Hà Nội Và TP Hồ Chí Minh",
    unicodedata.normalize("NFD", "Thỏa thuận hợp tác giữa Việt Nam và Hàn Quốc"),
    "hòa bình, hoà bình, thủy lợi, thuỷ lợi, ủy ban, uỷ ban",
    "🇻🇳 Việt Nam 👍🏽 vô địch 🎉🎉",
    "x² ³4 Ⅻ ½ ١٢٣ ๑๒",
    "ΑΣ ΒΣ σς, İstanbul, ǅemal, ß STRASSE",
    "x\x00y \x00 nul",
    "\u200bzero\u200bwidth\u200b",
    "Ngày 10/8/2023, lúc 14h30 - 15h",
    "A.B.C. và Đ. và ĐH. Quốc Gia",
]


@pytest.mark.parametrize("text", TRICKY)
def test_edge_cases_match_pyvi(pyvi, ours, text):
    assert ours.tokenize(text) == pyvi(text)


def test_a_very_long_single_line_matches_pyvi(pyvi, ours):
    line = " ".join(t for t in seed_texts() if t and "\n" not in t)
    line = (line + " ")[:60_000]
    assert ours.tokenize(line) == pyvi(line)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["hợp", "tác", "Hàn", "Quốc", "HÀ", "NỘI", "bình", "thường", "Tp.", "2,5"]),
            st.sampled_from([" ", " ", "\n", ".", ",", "-", "_", ":", "@", "/", "...", "->"]),
            st.text(max_size=4),
        ),
        max_size=30,
    ).map("".join)
)
def test_random_text_matches_pyvi(pyvi, ours, text):
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return  # pyvi cannot pass lone surrogates to crfsuite either; see the test below
    assert ours.tokenize(text) == pyvi(text)


def test_lone_surrogates_are_refused_as_pyvi_refuses_them(ours):
    # pyvi surfaces crfsuite's encoding failure as a SystemError; ours is a plain UnicodeEncodeError
    with pytest.raises(UnicodeEncodeError):
        ours.tokenize("a\ud800b")


def test_labels_equal_crfsuite_on_pyvis_own_features(ours):
    """Below the join rule, which hides some labels: the raw labels equal crfsuite's Viterbi."""
    import pycrfsuite
    from pyvi.ViTokenizer import ViTokenizer

    model = load_model_bytes(str(Path(pyvi_models()) / "pyvi3.pkl"))
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(model)
    for text in seed_texts():
        syls = ours.sylabelize(text)
        if syls:
            expected = tagger.tag(ViTokenizer.sent2features(syls, False))
            assert [("B_W", "I_W")[x] for x in ours.labels(syls)[0]] == expected
    del model  # kept alive until here: crfsuite reads the bytes in place


def test_importing_the_segmenter_loads_neither_scikit_learn_nor_pyvi():
    heavy = ("sklearn", "sklearn_crfsuite", "scipy", "numpy", "pycrfsuite", "pyvi")
    code = (
        "import sys; from indexer.analysis.segmenter import Segmenter; Segmenter()\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
