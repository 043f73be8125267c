"""pyvi's word segmenter, re-implemented: exactly ``ViTokenizer.tokenize``'s output, several times faster.

pyvi 0.1.1 (MIT, (c) 2016 Viet-Trung Tran, https://github.com/trungtv/pyvi) builds a dict of
features per syllable, hands them to a crfsuite CRF through scikit-learn's wrapper and joins
its output quadratically.  This module reads pyvi's own model files, unchanged, and:

- takes the crfsuite model out of ``pyvi3.pkl`` with a restricted unpickler, then reads its
  weights from the crfsuite binary format: no scikit-learn, sklearn_crfsuite, numpy or
  python-crfsuite at run time (pyvi's ViTokenizer module is never imported: its unpickling
  loads all of them, 1-2 s);
- computes each distinct syllable's weights once (a cache) instead of feature dicts;
- scores and decodes in Python with crfsuite's own arithmetic, so the result is bit-identical:
  a state score is 0.0 plus each attribute's weight in pyvi's dict order (crfsuite's
  ``crf1dt_state_score``), an absent or False attribute adds exactly 0.0, and Viterbi keeps
  the first label on ties (``crf1dc_viterbi``'s strict ``<``);
- joins the output once.

>>> Segmenter().tokenize("Hợp tác với Hàn Quốc.")
'Hợp_tác với Hàn_Quốc .'
"""

from __future__ import annotations

import os
import pickle
import re
import string
import struct
import unicodedata
from importlib.util import find_spec

# pyvi's ViTokenizer.sylabelize patterns, in its order; its inner groups are made
# non-capturing so that findall returns whole matches (pyvi keeps group 1, the whole match).
_ABBREVIATIONS = [r"[A-ZĐ]+\.", r"Tp\.", r"Mr\.", r"Mrs\.", r"Ms\.", r"Dr\.", r"ThS\."]
_SPECIALS = [r"==>", r"->", r"\.\.\.", r">>", "\n"]
_WEB = r"\w+://[^\s]+"
_EMAIL = r"[a-zA-Z0-9_.+-]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+"
_DIGIT = r"\d+(?:[\.,_]\d+)+"
SYLLABLE = re.compile("|".join([*_ABBREVIATIONS, *_SPECIALS, _WEB, _EMAIL, _DIGIT, r"[^\w\s]", r"\w+"]))

Weights = tuple[float, float]  # one weight per label: (B_W, I_W)
_ZERO: Weights = (0.0, 0.0)
_PICKLED_CLASSES = {
    ("sklearn_crfsuite.estimator", "CRF"),
    ("sklearn_crfsuite._fileresource", "FileResource"),
    ("pycrfsuite._logparser", "TrainLogParser"),
    ("numpy.core.multiarray", "scalar"),
    ("numpy", "dtype"),
}


BUNDLED_MODELS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "pyvi")


def pyvi_models() -> str:
    """pyvi's models folder, found without running any of pyvi's code."""
    spec = find_spec("pyvi")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvi is not installed: its model files are needed")
    return os.path.join(list(spec.submodule_search_locations)[0], "models")


class _Stub:
    """Stands in for every class in pyvi's pickle: only the model file's bytes are wanted."""

    def __init__(self, *args: object) -> None:
        self.state: object = None

    def __setstate__(self, state: object) -> None:
        self.state = state


class _ModelUnpickler(pickle.Unpickler):
    """Unpickles pyvi3.pkl without scikit-learn, refusing any global it does not expect."""

    def find_class(self, module: str, name: str) -> object:
        if (module, name) == ("_codecs", "encode"):  # how pickle protocol 2 stores bytes
            import _codecs

            return _codecs.encode
        if (module, name) in _PICKLED_CLASSES:
            return _Stub
        raise pickle.UnpicklingError(f"unexpected global {module}.{name} in pyvi's model")


def load_model_bytes(path: str) -> bytes:
    """The crfsuite model file that sklearn_crfsuite's FileResource pickled inside pyvi3.pkl."""
    with open(path, "rb") as f:
        crf = _ModelUnpickler(f).load()
    data = crf.state["modelfile"].state["__FILE_RESOURCE_DATA__"]
    if not data.startswith(b"lCRF"):
        raise ValueError(f"{path}: no crfsuite model inside")
    return data


