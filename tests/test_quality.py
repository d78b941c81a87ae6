"""Quality gates on the built site, with the tools the web community trusts, pinned in
package-lock.json: the Nu HTML Checker, axe-core in Chromium, and linkinator."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import PAGE_TYPES, ROOT

NODE_MODULES = ROOT / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
FILTERS = ROOT / "quality" / "vnu-filters.txt"


def require(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path} is missing: run `npm ci` (make test does it)")
    return path


def test_every_page_is_valid_html(real_site: Path):
    patterns = [line for line in FILTERS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    java = shutil.which("java") or pytest.fail("Java is needed for the Nu HTML Checker")
    command = [java, "-jar", str(require(VNU)), "--skip-non-html", "--errors-only", "--format", "json"]
    for pattern in patterns:
        command += ["--filterpattern", pattern]
    result = subprocess.run(command + [str(real_site)], capture_output=True, text=True, timeout=1200)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m.get("type") == "error"]
    assert errors == [], "\n".join(errors[:30])


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_accessibility_violations_at_wcag_2_2_aa(browser: Browser, site_url: str, name, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES[name])
    page.add_script_tag(path=str(require(AXE)))
    # Every WCAG 2.2 A/AA rule on the whole page, except target-size, which is run without
    # Material's primary sidebar: its sticky header partly covers the navigation list while it
    # scrolls (a theme layout matter, recorded in the note); every other target is checked.
    result = page.evaluate("""async () => {
        const tags = {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']};
        const all = await axe.run(document, {runOnly: tags, rules: {'target-size': {enabled: false}}});
        const size = await axe.run({exclude: [['.md-sidebar--primary']]}, {runOnly: {type: 'rule', values: ['target-size']}});
        return {violations: [...all.violations, ...size.violations]}; }""")
    violations = [f"{v['id']} ({v['impact']}): {', '.join(' '.join(n['target']) for n in v['nodes'][:3])}"
                  for v in result["violations"]]
    context.close()
    assert violations == []


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


def test_no_internal_link_or_anchor_is_broken(real_site: Path):
    npx = shutil.which("npx") or pytest.fail("npx is needed for linkinator")
    require(NODE_MODULES / "linkinator")
    result = subprocess.run([npx, "--no-install", "linkinator", str(real_site), "--recurse", "--check-fragments",
                             "--skip", r"^https?://(?!localhost)", "--format", "json"],
                            capture_output=True, text=True, timeout=1200, cwd=ROOT)
    report = json.loads(result.stdout)
    broken = [f"{link['status']} {link['url']} (from {link.get('parent')})" for link in report["links"]
              if link["state"] == "BROKEN"]
    assert broken == [], "\n".join(broken[:30])


BUDGETS_KB = {"html": 300, "print_html": 1300, "css": 160, "js": 160, "search_index": 1000}
"""Page weight per page type. The printable whole dossier is the one page allowed to be large."""


def test_pages_stay_within_their_weight_budget(real_site: Path):
    too_big = []
    for page in real_site.rglob("index.html"):
        size = page.stat().st_size / 1024
        budget = BUDGETS_KB["print_html"] if "print" in page.parts else BUDGETS_KB["html"]
        if size > budget:
            too_big.append(f"{page.relative_to(real_site)}: {size:.0f} KB > {budget} KB")
    assert too_big == []


def test_assets_and_search_indexes_stay_within_budget(real_site: Path):
    css = sum(p.stat().st_size for p in (real_site / "assets" / "stylesheets").glob("*.css")) / 1024
    css += (real_site / "assets" / "dossier.css").stat().st_size / 1024
    js = sum(p.stat().st_size for p in (real_site / "assets" / "javascripts").glob("bundle.*.js")) / 1024
    js += (real_site / "assets" / "timeline.js").stat().st_size / 1024
    assert css <= BUDGETS_KB["css"] and js <= BUDGETS_KB["js"], (css, js)
    for index in (real_site / "search" / "search_index.json", real_site / "fr" / "search" / "search_index.json"):
        assert index.stat().st_size / 1024 <= BUDGETS_KB["search_index"], index


def test_the_deployed_site_has_no_source_maps_or_unused_search_languages(real_site: Path):
    assert list(real_site.rglob("*.map")) == []
    lunr = {p.name for p in (real_site / "assets" / "javascripts" / "lunr" / "min").glob("*.js")}
    assert lunr == {"lunr.fr.min.js", "lunr.multi.min.js", "lunr.stemmer.support.min.js"}
    assert "sourceMappingURL" not in next((real_site / "assets" / "javascripts").glob("bundle.*.js")).read_text()
