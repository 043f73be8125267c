"""How much memory a process tree holds, read from /proc (Linux): scripts/bench's peak
indexing memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Memory:
    """A process tree's proportional set size, split the two ways that say where it goes:
    anonymous (the heap) or file-backed (index files mapped by the engine, reclaimable), and
    thongcao's own process or its workers.  Pages forked workers share with their parent
    count once, not once each."""

    total: int = 0
    anonymous: int = 0
    file: int = 0
    own: int = 0

    def __str__(self) -> str:
        mib = 2**20
        return (f"{self.total / mib:8.0f} MiB  (anonymous {self.anonymous / mib:.0f}, file-backed "
                f"{self.file / mib:.0f}; thongcao's process {self.own / mib:.0f}, workers "
                f"{(self.total - self.own) / mib:.0f})")  # fmt: skip


def tree_memory(pid: int) -> Memory:
    """The memory of a process and all its descendants (Memory)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    total = anonymous = file = own = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        pss = _pss(current)
        total, anonymous, file = total + pss["Pss"], anonymous + pss["Pss_Anon"], file + pss["Pss_File"]
        own = own or pss["Pss"]
        stack.extend(children.get(current, []))
    return Memory(total, anonymous, file, own)


def _pss(pid: int) -> dict[str, int]:
    """A process's Pss, Pss_Anon and Pss_File in bytes (0 once it is gone)."""
    found = dict.fromkeys(("Pss", "Pss_Anon", "Pss_File"), 0)
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in found:
                found[name] = int(value.split()[0]) * 1024
    except (OSError, ValueError):
        pass
    return found