def _cqdb_strings(model: bytes, offset: int) -> dict[int, bytes]:
    """id -> string of a CQDB chunk (crfsuite's string table), read via its backward array."""
    if model[offset : offset + 4] != b"CQDB":
        raise ValueError("unexpected crfsuite model layout")
    count, backward = struct.unpack_from("<II", model, offset + 16)
    strings = {}
    for i in range(count):
        record = offset + struct.unpack_from("<I", model, offset + backward + 4 * i)[0]
        sid, size = struct.unpack_from("<iI", model, record)
        strings[sid] = model[record + 8 : record + 7 + size]  # stored NUL-terminated
    return strings


def read_crfsuite(model: bytes) -> tuple[dict[str, Weights], tuple[Weights, Weights]]:
    """Attribute weights and label transitions of a two-label (B_W, I_W) crfsuite CRF1d model.

    Names that are not UTF-8 are skipped: no Python string can reach them.
    """
    magic, _, _, _, _, num_labels, _, off_features, off_labels, off_attrs = struct.unpack_from(
        "<4sI4s7I", model
    )
    labels = [_cqdb_strings(model, off_labels)[i] for i in range(num_labels)]
    if magic != b"lCRF" or labels != [b"B_W", b"I_W"]:
        raise ValueError(f"not pyvi's segmentation model: labels {labels}")
    names = {}
    for aid, raw in _cqdb_strings(model, off_attrs).items():
        try:
            names[aid] = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
    count = struct.unpack_from("<I", model, off_features + 8)[0]
    weights: dict[str, list[float]] = {}
    trans = [[0.0, 0.0], [0.0, 0.0]]
    for kind, src, dst, weight in struct.iter_unpack("<iiid", model[off_features + 12 :][: 20 * count]):
        if kind == 1:
            trans[src][dst] = weight
        elif src in names:
            weights.setdefault(names[src], [0.0, 0.0])[dst] = weight
    from_b, from_i = trans
    return {k: (w[0], w[1]) for k, w in weights.items()}, ((from_b[0], from_b[1]), (from_i[0], from_i[1]))


def load_ngrams(path: str) -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """pyvi's dictionary as it reads it (split on "\\n", then single spaces), as tuples.

    ``(a, b) in bigrams`` equals pyvi's ``"a b".lower() in bi_grams``: syllables hold no
    space, and a space stops str.lower's only context rule (final sigma).
    """
    with open(path, encoding="utf-8", newline="") as f:
        entries = [tuple(line.split(" ")) for line in f.read().split("\n")]
    return frozenset(e for e in entries if len(e) == 2), frozenset(e for e in entries if len(e) == 3)


