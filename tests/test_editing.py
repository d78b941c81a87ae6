"""The editor's workflow: schema in the editor, canonical formatting, templates that load, a
semantic diff for reviewers, pre-commit and workflow checks, and honest 'last updated' dates."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from aes_dossier.formatting import format_text
from aes_dossier.history import data_file_dates
from aes_dossier.link_check import check_all
from aes_dossier.model import COLLECTIONS
from aes_dossier.schema import collection_schema
from conftest import FIXTURE_DATA, ROOT, make_project, run_build_pages, run_mkdocs_build

DATA_FILES = sorted((ROOT / "data").glob("*/*.yaml"))
BIN = Path(sys.executable).parent


# --- schema in the editor ----------------------------------------------------------------------

@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_the_committed_schema_is_the_one_the_contract_exports(collection):
    committed = json.loads((ROOT / "schema" / f"{collection}.json").read_text(encoding="utf-8"))
    assert committed == collection_schema(collection), "run: python build_pages.py --schema schema"


def test_every_field_in_the_schema_has_a_description():
    missing = [f"{name}.{field}" for collection in COLLECTIONS
               for name, definition in collection_schema(collection).get("$defs", {}).items()
               for field, spec in definition.get("properties", {}).items() if "description" not in spec]
    assert missing == []


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_data_file_names_its_schema_on_the_first_line(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schema/{path.parent.name}.json"
    assert (ROOT / "schema" / f"{path.parent.name}.json").exists()


# --- canonical formatting ----------------------------------------------------------------------

@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_data_is_in_canonical_form_and_formatting_is_idempotent(path: Path):
    text = path.read_text(encoding="utf-8")
    assert format_text(text, path.parent.name) == text, "run: python build_pages.py --format"


MESSY = """\
# A comment before the record that must survive.
- summary: {en: The summit meets., fr: Le sommet se réunit.}   # an inline comment
  kind: summit
  sources: [s2]
  date: "2024-07-06"
  title: {fr: Sommet, en: Summit}
  # a comment between fields
  id: 2024-07-06-summit
