"""The reader's experience in Chromium: forgiving search, a timeline you can filter and share,
the members compared, a map and a chart with text alternatives, print, citations, phones."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from aes_dossier.dossier import load_dossier
from aes_dossier.text import format_number
from conftest import PAGE_TYPES, ROOT

pytestmark = pytest.mark.browser
SHOTS = ROOT / "test-results" / "screenshots"


def first_result(page: Page, site_url: str, query: str) -> str:
    page.goto(f"{site_url}?q={query}")
    first = page.locator(".md-search-result__item > a").first
    expect(first).to_be_visible(timeout=15_000)
    return first.get_attribute("href") or ""


@pytest.mark.parametrize(("edition", "query", "expected"), [
    ("", "Confederation", "organisations/confederation-of-sahel-states/"),
    ("fr/", "Confédération", "fr/organisations/confederation-of-sahel-states/"),
    ("fr/", "Confederation", "fr/organisations/confederation-of-sahel-states/"),
    ("", "Goita", "people/assimi-goita/"),
    ("", "Goïta", "people/assimi-goita/"),
    ("", "Etats du Sahel", "organisations/alliance-of-sahel-states/"),
    ("", "Tchiani", "people/abdourahamane-tiani/"),
    ("fr/", "Tiani", "fr/people/abdourahamane-tiani/"),
    ("", "CEDEAO", "organisations/ecowas/"),
    ("", "Liptako Gourma", "organisations/liptako-gourma-authority/"),
    ("", "Liptako-Gourma", "organisations/liptako-gourma-authority/"),
    ("", "Niger", "states/niger/"),
    ("", "Burkina Faso", "states/burkina-faso/"),
])
def test_a_name_query_finds_the_records_own_page_first(page: Page, site_url: str, edition, query, expected):
    assert first_result(page, site_url + edition, query).split("?")[0].endswith(expected)


def test_a_country_name_finds_the_state_among_the_first_two(page: Page, site_url: str):
    # Search-as-you-type makes "Mali" also match "Malick" (Malick Diaw); the state stays in the top two.
    page.goto(f"{site_url}?q=Mali")
    links = page.locator(".md-search-result__item > a")
    expect(links.first).to_be_visible(timeout=15_000)
    assert any(links.nth(i).get_attribute("href").split("?")[0].endswith("states/mali/") for i in range(2))


EDITIONS = pytest.mark.parametrize("edition", ["", "fr/"], ids=["en", "fr"])


@EDITIONS
def test_the_timeline_filters_by_country_and_type_and_puts_the_state_in_the_address(page: Page, site_url: str, edition):
    page.goto(site_url + edition + "timeline/")
    page.select_option("select[name=country]", "niger")
    page.select_option("select[name=kind]", "coup")
    visible = page.locator(".dossier-event:visible")
    expected = [e for e in load_dossier(ROOT / "data", ROOT).events_sorted() if e.kind == "coup" and "niger" in e.countries]
    expect(visible).to_have_count(len(expected))
    assert len(expected) >= 2
    expect(page.locator(".dossier-event:visible").filter(has_text="Bazoum").first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", edition[:2] or "en")
    assert "country=niger" in page.url and "kind=coup" in page.url
    expect(page.locator("#timeline-count")).to_have_text(str(len(expected)))


@EDITIONS
def test_a_shared_filtered_timeline_opens_filtered(page: Page, site_url: str, edition):
    page.goto(site_url + edition + "timeline/?year=2023&country=mali")
    dossier = load_dossier(ROOT / "data", ROOT)
    expected = [e for e in dossier.events_sorted() if e.date.startswith("2023") and "mali" in e.countries]
    expect(page.locator(".dossier-event:visible")).to_have_count(len(expected))
    expect(page.locator("select[name=year]")).to_have_value("2023")


def test_the_timeline_filters_work_from_the_keyboard(page: Page, site_url: str):
    page.goto(site_url + "timeline/")
    page.locator("select[name=kind]").focus()
    page.keyboard.press("ArrowDown")  # first type after "All"
    first_kind = page.locator("select[name=kind] option").nth(1).get_attribute("value")
    expect(page.locator("select[name=kind]")).to_have_value(first_kind)
    count = page.locator(".dossier-event:visible").count()
    assert 0 < count < page.locator(".dossier-event").count()


def test_without_javascript_the_whole_timeline_reads_in_order(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "timeline/?country=niger")
    dossier = load_dossier(ROOT / "data", ROOT)
    events = page.locator(".dossier-event")
    expect(events).to_have_count(len(dossier["events"]))
    assert page.locator(".dossier-event:visible").count() == len(dossier["events"])
    expect(page.locator("#timeline-filters")).to_be_hidden()
    context.close()


@EDITIONS
def test_the_comparison_table_matches_the_data(page: Page, site_url: str, edition):
    dossier = load_dossier(ROOT / "data", ROOT)
    lang = edition[:2] or "en"
    page.goto(site_url + edition + "states/")
    table = page.locator("table").first
    for state in dossier["states"].values():
        expect(table).to_contain_text(getattr(state.capital, lang) or state.capital.en)
        expect(table).to_contain_text(f"{format_number(state.area_km2, lang)} km²")
        expect(table).to_contain_text(f"{state.iso_alpha2} / {state.iso_alpha3}")
        leader = dossier["people"][state.leader].name
        expect(table).to_contain_text(leader)


@EDITIONS
def test_the_map_and_the_chart_have_text_alternatives(page: Page, site_url: str, edition):
    page.goto(site_url + edition + "states/")
    figure = page.locator("svg.dossier-map")
    expect(figure).to_have_attribute("role", "img")
    expect(figure.locator("#map-title")).to_have_text(
        "Les trois États membres de l'AES" if edition else "The three member states of the AES")
    assert figure.locator("path.dossier-map-member").count() == 3
    page.goto(site_url + edition + "timeline/")
    chart = page.locator("svg.dossier-chart")
    expect(chart).to_have_attribute("role", "img")
    assert chart.locator("desc").text_content()
    expect(page.locator("details.dossier-data-table table")).to_have_count(1)


@EDITIONS
def test_the_print_view_hides_navigation_and_shows_link_addresses(page: Page, site_url: str, edition):
    page.goto(site_url + edition + "print/")
    expect(page.locator("h1")).to_contain_text("Le dossier complet" if edition else "The whole dossier")
    page.locator(".md-content a[href*='people']").first.click()
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    after = page.evaluate("""() => { const a = document.querySelector('.md-content a[href^="http"]');
                                   return getComputedStyle(a, '::after').content; }""")
    assert "http" in after
    expect(page.locator("h1")).to_contain_text("Pour l'impression : Personnes" if edition else "For printing: People")
    expect(page.locator(".dossier-source").first).to_be_visible()


@EDITIONS
def test_cite_this_page_gives_correct_citations_and_copies_them(browser: Browser, site_url: str, edition):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + edition + "people/assimi-goita/")
    page.locator("details.dossier-cite summary").click()
    blocks = page.locator("details.dossier-cite pre code")
    csl = json.loads(blocks.nth(2).inner_text())
    assert csl[0]["title"] == "Assimi Goïta" and csl[0]["URL"].endswith(f"/{edition}people/assimi-goita/")
    assert re.match(r"\d{4}", str(csl[0]["issued"]["date-parts"][0][0]))
    bibtex = blocks.nth(1).inner_text()
    key = "aes-dossier-people-assimi-goita" + ("-fr" if edition else "")
    assert bibtex.startswith("@misc{" + key + ",") and "title = {{Assimi Goïta}}" in bibtex
    page.locator('details.dossier-cite button[data-md-type="copy"]').nth(1).click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("@misc{" + key)
    context.close()




@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_every_page_type_fits_a_phone_without_sideways_scrolling(browser: Browser, site_url: str, name):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES[name])
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    # Citation marks are inline links in running text, which WCAG 2.5.8 exempts from the 24 px size.
    small = page.evaluate("""() => [...document.querySelectorAll('button, select, .md-header label')]
        .filter(e => e.offsetParent !== null && getComputedStyle(e).opacity !== "0" && getComputedStyle(e).visibility !== "hidden")
        .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && (r.width < 24 || r.height < 24)).length""")
    assert small == 0
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_screenshots_of_every_page_type(browser: Browser, site_url: str, scheme, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    for name, path in PAGE_TYPES.items():
        page.goto(site_url + path)
        target = SHOTS / f"{name}-{scheme}-{width}.png"
        page.screenshot(path=str(target))
        assert target.stat().st_size > 5_000
    context.close()
