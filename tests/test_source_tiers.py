"""Sources a reader can weigh: every source has a tier, inline citations show the best three
(best tier first, then the earliest), nothing is lost ("Also reported by"), the Sources index
filters by tier, and the method is explained in both languages."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from aes_dossier.dossier import load_dossier
from aes_dossier.generate import generate
from aes_dossier.model import TIER_ORDER, Source
from aes_dossier.settings import load_settings
from aes_dossier.source_weight import best_first
from tests.conftest import ROOT

GROUP = re.compile(r"<sup[^>]*>(.*?)</sup>")


def source(id_: str, tier: str, date: str | None = None) -> Source:
    return Source(id=id_, title="T", publisher="P", date=date, url="https://example.org/" + id_, language="en", kind="news", tier=tier)


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return generate(load_settings(ROOT))


@pytest.fixture(scope="module")
def dossier():
    return load_dossier(ROOT / "data", ROOT)


def test_the_best_tier_comes_first_then_the_earliest():
    sources = {s.id: s for s in [source("a", "press", "2024-01-02"), source("b", "wire", "2024-03"), source("c", "press", "2023"),
                                 source("d", "official", None), source("e", "copy", "2020")]}
    shown, others = best_first(sources, ["a", "b", "c", "d", "e"])
    assert shown == ["d", "b", "c"] and others == ["a", "e"]


def test_a_group_of_three_or_fewer_keeps_every_source():
    sources = {s.id: s for s in [source("a", "press"), source("b", "press")]}
    assert best_first(sources, ["b", "a", "b"]) == (["b", "a"], [])


def test_every_source_has_a_tier_and_the_dossier_uses_several(dossier):
    tiers = {s.tier for s in dossier.sources.values()}
    assert tiers <= set(TIER_ORDER) and {"official", "wire", "press"} <= tiers


def test_no_factual_record_cites_a_copy_or_rests_on_reference_alone(dossier):
    """The validator enforces it; this says so on the real data, in words a reader understands."""
    for collection in ("events", "people", "organisations", "states", "memberships", "instruments"):
        for record in dossier[collection].values():
            tiers = {dossier.sources[s].tier for s in record.sources}
            assert "copy" not in tiers, record.id
            assert not tiers <= {"reference", "copy"}, record.id


def test_no_inline_citation_group_cites_more_than_three_sources(files):
    groups = [group for text in files.values() if isinstance(text, str) and text.startswith("---") for group in GROUP.findall(text)]
    assert groups and max(group.count("href=\"#ref-") for group in groups) <= 3


def test_sources_left_out_of_a_group_are_listed_under_also_reported_by(files, dossier):
    assert "### Also reported by" in files["index.md"]
    home = files["index.md"]
    also = home.split("### Also reported by", 1)[1]
    for source_id in re.findall(r"\[\\\[([a-z0-9-]+)\\\]\]", also):
        assert f'href="#ref-{source_id}"' not in home.split("### Also reported by", 1)[0], source_id


def test_each_source_page_shows_its_tier_and_what_it_means(files, dossier):
    wire = next(s for s in dossier.sources.values() if s.tier == "wire" and s.via)
    assert "| Tier | **News agency** |" in files[f"sources/{wire.id}.md"]
    assert "**News agency**: A news agency's report" in files[f"sources/{wire.id}.md"]
    assert f"| Agency | {wire.via} |" in files[f"sources/{wire.id}.md"]
    assert "| Catégorie | **Agence de presse** |" in files[f"sources/{wire.id}.fr.md"]


def test_the_sources_index_can_be_filtered_by_tier(files, dossier):
    for tier in {s.tier for s in dossier.sources.values()}:
        page = files[f"sources/tier/{tier}/index.md"]
        ids = set(re.findall(r"^\| \[([a-z0-9\\-]+)\]", page, re.M))
        ids = {found.replace("\\", "") for found in ids}
        expected = {s.id for s in dossier.sources.values() if s.tier == tier}
        assert ids == expected or len(ids) == 300
    assert "[News agency \\(" in files["sources/index.md"]


def test_the_methodology_page_explains_tiers_and_corrections_in_both_languages(files):
    english, french = files["methodology.md"], files["methodology.fr.md"]
    for word in ("News agency", "Copy", "Also reported by", "Errors and corrections", "Report an incorrect fact", "reviewed"):
        assert word in english, word
    for word in ("Agence de presse", "Copie", "Également rapporté par", "Erreurs et corrections", "fait inexact", "relu"):
        assert word in french, word


def test_every_built_page_links_to_the_methodology_from_its_footer(real_site: Path):
    for path in real_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        footer = html.split('<div class="md-copyright">', 1)
        if len(footer) == 2:
            links = re.findall(r'<a href="([^"]*)">(?:How this dossier is made|Comment ce dossier est fait)</a>', footer[1])
            assert links, path


def test_the_api_and_the_csv_carry_the_tier(real_site: Path, dossier):
    data = json.loads((real_site / "api/v1/sources.json").read_text(encoding="utf-8"))["data"]
    assert all(item["tier"] in TIER_ORDER for item in data)
    assert any(item.get("via") for item in data)
    rows = list(csv.DictReader(io.StringIO((real_site / "api/v1/sources.csv").read_text(encoding="utf-8"))))
    assert {row["tier"] for row in rows} == {s.tier for s in dossier.sources.values()}
