"""MkDocs hook: regenerate the dossier's pages before each build, and take their navigation.

It calls the same generator as ``build_pages.py`` and writes only files whose bytes changed,
so ``mkdocs serve`` (with ``watch: [data]``) rebuilds once per edit instead of forever. Bad
data stops the build with the same located errors, and leaves ``docs/`` as it was.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from aes_dossier.csp import with_policy
from aes_dossier.docs_generation import configure
from aes_dossier.html_tables import row_header_tables
from aes_dossier.generate import ALIASES_FILE
from aes_dossier.live_build import LIVE, live_builder
from aes_dossier.search_index import finish_indexes, prune_assets, rebase_search
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


def on_startup(command, dirty, **kwargs):
    """Under ``mkdocs serve`` (not ``--dirty``), keep what each full build made, for fast updates."""
    LIVE.serving = command == "serve" and not dirty


def on_config(config, **kwargs):
    """Generate before the first edition only: a data edit saved during the build is for the next one."""
    return configure(config, regenerate=not (_nested(config) or LIVE.rendering))


def on_serve(server, config, builder, **kwargs):
    """Rebuilds after an edit become updates of the changed pages (aes_dossier.live_build)."""
    if LIVE.serving:
        server.builder = live_builder(server.builder)
    return server


def on_pre_build(config, **kwargs):
    if LIVE.serving and not _nested(config):
        LIVE.start_full_build(config)


@event_priority(-200)  # after mkdocs-static-i18n has made this edition's navigation
def on_nav(nav, config, files, **kwargs):
    if LIVE.serving:
        LIVE.last_nav = nav
    return nav


@event_priority(-200)
def on_env(env, config, files, **kwargs):
    if LIVE.serving:
        LIVE.capture_edition(_locale(config), files, LIVE.last_nav, env)
    return env


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
    if LIVE.serving and not _nested(config):
        LIVE.finish_full_build(config, site)
    if (site / "search" / "search_index.json").exists():
        finish_indexes(site, Path(config.docs_dir) / ALIASES_FILE, ["en", *_other_locales(config)])
    prune_assets(site, {"en", *_other_locales(config)})


def _other_locales(config) -> list[str]:
    i18n = config.plugins.get("i18n")
    return [language.locale for language in i18n.config.languages if not language.default] if i18n else []


def _nested(config) -> bool:
    """True inside mkdocs-static-i18n's build of a further edition."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def _locale(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n is not None else "en"
