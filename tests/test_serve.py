"""``mkdocs serve`` as contributors use it: a YAML edit shows in the served page of both
editions and in both search indexes, without a full rebuild; a new record reaches the
navigation; and the server then settles instead of rebuilding forever."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.edit_latency import fetch, free_port
from conftest import make_project, run_mkdocs_build


def wait_for(condition, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


@contextlib.contextmanager
def _serve(tmp_path: Path, *options: str, livereload: bool = True):
    project = make_project(tmp_path / "project")
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *(["--livereload"] if livereload else []), *options,
                                "-a", f"127.0.0.1:{port}"],
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


def builds(log: Path) -> int:
    return log.read_text().count("Building documentation")


def full_builds(log: Path) -> int:
    return log.read_text().count("Cleaning site directory")


def search_docs(url: str) -> list[dict]:
    text = fetch(url)
    return json.loads(text)["docs"] if text else []


def edit_summary(project: Path, english: str, french: str) -> None:
    person = project / "data" / "people" / "assimi-goita.yaml"
    person.write_text(person.read_text().replace("Leader of Mali's transition.", english)
                      .replace("Dirigeant de la transition malienne.", french))


def test_a_yaml_edit_shows_in_both_editions_without_a_full_rebuild(served):
    project, url, log = served
    full = full_builds(log)
    edit_summary(project, "Head of Mali's transition.", "Chef de la transition malienne.")
    assert wait_for(lambda: "Head of Mali's transition." in fetch(url + "people/assimi-goita/")), log.read_text()
    assert wait_for(lambda: "Chef de la transition malienne." in fetch(url + "fr/people/assimi-goita/")), log.read_text()
    assert "Head of Mali's transition." in fetch(url + "api/v1/people/assimi-goita.json")
    assert "Site updated in" in log.read_text()
    assert full_builds(log) == full, "an edit that changes no page's title or address needs no full build"


def test_after_an_edit_both_served_search_indexes_equal_a_fresh_build_s(served, tmp_path: Path):
    project, url, log = served
    edit_summary(project, "Head of Mali's transition.", "Chef de la transition malienne.")
    assert wait_for(lambda: any("Chef de la transition" in doc["text"] for doc in search_docs(url + "fr/search/search_index.json")))
    assert wait_for(lambda: any("Head of Mali" in doc["text"] for doc in search_docs(url + "search/search_index.json")))
    time.sleep(2)  # the rebuild that the generator's own writes start
    assert run_mkdocs_build(project, tmp_path / "fresh").returncode == 0
    for edition in ("", "fr/"):
        fresh = json.loads((tmp_path / "fresh" / edition / "search" / "search_index.json").read_text())["docs"]
        assert search_docs(url + edition + "search/search_index.json") == fresh, edition or "en"


def test_a_new_record_under_plain_mkdocs_serve_reaches_the_navigation_of_both_editions(tmp_path: Path):
    with _serve(tmp_path, livereload=False) as (project, url, log):
        person = project / "data" / "people" / "assimi-goita.yaml"
        newcomer = (person.read_text().replace("id: assimi-goita", "id: abdoulaye-maiga")
                    .replace("Assimi Goïta", "Abdoulaye Maïga").replace("Goïta, Assimi", "Maïga, Abdoulaye")
                    .replace("aliases: [Assimi Goita]", "aliases: [Abdoulaye Maiga]"))
        (project / "data" / "people" / "abdoulaye-maiga.yaml").write_text(newcomer)
        for edition in ("", "fr/"):
            page = url + edition + "people/assimi-goita/"
            assert wait_for(lambda: 'href="../abdoulaye-maiga/"' in fetch(page), timeout=120), log.read_text()
            assert "Abdoulaye Maïga" in fetch(url + edition + "people/abdoulaye-maiga/")


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
