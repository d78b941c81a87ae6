"""Numbered releases of the data: the number researchers cite, and what changed since the last.

Calendar versioning (``YEAR.MONTH.N``, N counting from 0 within the month): the dossier is a
dataset that grows continuously rather than a library with a compatibility promise, so the
number says how recent a citation is; the API's field contract has its own semantic
``SCHEMA_VERSION``. ``prepare_release`` is the documented command (``build_pages.py --release``):
it numbers the release, records what changed since the previous one from the semantic diff, and
writes the number and date into ``CITATION.cff``, so that the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from pydantic import ValidationError

from .dossier import Dossier, load_dossier
from .model import Release
from .semantic_diff import dossier_at, record_changes
from .settings import Settings

RELEASES_FILE = "releases/releases.yaml"
CITATION_FILE = "CITATION.cff"


def latest_release(dossier: Dossier) -> Any | None:
    releases = sorted(dossier["releases"].values(), key=lambda r: (r.date, _version_key(r.version)))
    return releases[-1] if releases else None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def next_version(versions: list[str], today: dt.date) -> str:
    """``2026.12.0`` for the first release of December 2026, then ``2026.12.1``..."""
    prefix = f"{today.year}.{today.month}."
    same_month = [int(v.rsplit(".", 1)[1]) for v in versions if v.startswith(prefix)]
    return f"{prefix}{max(same_month) + 1 if same_month else 0}"


def previous_release_revision(root: Path, data_dir: str = "data") -> str | None:
    """The commit that made the previous release: the last one to change the releases file."""
    result = subprocess.run(["git", "log", "-1", "--format=%H", "--", f"{data_dir}/{RELEASES_FILE}"],
                            cwd=root, capture_output=True, text=True)
    return (result.stdout.strip() or None) if result.returncode == 0 else None


def citation_cff(text: str, version: str, date: str) -> str:
    """CITATION.cff with the release's number and date (the rest kept as written)."""
    text = re.sub(r'(?m)^version: .*$', f'version: "{version}"', text)
    return re.sub(r'(?m)^date-released: .*$', f'date-released: "{date}"', text)


def citation_fields(text: str) -> dict[str, str]:
    found = yaml.safe_load(text) or {}
    return {"version": str(found.get("version", "")), "date-released": str(found.get("date-released", ""))}


def prepare_release(settings: Settings, summary: Mapping[str, str], today: dt.date | None = None) -> dict[str, Any]:
    """Number a release of the current data, record its changes, and update CITATION.cff."""
    today = today or dt.date.today()
    dossier = load_dossier(settings.data_path, settings.root)
    versions = [release.version for release in dossier["releases"].values()]
    version = next_version(versions, today)
    revision = previous_release_revision(settings.root, settings.data_dir) if versions else None
    changes = record_changes(dossier_at(settings.root, revision, settings.data_dir), dossier) if revision else None
    record: dict[str, Any] = {
        "id": version.replace(".", "-"), "version": version, "date": today.isoformat(),
        "summary": {"en": summary["en"], "fr": summary["fr"]},
        "records": {name: len(records) for name, records in dossier.records.items()
                    if records and name not in ("releases", "coverage")},
    }
    if changes is not None:
        record["changes"] = {key: value for key, value in changes.items() if value}
    try:  # checked before anything is written: a bad summary changes no file
        Release.model_validate(record)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, item['loc']))}: {item['msg']}" for item in error.errors())
        raise ValueError(f"the release record would be invalid ({problems}); nothing was written") from None
    path = settings.data_path / RELEASES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.exists() else "# yaml-language-server: $schema=../../schema/releases.json\n\n"
    addition = yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=4096)
    path.write_text(existing.rstrip("\n") + "\n" + addition, encoding="utf-8")
    citation = settings.root / CITATION_FILE
    citation.write_text(citation_cff(citation.read_text(encoding="utf-8"), version, today.isoformat()), encoding="utf-8")
    return record
