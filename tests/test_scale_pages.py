"""Pages stay small however large the dossier grows: long lists continue on numbered pages,
record pages show their latest rows and say how many there are in all, and long sections keep
only their index in the navigation.

The limits are lowered so that the real data crosses every one of them; what is tested is the
rule, which is the same at 100 times the data.
"""

from __future__ import annotations

import json
import re

import pytest

from aes_dossier import limits, pages
from aes_dossier.dossier import Dossier, load_dossier
from aes_dossier.generate import NAV_FILE, generate
from aes_dossier.settings import load_settings
from conftest import ROOT

LIMITS = {"EVENTS_PER_PAGE": 5, "SOURCES_PER_PAGE": 8, "LIST_PAGE_SIZE": 10, "RELATED_LIMIT": 2, "SIDE_LIST_LIMIT": 1, "MENTIONS_LIMIT": 3,
          "NAV_RECORD_LIMIT": 5, "TIMELINE_INLINE_LIMIT": 20, "LIST_RECENT": 4}


@pytest.fixture(scope="module")
def generated() -> tuple[Dossier, dict[str, str]]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in LIMITS.items():
            patch.setattr(limits, name, value)
        settings = load_settings(ROOT)
        dossier = load_dossier(settings.data_path, settings.root)
        yield dossier, generate(settings, dossier, languages=("en",))


def event_headings(text: str) -> list[str]:
    return re.findall(r"(?m)^## .* \{ #([a-z0-9-]+) \}$", text)


def table_rows(text: str, heading: str) -> list[str]:
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| ---")][1:]


def test_a_busy_year_continues_on_numbered_pages_that_together_hold_all_its_events(generated):
    dossier, files = generated
    year, events = max(dossier.events_by_year().items(), key=lambda item: len(item[1]))
    paths = [f"timeline/{year}.md"] + sorted((p for p in files if p.startswith(f"timeline/{year}/page-")),
                                             key=lambda p: int(re.search(r"page-(\d+)", p).group(1)))
    shown = [event_headings(files[path]) for path in paths]
    assert all(len(ids) <= LIMITS["EVENTS_PER_PAGE"] for ids in shown)
    assert [i for ids in shown for i in ids] == [e.id for e in events]
    assert f"({year}/page-2.md)" in files[paths[0]], "the first page links to the next"


def test_a_year_page_cites_at_most_the_source_budget_unless_it_holds_a_single_event(generated):
    dossier, files = generated
    year_pages = [path for path in files if re.fullmatch(r"timeline/\d{4}(/page-\d+)?\.md", path)]
    cut_for_sources = 0
    for path in year_pages:
        listed = len(re.findall(r"(?m)^\*\*\d+\\\.\*\*", files[path]))
        events = event_headings(files[path])
        assert listed <= LIMITS["SOURCES_PER_PAGE"] or len(events) == 1, (path, listed, len(events))
        cut_for_sources += 0 < len(events) < LIMITS["EVENTS_PER_PAGE"] and "/page-" in path
    assert cut_for_sources, "the real data should cross the lowered source budget"


def test_a_link_to_an_event_points_at_the_page_that_shows_it(generated):
    dossier, files = generated
    year, events = max(dossier.events_by_year().items(), key=lambda item: len(item[1]))
    last = events[-1]
    assert last.id in event_headings(files[pages.event_pages(dossier)[last.id]])
    assert pages.event_pages(dossier)[last.id] != f"timeline/{year}.md"


def test_the_people_list_is_cut_into_pages_that_together_list_everyone(generated):
    dossier, files = generated
    paths = [p for p in files if re.fullmatch(r"people/(index|page-\d+)\.md", p)]
    rows = {path: [line for line in files[path].splitlines() if line.startswith("| [")] for path in paths}
    assert len(paths) == -(-len(dossier["people"]) // LIMITS["LIST_PAGE_SIZE"])
    assert all(len(lines) <= LIMITS["LIST_PAGE_SIZE"] for lines in rows.values())
    assert sum(len(lines) for lines in rows.values()) == len(dossier["people"])


def test_a_state_page_shows_its_latest_leaders_and_says_how_many_there_are(generated):
    dossier, files = generated
    state = max(dossier["states"], key=lambda s: sum(post.organisation == s for p in dossier["people"].values() for post in p.posts))
    total = sum(post.organisation == state for p in dossier["people"].values() for post in p.posts)
    assert total > LIMITS["SIDE_LIST_LIMIT"], "the real data should cross the lowered limit"
    page = files[f"states/{state}.md"]
    assert len(table_rows(page, "Office holders over time")) == LIMITS["SIDE_LIST_LIMIT"]
    assert f"The latest {LIMITS['SIDE_LIST_LIMIT']} of {total};" in page


def test_a_record_page_shows_its_latest_events_and_points_to_the_timeline_for_the_rest(generated):
    dossier, files = generated
    page = files["states/mali.md"]
    events = page.split("## Events { data-search-exclude }\n", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"(?m)^- ", events)) == LIMITS["RELATED_LIMIT"]
    assert f"The latest {LIMITS['RELATED_LIMIT']} of " in events and "the timeline lists them all" in events


def test_the_timeline_index_lists_only_the_latest_events_when_there_are_too_many(generated):
    dossier, files = generated
    page = files["timeline/index.md"]
    assert len(dossier["events"]) > LIMITS["TIMELINE_INLINE_LIMIT"]
    assert dossier.events_sorted()[-1].id in page and dossier.events_sorted()[0].id not in page


def test_a_section_longer_than_the_limit_keeps_only_its_index_in_the_navigation(generated):
    _, files = generated
    nav = json.loads(files[NAV_FILE])["en"]
    actors = next(item for item in nav if isinstance(item, dict) and "Who's who" in item)["Who's who"]
    people = next(item for item in actors if isinstance(item, dict) and "People" in item)["People"]
    assert people == ["people/index.md"]
    assert "/people/*.md" in pages.outside_nav(nav)


def test_continuation_pages_and_printable_parts_stay_out_of_the_navigation(generated):
    _, files = generated
    patterns = pages.outside_nav(json.loads(files[NAV_FILE])["en"])
    assert {"/print/*.md", "/*/page-*.md", "/timeline/*/page-*.md"} <= set(patterns)


def test_a_year_page_describes_in_json_ld_only_the_events_it_shows(generated):
    dossier, files = generated
    year, events = max(dossier.events_by_year().items(), key=lambda item: len(item[1]))
    second = files[f"timeline/{year}/page-2.md"]
    front = json.loads(json.loads(re.search(r"(?m)^jsonld: (.*)$", second).group(1)))
    described = {node["@id"].rsplit("#", 1)[1] for node in front["@graph"] if node.get("@type") == "Event"}
    assert described == set(event_headings(second))


def test_the_states_comparison_cuts_each_state_s_former_organisations_and_counts_the_rest(generated):
    dossier, files = generated
    left = {s: sum(1 for m in dossier["memberships"].values() if m.member == s and m.end) for s in dossier["states"]}
    row = next(line for line in files["states/index.md"].splitlines() if line.startswith("| Organisations left"))
    for count in left.values():
        if count > LIMITS["SIDE_LIST_LIMIT"]:
            assert f"… and {count - LIMITS['SIDE_LIST_LIMIT']} more" in row
    assert row.count("](../organisations/") <= LIMITS["SIDE_LIST_LIMIT"] * len(left)
