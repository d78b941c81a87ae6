"""Open data: the dossier as static files that researchers and developers can use directly.

- ``api/v1/``: one JSON file per collection and one per record, each with ``schema_version``,
  the build date and the data licence; an index of the endpoints; the JSON Schemas beside them;
  CSV for the tabular collections.
- ``feeds/``: an Atom feed of the latest events and an iCalendar file of every dated event,
  whole-day, with reduced precision kept (an event known to the month spans the month).

Field names are part of the contract with users: ``API_FIELDS`` (tests/fixtures) pins them,
and renaming one without bumping ``SCHEMA_VERSION`` fails a test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from .dates import PartialDate
from .dossier import Dossier
from .history import build_date
from .model import COLLECTIONS
from .release import latest_release
from .schema import collection_schema_text, envelope_schema_text

SCHEMA_VERSION = "1.1.0"
API_ROOT = "api/v1"
DATA_LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
CSV_COLLECTIONS = ("events", "people", "memberships", "sources")
FEED_SIZE = 30


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _envelope(kind: str, data: Any, built: str, release: str | None) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "release": release, "built": built, "licence": DATA_LICENCE, "kind": kind, "data": data}


def _records(dossier: Dossier, collection: str) -> list[dict[str, Any]]:
    return [record.model_dump(mode="json", exclude_none=True) for record in dossier[collection].values()]


def api_files(dossier: Dossier, built: str | None = None) -> dict[str, str]:
    """Every API file, keyed by its path under ``docs/``; ``built`` fixes the build date (the
    release's date in the reproducible download)."""
    built = built or build_date().isoformat()
    latest = latest_release(dossier)
    release = latest.version if latest else None
    files: dict[str, str] = {}
    endpoints = []
    for collection in COLLECTIONS:
        records = _records(dossier, collection)
        files[f"{API_ROOT}/{collection}.json"] = _dump(_envelope(collection, records, built, release))
        endpoints.append({"collection": collection, "url": f"{collection}.json", "records": len(records),
                          "record_url": f"{collection}/{{id}}.json", "schema": f"schema/{collection}.json",
                          "url_schema": f"schema/{collection}.list.json", "record_url_schema": f"schema/{collection}.file.json",
                          "csv": f"{collection}.csv" if collection in CSV_COLLECTIONS else None})
        for record in records:
            files[f"{API_ROOT}/{collection}/{record['id']}.json"] = _dump(_envelope(collection, record, built, release))
        files[f"{API_ROOT}/schema/{collection}.json"] = collection_schema_text(collection)
        files[f"{API_ROOT}/schema/{collection}.list.json"] = envelope_schema_text(collection, True)
        files[f"{API_ROOT}/schema/{collection}.file.json"] = envelope_schema_text(collection, False)
    for collection in CSV_COLLECTIONS:
        files[f"{API_ROOT}/{collection}.csv"] = _csv(dossier, collection)
    coverage = dossier.coverage
    files[f"{API_ROOT}/index.json"] = _dump({"schema_version": SCHEMA_VERSION, "release": release, "built": built, "licence": DATA_LICENCE,
                                            "coverage": {"covers_until": coverage.covers_until, "last_reviewed": coverage.last_reviewed} if coverage else None,
                                            "endpoints": endpoints,
                                            "feeds": {"atom": "../../feeds/events.atom", "icalendar": "../../feeds/events.ics",
                                                      "changes": "../../feeds/changes.atom"}})
    return files


CSV_COLUMNS: dict[str, list[str]] = {
    "events": ["id", "date", "end_date", "kind", "title_en", "title_fr", "summary_en", "summary_fr", "countries",
               "people", "organisations", "instruments", "articles", "confidence", "sources"],
    "people": ["id", "name", "sort_name", "aliases", "nationality", "summary_en", "summary_fr", "sources"],
    "memberships": ["id", "member", "organisation", "role_en", "role_fr", "start", "end", "sources"],
    "sources": ["id", "title", "publisher", "date", "url", "language", "kind", "tier", "via"],
}


def _csv_value(record: Any, column: str) -> str:
    field, _, lang = column.rpartition("_") if column.endswith(("_en", "_fr")) else (column, "", "")
    value = getattr(record, field, None)
    if lang:
        return getattr(value, lang, None) or "" if value is not None else ""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return "" if value is None else str(value)


def _csv(dossier: Dossier, collection: str) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    columns = CSV_COLUMNS[collection]
    writer.writerow(columns)
    for record in dossier[collection].values():
        writer.writerow([_csv_value(record, column) for column in columns])
    return stream.getvalue()


def api_fields(dossier: Dossier) -> dict[str, list[str]]:
    """The field names each collection publishes (the names users' code depends on)."""
    fields = {name: sorted(COLLECTIONS[name].model_json_schema()["properties"]) for name in COLLECTIONS}
    fields.update({f"{name}.csv": CSV_COLUMNS[name] for name in CSV_COLLECTIONS})
    return fields


# --- feeds ---------------------------------------------------------------------------------------

def atom_feed(dossier: Dossier, site_url: str, event_url, dates: dict[str, str] | None = None) -> str:
    """The latest events, newest first; ``event_url(event)`` gives each event's address. An
    entry's ``updated`` is when its record last changed (its data file's last commit), not the
    day the event happened; the feed's is the newest of those, so it moves only with the data."""
    events = dossier.events_sorted()[-FEED_SIZE:][::-1]
    dates = dates or {}
    changed = {event.id: dates.get(dossier.data_file(("events", event.id))) or PartialDate.parse(event.date).earliest().isoformat()
               for event in events}
    updated = f"{max(changed.values(), default=build_date().isoformat())}T00:00:00Z"
    entries = []
    for event in events:
        when = changed[event.id]
        published = PartialDate.parse(event.date).earliest().isoformat()
        entries.append(
            "  <entry>\n"
            f"    <id>{xml_escape(site_url)}#event-{event.id}</id>\n"
            f"    <title>{xml_escape(event.title.en)}</title>\n"
            f"    <link rel=\"alternate\" href=\"{xml_escape(event_url(event))}\"/>\n"
            f"    <updated>{when}T00:00:00Z</updated>\n"
            f"    <published>{published}T00:00:00Z</published>\n"
            f"    <summary>{xml_escape(event.date + ': ' + event.summary.en)}</summary>\n"
            f"    <category term=\"{event.kind}\"/>\n"
            "  </entry>\n")
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
            f"  <id>{xml_escape(site_url)}feeds/events.atom</id>\n"
            "  <title>AES dossier: latest events</title>\n"
            f"  <link rel=\"self\" href=\"{xml_escape(site_url)}feeds/events.atom\"/>\n"
            f"  <link rel=\"alternate\" href=\"{xml_escape(site_url)}timeline/\"/>\n"
            f"  <updated>{updated}</updated>\n"
            "  <author><name>AES dossier contributors</name></author>\n"
            f"  <rights>Data {DATA_LICENCE['name']} ({DATA_LICENCE['url']})</rights>\n"
            + "".join(entries) + "</feed>\n")


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 folding: lines of at most 75 octets, continued with a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def icalendar(dossier: Dossier, site_url: str, event_url) -> str:
    """Every dated event as a whole-day entry; a month or a year stays a month or a year long."""
    stamp = f"{build_date().strftime('%Y%m%d')}T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//AES dossier//Timeline//EN", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:AES dossier timeline"]
    for event in dossier.events_sorted():
        start = PartialDate.parse(event.date)
        end = PartialDate.parse(event.end_date) if event.end_date else start
        last = end.latest() if event.end_date or start.precision != "day" else start.earliest()
        precision = {"day": "", "month": " (date known to the month only)", "year": " (date known to the year only)"}[start.precision]
        lines += ["BEGIN:VEVENT", f"UID:{event.id}@aes-dossier", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{start.earliest().strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(last + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{_ics_text(event.title.en + precision)}",
                  f"DESCRIPTION:{_ics_text(event.summary.en)}",
                  f"URL:{event_url(event)}",
                  f"CATEGORIES:{event.kind}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def changes_feed(dossier: Dossier, site_url: str) -> str:
    """Releases and corrections, newest first: how a reader who cited the dossier learns that it
    changed. Each entry's ``updated`` is its own date, and the feed's the newest entry's, so the
    feed changes only when the data does."""
    entries = []
    for release in dossier["releases"].values():
        entries.append((release.date, f"{site_url}changelog/#release-{release.id}", f"Release {release.version}",
                        release.summary.en, f"{site_url}changelog/#release-{release.id}", "release"))
    for correction in dossier["corrections"].values():
        entries.append((correction.date, f"{site_url}corrections/#{correction.id}", f"Correction: {correction.wrong.en}",
                        correction.right.en, f"{site_url}corrections/#{correction.id}", "correction"))
    entries.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    newest = entries[0][0] if entries else "1970-01-01"
    body = "".join(
        "  <entry>\n"
        f"    <id>{xml_escape(entry_id)}</id>\n"
        f"    <title>{xml_escape(title)}</title>\n"
        f"    <link rel=\"alternate\" type=\"text/html\" href=\"{xml_escape(link)}\"/>\n"
        f"    <updated>{date}T00:00:00Z</updated>\n"
        f"    <summary>{xml_escape(summary)}</summary>\n"
        f"    <category term=\"{kind}\"/>\n"
        "  </entry>\n" for date, entry_id, title, summary, link, kind in entries)
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
            f"  <id>{xml_escape(site_url)}feeds/changes.atom</id>\n"
            "  <title>AES dossier: releases and corrections</title>\n"
            f"  <link rel=\"self\" type=\"application/atom+xml\" href=\"{xml_escape(site_url)}feeds/changes.atom\"/>\n"
            f"  <link rel=\"alternate\" type=\"text/html\" href=\"{xml_escape(site_url)}changelog/\"/>\n"
            f"  <updated>{newest}T00:00:00Z</updated>\n"
            "  <author><name>AES dossier contributors</name></author>\n"
            f"  <rights>Data {DATA_LICENCE['name']} ({DATA_LICENCE['url']})</rights>\n"
            + body + "</feed>\n")


def feed_files(dossier: Dossier, site_url: str, dates: dict[str, str] | None = None) -> dict[str, str]:
    def event_url(event: Any) -> str:
        return f"{site_url}timeline/{event.date[:4]}/#{event.id}"
    return {"feeds/events.atom": atom_feed(dossier, site_url, event_url, dates),
            "feeds/events.ics": icalendar(dossier, site_url, event_url),
            "feeds/changes.atom": changes_feed(dossier, site_url)}
