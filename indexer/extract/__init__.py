"""Extract: turn a crawled item into a Document (article text, headline, date, publisher, facets)."""
