"""Analysis: Vietnamese text to syllables and words, exact and folded, for documents and queries."""
