"""Rendering: each planned page (``site_plan``) as Markdown, in one language.

Python decides *what* a page holds (which records, in which order, which facts in the key
box); the Jinja templates in ``templates/`` only decide *how* it reads.
"""

from __future__ import annotations

import functools
import json
import posixpath
from collections import Counter, defaultdict
from typing import Any, Iterator

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .citation import Citation, fence
from .dossier import Dossier, RecordKey
from .export import CSV_COLLECTIONS, SCHEMA_VERSION
from .graphics import KIND_ORDER, events_chart, member_map
from .i18n import COLLECTION_LABELS, KIND_LABELS, RELATION_LABELS, TIER_DEFINITIONS, TIER_LABELS, UI
from .jsonld import FRAGMENTS, WORK_TITLE, entities, event_entity, page_jsonld
from .model import COLLECTIONS, TIER_ORDER, Event, Source, Text
from .settings import Settings
from .release import latest_release
from .source_weight import best_first
from .text import (escape_attribute, escape_markdown, fold, format_number, format_partial_date, format_span, is_translated, pick,
                   render_prose)

from . import limits
from .site_plan import (DEFAULT_LANGUAGE, Page, _article_label, article_heading, build_nav, directory_url, localized_path, plan_pages, record_path)


@functools.cache
def template_environment() -> Environment:
    """One environment per process: it compiles each template once, so the MkDocs hook's
    regeneration under ``mkdocs serve`` does not recompile them on every edit."""
    return Environment(loader=PackageLoader("aes_dossier", "templates"), undefined=StrictUndefined,
                       autoescape=False, finalize=escape_markdown, keep_trailing_newline=True,
                       trim_blocks=True, lstrip_blocks=True, auto_reload=False)


def _latest(context: dict[str, Any], name: str, shown: list[Any], total: int) -> None:
    """A list cut to its latest rows (pages stay under the weight budget at any size), with
    its full length so that the page can say how many it leaves out."""
    context[name], context[f"{name}_total"] = shown, total


