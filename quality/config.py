"""What the quality gates look at and the limits they hold the site to."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_FILTERS = ROOT / "quality" / "vnu-filters.txt"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
"""Debian's Chromium, offline: without the background-networking flags it keeps dialling Google."""

PAGE_TYPES = {
    "home": "", "state": "states/mali/", "compare": "states/", "charter": "instruments/liptako-gourma-charter/",
    "article": "instruments/liptako-gourma-charter/charter-article-6/", "timeline": "timeline/",
    "year": "timeline/2023/", "person": "people/assimi-goita/", "people": "people/", "organisation": "organisations/ecowas/",
    "sources": "sources/", "source": "sources/s8/", "discrepancies": "discrepancies/", "glossary": "glossary/",
    "data": "data/", "french": "fr/", "french-article": "fr/instruments/liptako-gourma-charter/charter-article-6/",
}
"""One page of each type, for the accessibility gate and the browser tests."""

LIGHTHOUSE_PAGES = {"home": "", "article": PAGE_TYPES["article"], "timeline": "timeline/"}

LIGHTHOUSE_MINIMUM = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
"""Performance is graded on the median of three mobile runs; Lighthouse's simulated throttling
still varies by a point or two from run to run on a shared two-core machine."""

BUDGETS_KB = {"html": 300, "css": 160, "js": 160, "search_index": 1000}
"""Page weight per page type, uncompressed."""
