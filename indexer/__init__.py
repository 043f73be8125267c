"""thongcao's library: crawl → extract → analyse → index → search, one subpackage a stage.

- `crawl`: read a crawl into SourceItems (or Rejected, with reasons), decoded to NFC text;
- `extract`: turn an item into a Document (article, headline, date, publisher; `extract.build`);
- `analysis`: Vietnamese segmentation (pyvi's words), syllables exact and folded, for documents and queries;
- `facets`: what a release is about (countries, provinces, localities) and the facet registry;
- `index`: the only writers; incremental runs, generations, the writer lock;
- `search`: the one search function every front end calls (`search.run`), over an engine's Snapshot;
- `engines`: Whoosh and tantivy behind one seam (`engines.base`);
- top level: `documents`, `text` and `errors`, shared by every stage; `data`, the tables; `cli`.
"""
