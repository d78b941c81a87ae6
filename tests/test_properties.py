"""Property tests: whatever text or YAML an editor writes, the build either produces a site in
which that text is only text, or stops with located errors. It never crashes."""

from __future__ import annotations

import re
import shutil
import string
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aes_dossier.dossier import load_dossier
from aes_dossier.errors import DataErrors
from aes_dossier.pages import render_site
from aes_dossier.settings import load_settings
from conftest import FIXTURE_DATA, ROOT

LOCATED = re.compile(r"^data/[^:]+:\d+:\d+: \S.*: .+")
SETTINGS = load_settings(ROOT)
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]
ALLOWED_TAGS = {"p", "h1", "h2", "h3", "a", "sup", "em", "strong", "hr", "ul", "li", "table", "thead", "tbody", "tr",
                "th", "td", "div", "code", "blockquote", "ol", "details", "summary", "pre"}
PROFILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])

hostile_text = st.text(alphabet=st.sampled_from(list(string.printable) + list("<>\"'&|#*_[](){}!`~^=:\\é€\u202e\u200b")),
                       min_size=0, max_size=80)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.bad: list[str] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "h2":
            self._heading = []
        for name, value in attrs:
            if name.startswith("on") or (name in ("href", "src") and (value or "").strip().lower().startswith(("javascript:", "data:"))):
                self.bad.append(f"{tag} {name}={value}")


    def handle_endtag(self, tag):
        if tag == "h2" and self._heading is not None:
            self.headings.append("".join(self._heading).replace("¶", "").strip())
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)


def build(tmp: Path, extra_glossary: object) -> tuple[dict[str, str] | None, list[str]]:
    data = tmp / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(FIXTURE_DATA, data)
    (data / "glossary" / "extra.yaml").write_text(extra_glossary if isinstance(extra_glossary, str)
                                                  else yaml.safe_dump(extra_glossary, allow_unicode=True))
    try:
        dossier = load_dossier(data, tmp)
    except DataErrors as errors:
        return None, [str(error) for error in errors.errors]
    pages, _ = render_site(dossier, SETTINGS, {}, "en")
    return pages, []


def assert_only_text(markdown_page: str) -> _Tags:
    body = markdown_page.split("---\n", 2)[2]
    parser = _Tags()
    parser.feed(markdown.markdown(body, extensions=EXTENSIONS))
    assert parser.bad == []
    assert parser.tags <= ALLOWED_TAGS, parser.tags - ALLOWED_TAGS
    return parser


@PROFILE
@given(definition=hostile_text, term=hostile_text)
def test_any_text_in_a_record_is_rendered_as_text_or_refused_with_a_location(tmp_path, definition, term):
    record = [{"id": "junta", "term": {"en": term}, "definition": {"en": definition}, "sources": ["s1"]}]
    pages, errors = build(tmp_path, record)
    if pages is None:
        assert errors and all(LOCATED.match(error) for error in errors), errors
        return
    parsed = assert_only_text(pages["glossary.md"])
    assert " ".join(term.split()) in parsed.headings, "a name must reach the reader exactly as written"


@PROFILE
@given(text=st.text(max_size=300))
def test_any_file_content_loads_or_gives_located_errors(tmp_path, text):
    pages, errors = build(tmp_path, text)
    if pages is None:
        assert all(LOCATED.match(error) for error in errors), errors


date_text = st.one_of(st.dates().map(lambda d: d.isoformat()), st.dates().map(lambda d: d.isoformat()[:7]),
                      st.integers(1700, 2100).map(str), st.text(max_size=12))


@PROFILE
@given(date=date_text, end=st.one_of(st.none(), date_text), kind=st.sampled_from(["summit", "coup", "bogus"]),
       title=hostile_text)
def test_random_events_build_or_fail_with_located_errors(tmp_path, date, end, kind, title):
    record = {"id": "e", "date": date, "title": {"en": title}, "summary": {"en": "S."}, "kind": kind, "sources": ["s1"]}
    if end is not None:
        record["end_date"] = end
    data_yaml = yaml.safe_dump([record], allow_unicode=True)
    data = tmp_path / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(FIXTURE_DATA, data)
    (data / "events" / "2099.yaml").write_text(data_yaml)
    try:
        dossier = load_dossier(data, tmp_path)
    except DataErrors as errors:
        assert all(LOCATED.match(str(error)) for error in errors.errors)
        return
    pages, _ = render_site(dossier, SETTINGS, {}, "en")
    year_page = next(name for name, text in pages.items() if name.startswith("timeline/") and "{ #e }" in text)
    assert_only_text(pages[year_page])
