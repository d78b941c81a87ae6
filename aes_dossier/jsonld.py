"""schema.org JSON-LD for every page, so that search engines, knowledge graphs and citation tools
read the facts.

One identity per thing, the same on both editions: a record's entity is named by its
English page's address with a fragment (``…/people/assimi-goita/#person``); each page is a
``WebPage`` with its own address that is ``about`` that entity, so a graph never merges a page
with a person. Member and partner states are a ``GovernmentOrganization`` (what ``member`` and
``affiliation`` expect) that serves a ``Country`` (what ``nationality`` expects). Timeline
events have happened: no scheduled status, and a place only where the data names one.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from .dossier import Dossier, RecordKey
from .export import DATA_LICENCE
from .model import Event
from .text import pick

WORK_TITLE = "The Alliance of Sahel States: a sourced dossier"
"""The work's one name, in CITATION.cff, the citations and the JSON-LD."""

GOVERNMENTAL = {"alliance", "confederation", "confederal-organ", "government-body", "junta", "regional-organisation",
                "international-organisation", "development-authority", "un-mission", "eu-mission", "court"}
FRAGMENTS = {"states": "state", "partners": "state", "organisations": "organisation", "people": "person",
             "instruments": "instrument", "articles": "article"}
"""The fragment that names a record's entity on its page (events use their own anchor)."""

Url = Callable[[RecordKey], str]


def _names(value: Any, lang: str) -> tuple[str, list[str]]:
    main = pick(value, lang)
    others = [v for v in (getattr(value, "en", None), getattr(value, "fr", None)) if v and v != main]
    return main, others


def country_id(state_identity: str) -> str:
    return state_identity.rsplit("#", 1)[0] + "#country"


def _reference(dossier: Dossier, key: RecordKey, lang: str, ident: Url) -> dict[str, Any]:
    """A pointer to another record's entity, typed as schema.org expects organisations to be."""
    collection, record_id = key
    record = dossier[collection][record_id]
    kind = "GovernmentOrganization" if collection in ("states", "partners") else (
        "GovernmentOrganization" if getattr(record, "classification", "") in GOVERNMENTAL else "Organization")
    return {"@type": kind, "@id": ident(key), "name": pick(record.name, lang)}


def _state(record: Any, key: RecordKey, lang: str, url: Url, ident: Url, codes: list[str]) -> list[dict[str, Any]]:
    name, others = _names(record.name, lang)
    official = getattr(record, "official_name", None)
    country = {"@type": "Country", "@id": country_id(ident(key)), "name": name, "identifier": codes}
    state = {"@type": "GovernmentOrganization", "@id": ident(key), "name": name, "url": url(key),
             "alternateName": others + ([pick(official, lang)] if official else []) + list(getattr(record, "aliases", [])),
             "areaServed": {"@id": country["@id"]}, "description": pick(record.summary, lang)}
    return [state, country]


