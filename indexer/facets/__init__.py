"""Facets: what a release is about (countries, provinces, localities) and the facet registry."""
