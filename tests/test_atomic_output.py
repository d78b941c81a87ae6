"""A crash half way through writing docs/ never leaves a mix of old and new pages for long:
before the commit point nothing changed; after it, the next run finishes the write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aes_dossier import output
from aes_dossier.output import STAGING, recover, stale_files, write_files
from conftest import snapshot

OLD = {"a.md": "old a\n", "b/b.md": "old b\n", "gone.md": "old gone\n"}
NEW = {"a.md": "new a\n", "b/b.md": "new b\n", "c.md": "new c\n"}


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "hand-written.md").write_text("mine\n")
    write_files(docs, OLD)
    return docs


def pages(docs: Path) -> dict[str, bytes]:
    return {name: data for name, data in snapshot(docs).items() if not name.startswith(".")}


def expected(files: dict[str, str]) -> dict[str, bytes]:
    return {"hand-written.md": b"mine\n", **{name: text.encode() for name, text in files.items()}}


class Crash(Exception):
    pass


def test_a_crash_while_staging_leaves_docs_as_it_was(docs: Path, monkeypatch):
    real = output._atomic_write
    calls = []

    def failing(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise Crash
        real(path, data)

    monkeypatch.setattr(output, "_atomic_write", failing)
    with pytest.raises(Crash):
        write_files(docs, NEW)
    assert pages(docs) == expected(OLD)
    monkeypatch.undo()
    recover(docs)
    assert not (docs / STAGING).exists()
    assert pages(docs) == expected(OLD)


def test_a_crash_while_moving_files_into_place_is_finished_by_the_next_run(docs: Path, monkeypatch):
    real = os.replace
    moves = []

    def failing(source, target):
        if STAGING not in str(target):  # a move from the staging folder into docs/
            moves.append(target)
            if len(moves) == 2:
                raise Crash
        real(source, target)

    monkeypatch.setattr(output.os, "replace", failing)
    with pytest.raises(Crash):
        write_files(docs, NEW)
    monkeypatch.undo()
    assert len(moves) == 2, "the crash happened after the commit point"
    assert stale_files(docs, NEW) != []
    recover(docs)
    assert pages(docs) == expected(NEW)
    assert stale_files(docs, NEW) == []


def test_only_owned_files_are_ever_removed(docs: Path):
    write_files(docs, {})
    assert pages(docs) == {"hand-written.md": b"mine\n"}


def test_an_unchanged_file_keeps_its_timestamp(docs: Path):
    before = (docs / "a.md").stat().st_mtime_ns
    write_files(docs, OLD)
    assert (docs / "a.md").stat().st_mtime_ns == before


def test_a_partial_write_keeps_the_generated_files_it_does_not_mention(docs: Path):
    write_files(docs, OLD)
    kept = sorted(OLD)[0]
    partial = {name: text for name, text in OLD.items() if name != kept}
    report = write_files(docs, partial, prune=False)
    assert report.removed == [] and (docs / kept).is_file()
    write_files(docs, partial)
    assert not (docs / kept).exists(), "the kept file is still the generator's, so a full write removes it"


def test_a_stream_of_files_that_fails_part_way_leaves_docs_as_it_was(docs: Path):
    def stream():
        yield "a.md", "new a\n"
        yield "c.md", "new c\n"
        raise Crash

    with pytest.raises(Crash):
        write_files(docs, stream())
    assert pages(docs) == expected(OLD)
    assert not (docs / STAGING).exists()


def test_a_stream_of_files_is_written_like_a_dict_of_them(docs: Path):
    report = write_files(docs, iter(NEW.items()))
    assert pages(docs) == expected(NEW)
    assert report.written == ["a.md", "b/b.md", "c.md"] and report.removed == ["gone.md"]
