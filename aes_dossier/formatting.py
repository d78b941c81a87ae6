"""The canonical layout of data files, so that a hand edit and the formatter never disagree.

Like congress-legislators, the YAML is the canonical data and one command rewrites it into one
layout: the schema comment first; fields in the order of the data contract; dates in single
quotes; block style; two-space indentation with list dashes indented under their key; each
text on one line (never folded, so a changed sentence is a one-line diff and no line ends in a
stray space). ruamel.yaml keeps every comment an editor wrote.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from .dossier import _model_at
from .model import COLLECTIONS, date_fields

WIDTH = 1_000_000


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    yaml.preserve_quotes = False
    yaml.allow_duplicate_keys = False
    return yaml


def schema_comment(collection: str) -> str:
    return f"# yaml-language-server: $schema=../../schema/{collection}.json"


def key_order(model: type[BaseModel]) -> list[str]:
    """The contract's field order, with the id first and the note and sources last."""
    fields = [name for name in model.model_fields if name not in ("id", "former_ids", "note", "sources")]
    return [name for name in ("id", "former_ids") if name in model.model_fields] + fields + [
        name for name in ("note", "sources") if name in model.model_fields]


def _canonical(node: Any, model: type[BaseModel] | None) -> Any:
    """Reorder keys, quote dates and force block style, recursively, keeping comments."""
    if isinstance(node, CommentedMap):
        node.fa.set_block_style()
        if model is not None:
            order = key_order(model)
            keys = sorted(node.keys(), key=lambda k: order.index(k) if k in order else len(order))
            if keys != list(node.keys()):
                comments = dict(node.ca.items)
                values = [(key, node[key]) for key in keys]
                for key in list(node.keys()):
                    del node[key]
                for key, value in values:
                    node[key] = value
                    if key in comments:
                        node.ca.items[key] = comments[key]
            dates = date_fields(model)
            for key in list(node.keys()):
                value = node[key]
                if key in dates and isinstance(value, str):
                    node[key] = SingleQuotedScalarString(value)
                else:
                    _canonical(value, _model_at(model, (key,)))
        else:
            for value in node.values():
                _canonical(value, None)
    elif isinstance(node, CommentedSeq):
        node.fa.set_block_style()
        for item in node:
            _canonical(item, model)
    return node


_INLINE_COMMENT = re.compile(r"^([^'\"#]*\S)[ \t]+(#(?: .*)?)$")


def format_text(text: str, collection: str) -> str:
    """The canonical form of one data file's text.

    Two passes: moving a field can move the comment ruamel.yaml attached to it, and the second
    pass settles where it lands, so that formatting is idempotent.
    """
    return _format_once(_format_once(text, collection), collection)


def _format_once(text: str, collection: str) -> str:
    yaml = _yaml()
    data = yaml.load(text)
    model = COLLECTIONS[collection]
    _canonical(data, model)
    stream = io.StringIO()
    yaml.dump(data, stream)
    body = stream.getvalue()
    header = schema_comment(collection)
    lines = body.splitlines()
    while lines and (lines[0].startswith("# yaml-language-server:") or not lines[0].strip()):
        lines.pop(0)
    if isinstance(data, CommentedSeq):  # ruamel indents a top-level list by the offset: start it at column 0
        lines = [line[2:] if line.startswith("  ") else line for line in lines]
    lines = [_INLINE_COMMENT.sub(r"\1  \2", line) for line in lines]  # comments two spaces after the value
    return header + "\n\n" + "\n".join(lines).rstrip() + "\n"


def format_tree(data_dir: Path, write: bool = True) -> list[Path]:
    """Format every data file; return those that were (or would be) changed."""
    changed = []
    for collection in COLLECTIONS:
        for path in sorted((data_dir / collection).glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            formatted = format_text(text, collection)
            if formatted != text:
                changed.append(path)
                if write:
                    path.write_text(formatted, encoding="utf-8")
    return changed
