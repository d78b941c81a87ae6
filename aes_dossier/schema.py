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


def envelope_schema(name: str, many: bool) -> dict:
    """The schema of a published API file: the envelope (schema version, release, build date,
    licence, kind) around one record, or around the list of every record of the collection.
    Self-contained: the record's definitions travel with it, so any validator can use it alone."""
    model = COLLECTIONS[name]
    definitions = TypeAdapter(model).json_schema(ref_template="#/$defs/{model}")
    defs = definitions.pop("$defs", {})
    defs[model.__name__] = definitions
    record = {"$ref": f"#/$defs/{model.__name__}"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"AES dossier API: {'api/v1/' + name + '.json' if many else 'api/v1/' + name + '/{id}.json'}",
        "description": (f"The list of every {model.__name__} record" if many else f"One {model.__name__} record")
                       + ", in the API's envelope.",
        "type": "object",
        "required": ["schema_version", "release", "built", "licence", "kind", "data"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
            "release": {"type": ["string", "null"], "description": "The data release the file belongs to, e.g. 2026.12.0."},
            "built": {"type": "string", "format": "date"},
            "licence": {"type": "object", "required": ["name", "url"],
                        "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}}},
            "kind": {"const": name, "description": "The collection the file belongs to."},
            "data": {"type": "array", "items": record} if many else record,
        },
        "$defs": defs,
    }


@functools.cache
def envelope_schema_text(name: str, many: bool) -> str:
    return json.dumps(envelope_schema(name, many), ensure_ascii=False, indent=1) + "\n"


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
