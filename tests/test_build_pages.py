"""build_pages.py: generates, checks, exports the schema, and never half-writes docs/."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_build_pages, snapshot


def test_generating_twice_changes_nothing_the_second_time(project: Path):
    assert run_build_pages(project).returncode == 0
    first = snapshot(project / "docs")
    second = run_build_pages(project)
    assert second.returncode == 0
    assert "0 written, 0 removed" in second.stdout
    assert snapshot(project / "docs") == first


def test_output_is_byte_identical_for_the_same_data(project: Path, tmp_path: Path):
    from conftest import make_project
    other = make_project(tmp_path / "other")
    run_build_pages(project)
    run_build_pages(other)
    assert snapshot(project / "docs") == snapshot(other / "docs")


def test_check_passes_when_pages_are_current(project: Path):
    run_build_pages(project)
    result = run_build_pages(project, "--check")
    assert result.returncode == 0, result.stderr


def test_check_fails_when_pages_are_stale(project: Path):
    run_build_pages(project)
    glossary = project / "data" / "glossary" / "g.yaml"
    glossary.write_text(glossary.read_text().replace("The acronym", "The short name"))
    result = run_build_pages(project, "--check")
    assert result.returncode == 1
    assert "docs/glossary.md" in result.stderr


def test_check_writes_nothing(project: Path):
    before = snapshot(project / "docs")
    result = run_build_pages(project, "--check")
    assert result.returncode == 1
    assert snapshot(project / "docs") == before


def test_broken_yaml_exits_1_with_a_located_message_and_leaves_docs_untouched(project: Path):
    run_build_pages(project)
    before = snapshot(project / "docs")
    (project / "data" / "states" / "mali.yaml").write_text("id: mali\nname: {en: Mali\n")
    result = run_build_pages(project)
    assert result.returncode == 1
    assert result.stderr.startswith("data/states/mali.yaml:3:1: (file): YAML syntax error")
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(project / "docs") == before


def test_a_removed_record_loses_its_page_but_hand_written_pages_stay(project: Path):
    sources = project / "data" / "sources" / "sources.yaml"
    glossary = project / "data" / "glossary" / "g.yaml"
    original_sources, original_glossary = sources.read_text(), glossary.read_text()
    sources.write_text(original_sources + "- id: s9\n  title: Extra\n  publisher: P\n  language: en\n  kind: news\n"
                       "  tier: wire\n  url: https://example.org/\n")
    glossary.write_text(original_glossary.replace("sources: [s1]", "sources: [s1, s9]"))
    assert run_build_pages(project).returncode == 0
    assert (project / "docs" / "sources" / "s9.md").exists()
    sources.write_text(original_sources)
    glossary.write_text(original_glossary)
    result = run_build_pages(project)
    assert result.returncode == 0, result.stderr
    assert "3 removed" in result.stdout  # the English page, its French twin and its API record
    assert not (project / "docs" / "sources" / "s9.md").exists()
    assert (project / "docs" / "assets" / "dossier.css").exists()


def test_schema_export_writes_one_schema_per_data_folder(project: Path, tmp_path: Path):
    result = run_build_pages(project, "--schema", str(tmp_path / "schema"))
    assert result.returncode == 0
    events = json.loads((tmp_path / "schema" / "events.json").read_text())
    assert events["anyOf"][0]["$ref"].endswith("Event")
    event = events["$defs"]["Event"]
    assert event["additionalProperties"] is False
    assert event["properties"]["people"]["x-references"] == ["people"]
