"""The search index holds each fact once: lists that repeat other pages (related events, "cited
by", "mentioned in", the rows of the people, organisations and sources lists, the per-page source
list and page meta) stay out of it, so that a name finds its own page rather than every page
that links to it, and the index stays small as the dossier grows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aes_dossier.dossier import load_dossier
from aes_dossier.settings import load_settings
from conftest import ROOT

REPEATING_SECTIONS = ("events", "related-events", "cited-by", "mentioned-in", "sources", "all-events", "latest-events")


@pytest.fixture(scope="module", params=["", "fr"])
def index(real_site: Path, request) -> list[dict]:
    path = real_site / request.param / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))["docs"]


def test_sections_that_repeat_other_pages_are_not_indexed(index):
    anchors = {doc["location"].partition("#")[2] for doc in index
               if not doc["location"].startswith("data/")}  # the Data page's sections document the collections
    assert anchors.isdisjoint(REPEATING_SECTIONS), anchors & set(REPEATING_SECTIONS)


def test_the_rows_of_the_long_lists_are_not_indexed_but_the_lists_are(index):
    dossier = load_dossier(load_settings(ROOT).data_path, ROOT)
    somebody = next(iter(dossier["people"].values())).name
    lists = {doc["location"]: doc for doc in index if doc["location"] in ("people/", "organisations/", "sources/")}
    assert set(lists) == {"people/", "organisations/", "sources/"}
    assert somebody not in lists["people/"]["text"]


def test_page_meta_lines_are_not_indexed(index):
    assert not [doc["location"] for doc in index if "Report an error" in doc["text"] or "Signaler une erreur" in doc["text"]]


def test_every_record_page_is_still_in_the_index(index):
    dossier = load_dossier(load_settings(ROOT).data_path, ROOT)
    locations = {doc["location"] for doc in index}
    for collection in ("people", "organisations", "sources", "states"):
        missing = [key for key in dossier[collection] if f"{collection}/{key}/" not in locations]
        assert not missing, (collection, missing[:5])


def test_the_list_of_printable_parts_is_not_indexed(index):
    """Only the print index's introduction is indexed: its list of parts grows with the dossier
    (Zensical refuses a search field over 16 KB at 100x)."""
    print_index = next(doc for doc in index if doc["location"] == "print/")
    assert "print/" not in print_index["text"] and "<li>" not in print_index["text"]
