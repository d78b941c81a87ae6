"""Parsed data files kept across rebuilds, so that ``mkdocs serve`` re-reads only the file an
editor saved.

An entry is reused while the file's (mtime_ns, size) is unchanged, which also gives back the
*same* record objects: the incremental regenerator relies on that identity to know which
records may have changed. A file written within ``RACY_NS`` of being cached (a save right after
a read, on a file system with a coarse clock) may have the same stat but other bytes, so for
such a "racily clean" entry the bytes are compared too, as git does for its index.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RACY_NS = 2_000_000_000
"""How close to its caching a file's mtime makes its stat untrustworthy (2 s: FAT's granularity)."""


@dataclass
class _Entry:
    display: str
    mtime_ns: int
    size: int
    digest: bytes
    cached_at_ns: int
    items: list[Any]


class FileCache:
    """Per file, what ``dossier.read_file`` made of it."""

    def __init__(self) -> None:
        self._entries: dict[Path, _Entry] = {}
        self._seen: set[Path] = set()
        self.reread = 0
        """Files parsed since the last ``forget_others`` (one load of the dossier)."""

    def read(self, path: Path, display: str, parse: Callable[[], list[Any]]) -> list[Any]:
        self._seen.add(path)
        stat = path.stat()
        entry = self._entries.get(path)
        if entry is not None and (entry.display, entry.mtime_ns, entry.size) == (display, stat.st_mtime_ns, stat.st_size):
            if entry.cached_at_ns - stat.st_mtime_ns > RACY_NS:
                return entry.items
            if _digest(path) == entry.digest:
                entry.cached_at_ns = time.time_ns()  # once the clock has moved on, the stat is trusted again
                return entry.items
        digest = _digest(path)
        items = parse()
        self.reread += 1
        self._entries[path] = _Entry(display, stat.st_mtime_ns, stat.st_size, digest, time.time_ns(), items)
        return items

    def forget_others(self) -> None:
        """Drop the files this load did not read (deleted or renamed); ``start`` resets the count."""
        for path in set(self._entries) - self._seen:
            del self._entries[path]
        self._seen = set()

    def start(self) -> None:
        self.reread = 0
        self._seen = set()


def _digest(path: Path) -> bytes:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return b""
