"""Writing generated files into ``docs/``: only what changed, only what the generator owns.

Pages are rendered in memory before anything is written, so invalid data never touches
``docs/``. Each file is written to a temporary name and renamed into place, so a reader (or
``mkdocs serve``) never sees half a file, and an unchanged file keeps its bytes and its
timestamp, which is what stops ``mkdocs serve`` from rebuilding forever.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".generated.json"
"""Lists the files the generator wrote last time; only those are ever removed."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _owned(docs: Path) -> set[str]:
    try:
        return set(json.loads((docs / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def stale_files(docs: Path, files: dict[str, str]) -> list[str]:
    """Generated files that are missing, differ from ``files``, or should no longer exist."""
    stale = [name for name, text in files.items()
             if not (docs / name).is_file() or (docs / name).read_bytes() != text.encode("utf-8")]
    stale += sorted(name for name in _owned(docs) - set(files) if (docs / name).exists())
    return sorted(stale)


def write_files(docs: Path, files: dict[str, str]) -> WriteReport:
    report = WriteReport()
    for name in sorted(files):
        _check_inside(docs, name)
        target = docs / name
        data = files[name].encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        _atomic_write(target, data)
        report.written.append(name)
    for name in sorted(_owned(docs) - set(files)):
        _check_inside(docs, name)
        target = docs / name
        if target.is_file():
            target.unlink()
            report.removed.append(name)
            _remove_empty_parents(target.parent, docs)
    manifest = (json.dumps(sorted(files), indent=0) + "\n").encode("utf-8")
    if not (docs / MANIFEST).is_file() or (docs / MANIFEST).read_bytes() != manifest:
        _atomic_write(docs / MANIFEST, manifest)
    return report


def _check_inside(docs: Path, name: str) -> None:
    resolved = (docs / name).resolve()
    if not resolved.is_relative_to(docs.resolve()) or name.startswith("/") or ".." in Path(name).parts:
        raise ValueError(f"refusing to write outside {docs}: {name}")


def _remove_empty_parents(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
