"""Golden pages: the fixture dossier renders to exactly the reviewed Markdown.

Run ``UPDATE_GOLDEN=1 pytest tests/test_golden.py`` after an intended change, and review the
diff of ``tests/golden/`` in the pull request.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import run_build_pages, snapshot

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    from conftest import make_project
    project = make_project(tmp_path_factory.mktemp("golden") / "project")
    result = run_build_pages(project)
    assert result.returncode == 0, result.stderr
    files = {name: data for name, data in snapshot(project / "docs").items() if name.endswith((".md", ".json"))}
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)  # pages that are no longer generated go too
        for name, data in files.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    return files


def test_the_set_of_generated_pages_is_as_reviewed(generated):
    assert sorted(generated) == sorted(snapshot(GOLDEN))


@pytest.mark.parametrize("name", sorted(snapshot(GOLDEN)) if GOLDEN.exists() else [])
def test_each_page_matches_its_golden_copy(generated, name):
    assert generated[name].decode() == (GOLDEN / name).read_text()
