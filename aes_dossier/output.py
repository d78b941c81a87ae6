"""Writing generated files into ``docs/``: only what changed, only what the generator owns.

The data is validated before any page is rendered, so invalid data never touches ``docs/``.
Changed files are then written in two phases, like a small database transaction: first every
new file goes into ``docs/.staging/`` and a plan is written last (the commit point); then the
files are renamed into place. A crash before the plan leaves ``docs/`` as it
was (the staging folder is discarded on the next run); a crash after it is finished on the
next run. An unchanged file keeps its bytes and timestamp, which is what stops
``mkdocs serve`` from rebuilding forever.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".generated.json"
"""Lists the files the generator wrote last time; only those are ever removed."""
STAGING = ".staging"
PLAN = ".plan.json"


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


Files = Mapping[str, str] | Iterable[tuple[str, str]]
"""Generated files by path: a dict, or a stream of pairs, so that a large site is written while
it is rendered instead of being held whole in memory."""


def _bytes(content: str | bytes) -> bytes:
    """Pages are text; the data download is an archive, written as it is."""
    return content if isinstance(content, bytes) else content.encode("utf-8")


def _pairs(files: Files) -> Iterable[tuple[str, str]]:
    return files.items() if isinstance(files, Mapping) else files


def stale_files(docs: Path, files: Files) -> list[str]:
    """Generated files that are missing, differ from ``files``, or should no longer exist."""
    if (docs / STAGING).exists():
        return [f"{STAGING}/ (an interrupted write: run build_pages.py to finish it)"]
    names: set[str] = set()
    stale = []
    for name, text in _pairs(files):
        names.add(name)
        if not (docs / name).is_file() or (docs / name).read_bytes() != _bytes(text):
            stale.append(name)
    stale += sorted(name for name in _owned(docs) - names if (docs / name).exists())
    return sorted(stale)


def write_files(docs: Path, files: Files, prune: bool = True) -> WriteReport:
    """Write what changed. With ``prune=False`` (a partial generation, such as one edition)
    generated files missing from ``files`` are kept, and stay listed as the generator's.

    A changed file goes to the staging folder as soon as it arrives; only names are kept. If
    the stream fails part way, the staging folder is discarded and ``docs/`` is as it was.
    """
    recover(docs)
    report = WriteReport()
    changed: list[str] = []
    names: set[str] = set()
    staging = docs / STAGING
    try:
        for name, text in _pairs(files):
            _check_inside(docs, name)
            names.add(name)
            data = _bytes(text)
            target = docs / name
            if target.is_file() and target.read_bytes() == data:
                report.unchanged += 1
            else:
                changed.append(name)
                _atomic_write(staging / name, data)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    owned = _owned(docs)
    removed = [name for name in sorted(owned - names) if (docs / name).is_file()] if prune else []
    for name in removed:
        _check_inside(docs, name)
    manifest = json.dumps(sorted(names if prune else names | owned), indent=0) + "\n"
    if not changed and not removed and (docs / MANIFEST).is_file() and (docs / MANIFEST).read_text(encoding="utf-8") == manifest:
        return report
    changed.sort()
    _atomic_write(staging / MANIFEST, manifest.encode("utf-8"))
    plan = {"write": changed + [MANIFEST], "remove": removed}
    _atomic_write(staging / PLAN, json.dumps(plan).encode("utf-8"))  # the commit point
    _apply(docs)
    report.written, report.removed = changed, removed
    return report


def recover(docs: Path) -> None:
    """Finish a write whose plan was committed; discard one that was not."""
    staging = docs / STAGING
    if not staging.exists():
        return
    if (staging / PLAN).is_file():
        _apply(docs)
    else:
        shutil.rmtree(staging)


def _apply(docs: Path) -> None:
    staging = docs / STAGING
    plan = json.loads((staging / PLAN).read_text(encoding="utf-8"))
    for name in plan["write"]:
        _check_inside(docs, name)
        source = staging / name
        if source.is_file():
            (docs / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, docs / name)
    for name in plan["remove"]:
        _check_inside(docs, name)
        target = docs / name
        if target.is_file():
            target.unlink()
            _remove_empty_parents(target.parent, docs)
    shutil.rmtree(staging)


def _check_inside(docs: Path, name: str) -> None:
    target = docs / name
    resolved = Path(_real_folder(str(target.parent))) / target.name
    if target.is_symlink():
        resolved = target.resolve()
    if not resolved.is_relative_to(_real_folder(str(docs))) or name.startswith("/") or ".." in Path(name).parts:
        raise ValueError(f"refusing to write outside {docs}: {name}")


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    """A folder's real path, symlinks followed: asked once per folder, not once per file
    (a dossier of 50,000 files spends half a minute in realpath otherwise)."""
    return os.path.realpath(folder)


def _remove_empty_parents(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
