"""``mkdocs serve`` at the speed of an edit, in both editions, search included.

A full MkDocs build of the dossier reads, renders and writes every page of both editions
(about 25 s at 1x); an edit to one record changes a few pages. Under ``mkdocs serve`` the
first build is a full one, and it leaves behind what MkDocs knew: each edition's files, pages,
navigation and Jinja environment, and the combined search index before it is split by language.
On the next change this module replaces the rebuild with an update of the served site:

1. the data is regenerated into ``docs/`` (``docs_generation``: only changed files are written);
2. if the navigation, the set of pages, ``mkdocs.yml``, the theme overrides or the hooks changed,
   the update steps aside and MkDocs rebuilds everything, as before;
3. otherwise each changed page is read, rendered and written again in every edition that shows
   it, through MkDocs' own page functions and every plugin's events (mkdocs-static-i18n's
   language switcher, the search plugin, the hook's share cards and security policy), with
   the configuration switched per edition exactly as mkdocs-static-i18n does for its builds;
4. the changed pages' entries replace their old ones in the combined search index, which is
   split and enriched per language as after a full build, so both indexes stay complete.

Bad data makes the update step aside too: the full build reports the located errors, keeps the
last good site served, and the next good edit recovers.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.exceptions import PluginError

from .docs_generation import generate_docs, last_navigation
from .generate import ALIASES_FILE
from .search_index import finish_indexes

log = logging.getLogger("mkdocs.hooks.generate_pages")

Fingerprint = dict[str, tuple[int, int]]


def fingerprint(folder: Path) -> Fingerprint:
    """Every file under ``folder`` with its modification time and size (dot files included:
    the navigation and the search aliases live in ``docs/.nav.json`` and friends)."""
    found: Fingerprint = {}
    for directory, _folders, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            info = os.stat(path)
            found[os.path.relpath(path, folder).replace(os.sep, "/")] = (info.st_mtime_ns, info.st_size)
    return found


def _site_settings_state(config: Any) -> Fingerprint:
    """What, when changed, needs a full build: the configuration, the theme overrides, the hooks."""
    root = Path(config.config_file_path).resolve().parent
    state: Fingerprint = {}
    config_file = Path(config.config_file_path)
    info = config_file.stat()
    state[config_file.name] = (info.st_mtime_ns, info.st_size)
    for folder in {Path(d) for d in config.theme.dirs if Path(d).resolve().is_relative_to(root)} | {root / "hooks"}:
        if folder.is_dir():
            state |= {f"{folder}/{name}": value for name, value in fingerprint(folder).items()}
    return state


@dataclass
class Edition:
    """What MkDocs built for one language, kept to render a changed page again."""

    locale: str
    files: Any
    nav: Any
    env: Any
    by_source: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class LiveSite:
    serving: bool = False
    config: Any = None
    editions: dict[str, Edition] = field(default_factory=dict)
    raw_search: dict[str, Any] | None = None
    docs_state: Fingerprint = field(default_factory=dict)
    settings_state: Fingerprint = field(default_factory=dict)
    nav_text: str = ""
    ready: bool = False
    last_nav: Any = None
    rendering: bool = False
    """True while an update renders pages: the plugins' ``on_config`` then must not generate again."""

    # --- filled in by the hook's events during a full build ---------------------------------

    def start_full_build(self, config: Any) -> None:
        """Note what ``docs/`` holds as the build starts reading it: an edit saved during the
        build changes ``docs/`` after this, and the next update sees it."""
        self.ready = False
        self.editions = {}
        self.raw_search = None
        self.nav_text = last_navigation()
        self.docs_state = fingerprint(Path(config.docs_dir))
        self.settings_state = _site_settings_state(config)

    def capture_edition(self, locale: str, files: Any, nav: Any, env: Any) -> None:
        by_source: dict[str, list[Any]] = defaultdict(list)
        for file in files:
            by_source[file.src_uri].append(file)
        self.editions[locale] = Edition(locale, files, nav, env, dict(by_source))

    def finish_full_build(self, config: Any, site: Path) -> None:
        """After the last edition: keep the combined search index as the search plugin wrote it."""
        combined = site / "search" / "search_index.json"
        self.raw_search = json.loads(combined.read_text(encoding="utf-8")) if combined.is_file() else None
        self.config = config
        self.ready = self.raw_search is not None and bool(self.editions)

    # --- the update --------------------------------------------------------------------------

    def update(self) -> int | None:
        """Bring the served site up to date with ``docs/``; the number of pages rendered again,
        or None when only a full build can (new or removed pages, a new navigation, a changed
        configuration, bad data)."""
        config = self.config
        try:
            nav_text = generate_docs(config)
        except PluginError:
            return None
        docs_now = fingerprint(Path(config.docs_dir))
        if nav_text != self.nav_text or docs_now.keys() != self.docs_state.keys():
            return None
        if _site_settings_state(config) != self.settings_state:
            return None
        changed = sorted(name for name, state in docs_now.items() if self.docs_state[name] != state)
        log.debug("changed in docs/: %s", changed)
        pages = [name for name in changed if name.endswith(".md")]
        others = [name for name in changed if not name.endswith(".md")]
        try:
            rendered = self._render(pages, others) if changed else []
            if rendered:
                self._update_search(rendered, Path(config.docs_dir) / ALIASES_FILE)
        except Exception as error:  # the full build reports it the way MkDocs reports errors
            log.warning("the update failed (%s); building the whole site", error)
            self.ready = False
            return None
        self.docs_state = docs_now
        return len(rendered)

    def _render(self, pages: list[str], others: list[str]) -> list[tuple[str, list[dict[str, Any]]]]:
        """Each changed page, in each edition built from it; returns (page address, new search entries)."""
        config = self.config
        i18n = config.plugins.get("i18n")
        search = config.plugins.get("material/search") or config.plugins.get("search")
        rendered: list[tuple[str, list[dict[str, Any]]]] = []
        for locale, edition in self.editions.items():
            for name in others:  # the API's JSON, feeds, downloads: copied as MkDocs copies them
                for file in edition.by_source.get(name, []):
                    file.copy_file(dirty=False)
            built = [file for name in pages for file in edition.by_source.get(name, []) if file.page is not None]
            if not built:
                continue
            if i18n is not None:
                i18n.current_language = locale
            self.rendering = True
            try:
                with _quiet(_I18N_LOGGER):  # it announces a whole edition's build
                    config = config.plugins.on_config(config)  # this edition's settings, as mkdocs-static-i18n sets them
            finally:
                self.rendering = False
            doc_files = edition.files.documentation_pages()
            for file in built:
                _populate_page(file.page, config, edition.files)
            for file in built:
                before = len(search.search_index.entries)
                _build_page(file.page, config, doc_files, edition.nav, edition.env, excluded=file.inclusion.is_excluded())
                rendered.append((file.page.url, search.search_index.entries[before:]))
            for file in built:
                file.page.validate_anchor_links(files=edition.files, log_level=config.validation.links.anchors)
        return rendered

    def _update_search(self, rendered: list[tuple[str, list[dict[str, Any]]]], aliases_file: Path) -> None:
        """Put each page's new entries where its old ones were, then split and enrich per language
        as ``on_post_build`` does after a full build."""
        new = dict(rendered)
        docs: list[dict[str, Any]] = []
        placed: set[str] = set()
        for doc in self.raw_search["docs"]:
            url = doc["location"].split("#", 1)[0]
            if url not in new:
                docs.append(doc)
            elif url not in placed:
                docs.extend(new[url])
                placed.add(url)
        docs.extend(entry for url, entries in new.items() if url not in placed for entry in entries)
        self.raw_search["docs"] = docs
        site = Path(self.config.site_dir)
        combined = site / "search" / "search_index.json"
        combined.write_text(json.dumps(self.raw_search, separators=(",", ":"), default=str), encoding="utf-8")
        finish_indexes(site, aliases_file, list(self.editions))


LIVE = LiveSite()

_I18N_LOGGER = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n")


@contextlib.contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    """Only warnings and errors from ``logger`` for a while."""
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def live_builder(builder: Callable[..., None]) -> Callable[..., None]:
    """Wrap ``mkdocs serve``'s builder: an update when it can, the full rebuild when it must."""

    def build(config: Any = None) -> None:
        if config is None and LIVE.ready:
            started = time.monotonic()
            log.info("Updating the served site...")
            rendered = LIVE.update()
            if rendered is not None:
                log.info("Site updated in %.2f seconds (%d pages rendered again)", time.monotonic() - started, rendered)
                return
            log.info("The navigation, the set of pages or the site's settings changed: full build")
        builder(config)

    return build
