"""After a one-record edit, regeneration rewrites only the pages that show that record.

The edit loop stays fast as the dossier grows because MkDocs (under ``mkdocs serve``) and the
reader's browser only see the files whose bytes changed.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, make_project, run_build_pages, snapshot

PERSON = "abdoulaye-diop"


def changed_files(project: Path, edit) -> set[str]:
    assert run_build_pages(project).returncode == 0
    before = snapshot(project / "docs")
    path = project / "data" / "people" / f"{PERSON}.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_build_pages(project)
    assert result.returncode == 0, result.stderr
    after = snapshot(project / "docs")
    written = {name for name in after if before.get(name) != after[name]} | (before.keys() - after.keys())
    assert re.search(rf"\b{len(written)} written\b", result.stdout), result.stdout
    return written


def test_editing_a_person_s_summary_rewrites_only_the_pages_that_show_that_person(tmp_path: Path):
    project = make_project(tmp_path / "project", ROOT / "data")
    written = changed_files(project, lambda text: text.replace("summary:\n  en: ", "summary:\n  en: Edited. ", 1))
    assert {f"people/{PERSON}.md", f"api/v1/people/{PERSON}.json"} <= written
    assert f"people/{PERSON}.fr.md" not in written  # the French summary did not change
    # Without git history (a copied project), the release's download follows the working tree,
    # so the archive, its checksum and the Data page that shows it change with any edit.
    unrelated = {name for name in written if PERSON not in name and not name.startswith(("print/people", "api/v1/people"))
                 and not name.startswith("downloads/") and name not in ("data.md", "data.fr.md")}
    assert unrelated == set(), sorted(written)


def test_renaming_a_person_rewrites_exactly_the_files_that_show_the_name(tmp_path: Path):
    project = make_project(tmp_path / "project", ROOT / "data")
    written = changed_files(project, lambda text: text.replace("name: Abdoulaye Diop", "name: Abdoulaye Diop Edited", 1))
    docs = project / "docs"
    showing = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()
               and "Diop Edited" in path.read_text(encoding="utf-8", errors="ignore")}
    download = {name for name in written if name.startswith("downloads/") or name in ("data.md", "data.fr.md")}
    assert written - download == showing  # the download follows the working tree here (no git history)
    assert {"people/abdoulaye-diop.md", "states/mali.md", "sources/s21.md"} <= written
    assert len(written) < len(snapshot(docs)) / 20
