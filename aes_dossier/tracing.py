"""What each page read while it rendered, so that an edit re-renders only the pages it touches.

A *token* names one thing a page can read:

* ``(collection, id, field)``: a field of a record (articles use the collection ``articles``);
  ``(collection, id, "*")`` when the page read the record whole (``__dict__``: equality,
  ``model_dump``, iteration);
* ``("members", collection)``: which records a collection holds, in which order;
* ``("cited_by", source_id)``, ``("mentions", key)``, and ``(..., "*")`` for the whole index: the
  backlinks computed at load time;
* ``("date", data_file)`` and ``("dates",)``: when data files last changed (git);
* ``("download",)``: the release archive's name, size and checksum (the Data page shows them);
* one token per derived structure that is computed once and shared by many pages (``DERIVED``):
  the page that happens to compute it must not be the only one that depends on it, so each
  use logs the structure's token, and the regenerator compares the structure's ids before and
  after an edit (``derived_values``). Reads made while computing one are not logged.

Pure text caches (``format_partial_date``, ``_relative``, the template environment, the map's
geometry) depend on their arguments only and need no token. The page plan (paths, titles,
contexts, ``year_slices``, ``event_pages``), the settings, whether there is a release download,
and which release is the latest are compared whole by the regenerator: when one differs,
everything is re-rendered.

Tracing is installed for one ``session`` and removed afterwards; outside it, records and the
dossier behave exactly as before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .dossier import Dossier
from .model import Contract
from .render import Renderer

Token = tuple[Any, ...]

_object_getattribute = object.__getattribute__


class _Tracer:
    """Where reads go: the set of the page being rendered, or nowhere."""

    def __init__(self) -> None:
        self.current: set[Token] | None = None
        self.owners: dict[int, tuple[str, str]] = {}
        self.fields: dict[type, frozenset[str]] = {}

    def log(self, token: Token) -> None:
        if self.current is not None:
            self.current.add(token)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Compute a derived structure without charging its reads to the page that asked first."""
        current, self.current = self.current, None
        try:
            yield
        finally:
            self.current = current


TRACER = _Tracer()


def _traced_getattribute(self: Any, name: str) -> Any:
    value = _object_getattribute(self, name)
    tracer = TRACER
    if tracer.current is not None:
        owner = tracer.owners.get(id(self))
        if owner is not None:
            cls = type(self)
            fields = tracer.fields.get(cls)
            if fields is None:
                fields = tracer.fields[cls] = frozenset(cls.model_fields)
            if name in fields:
                tracer.current.add((owner[0], owner[1], name))
            elif name == "__dict__":
                tracer.current.add((owner[0], owner[1], "*"))
    return value


class _Collection(dict):
    """A collection of records whose listing is logged; looking one record up is not (the set of
    ids is structural: when it changes, everything is re-rendered)."""

    def __init__(self, name: str, values: dict[str, Any]):
        super().__init__(values)
        self.token = ("members", name)

    def __iter__(self) -> Iterator[Any]:
        TRACER.log(self.token)
        return super().__iter__()

    def __len__(self) -> int:
        TRACER.log(self.token)
        return super().__len__()

    def keys(self) -> Any:
        TRACER.log(self.token)
        return super().keys()

    def values(self) -> Any:
        TRACER.log(self.token)
        return super().values()

    def items(self) -> Any:
        TRACER.log(self.token)
        return super().items()

    def __reversed__(self) -> Iterator[Any]:
        TRACER.log(self.token)
        return super().__reversed__()


class _Index(_Collection):
    """A lookup (backlinks, file dates) where each key read is a token of its own."""

    def __init__(self, name: str, values: dict[Any, Any]):
        super().__init__(name, values)
        self.name = name
        self.token = (name, "*")

    def __getitem__(self, key: Any) -> Any:
        TRACER.log((self.name, key))
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        TRACER.log((self.name, key))
        return super().get(key, default)

    def __contains__(self, key: Any) -> bool:
        TRACER.log((self.name, key))
        return super().__contains__(key)


def _on_dossier(method: Callable[[Dossier], Any], token: Token) -> Callable[[Dossier], Any]:
    @functools.wraps(method)
    def logged(dossier: Dossier) -> Any:
        TRACER.log(token)
        with TRACER.quiet():
            return method(dossier)
    return logged


def _on_renderer(name: str, original: functools.cached_property, token: Callable[[Renderer], Token]) -> property:
    def logged(renderer: Renderer) -> Any:
        TRACER.log(token(renderer))
        cache = renderer.__dict__
        if name not in cache:
            with TRACER.quiet():
                cache[name] = original.func(renderer)
        return cache[name]
    return property(logged, doc=original.__doc__)


