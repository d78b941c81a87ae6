"""MkDocs hook: regenerate the dossier's pages before each build, and take their navigation.

It calls the same generator as ``build_pages.py`` and writes only files whose bytes changed,
so ``mkdocs serve`` (with ``watch: [data]``) rebuilds once per edit instead of forever. Bad
data stops the build with the same located errors, and leaves ``docs/`` as it was.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pathspec
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from aes_dossier.csp import with_policy
from aes_dossier.errors import DataErrors
from aes_dossier.html_tables import row_header_tables
from aes_dossier.generate import ALIASES_FILE, NAV_FILE, iter_files
from aes_dossier.output import write_files
from aes_dossier.site_plan import outside_nav
from aes_dossier.search_index import prune_assets, rebase_search, split_and_enrich
from aes_dossier.settings import load_settings
from aes_dossier.share_cards import CardCache, share_card
from aes_dossier.site_paths import absolute_links, relative_alternates
from aes_dossier.text import LANGUAGES

log = logging.getLogger("mkdocs.hooks.generate_pages")


class _ShortSettingEcho(logging.Filter):
    """mkdocs-static-i18n logs every setting it overrides for French with its whole value: the
    French navigation alone is one line of thousands of characters. Keep the line, drop the value;
    warnings and errors pass unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno <= logging.INFO:
            message = record.getMessage()
            if "Overriding '" in message and " with '" in message:
                record.msg, record.args = message.split(" with '", 1)[0], ()
        return True


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_ShortSettingEcho())


_last: tuple[tuple, str] | None = None
"""The state of the data at the last generation, and the navigation it produced.
mkdocs-static-i18n runs ``on_config`` again for each further language; with the data unchanged,
that second pass (and any rebuild ``mkdocs serve`` starts for a change outside ``data/``)
skips generation."""


def _keeping_nav(files: Iterator[tuple[str, str]], kept: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Pass the generated files through to the writer, keeping the navigation file's text."""
    for name, text in files:
        if name == NAV_FILE:
            kept[name] = text
        yield name, text


def _data_state(settings) -> tuple:
    stats = ((str(path), path.stat()) for path in sorted(settings.data_path.rglob("*")))
    return (str(settings.root), os.environ.get("SOURCE_DATE_EPOCH"),
            tuple((name, info.st_mtime_ns, info.st_size) for name, info in stats if stat.S_ISREG(info.st_mode)))


def on_config(config, **kwargs):
    global _last
    root = Path(config.config_file_path).resolve().parent
    settings = load_settings(root)
    i18n = config.plugins.get("i18n")
    only = i18n.config.build_only_locale if i18n is not None else None
    languages = (only,) if only else LANGUAGES
    state = (_data_state(settings), languages)
    if _last is not None and _last[0] == state:
        nav_text = _last[1]
    else:
        kept: dict[str, str] = {}
        try:
            report = write_files(Path(config.docs_dir), _keeping_nav(iter_files(settings, languages=languages), kept),
                                 prune=not only)
        except DataErrors as errors:
            _last = None
            raise PluginError("the data has errors; no page was changed:\n" + errors.report()) from None
        if report.written or report.removed:
            log.info("dossier pages: %d written, %d removed", len(report.written), len(report.removed))
        nav_text = kept[NAV_FILE]
        _last = (state, nav_text)
    navs = json.loads(nav_text)
    config.nav = navs[languages[0]]
    config.not_in_nav = pathspec.gitignore.GitIgnoreSpec.from_lines(outside_nav(config.nav))
    if i18n is not None:
        for language in i18n.config.languages:
            if language.locale in navs and not language.default:
                language.nav = navs[language.locale]
    return config


_cards: CardCache | None = None


@event_priority(-100)  # after mkdocs-static-i18n has set this page's language switcher
def on_page_context(context, page, config, nav, **kwargs):
    """Language-switcher links relative to the page, and the page's share card (drawn here,
    from the cache when the page's title and description have not changed)."""
    global _cards
    # mkdocs-static-i18n sets `config.extra.alternate` as an attribute, which templates read first.
    alternates = relative_alternates(getattr(config.extra, "alternate", None) or config.extra.get("alternate"), config.site_url)
    config.extra.alternate = config.extra["alternate"] = alternates
    root = Path(config.config_file_path).resolve().parent
    if _cards is None or _cards.folder.parent.parent != root:
        _cards = CardCache(root / ".cache" / "share-cards")
    card = share_card(title=page.title or "", description=(page.meta or {}).get("description") or config.site_description or "",
                      site_name=config.site_name, site_url=config.site_url, page_url=page.url,
                      lang=config.theme["language"], languages=LANGUAGES)
    _cards.write(card, Path(config.site_dir))
    context["share_card"] = card
    return context


@event_priority(-100)  # last, so that the policy hashes the page's final scripts
def on_post_page(output, page, config, **kwargs):
    """Point each French page at the French search index (see aes_dossier.search_index), then
    write the page's Content-Security-Policy."""
    for locale in _other_locales(config):
        output = rebase_search(output, page.url, locale)
    return with_policy(row_header_tables(output))


@event_priority(-100)
def on_template_context(context, template_name, config, **kwargs):
    """The 404 page's language links go to each edition's home page (not to the last page built)."""
    if template_name == "404.html":
        homes = relative_alternates(getattr(config.plugins.get("i18n"), "extra_alternate", None), config.site_url)
        if homes:
            config.extra.alternate = config.extra["alternate"] = homes
    return context


def on_post_template(output, template_name, config, **kwargs):
    """The 404 page is served at any depth: MkDocs writes its links from the server root, which
    breaks under a sub-path's neighbours and names no host; they become full addresses."""
    if template_name == "404.html":
        return with_policy(absolute_links(output, config.site_url))
    return output


@event_priority(-200)  # after mkdocs-static-i18n has built every edition
def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    aliases_file = Path(config.docs_dir) / ALIASES_FILE
    aliases = json.loads(aliases_file.read_text(encoding="utf-8")) if aliases_file.exists() else {}
    if (site / "search" / "search_index.json").exists():
        split_and_enrich(site, {"en": "en", **{locale: locale for locale in _other_locales(config)}}, aliases)
    prune_assets(site, {"en", *_other_locales(config)})


def _other_locales(config) -> list[str]:
    i18n = config.plugins.get("i18n")
    return [language.locale for language in i18n.config.languages if not language.default] if i18n else []
