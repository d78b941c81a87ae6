"""The generation step of every MkDocs build: data -> ``docs/``, then the navigation into the config.

It lives here rather than in the hook file because MkDocs re-imports a hook module on every
rebuild under ``mkdocs serve``: state kept in this module (the data's state at the last
generation, the parsed records, each page's dependencies) survives from one edit to the next,
so an edit re-reads one file and re-renders the pages that show it.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pathspec
from mkdocs.exceptions import PluginError

from .errors import DataErrors
from .incremental import Regenerator
from .output import write_files
from .settings import Settings, load_settings
from .site_plan import outside_nav
from .text import LANGUAGES

log = logging.getLogger("mkdocs.hooks.generate_pages")


@dataclass
class _Generated:
    state: tuple
    nav_text: str


_last: _Generated | None = None
"""The data's state at the last good generation, and the navigation it produced. A second
``on_config`` for the same state (mkdocs-static-i18n runs it once per edition; ``mkdocs serve``
rebuilds after the generator's own writes to ``docs/``) skips the generation."""


_regenerator = Regenerator()
"""Re-reads only the data files that changed and re-renders only the pages that read what changed."""


def data_state(settings: Settings) -> tuple:
    """What a generation depends on besides the code: every data file's size and time, the
    project root and the reproducible-build date."""
    stats = ((str(path), path.stat()) for path in sorted(settings.data_path.rglob("*")))
    return (str(settings.root), os.environ.get("SOURCE_DATE_EPOCH"),
            tuple((name, info.st_mtime_ns, info.st_size) for name, info in stats if stat.S_ISREG(info.st_mode)))


def generate_docs(config: Any) -> str:
    """Bring ``docs/`` up to date with ``data/`` (writing only what changed) and return the
    navigation's text. Bad data raises ``PluginError`` with every located error, and leaves
    ``docs/`` and the last good state as they were."""
    global _last
    settings = load_settings(Path(config.config_file_path).resolve().parent)
    state = data_state(settings)
    if _last is not None and _last.state == state:
        return _last.nav_text
    try:
        generation = _regenerator.generate(settings, LANGUAGES)
        report = write_files(Path(config.docs_dir), generation.files, prune=generation.complete)
    except DataErrors as errors:
        raise PluginError("the data has errors; no page was changed:\n" + errors.report()) from None
    if report.written or report.removed:
        log.info("dossier pages: %d written, %d removed (%d rendered, %d data files read)", len(report.written),
                 len(report.removed), generation.pages_rendered, generation.files_reread)
    _last = _Generated(state, generation.nav_text)
    return _last.nav_text


def last_navigation() -> str:
    """The navigation's text from the last good generation."""
    assert _last is not None, "no generation yet"
    return _last.nav_text


def configure(config: Any, regenerate: bool = True) -> Any:
    """Generate (unless asked not to: a build generates once, before its first edition, so that
    both editions show the same data), then give MkDocs each edition's navigation and the
    pages kept out of it."""
    navs = json.loads(generate_docs(config) if regenerate or _last is None else last_navigation())
    config.nav = navs[LANGUAGES[0]]
    config.not_in_nav = pathspec.gitignore.GitIgnoreSpec.from_lines(outside_nav(config.nav))
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        for language in i18n.config.languages:
            if language.locale in navs and not language.default:
                language.nav = navs[language.locale]
    return config
