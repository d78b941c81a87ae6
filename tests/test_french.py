"""The French edition: every page twinned, native dates and order, French interface, its own
search, and translation coverage enforced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from aes_dossier.pages import sort_text
from conftest import run_build_pages


def pages_of(site: Path, french: bool) -> set[str]:
    root = site / "fr" if french else site
    found = {p.relative_to(root).as_posix() for p in root.rglob("index.html")}
    return found if french else {p for p in found if not p.startswith("fr/")}


def test_every_english_page_has_a_french_twin_and_vice_versa(real_site: Path):
    assert pages_of(real_site, french=False) == pages_of(real_site, french=True)


def test_every_page_declares_its_language(real_site: Path):
    for page in real_site.rglob("index.html"):
        lang = "fr" if page.relative_to(real_site).parts[0] == "fr" else "en"
        assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8")[:500], page


def test_hreflang_alternates_are_absolute_and_resolve_to_the_same_page_in_the_other_language(real_site: Path):
    # rel="alternate " (with a space) keeps Material from fetching a sitemap.xml beside each
    # alternate (overrides/main.html); parsers split rel on whitespace, so it is still "alternate".
    site_url = "http://127.0.0.1:8000/"
    for page in list((real_site / "people").rglob("index.html"))[:10] + [real_site / "index.html"]:
        html = page.read_text(encoding="utf-8")
        [french] = re.findall(r'<link rel="alternate " href="([^"]+)" hreflang="fr">', html)
        assert french.startswith(site_url + "fr/"), french
        twin = real_site / french.removeprefix(site_url) / "index.html"
        assert twin.exists(), (page, french)
        [english] = re.findall(r'<link rel="alternate " href="([^"]+)" hreflang="en">', twin.read_text(encoding="utf-8"))
        assert (real_site / english.removeprefix(site_url) / "index.html").resolve() == page.resolve()


def test_french_pages_use_french_dates_and_interface(real_site: Path):
    charter = (real_site / "fr" / "instruments" / "liptako-gourma-charter" / "index.html").read_text(encoding="utf-8")
    assert "16 septembre 2023" in charter
    assert 'placeholder="Rechercher"' in charter
    assert "Textes fondateurs" in charter


def test_month_precision_dates_stay_months_in_french(real_site: Path):
    year = (real_site / "fr" / "timeline" / "2021" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"\bdécembre 2021\b", year)
    assert "1 décembre 2021" not in year and "1er décembre 2021" not in year


def test_french_areas_use_french_number_style(real_site: Path):
    mali = (real_site / "fr" / "states" / "mali" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"1\u202f24\d\u202f\d{3} km²", mali)


def test_french_indexes_follow_french_collation(real_site: Path):
    html = (real_site / "fr" / "organisations" / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'<td><a href="[^"]+/">([^<]+)</a>', html)
    assert names == sorted(names, key=sort_text)
    assert sort_text("États") < sort_text("Euro") < sort_text("Fonds")


def test_check_enforces_french_coverage(project: Path):
    glossary = project / "data" / "glossary" / "g.yaml"
    glossary.write_text(glossary.read_text().replace("    fr: Le sigle de l'Alliance des États du Sahel.\n", ""))
    run_build_pages(project)
    result = run_build_pages(project, "--check")
    assert result.returncode == 1
    assert "glossary" in result.stdout and "BELOW THRESHOLD" in result.stdout


def test_missing_french_falls_back_to_english_with_a_notice(project: Path):
    glossary = project / "data" / "glossary" / "g.yaml"
    glossary.write_text(glossary.read_text().replace("    fr: Le sigle de l'Alliance des États du Sahel.\n", ""))
    assert run_build_pages(project).returncode == 0
    page = (project / "docs" / "glossary.fr.md").read_text()
    assert "n'est pas encore traduite" in page
    assert "The acronym of the Alliance of Sahel States" in page


def first_french_result(page: Page, site_url: str, query: str) -> str:
    page.goto(site_url + f"fr/?q={query}")
    first = page.locator(".md-search-result__item > a").first
    expect(first).to_be_visible(timeout=15_000)
    return first.get_attribute("href") or ""


@pytest.mark.browser
def test_searching_confederation_on_the_french_edition_finds_a_french_page_first(page: Page, site_url: str):
    assert "/fr/" in first_french_result(page, site_url, "Confédération")


@pytest.mark.browser
def test_french_search_is_accent_blind(page: Page, site_url: str):
    assert "/fr/" in first_french_result(page, site_url, "Confederation")
    expect(page.locator(".md-search-result")).to_contain_text("Confédération")


@pytest.mark.browser
def test_the_language_switcher_keeps_the_reader_on_the_same_page(page: Page, site_url: str):
    page.goto(site_url + "people/assimi-goita/")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator('a[hreflang="fr"]').first.click()
    expect(page).to_have_url(re.compile(r"/fr/people/assimi-goita/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
