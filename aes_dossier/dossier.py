"""Loaded files -> one validated ``Dossier``: every record typed, every reference resolved.

This is the only place that sees all records at once, so the rules that span records live
here: ids unique per kind, references resolve to the right kind (read from each field's
``x-references``), no cycles of parent organisations. Everything downstream (pages, exports)
reads the ``Dossier`` and never the YAML.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from pydantic import BaseModel, ValidationError
from slugify import slugify

from .errors import DataError, DataErrors
from .load import LoadedFile, Path_, load_file
from .dates import PartialDate
from .model import COLLECTIONS, RESERVED_NAMES, SLUG_PATTERN, date_fields, Article, Contract, Event, Instrument, Record, Source

if TYPE_CHECKING:
    from .file_cache import FileCache

RecordKey = tuple[str, str]
"""(collection, id): a record anywhere in the dossier. Articles use the collection 'articles'."""


@dataclass
class Origin:
    """Where a record was written, so that cross-record errors can point at it."""

    file: LoadedFile
    path: Path_

    def error(self, record: str, field_path: Path_, message: str, hint: str = "", at_key: bool = False) -> DataError:
        full = self.path + field_path
        line, column = self.file.key_locations[full] if at_key and full in self.file.key_locations else self.file.where(full)
        field_name = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in field_path).replace(".[", "[")
        return DataError(self.file.path, line, column, record, field_name, message, hint)


@dataclass
class Dossier:
    """Everything the site says, validated. Collections map id -> record, in id order."""

    records: dict[str, dict[str, Any]]
    origins: dict[RecordKey, Origin]
    articles: dict[str, tuple[Instrument, Article]]
    cited_by: dict[str, list[RecordKey]] = field(default_factory=dict)
    mentions: dict[RecordKey, list[RecordKey]] = field(default_factory=dict)
    _sorted_events: list[Event] | None = field(default=None, repr=False, compare=False)
    _events_by_year: dict[str, list[Event]] | None = field(default=None, repr=False, compare=False)

    def __getitem__(self, collection: str) -> dict[str, Any]:
        return self.records[collection]

    @property
    def sources(self) -> dict[str, Source]:
        return self.records["sources"]

    @property
    def coverage(self) -> Any:
        """How far the dossier reaches (``data/coverage/``): one record, checked at load."""
        return next(iter(self.records["coverage"].values()), None)

    def events_sorted(self) -> list[Event]:
        """Events in date order: sorted once, since every page that lists events asks for it."""
        if self._sorted_events is None:
            self._sorted_events = sorted(self.records["events"].values(), key=lambda e: (_date_key(e.date), e.id))
        return self._sorted_events

    def events_by_year(self) -> dict[str, list[Event]]:
        """Each year's events in date order, years ascending: the timeline's pages, and where each event lives."""
        if self._events_by_year is None:
            by_year: dict[str, list[Event]] = {}
            for event in self.events_sorted():
                by_year.setdefault(event.date[:4], []).append(event)
            self._events_by_year = dict(sorted(by_year.items()))
        return self._events_by_year

    def data_file(self, key: RecordKey) -> str:
        return self.origins[key].file.path


def _date_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("-"))


def load_dossier(data_dir: Path, display_root: Path | None = None, cache: "FileCache | None" = None) -> Dossier:
    """Read and validate every file under ``data_dir``; raise ``DataErrors`` with all problems.

    With a ``cache`` (``file_cache.FileCache``, kept across rebuilds by ``mkdocs serve``), an
    unchanged file is not parsed again and gives back the same record objects; the rules that
    span records still run on the whole dossier.
    """
    root = display_root or data_dir.parent
    errors: list[DataError] = []
    records: dict[str, dict[str, Any]] = {name: {} for name in COLLECTIONS}
    origins: dict[RecordKey, Origin] = {}
    if not data_dir.is_dir():
        raise DataErrors([DataError(str(data_dir), message="data folder not found")])
    for entry in sorted(data_dir.iterdir()):
        display = _display(entry, root)
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and entry.name not in COLLECTIONS:
            hint = _did_you_mean(entry.name, COLLECTIONS)
            errors.append(DataError(display, message=f"unknown data folder '{entry.name}'",
                                    hint=hint or f"data folders are: {', '.join(COLLECTIONS)}"))
        elif entry.is_file() or entry.is_symlink():
            errors.append(DataError(display, message="data files belong in a folder named for their kind",
                                    hint=f"move it into one of: {', '.join(COLLECTIONS)}"))
    for collection, model in COLLECTIONS.items():
        folder = data_dir / collection
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            display = _display(path, root)
            if path.is_symlink() or not path.is_file():
                errors.append(DataError(display, message="not a regular file", hint="data files must be plain .yaml files"))
                continue
            if path.suffix != ".yaml":
                if not path.name.startswith("."):
                    errors.append(DataError(display, message="data files must end in .yaml", hint=f"rename it to {path.stem}.yaml"))
                continue
            if not re.fullmatch(SLUG_PATTERN, path.stem) or path.stem in RESERVED_NAMES:
                errors.append(DataError(display, message=f"file name '{path.name}' is not a plain lowercase name",
                                        hint=f"rename it to {slugify(path.stem) or 'records'}.yaml (a-z, 0-9, hyphens; not a reserved name)"))
                continue
            items = cache.read(path, display, lambda: read_file(path, display, model)) if cache else read_file(path, display, model)
            _add_records(items, collection, records, origins, errors)
    if cache:
        cache.forget_others()
    articles = _index_articles(records, origins, errors)
    if not errors:
        _check_references(records, origins, articles, errors)
        _check_parent_cycles(records, origins, errors)
    if not errors:
        _check_every_source_is_cited(records, origins, errors)
        _check_former_ids(records, origins, errors)
        _check_source_weight(records, origins, articles, errors)
        _check_coverage(records, origins, errors, data_dir)
    if errors:
        raise DataErrors(errors)
    for collection in records:
        records[collection] = dict(sorted(records[collection].items()))
    dossier = Dossier(records, origins, articles)
    dossier.cited_by, dossier.mentions = _backlinks(dossier)
    return dossier


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


FileItem = DataError | tuple[Any, "Origin"]
"""What one file holds, in order: an error, or a validated record and where it was written."""


def read_file(path: Path, display: str, model: type[Contract]) -> list[FileItem]:
    """Parse one file and validate each of its records on its own: all that depends on this
    file alone, so that it can be cached per file (``file_cache``)."""
    loaded, file_errors = load_file(path, display)
    items: list[FileItem] = list(file_errors)
    if loaded is not None:
        items += _file_records(loaded, model)
    return items


def _file_records(loaded: LoadedFile, model: type[Contract]) -> Iterator[FileItem]:
    value = loaded.value
    if isinstance(value, dict):
        entries: list[tuple[Path_, Any]] = [((), value)]
    elif isinstance(value, list):
        if not value:
            yield DataError(loaded.path, 1, 1, message="the list holds no record", hint="add a record, or delete the file")
        entries = [((index,), item) for index, item in enumerate(value)]
    else:
        line, column = loaded.where(())
        yield DataError(loaded.path, line, column, message=f"expected a record or a list of records, found {_kind(value)}",
                        hint="start each record with 'id:' (or '- id:' in a list)")
        return
    for path, raw in entries:
        origin = Origin(loaded, path)
        record_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else ""
        if not isinstance(raw, dict):
            line, column = loaded.where(path)
            yield DataError(loaded.path, line, column, "", "".join(f"[{p}]" for p in path),
                            f"expected a record (a mapping of fields), found {_kind(raw)}",
                            "each list item starts with '- id: ...'")
            continue
        try:
            record = model.model_validate(raw)
        except ValidationError as error:
            yield from _located(error, model, origin, record_id)
            continue
        yield record, origin


def _add_records(items: list[FileItem], collection: str, records: dict[str, dict[str, Any]],
                 origins: dict[RecordKey, Origin], errors: list[DataError]) -> None:
    """One file's records into the dossier; an id already taken (in any file) is an error."""
    for item in items:
        if isinstance(item, DataError):
            errors.append(item)
            continue
        record, origin = item
        key = (collection, record.id)
        if key in origins:
            first = origins[key]
            line, _ = first.file.where(first.path + ("id",))
            errors.append(origin.error(record.id, ("id",), f"duplicate {collection} id '{record.id}' (first in {first.file.path}:{line})",
                                       "ids must be unique within their kind: rename one of them"))
            continue
        records[collection][record.id] = record
        origins[key] = origin


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "nothing"}.get(type(value), type(value).__name__)


