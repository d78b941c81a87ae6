"""Synthetic dossiers for the benchmarks: the real data, multiplied, still valid.

Each size is the real dossier plus ``copies - 1`` clones of every event, person, organisation,
membership and source. A clone's id gets a ``-x<N>`` suffix and its references point at clones of
the same round (``N`` modulo that collection's copies), so every reference resolves and every
source is still cited; names gain a word drawn from a seeded generator, so the search index is not
one text repeated. The states, the two instruments, the glossary and the list of disagreements are
not multiplied: they are single pages that grow by hand, not by the hundred.

Sizes follow issue #10: 100x is about 23,000 events, people, organisations and sources (the issue
names 8,500 + 2,500 + 2,000 + 10,000), which is 48 copies of today's 484; 10x is a tenth of that.

    python -m bench.synth OUT --size 10x [--seed 2026]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SITE_CONFIG = ("mkdocs.yml", "pyproject.toml", "hooks", "overrides", "docs/assets")
"""What a project needs around its ``data/`` to build; the tests' throwaway projects copy the same."""

SCALED = ("events", "people", "organisations", "memberships", "sources")
COPIES = {"1x": 1, "10x": 5, "100x": 48}
"""Copies of the real records per size (see the module docstring for why 10x is 5 copies)."""

WORDS = ("Ansongo", "Dori", "Tillabéri", "Gao", "Kidal", "Djibo", "Ménaka", "Téra", "Ouahigouya", "Tombouctou",
         "Agadez", "Mopti", "Fada", "Diffa", "Ségou", "Kaya", "Tahoua", "Sikasso", "Zinder", "Koudougou")


def copy_site_config(target: Path) -> None:
    """Everything but the data: configuration, hooks, theme overrides and the hand-written pages."""
    for name in SITE_CONFIG:
        source, destination = ROOT / name, target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, destination, dirs_exist_ok=True)
        else:
            shutil.copy2(source, destination)


def make_dossier(target: Path, copies: int, seed: int = 2026) -> dict[str, int]:
    """Write a project with ``copies`` times the real records under ``target``; return the counts."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    copy_site_config(target)
    shutil.copytree(DATA, target / "data")
    records = _read_records()
    cited_by_scaled = {value for collection in SCALED if collection != "sources"
                       for _, record in records.get(collection, []) for value in _strings(record)}
    # A source cited only by the glossary or a disagreement (which are not copied) is not copied either.
    clonable = {collection: [r for _, r in entries if collection != "sources" or r["id"] in cited_by_scaled]
                for collection, entries in records.items()}
    scaled_ids = {record["id"]: collection for collection in SCALED for record in clonable.get(collection, [])}
    rng = random.Random(seed)
    for copy in range(1, copies):
        for collection in SCALED:
            clones = [_clone(record, copy, scaled_ids, rng) for record in clonable.get(collection, [])]
            folder = target / "data" / collection
            schema = f"# yaml-language-server: $schema=../../schema/{collection}.json\n"
            text = yaml.safe_dump(clones, allow_unicode=True, sort_keys=False, width=10_000)
            (folder / f"synthetic-x{copy:03d}.yaml").write_text(schema + "\n" + _quote_dates(text), encoding="utf-8")
    return {collection: len(records[collection]) + (copies - 1) * (len(clonable[collection]) if collection in SCALED else 0)
            for collection in records}


def _read_records() -> dict[str, list[tuple[Path, dict[str, Any]]]]:
    records: dict[str, list[tuple[Path, dict[str, Any]]]] = {}
    for path in sorted(DATA.glob("*/*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        for record in loaded if isinstance(loaded, list) else [loaded]:
            records.setdefault(path.parent.name, []).append((path, record))
    return records


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _clone(record: dict[str, Any], copy: int, scaled_ids: dict[str, str], rng: random.Random) -> dict[str, Any]:
    word = rng.choice(WORDS)

    def remap(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: remap(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [remap(v, key) for v in value]
        if isinstance(value, str) and value in scaled_ids:
            return f"{value}-x{copy}"
        if key == "former_ids" and isinstance(value, str):
            return f"{value}-x{copy}"
        return value

    clone = remap(record)
    for field in ("name", "title"):
        if isinstance(clone.get(field), str):
            clone[field] = f"{clone[field]} ({word} {copy})"
        elif isinstance(clone.get(field), dict):
            clone[field] = {lang: f"{text} ({word} {copy})" for lang, text in clone[field].items()}
    return clone


def _quote_dates(text: str) -> str:
    """safe_dump writes '2024-01' quoted but a full date bare; the loader wants every date quoted."""
    import re
    return re.sub(r"^(\s*(?:- )?\w+: )(\d{4}-\d{2}-\d{2})$", r"\1'\2'", text, flags=re.M)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", choices=sorted(COPIES), default="10x")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    counts = make_dossier(args.out, COPIES[args.size], args.seed)
    print(", ".join(f"{count:,} {collection}" for collection, count in counts.items()))


if __name__ == "__main__":
    main()
