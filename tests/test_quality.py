"""The quality gates catch what they exist to catch.

``make check-site`` (run by ``make test`` and so by ``.ci/run``) runs every gate on the real site;
these tests prove each gate fails on a page broken the way it guards against, so a gate that
silently passes everything would be noticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from quality import gates
from quality.config import BUDGETS_KB, VNU_FILTERS
from quality.report import markdown_table, replace_block
from quality.server import serve

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="description" content="A test page.">
<title>Test page</title></head>
<body><main><h1>Test page</h1>{body}</main></body></html>
"""


def site_with(tmp_path: Path, **pages: str) -> Path:
    """A tiny built site: ``name=body`` becomes ``name.html`` around a valid, accessible page."""
    site = tmp_path / "site"
    site.mkdir()
    for name, body in pages.items():
        (site / f"{name}.html").write_text(PAGE.format(body=body), encoding="utf-8")
    return site


GOOD = '<p id="here">Plain, readable text with <a href="other.html#there">a link</a>.</p>'
OTHER = '<p id="there">Another page, linking <a href="index.html#here">back</a>.</p>'


def test_a_clean_page_passes_every_file_gate(tmp_path: Path):
    site = site_with(tmp_path, index=GOOD, other=OTHER)
    for gate in (gates.html_validity, gates.links, gates.page_weight):
        result = gate(site)
        assert result.passed, (result.name, result.problems)


def test_broken_markup_fails_the_html_gate(tmp_path: Path):
    site = site_with(tmp_path, index=GOOD + "<p><div>block inside a paragraph</p></div>", other=OTHER)
    result = gates.html_validity(site)
    assert not result.passed
    assert any("index.html" in problem for problem in result.problems), result.problems


def test_a_broken_link_fails_the_link_gate(tmp_path: Path):
    site = site_with(tmp_path, index=GOOD + '<p><a href="missing.html">gone</a></p>', other=OTHER)
    result = gates.links(site)
    assert not result.passed
    assert any("missing.html" in problem for problem in result.problems), result.problems


def test_a_broken_anchor_fails_the_link_gate(tmp_path: Path):
    site = site_with(tmp_path, index=GOOD + '<p><a href="other.html#nowhere">gone</a></p>', other=OTHER)
    assert not gates.links(site).passed


def test_an_oversized_page_fails_the_weight_gate(tmp_path: Path):
    site = site_with(tmp_path, index=GOOD + "<p>" + "x" * (BUDGETS_KB["html"] + 1) * 1024 + "</p>")
    result = gates.page_weight(site)
    assert not result.passed and "index.html" in result.problems[0]


@pytest.mark.browser
def test_low_contrast_text_fails_the_accessibility_gate(tmp_path: Path, browser: Browser):
    site = site_with(tmp_path, index='<p style="color:#bbb;background:#fff">Pale grey on white.</p>')
    with serve(site) as url:
        result = gates.accessibility(url, {"pale": "index.html"}, schemes=("light",), browser=browser)
    assert not result.passed
    assert any(problem.startswith("pale (light): color-contrast") for problem in result.problems), result.problems


@pytest.mark.browser
def test_an_image_without_alt_text_fails_the_accessibility_gate(tmp_path: Path, browser: Browser):
    site = site_with(tmp_path, index='<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40"></p>')
    with serve(site) as url:
        result = gates.accessibility(url, {"image": "index.html"}, schemes=("light",), browser=browser)
    assert any("image-alt" in problem for problem in result.problems), result.problems


@pytest.mark.browser
def test_the_accessibility_gate_passes_an_accessible_page(tmp_path: Path, browser: Browser):
    site = site_with(tmp_path, index=GOOD, other=OTHER)
    with serve(site) as url:
        result = gates.accessibility(url, {"good": "index.html"}, browser=browser)
    assert result.passed, result.problems


@pytest.mark.browser
def test_a_page_without_a_description_fails_the_lighthouse_gate(tmp_path: Path):
    site = site_with(tmp_path, index=GOOD, other=OTHER)
    page = site / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('<meta name="description" content="A test page.">', ""),
                    encoding="utf-8")
    with serve(site) as url:
        result = gates.lighthouse(url, {"bare": "index.html"}, runs=1)
    assert not result.passed
    assert "bare (mobile): seo" in " ".join(result.problems), result.problems


def test_every_vnu_filter_is_explained_by_a_comment():
    lines = VNU_FILTERS.read_text(encoding="utf-8").splitlines()
    patterns = gates.vnu_filter_patterns()
    assert patterns
    for pattern in patterns:
        before = lines[lines.index(pattern) - 1]
        assert before.startswith("#") or before in patterns, f"{pattern} has no comment above it"


def test_the_summary_table_marks_a_failed_gate():
    table = markdown_table([gates.GateResult("Links", "linkinator", False, "1 broken", ["404 x"], 2.0),
                            gates.GateResult("HTML validity", "vnu", True, "0 errors", [], 1.0)], "today")
    assert "| Links | linkinator | **FAIL** (1) | 1 broken | 2 s |" in table
    assert "| HTML validity | vnu | pass | 0 errors | 1 s |" in table


def test_the_readme_block_is_replaced_in_place():
    text = "intro\n<!-- quality-gates:start -->\nold\n<!-- quality-gates:end -->\noutro\n"
    assert replace_block(text, "quality-gates", "new") == "intro\n<!-- quality-gates:start -->\nnew\n<!-- quality-gates:end -->\noutro\n"


@pytest.mark.browser
def test_keyboard_reaches_search_the_palette_toggle_and_the_timeline_filters(browser: Browser, site_url: str):
    page = browser.new_page()
    page.goto(site_url + "timeline/")
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("""() => { const e = document.activeElement;
            return e.name || e.getAttribute('aria-label') || e.getAttribute('title') || e.className || e.tagName; }"""))
    page.close()
    assert {"year", "country", "kind"} <= reached
    assert "__palette" in reached, reached  # Material's light/dark switch (radio inputs named __palette)
    assert "query" in reached, reached  # the search box


def test_the_deployed_site_has_no_source_maps_or_unused_search_languages(real_site: Path):
    assert list(real_site.rglob("*.map")) == []
    lunr = {p.name for p in (real_site / "assets" / "javascripts" / "lunr" / "min").glob("*.js")}
    assert lunr == {"lunr.fr.min.js", "lunr.multi.min.js", "lunr.stemmer.support.min.js"}
    assert "sourceMappingURL" not in next((real_site / "assets" / "javascripts").glob("bundle.*.js")).read_text()
