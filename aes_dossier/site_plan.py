"""The site plan: which pages exist, where each record lives, and the navigation.

It decides *which* pages there are and what each is about; ``render`` decides what each shows
and the Jinja templates how it reads. Nothing here renders text.
"""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

from . import limits
from .dossier import Dossier, RecordKey
from .i18n import TIER_LABELS, UI
from .model import TIER_ORDER
from .text import pick

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
    if collection in ("discrepancies", "glossary", "corrections"):
        return f"{collection}.md#{record_id}"
    if collection == "releases":
        return f"changelog.md#release-{record_id}"
    if collection == "memberships":
        return record_path(dossier, ("organisations", dossier["memberships"][record_id].organisation))
    return f"{collection}/{record_id}.md"













def paged_paths(first: str, pages: int) -> list[str]:
    """The paths of a list cut into ``pages`` pages: ``first``, then ``<folder>/page-N.md``."""
    folder = first[: -len("/index.md")] if first.endswith("/index.md") else first[:-3]
    return [first] + [f"{folder}/page-{n}.md" for n in range(2, max(1, pages) + 1)]


def even_slices(count: int, size: int) -> list[tuple[int, int]]:
    """``count`` rows in pages of ``size`` (at least one page, even when empty)."""
    return [(start, min(start + size, count)) for start in range(0, count, size)] or [(0, 0)]


