"""The real dossier keeps its promises: complete, sourced, in its own words, free of the seed errors.

Minimum counts hold the content so that it cannot silently shrink.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Iterator

import pytest
from pydantic import BaseModel

from aes_dossier.dossier import Dossier, load_dossier
from aes_dossier.model import Name, Text
from conftest import ROOT

SHINGLES = Path(__file__).parent / "fixtures" / "seed-article-shingles.txt"


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier(ROOT / "data", ROOT)


def texts(value, path: str = "") -> Iterator[tuple[str, str]]:
    """Every reader-facing string of a record, with where it sits."""
    if isinstance(value, (Text, Name)):
        for lang in ("en", "fr"):
            if getattr(value, lang):
                yield f"{path}.{lang}", getattr(value, lang)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, f"{path}[{index}]")


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.casefold())
    return re.findall(r"[a-z0-9]+", "".join(c for c in text if not unicodedata.combining(c)))


def test_the_charter_has_seventeen_numbered_articles(dossier):
    charter = dossier["instruments"]["liptako-gourma-charter"]
    assert sorted(a.number for a in charter.articles if a.number) == list(range(1, 18))


def test_charter_articles_nine_to_sixteen_are_recorded_as_unknown(dossier):
    charter = dossier["instruments"]["liptako-gourma-charter"]
    assert all(not a.content_known for a in charter.articles if a.number and 9 <= a.number <= 16)


def test_unnumbered_provisions_have_no_guessed_number(dossier):
    provisions = {a.id: a for a in dossier["instruments"]["liptako-gourma-charter"].articles if a.number is None}
    assert {"charter-unanimity", "charter-financing", "charter-accession", "charter-denunciation",
            "charter-additional-texts", "charter-entry-into-force"} <= set(provisions)
    assert all(a.number_label is None for a in provisions.values())


def test_article_six_quotes_its_official_french_sentence_once(dossier):
    _, article = dossier.articles["charter-article-6"]
    assert article.quotation.lang == "fr"
    assert article.quotation.text.startswith("Toute atteinte à la souveraineté")
    assert article.quotation.text.count(". ") == 0


def test_niger_ratifications_are_not_found_rather_than_guessed(dossier):
    for instrument in dossier["instruments"].values():
        [niger] = [r for r in instrument.ratifications if r.state == "niger"]
        assert niger.status == "not-found" and niger.date is None


@pytest.mark.parametrize(("collection", "minimum"), [
    ("events", 200), ("states", 3), ("people", 55), ("organisations", 45), ("sources", 600), ("glossary", 20),
    ("partners", 12),
])
def test_minimum_counts(dossier, collection, minimum):
    assert len(dossier[collection]) >= minimum


def test_every_seed_error_and_disagreement_is_a_discrepancy_record(dossier):
    kinds = [d.kind for d in dossier["discrepancies"].values()]
    assert kinds.count("seed-error") >= 28
    assert kinds.count("disagreement") >= 33


def test_the_timeline_runs_from_the_liptako_gourma_authority_into_2026(dossier):
    events = dossier.events_sorted()
    assert events[0].date == "1970-12-03"
    assert events[-1].date >= "2026-02" and events[-1].date <= dossier.coverage.covers_until


def test_every_month_from_july_2023_to_the_coverage_date_has_an_event(dossier):
    months = {event.date[:7] for event in dossier["events"].values()}
    year, month = 2023, 7
    last = dossier.coverage.covers_until[:7]
    missing = []
    while f"{year}-{month:02d}" <= last:
        if f"{year}-{month:02d}" not in months:
            missing.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    assert missing == []


def test_each_partner_has_a_sourced_relation_with_the_alliance_or_a_member(dossier):
    members = {"confederation-of-sahel-states", *dossier["states"]}
    for partner in dossier["partners"].values():
        assert partner.relations and all(r.counterpart in members and r.sources for r in partner.relations), partner.id


def test_at_least_150_sources_are_cited_and_each_has_an_address_or_is_a_seed(dossier):
    assert len(dossier.cited_by) >= 150
    for source_id in dossier.cited_by:
        source = dossier.sources[source_id]
        assert source.url or source.id.startswith("seed-"), source_id


def test_no_run_of_twelve_words_is_copied_from_a_seed_article(dossier):
    copied = {line for line in SHINGLES.read_text().splitlines() if not line.startswith("#")}
    found = []
    for collection, values in dossier.records.items():
        for record in values.values():
            for where, text in texts(record):
                if where.startswith("quotation.text") or ".quotation.text" in where:
                    continue
                tokens = words(text)
                for i in range(len(tokens) - 11):
                    digest = hashlib.sha256(" ".join(tokens[i:i + 12]).encode()).hexdigest()[:16]
                    if digest in copied:
                        found.append(f"{collection}/{record.id}.{where}: {' '.join(tokens[i:i + 12])}")
    assert found == []


SEED_ERRORS = [
    (r"\bLiptago\b", "the misspelling 'Liptago'"),
    (r"\bNATO\b|\bOTAN\b", "the 'NATO common area'"),
    (r"pre-?emptive|préventive", "'pre-emptive attacks'"),
    (r"coastal affairs", "'coastal affairs'"),
    (r"half a million square", "the LGA zone as half a million km²"),
]


@pytest.mark.parametrize(("pattern", "error"), SEED_ERRORS)
def test_seed_errors_appear_only_on_the_discrepancies_page(dossier, pattern, error):
    hits = [f"{c}/{r.id}.{where}" for c, values in dossier.records.items() if c != "discrepancies"
            for r in values.values() for where, text in texts(r)
            if re.search(pattern, text, re.IGNORECASE) and not where.startswith("reliability")]
    assert hits == [], error


def test_the_niger_coup_is_dated_26_july_2023_not_august(dossier):
    coups = [e.date for e in dossier["events"].values() if e.kind == "coup" and "niger" in e.countries and e.date.startswith("2023")]
    assert "2023-07-26" in coups
    assert not [date for date in coups if date.startswith("2023-08")]


def test_the_g5_sahel_was_founded_in_2014(dossier):
    assert dossier["organisations"]["g5-sahel"].founded == "2014-02-16"


def test_a_dossier_event_after_the_coverage_date_is_refused(project):
    from tests.conftest import run_build_pages
    coverage = project / "data" / "coverage" / "coverage.yaml"
    coverage.write_text(coverage.read_text().replace("covers_until: '2026-03-13'", "covers_until: '2023-09'"))
    result = run_build_pages(project, "--validate")
    assert result.returncode == 1 and "is after the date the dossier covers (2023-09)" in result.stdout + result.stderr
