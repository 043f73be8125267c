"""Analysis: Vietnamese text to syllables and words, exact and folded, for documents and queries."""

# Indexes written before the subpackage layout (2026-11-29) pickled their analysers by the
# module they lived in then, `indexer.analysis`: reading such an index finds them here.
from indexer.analysis.analyzers import FoldFilter, NormalizeFilter, SentenceTokenizer  # noqa: E402, F401
