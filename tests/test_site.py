"""The real dossier builds with ``mkdocs build --strict`` and the built site is self-contained."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import make_project, run_build_pages, run_mkdocs_build

LOADING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("audio", "src"), ("video", "src")}


class _Loads(HTMLParser):
    """Collects every address a page makes the browser fetch (not plain links)."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.title_parts: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if (tag, name) in LOADING and value:
                self.loads.append(value)
        if tag == "link" and values.get("href") and values.get("rel") not in ("canonical", "alternate", "next", "prev"):
            self.loads.append(values["href"] or "")
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)


def foreign(address: str) -> bool:
    host = urlparse(address).hostname
    return host is not None and host != "127.0.0.1"


def test_no_page_loads_anything_from_another_host(real_site: Path):
    offenders = []
    for page in real_site.rglob("*.html"):
        parser = _Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(real_site)}: {a}" for a in parser.loads if foreign(a)]
    assert offenders == []


def test_no_style_sheet_fetches_a_font_or_image_from_another_host(real_site: Path):
    offenders = []
    for sheet in real_site.rglob("*.css"):
        for address in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            if foreign(address):
                offenders.append(f"{sheet.name}: {address}")
        offenders += [f"{sheet.name}: @import" for _ in re.findall(r"@import\s+url\(['\"]?https?://", sheet.read_text())]
    assert offenders == []


def test_every_record_page_ends_with_sources_last_updated_and_an_edit_link(real_site: Path):
    for folder in ("states", "people", "organisations", "instruments/liptako-gourma-charter"):
        for page in (real_site / folder).glob("*/index.html"):
            html = page.read_text(encoding="utf-8")
            assert 'class="dossier-source"' in html, page
            assert "Last updated" in html and "/edit/main/data/" in html, page


def test_the_charter_has_all_seventeen_articles_and_says_which_are_unknown(real_site: Path):
    charter = real_site / "instruments" / "liptako-gourma-charter"
    for number in range(1, 18):
        assert (charter / f"charter-article-{number}" / "index.html").exists()
    unknown = (charter / "charter-article-12" / "index.html").read_text(encoding="utf-8")
    assert "Text not found" in unknown
    provision = (charter / "charter-unanimity" / "index.html").read_text(encoding="utf-8")
    assert "Article number not known" in provision


HOSTILE = "a | b # not a heading **bold** &lt;b&gt;entity&lt;/b&gt; javascript:alert(1) 5 > 3"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile") / "project")
    glossary = project / "data" / "glossary" / "g.yaml"
    glossary.write_text(glossary.read_text().replace("The acronym of the Alliance of Sahel States.", f"'{HOSTILE}'"))
    assert run_build_pages(project).returncode == 0
    result = run_mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_markdown_and_entities_in_data_reach_the_reader_as_text(hostile_site: Path):
    html = (hostile_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "a | b # not a heading <strong>bold</strong> &amp;lt;b&amp;gt;entity&amp;lt;/b&amp;gt; javascript:alert(1) 5 &gt; 3" in html
    assert "<table" not in html.split('class="md-content"')[1]
