"""The site plan: which pages exist, where each record lives, and what each page shows.

Python decides *what* a page holds (which records, in which order, which facts in the key
box); the Jinja templates in ``templates/`` only decide *how* it reads. Every page is
rendered in memory first, so a failure leaves ``docs/`` untouched.
"""

from __future__ import annotations

import functools
import json
import posixpath
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .citation import Citation, fence
from .dossier import Dossier, RecordKey
from .export import CSV_COLLECTIONS, SCHEMA_VERSION
from .graphics import KIND_ORDER, events_chart, member_map
from .i18n import KIND_LABELS, TIER_DEFINITIONS, TIER_LABELS, UI
from .jsonld import entity, event_entity, page_jsonld
from .model import COLLECTIONS, TIER_ORDER, Event, Source, Text
from .settings import Settings
from .source_weight import best_first
from .text import (escape_attribute, escape_markdown, fold, format_number, format_partial_date, format_span, is_translated, pick,
                   render_prose)

LATEST_EVENTS = 6
LIST_RECENT = 100
"""Events the timeline page lists when there are too many to list them all."""

RELATED_LIMIT = 100
"""Events a state's, person's or organisation's page lists (the latest); the timeline has them all."""

SIDE_LIST_LIMIT = 20
"""Rows of each list beside the events on a state's or organisation's page (office holders,
coups, withdrawals, memberships, members): the latest are kept. Each row brings its sources into
the page's source list, so these caps are what keeps a state's page under 300 KB at 100x."""

MENTIONS_LIMIT = 200
"""Links a page lists under "Mentioned in"; beyond, it says how many more there are."""


@dataclass
class Page:
    """One generated Markdown page: where it goes and what it shows."""

    path: str
    template: str
    title: Callable[[str], str]
    context: dict[str, Any] = field(default_factory=dict)
    data_files: tuple[str, ...] = ()
    edit_target: str = ""
    description: Callable[[str], str] | None = None
    nav_title: Callable[[str], str] | None = None
    search_boost: float | None = None
    weight: int = 1
    """How many records the page shows: what the printable parts are packed by."""


def directory_url(path: str) -> str:
    """The site-relative address MkDocs gives a docs page: 'people/x.md' -> 'people/x/', 'index.md' -> ''."""
    base = path[:-3]
    return base[: -len("index")] if base == "index" or base.endswith("/index") else base + "/"


def record_path(dossier: Dossier, key: RecordKey) -> str:
    """The page (and anchor) where a record is shown: the one place URLs are decided."""
    collection, record_id = key
    if collection == "articles":
        instrument, _ = dossier.articles[record_id]
        return f"instruments/{instrument.id}/{record_id}.md"
    if collection == "instruments":
        return f"instruments/{record_id}/index.md"
    if collection == "events":
        return f"{event_pages(dossier)[record_id]}#{record_id}"
    if collection in ("discrepancies", "glossary"):
        return f"{collection}.md#{record_id}"
    if collection == "memberships":
        return record_path(dossier, ("organisations", dossier["memberships"][record_id].organisation))
    return f"{collection}/{record_id}.md"


EVENTS_PER_PAGE = 40
"""Events per page of a year at most: a busy year continues on timeline/YEAR/page-2/ and so on."""

SOURCES_PER_PAGE = 150
"""Sources a year page may cite at most (unless one event alone cites more): with the events'
JSON-LD and the list of sources at the foot, this keeps a year page under 300 KB of HTML."""

LIST_PAGE_SIZE = 300
"""Rows per page of the people, organisations and sources lists."""

TIMELINE_INLINE_LIMIT = 400
"""Up to this many events the timeline page lists them all, with filters; beyond, it lists the
latest and points to the years, so that the page stays light."""

NAV_RECORD_LIMIT = 60
"""A section lists each record in the navigation only up to this many; beyond, its list pages
do (a navigation of thousands of links would be copied into every page of the section)."""


def paged_paths(first: str, pages: int) -> list[str]:
    """The paths of a list cut into ``pages`` pages: ``first``, then ``<folder>/page-N.md``."""
    folder = first[: -len("/index.md")] if first.endswith("/index.md") else first[:-3]
    return [first] + [f"{folder}/page-{n}.md" for n in range(2, max(1, pages) + 1)]


