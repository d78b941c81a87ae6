"""Regeneration under ``mkdocs serve``: after an edit, re-read only the changed data files and
re-render only the pages that read what changed, with output identical to a full generation.

The MkDocs hook is re-imported on every rebuild, but this module stays in ``sys.modules``: the
hook keeps one ``Regenerator`` here, and it remembers, between rebuilds, the parsed files
(``file_cache``), the last dossier, and what each page read while it rendered (``tracing``).

An edit that keeps the same records and the same page plan re-renders the pages whose tokens
changed. Anything else that a page depends on beyond the records (the settings, the languages,
``SOURCE_DATE_EPOCH``, the page plan, the release download, the set of ids), or a previous run
that failed, re-renders everything, traced again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from . import tracing
from .dossier import Dossier, load_dossier
from .download import release_download
from .file_cache import FileCache
from .generate import files_after_pages, nav_text
from .history import data_file_dates
from .release import latest_release
from .render import Renderer, render_pages
from .settings import Settings
from .site_plan import Page, build_nav, event_pages, plan_pages
from .text import LANGUAGES
from .tracing import Token


@dataclass
class Generation:
    files: list[tuple[str, str | bytes]]
    """Files to hand to ``output.write_files``, in ``generate.iter_files`` order."""
    complete: bool
    """True when ``files`` holds every generated file (a full run): only then may ``write_files`` prune."""
    nav_text: str
    """The text of ``generate.NAV_FILE`` (also in ``files``)."""
    pages_rendered: int
    """Pages rendered this time, counting each language."""
    files_reread: int
    """Data files parsed this time."""


@dataclass
class _State:
    """What the last successful generation was made of."""

    structure: tuple[Any, ...]
    plan: tuple[tuple[str, ...], Any, dict[str, Any]]
    dossier: Dossier
    dates: dict[str, str]
    derived: dict[Token, Any]
    download: Any
    page_tokens: dict[str, frozenset[Token]] = field(default_factory=dict)


class Regenerator:
    """Lives as long as the process; each ``generate`` is one rebuild."""

    def __init__(self) -> None:
        self.files = FileCache()
        self._state: _State | None = None
        self._interned: dict[Token, Token] = {}

    def generate(self, settings: Settings, languages: tuple[str, ...] = LANGUAGES) -> Generation:
        """Every file that may have changed since the last call (all of them the first time).

        Raises ``DataErrors`` as ``load_dossier`` does; the next call after one re-renders all.
        """
        state, self._state = self._state, None  # kept only once this run has succeeded
        self.files.start()
        dossier = load_dossier(settings.data_path, settings.root, cache=self.files)
        dates = data_file_dates(settings.root, settings.data_dir)
        planned = plan_pages(dossier)
        release = latest_release(dossier)
        download, archive = release_download(settings, release) if release else (None, b"")
        structure = (settings, languages, os.environ.get("SOURCE_DATE_EPOCH"), download is None,
                     release.id if release else None, _keys(dossier))
        plan = plan_signature(planned, dossier)
        derived = tracing.derived_values(dossier, {lang: Renderer(dossier, settings, dates, lang, download) for lang in languages})
        if state is None or state.structure != structure or state.plan[:2] != plan[:2]:
            chosen, page_tokens = planned, {}
        else:
            changed = changed_tokens(state, dossier, dates, derived)
            changed |= {("download",)} if state.download != download else set()
            moved = replanned(state.plan, plan, planned)
            chosen = [page for page in planned if page.path in moved or not state.page_tokens[page.path].isdisjoint(changed)]
            page_tokens = state.page_tokens
        complete = chosen is planned
        files: list[tuple[str, str | bytes]] = []
        navs: dict[str, list[Any]] = {}
        fresh: dict[str, set[Token]] = {page.path: set() for page in chosen}
        for lang in languages:
            files += self._render(dossier, settings, dates, lang, chosen, download, fresh)
            navs[lang] = build_nav(dossier, planned, lang)
        page_tokens.update({path: self._intern(tokens) for path, tokens in fresh.items()})
        files += files_after_pages(dossier, settings, dates, download, archive, navs)
        self._state = _State(structure, plan, dossier, dates, derived, download, page_tokens)
        return Generation(files, complete, nav_text(navs), len(chosen) * len(languages), self.files.reread)

    def _render(self, dossier: Dossier, settings: Settings, dates: dict[str, str], lang: str, pages: list[Page],
                download: Any, tokens: dict[str, set[Token]]) -> list[tuple[str, str]]:
        """``pages`` in ``lang``, each page's reads added to its set in ``tokens``."""
        rendered = []
        with tracing.session(dossier, dates) as traced_dates:
            iterator = render_pages(dossier, settings, traced_dates, lang, pages, tracing.traced_download(download))
            for page in pages:
                with tracing.page(tokens[page.path]):
                    rendered.append(next(iterator))
        return rendered

    def _intern(self, tokens: set[Token]) -> frozenset[Token]:
        """One tuple per token across all pages: thousands of pages read the same few thousand fields."""
        interned = self._interned
        return frozenset(interned.setdefault(token, token) for token in tokens)