def year_slices(dossier: Dossier) -> dict[str, list[tuple[int, int]]]:
    """How each year's events are cut into pages: at most limits.EVENTS_PER_PAGE events, and a new
    page as soon as the events would cite more than limits.SOURCES_PER_PAGE sources between them, since
    each cited source is listed at the foot of the page. Cached on the dossier."""
    cached = getattr(dossier, "_year_slices", None)
    if cached is None:
        cached = {}
        for year, events in dossier.events_by_year().items():
            slices, start, cited = [], 0, set()
            for number, event in enumerate(events):
                with_event = cited | set(event.sources)
                if number > start and (number - start >= limits.EVENTS_PER_PAGE or len(with_event) > limits.SOURCES_PER_PAGE):
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
            page.weight = max(len(shown), -(-cited * limits.PRINT_PART_WEIGHT // limits.SOURCES_PER_PAGE))
            pages.append(page)
    for collection, template, index_title in (("people", "person.md.j2", "people"),
                                               ("organisations", "organisation.md.j2", "organisations")):
        pages += _list_pages(f"{collection}/index.md", f"{collection}.md.j2", lambda lang, t=index_title: UI[lang][t],
                             even_slices(len(dossier[collection]), limits.LIST_PAGE_SIZE), data_files=files[collection],
                             edit_target=f"data/{collection}")
        for record in dossier[collection].values():
            pages.append(_record_page(dossier, (collection, record.id), template,
                                      lambda lang, r=record: pick(r.name, lang)))
    pages.append(Page("partners/index.md", "partners.md.j2", lambda lang: UI[lang]["partners_overview"],
                      data_files=files["partners"], edit_target="data/partners"))
    for partner in dossier["partners"].values():
        pages.append(_record_page(dossier, ("partners", partner.id), "partner.md.j2", lambda lang, r=partner: pick(r.name, lang)))
    pages.append(Page("discrepancies.md", "discrepancies.md.j2", lambda lang: UI[lang]["discrepancies"],
                      data_files=files["discrepancies"], edit_target="data/discrepancies", weight=len(dossier["discrepancies"])))
    pages.append(Page("glossary.md", "glossary.md.j2", lambda lang: UI[lang]["glossary"],
                      data_files=files["glossary"], edit_target="data/glossary", weight=len(dossier["glossary"])))
    pages.append(Page("data.md", "data.md.j2", lambda lang: UI[lang]["data_title"], data_files=(), edit_target="aes_dossier"))
    pages.append(Page("about.md", "about.md.j2", lambda lang: UI[lang]["about_title"], data_files=(),
                      edit_target="aes_dossier/templates/about.md.j2"))
    pages.append(Page("changelog.md", "changelog.md.j2", lambda lang: UI[lang]["changelog"],
                      data_files=files["releases"], edit_target="data/releases"))
    pages.append(Page("corrections.md", "corrections.md.j2", lambda lang: UI[lang]["corrections"],
                      data_files=files["corrections"], edit_target="data/corrections"))
    pages.append(Page("methodology.md", "methodology.md.j2", lambda lang: UI[lang]["methodology"],
                      data_files=_all_files(files), edit_target="aes_dossier/templates/methodology.md.j2"))
    pages += _print_pages(pages, files)
    pages += _list_pages("sources/index.md", "sources.md.j2", lambda lang: UI[lang]["sources"],
                         even_slices(len(dossier.sources), limits.LIST_PAGE_SIZE), data_files=files["sources"], edit_target="data/sources")
    tier_counts = Counter(source.tier for source in dossier.sources.values())
    for tier in TIER_ORDER:  # the Sources index filtered by tier: static pages, so it works without JavaScript
        if tier_counts[tier]:
            for tier_page in _list_pages(f"sources/tier/{tier}/index.md", "sources.md.j2",
                                         lambda lang, tier=tier: f"{UI[lang]['sources']}: {TIER_LABELS[lang][tier]}",
                                         even_slices(tier_counts[tier], limits.LIST_PAGE_SIZE), data_files=files["sources"],
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




def _print_pages(pages: list[Page], files: dict[str, tuple[str, ...]]) -> list[Page]:
    """The dossier for printing: an index, then each section in parts of about limits.PRINT_PART_WEIGHT records."""
    sections: dict[str, list[Page]] = {}
    for page in pages:
        section = page.path.split("/")[0]
        if section in PRINT_SECTIONS and page.template not in ("timeline.md.j2", "people.md.j2", "organisations.md.j2", "sources.md.j2"):
            sections.setdefault(section, []).append(page)
    parts: list[Page] = []
    for section, members in sections.items():
        chunks: list[list[Page]] = [[]]
        for member in members:
            if chunks[-1] and sum(p.weight for p in chunks[-1]) + member.weight > limits.PRINT_PART_WEIGHT:
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


SEARCH_BOOST = {"states": 24.0, "partners": 2.0, "people": 4.0, "organisations": 2.0, "instruments": 3.0, "articles": 3.0, "sources": 0.3}
"""A name query should find the record's own page above the pages that merely mention it."""


SUBJECT_BOOST = 12.0
"""The alliance and the confederation are the dossier's subject: their names find them first,
above the many organisations and states whose pages repeat "Alliance des États du Sahel"."""


def _search_boost(dossier: Dossier, key: RecordKey) -> float | None:
    if key[0] == "organisations" and dossier["organisations"][key[1]].classification in ("alliance", "confederation"):
        return SUBJECT_BOOST
    return SEARCH_BOOST.get(key[0])


def _record_page(dossier: Dossier, key: RecordKey, template: str, title: Callable[[str], str]) -> Page:
    data_file = dossier.data_file(key)
    return Page(record_path(dossier, key), template, title, context={"key": key}, data_files=(data_file,),
                edit_target=data_file, search_boost=_search_boost(dossier, key), weight=1 + len(dossier.mentions.get(key, [])))


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
    if article.number is None and not article.number_label and not article.number_labels:
        label = UI[lang]["provision_short"]
    if title.startswith(label):  # "Article 9 (text not found)" already names its article
        return title
    if title == label or not title:
        return f"{label} ({UI[lang]['text_not_found']})" if not article.content_known else label
    return f"{label}: {title}"


def _article_label(article: Any, lang: str) -> str:
    if article.number_labels:
        *first, last = article.number_labels
        numbers = f"{', '.join(first)} {UI[lang]['and']} {last}" if first else last
        return f"{UI[lang]['articles_label']} {numbers}"
    if article.number_label:
        return f"{UI[lang]['article']} {article.number_label}"
    if article.number is not None:
        return f"{UI[lang]['article']} {article.number}"
    return UI[lang]["provision"]


DEFAULT_LANGUAGE = "en"


def localized_path(path: str, lang: str) -> str:
    """Where a page in ``lang`` lives: mkdocs-static-i18n's suffix layout (``x.md``, ``x.fr.md``)."""
    return path if lang == DEFAULT_LANGUAGE else f"{path[:-3]}.{lang}.md"


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
        if len(listed) > limits.NAV_RECORD_LIMIT:
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
        # Seven tabs, so that every one shows in full at 1280 px in both languages (tests/test_layout.py).
        {ui["actors"]: [
            {ui["people"]: entries("people")},
            {ui["organisations"]: entries("organisations")},
            {ui["partners"]: entries("partners")},
        ]},
        {ui["reference"]: [
            {ui["sources"]: entries("sources")},
            {ui["discrepancies"]: "discrepancies.md"},
            {ui["glossary"]: "glossary.md"},
        ]},
        {ui["about_section"]: [
            {ui["about"]: "about.md"},
            {ui["methodology"]: "methodology.md"},
            {ui["changelog"]: "changelog.md"},
            {ui["corrections"]: "corrections.md"},
            {ui["data_title"]: "data.md"},
            {ui["print_title"]: "print/index.md"},
        ]},
    ]
    return nav