def even_slices(count: int, size: int) -> list[tuple[int, int]]:
    """``count`` rows in pages of ``size`` (at least one page, even when empty)."""
    return [(start, min(start + size, count)) for start in range(0, count, size)] or [(0, 0)]


def year_slices(dossier: Dossier) -> dict[str, list[tuple[int, int]]]:
    """How each year's events are cut into pages: at most EVENTS_PER_PAGE events, and a new
    page as soon as the events would cite more than SOURCES_PER_PAGE sources between them, since
    each cited source is listed at the foot of the page. Cached on the dossier."""
    cached = getattr(dossier, "_year_slices", None)
    if cached is None:
        cached = {}
        for year, events in dossier.events_by_year().items():
            slices, start, cited = [], 0, set()
            for number, event in enumerate(events):
                with_event = cited | set(event.sources)
                if number > start and (number - start >= EVENTS_PER_PAGE or len(with_event) > SOURCES_PER_PAGE):
                    slices.append((start, number))
                    start, with_event = number, set(event.sources)
                cited = with_event
            cached[year] = slices + [(start, len(events))]
        object.__setattr__(dossier, "_year_slices", cached)
    return cached


def event_pages(dossier: Dossier) -> dict[str, str]:
    """The timeline page that shows each event: its year's page, or that year's continuation."""
    cached = getattr(dossier, "_event_pages", None)
    if cached is None:
        cached = {}
        for year, events in dossier.events_by_year().items():
            slices = year_slices(dossier)[year]
            for path, (start, end) in zip(paged_paths(f"timeline/{year}.md", len(slices)), slices):
                for event in events[start:end]:
                    cached[event.id] = path
        object.__setattr__(dossier, "_event_pages", cached)
    return cached


def _list_pages(path: str, template: str, title: Callable[[str], str], slices: list[tuple[int, int]], **page_args: Any) -> list[Page]:
    """One list, cut into pages; each page knows its slice and its neighbours, for the pager."""
    paths = paged_paths(path, len(slices))
    pages = []
    for number, (page_path, bounds) in enumerate(zip(paths, slices)):
        suffix = f" ({number + 1}/{len(paths)})" if number else ""
        pages.append(Page(page_path, template, (lambda lang, n=suffix: title(lang) + n) if suffix else title,
                          context={"slice": bounds, "pager": paths, "page_number": number},
                          **page_args))
    return pages


