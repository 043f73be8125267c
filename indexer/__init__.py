"""thongcao's library: crawl → extract → analyse → index → search.

- `sources`, `warc`, `decode`: read a crawl into SourceItems (or Rejected, with reasons);
- `plaintext`, `webpage`, `dates`, `facets`, `extract`: turn an item into a Document;
- `text`, `analysis`: Vietnamese normalisation and pyvi segmentation, for documents and queries;
- `store`, `pipeline`: the only writers; incremental runs, generations, the writer lock;
- `query`, `snapshot`, `snippets`, `sentences`, `search`: the one search function every front end calls.
"""