class Renderer:
    """Renders pages in one language; holds what every template may call."""

    def __init__(self, dossier: Dossier, settings: Settings, dates: dict[str, str], lang: str = "en", download: Any = None):
        self.dossier, self.settings, self.dates, self.lang = dossier, settings, dates, lang
        self.download = download
        self.release = latest_release(dossier)
        self.env = template_environment()

    def render(self, page: Page) -> str:
        citations = _Citations(self, page)
        untranslated: list[int] = []
        helpers = self._helpers(page, citations, untranslated)
        if page.template == "print.md.j2":
            parts = [_demote(self._body(part, helpers)) for part in page.context["parts"]]
            body = self.env.get_template(page.template).render(**helpers) + "\n\n" + "\n\n".join(parts)
        else:
            body = self._body(page, helpers)
        footer = self.env.get_template("_footer.md.j2").render(
            citations=citations.listed(), also_reported=citations.also_reported(), updated=self._updated(page), citation=self._citation(page), fence=fence,
            edit_url=self._edit_url(page), report_url=self._report_url(page), **helpers)
        lang = self.lang
        if untranslated:
            notice = f'!!! info "{UI[lang]["untranslated_title"]}"\n\n    {UI[lang]["untranslated"]}\n'
            heading, _, rest = body.partition("\n")
            body = f"{heading}\n\n{notice}{rest}" if heading.startswith("# ") else f"{notice}\n{body}"
        title = page.title(lang)
        front = {"title": title}
        updated = self._last_change(page)
        if updated:  # the sitemap's lastmod (overrides/sitemap.xml)
            front["updated"] = updated
        if page.description:
            front["description"] = page.description(lang)
        front_matter = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items())
        front_matter += f"jsonld: {json.dumps(self._jsonld(page, title), ensure_ascii=False)}\n"
        if page.template == "print.md.j2":  # the same text as every other page: keep it out of search
            front_matter += "search:\n  exclude: true\n"
        elif page.search_boost is not None:
            front_matter += f"search:\n  boost: {page.search_boost}\n"
        return f"---\n{front_matter}---\n\n{body.rstrip()}\n\n{footer.rstrip()}\n"

    def _body(self, page: Page, helpers: dict[str, Any]) -> str:
        context = {**page.context, **self._computed(page)}
        return self.env.get_template(page.template).render(**context, **helpers)

    def _helpers(self, page: Page, citations: "_Citations", untranslated: list[int]) -> dict[str, Any]:
        """What every template may call; links are relative to ``page``, citations numbered on it."""
        lang = self.lang

        def t(text: Any) -> str:
            if not is_translated(text, lang):
                untranslated.append(1)
            return pick(text, lang)

        return {
            "ui": UI[lang], "lang": lang, "d": self.dossier, "page": page, "kind_labels": KIND_LABELS[lang],
            "tiers": TIER_LABELS[lang], "tier_definitions": TIER_DEFINITIONS[lang], "tier_order": TIER_ORDER,
            "relation_labels": RELATION_LABELS[lang], "collection_labels": COLLECTION_LABELS[lang], "coverage": self.dossier.coverage,
            "t": t,
            "prose": lambda text: render_prose(t(text)) if isinstance(text, Text) else escape_markdown(t(text)),
            "date": lambda value: format_partial_date(value, lang),
            "span": lambda start, end: format_span(start, end, lang),
            "cite": citations.cite,
            "link": lambda key, label=None: self.link(page, key, label),
            "url": lambda key: self.url(page, key),
            "href": lambda target: Markup(_relative(page.path, target)),
            "link_path": lambda target, label: Markup(f"[{escape_markdown(label)}]({_relative(page.path, target)})"),
            "article_label": lambda article: _article_label(article, lang),
            "article_heading": lambda article: article_heading(article, lang),
            "events": self.dossier.events_sorted,
            "latest_events": lambda: self.dossier.events_sorted()[-limits.LATEST_EVENTS:][::-1],
            "mentions": lambda key: self.dossier.mentions.get(key, []),
            "mentions_limit": limits.MENTIONS_LIMIT,
            "title_of": self.title_of,
            "citing": lambda source_id: self.dossier.cited_by.get(source_id, []),
            "ratification": lambda instrument, state_id: next((r for r in instrument.ratifications if r.state == state_id), None),
            "post_target": lambda record_id: (self.collection_of(record_id), record_id),
            "record_key": lambda record_id: (self.collection_of(record_id), record_id),
            "key_of": self.key_of,
            "corrections_of": self.corrections_of,
            "md": escape_markdown,
            "raw": Markup,
            "attr": escape_attribute,
            "number": lambda value: format_number(value, lang),
        }

    def _computed(self, page: Page) -> dict[str, Any]:
        """What a page shows beyond its own record: chosen here, so templates only format."""
        d = self.dossier
        key = page.context.get("key")
        states = list(d["states"].values())
        instruments = list(d["instruments"].values())
        related = self.related_events(key) if key else []
        context: dict[str, Any] = {
            "states": states, "instruments": instruments,
            "related_events": related[-limits.RELATED_LIMIT:],
            "related_total": len(related),
            "related_discrepancies": [d["discrepancies"][other[1]] for other in d.mentions.get(key, []) if other[0] == "discrepancies"] if key else [],
            "related_corrections": self.corrections_of(key) if key else [],
        }
        if page.template == "home.md.j2":
            organisations = list(d["organisations"].values())
            context["alliance"] = next((o for o in organisations if o.classification == "alliance"), None)
            context["confederation"] = next((o for o in organisations if o.classification == "confederation"), None)
            context["charter"] = next((i for i in instruments if i.kind == "charter"), None)
            context["treaty"] = next((i for i in instruments if i.kind == "treaty"), None)
        elif page.template == "organisation.md.j2":
            by_organisation, by_member, organs = self._membership_index
            members = sorted(by_organisation.get(key[1], []), key=lambda m: (m.start or "", m.member))
            _latest(context, "members", [{"record": m, "member_key": (self.collection_of(m.member), m.member)}
                                         for m in members[-limits.SIDE_LIST_LIMIT:]], len(members))
            memberships = sorted(by_member.get(key[1], []), key=lambda m: (m.start or "", m.organisation))
            _latest(context, "memberships", memberships[-limits.SIDE_LIST_LIMIT:], len(memberships))
            context["organs"] = organs.get(key[1], [])
        elif page.template == "state.md.j2":
            memberships = sorted(self._membership_index[1].get(key[1], []), key=lambda m: (m.start or "", m.organisation))
            _latest(context, "memberships", memberships[-limits.SIDE_LIST_LIMIT:], len(memberships))
            context["ratifications"] = [(i, r) for i in instruments for r in i.ratifications if r.state == key[1]]
            leaders = sorted(((person, post) for person in d["people"].values() for post in person.posts
                              if post.organisation == key[1]), key=lambda pair: (pair[1].start or "", pair[0].id))
            _latest(context, "leaders", leaders[-limits.SIDE_LIST_LIMIT:], len(leaders))
            for name, kind in (("coups", "coup"), ("withdrawals", "withdrawal")):
                chosen = [e for e in related if e.kind == kind]
                _latest(context, name, chosen[-limits.SIDE_LIST_LIMIT:], len(chosen))
        elif page.template == "timeline.md.j2":
            events = d.events_sorted()
            counts = Counter((e.date[:4], e.kind) for e in events)
            labels = KIND_LABELS[self.lang]
            context["all_events"] = events if len(events) <= limits.TIMELINE_INLINE_LIMIT else []
            context["recent_events"] = events[-limits.LIST_RECENT:][::-1]
            context["event_count"] = len(events)
            context["chart_counts"] = counts
            context["chart_kinds"] = [k for k in KIND_ORDER if any(kind == k for _, kind in counts)]
            context["chart_svg"] = events_chart(counts, labels, UI[self.lang]["chart_title"], UI[self.lang]["chart_desc"])
        elif page.template == "states.md.j2":
            context["map_svg"] = self.map_svg()
            context["latest_coups"] = {s.id: next((e for e in reversed(self.related_events(("states", s.id)))
                                                   if e.kind == "coup"), None) for s in states}
            left = {s.id: sorted((m for m in self._membership_index[1].get(s.id, []) if m.end), key=lambda m: m.end)
                    for s in states}
            context["left"] = {state: ended[-limits.SIDE_LIST_LIMIT:] for state, ended in left.items()}
            context["left_more"] = {state: max(0, len(ended) - limits.SIDE_LIST_LIMIT) for state, ended in left.items()}
        elif page.template == "data.md.j2":
            context["collections"] = list(COLLECTIONS.items())
            context["csv_collections"] = CSV_COLLECTIONS
            context["schema_version"] = SCHEMA_VERSION
            context["release"], context["download"] = self.release, self.download
        elif page.template == "year.md.j2":
            start, end = page.context["slice"]
            context["year_events"] = d.events_by_year()[page.context["year"]][start:end]
        elif page.template == "people.md.j2":
            start, end = page.context["slice"]
            context["people"] = self._sorted_lists["people"][start:end]
        elif page.template == "organisations.md.j2":
            start, end = page.context["slice"]
            context["organisations"] = self._sorted_lists["organisations"][start:end]
        elif page.template == "discrepancies.md.j2":
            context["discrepancies"] = list(d["discrepancies"].values())
        elif page.template == "glossary.md.j2":
            context["terms"] = sorted(d["glossary"].values(), key=lambda g: sort_text(pick(g.term, self.lang)))
        elif page.template == "changelog.md.j2":
            context["releases"] = sorted(d["releases"].values(), key=lambda r: (r.date, r.version), reverse=True)
        elif page.template == "corrections.md.j2":
            context["corrections"] = sorted(d["corrections"].values(), key=lambda c: (c.date, c.id), reverse=True)
        elif page.template == "partners.md.j2":
            counterparts = {r.counterpart for partner in d["partners"].values() for r in partner.relations}
            columns = [*sorted(c for c in counterparts if c in d["organisations"]), *d["states"]]
            context["columns"] = [(self.collection_of(column), column) for column in columns]
            context["rows"] = [(partner, {r.counterpart: r for r in partner.relations})
                               for partner in sorted(d["partners"].values(), key=lambda p: sort_text(pick(p.name, self.lang)))]
        elif page.template == "methodology.md.j2":
            events = d.events_sorted()
            context.update(first_event=events[0].date, last_event=events[-1].date, event_count=len(events),
                           source_count=len(d.sources),
                           tier_rows=[{"tier": tier, "count": len(self._sorted_by_tier[tier]), "example": max(self._sorted_by_tier[tier], key=lambda source: len(d.cited_by.get(source.id, [])))}
                                      for tier in TIER_ORDER if self._sorted_by_tier[tier]])
        elif page.template == "sources.md.j2":
            start, end = page.context["slice"]
            tier = page.context.get("tier")
            listed = self._sorted_by_tier[tier] if tier else self._sorted_lists["sources"]
            context["sources"] = listed[start:end]
            context["tier_counts"] = {name: len(self._sorted_by_tier[name]) for name in TIER_ORDER if self._sorted_by_tier[name]}
        return context

    @functools.cached_property
    def _sorted_by_tier(self) -> dict[str, list[Source]]:
        by_tier: dict[str, list[Source]] = {tier: [] for tier in TIER_ORDER}
        for source in self._sorted_lists["sources"]:
            by_tier[source.tier].append(source)
        return by_tier

    @functools.cached_property
    def _sorted_lists(self) -> dict[str, list[Any]]:
        """The people, organisations and sources lists in reading order, sorted once per
        renderer rather than once for each of their pages."""
        d = self.dossier
        return {"people": sorted(d["people"].values(), key=lambda p: sort_text(p.sort_name or p.name)),
                "organisations": sorted(d["organisations"].values(), key=lambda o: sort_text(pick(o.name, self.lang))),
                "sources": sorted(d.sources.values(), key=lambda s: _source_order(s.id))}

    @functools.cached_property
    def _membership_index(self) -> tuple[dict[str, list[Any]], dict[str, list[Any]], dict[str, list[Any]]]:
        """Memberships by organisation and by member, and organs by parent: built once per renderer,
        not scanned once per page (that was quadratic in the number of organisations)."""
        by_organisation: dict[str, list[Any]] = defaultdict(list)
        by_member: dict[str, list[Any]] = defaultdict(list)
        organs: dict[str, list[Any]] = defaultdict(list)
        for membership in self.dossier["memberships"].values():
            by_organisation[membership.organisation].append(membership)
            by_member[membership.member].append(membership)
        for organisation in self.dossier["organisations"].values():
            if organisation.parent:
                organs[organisation.parent].append(organisation)
        return by_organisation, by_member, organs

    def map_svg(self) -> Markup:
        names = {state.id: pick(state.name, self.lang) for state in self.dossier["states"].values()}
        ui = UI[self.lang]
        return member_map(names, ui["map_title"], ui["map_desc"], ui["tri_border"])

    def corrections_of(self, key: RecordKey) -> list[Any]:
        """The corrections of a record, newest first: its page says it was corrected."""
        found = [self.dossier["corrections"][other[1]] for other in self.dossier.mentions.get(key, []) if other[0] == "corrections"]
        return sorted(found, key=lambda c: c.date, reverse=True)

    def key_of(self, text: str) -> RecordKey | None:
        """``events:2024-07-06-summit`` as a record key, if the record still exists."""
        collection, _, record_id = text.partition(":")
        if collection == "articles":
            return (collection, record_id) if record_id in self.dossier.articles else None
        return (collection, record_id) if record_id in self.dossier.records.get(collection, {}) else None

    def related_events(self, key: RecordKey) -> list[Event]:
        events = [self.dossier["events"][other[1]] for other in self.dossier.mentions.get(key, []) if other[0] == "events"]
        return sorted(events, key=lambda e: (e.date, e.id))

    def collection_of(self, record_id: str) -> str:
        for collection in ("states", "organisations", "people", "instruments", "events", "partners", "memberships", "glossary"):
            if record_id in self.dossier[collection]:
                return collection
        return "articles"

    def title_of(self, key: RecordKey) -> str:
        collection, record_id = key
        if collection == "articles":
            return article_heading(self.dossier.articles[record_id][1], self.lang)
        record = self.dossier[collection][record_id]
        for attribute in ("name", "title", "term", "topic"):
            value = getattr(record, attribute, None)
            if value is not None:
                return pick(value, self.lang)
        return record_id

    def url(self, page: Page, key: RecordKey) -> Markup:
        return Markup(_relative(page.path, record_path(self.dossier, key)))

    def link(self, page: Page, key: RecordKey, label: str | None = None) -> Markup:
        text = escape_markdown(label if label is not None else self.title_of(key))
        return Markup(f"[{text}]({self.url(page, key)})")

    def _last_change(self, page: Page) -> str | None:
        """When the data a page shows last changed; for a page that shows no record (the Data
        page, the methodology), when the dossier as a whole last changed."""
        known = [self.dates[path] for path in page.data_files if path in self.dates]
        if known:
            return max(known)
        return max(self.dates.values()) if self.dates else None

    def _updated(self, page: Page) -> str:
        last = self._last_change(page)
        return format_partial_date(last, self.lang) if last else ""

    def absolute_url(self, target: str) -> str:
        """The published address of a docs path (with its anchor), in this renderer's language."""
        path, _, anchor = target.partition("#")
        prefix = "" if self.lang == DEFAULT_LANGUAGE else f"{self.lang}/"
        return f"{self.settings.site_url}{prefix}{directory_url(path)}" + (f"#{anchor}" if anchor else "")

    def identity(self, key: RecordKey) -> str:
        """A record's entity, the same on both editions: its English page's address and a
        fragment (``…/people/assimi-goita/#person``; an event, its anchor on its year page)."""
        path, _, anchor = record_path(self.dossier, key).partition("#")
        return f"{self.settings.site_url}{directory_url(path)}#{anchor or FRAGMENTS.get(key[0], 'record')}"

    def _jsonld(self, page: Page, title: str) -> str:
        def url(key: RecordKey) -> str:
            return self.absolute_url(record_path(self.dossier, key))
        key = page.context.get("key")
        main: list[dict[str, Any]] = []
        about_all = False
        if key:
            main = entities(self.dossier, key, self.lang, url, self.identity)
        elif page.template == "year.md.j2":  # the events this page shows, not the whole year
            start, end = page.context["slice"]
            main = [event_entity(e, self.lang, url(("events", e.id)), self.identity(("events", e.id)))
                    for e in self.dossier.events_by_year()[page.context["year"]][start:end]]
            about_all = True
        return page_jsonld(self.absolute_url(page.path), title, self.lang, self._last_change(page), main,
                           self.settings.site_url, about_all)

    def _citation(self, page: Page) -> Citation:
        key = "aes-dossier-" + (page.path[:-3].replace("/", "-").removesuffix("-index") or "home")
        return Citation(key=key + ("" if self.lang == DEFAULT_LANGUAGE else f"-{self.lang}"), title=page.title(self.lang),
                        site=WORK_TITLE, url=self.absolute_url(page.path),
                        updated=self._last_change(page), lang=self.lang,
                        version=self.release.version if self.release else None)

    def _report_url(self, page: Page) -> str:
        key = page.context.get("key")
        return self.settings.report_url(page.path[:-3], "/".join(key) if key else "", page.edit_target)

    def _edit_url(self, page: Page) -> str:
        target = page.edit_target
        return self.settings.edit_url(target) if target.endswith(".yaml") else self.settings.tree_url(target)


