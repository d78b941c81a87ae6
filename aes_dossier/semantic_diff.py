"""What changed in the dossier between a git revision and the working tree, in dossier terms.

A reviewer of a data pull request should not have to read YAML diffs: this lists records added
and removed, every changed field with its old and new value, and the sources added.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from .dossier import Dossier, load_dossier
from .text import pick


def dossier_at(root: Path, revision: str, data_dir: str = "data") -> Dossier:
    """The dossier as it was at ``revision`` (read from git, without touching the work tree)."""
    archive = subprocess.run(["git", "archive", "--format=tar", revision, data_dir], cwd=root,
                             capture_output=True, check=True, timeout=120).stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        return load_dossier(Path(folder) / data_dir, Path(folder))


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}.{key}" if prefix else key))
        return flat
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        flat = {}
        for index, item in enumerate(value):
            flat.update(_flatten(item, f"{prefix}[{index}]"))
        return flat
    return {prefix: value}


def _label(record: Any) -> str:
    return _titles(record)["en"]


def _show(value: Any) -> str:
    text = "—" if value is None or value == [] else ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 160 else text[:157] + "..."


def _titles(record: Any) -> dict[str, str]:
    """A record's title in each language (a person's name, a release's number); empty if none."""
    for attribute in ("name", "title", "term", "topic", "version"):
        value = getattr(record, attribute, None)
        if value is not None:
            return {"en": value, "fr": value} if isinstance(value, str) else {"en": pick(value, "en"), "fr": pick(value, "fr")}
    return {"en": "", "fr": ""}


def record_changes(old: Dossier, new: Dossier, skip: tuple[str, ...] = ("releases", "coverage")) -> dict[str, Any]:
    """Keys (``collection:id``) of the records added and changed, and the removed ones with
    their titles: what a release's changelog lists. Sources are records too."""
    added, changed, removed = [], [], []
    for collection in new.records:
        if collection in skip:
            continue
        before, after = old.records.get(collection, {}), new.records[collection]
        added += [f"{collection}:{record_id}" for record_id in sorted(set(after) - set(before))]
        removed += [{"key": f"{collection}:{record_id}", "title": _titles(before[record_id]) if _titles(before[record_id])["en"] else {"en": record_id, "fr": record_id}} for record_id in sorted(set(before) - set(after))]
        changed += [f"{collection}:{record_id}" for record_id in sorted(set(before) & set(after))
                    if before[record_id].model_dump(exclude_defaults=True) != after[record_id].model_dump(exclude_defaults=True)]
    return {"added": added, "changed": changed, "removed": removed}


def semantic_diff(old: Dossier, new: Dossier, revision: str) -> str:
    """A Markdown summary of the changes from ``old`` to ``new``."""
    added, removed, changed = [], [], []
    for collection in new.records:
        before, after = old.records.get(collection, {}), new.records[collection]
        for record_id in sorted(set(after) - set(before)):
            added.append(f"- **{collection}** `{record_id}` {_label(after[record_id])}".rstrip())
        for record_id in sorted(set(before) - set(after)):
            removed.append(f"- **{collection}** `{record_id}` {_label(before[record_id])}".rstrip())
        for record_id in sorted(set(before) & set(after)):
            old_fields = _flatten(before[record_id].model_dump(exclude_defaults=True))
            new_fields = _flatten(after[record_id].model_dump(exclude_defaults=True))
            fields = [f"  - `{name}`: {_show(old_fields.get(name))} → {_show(new_fields.get(name))}"
                      for name in sorted(set(old_fields) | set(new_fields)) if old_fields.get(name) != new_fields.get(name)]
            if fields:
                changed.append(f"- **{collection}** `{record_id}` {_label(after[record_id])}".rstrip())
                changed.extend(fields)
    new_sources = sorted(set(new.sources) - set(old.sources))
    lines = [f"## Dossier changes since `{revision}`", ""]
    if not (added or removed or changed):
        return "\n".join(lines + ["No change to the dossier's data."]) + "\n"
    for heading, items in (("Added", added), ("Removed", removed), ("Changed", changed)):
        if items:
            lines += [f"### {heading}", "", *items, ""]
    if new_sources:
        lines += ["### Sources added", ""]
        lines += [f"- `{sid}` {new.sources[sid].title} ({new.sources[sid].publisher}){' ' + new.sources[sid].url if new.sources[sid].url else ''}"
                  for sid in new_sources]
        lines.append("")
    counts = f"{len(added)} added, {len(removed)} removed, {sum(1 for line in changed if line.startswith('- '))} changed"
    lines.append(f"_{counts}; {len(new_sources)} new source(s)._")
    return "\n".join(lines) + "\n"
