"""YAML -> plain values, with the line and column of every key and value.

PyYAML is used only to compose the node tree (safe: no object construction); values are then
built here so that the project's own rules apply: duplicate keys are errors (PyYAML keeps the
last one silently), anchors and aliases are refused (no "billion laughs"), custom tags are
refused, unquoted dates are refused (they would become datetime objects), and YAML 1.1
booleans such as ``yes``/``no``/``on``/``off`` stay strings so that ``Norway: no`` stays "no".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DataError

MAX_FILE_BYTES = 1_000_000
"""One data file is at most 1 MB: the largest real file is well under 100 KB."""

MAX_DEPTH = 12
"""No record nests deeper than this; a deeper file is a mistake or an attack on the parser."""

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {
    _STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "tag:yaml.org,2002:timestamp",
}


@dataclass
class LoadedFile:
    """One data file: its value, and where each part of it was written."""

    path: str
    value: Any
    locations: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_locations: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """The nearest known location for ``path``, walking up to its parents."""
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path[:-1]
        return self.locations.get((), (1, 1))


class _Refused(Exception):
    def __init__(self, node_or_mark: Any, message: str, hint: str = ""):
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        self.line, self.column = mark.line + 1, mark.column + 1
        self.message, self.hint = message, hint


class _ComposeOnly(yaml.SafeLoader):
    """A SafeLoader that refuses anchors and aliases while composing."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refused(event, f"YAML alias '*{event.anchor}' is not allowed",
                           "write the value out in full; anchors and aliases are refused")
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _Refused(event, f"YAML anchor '&{event.anchor}' is not allowed",
                           "write the value out in full; anchors and aliases are refused")
        return super().compose_node(parent, index)


def _fast_compose(text: str) -> Node | None:
    """The node tree through libyaml, for the common case of a clean file; None when the file
    has an anchor, an alias or any error, so that the pure-Python composer above reports it with
    its exact message and place. libyaml composes about ten times faster."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                return None
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                if depth > 10 * MAX_DEPTH:  # let the slow path report it as the whole file's problem
                    return None
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
        return yaml.compose(text, Loader=loader)
    except (yaml.YAMLError, RecursionError):
        return None


def load_file(path: Path, display: str) -> tuple[LoadedFile | None, list[DataError]]:
    """Load one file; return its value, or the errors that stop it from being read."""

    def fail(message: str, hint: str = "", line: int = 1, column: int = 1) -> tuple[None, list[DataError]]:
        return None, [DataError(display, line, column, message=message, hint=hint)]

    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return fail(f"file is {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,}",
                    "split the records into several files in the same folder")
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return fail("file starts with a byte-order mark (BOM)", "save the file as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return fail(f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})", "save the file as UTF-8", line)
    for number, line_text in enumerate(text.splitlines(), start=1):
        if "\t" in line_text:
            return fail("tab character found", "indent with spaces, never tabs", number, line_text.index("\t") + 1)
    node = _fast_compose(text)
    try:
        if node is None:
            node = yaml.compose(text, Loader=_ComposeOnly)
    except _Refused as refused:
        return fail(refused.message, refused.hint, refused.line, refused.column)
    except RecursionError:
        return fail(f"nesting is too deep (at most {MAX_DEPTH} levels)", "records are flat: check the brackets and indentation")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or "invalid YAML"
        return fail(f"YAML syntax error: {problem}", "check the indentation and quoting on this line and the one before", line, column)
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises Marked errors for text input
        return fail(f"YAML error: {error}")
    if node is None:
        return fail("file holds no record", "add a record, or delete the file")
    loaded = LoadedFile(display, None)
    problems: list[_Problem] = []
    loaded.value = _build(node, (), loaded, problems)
    return loaded, [_locate(problem, loaded) for problem in problems]


@dataclass
class _Problem:
    node: Node
    path: Path_
    message: str
    hint: str


def _locate(problem: _Problem, loaded: LoadedFile) -> DataError:
    """Name the record and field a problem sits in, as validation errors do."""
    path, value = problem.path, loaded.value
    record_path = path[:1] if isinstance(value, list) and path and isinstance(path[0], int) else ()
    record = value[path[0]] if record_path else value
    record_id = record.get("id") if isinstance(record, dict) and isinstance(record.get("id"), str) else ""
    field_path = path[len(record_path):]
    field_name = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in field_path).replace(".[", "[")
    mark = problem.node.start_mark
    return DataError(loaded.path, mark.line + 1, mark.column + 1, record_id, field_name, problem.message, problem.hint)


def _build(node: Node, path: Path_, loaded: LoadedFile, errors: list["_Problem"]) -> Any:
    loaded.locations[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if len(path) > MAX_DEPTH:
        errors.append(_Problem(node, path, f"nesting is too deep (at most {MAX_DEPTH} levels)",
                               "records are flat: check the brackets and indentation"))
        return None
    if node.tag not in _ALLOWED_TAGS:
        errors.append(_Problem(node, path, f"YAML tag '{node.tag}' is not allowed", "remove the tag; plain values only"))
        return None
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                errors.append(_Problem(key_node, path, "keys must be plain words", "write the field name, for example 'title:'"))
                continue
            key = key_node.value
            if key in result:
                first = loaded.locations.get(path + (key,), (0, 0))
                errors.append(_Problem(key_node, path + (key,), f"duplicate key '{key}' (first at line {first[0]})",
                                       "keep one of the two; YAML would silently drop the first"))
                continue
            loaded.key_locations[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _build(value_node, path + (key,), loaded, errors)
        return result
    if isinstance(node, SequenceNode):
        return [_build(item, path + (index,), loaded, errors) for index, item in enumerate(node.value)]
    return _scalar(node, path, loaded, errors)


def _scalar(node: ScalarNode, path: Path_, loaded: LoadedFile, errors: list["_Problem"]) -> Any:
    value = node.value
    if node.style:  # quoted or block scalar: always text (libyaml marks plain scalars '' where PyYAML says None)
        return value
    tag = node.tag
    if tag == "tag:yaml.org,2002:timestamp":
        errors.append(_Problem(node, path, f"date {value} is not quoted", f"write it in quotes: '{value}'"))
        return value
    if tag == "tag:yaml.org,2002:bool":
        return {"true": True, "false": False}.get(value.lower(), value)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 10)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value