class _Citations:
    """Numbers sources in order of first use on a page, for the list that ends it."""

    def __init__(self, renderer: Renderer, page: Page):
        self.renderer, self.page = renderer, page
        self.numbers: dict[str, int] = {}
        self.also: dict[str, None] = {}

    def cite(self, source_ids: list[str]) -> Markup:
        """The best three sources of a group as numbered marks (``source_weight``); the others
        are kept for the page's "Also reported by" list."""
        shown, others = best_first(self.renderer.dossier.sources, source_ids)
        marks = []
        label = UI[self.renderer.lang]["source_mark"]
        for source_id in shown:
            number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
            source = self.renderer.dossier.sources[source_id]
            name = escape_attribute(label.format(number=number, publisher=source.publisher))
            marks.append(f'<a href="#ref-{source_id}" aria-label="{name}">{number}</a>')
        self.also.update(dict.fromkeys(others))
        return Markup(f'<sup class="dossier-marks">{",".join(marks)}</sup>' if marks else "")

    def listed(self) -> list[tuple[int, Source]]:
        return [(number, self.renderer.dossier.sources[source_id]) for source_id, number in self.numbers.items()]

    def also_reported(self) -> list[Source]:
        """Sources cited on the page but left out of every citation group, best first."""
        sources = self.renderer.dossier.sources
        rest = [source_id for source_id in self.also if source_id not in self.numbers]
        return [sources[source_id] for source_id in best_first(sources, rest, limit=len(rest))[0]]


