"""One call from data to generated files, shared by ``build_pages.py`` and the MkDocs hook."""

from __future__ import annotations

import json

from .dossier import Dossier, load_dossier
from .history import data_file_dates
from .pages import render_site
from .settings import Settings

NAV_FILE = ".nav.json"


def generate(settings: Settings, dossier: Dossier | None = None) -> dict[str, str]:
    """Every generated file under ``docs/`` with its text. Raises ``DataErrors`` on bad data."""
    dossier = dossier or load_dossier(settings.data_path, settings.root)
    dates = data_file_dates(settings.root, settings.data_dir)
    pages, nav = render_site(dossier, settings, dates, "en")
    files = dict(pages)
    files[NAV_FILE] = json.dumps(nav, ensure_ascii=False, indent=1) + "\n"
    return files