DOSSIER_DERIVED = {"events_sorted": ("events_sorted",), "events_by_year": ("events_by_year",)}
"""Dossier methods that cache a structure on the dossier, and the token of each."""

RENDERER_DERIVED: dict[str, Callable[[Renderer], Token]] = {
    "_sorted_lists": lambda renderer: ("sorted_lists", renderer.lang),
    "_sorted_by_tier": lambda renderer: ("sorted_by_tier",),
    "_membership_index": lambda renderer: ("membership_index",),
}
"""Renderer cached properties (built once per edition), and the token of each."""


def derived_values(dossier: Dossier, renderers: dict[str, Renderer]) -> dict[Token, Any]:
    """Each derived structure as ids (what a page sees of it beyond the records' own fields),
    to compare before and after an edit. ``renderers`` holds one renderer per language."""
    values: dict[Token, Any] = {
        ("events_sorted",): [event.id for event in dossier.events_sorted()],
        ("events_by_year",): {year: [event.id for event in events] for year, events in dossier.events_by_year().items()},
    }
    for lang, renderer in renderers.items():
        values[("sorted_lists", lang)] = {name: [record.id for record in listed] for name, listed in renderer._sorted_lists.items()}
        values[("sorted_by_tier",)] = {tier: [source.id for source in listed] for tier, listed in renderer._sorted_by_tier.items()}
        by_organisation, by_member, organs = renderer._membership_index
        values[("membership_index",)] = tuple({key: [record.id for record in listed] for key, listed in index.items()}
                                              for index in (by_organisation, by_member, organs))
    return values


def owners(dossier: Dossier) -> dict[int, tuple[str, str]]:
    """Each record object (and each instrument's article) -> its collection and id."""
    found = {id(record): (collection, record.id) for collection, values in dossier.records.items() for record in values.values()}
    found.update({id(article): ("articles", article_id) for article_id, (_, article) in dossier.articles.items()})
    return found


@contextmanager
def session(dossier: Dossier, dates: dict[str, str]) -> Iterator[dict[str, str]]:
    """Trace reads of ``dossier`` (and of the returned ``dates``, to hand to the renderer) until
    the block ends; ``page`` chooses which set they go to."""
    saved = (dossier.records, dossier.articles, dossier.cited_by, dossier.mentions)
    saved_methods = {name: Dossier.__dict__[name] for name in DOSSIER_DERIVED}
    saved_properties = {name: Renderer.__dict__[name] for name in RENDERER_DERIVED}
    TRACER.owners = owners(dossier)
    try:
        dossier.records = {name: _Collection(name, values) for name, values in dossier.records.items()}
        dossier.articles = _Collection("articles", dossier.articles)
        dossier.cited_by = _Index("cited_by", dossier.cited_by)
        dossier.mentions = _Index("mentions", dossier.mentions)
        for name, token in DOSSIER_DERIVED.items():
            setattr(Dossier, name, _on_dossier(saved_methods[name], token))
        for name, token_of in RENDERER_DERIVED.items():
            setattr(Renderer, name, _on_renderer(name, saved_properties[name], token_of))
        Contract.__getattribute__ = _traced_getattribute  # type: ignore[method-assign]  (subclasses' slots follow)
        yield _Dates(dates)
    finally:
        if "__getattribute__" in Contract.__dict__:
            del Contract.__getattribute__
        for name, method in saved_methods.items():
            setattr(Dossier, name, method)
        for name, prop in saved_properties.items():
            setattr(Renderer, name, prop)
        dossier.records, dossier.articles, dossier.cited_by, dossier.mentions = saved
        TRACER.owners, TRACER.current = {}, None


class _Dates(_Index):
    def __init__(self, dates: dict[str, str]):
        super().__init__("date", dates)
        self.token = ("dates",)


class _Download:
    """The release download, logging ``("download",)`` when a page reads any of it."""

    def __init__(self, download: Any):
        self._download = download

    def __getattr__(self, name: str) -> Any:
        TRACER.log(("download",))
        return getattr(self._download, name)


def traced_download(download: Any) -> Any:
    return None if download is None else _Download(download)


@contextmanager
def page(tokens: set[Token]) -> Iterator[set[Token]]:
    """Charge the reads made in the block to ``tokens``."""
    TRACER.current = tokens
    try:
        yield tokens
    finally:
        TRACER.current = None
