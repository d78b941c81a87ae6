"""JSON Schema for editors, exported from the data contract so that the two never drift."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from pydantic import TypeAdapter

from .model import COLLECTIONS


def collection_schema(name: str) -> dict:
    model = COLLECTIONS[name]
    schema = TypeAdapter(model | list[model]).json_schema()  # type: ignore[valid-type]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"AES dossier: data/{name}"
    schema["description"] = f"A file in data/{name}/ holds one {model.__name__} record or a list of them."
    return schema


@functools.cache
def collection_schema_text(name: str) -> str:
    """The schema as the API serves it; the data contract is fixed for a process, so it is built once."""
    return json.dumps(collection_schema(name), ensure_ascii=False, indent=1) + "\n"


def export_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in COLLECTIONS:
        path = folder / f"{name}.json"
        text = json.dumps(collection_schema(name), indent=2, ensure_ascii=False) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
