"""Incremental regeneration (``aes_dossier.incremental``): after an edit of one data file, the
files it hands over, written over the previous output, are exactly what a full generation of
the edited data writes, while it re-reads and re-renders only what the edit touches."""

from __future__ import annotations

import functools
import inspect
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from aes_dossier import generate, render, text, tracing
from aes_dossier.dossier import Dossier, load_dossier
from aes_dossier.errors import DataErrors
from aes_dossier.incremental import Generation, Regenerator
from aes_dossier.settings import Settings, load_settings
from tests.conftest import FIXED_DATE, FIXTURE_DATA, ROOT, make_project


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` (which must occur once) with ``new`` in one data file."""

    name: str
    file: str
    old: str
    new: str

    def apply(self, root: Path) -> None:
        path = root / self.file
        content = path.read_text(encoding="utf-8")
        assert content.count(self.old) == 1, f"{self.name}: expected one '{self.old}' in {self.file}"
        path.write_text(content.replace(self.old, self.new), encoding="utf-8")


REAL_EDITS = [
    Edit("person summary", "data/people/abass-dembele.yaml", "respected former commander", "respected retired commander"),
    Edit("person post role", "data/people/abass-dembele.yaml", "en: Governor of the Mopti region", "en: Governor of Mopti region"),
    Edit("event title and date within its year", "data/events/2024.yaml",
         "date: '2024-01-24'\n  end_date: '2024-01-25'\n  title:\n    en: Niger's prime minister signs cooperation deals in Tehran",
         "date: '2024-01-23'\n  end_date: '2024-01-25'\n  title:\n    en: Niger's prime minister signs cooperation agreements in Tehran"),
    Edit("event summary", "data/events/2024.yaml", "announces in a Telegram post of 24 January", "announces in a Telegram message of 24 January"),
    Edit("source publisher and tier", "data/sources/aes-institutions.yaml",
         "publisher: Powers of Africa\n  date: '2024-03-07'\n  url: https://powersofafrica.com/article/378/aes-a-joint-military-force-is-born\n"
         "  language: en\n  kind: news\n  tier: press",
         "publisher: Powers of Africa Media\n  date: '2024-03-07'\n  url: https://powersofafrica.com/article/378/aes-a-joint-military-force-is-born\n"
         "  language: en\n  kind: news\n  tier: analysis"),
    Edit("organisation name", "data/organisations/barrick.yaml", "name:\n  en: Barrick Gold\n", "name:\n  en: Barrick Gold Corp\n"),
    Edit("organisation summary", "data/organisations/barrick.yaml", "one of the main foreign miners", "one of the largest foreign miners"),
    Edit("state area", "data/states/mali.yaml", "area_km2: 1240192", "area_km2: 1240193"),
    Edit("state leader title", "data/states/mali.yaml", "en: President of the Transition", "en: Transitional President"),
    Edit("glossary definition", "data/glossary/glossary.yaml", "The acronym of the French name Alliance des États du Sahel.",
         "The acronym of Alliance des États du Sahel, its French name."),
    Edit("glossary term", "data/glossary/glossary.yaml", "- id: aes\n  term:\n    en: AES", "- id: aes\n  term:\n    en: A.E.S."),
    Edit("instrument article text", "data/instruments/liptako-gourma-charter.yaml",
         "en: The three states agree to form the Alliance of Sahel States together.",
         "en: The three states agree to form, together, the Alliance of Sahel States."),
    Edit("source added to an event", "data/events/2024.yaml", "  sources:\n    - s93\n    - s94\n", "  sources:\n    - s93\n    - s94\n    - s1424\n"),
    Edit("source removed from an event", "data/events/2024.yaml", "  sources:\n    - s93\n    - s94\n", "  sources:\n    - s93\n"),
    Edit("membership role", "data/memberships/memberships.yaml", "- id: mali-in-alliance\n  member: mali\n  organisation: alliance-of-sahel-states\n"
         "  role:\n    en: Founding member", "- id: mali-in-alliance\n  member: mali\n  organisation: alliance-of-sahel-states\n  role:\n    en: Founder member"),
    Edit("partner summary", "data/partners/russia.yaml", "The alliance's main security partner", "The alliance's chief security partner"),
    Edit("discrepancy topic", "data/discrepancies/disagreements.yaml", "en: Date of the Liptako-Gourma Charter", "en: When the Liptako-Gourma Charter was signed"),
]


class Session:
    """One project, one regenerator, and the output as it stands after each generation."""

    def __init__(self, root: Path):
        self.root = root
        self.settings: Settings = load_settings(root)
        self.regenerator = Regenerator()
        self.last = self.regenerator.generate(self.settings)
        assert self.last.complete
        self.output = dict(self.last.files)

    def regenerate(self) -> Generation:
        self.last = self.regenerator.generate(self.settings)
        self.output = dict(self.last.files) if self.last.complete else {**self.output, **dict(self.last.files)}
        return self.last

    def full(self) -> dict[str, str | bytes]:
        return generate.generate(self.settings)

    def edited(self, edit: Edit) -> "_Edited":
        return _Edited(self, edit)


class _Edited:
    """An edit for the length of a ``with`` block; the file's bytes and mtime come back afterwards."""

    def __init__(self, session: Session, edit: Edit):
        self.session, self.edit = session, edit
        self.path = session.root / edit.file

    def __enter__(self) -> Generation:
        self.saved, self.stat = self.path.read_bytes(), self.path.stat()
        self.edit.apply(self.session.root)
        return self.session.regenerate()

    def __exit__(self, *exc: object) -> None:
        self.path.write_bytes(self.saved)
        os.utime(self.path, ns=(self.stat.st_atime_ns, self.stat.st_mtime_ns))


@pytest.fixture(scope="module")
def fixed_date():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", FIXED_DATE)
        yield


def committed(root: Path) -> Path:
    """``root`` as a git checkout with everything committed, as an editor's is under ``mkdocs
    serve``: a file they edit is dated the build day, and the release's archive is built once."""
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "data"]):
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *command],
                       cwd=root, check=True, capture_output=True, timeout=60)
    return root


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory, fixed_date: None) -> Session:
    """The real data, generated once in full; each test edits it and puts it back."""
    session = Session(committed(make_project(tmp_path_factory.mktemp("incremental") / "project", ROOT / "data")))
    session.original = dict(session.output)  # type: ignore[attr-defined]
    return session


@pytest.fixture
def small(tmp_path: Path, fixed_date: None) -> Session:
    return Session(make_project(tmp_path / "project", FIXTURE_DATA))


def test_a_first_generation_is_complete_and_equals_a_full_generation(real: Session) -> None:
    assert real.last.complete
    assert real.output == real.full()
    assert real.last.nav_text == real.output[generate.NAV_FILE]


@pytest.mark.parametrize("edit", REAL_EDITS, ids=[edit.name for edit in REAL_EDITS])
def test_an_edit_regenerates_exactly_what_a_full_generation_writes(real: Session, edit: Edit) -> None:
    with real.edited(edit) as generation:
        assert (generation.files_reread, generation.complete) == (1, False)
        assert real.output == real.full()
    real.regenerate()
    assert real.output == real.original  # type: ignore[attr-defined]


def test_an_edit_of_a_persons_summary_rerenders_few_pages_and_rereads_one_file(real: Session) -> None:
    with real.edited(REAL_EDITS[0]) as generation:
        assert not generation.complete
        assert generation.files_reread == 1
        assert 0 < generation.pages_rendered < 40
        assert "people/abass-dembele.md" in dict(generation.files)
    real.regenerate()


def test_an_incremental_generation_holds_the_cheap_files_and_the_navigation(real: Session) -> None:
    with real.edited(REAL_EDITS[0]) as generation:
        paths = [path for path, _ in generation.files]
        assert {"robots.txt", generate.NAV_FILE, generate.ALIASES_FILE} <= set(paths)
        assert dict(generation.files)[generate.NAV_FILE] == generation.nav_text
    real.regenerate()


def test_an_unchanged_dossier_rerenders_no_page_and_rereads_no_file(real: Session) -> None:
    generation = real.regenerate()
    assert (generation.pages_rendered, generation.files_reread, generation.complete) == (0, 0, False)
    assert real.output == real.original  # type: ignore[attr-defined]


def test_an_unchanged_record_is_the_same_object_after_an_edit_elsewhere(small: Session) -> None:
    from aes_dossier.file_cache import FileCache
    cache = FileCache()
    before = load_dossier(small.settings.data_path, small.root, cache=cache)
    person = next(iter(before["people"]))
    people_file = Path(before.data_file(("people", person)))
    edited = next(path for path in sorted((small.root / "data").rglob("*.yaml")) if path.relative_to(small.root) != people_file)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    cache.start()
    after = load_dossier(small.settings.data_path, small.root, cache=cache)
    assert cache.reread == 1
    assert after["people"][person] is before["people"][person]


def test_adding_a_record_regenerates_everything(small: Session) -> None:
    people = small.root / "data" / "people"
    template = next(iter(sorted(people.glob("*.yaml"))))
    content = template.read_text(encoding="utf-8")
    record_id = load_dossier(small.settings.data_path, small.root).origins
    old_id = next(key[1] for key, origin in record_id.items() if key[0] == "people" and origin.file.path.endswith(template.name))
    (people / "added-person.yaml").write_text(content.replace(f"id: {old_id}", "id: added-person", 1), encoding="utf-8")
    generation = small.regenerate()
    assert generation.complete
    assert small.output == small.full()
    assert "people/added-person.md" in small.output


def test_removing_a_record_regenerates_everything(small: Session) -> None:
    (small.root / "data" / "glossary" / "g.yaml").unlink()
    generation = small.regenerate()
    assert generation.complete
    assert small.output == small.full()


def test_bad_data_raises_the_errors_of_a_cold_load_and_a_fix_recovers(small: Session) -> None:
    path = next(iter(sorted((small.root / "data" / "people").glob("*.yaml"))))
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("summary:", "summry:", 1), encoding="utf-8")
    with pytest.raises(DataErrors) as incremental:
        small.regenerator.generate(small.settings)
    with pytest.raises(DataErrors) as cold:
        load_dossier(small.settings.data_path, small.root)
    assert incremental.value.report() == cold.value.report()
    path.write_text(good, encoding="utf-8")
    generation = small.regenerate()
    assert generation.complete
    assert small.output == small.full()


def test_a_duplicate_id_across_files_is_reported_as_a_cold_load_reports_it(small: Session) -> None:
    people = small.root / "data" / "people"
    original = next(iter(sorted(people.glob("*.yaml"))))
    (people / "zz-copy.yaml").write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataErrors) as incremental:
        small.regenerator.generate(small.settings)
    with pytest.raises(DataErrors) as cold:
        load_dossier(small.settings.data_path, small.root)
    assert incremental.value.report() == cold.value.report()
    assert any("duplicate people id" in error.message for error in incremental.value.errors)


def test_an_error_in_an_unchanged_file_is_reported_again(small: Session) -> None:
    path = next(iter(sorted((small.root / "data" / "people").glob("*.yaml"))))
    path.write_text(path.read_text(encoding="utf-8").replace("summary:", "summry:", 1), encoding="utf-8")
    with pytest.raises(DataErrors) as first:
        small.regenerator.generate(small.settings)
    with pytest.raises(DataErrors) as second:
        small.regenerator.generate(small.settings)
    assert first.value.report() == second.value.report()
    assert small.regenerator.files.reread == 0


def test_other_languages_or_a_new_date_regenerate_everything(small: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    english = small.regenerator.generate(small.settings, ("en",))
    assert english.complete
    assert dict(english.files) == generate.generate(small.settings, languages=("en",))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(FIXED_DATE) + 86400))
    generation = small.regenerator.generate(small.settings, ("en",))
    assert generation.complete


def test_tracing_leaves_records_and_the_dossier_as_they_were(small: Session) -> None:
    from aes_dossier.model import Contract
    dossier = load_dossier(small.settings.data_path, small.root)
    records, cited_by = dossier.records, dossier.cited_by
    with tracing.session(dossier, {}):
        assert type(dossier.records["people"]) is not dict
    assert "__getattribute__" not in Contract.__dict__
    assert dossier.records is records and dossier.cited_by is cited_by
    assert Dossier.__dict__["events_sorted"].__qualname__ == "Dossier.events_sorted"
    assert isinstance(render.Renderer.__dict__["_sorted_lists"], functools.cached_property)


def test_every_cache_that_pages_share_is_known_to_the_tracer() -> None:
    """A new cache of data-derived values must get a token (``tracing``), or be pure text."""
    pure = {"template_environment", "_relative", "format_partial_date"}
    cached_properties = {name for name, value in vars(render.Renderer).items() if isinstance(value, functools.cached_property)}
    assert cached_properties == set(tracing.RENDERER_DERIVED)
    function_caches = {name for module in (render, text) for name, value in vars(module).items()
                       if hasattr(value, "cache_info") and inspect.getmodule(value) is module}
    assert function_caches == pure
    dossier_caches = {name for name, value in vars(Dossier).items() if callable(value) and name.startswith("events_")}
    assert dossier_caches == set(tracing.DOSSIER_DERIVED)


def test_the_regenerator_keeps_one_set_of_tokens_per_page_and_no_text(real: Session) -> None:
    pages = real.regenerator._state.page_tokens  # type: ignore[union-attr]
    english_pages = [path for path in real.original if path.endswith(".md") and ".fr." not in path]  # type: ignore[attr-defined]
    assert set(pages) == set(english_pages)
