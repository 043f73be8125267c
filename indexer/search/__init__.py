"""Search: a query parsed and planned, run over a Snapshot, its hits grouped, counted and shown."""