def entities(dossier: Dossier, key: RecordKey, lang: str, url: Url, ident: Url) -> list[dict[str, Any]]:
    """The nodes a record's page is about; the first is its main entity."""
    collection, record_id = key
    if collection == "states":
        state = dossier["states"][record_id]
        return _state(state, key, lang, url, ident, [state.iso_alpha2, state.iso_alpha3])
    if collection == "partners":
        partner = dossier["partners"][record_id]
        return _state(partner, key, lang, url, ident, [partner.iso_alpha2])
    if collection == "organisations":
        org = dossier["organisations"][record_id]
        name, others = _names(org.name, lang)
        data: dict[str, Any] = {"@type": "GovernmentOrganization" if org.classification in GOVERNMENTAL else "Organization",
                                "@id": ident(key), "name": name, "alternateName": others + list(org.aliases), "url": url(key),
                                "description": pick(org.summary, lang)}
        if org.founded:
            data["foundingDate"] = org.founded
        if org.dissolved:
            data["dissolutionDate"] = org.dissolved
        if org.parent:
            data["parentOrganization"] = _reference(dossier, ("organisations", org.parent), lang, ident)
        members = [m for m in dossier["memberships"].values() if m.organisation == record_id]
        if members:
            data["member"] = []
            for m in members:
                member_key = ("states", m.member) if m.member in dossier["states"] else ("organisations", m.member)
                role: dict[str, Any] = {"@type": "OrganizationRole", "member": _reference(dossier, member_key, lang, ident)}
                if m.start:
                    role["startDate"] = m.start
                if m.end:
                    role["endDate"] = m.end
                if m.role:
                    role["roleName"] = pick(m.role, lang)
                data["member"].append(role)
        return [data]
    if collection == "instruments":
        instrument = dossier["instruments"][record_id]
        return [{"@type": "Legislation", "@id": ident(key), "name": pick(instrument.title, lang), "url": url(key),
                 "legislationDate": instrument.date, "inLanguage": "fr", "legislationType": instrument.kind,
                 "description": pick(instrument.summary, lang),
                 "hasPart": [{"@id": ident(("articles", a.id))} for a in instrument.articles]}]
    if collection == "articles":
        instrument, _ = dossier.articles[record_id]
        data = _article(dossier, record_id, lang, url, ident)
        data["isPartOf"] = {"@type": "Legislation", "@id": ident(("instruments", instrument.id)), "name": pick(instrument.title, lang)}
        return [data]
    if collection == "people":
        person = dossier["people"][record_id]
        data = {"@type": "Person", "@id": ident(key), "name": person.name, "alternateName": list(person.aliases),
                "url": url(key), "description": pick(person.summary, lang)}
        seen: set[str] = set()
        affiliations = []
        for post in person.posts:
            if post.organisation and post.organisation not in seen:
                seen.add(post.organisation)
                kind = "states" if post.organisation in dossier["states"] else "organisations"
                affiliations.append(_reference(dossier, (kind, post.organisation), lang, ident))
        if affiliations:
            data["affiliation"] = affiliations
        if person.nationality:
            data["nationality"] = {"@type": "Country", "@id": country_id(ident(("states", person.nationality)))}
        return [data]
    return []


def _article(dossier: Dossier, article_id: str, lang: str, url: Url, ident: Url) -> dict[str, Any]:
    _, article = dossier.articles[article_id]
    identifier = (f"Articles {', '.join(article.number_labels)}" if article.number_labels
                  else f"Article {article.number_label or article.number}" if article.number is not None or article.number_label
                  else "Article number unknown")
    return {"@type": "Legislation", "@id": ident(("articles", article_id)), "name": pick(article.title, lang),
            "legislationIdentifier": identifier, "inLanguage": "fr", "url": url(("articles", article_id))}


def event_entity(event: Event, lang: str, event_url: str, identity: str) -> dict[str, Any]:
    """A past event: no ``eventStatus`` (schema.org's statuses describe events still to come or
    changed plans), and a ``location`` only where the data names a place."""
    data: dict[str, Any] = {"@type": "Event", "@id": identity, "name": pick(event.title, lang), "startDate": event.date,
                            "description": pick(event.summary, lang), "url": event_url}
    if event.end_date:
        data["endDate"] = event.end_date
    if event.places:
        data["location"] = [{"@type": "Place", "name": pick(place, lang)} for place in event.places]
    return data


def page_jsonld(page_url: str, title: str, lang: str, updated: str | None, main: list[dict[str, Any]],
                site_url: str, about_all: bool = False) -> str:
    """The JSON-LD of one page, safe to place inside a <script> element. The page is ``about``
    its main entity (or, for a timeline page, every event it shows)."""
    web_page: dict[str, Any] = {"@type": "WebPage", "@id": page_url, "url": page_url, "name": title, "inLanguage": lang,
                                "license": DATA_LICENCE["url"],
                                "isPartOf": {"@type": "WebSite", "@id": site_url + "#website", "name": WORK_TITLE, "url": site_url}}
    if updated:
        web_page["dateModified"] = updated
    if main:
        web_page["mainEntity"] = {"@id": main[0]["@id"]}
        web_page["about"] = [{"@id": node["@id"]} for node in main] if about_all else {"@id": main[0]["@id"]}
    document = {"@context": "https://schema.org", "@graph": [web_page, *main]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
