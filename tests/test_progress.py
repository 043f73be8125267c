"""Progress of `thongcao index`: a bar on a terminal, a line every few seconds in a log."""

import io

from indexer.index.progress import ProgressLines


def test_a_log_gets_whole_lines_at_most_every_few_seconds():
    log = io.StringIO()
    lines = ProgressLines(log, every=3600)
    for count in range(1, 1000):
        lines(count, f"/crawl/{count}.txt")
    assert log.getvalue() == ""  # not yet a few seconds
    lines.every = 0
    lines(1000, "/crawl/1000.txt")
    (line,) = log.getvalue().splitlines()
    assert line.startswith("thongcao: 1000 inputs read, ") and "\r" not in log.getvalue()
