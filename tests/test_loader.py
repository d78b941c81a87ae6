"""Loader errors name the exact file, line and column, the record and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from aes_dossier.dossier import load_dossier
from aes_dossier.errors import DataErrors
from conftest import FIXTURE_DATA

import shutil


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


def errors_for(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        load_dossier(data)
    return [str(error) for error in raised.value.errors]


def write(data: Path, name: str, text: str | bytes) -> None:
    path = data / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


GLOSSARY = """\
- id: junta
  term: {en: Junta, fr: Junte}
  definition:
    en: A military government.
  sources: [s1]
"""


def test_the_fixture_data_loads():
    dossier = load_dossier(FIXTURE_DATA)
    assert set(dossier["states"]) == {"mali"}
    assert dossier.cited_by["s1"]


def test_an_unknown_field_is_located_with_a_did_you_mean_hint(data):
    write(data, "glossary/g2.yaml", GLOSSARY.replace("  sources:", "  sorces: [s1]\n  sources:"))
    assert errors_for(data) == [
        "data/glossary/g2.yaml:5:3: junta.sorces: unknown field 'sorces' (hint: did you mean 'sources'?)"]


def test_a_duplicate_key_is_an_error_not_a_silent_overwrite(data):
    write(data, "glossary/g2.yaml", GLOSSARY.replace("  sources: [s1]", "  sources: [s1]\n  sources: [s2]"))
    [error] = errors_for(data)
    assert error.startswith("data/glossary/g2.yaml:6:3: junta.sources: duplicate key 'sources' (first at line 5)")


def test_an_unquoted_date_is_refused_with_the_quoted_form_as_hint(data):
    text = (data / "events/2023.yaml").read_text().replace("date: '2023-09-16'", "date: 2023-09-16")
    write(data, "events/2023.yaml", text)
    assert errors_for(data) == [
        "data/events/2023.yaml:2:9: 2023-09-16-charter-signed.date: date 2023-09-16 is not quoted (hint: write it in quotes: '2023-09-16')"]


def test_an_impossible_date_names_the_record_and_field(data):
    text = (data / "events/2023.yaml").read_text().replace("'2023-09-16'", "'2023-02-30'")
    write(data, "events/2023.yaml", text)
    assert errors_for(data) == [
        "data/events/2023.yaml:2:9: 2023-09-16-charter-signed.date: 2023-02-30 does not exist: February 2023 has 28 days"]


def test_a_syntax_error_gives_line_and_column(data):
    write(data, "glossary/g2.yaml", "- id: x\n  term: {en: X\n")
    [error] = errors_for(data)
    assert error.startswith("data/glossary/g2.yaml:3:1: (file): YAML syntax error")


def test_a_tab_is_located(data):
    write(data, "glossary/g2.yaml", "- id: x\n\tterm: X\n")
    assert errors_for(data) == ["data/glossary/g2.yaml:2:1: (file): tab character found (hint: indent with spaces, never tabs)"]


def test_a_missing_reference_is_located_at_the_id(data):
    text = (data / "events/2023.yaml").read_text().replace("people: [assimi-goita]", "people: [assimi-goitaa]")
    write(data, "events/2023.yaml", text)
    assert errors_for(data) == [
        "data/events/2023.yaml:9:12: 2023-09-16-charter-signed.people[0]: 'assimi-goitaa' is not a known id in people"
        " (hint: did you mean 'assimi-goita'?)"]


def test_a_source_id_that_resolves_to_nothing_is_an_error(data):
    write(data, "glossary/g2.yaml", GLOSSARY.replace("[s1]", "[s99]"))
    assert errors_for(data) == [
        "data/glossary/g2.yaml:5:13: junta.sources[0]: 's99' is not a known id in sources (hint: did you mean 's9'?)"
        .replace(" (hint: did you mean 's9'?)", " (hint: add a record with this id to data/sources/, or correct the id)")]


def test_duplicate_ids_across_files_point_to_the_first(data):
    write(data, "glossary/g2.yaml", GLOSSARY.replace("id: junta", "id: aes"))
    assert errors_for(data) == [
        "data/glossary/g2.yaml:1:7: aes.id: duplicate glossary id 'aes' (first in data/glossary/g.yaml:1)"
        " (hint: ids must be unique within their kind: rename one of them)"]


def test_all_errors_are_reported_together_and_sorted(data):
    write(data, "glossary/g2.yaml", GLOSSARY.replace("[s1]", "[]"))
    write(data, "glossary/a.yaml", "")
    errors = errors_for(data)
    assert len(errors) == 2
    assert errors == sorted(errors)
    assert errors[0].startswith("data/glossary/a.yaml:1:1: (file): file holds no record")
