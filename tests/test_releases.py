"""A dataset people can cite over time: numbered releases whose number is the same everywhere,
a changelog and a corrections log in both languages, a changes feed, and a full download that
is byte-for-byte reproducible with its SHA-256 beside it."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import feedparser
import pytest
import yaml

from aes_dossier.dossier import load_dossier
from aes_dossier.generate import generate
from aes_dossier.release import citation_fields, latest_release, next_version, prepare_release
from aes_dossier.settings import load_settings
from tests.conftest import ROOT, make_project, run_build_pages


@pytest.fixture(scope="module")
def dossier():
    return load_dossier(ROOT / "data", ROOT)


@pytest.fixture(scope="module")
def files() -> dict:
    return generate(load_settings(ROOT))


def test_citation_cff_carries_the_latest_release_number_and_date(dossier):
    release = latest_release(dossier)
    assert citation_fields((ROOT / "CITATION.cff").read_text(encoding="utf-8")) == {"version": release.version,
                                                                                    "date-released": release.date}


def test_the_api_index_and_every_json_file_name_the_release(files, dossier):
    version = latest_release(dossier).version
    assert json.loads(files["api/v1/index.json"])["release"] == version
    api = [name for name in files if name.startswith("api/v1/") and name.endswith(".json") and "/schema/" not in name]
    assert len(api) > 1000 and all(json.loads(files[name])["release"] == version for name in api)


def test_the_changelog_shows_the_release_in_both_editions_and_links_the_changes_feed(files, dossier):
    version = latest_release(dossier).version
    assert f"## Release {version.replace('.', chr(92) + '.')}" in files["changelog.md"]
    assert f"## Version {version.replace('.', chr(92) + '.')}" in files["changelog.fr.md"]
    assert "(feeds/changes.atom)" in files["changelog.md"]


def test_cite_this_page_and_the_data_page_name_the_release(files, dossier):
    version = latest_release(dossier).version
    assert f"  version = {{{version}}}" in files["people/assimi-goita.md"]
    assert f'"version": "{version}"' in files["people/assimi-goita.fr.md"]
    assert version.replace(".", "\\.") in files["data.md"]


def test_the_corrections_page_lists_each_correction_and_each_corrected_page_says_so(real_site: Path, dossier):
    corrections = dossier["corrections"]
    assert len(corrections) >= 3
    for edition in ("", "fr/"):
        page = (real_site / edition / "corrections" / "index.html").read_text(encoding="utf-8")
        for correction in corrections.values():
            assert f'id="{correction.id}"' in page
        assert len(re.findall(r"<strong>(?:Records corrected|Fiches corrigées)\s?:</strong> <a href=", page)) == len(corrections)
    for record_id in ("g5-sahel-joint-force",):
        assert "Corrected on" in (real_site / "organisations" / record_id / "index.html").read_text(encoding="utf-8")
    assert "Corrected on" in (real_site / "timeline" / "2016" / "index.html").read_text(encoding="utf-8")


def test_the_three_reviewed_corrections_are_recorded(dossier):
    corrected = {record for c in dossier["corrections"].values() for record in c.records}
    assert {"2016-10-30-islamic-state-recognises-isgs", "g5-sahel-joint-force", "2021-12-wagner-deployed-in-mali"} <= corrected
    event = dossier["events"]["2016-10-30-islamic-state-recognises-isgs"]
    assert "2015" in event.title.en and "2015" in event.title.fr and "emerges" not in event.title.en
    headquarters = dossier["organisations"]["g5-sahel-joint-force"].headquarters
    assert "Bamako" in headquarters.en and "2018" in headquarters.en and "Bamako" in headquarters.fr


def test_the_changes_feed_is_valid_atom_with_its_language_and_every_release_and_correction(files, dossier):
    feed = feedparser.parse(files["feeds/changes.atom"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.language == "en"
    assert len(feed.entries) == len(dossier["releases"]) + len(dossier["corrections"])
    assert all(entry.updated_parsed and entry.link for entry in feed.entries)


def archive_of(files: dict) -> tuple[str, bytes]:
    [name] = [name for name in files if name.startswith("downloads/") and name.endswith(".zip")]
    return name, files[name]


def test_the_archive_holds_json_csv_yaml_schemas_licences_and_citation(files):
    name, data = archive_of(files)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    top = names[0].split("/")[0] + "/"
    for needed in ("api/v1/index.json", "api/v1/events.json", "api/v1/events.csv", "api/v1/sources.csv",
                   "api/v1/schema/events.json", "data/coverage/coverage.yaml", "LICENSE", "LICENSE-DATA.md",
                   "CITATION.cff", "README.txt"):
        assert top + needed in names, needed
    assert all(entry.startswith(top) for entry in names)


def test_the_published_checksum_matches_the_archive(files):
    name, data = archive_of(files)
    digest, filename = files[name + ".sha256"].split()
    assert digest == hashlib.sha256(data).hexdigest() and filename == name.rsplit("/", 1)[1]


def test_two_builds_of_the_same_data_give_the_same_archive(tmp_path: Path):
    first = make_project(tmp_path / "one", ROOT / "data")
    second = make_project(tmp_path / "two", ROOT / "data")
    for project in (first, second):
        shutil.copy(ROOT / "CITATION.cff", project / "CITATION.cff")
        for licence in ("LICENSE", "LICENSE-DATA.md"):
            shutil.copy(ROOT / licence, project / licence)
    archives = [archive_of(generate(load_settings(project)))[1] for project in (first, second)]
    assert archives[0] == archives[1]
    assert archives[0] == archive_of(generate(load_settings(first)))[1]


def test_the_next_version_counts_within_the_month():
    assert next_version([], dt.date(2026, 12, 1)) == "2026.12.0"
    assert next_version(["2026.12.0", "2026.12.1"], dt.date(2026, 12, 20)) == "2026.12.2"
    assert next_version(["2026.12.3"], dt.date(2027, 1, 2)) == "2027.1.0"


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=T", *args], cwd=project, check=True,
                   capture_output=True)


def test_preparing_a_release_numbers_it_records_the_changes_and_updates_citation_cff(project: Path):
    shutil.copy(ROOT / "CITATION.cff", project / "CITATION.cff")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    settings = load_settings(project)
    first = prepare_release(settings, {"en": "First.", "fr": "Première."}, today=dt.date(2026, 11, 2))
    assert first["version"] == "2026.11.0" and "changes" not in first
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "release 2026.11.0")
    glossary = project / "data" / "glossary" / "g.yaml"
    glossary.write_text(glossary.read_text() + "- id: junta\n  term: {en: Junta, fr: Junte}\n"
                        "  definition: {en: A military government., fr: Un gouvernement militaire.}\n  sources: [s1]\n")
    second = prepare_release(settings, {"en": "Second.", "fr": "Deuxième."}, today=dt.date(2026, 11, 20))
    assert second["version"] == "2026.11.1" and second["changes"]["added"] == ["glossary:junta"]
    assert citation_fields((project / "CITATION.cff").read_text()) == {"version": "2026.11.1", "date-released": "2026-11-20"}
    releases = yaml.safe_load((project / "data" / "releases" / "releases.yaml").read_text())
    assert [r["version"] for r in releases] == ["2026.11.0", "2026.11.1"]
    assert run_build_pages(project).returncode == 0
    assert "Junta" in (project / "docs" / "changelog.md").read_text()


def test_the_release_command_needs_a_summary_in_both_languages(project: Path):
    result = run_build_pages(project, "--release", "--summary-en", "Only English.")
    assert result.returncode == 1 and "--summary-fr" in result.stderr
