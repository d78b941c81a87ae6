"""In Chromium, against the built site served on 127.0.0.1: search finds pages, and the site
asks no other host for anything."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def search(page: Page, site_url: str, query: str) -> None:
    page.goto(site_url)
    page.locator(".md-search__form").first.click()
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially(query, delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)


def test_the_home_page_says_what_the_alliance_is(page: Page, site_url: str):
    page.goto(site_url)
    expect(page.locator("h1")).to_have_text(re.compile(r"^Alliance of Sahel States: a sourced dossier"))
    expect(page.locator("article")).to_contain_text("Liptako-Gourma Charter")


def test_typing_a_name_into_search_finds_the_persons_page(page: Page, site_url: str):
    search(page, site_url, "Traoré")
    links = page.locator(".md-search-result__item > a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(min(links.count(), 8))]
    assert any("people/ibrahim-traore/" in href for href in hrefs), hrefs


def test_searching_for_the_charter_article_finds_it(page: Page, site_url: str):
    search(page, site_url, "Collective defence")
    expect(page.locator(".md-search-result__item > a").first).to_have_attribute(
        "href", re.compile(r"charter-article-6/"))


def test_the_site_requests_nothing_from_another_host(page: Page, site_url: str):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    search(page, site_url, "Niamey")
    page.goto(site_url + "instruments/liptako-gourma-charter/charter-article-6/")
    page.wait_for_load_state("networkidle")
    hosts = {urlparse(url).hostname for url in requested if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, sorted(requested)


def result_links(page: Page, site_url: str, query: str) -> list[str]:
    page.goto(f"{site_url}?q={query}")
    items = page.locator(".md-search-result__item > a")
    expect(items.first).to_be_visible(timeout=15_000)
    return [items.nth(i).get_attribute("href") or "" for i in range(items.count())]


def search_targets() -> list[tuple[str, str]]:
    """Each member, partner, Charter/treaty article and person, with the page its name must find."""
    from aes_dossier.dossier import load_dossier
    from aes_dossier.pages import article_heading
    from conftest import ROOT

    dossier = load_dossier(ROOT / "data", ROOT)
    targets = [(state.name.en, f"states/{state.id}/") for state in dossier["states"].values()]
    targets += [(person.name, f"people/{person.id}/") for person in dossier["people"].values()]
    targets += [(partner.name.en, f"partners/{partner.id}/") for partner in dossier["partners"].values()]
    for instrument, article in dossier.articles.values():
        targets.append((article_heading(article, "en"), f"{instrument.id}/{article.id}/"))
    return targets


def test_search_finds_every_member_article_and_person_by_name(page: Page, site_url: str):
    missing = []
    for query, expected in search_targets():
        links = result_links(page, site_url, query)
        if not any(expected in link for link in links[:10]):
            missing.append(f"{query!r} -> {expected} not in the first 10 of {links[:10]}")
    assert missing == []
