"""MkDocs hook: regenerate the dossier's pages before each build, and take their navigation.

It calls the same generator as ``build_pages.py`` and writes only files whose bytes changed,
so ``mkdocs serve`` (with ``watch: [data]``) rebuilds once per edit instead of forever. Bad
data stops the build with the same located errors, and leaves ``docs/`` as it was.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from aes_dossier.errors import DataErrors
from aes_dossier.generate import NAV_FILE, generate
from aes_dossier.output import write_files
from aes_dossier.settings import load_settings

log = logging.getLogger("mkdocs.hooks.generate_pages")


def on_config(config, **kwargs):
    root = Path(config.config_file_path).resolve().parent
    settings = load_settings(root)
    try:
        files = generate(settings)
    except DataErrors as errors:
        raise PluginError("the data has errors; no page was changed:\n" + errors.report()) from None
    report = write_files(Path(config.docs_dir), files)
    if report.written or report.removed:
        log.info("dossier pages: %d written, %d removed", len(report.written), len(report.removed))
    config.nav = json.loads(files[NAV_FILE])
    return config
