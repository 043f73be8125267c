"""The web face of thongcao: the search page, the JSON API and the feeds.

A request flows: `params` turns the URL into a SearchRequest → `indexer.search.run.search`
runs it on the current snapshot (`index`) → the view renders that one result as JSON
(`api`), as a page (`views`, with links from `links`) or as Atom (`feeds`).
"""
