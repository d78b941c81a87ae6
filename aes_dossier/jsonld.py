"""schema.org JSON-LD for every page, so that search engines and citation tools read the facts.

GovernmentOrganization with OrganizationRole members (with dates) for the Alliance and the
Confederation; Country for the members; Legislation with ``hasPart`` per article for the
Charter and the treaty; Event for timeline events; Person with affiliations.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from .dossier import Dossier, RecordKey
from .export import DATA_LICENCE
from .model import Event
from .text import pick

GOVERNMENTAL = {"alliance", "confederation", "confederal-organ", "government-body", "junta", "regional-organisation",
                "international-organisation", "development-authority"}


def _names(value: Any, lang: str) -> tuple[str, list[str]]:
    main = pick(value, lang)
    others = [v for v in (getattr(value, "en", None), getattr(value, "fr", None)) if v and v != main]
    return main, others


def entity(dossier: Dossier, key: RecordKey, lang: str, url: Callable[[RecordKey], str]) -> dict[str, Any] | None:
    collection, record_id = key
    if collection == "states":
        state = dossier["states"][record_id]
        name, others = _names(state.name, lang)
        return {"@type": "Country", "@id": url(key), "name": name, "alternateName": others + [pick(state.official_name, lang)],
                "identifier": [state.iso_alpha2, state.iso_alpha3], "url": url(key)}
    if collection == "organisations":
        org = dossier["organisations"][record_id]
        name, others = _names(org.name, lang)
        data: dict[str, Any] = {"@type": "GovernmentOrganization" if org.classification in GOVERNMENTAL else "Organization",
                                "@id": url(key), "name": name, "alternateName": others + list(org.aliases), "url": url(key),
                                "description": pick(org.summary, lang)}
        if org.founded:
            data["foundingDate"] = org.founded
        if org.dissolved:
            data["dissolutionDate"] = org.dissolved
        members = [m for m in dossier["memberships"].values() if m.organisation == record_id]
        if members:
            data["member"] = []
            for m in members:
                member_key = ("states", m.member) if m.member in dossier["states"] else ("organisations", m.member)
                role: dict[str, Any] = {"@type": "OrganizationRole",
                                        "member": {"@type": "Country" if member_key[0] == "states" else "Organization",
                                                   "@id": url(member_key),
                                                   "name": pick(dossier[member_key[0]][m.member].name, lang)}}
                if m.start:
                    role["startDate"] = m.start
                if m.end:
                    role["endDate"] = m.end
                if m.role:
                    role["roleName"] = pick(m.role, lang)
                data["member"].append(role)
        return data
    if collection == "instruments":
        instrument = dossier["instruments"][record_id]
        return {"@type": "Legislation", "@id": url(key), "name": pick(instrument.title, lang), "url": url(key),
                "legislationDate": instrument.date, "inLanguage": "fr", "legislationType": instrument.kind,
                "description": pick(instrument.summary, lang),
                "hasPart": [_article(dossier, a.id, lang, url) for a in instrument.articles]}
    if collection == "articles":
        instrument, _ = dossier.articles[record_id]
        data = _article(dossier, record_id, lang, url)
        data["isPartOf"] = {"@type": "Legislation", "@id": url(("instruments", instrument.id)), "name": pick(instrument.title, lang)}
        return data
    if collection == "people":
        person = dossier["people"][record_id]
        data = {"@type": "Person", "@id": url(key), "name": person.name, "alternateName": list(person.aliases),
                "url": url(key), "description": pick(person.summary, lang)}
        affiliations = []
        for post in person.posts:
            if post.organisation:
                kind = "states" if post.organisation in dossier["states"] else "organisations"
                affiliations.append({"@type": "Country" if kind == "states" else "Organization",
                                     "@id": url((kind, post.organisation)),
                                     "name": pick(dossier[kind][post.organisation].name, lang)})
        if affiliations:
            data["affiliation"] = affiliations
        if person.nationality:
            data["nationality"] = {"@type": "Country", "@id": url(("states", person.nationality))}
        return data
    return None


def _article(dossier: Dossier, article_id: str, lang: str, url: Callable[[RecordKey], str]) -> dict[str, Any]:
    _, article = dossier.articles[article_id]
    identifier = (f"Article {article.number_label or article.number}" if article.number is not None or article.number_label
                  else "Article number unknown")
    return {"@type": "Legislation", "@id": url(("articles", article_id)), "name": pick(article.title, lang),
            "legislationIdentifier": identifier, "inLanguage": "fr", "url": url(("articles", article_id))}


def event_entity(event: Event, lang: str, event_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Event", "@id": event_url, "name": pick(event.title, lang), "startDate": event.date,
                            "description": pick(event.summary, lang), "url": event_url,
                            "eventStatus": "https://schema.org/EventScheduled"}
    if event.end_date:
        data["endDate"] = event.end_date
    data["location"] = ([{"@type": "Place", "name": pick(place, lang)} for place in event.places]
                        or {"@type": "Place", "name": "Sahel"})
    return data


def page_jsonld(page_url: str, title: str, lang: str, updated: str | None, main: list[dict[str, Any]]) -> str:
    """The JSON-LD of one page, safe to place inside a <script> element."""
    web_page: dict[str, Any] = {"@type": "WebPage", "@id": page_url, "url": page_url, "name": title, "inLanguage": lang,
                                "license": DATA_LICENCE["url"], "isPartOf": {"@type": "WebSite", "name": "AES dossier"}}
    if updated:
        web_page["dateModified"] = updated
    if main:
        web_page["mainEntity"] = {"@id": main[0]["@id"]}
    document = {"@context": "https://schema.org", "@graph": [web_page, *main]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