def plan_pages(dossier: Dossier) -> list[Page]:
    """Every page of the site, in navigation order."""
    files = _files_by_collection(dossier)
    pages: list[Page] = [
        Page("index.md", "home.md.j2", lambda lang: UI[lang]["site_title"], data_files=_all_files(files),
             edit_target="data"),
    ]
    for state in dossier["states"].values():
        pages.append(_record_page(dossier, ("states", state.id), "state.md.j2", lambda lang, s=state: pick(s.name, lang)))
    pages.append(Page("states/index.md", "states.md.j2", lambda lang: UI[lang]["states"],
                      data_files=files["states"] + files["memberships"], edit_target="data/states"))
    for instrument in dossier["instruments"].values():
        pages.append(_record_page(dossier, ("instruments", instrument.id), "instrument.md.j2",
                                  lambda lang, i=instrument: pick(i.title, lang)))
        for article in instrument.articles:
            page = _record_page(dossier, ("articles", article.id), "article.md.j2",
                                lambda lang, a=article, i=instrument: f"{article_heading(a, lang)} ({pick(i.short_title, lang)})")
            page.nav_title = lambda lang, a=article: article_heading(a, lang)
            pages.append(page)
    events_by_year = dossier.events_by_year()
    years = list(events_by_year)
    pages.append(Page("timeline/index.md", "timeline.md.j2", lambda lang: UI[lang]["timeline"],
                      context={"years": years}, data_files=files["events"], edit_target="data/events"))
    for year in years:
        year_files = tuple(sorted({dossier.data_file(("events", e.id)) for e in events_by_year[year]}))
        for page in _list_pages(f"timeline/{year}.md", "year.md.j2", lambda lang, y=year: f"{UI[lang]['timeline']}: {y}",
                                year_slices(dossier)[year], data_files=year_files,
                                edit_target=year_files[0] if len(year_files) == 1 else "data/events"):
            page.context.update(year=year, years=years)
            start, end = page.context["slice"]
            shown = events_by_year[year][start:end]
            cited = len({source for event in shown for source in event.sources})
            # printable parts are cut by weight: count a page's sources too, so that a part's
            # list of sources stays as short as a year page's
            page.weight = max(len(shown), -(-cited * PRINT_PART_WEIGHT // SOURCES_PER_PAGE))
            pages.append(page)
    for collection, template, index_title in (("people", "person.md.j2", "people"),
                                               ("organisations", "organisation.md.j2", "organisations")):
        pages += _list_pages(f"{collection}/index.md", f"{collection}.md.j2", lambda lang, t=index_title: UI[lang][t],
                             even_slices(len(dossier[collection]), LIST_PAGE_SIZE), data_files=files[collection],
                             edit_target=f"data/{collection}")
        for record in dossier[collection].values():
            pages.append(_record_page(dossier, (collection, record.id), template,
                                      lambda lang, r=record: pick(r.name, lang)))
    pages.append(Page("discrepancies.md", "discrepancies.md.j2", lambda lang: UI[lang]["discrepancies"],
                      data_files=files["discrepancies"], edit_target="data/discrepancies", weight=len(dossier["discrepancies"])))
    pages.append(Page("glossary.md", "glossary.md.j2", lambda lang: UI[lang]["glossary"],
                      data_files=files["glossary"], edit_target="data/glossary", weight=len(dossier["glossary"])))
    pages.append(Page("data.md", "data.md.j2", lambda lang: UI[lang]["data_title"], data_files=(), edit_target="aes_dossier"))
    pages.append(Page("methodology.md", "methodology.md.j2", lambda lang: UI[lang]["methodology"],
                      data_files=_all_files(files), edit_target="aes_dossier/templates/methodology.md.j2"))
    pages += _print_pages(pages, files)
    pages += _list_pages("sources/index.md", "sources.md.j2", lambda lang: UI[lang]["sources"],
                         even_slices(len(dossier.sources), LIST_PAGE_SIZE), data_files=files["sources"], edit_target="data/sources")
    tier_counts = Counter(source.tier for source in dossier.sources.values())
    for tier in TIER_ORDER:  # the Sources index filtered by tier: static pages, so it works without JavaScript
        if tier_counts[tier]:
            for tier_page in _list_pages(f"sources/tier/{tier}/index.md", "sources.md.j2",
                                         lambda lang, tier=tier: f"{UI[lang]['sources']}: {TIER_LABELS[lang][tier]}",
                                         even_slices(tier_counts[tier], LIST_PAGE_SIZE), data_files=files["sources"],
                                         edit_target="data/sources"):
                tier_page.context["tier"] = tier
                pages.append(tier_page)
    for source in dossier.sources.values():
        pages.append(_record_page(dossier, ("sources", source.id), "source.md.j2",
                                  lambda lang, s=source: s.title))
    return pages


PRINT_SECTIONS = {"states": "states", "instruments": "texts", "timeline": "timeline", "people": "people",
                  "organisations": "organisations", "discrepancies.md": "discrepancies", "glossary.md": "glossary"}
"""Which pages print, grouped by the part of the dossier they belong to (and its interface label)."""

PRINT_PART_WEIGHT = 60
"""Records per printable part. One part of 60 records stays far below the 300 KB page budget,
however large the dossier grows; a single page shows more only when it is one record page."""


def _print_pages(pages: list[Page], files: dict[str, tuple[str, ...]]) -> list[Page]:
    """The dossier for printing: an index, then each section in parts of about PRINT_PART_WEIGHT records."""
    sections: dict[str, list[Page]] = {}
    for page in pages:
        section = page.path.split("/")[0]
        if section in PRINT_SECTIONS and page.template not in ("timeline.md.j2", "people.md.j2", "organisations.md.j2", "sources.md.j2"):
            sections.setdefault(section, []).append(page)
    parts: list[Page] = []
    for section, members in sections.items():
        chunks: list[list[Page]] = [[]]
        for member in members:
            if chunks[-1] and sum(p.weight for p in chunks[-1]) + member.weight > PRINT_PART_WEIGHT:
                chunks.append([])
            chunks[-1].append(member)
        name = section.removesuffix(".md")
        for number, chunk in enumerate(chunks, 1):
            suffix = f" ({number}/{len(chunks)})" if len(chunks) > 1 else ""
            parts.append(Page(f"print/{name}.md" if len(chunks) == 1 else f"print/{name}-{number}.md", "print.md.j2",
                              lambda lang, s=section, x=suffix: UI[lang]["print_part"].format(section=UI[lang][PRINT_SECTIONS[s]]) + x,
                              context={"parts": chunk},
                              data_files=tuple(sorted({f for p in chunk for f in p.data_files})), edit_target="data"))
    index = Page("print/index.md", "print_index.md.j2", lambda lang: UI[lang]["print_title"], context={"print_parts": parts},
                 data_files=_all_files(files), edit_target="data")
    return [index, *parts]


SEARCH_BOOST = {"states": 12.0, "people": 4.0, "organisations": 3.0, "instruments": 3.0, "articles": 3.0, "sources": 0.3}
"""A name query should find the record's own page above the pages that merely mention it."""


def _record_page(dossier: Dossier, key: RecordKey, template: str, title: Callable[[str], str]) -> Page:
    data_file = dossier.data_file(key)
    return Page(record_path(dossier, key), template, title, context={"key": key}, data_files=(data_file,),
                edit_target=data_file, search_boost=SEARCH_BOOST.get(key[0]), weight=1 + len(dossier.mentions.get(key, [])))


def _files_by_collection(dossier: Dossier) -> dict[str, tuple[str, ...]]:
    files: dict[str, set[str]] = defaultdict(set)
    for (collection, _), origin in dossier.origins.items():
        files[collection].add(origin.file.path)
    return defaultdict(tuple, {name: tuple(sorted(paths)) for name, paths in files.items()})


def _all_files(files: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(sorted({path for paths in files.values() for path in paths}))


def article_heading(article: Any, lang: str) -> str:
    """'Article 6: Collective defence'; 'Article 9 (text not found)'; 'Provision: Unanimity'."""
    label, title = _article_label(article, lang), pick(article.title, lang)
    if article.number is None and not article.number_label:
        label = UI[lang]["provision_short"]
    if title == label or not title:
        return f"{label} ({UI[lang]['text_not_found']})" if not article.content_known else label
    return f"{label}: {title}"


def _article_label(article: Any, lang: str) -> str:
    if article.number_label:
        return f"{UI[lang]['article']} {article.number_label}"
    if article.number is not None:
        return f"{UI[lang]['article']} {article.number}"
    return UI[lang]["provision"]


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

    def __init__(self, dossier: Dossier, settings: Settings, dates: dict[str, str], lang: str = "en"):
        self.dossier, self.settings, self.dates, self.lang = dossier, settings, dates, lang
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
            "latest_events": lambda: self.dossier.events_sorted()[-LATEST_EVENTS:][::-1],
            "mentions": lambda key: self.dossier.mentions.get(key, []),
            "mentions_limit": MENTIONS_LIMIT,
            "title_of": self.title_of,
            "citing": lambda source_id: self.dossier.cited_by.get(source_id, []),
            "ratification": lambda instrument, state_id: next((r for r in instrument.ratifications if r.state == state_id), None),
            "post_target": lambda record_id: (self.collection_of(record_id), record_id),
            "record_key": lambda record_id: (self.collection_of(record_id), record_id),
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
            "related_events": related[-RELATED_LIMIT:],
            "related_total": len(related),
            "related_discrepancies": [d["discrepancies"][other[1]] for other in d.mentions.get(key, []) if other[0] == "discrepancies"] if key else [],
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
                                         for m in members[-SIDE_LIST_LIMIT:]], len(members))
            memberships = sorted(by_member.get(key[1], []), key=lambda m: (m.start or "", m.organisation))
            _latest(context, "memberships", memberships[-SIDE_LIST_LIMIT:], len(memberships))
            context["organs"] = organs.get(key[1], [])
        elif page.template == "state.md.j2":
            memberships = sorted(self._membership_index[1].get(key[1], []), key=lambda m: (m.start or "", m.organisation))
            _latest(context, "memberships", memberships[-SIDE_LIST_LIMIT:], len(memberships))
            context["ratifications"] = [(i, r) for i in instruments for r in i.ratifications if r.state == key[1]]
            leaders = sorted(((person, post) for person in d["people"].values() for post in person.posts
                              if post.organisation == key[1]), key=lambda pair: (pair[1].start or "", pair[0].id))
            _latest(context, "leaders", leaders[-SIDE_LIST_LIMIT:], len(leaders))
            for name, kind in (("coups", "coup"), ("withdrawals", "withdrawal")):
                chosen = [e for e in related if e.kind == kind]
                _latest(context, name, chosen[-SIDE_LIST_LIMIT:], len(chosen))
        elif page.template == "timeline.md.j2":
            events = d.events_sorted()
            counts = Counter((e.date[:4], e.kind) for e in events)
            labels = KIND_LABELS[self.lang]
            context["all_events"] = events if len(events) <= TIMELINE_INLINE_LIMIT else []
            context["recent_events"] = events[-LIST_RECENT:][::-1]
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
            context["left"] = {state: ended[-SIDE_LIST_LIMIT:] for state, ended in left.items()}
            context["left_more"] = {state: max(0, len(ended) - SIDE_LIST_LIMIT) for state, ended in left.items()}
        elif page.template == "data.md.j2":
            context["collections"] = list(COLLECTIONS.items())
            context["csv_collections"] = CSV_COLLECTIONS
            context["schema_version"] = SCHEMA_VERSION
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

    def related_events(self, key: RecordKey) -> list[Event]:
        events = [self.dossier["events"][other[1]] for other in self.dossier.mentions.get(key, []) if other[0] == "events"]
        return sorted(events, key=lambda e: (e.date, e.id))

    def collection_of(self, record_id: str) -> str:
        for collection in ("states", "organisations", "people", "instruments", "events"):
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
        known = [self.dates[path] for path in page.data_files if path in self.dates]
        return max(known) if known else None

    def _updated(self, page: Page) -> str:
        last = self._last_change(page)
        return format_partial_date(last, self.lang) if last else ""

    def absolute_url(self, target: str) -> str:
        """The published address of a docs path (with its anchor), in this renderer's language."""
        path, _, anchor = target.partition("#")
        prefix = "" if self.lang == DEFAULT_LANGUAGE else f"{self.lang}/"
        return f"{self.settings.site_url}{prefix}{directory_url(path)}" + (f"#{anchor}" if anchor else "")

    def _jsonld(self, page: Page, title: str) -> str:
        def url(key: RecordKey) -> str:
            return self.absolute_url(record_path(self.dossier, key))
        key = page.context.get("key")
        main = []
        if key:
            found = entity(self.dossier, key, self.lang, url)
            if found:
                main.append(found)
        elif page.template == "year.md.j2":  # the events this page shows, not the whole year
            start, end = page.context["slice"]
            main = [event_entity(e, self.lang, url(("events", e.id)))
                    for e in self.dossier.events_by_year()[page.context["year"]][start:end]]
        return page_jsonld(self.absolute_url(page.path), title, self.lang, self._last_change(page), main)

    def _citation(self, page: Page) -> Citation:
        key = "aes-dossier-" + (page.path[:-3].replace("/", "-").removesuffix("-index") or "home")
        return Citation(key=key + ("" if self.lang == DEFAULT_LANGUAGE else f"-{self.lang}"), title=page.title(self.lang),
                        site=UI[self.lang]["site_title"], url=self.absolute_url(page.path),
                        updated=self._last_change(page), lang=self.lang)

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
        for source_id in shown:
            number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
            marks.append(f"[{number}](#ref-{source_id})")
        self.also.update(dict.fromkeys(others))
        return Markup(f"<sup>{','.join(marks)}</sup>" if marks else "")

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


DEFAULT_LANGUAGE = "en"


def localized_path(path: str, lang: str) -> str:
    """Where a page in ``lang`` lives: mkdocs-static-i18n's suffix layout (``x.md``, ``x.fr.md``)."""
    return path if lang == DEFAULT_LANGUAGE else f"{path[:-3]}.{lang}.md"


def render_pages(dossier: Dossier, settings: Settings, dates: dict[str, str], lang: str,
                 pages: list[Page]) -> Iterator[tuple[str, str]]:
    """Each page's path under ``docs/`` and its text in ``lang``, one at a time.

    Links inside pages and the navigation use the default-language paths; the i18n plugin
    points them at the same page in the reader's language.
    """
    renderer = Renderer(dossier, settings, dates, lang)
    for page in pages:
        yield localized_path(page.path, lang), renderer.render(page)


def render_site(dossier: Dossier, settings: Settings, dates: dict[str, str], lang: str = "en") -> tuple[dict[str, str], list[Any]]:
    """Every page's text in ``lang``, keyed by its path, and the navigation (for tests and tools
    that want the whole edition at once)."""
    pages = plan_pages(dossier)
    return dict(render_pages(dossier, settings, dates, lang, pages)), build_nav(dossier, pages, lang)


def _is_continuation(path: str) -> bool:
    return posixpath.basename(path).startswith("page-")


def outside_nav(nav: list[Any]) -> list[str]:
    """Gitignore-style patterns for the generated pages the navigation leaves out (MkDocs'
    ``not_in_nav``): continuation pages, printable parts, and sections too long to list."""
    listed: set[str] = set()

    def walk(items: Any) -> None:
        for item in items if isinstance(items, list) else [items]:
            if isinstance(item, str):
                listed.add(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value)
    walk(nav)
    patterns = ["/print/*.md", "/*/page-*.md", "/timeline/*/page-*.md"]
    for section in ("people", "organisations", "sources"):
        if not any(path.startswith(section + "/") and not path.endswith("index.md") for path in listed):
            patterns.append(f"/{section}/*.md")
    return patterns


def build_nav(dossier: Dossier, pages: list[Page], lang: str) -> list[Any]:
    """The navigation tree, with titles, for ``mkdocs.yml`` (applied by the hook)."""
    ui = UI[lang]
    by_prefix: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        by_prefix[page.path.split("/")[0] if "/" in page.path else page.path].append(page)

    def entries(prefix: str) -> list[Any]:
        listed = sorted((p for p in by_prefix[prefix] if not _is_continuation(p.path)),
                        key=lambda p: (not p.path.endswith("index.md"),))
        if len(listed) > NAV_RECORD_LIMIT:
            listed = [p for p in listed if p.path.endswith("index.md")]
        return [p.path if p.path.endswith("index.md") else {p.title(lang): p.path} for p in listed]

    def org(org_id: str) -> list[Any]:
        key = ("organisations", org_id)
        return [{dossier["organisations"][org_id].name.en if lang == "en" else pick(dossier["organisations"][org_id].name, lang): record_path(dossier, key)}] if org_id in dossier["organisations"] else []

    instruments = []
    for instrument in dossier["instruments"].values():
        inst_pages = [p for p in by_prefix["instruments"] if p.path.startswith(f"instruments/{instrument.id}/")]
        inst_pages.sort(key=lambda p: not p.path.endswith("index.md"))
        instruments.append({pick(instrument.short_title, lang): [p.path if p.path.endswith("index.md") else {(p.nav_title or p.title)(lang): p.path} for p in inst_pages]})
    nav: list[Any] = [
        {ui["home"]: "index.md"},
        {ui["the_alliance"]: org("alliance-of-sahel-states") + org("confederation-of-sahel-states") + [{ui["states"]: entries("states")}]},
        {ui["texts"]: instruments},
        {ui["timeline"]: entries("timeline")},
        {ui["people"]: entries("people")},
        {ui["organisations"]: entries("organisations")},
        {ui["discrepancies"]: "discrepancies.md"},
        {ui["glossary"]: "glossary.md"},
        {ui["sources"]: entries("sources")},
        {ui["data_title"]: "data.md"},
        {ui["about"]: "about.md"},
        {ui["methodology"]: "methodology.md"},
        {ui["print_title"]: "print/index.md"},
    ]
    return nav
