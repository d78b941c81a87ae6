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