def _located(error: ValidationError, model: type[BaseModel], origin: Origin, record_id: str) -> Iterator[DataError]:
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        message, hint = _explain(item, model, loc)
        yield origin.error(record_id, loc, message, hint, at_key=item["type"] == "extra_forbidden")


_HINTS = {
    "Date": "write the date in quotes with its real precision: '2023', '2023-09' or '2023-09-16'",
    "Slug": "ids are lowercase letters, digits and single hyphens, for example 'assimi-goita'",
}


def _explain(item: dict[str, Any], model: type[BaseModel], loc: Path_) -> tuple[str, str]:
    kind, found = item["type"], item.get("input")
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = list(parent.model_fields) if parent else []
        hint = _did_you_mean(name, allowed) or (f"allowed fields here: {', '.join(allowed)}" if allowed else "")
        return f"unknown field '{name}'", hint
    if kind == "missing":
        parent = _model_at(model, loc[:-1])
        described = parent.model_fields[name].description if parent and name in parent.model_fields else ""
        return f"required field '{name}' is missing", f"add '{name}:' ({described})" if described else f"add '{name}:'"
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        hint = _did_you_mean(str(found), [e.strip(" '") for e in expected.replace(" or ", ",").split(",")])
        return f"expected one of {expected}, found {_show(found)}", hint
    if kind == "string_pattern_mismatch":
        pattern = item.get("ctx", {}).get("pattern", "")
        if pattern.startswith("^[0-9]{4}"):
            return f"expected a date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', found {_show(found)}", _HINTS["Date"]
        if pattern.startswith("^[a-z0-9]"):
            suggestion = slugify(str(found), max_length=80) if isinstance(found, str) else ""
            hint = f"ids are lowercase letters, digits and single hyphens: did you mean '{suggestion}'?" if suggestion else _HINTS["Slug"]
            return f"expected an id (slug), found {_show(found)}", hint
        if pattern.startswith("^https?"):
            return f"expected an http or https address, found {_show(found)}", "addresses start with https:// (other schemes are refused)"
        return f"does not match the expected form {pattern}, found {_show(found)}", ""
    if kind in ("string_type", "str_type"):
        hint = _HINTS["Date"] if isinstance(found, (int, float)) and _is_date_field(model, loc) else "put the text in quotes"
        return f"expected text, found {_kind(found)} {_show(found)}", hint
    if kind == "bool_type":
        return f"expected true or false, found {_show(found)}", "write true or false (yes/no/on/off are not booleans here)"
    if kind in ("int_type", "int_parsing"):
        return f"expected a whole number, found {_kind(found)} {_show(found)}", "write digits only, without quotes"
    if kind in ("list_type",):
        return f"expected a list, found {_kind(found)} {_show(found)}", "write each item on its own line starting with '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, found {_kind(found)} {_show(found)}", "indent the fields under this key, for example 'en: ...'"
    if kind == "too_short":
        return f"must not be empty (found {_show(found)})", "add at least one item"
    if kind == "string_too_long":
        limit = item.get("ctx", {}).get("max_length")
        return f"is too long ({len(found)} characters, limit {limit})", "shorten it; long text belongs in a summary"
    if kind == "string_too_short":
        return "is empty", "write the text or remove the field"
    if kind in ("greater_than", "greater_than_equal"):
        return f"{item['msg'].lower()}, found {_show(found)}", ""
    message = item["msg"].removeprefix("Value error, ")
    return message, ""


