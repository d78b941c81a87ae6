"""One call from data to generated files, shared by ``build_pages.py`` and the MkDocs hook."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .dossier import Dossier, load_dossier
from .download import release_download
from .history import data_file_dates
from .release import latest_release
from .export import api_files, feed_files
from .render import render_pages
from .site_plan import build_nav, directory_url, plan_pages, record_path
from .settings import Settings
from .text import LANGUAGES

NAV_FILE = ".nav.json"
ALIASES_FILE = ".search-aliases.json"


REDIRECT_POLICY = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'self'"


def robots_txt(site_url: str) -> str:
    """Crawlers may read everything, and learn where the sitemap is (at the published address)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def redirect_files(dossier: Dossier, site_url: str) -> dict[str, str]:
    """A small page at each former address of a renamed record, sending readers to the new one
    (relatively, so it works under any sub-path; its canonical address is the published one)."""
    files = {}
    for collection, records in dossier.records.items():
        for record in records.values():
            for old_id in getattr(record, "former_ids", []):
                new_path = record_path(dossier, (collection, record.id)).split("#")[0]
                old_dir = new_path.rsplit("/", 1)[0] + "/" + old_id if "/" in new_path else old_id
                target = "../" + new_path.rsplit("/", 1)[-1][:-3] + "/"
                canonical = site_url + directory_url(new_path)
                files[f"{old_dir}/index.html"] = (
                    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    f"<meta http-equiv=\"Content-Security-Policy\" content=\"{REDIRECT_POLICY}\"><title>Moved</title>"
                    f"<link rel=\"canonical\" href=\"{canonical}\"><meta http-equiv=\"refresh\" content=\"0; url={target}\">"
                    f"<meta name=\"robots\" content=\"noindex\"></head><body><p>This page has moved to <a href=\"{target}\">{target}</a>.</p>"
                    "</body></html>\n")
    return files


def search_aliases(dossier: Dossier) -> dict[str, list[str]]:
    """Page address -> the other names a reader may type for its record (Tchiani, CEDEAO, ...).

    They are added to the title of the page's search entry, so that an alias finds the record's
    own page before the many pages that merely mention it.
    """
    aliases: dict[str, list[str]] = {}
    for collection in ("people", "organisations", "states", "glossary", "partners"):
        for record in dossier[collection].values():
            names: list[str] = list(getattr(record, "aliases", []))
            for attribute in ("name", "short_name", "official_name", "term"):
                value = getattr(record, attribute, None)
                if value is not None and not isinstance(value, str):
                    names += [value.en] + ([value.fr] if value.fr else [])
            names += [other.name for other in getattr(record, "other_names", [])]
            aliases[directory_url(record_path(dossier, (collection, record.id)).split("#")[0])] = sorted(set(names))
    return aliases


def iter_files(settings: Settings, dossier: Dossier | None = None,
               languages: tuple[str, ...] = LANGUAGES) -> Iterator[tuple[str, str]]:
    """Every generated file under ``docs/`` with its text, one at a time, so that ``write_files``
    writes each as it comes and a large dossier never has all its pages in memory.

    The data is loaded and validated before the first file is yielded: ``DataErrors`` comes
    before anything is written. ``languages`` narrows the pages to some editions (``make
    preview`` builds one); the data files, feeds and redirects do not depend on the language.
    """
    dossier = dossier or load_dossier(settings.data_path, settings.root)
    dates = data_file_dates(settings.root, settings.data_dir)
    planned = plan_pages(dossier)
    release = latest_release(dossier)
    download, archive = release_download(settings, release) if release else (None, b"")
    navs: dict[str, list] = {}
    for lang in languages:
        yield from render_pages(dossier, settings, dates, lang, planned, download)
        navs[lang] = build_nav(dossier, planned, lang)
    yield from files_after_pages(dossier, settings, dates, download, archive, navs)


def files_after_pages(dossier: Dossier, settings: Settings, dates: dict[str, str], download: Any, archive: bytes,
                      navs: dict[str, list]) -> Iterator[tuple[str, str | bytes]]:
    """The files that follow the pages: cheap enough that the incremental regenerator
    (``incremental``) makes them all again after every edit, in this same order."""
    yield from api_files(dossier).items()
    yield from feed_files(dossier, settings.site_url, dates).items()
    yield from redirect_files(dossier, settings.site_url).items()
    yield "robots.txt", robots_txt(settings.site_url)
    if download:
        yield download.path, archive
        yield download.checksum_path, f"{download.sha256}  {download.path.rsplit('/', 1)[-1]}\n"
    yield NAV_FILE, nav_text(navs)
    yield ALIASES_FILE, json.dumps(search_aliases(dossier), ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def nav_text(navs: dict[str, list]) -> str:
    return json.dumps(navs, ensure_ascii=False, indent=1) + "\n"


def generate(settings: Settings, dossier: Dossier | None = None, languages: tuple[str, ...] = LANGUAGES) -> dict[str, str]:
    """Every generated file with its text, all at once (for tests and ``--check``)."""
    return dict(iter_files(settings, dossier, languages))