def _demote(body: str) -> str:
    """Headings one level down, so that a page's title becomes a section of the printable page."""
    return "\n".join("#" + line if line.startswith("#") else line for line in body.splitlines())


sort_text = fold
"""Sort key that files É with E (accent-blind, case-blind), as readers of both languages expect."""


def _source_order(source_id: str) -> tuple[int, str]:
    digits = "".join(char for char in source_id if char.isdigit())
    return (0 if source_id.startswith("seed") else 1, f"{int(digits or 0):06d}")


@functools.lru_cache(maxsize=262144)
def _relative(from_page: str, target: str) -> str:
    path, _, anchor = target.partition("#")
    relative = posixpath.relpath(path, posixpath.dirname(from_page) or ".") if path else ""
    if path and path == from_page:
        relative = ""
    return f"{relative}#{anchor}" if anchor else relative


def render_pages(dossier: Dossier, settings: Settings, dates: dict[str, str], lang: str,
                 pages: list[Page], download: Any = None) -> Iterator[tuple[str, str]]:
    """Each page's path under ``docs/`` and its text in ``lang``, one at a time.

    Links inside pages and the navigation use the default-language paths; the i18n plugin
    points them at the same page in the reader's language.
    """
    renderer = Renderer(dossier, settings, dates, lang, download)
    for page in pages:
        yield localized_path(page.path, lang), renderer.render(page)


def render_site(dossier: Dossier, settings: Settings, dates: dict[str, str], lang: str = "en") -> tuple[dict[str, str], list[Any]]:
    """Every page's text in ``lang``, keyed by its path, and the navigation (for tests and tools
    that want the whole edition at once)."""
    pages = plan_pages(dossier)
    return dict(render_pages(dossier, settings, dates, lang, pages)), build_nav(dossier, pages, lang)
