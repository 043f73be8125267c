"""Crawl: read a crawl's files, JSONL and WARC records into SourceItems, decoded to text."""