"""


def test_formatting_loses_nothing_and_keeps_comments():
    formatted = format_text(MESSY, "events")
    assert yaml.safe_load(formatted) == yaml.safe_load(MESSY)
    for comment in ("# A comment before the record that must survive.", "# an inline comment", "# a comment between fields"):
        assert comment in formatted
    assert format_text(formatted, "events") == formatted


def test_formatting_puts_fields_in_contract_order_with_quoted_dates_and_block_style():
    messy = "\n".join(line for line in MESSY.splitlines() if "between fields" not in line) + "\n"
    formatted = format_text(messy, "events").splitlines()
    assert formatted[:5] == ["# yaml-language-server: $schema=../../schema/events.json", "",
                             "# A comment before the record that must survive.", "- id: 2024-07-06-summit",
                             "  date: '2024-07-06'"]
    assert formatted[-2:] == ["  sources:", "    - s2"]


def test_format_check_fails_on_a_hand_edit_out_of_layout(project: Path):
    (project / "data" / "glossary" / "g.yaml").write_text((FIXTURE_DATA / "glossary" / "g.yaml").read_text())
    assert run_build_pages(project, "--format-check").returncode == 1
    assert run_build_pages(project, "--format").returncode == 0
    assert run_build_pages(project, "--format-check").returncode == 0


# --- CONTRIBUTING templates --------------------------------------------------------------------

def templates() -> dict[str, str]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- template: (\w+) -->\n```yaml\n(.*?)```", text, re.S))


def test_contributing_has_a_template_for_each_common_change():
    assert set(templates()) >= {"events", "people", "sources", "discrepancies"}


@pytest.mark.parametrize("collection", ["events", "people", "sources", "discrepancies"])
def test_each_contributing_template_loads_against_the_contract(collection):
    value = yaml.safe_load(templates()[collection])
    for record in value if isinstance(value, list) else [value]:
        COLLECTIONS[collection].model_validate(record)


def test_an_event_copied_from_contributing_builds_into_the_site(tmp_path: Path):
    project = make_project(tmp_path / "project", ROOT / "data")
    event = templates()["events"].replace("2024-07-06-niamey-summit", "2024-07-06-contributed-event")
    with open(project / "data" / "events" / "2024.yaml", "a", encoding="utf-8") as stream:
        stream.write(event)
    result = run_mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert 'id="2024-07-06-contributed-event"' in (project / "site" / "timeline" / "2024" / "index.html").read_text()


# --- semantic diff -----------------------------------------------------------------------------

def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def test_the_semantic_diff_lists_changes_in_dossier_terms(project: Path):
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    glossary = project / "data" / "glossary" / "g.yaml"
    glossary.write_text(glossary.read_text().replace("The acronym of", "The initials of"))
    sources = project / "data" / "sources" / "sources.yaml"
    sources.write_text(sources.read_text() + "- id: s9\n  title: New report\n  publisher: P\n  language: en\n"
                       "  kind: news\n  tier: press\n  url: https://example.org/new\n")
    glossary.write_text(glossary.read_text() + "- id: junta\n  term: {en: Junta}\n  definition: {en: A military government.}\n"
                        "  sources: [s9]\n")
    (project / "data" / "discrepancies" / "d.yaml").unlink()
    text = (project / "data" / "sources" / "sources.yaml").read_text()
    (project / "data" / "sources" / "sources.yaml").write_text(text.replace(
        "- id: seed-000\n  title: A seed article\n  publisher: Unknown\n  language: en\n  kind: news-analysis\n"
        "  tier: analysis\n  reliability:\n    en: Machine translated; contains errors.\n    fr: Traduction automatique ; contient des erreurs.\n", ""))
    result = run_build_pages(project, "--diff", "HEAD")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "### Added" in out and "- **glossary** `junta` Junta" in out
    assert "### Removed" in out and "- **discrepancies** `charter-date` Date of the Charter" in out
    assert "- `definition.en`: The acronym of the Alliance of Sahel States. → The initials of the Alliance of Sahel States." in out
    assert "### Sources added" in out and "- `s9` New report (P) https://example.org/new" in out


def test_the_semantic_diff_says_when_nothing_changed(project: Path):
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    assert "No change to the dossier's data." in run_build_pages(project, "--diff", "HEAD").stdout


def test_the_semantic_diff_reports_an_unknown_revision_without_a_traceback(project: Path):
    result = run_build_pages(project, "--diff", "no-such-revision")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot read data/ at 'no-such-revision'" in result.stderr


# --- repository checks -------------------------------------------------------------------------

def test_the_github_workflows_pass_actionlint():
    result = subprocess.run([str(BIN / "actionlint")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_yamllint_passes_on_the_data_and_the_repository_yaml():
    result = subprocess.run([str(BIN / "yamllint"), "--strict", "-c", ".yamllint.yaml", "data", ".github", "mkdocs.yml",
                             ".pre-commit-config.yaml"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_pre_commit_passes_on_a_clean_clone(tmp_path: Path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    for path in subprocess.run(["git", "ls-files", "-m", "-o", "--exclude-standard"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.split():
        target = clone / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / path).is_file():
            shutil.copy2(ROOT / path, target)
    git(clone, "add", "-A")
    result = subprocess.run([str(BIN / "pre-commit"), "run", "--all-files"], cwd=clone, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


# --- pages and dates ---------------------------------------------------------------------------

def test_every_page_links_to_its_data_and_to_a_prefilled_error_report(project: Path):
    run_build_pages(project)
    page = (project / "docs" / "people" / "assimi-goita.md").read_text()
    assert "/edit/main/data/people/assimi-goita.yaml)" in page
    assert "issues/new?template=incorrect-fact.yml" in page and "record=people%2Fassimi-goita" in page


def test_last_updated_falls_back_to_file_times_outside_git_and_honours_source_date_epoch(project: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    dates = data_file_dates(project)
    assert dates["data/states/mali.yaml"] == "2026-01-01"


def test_last_updated_comes_from_the_git_history(project: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    git(project, "init", "-q")
    git(project, "add", "-A")
    subprocess.run(["git", "commit", "-q", "-m", "base"], cwd=project, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_COMMITTER_DATE": "2025-03-04T12:00:00Z"})
    assert data_file_dates(project)["data/states/mali.yaml"] == "2025-03-04"


# --- weekly link check -------------------------------------------------------------------------

def test_the_link_check_reports_dead_addresses(tmp_path: Path):
    (tmp_path / "alive.html").write_text("ok")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        failures = check_all({"s1": base + "alive.html", "s2": base + "gone.html"})
    finally:
        server.shutdown()
    assert failures == {"s2": "404"}