def _keys(dossier: Dossier) -> dict[str, frozenset[str]]:
    keys = {collection: frozenset(records) for collection, records in dossier.records.items()}
    keys["articles"] = frozenset(dossier.articles)
    return keys


def plan_signature(planned: list[Page], dossier: Dossier) -> tuple[tuple[str, ...], Any, dict[str, Any]]:
    """The plan as the renderer sees it: the page paths in order and where each event lives
    (when either differs, everything is re-rendered), and per page what the renderer reads of
    its ``Page`` besides its titles (those read records, and are traced like any other read).
    A page's weight only packs the printable parts, which their own contexts show."""
    def context(value: Any) -> Any:
        if isinstance(value, Page):
            return value.path
        if isinstance(value, dict):
            return tuple((key, context(item)) for key, item in value.items())
        if isinstance(value, (list, tuple)):
            return tuple(context(item) for item in value)
        return value

    pages = {page.path: (page.template, context(page.context), page.data_files, page.edit_target, page.search_boost)
             for page in planned}
    return tuple(pages), event_pages(dossier), pages


def replanned(before: tuple[tuple[str, ...], Any, dict[str, Any]], after: tuple[tuple[str, ...], Any, dict[str, Any]],
              planned: list[Page]) -> set[str]:
    """The pages whose plan changed, and the printable parts that show one of them."""
    changed = {path for path, entry in after[2].items() if before[2][path] != entry}
    if changed:
        changed |= {page.path for page in planned if page.template == "print.md.j2"
                    and any(part.path in changed for part in page.context["parts"])}
    return changed


def changed_tokens(state: _State, dossier: Dossier, dates: dict[str, str], derived: dict[Token, Any]) -> set[Token]:
    """The tokens whose value differs between the last generation and this one. Records from
    files that were not re-read are the same objects, so only re-read records are compared."""
    old = state.dossier
    changed: set[Token] = set()
    for collection, records in dossier.records.items():
        before = old.records[collection]
        if list(before) != list(records):
            changed.add(("members", collection))
        for record_id, record in records.items():
            if before[record_id] is not record:
                changed |= _record_changes(collection, record_id, before[record_id], record)
    if list(old.articles) != list(dossier.articles):
        changed.add(("members", "articles"))
    for article_id, (_, article) in dossier.articles.items():
        previous = old.articles[article_id][1]
        if previous is not article:
            changed |= _record_changes("articles", article_id, previous, article)
    changed |= _index_changes("cited_by", old.cited_by, dossier.cited_by)
    changed |= _index_changes("mentions", old.mentions, dossier.mentions)
    changed |= {("dates",)} if state.dates != dates else set()
    changed |= {("date", path) for path in state.dates.keys() | dates.keys() if state.dates.get(path) != dates.get(path)}
    changed |= {token for token in state.derived.keys() | derived.keys() if state.derived.get(token) != derived.get(token)}
    return changed


def _record_changes(collection: str, record_id: str, before: Any, after: Any) -> set[Token]:
    if type(before) is not type(after):
        return {(collection, record_id, name) for name in type(after).model_fields} | {(collection, record_id, "*")}
    old_fields, new_fields = before.__dict__, after.__dict__
    changed: set[Token] = {(collection, record_id, name) for name in type(after).model_fields if old_fields[name] != new_fields[name]}
    return changed | {(collection, record_id, "*")} if changed else changed


def _index_changes(name: str, before: dict[Any, Any], after: dict[Any, Any]) -> set[Token]:
    changed: set[Token] = {(name, key) for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    return changed | {(name, "*")} if changed else changed
