"""Bad input never breaks the site: each case in the corpus gives its located error, exit 1,
no traceback, and leaves docs/ byte-identical to before."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from aes_dossier import cli
from bad_input_cases import CASES, Case
from conftest import make_project, snapshot

LOCATED = re.compile(r"^data/[^:]+:\d+:\d+: \S.*: .+")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("bad") / "project")
    assert cli.main(["--root", str(project)]) == 0
    return project


def apply(project: Path, case: Case) -> None:
    for name, content in case.files.items():
        path = project / "data" / name
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def test_the_corpus_has_at_least_fifty_cases():
    assert len(CASES) >= 50
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_gives_a_located_error_and_changes_nothing(case: Case, built: Path, tmp_path: Path, capsys):
    project = tmp_path / "project"
    shutil.copytree(built, project)
    before = snapshot(project / "docs")
    apply(project, case)
    capsys.readouterr()
    assert cli.main(["--root", str(project)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert "Traceback" not in out + err
    assert lines[-1].endswith("nothing was written."), err
    assert all(LOCATED.match(line) for line in lines[:-1]), err
    assert any(line.startswith(case.expected) for line in lines[:-1]), f"expected {case.expected!r}\ngot:\n{err}"
    assert lines[:-1] == sorted(lines[:-1]) or len(lines) == 2
    assert snapshot(project / "docs") == before
