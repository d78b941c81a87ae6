"""A strict Content-Security-Policy on every page: scripts only from the site's own files and
from the inline scripts each page really has (by hash), so an injected script cannot run; and
the site's features keep working under it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from aes_dossier.csp import inline_script_hashes, policy, with_policy
from quality.server import serve
from tests.conftest import PAGE_TYPES

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI + " " + (event.sample || ""));
});
"""


def directives(html: str) -> dict[str, str]:
    found = POLICY.search(html)
    assert found, "no Content-Security-Policy meta element"
    return dict(part.strip().split(" ", 1) for part in found.group(1).split(";"))


def test_inline_scripts_are_hashed_and_data_blocks_are_not():
    html = ('<head><meta charset="utf-8"><script>var a = 1</script><script type="application/ld+json">{}</script>'
            '<script id="__config" type="application/json">{}</script><script src="x.js"></script></head>')
    hashes = inline_script_hashes(html)
    assert hashes == ["'sha256-yqmWCW0PAQN9TIqjZAHhSW8KwUrDHJe2AtZnQFp3ah4='"] or len(hashes) == 1
    assert "'unsafe-inline'" not in policy(html).split("script-src", 1)[1].split(";")[0]


def test_the_policy_comes_before_the_first_script():
    html = with_policy('<html><head><meta charset="utf-8"><script>go()</script></head></html>')
    assert html.index("Content-Security-Policy") < html.index("<script>")


def test_rewriting_a_page_keeps_one_policy():
    html = '<html><head><meta charset="utf-8"><script>go()</script></head></html>'
    assert with_policy(with_policy(html)).count("Content-Security-Policy") == 1


def test_every_built_page_has_a_policy_without_unsafe_inline_scripts(real_site: Path):
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 800
    for path in pages:
        found = directives(path.read_text(encoding="utf-8"))
        assert "'unsafe-inline'" not in found["script-src"], path
        assert found["default-src"] == "'self'" and found["object-src"] == "'none'" and found["base-uri"] == "'self'", path


def test_nine_pages_in_ten_carry_share_card_metadata(real_site: Path):
    pages = [path.read_text(encoding="utf-8") for path in real_site.rglob("*.html")]
    with_cards = [html for html in pages if '<meta property="og:title"' in html and '<meta property="og:image"' in html
                  and '<meta name="twitter:card" content="summary_large_image">' in html]
    assert len(with_cards) >= 0.9 * len(pages)


def test_every_share_card_image_exists_and_is_a_png(real_site: Path):
    images = set()
    for path in real_site.rglob("*.html"):
        images.update(re.findall(r'<meta property="og:image" content="http://127\.0\.0\.1:8000/([^"]+)"', path.read_text(encoding="utf-8")))
    assert len(images) > 800
    for image in images:
        assert (real_site / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", image


EDITIONS = {**{name: path for name, path in PAGE_TYPES.items() if not path.startswith("fr/")},
            **{f"{name} (fr)": "fr/" + path for name, path in PAGE_TYPES.items() if not path.startswith("fr/")}}


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations")


@pytest.mark.browser
@pytest.mark.parametrize("name", sorted(EDITIONS))
def test_no_page_type_breaks_its_policy(page: Page, site_url: str, name: str):
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(site_url + EDITIONS[name])
    page.wait_for_load_state("load")
    assert violations(page) == []


@pytest.mark.browser
def test_search_works_under_the_policy(page: Page, site_url: str):
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(site_url + "?q=Niamey")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert violations(page) == []


@pytest.mark.browser
def test_the_timeline_filters_work_under_the_policy(page: Page, site_url: str):
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(site_url + "fr/timeline/")
    page.select_option("select[name=country]", "mali")
    assert "country=mali" in page.url
    assert violations(page) == []


@pytest.mark.browser
def test_the_theme_toggle_works_under_the_policy(page: Page, site_url: str):
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(site_url)
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", before)
    assert violations(page) == []


@pytest.mark.browser
def test_the_copy_buttons_work_under_the_policy(browser: Browser, site_url: str):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(site_url + "people/assimi-goita/")
    page.locator("details.dossier-cite summary").first.click()
    page.locator('details.dossier-cite button[data-md-type="copy"]').first.click()
    assert page.evaluate("navigator.clipboard.readText()").strip()
    assert violations(page) == []
    context.close()


@pytest.mark.browser
def test_an_inline_script_injected_into_a_built_page_is_blocked(page: Page, real_site: Path, tmp_path: Path):
    html = (real_site / "index.html").read_text(encoding="utf-8")
    (tmp_path / "index.html").write_text(html.replace("</body>", "<script>window.__injected = true</script></body>"), encoding="utf-8")
    with serve(tmp_path) as url:
        page.add_init_script(WATCH_VIOLATIONS)
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__injected === undefined")
        assert any(violation.startswith("script-src") and "inline" in violation for violation in violations(page))
