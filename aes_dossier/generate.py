"""One call from data to generated files, shared by ``build_pages.py`` and the MkDocs hook."""

from __future__ import annotations

import json

from .dossier import Dossier, load_dossier
from .history import data_file_dates
from .pages import render_site
from .settings import Settings
from .text import LANGUAGES

NAV_FILE = ".nav.json"


def generate(settings: Settings, dossier: Dossier | None = None) -> dict[str, str]:
    """Every generated file under ``docs/`` with its text. Raises ``DataErrors`` on bad data."""
    dossier = dossier or load_dossier(settings.data_path, settings.root)
    dates = data_file_dates(settings.root, settings.data_dir)
    files: dict[str, str] = {}
    navs: dict[str, list] = {}
    for lang in LANGUAGES:
        pages, navs[lang] = render_site(dossier, settings, dates, lang)
        files.update(pages)
    files[NAV_FILE] = json.dumps(navs, ensure_ascii=False, indent=1) + "\n"
    return files
