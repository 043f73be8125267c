"""Index: one indexing run, from crawl to committed generation: pipeline, workers, the store and its locks."""
