"""Translation coverage: how much of the reader-facing text exists in each language.

Counted per record type over every ``Text`` and ``Name`` field, nested ones included, so an
editor sees which kind of record still needs French before the threshold fails the check.
"""

from __future__ import annotations

from typing import Any, Iterator

from pydantic import BaseModel

from .dossier import Dossier
from .model import Name, Quotation, Text


def _texts(value: Any, lang: str) -> Iterator[Text | Name]:
    if isinstance(value, (Text, Name)):
        yield value
    elif isinstance(value, Quotation):
        if value.translation is not None and value.lang != lang:  # a French quote needs no French translation
            yield value.translation
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), lang)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, lang)


def translation_coverage(dossier: Dossier, lang: str) -> dict[str, tuple[int, int]]:
    """Record type -> (fields translated into ``lang``, fields in all)."""
    result: dict[str, tuple[int, int]] = {}
    for collection, records in dossier.records.items():
        done = total = 0
        for record in records.values():
            for text in _texts(record, lang):
                total += 1
                done += bool(getattr(text, lang, None))
        result[collection] = (done, total)
    return result


def coverage_report(coverage: dict[str, tuple[int, int]], lang: str, threshold: float) -> tuple[str, bool]:
    lines = [f"{lang} translation coverage (threshold {threshold:g}%):"]
    ok = True
    for collection, (done, total) in coverage.items():
        percent = 100.0 if total == 0 else 100.0 * done / total
        below = percent < threshold
        ok &= not below
        lines.append(f"  {collection:<14} {percent:6.1f}%  ({done}/{total}){'  BELOW THRESHOLD' if below else ''}")
    return "\n".join(lines), ok