class Segmenter:
    """``tokenize(text)`` returns exactly ``pyvi.ViTokenizer.tokenize(text)``, faster.

    Remembers up to ``cache_size`` distinct syllables (~400 bytes each; an eighth of the news
    corpus has 32,000), then starts over.
    """

    def __init__(self, models_dir: str | None = None, cache_size: int = 100_000) -> None:
        models_dir = models_dir or BUNDLED_MODELS
        self._weights, self._trans = read_crfsuite(load_model_bytes(os.path.join(models_dir, "pyvi3.pkl")))
        self._bigrams, self._trigrams = load_ngrams(os.path.join(models_dir, "words.txt"))
        self._cache_size = cache_size
        self._facts: dict[str, tuple] = {}
        w = self._weight
        # The n-gram weights by flag: a False flag adds 0.0, as pyvi's {"k": False} does.
        self._ngrams = tuple(
            (0.0, w(name)[label])
            for label in (0, 1)
            for name in ("-1:word.bi_gram()", "-2:word.tri_gram()", "+1:word.bi_gram()", "+2:word.tri_gram()")
        )

    def _weight(self, name: str) -> Weights:
        """An attribute's weights; crfsuite reads names as C strings, so a NUL ends them."""
        return self._weights.get(name.split("\x00", 1)[0], _ZERO)

    def _syllable(self, syl: str) -> tuple:
        """What one syllable adds as the current item, as left and right neighbour, and join tests.

        Layout: lower, then per label (B_W, I_W): current-item sum, left-neighbour weights
        (lower, istitle, isupper), right-neighbour weights; then the two join tests.
        """
        syl.encode("utf-8")  # pyvi fails on lone surrogates too (crfsuite needs UTF-8)
        low, upper, title, digit = syl.lower(), syl.isupper(), syl.istitle(), syl.isdigit()
        w = self._weight
        own = [w("bias"), w("word.lower():" + low)]
        own += [w(name) for name, on in (("word.isupper()", upper), ("word.istitle()", title)) if on]
        own += [w("word.isdigit()")] if digit else []
        left = [w("-1:word.lower():" + low), w("-1:word.istitle()") if title else _ZERO]
        left += [w("-1:word.isupper()") if upper else _ZERO]
        right = [w("+1:word.lower():" + low), w("+1:word.istitle()") if title else _ZERO]
        right += [w("+1:word.isupper()") if upper else _ZERO]
        facts: list = [low]
        for label in (0, 1):
            score = 0.0
            for weights in own:  # one by one, in pyvi's order, as crfsuite sums them
                score += weights[label]
            facts += [score, *(x[label] for x in left), *(x[label] for x in right)]
        # pyvi tests `syl in string.punctuation`, a substring test, and the first character's case.
        facts += [not (syl in string.punctuation or syl[0].isdigit()), syl[0].istitle()]
        if len(self._facts) >= self._cache_size:
            self._facts.clear()
        self._facts[syl] = fact = tuple(facts)
        return fact

    def sylabelize(self, text: str) -> list[str]:
        """pyvi's syllables of NFC text: words, numbers, emails, URLs, abbreviations, marks."""
        return SYLLABLE.findall(unicodedata.normalize("NFC", text))

    def labels(self, syls: list[str]) -> tuple[list[int], list[tuple]]:
        """Viterbi labels (1 for I_W) of a non-empty syllable sequence, and each syllable's facts."""
        get = self._facts.get
        facts = [get(s) or self._syllable(s) for s in syls]
        lows = [f[0] for f in facts]
        bigrams, trigrams = self._bigrams, self._trigrams
        # bi[k]: syllables k-1, k are a dictionary bigram; tri[k]: k-2..k a trigram.
        bi = [False]
        bi += [pair in bigrams for pair in zip(lows, lows[1:], strict=False)]
        bi.append(False)
        tri = [False, False]
        tri += [triple in trigrams for triple in zip(lows, lows[1:], lows[2:], strict=False)]
        tri += [False, False]
        b0, t0, nb0, nt0, b1, t1, nb1, nt1 = self._ngrams
        (s00, s01), (s10, s11) = self._trans
        none = ("", *(0.0,) * 14, True, False)  # the missing neighbour at either end adds 0.0
        items = zip(facts, [*facts[1:], none], bi, tri, bi[1:], tri[2:], strict=False)
        # Python adds left to right: the same order, hence the same rounding, as crfsuite.
        f, n, b, t, nb, nt = next(items)
        a0 = f[1] + n[5] + n[6] + n[7] + nb0[nb] + nt0[nt]  # no left neighbour: nothing to add
        a1 = f[8] + n[12] + n[13] + n[14] + nb1[nb] + nt1[nt]
        p = f
        back = []  # per item, bit j set: the best path to label j comes from I_W
        append = back.append
        for f, n, b, t, nb, nt in items:
            x0 = f[1] + p[2] + p[3] + p[4] + b0[b] + t0[t] + n[5] + n[6] + n[7] + nb0[nb] + nt0[nt]
            x1 = f[8] + p[9] + p[10] + p[11] + b1[b] + t1[t] + n[12] + n[13] + n[14] + nb1[nb] + nt1[nt]
            p = f
            u = a0 + s00
            v = a1 + s10
            if u < v:  # crfsuite keeps the first label unless the second is strictly better
                m0, k = v, 1
            else:
                m0, k = u, 0
            u = a0 + s01
            v = a1 + s11
            if u < v:
                a1 = v + x1
                k |= 2
            else:
                a1 = u + x1
            a0 = m0 + x0
            append(k)
        label = 1 if a0 < a1 else 0
        out = [label]
        for k in reversed(back):
            label = (k >> label) & 1
            out.append(label)
        out.reverse()
        return out, facts

    def tokenize(self, text: str) -> str:
        """Syllables of one word joined by "_", words by " ", exactly as pyvi does."""
        syls = self.sylabelize(text)
        if not syls:
            return text  # pyvi returns its input untouched, not NFC
        inside, facts = self.labels(syls)
        out = [syls[0]]
        for syl, label, cur, prev in zip(syls[1:], inside[1:], facts[1:], facts, strict=False):
            glue = label and cur[15] and prev[15] and not (cur[16] and not prev[16])
            out.append("_" if glue else " ")
            out.append(syl)
        return "".join(out)


_default: Segmenter | None = None


def tokenize(text: str) -> str:
    """``pyvi.ViTokenizer.tokenize`` with a shared Segmenter, loaded on first use."""
    global _default
    if _default is None:
        _default = Segmenter()
    return _default.tokenize(text)