def _is_date_field(model: type[BaseModel], loc: Path_) -> bool:
    parent = _model_at(model, loc[:-1])
    return parent is not None and str(loc[-1]) in date_fields(parent)


def _model_at(model: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The model class found by following ``loc`` (field names and list indexes) from ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = _unwrap(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin in (list, typing.Annotated):
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def _did_you_mean(word: str, options: Any) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _index_articles(records: dict[str, dict[str, Any]], origins: dict[RecordKey, Origin],
                    errors: list[DataError]) -> dict[str, tuple[Instrument, Article]]:
    articles: dict[str, tuple[Instrument, Article]] = {}
    for instrument in records["instruments"].values():
        origin = origins[("instruments", instrument.id)]
        for index, article in enumerate(instrument.articles):
            if article.id in articles:
                errors.append(origin.error(instrument.id, ("articles", index, "id"),
                                           f"duplicate article id '{article.id}' (also in {articles[article.id][0].id})",
                                           "article ids are unique across all instruments"))
                continue
            articles[article.id] = (instrument, article)
            origins[("articles", article.id)] = Origin(origin.file, origin.path + ("articles", index))
    return articles


def walk_references(record: BaseModel, path: Path_ = ()) -> Iterator[tuple[Path_, tuple[str, ...], str]]:
    """Yield (field path, allowed collections, id) for every id a record holds."""
    for name, info in type(record).model_fields.items():
        value = getattr(record, name)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        targets = tuple(extra.get("x-references", ()))
        if targets:
            if isinstance(value, list):
                for index, item in enumerate(value):
                    yield path + (name, index), targets, item
            elif value is not None:
                yield path + (name,), targets, value
        elif isinstance(value, BaseModel):
            yield from walk_references(value, path + (name,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk_references(item, path + (name, index))


def _check_references(records: dict[str, dict[str, Any]], origins: dict[RecordKey, Origin],
                      articles: dict[str, Any], errors: list[DataError]) -> None:
    known = {name: set(values) for name, values in records.items()}
    known["articles"] = set(articles)
    for collection, values in records.items():
        for record in values.values():
            origin = origins[(collection, record.id)]
            for path, targets, target_id in walk_references(record):
                if any(target_id in known[target] for target in targets):
                    continue
                pool = set().union(*(known[target] for target in targets))
                hint = _did_you_mean(target_id, pool) or f"add a record with this id to data/{targets[0]}/, or correct the id"
                kinds = " or ".join(targets)
                errors.append(origin.error(record.id, path, f"'{target_id}' is not a known id in {kinds}", hint))


def _check_every_source_is_cited(records: dict[str, dict[str, Any]], origins: dict[RecordKey, Origin],
                                 errors: list[DataError]) -> None:
    """A source nothing cites is either a forgotten citation or clutter: both need an editor."""
    cited = {target_id for collection, values in records.items() for record in values.values()
             for _path, targets, target_id in walk_references(record) if "sources" in targets}
    for source_id in records["sources"]:
        if source_id not in cited:
            errors.append(origins[("sources", source_id)].error(source_id, ("id",), "no record cites this source",
                                                                 "cite it from the records it supports, or delete it"))


FACTUAL = ("events", "people", "organisations", "states", "memberships", "instruments")
"""Records that state facts; an instrument's articles are checked with it. Discrepancies may cite
copies (their error is the point), and the glossary defines words."""
WEAK_TIERS = {"reference", "copy"}


def _check_source_weight(records: dict[str, dict[str, Any]], origins: dict[RecordKey, Origin],
                         articles: dict[str, Any], errors: list[DataError]) -> None:
    """No fact rests on a copy, and none on reference works alone."""
    sources = records["sources"]
    units = [(collection, record, origins[(collection, record.id)], ()) for collection in FACTUAL for record in records[collection].values()]
    units += [("articles", article, origins[("articles", article_id)], ()) for article_id, (_, article) in articles.items()]
    for collection, record, origin, _ in units:
        for path, targets, target_id in walk_references(record):
            if collection == "instruments" and path[:1] == ("articles",):
                continue  # checked as the article itself
            if "sources" in targets and sources[target_id].tier == "copy":
                errors.append(origin.error(record.id, path, f"cites '{target_id}', a copy ({sources[target_id].publisher})",
                                           "cite the original it copies instead (or drop it if other sources carry the fact); "
                                           "a copy may only be cited by a discrepancy"))
        tiers = {sources[source_id].tier for source_id in record.sources}
        if tiers and tiers <= WEAK_TIERS:
            errors.append(origin.error(record.id, ("sources",), "rests only on reference works or copies",
                                       "add a source of another tier (official, wire, press, analysis, state-media) that supports it"))


def _check_coverage(records: dict[str, dict[str, Any]], origins: dict[RecordKey, Origin], errors: list[DataError],
                    data_dir: Path) -> None:
    """One coverage record, and no event after the date it says the dossier covers."""
    coverage = list(records["coverage"].values())
    if len(coverage) != 1:
        errors.append(DataError(str(data_dir / "coverage"), message=f"expected one coverage record, found {len(coverage)}",
                                hint="data/coverage/coverage.yaml holds 'id: coverage', 'covers_until' and 'last_reviewed'"))
        return
    until = PartialDate.parse(coverage[0].covers_until).latest()
    for event in records["events"].values():
        if PartialDate.parse(event.date).earliest() > until:
            errors.append(origins[("events", event.id)].error(event.id, ("date",), f"{event.date} is after the date the dossier covers ({coverage[0].covers_until})",
                                                            "move covers_until in data/coverage/coverage.yaml forward once the reporting up to that day is checked"))


def _check_former_ids(records: dict[str, dict[str, Any]], origins: dict[RecordKey, Origin], errors: list[DataError]) -> None:
    """An old id redirects to one record, and never hides a current one."""
    for collection, values in records.items():
        seen: dict[str, str] = {}
        for record in values.values():
            for index, old in enumerate(getattr(record, "former_ids", [])):
                origin = origins[(collection, record.id)]
                if old in values:
                    errors.append(origin.error(record.id, ("former_ids", index), f"'{old}' is the id of a current {collection} record",
                                               "a former id must not be in use"))
                elif old in seen:
                    errors.append(origin.error(record.id, ("former_ids", index), f"'{old}' is also a former id of '{seen[old]}'",
                                               "each old address can redirect to one record only"))
                seen[old] = record.id


def _check_parent_cycles(records: dict[str, dict[str, Any]], origins: dict[RecordKey, Origin], errors: list[DataError]) -> None:
    organisations = records["organisations"]
    for start in organisations.values():
        seen = [start.id]
        current = start
        while current.parent and current.parent in organisations:
            if current.parent in seen:
                origin = origins[("organisations", start.id)]
                errors.append(origin.error(start.id, ("parent",), f"parent organisations form a cycle: {' -> '.join(seen + [current.parent])}",
                                           "an organisation cannot be its own ancestor"))
                break
            seen.append(current.parent)
            current = organisations[current.parent]


def _backlinks(dossier: Dossier) -> tuple[dict[str, list[RecordKey]], dict[RecordKey, list[RecordKey]]]:
    """Which records cite each source, and which records mention each record."""
    cited_by: dict[str, set[RecordKey]] = defaultdict(set)
    mentions: dict[RecordKey, set[RecordKey]] = defaultdict(set)
    for collection, values in dossier.records.items():
        for record in values.values():
            if not isinstance(record, Record):
                continue
            here: RecordKey = (collection, record.id)
            for _path, targets, target_id in walk_references(record):
                target = next(t for t in targets if target_id in (dossier.articles if t == "articles" else dossier.records[t]))
                if target == "sources":
                    cited_by[target_id].add(here)
                else:
                    mentions[(target, target_id)].add(here)
    return ({k: sorted(v) for k, v in sorted(cited_by.items())},
            {k: sorted(v) for k, v in sorted(mentions.items())})
