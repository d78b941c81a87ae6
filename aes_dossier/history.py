"""When each data file last changed, from git, so every page can say when it was last updated.

One ``git log`` call covers the whole ``data/`` folder (cheap at any size). A file with
uncommitted changes was updated "now". Outside a git checkout (a tarball install) the file's
modification time is used instead. "Now" is ``SOURCE_DATE_EPOCH`` when it is set, the
reproducible-builds convention, so that a build can be repeated byte for byte.
"""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
from pathlib import Path


def build_date() -> _dt.date:
    """Today, or the fixed date of a reproducible build (``SOURCE_DATE_EPOCH``)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return _dt.date.today()


def _modification_dates(root: Path, data_dir: str) -> dict[str, str]:
    limit = build_date()
    dates = {}
    for path in (root / data_dir).rglob("*.yaml"):
        changed = _dt.datetime.fromtimestamp(path.stat().st_mtime, _dt.timezone.utc).date()
        dates[path.relative_to(root).as_posix()] = min(changed, limit).isoformat()
    return dates


def data_file_dates(root: Path, data_dir: str = "data") -> dict[str, str]:
    """Map 'data/…/file.yaml' -> 'YYYY-MM-DD' of its last change."""
    try:
        log = subprocess.run(["git", "log", "--format=@%cs", "--name-only", "--no-renames", "--", data_dir],
                             cwd=root, capture_output=True, text=True, check=True, timeout=60).stdout
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--", data_dir],
                                cwd=root, capture_output=True, text=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return _modification_dates(root, data_dir)
    dates: dict[str, str] = {}
    current = ""
    for line in log.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif line and line not in dates:
            dates[line] = current
    today = build_date().isoformat()
    for line in status.splitlines():
        path = line[3:].strip().strip('"')
        dates[path] = today
    return dates
