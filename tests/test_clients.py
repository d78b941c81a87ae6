"""The open data as independent clients read it: jsonschema on every API file, PyLD on the
JSON-LD, citeproc-py on every CSL-JSON item, bibtexparser and pybtex on every BibTeX entry, the
Citation File Format schema on CITATION.cff, and feedparser on the feeds. All offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import feedparser
import jsonschema
import pytest
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string
from pyld import jsonld

from aes_dossier.generate import generate
from aes_dossier.settings import load_settings
from tests.conftest import ROOT

CLIENTS = Path(__file__).parent / "fixtures" / "clients"
FENCE = re.compile(r"^(`{3,})(bibtex|json)\n(.*?)\n\1$", re.M | re.S)
JSONLD = re.compile(r'^jsonld: (".*")$', re.M)


@pytest.fixture(scope="module")
def files() -> dict:
    return generate(load_settings(ROOT))


def pages(files: dict) -> dict[str, str]:
    return {name: text for name, text in files.items() if name.endswith(".md") and isinstance(text, str) and text.startswith("---")}


def blocks(files: dict, kind: str) -> list[tuple[str, str]]:
    return [(name, body) for name, text in pages(files).items() for _, found, body in FENCE.findall(text) if found == kind]


def test_every_api_file_validates_against_the_schema_the_index_names(files):
    index = json.loads(files["api/v1/index.json"])
    checked = 0
    for endpoint in index["endpoints"]:
        collection = endpoint["collection"]
        list_schema = json.loads(files["api/v1/" + endpoint["url_schema"]])
        file_schema = json.loads(files["api/v1/" + endpoint["record_url_schema"]])
        jsonschema.validate(json.loads(files["api/v1/" + endpoint["url"]]), list_schema, cls=jsonschema.Draft202012Validator)
        validator = jsonschema.Draft202012Validator(file_schema)
        for name, text in files.items():
            if name.startswith(f"api/v1/{collection}/") and name.endswith(".json"):
                errors = list(validator.iter_errors(json.loads(text)))
                assert not errors, f"{name}: {errors[0].message}"
                checked += 1
    assert checked > 1000


def _loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": json.loads((CLIENTS / "schemaorg-context.jsonld").read_text())}
    raise jsonld.JsonLdError("offline", "jsonld.LoadDocumentError", {"url": url}, code="loading document failed")


def graph(text: str) -> list[dict]:
    document = json.loads(json.loads(JSONLD.search(text).group(1)))
    return jsonld.flatten(document, None, {"documentLoader": _loader})


def types(node: dict) -> set[str]:
    return {t.rsplit("/", 1)[-1] for t in node.get("@type", [])}


def test_no_page_and_its_subject_share_an_identity_and_each_thing_has_one_across_editions(files):
    record_pages = [name for name in pages(files) if re.match(r"(people|organisations|states|partners)/[^/]+\.md$", name)
                    and not name.endswith(("index.md", ".fr.md"))]
    assert len(record_pages) > 200
    for name in record_pages:
        english, french = graph(files[name]), graph(files[name[:-3] + ".fr.md"])
        for node in english + french:
            assert not ("WebPage" in types(node) and len(types(node)) > 1), (name, node["@id"])
        web_pages = {node["@id"] for node in english + french if "WebPage" in types(node)}
        subjects = lambda nodes: {n["@id"] for n in nodes if types(n) & {"Person", "Organization", "GovernmentOrganization"}
                                  and n["@id"] not in web_pages and "https://schema.org/name" in n}
        main = lambda nodes: next(n for n in nodes if "WebPage" in types(n))["https://schema.org/mainEntity"][0]["@id"]
        assert main(english) == main(french), name
        assert main(english) not in web_pages and "#" in main(english), name
        assert subjects(english) == subjects(french), name


def test_no_event_is_scheduled_and_no_place_is_invented(files):
    for name, text in pages(files).items():
        if name.startswith("timeline/") and "jsonld" in text:
            for node in graph(text):
                assert "https://schema.org/eventStatus" not in node, name
                for place in node.get("https://schema.org/location", []):
                    assert place.get("@id") or place.get("https://schema.org/name") != [{"@value": "Sahel"}], name




@pytest.fixture(scope="module")
def csl_items(files) -> list[dict]:
    return [item for _, body in blocks(files, "json") for item in json.loads(body)]


def test_every_csl_json_item_has_accessed_and_issued_and_citeproc_renders_it(csl_items):
    assert len(csl_items) > 1000
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    for start in range(0, len(csl_items), 200):
        chunk = csl_items[start:start + 200]
        assert all("accessed" in item and "issued" in item and item["URL"].startswith("http") for item in chunk)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(chunk), formatter.plain)
        for item in chunk:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
        assert len(rendered) == len(chunk) and all("Available at" in entry for entry in rendered)


def test_every_bibtex_entry_parses_in_bibtexparser_and_pybtex_with_url_and_urldate(files):
    entries = blocks(files, "bibtex")
    assert len(entries) > 1000
    for name, body in entries[:: max(1, len(entries) // 400)] + entries[-5:]:
        library = bibtexparser.parse_string(body)
        assert not library.failed_blocks and len(library.entries) == 1, name
        entry = library.entries[0]
        fields = {field.key: field.value for field in entry.fields}
        assert {"url", "urldate", "howpublished", "title"} <= set(fields), name
        assert fields["title"].startswith("{") and fields["title"].endswith("}"), name
        parsed = parse_string(body, "bibtex")
        [(key, pybtex_entry)] = parsed.entries.items()
        assert pybtex_entry.fields["url"].startswith("http") and key == entry.key


def test_citation_cff_validates_against_the_citation_file_format_schema():
    schema = json.loads((CLIENTS / "citation-file-format-1.2.0.schema.json").read_text(encoding="utf-8"))
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    citation["date-released"] = str(citation["date-released"])
    jsonschema.validate(citation, schema, cls=jsonschema.Draft7Validator, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert citation["url"].startswith("https://") and citation["repository-code"].startswith("https://github.com/")


def test_the_work_has_one_name_everywhere(files):
    title = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["title"]
    text = files["people/assimi-goita.md"]
    assert f"howpublished = {{{{{title}}}}}" in text
    assert f'"container-title": "{title}"' in text
    assert json.loads(json.loads(JSONLD.search(text).group(1)))["@graph"][0]["isPartOf"]["name"] == title


@pytest.mark.parametrize("feed", ["feeds/events.atom", "feeds/changes.atom"])
def test_feedparser_reads_each_feed_without_error_and_with_its_language(files, feed):
    parsed = feedparser.parse(files[feed])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == "en" and parsed.entries


def test_an_event_entry_is_updated_when_its_record_changed_not_when_it_happened(files):
    parsed = feedparser.parse(files["feeds/events.atom"])
    assert any(entry.updated != entry.published for entry in parsed.entries)


def test_the_sitemap_lastmod_follows_each_pages_last_change(real_site: Path):
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<lastmod>([0-9-]+)</lastmod>", sitemap)
    assert len(dates) > 1000 and len(set(dates)) > 1
