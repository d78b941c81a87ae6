"""In Chromium: payloads in the data never run, and show as the text they are.

Two layers are tested. The contract refuses HTML and template syntax outright, so the first
site is built, through MkDocs, from payloads that pass validation (quotes, event-handler
strings, entity-encoded tags, javascript: text, link look-alikes). The second proves the
escaping alone holds: records that skip validation are rendered and shown in the browser.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from playwright.sync_api import Page, expect

from aes_dossier.dossier import load_dossier
from aes_dossier.model import GlossaryTerm, Name, Text
from aes_dossier.pages import render_site
from aes_dossier.settings import load_settings
from conftest import FIXTURE_DATA, make_project, run_mkdocs_build, serve

pytestmark = pytest.mark.browser

MARKER = "XSS-MARKER"
VALID_PAYLOADS = [
    f'" onmouseover="console.log(\'{MARKER}\')" x="',
    f"javascript:console.log('{MARKER}')",
    f"&lt;script&gt;console.log('{MARKER}')&lt;/script&gt;",
    f"&#60;img src=x onerror=console.log('{MARKER}')&#62;",
    f"[click](https://example.org/\" onclick=\"console.log('{MARKER}'))",
    f"%3Cscript%3Econsole.log('{MARKER}')%3C/script%3E",
]
RAW_PAYLOADS = [
    f"<script>console.log('{MARKER}')</script>",
    f"<img src=x onerror=\"console.log('{MARKER}')\">",
    f"</title><script>console.log('{MARKER}')</script>",
    f"{{{{ config }}}} <svg onload=\"console.log('{MARKER}')\"></svg>",
]


def yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def hostile_site_url(tmp_path_factory: pytest.TempPathFactory):
    project = make_project(tmp_path_factory.mktemp("xss") / "project")
    entries = "".join(
        f"- id: payload-{index}\n  term: {{en: {yaml_quote(payload.replace('<', '').replace('>', ''))}}}\n"
        f"  definition: {{en: {yaml_quote(payload)}}}\n  sources: [s1]\n"
        for index, payload in enumerate(VALID_PAYLOADS))
    (project / "data" / "glossary" / "payloads.yaml").write_text(entries)
    result = run_mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as url:
        yield url


def watch(page: Page) -> list[str]:
    fired: list[str] = []
    page.on("dialog", lambda dialog: (fired.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda message: fired.append(message.text) if MARKER in message.text else None)
    return fired


def test_valid_payloads_in_the_built_site_stay_text(page: Page, hostile_site_url: str):
    fired = watch(page)
    page.goto(hostile_site_url + "glossary/")
    for element in page.locator("h2, p").all():
        element.hover(timeout=2_000, trial=False) if element.is_visible() else None
    for payload in VALID_PAYLOADS:
        expect(page.locator("article")).to_contain_text(payload.replace("<", "").replace(">", "")[:20])
    page.goto(hostile_site_url + "?q=onmouseover")
    page.wait_for_timeout(1500)
    assert fired == []


def test_escaping_alone_keeps_raw_markup_from_running(page: Page, tmp_path: Path):
    dossier = load_dossier(FIXTURE_DATA)
    for index, payload in enumerate(RAW_PAYLOADS):  # skip validation on purpose
        record = GlossaryTerm.model_construct(id=f"raw-{index}", term=Name.model_construct(en=payload, fr=None),
                                              definition=Text.model_construct(en=payload, fr=None), aliases=[],
                                              sources=["s1"], note=None)
        dossier["glossary"][record.id] = record
    pages, _ = render_site(dossier, load_settings(tmp_path), {}, "en")
    body = pages["glossary.md"].split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["admonition", "attr_list", "md_in_html", "tables", "toc"])
    fired = watch(page)
    page.set_content(f"<!doctype html><html><body><article>{html}</article></body></html>")
    page.wait_for_timeout(500)
    assert fired == []
    for payload in RAW_PAYLOADS:
        expect(page.locator("article")).to_contain_text(" ".join(payload.split())[:30])
