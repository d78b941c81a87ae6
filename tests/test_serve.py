"""``mkdocs serve`` as contributors use it: a YAML edit shows in the served page, and the
server then settles instead of rebuilding forever."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.edit_latency import fetch, free_port
from conftest import make_project, run_build_pages


def wait_for(condition, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


@contextlib.contextmanager
def _serve(tmp_path: Path, *options: str, locale: str | None = None):
    project = make_project(tmp_path / "project")
    if locale:  # as `make preview` does: every page first, then serve one edition
        assert run_build_pages(project).returncode == 0
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("DOSSIER_LOCALE", None)
    if locale:
        env["DOSSIER_LOCALE"] = locale
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", *options, "-a", f"127.0.0.1:{port}"],
                               cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "<html" in fetch(url)), open(tmp_path / "serve.log").read()
        yield project, url, tmp_path / "serve.log"
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture
def served(tmp_path: Path):
    with _serve(tmp_path) as serving:
        yield serving


@pytest.fixture
def previewed(tmp_path: Path):
    """``make preview``: one edition, dirty rebuilds."""
    with _serve(tmp_path, "--dirty", locale="en") as serving:
        yield serving


def builds(log: Path) -> int:
    return log.read_text().count("Building documentation")


def test_a_yaml_edit_appears_in_the_served_page_and_the_server_settles(served):
    project, url, log = served
    glossary = project / "data" / "glossary" / "g.yaml"
    glossary.write_text(glossary.read_text().replace("The acronym of", "The short form of"))
    assert wait_for(lambda: "The short form of" in fetch(url + "glossary/")), log.read_text()
    time.sleep(3)
    settled = builds(log)
    time.sleep(4)
    assert builds(log) == settled, "mkdocs serve kept rebuilding after the edit"


def test_bad_data_under_serve_reports_the_error_then_recovers_when_fixed(served):
    project, url, log = served
    glossary = project / "data" / "glossary" / "g.yaml"
    good = glossary.read_text()
    glossary.write_text(good.replace("sources: [s1]", "sources: [s404]"))
    assert wait_for(lambda: "'s404' is not a known id in sources" in log.read_text()), log.read_text()
    assert "Traceback" not in log.read_text()
    assert "The acronym of" in (project / "docs" / "glossary.md").read_text(), "bad data must not touch docs/"
    glossary.write_text(good.replace("The acronym of", "Fixed, the acronym of"))
    assert wait_for(lambda: "Fixed, the acronym of" in fetch(url + "glossary/")), log.read_text()


def test_preview_shows_a_yaml_edit_and_builds_one_edition_only(previewed):
    project, url, log = previewed
    glossary = project / "data" / "glossary" / "g.yaml"
    french_page = project / "docs" / "glossary.fr.md"
    french_before = french_page.stat().st_mtime_ns
    glossary.write_text(glossary.read_text().replace("The acronym of", "The short form of"))
    assert wait_for(lambda: "The short form of" in fetch(url + "glossary/")), log.read_text()
    assert "Building 'fr'" not in log.read_text()
    assert "<html" not in fetch(url + "fr/glossary/"), "the preview serves one edition"
    assert french_page.stat().st_mtime_ns == french_before, "the other edition's pages are left as they were"


def test_preview_in_french_serves_the_french_edition_at_the_root(tmp_path: Path):
    with _serve(tmp_path, "--dirty", locale="fr") as (project, url, log):
        assert 'lang="fr"' in fetch(url + "glossary/"), log.read_text()
