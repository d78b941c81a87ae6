"""Writing generated files into ``docs/``: only what changed, only what the generator owns.

Pages are rendered in memory before anything is written, so invalid data never touches
``docs/``. Changed files are then written in two phases, like a small database transaction:
first every new file goes into ``docs/.staging/`` and a plan is written last (the commit
point); then the files are renamed into place. A crash before the plan leaves ``docs/`` as it
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


def stale_files(docs: Path, files: dict[str, str]) -> list[str]:
    """Generated files that are missing, differ from ``files``, or should no longer exist."""
    if (docs / STAGING).exists():
        return [f"{STAGING}/ (an interrupted write: run build_pages.py to finish it)"]
    stale = [name for name, text in files.items()
             if not (docs / name).is_file() or (docs / name).read_bytes() != text.encode("utf-8")]
    stale += sorted(name for name in _owned(docs) - set(files) if (docs / name).exists())
    return sorted(stale)


def write_files(docs: Path, files: dict[str, str]) -> WriteReport:
    recover(docs)
    report = WriteReport()
    changed: list[str] = []
    for name in sorted(files):
        _check_inside(docs, name)
        target = docs / name
        if target.is_file() and target.read_bytes() == files[name].encode("utf-8"):
            report.unchanged += 1
        else:
            changed.append(name)
    removed = [name for name in sorted(_owned(docs) - set(files)) if (docs / name).is_file()]
    for name in removed:
        _check_inside(docs, name)
    manifest = json.dumps(sorted(files), indent=0) + "\n"
    if not changed and not removed and (docs / MANIFEST).is_file() and (docs / MANIFEST).read_text(encoding="utf-8") == manifest:
        return report
    staging = docs / STAGING
    for name in changed:
        _atomic_write(staging / name, files[name].encode("utf-8"))
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
