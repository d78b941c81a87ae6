"""When each data file last changed, from git, so every page can say when it was last updated.

One ``git log`` call covers the whole ``data/`` folder (cheap at any size). A file with
uncommitted changes was updated today. Outside a git checkout the date is unknown, and pages
say so rather than inventing one.
"""

from __future__ import annotations

import datetime as _dt
import subprocess
from pathlib import Path


def data_file_dates(root: Path, data_dir: str = "data") -> dict[str, str]:
    """Map 'data/…/file.yaml' -> 'YYYY-MM-DD' of its last change."""
    try:
        log = subprocess.run(["git", "log", "--format=@%cs", "--name-only", "--no-renames", "--", data_dir],
                             cwd=root, capture_output=True, text=True, check=True, timeout=60).stdout
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--", data_dir],
                                cwd=root, capture_output=True, text=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in log.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif line and line not in dates:
            dates[line] = current
    today = _dt.date.today().isoformat()
    for line in status.splitlines():
        path = line[3:].strip().strip('"')
        dates[path] = today
    return dates
