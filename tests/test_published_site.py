"""The site as published: under a sub-path (GitHub project pages serve it at /REPO/), every
address derives from SITE_URL, nothing links from the server root, and it still works in
Chromium: search, the language switcher, the timeline filters and the 404 page."""

from __future__ import annotations

import re
import shutil
import socket
import pytest
from playwright.sync_api import Page, expect

from quality import gates
from quality.server import serve
from tests.conftest import ROOT, make_project, run_mkdocs_build

PREFIX = "/aes-dossier/"
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".atom", ".ics", ".txt", ".js", ".css", ".md"}
ROOT_LINK = re.compile(r'\s(?:href|src|action)="/(?!/)')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory):
    """The real data built for ``http://127.0.0.1:PORT/aes-dossier/`` and served there only."""
    port = free_port()
    project = make_project(tmp_path_factory.mktemp("published") / "project", ROOT / "data")
    site = project / "site"
    site_url = f"http://127.0.0.1:{port}{PREFIX}"
    result = run_mkdocs_build(project, site, SITE_URL=site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(site, port=port, prefix=PREFIX) as url:
        assert url == site_url
        yield site, url
    shutil.rmtree(project / ".cache", ignore_errors=True)


def test_no_output_file_names_the_default_local_address(published):
    site, _ = published
    offenders = [path.relative_to(site).as_posix() for path in site.rglob("*")
                 if path.suffix in TEXT_SUFFIXES and "127.0.0.1:8000" in path.read_text(encoding="utf-8", errors="replace")]
    assert offenders == []


def test_the_home_pages_canonical_address_is_the_published_address(published):
    site, url = published
    assert f'<link rel="canonical" href="{url}">' in (site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{url}fr/">' in (site / "fr" / "index.html").read_text(encoding="utf-8")


def test_feeds_sitemap_and_robots_name_the_published_address(published):
    site, url = published
    assert f"<id>{url}feeds/events.atom</id>" in (site / "feeds" / "events.atom").read_text(encoding="utf-8")
    assert f"<loc>{url}</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"Sitemap: {url}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_no_page_links_from_the_server_root(published):
    site, _ = published
    offenders = {path.relative_to(site).as_posix(): ROOT_LINK.findall(path.read_text(encoding="utf-8"))[:3]
                 for path in site.rglob("*.html") if ROOT_LINK.search(path.read_text(encoding="utf-8"))}
    assert offenders == {}


def test_every_internal_link_and_asset_resolves_under_the_sub_path(published):
    _, url = published
    result = gates.links(url, internal=re.escape(url.split("://", 1)[1]))
    assert result.passed, result.problems[:20]


@pytest.mark.browser
def test_search_works_under_the_sub_path(page: Page, published):
    _, url = published
    page.goto(url + "?q=Goita")
    first = page.locator(".md-search-result__item a").first
    expect(first).to_have_attribute("href", re.compile(r"people/assimi-goita/"))


@pytest.mark.browser
def test_french_search_works_under_the_sub_path(page: Page, published):
    _, url = published
    page.goto(url + "fr/?q=Confederation")
    expect(page.locator(".md-search-result__item a").first).to_have_attribute("href", re.compile(r"confederation"))


@pytest.mark.browser
def test_the_language_switcher_leads_to_the_same_page_in_french_and_back(page: Page, published):
    _, url = published
    page.goto(url + "people/assimi-goita/")
    page.locator(".md-header .md-select a[hreflang=fr]").dispatch_event("click")
    page.wait_for_url(url + "fr/people/assimi-goita/")
    page.locator(".md-header .md-select a[hreflang=en]").dispatch_event("click")
    page.wait_for_url(url + "people/assimi-goita/")
    page.goto(url)
    page.locator(".md-header .md-select a[hreflang=fr]").dispatch_event("click")
    page.wait_for_url(url + "fr/")


@pytest.mark.browser
def test_the_timeline_filters_work_under_the_sub_path(page: Page, published):
    _, url = published
    page.goto(url + "timeline/")
    page.select_option("select[name=country]", "niger")
    assert "country=niger" in page.url
    visible = page.locator(".dossier-event:visible")
    assert visible.count() > 0
    for index in range(visible.count()):
        assert "niger" in (visible.nth(index).get_attribute("data-countries") or "")


@pytest.mark.browser
def test_a_missing_page_shows_the_sites_404_page_with_working_links_and_styles(page: Page, published):
    _, url = published
    response = page.goto(url + "people/nobody-by-this-name/")
    assert response is not None and response.status == 404
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    page.locator(".md-header .md-select a[hreflang=fr]").dispatch_event("click")
    page.wait_for_url(url + "fr/")
