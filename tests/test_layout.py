"""First impressions in Chromium: the top tabs fit at 1280 px in both editions, and the timeline
chart stays legible on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

EDITIONS = pytest.mark.parametrize("edition", ["", "fr/"], ids=["en", "fr"])

TABS_FIT = """() => {
  const tabs = [...document.querySelectorAll('.md-tabs__item')];
  const width = document.documentElement.clientWidth;
  return tabs.map(tab => {
    const box = tab.getBoundingClientRect();
    const link = tab.querySelector('.md-tabs__link');
    return {label: link.textContent.trim(), right: box.right, width,
            cut: link.scrollWidth > link.clientWidth + 1 || box.right > width || getComputedStyle(tab).display === 'none'};
  });
}"""


@pytest.mark.browser
@EDITIONS
def test_every_top_tab_shows_in_full_at_1280_px(browser: Browser, site_url: str, edition):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url + edition)
    tabs = page.evaluate(TABS_FIT)
    assert len(tabs) >= 6
    assert [tab for tab in tabs if tab["cut"]] == [], tabs
    context.close()


@pytest.mark.browser
def test_the_timeline_chart_text_is_at_least_12_px_on_a_phone(browser: Browser, site_url: str):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    page = context.new_page()
    page.goto(site_url + "timeline/")
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg.dossier-chart text, .dossier-chart-legend li')]
        .filter(el => el.getBoundingClientRect().height > 0)
        .map(el => parseFloat(getComputedStyle(el).fontSize) * (el.closest('svg') ? el.closest('svg').getScreenCTM().a : 1))""")
    assert sizes and min(sizes) >= 12, sorted(sizes)[:5]
    context.close()


def test_no_navigation_label_repeats_its_article_number_or_keeps_english_and_in_french():
    import json

    from aes_dossier.generate import NAV_FILE, generate
    from aes_dossier.settings import load_settings
    from tests.conftest import ROOT

    navs = json.loads(generate(load_settings(ROOT))[NAV_FILE])

    def labels(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from labels(value)
        elif isinstance(node, list):
            for item in node:
                yield from labels(item)

    english, french = list(labels(navs["en"])), list(labels(navs["fr"]))
    assert any(label.startswith("Articles 24 and 25") for label in english)
    assert any(label.startswith("Articles 24 et 25") for label in french)
    for label in english + french:
        assert not re.match(r"^(Articles? [0-9][^:]*): \1", label), label
    assert not [label for label in french if re.search(r"\d and \d", label)]


def test_no_built_page_has_a_table_with_an_empty_header_row(real_site):
    empty_head = re.compile(r"<thead>\s*<tr>(?:\s*<th[^>]*>\s*</th>)+\s*</tr>\s*</thead>")
    offenders = [path for path in real_site.rglob("*.html") if empty_head.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
    facts = (real_site / "sources" / "s8" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="row">' in facts


def test_the_build_log_keeps_the_french_settings_echo_short():
    import logging

    import hooks.generate_pages  # noqa: F401 (installs the filter)

    logger = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure")
    record = logger.makeRecord(logger.name, logging.INFO, __file__, 1,
                               "mkdocs_static_i18n: Overriding 'fr' config 'nav' with '%s'", ("x" * 10_000,), None)
    for log_filter in logger.filters:
        log_filter.filter(record)
    assert len(record.getMessage()) < 500 and "config 'nav'" in record.getMessage()
    warning = logger.makeRecord(logger.name, logging.WARNING, __file__, 1, "Overriding 'fr' config 'x' with 'y'", (), None)
    for log_filter in logger.filters:
        log_filter.filter(warning)
    assert warning.getMessage().endswith("with 'y'")


def test_building_the_package_prints_no_warning(tmp_path):
    import shutil
    import subprocess
    import sys

    from tests.conftest import ROOT

    source = tmp_path / "source"  # a copy, so that setuptools' build/ folder stays out of the checkout
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv*", "node_modules", "site", "docs", "bench", "tests",
                                                                 ".cache", "build", "*.egg-info", "test-results"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                             str(tmp_path / "wheel"), str(source)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    output = "\n".join(line for line in (result.stdout + result.stderr).splitlines() if "Location 'file://" not in line)
    assert "Warning" not in output and "deprecat" not in output.lower(), output[-2000:]


@pytest.mark.browser
@EDITIONS
def test_citation_marks_are_compact_links_named_for_their_source(browser: Browser, site_url: str, edition):
    page = browser.new_page()
    page.goto(site_url + edition)
    group = page.locator("sup.dossier-marks").filter(has=page.locator("a:nth-of-type(2)")).first
    boxes = [link.bounding_box() for link in group.locator("a").all()]
    widths = [box["width"] for box in boxes]
    gaps = [after["x"] - (before["x"] + before["width"]) for before, after in zip(boxes, boxes[1:])]
    assert max(widths) < 16 and max(gaps) < 8, (widths, gaps)
    colon = " :" if edition else ":"
    first = group.locator("a").first
    snapshot = first.aria_snapshot()  # the name assistive technology computes
    named = re.search(rf'link "Source {first.inner_text()}{colon} (.+?)"', snapshot)
    assert named, snapshot
    entry = page.locator(first.get_attribute("href"))
    assert named.group(1) in entry.inner_text()
    page.close()
