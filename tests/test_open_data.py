"""Open data: the static API, CSV, JSON-LD on every page, the Atom and iCalendar feeds, stable
addresses with redirects, a full sitemap, and the licences."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest

from aes_dossier.dossier import load_dossier
from aes_dossier.export import CSV_COLUMNS, SCHEMA_VERSION, api_fields
from aes_dossier.model import COLLECTIONS
from conftest import ROOT, run_build_pages

FIELDS = Path(__file__).parent / "fixtures" / "api-fields.json"
SITE_URL = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def dossier():
    return load_dossier(ROOT / "data", ROOT)


def load_json(site: Path, path: str):
    return json.loads((site / path).read_text(encoding="utf-8"))


def test_the_api_index_lists_every_collection(real_site: Path):
    index = load_json(real_site, "api/v1/index.json")
    assert index["schema_version"] == SCHEMA_VERSION
    assert [e["collection"] for e in index["endpoints"]] == list(COLLECTIONS)
    for endpoint in index["endpoints"]:
        assert (real_site / "api/v1" / endpoint["url"]).exists()
        assert (real_site / "api/v1" / endpoint["schema"]).exists()


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_each_collection_and_record_file_carries_version_date_and_licence(real_site: Path, dossier, collection):
    data = load_json(real_site, f"api/v1/{collection}.json")
    assert data["schema_version"] == SCHEMA_VERSION and re.match(r"\d{4}-\d{2}-\d{2}$", data["built"])
    assert data["licence"]["name"] == "CC BY 4.0"
    assert sorted(r["id"] for r in data["data"]) == sorted(dossier[collection])
    some_id = next(iter(dossier[collection]))
    record = load_json(real_site, f"api/v1/{collection}/{some_id}.json")
    assert record["data"]["id"] == some_id and record["licence"]["name"] == "CC BY 4.0"


@pytest.mark.parametrize("collection", list(CSV_COLUMNS))
def test_csv_files_have_the_documented_columns_and_every_record(real_site: Path, dossier, collection):
    rows = list(csv.reader(io.StringIO((real_site / f"api/v1/{collection}.csv").read_text(encoding="utf-8"))))
    assert rows[0] == CSV_COLUMNS[collection]
    assert len(rows) - 1 == len(dossier[collection])


def test_field_names_do_not_change_without_a_new_schema_version(dossier):
    pinned = json.loads(FIELDS.read_text(encoding="utf-8"))
    if pinned["schema_version"] == SCHEMA_VERSION:
        assert api_fields(dossier) == pinned["fields"], "a field was renamed: bump SCHEMA_VERSION and update tests/fixtures/api-fields.json"


def jsonld_of(page: Path) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    return json.loads(block)


def test_every_page_has_valid_json_ld(real_site: Path):
    for page in real_site.rglob("index.html"):
        if "api" in page.parts or "<meta http-equiv=\"refresh\"" in page.read_text(encoding="utf-8")[:400]:
            continue
        document = jsonld_of(page)
        assert document["@context"] == "https://schema.org"
        assert document["@graph"][0]["@type"] == "WebPage"


def local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / url[len(SITE_URL):].split("#")[0] / "index.html"


def test_the_alliance_is_a_government_organisation_with_dated_member_roles(real_site: Path):
    graph = jsonld_of(real_site / "organisations/alliance-of-sahel-states/index.html")["@graph"]
    org = graph[1]
    assert org["@type"] == "GovernmentOrganization"
    roles = org["member"]
    assert {r["member"]["name"] for r in roles} == {"Mali", "Burkina Faso", "Niger"}
    assert all(r["@type"] == "OrganizationRole" and r["startDate"] == "2023-09-16" for r in roles)
    assert all(local(real_site, r["member"]["@id"]).exists() for r in roles)


def test_the_charter_is_legislation_with_a_part_per_article(real_site: Path):
    charter = jsonld_of(real_site / "instruments/liptako-gourma-charter/index.html")["@graph"][1]
    assert charter["@type"] == "Legislation" and charter["legislationDate"] == "2023-09-16"
    parts = [part["@id"] for part in charter["hasPart"]]
    assert len(parts) > 10 and all(part.endswith("/#article") and local(real_site, part.split("#")[0]).exists() for part in parts)
    article = jsonld_of(real_site / "instruments/liptako-gourma-charter/charter-article-6/index.html")["@graph"][1]
    assert article["@id"] in parts and article["legislationIdentifier"] == "Article 6" and article["inLanguage"] == "fr"


def test_members_are_countries_and_people_have_affiliations(real_site: Path):
    graph = jsonld_of(real_site / "states/mali/index.html")["@graph"]
    state, country = graph[1], graph[2]
    assert state["@type"] == "GovernmentOrganization" and state["areaServed"]["@id"] == country["@id"]
    assert country["@type"] == "Country" and "MLI" in country["identifier"]
    person = jsonld_of(real_site / "people/assimi-goita/index.html")["@graph"][1]
    assert person["@type"] == "Person" and person["affiliation"]
    assert all(a["@type"] in ("Organization", "GovernmentOrganization") for a in person["affiliation"])
    assert len({a["@id"] for a in person["affiliation"]}) == len(person["affiliation"])
    assert person["nationality"] == {"@type": "Country", "@id": country["@id"]}


def test_timeline_years_describe_their_events(real_site: Path, dossier):
    graph = jsonld_of(real_site / "timeline/2023/index.html")["@graph"]
    events = [node for node in graph if node["@type"] == "Event"]
    from aes_dossier.pages import year_slices
    start, end = year_slices(dossier)["2023"][0]
    assert len(events) == end - start
    assert all(e["startDate"].startswith("2023") and "eventStatus" not in e for e in events)
    with_places = {e.id for e in dossier["events"].values() if e.places}
    assert all(("location" in e) == (e["@id"].rsplit("#", 1)[1] in with_places) for e in events)


def test_the_atom_feed_parses_and_lists_the_latest_events(real_site: Path, dossier):
    root = ET.fromstring((real_site / "feeds/events.atom").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert 0 < len(entries) <= 30
    newest = dossier.events_sorted()[-1]
    assert entries[0].find("a:title", ns).text == newest.title.en
    for entry in entries:
        assert entry.find("a:id", ns).text and entry.find("a:updated", ns).text and entry.find("a:link", ns).get("href")


def test_the_calendar_has_every_event_whole_day_with_honest_precision(real_site: Path, dossier):
    calendar = icalendar.Calendar.from_ical((real_site / "feeds/events.ics").read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert set(events) == set(dossier["events"])
    month_event = next(e for e in dossier["events"].values() if len(e.date) == 7 and not e.end_date)
    entry = events[month_event.id]
    start, end = entry["DTSTART"].dt, entry["DTEND"].dt
    assert start.day == 1 and (end - start).days >= 28
    assert "known to the month only" in str(entry["SUMMARY"])
    day_event = next(e for e in dossier["events"].values() if len(e.date) == 10 and not e.end_date)
    assert (events[day_event.id]["DTEND"].dt - events[day_event.id]["DTSTART"].dt).days == 1


def test_the_sitemap_lists_every_page(real_site: Path):
    urls = {u for u in re.findall(r"<loc>([^<]+)</loc>", (real_site / "sitemap.xml").read_text())}
    pages = {SITE_URL + str(p.parent.relative_to(real_site)).replace(".", "").strip("/") for p in real_site.glob("*/**/index.html")
             if "api" not in p.parts and not p.parts[len(real_site.parts)] == "fr"}
    assert {u.rstrip("/") for u in urls} >= {p.rstrip("/") for p in pages if "/" in p[len(SITE_URL):] or p[len(SITE_URL):]}


def test_a_renamed_record_keeps_its_old_address_as_a_redirect(project: Path):
    person = project / "data" / "people" / "assimi-goita.yaml"
    person.write_text(person.read_text().replace("id: assimi-goita\n", "id: assimi-goita\nformer_ids: [goita]\n"))
    assert run_build_pages(project).returncode == 0
    redirect = (project / "docs" / "people" / "goita" / "index.html").read_text()
    assert 'content="0; url=../assimi-goita/"' in redirect and 'rel="canonical" href="http://127.0.0.1:8000/people/assimi-goita/"' in redirect


def test_a_former_id_cannot_hide_a_current_record(project: Path):
    person = project / "data" / "people" / "assimi-goita.yaml"
    person.write_text(person.read_text().replace("id: assimi-goita\n", "id: assimi-goita\nformer_ids: [assimi-goita]\n"))
    result = run_build_pages(project)
    assert result.returncode == 1 and "is the id of a current people record" in result.stderr


def test_the_licences_are_stated_in_the_repository_and_on_every_page(real_site: Path):
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert "CC BY 4.0" in (ROOT / "LICENSE-DATA.md").read_text()
    assert "license: CC-BY-4.0" in (ROOT / "CITATION.cff").read_text()
    for page in ["index.html", "states/mali/index.html", "fr/index.html"]:
        assert "creativecommons.org/licenses/by/4.0" in (real_site / page).read_text()
