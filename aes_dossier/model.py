"""The data contract: every record an editor may write in ``data/``, and nothing else.

These Pydantic models are the single source of truth. The JSON Schema that editors see in
their editor is exported from them (``build_pages.py --schema``), so the schema and the
validator cannot drift apart the way endoflife.date's did. Vocabulary follows Popolo
(Organization, Membership, Person, Post, OtherName) where it fits.

Cross-record rules (ids unique, references resolve, dates in order) live in ``dossier``,
because a single record cannot see the others.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from .dates import DATE_PATTERN, PartialDate

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_TEXT = 4000
MAX_LINE = 300

# Characters that can reorder or hide text (bidi overrides, zero-width marks): a reader
# would see one thing while the data holds another.
_HIDDEN = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(value: str) -> str:
    if _HIDDEN.search(value):
        raise ValueError("contains an invisible or direction-changing character (U+200B-U+200F, U+202A-U+202E, U+2066-U+2069): delete it")
    if _CONTROL.search(value):
        raise ValueError("contains a control character: delete it")
    if value != value.strip():
        raise ValueError("has spaces at the start or end: delete them")
    if not value:
        raise ValueError("is empty: write the text or remove the field")
    return unicodedata.normalize("NFC", value)


_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_TEMPLATE = re.compile(r"\{[{%#]|[}%#]\}")
_LINK_TARGET = re.compile(r"\]\(\s*([^)\s]*)")
_BLOCK_MARKDOWN = [
    (re.compile(r"(?m)^\s*#"), "a line starting with '#' would become a heading: the page makes its own headings"),
    (re.compile(r"(?m)^\s*\|"), "a line starting with '|' would become a table: tables are made from data, not text"),
    (re.compile(r"```|~~~"), "code blocks are not allowed in text"),
    (re.compile(r"!\["), "images are not allowed in text"),
]
RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def _safe_prose(value: str) -> str:
    """Prose allows a small, safe Markdown subset: *emphasis*, **strong** and [links](https://...)."""
    if _HTML_TAG.search(value):
        raise ValueError("HTML is not allowed in text: write plain text, with *emphasis* or [a link](https://...) if needed")
    if _TEMPLATE.search(value):
        raise ValueError("template syntax ({{ }}, {% %}, {# #}) is not allowed in text")
    for pattern, message in _BLOCK_MARKDOWN:
        if pattern.search(value):
            raise ValueError(message)
    for target in _LINK_TARGET.findall(value):
        if not re.match(r"https?://", target):
            raise ValueError(f"links must point to an http or https address, found {target[:60]!r}")
    return value


def _not_reserved(value: str) -> str:
    if value in RESERVED_NAMES:
        raise ValueError(f"'{value}' is a reserved file name on Windows and cannot be an id")
    if value == "index" or re.fullmatch(r"page-\d+", value):
        raise ValueError(f"'{value}' is the name of a list page of the site and cannot be an id")
    return value


def _no_markup(value: str) -> str:
    if "<" in value or ">" in value:
        raise ValueError("names and titles may not contain '<' or '>'")
    if _TEMPLATE.search(value):
        raise ValueError("template syntax ({{ }}, {% %}, {# #}) is not allowed in names and titles")
    return value


def _check_date(value: str) -> str:
    PartialDate.parse(value)
    return value


def _not_future(value: str) -> str:
    if PartialDate.parse(value).earliest() > _dt.date.today():
        raise ValueError(f"{value} is in the future: the dossier records what has happened")
    return value


Slug = Annotated[
    str,
    Field(pattern=SLUG_PATTERN, min_length=1, max_length=80,
          description="Lowercase slug: letters a-z, digits and single hyphens, for example `assimi-goita`.",
          examples=["assimi-goita"]),
    AfterValidator(_not_reserved),
]
Line = Annotated[str, Field(min_length=1, max_length=MAX_LINE, examples=["Liptako-Gourma Charter"]),
                 AfterValidator(_clean_text), AfterValidator(_no_markup)]
Paragraph = Annotated[
    str,
    Field(min_length=1, max_length=MAX_TEXT,
          description="Plain text; may use *emphasis*, **strong** and [links](https://...). No HTML, headings or tables.",
          examples=["The three states signed the Charter in Bamako on 16 September 2023."]),
    AfterValidator(_clean_text), AfterValidator(_safe_prose),
]
Date = Annotated[
    str,
    Field(pattern=DATE_PATTERN,
          description="A date with its real precision, quoted: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. Never pad an unknown day or month.",
          examples=["2023-09-16", "2024-08", "1970"]),
    AfterValidator(_check_date),
    AfterValidator(_not_future),
]
Url = Annotated[
    str,
    Field(pattern=r"""^https?://[^\s<>"'`]+$""", max_length=2000,
          description="An http or https address.", examples=["https://amap.ml/"]),
]
SourceRefs = Annotated[list[Slug], Field(examples=[["s8", "s20"]])]
OptionalSourceRefs = list[Slug]
Language = Annotated[
    str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 language code, for example `fr`.", examples=["fr"])
]


def ref(*collections: str, many: bool = False, required: bool = False, description: str = "", **kwargs: Any) -> Any:
    """A field holding record ids; ``dossier`` checks that each one resolves to ``collections``.

    The target collections are written into the JSON Schema too (``x-references``), so editors
    see what an id must point to.
    """
    kinds = " or ".join(collections)
    text = description or f"Id of a record in data/{kinds}."
    extra = {"x-references": list(collections)}
    if required:
        return Field(default=..., description=text, json_schema_extra=extra, **kwargs)
    if many:
        return Field(default_factory=list, description=text, json_schema_extra=extra, **kwargs)
    return Field(default=kwargs.pop("default", None), description=text, json_schema_extra=extra, **kwargs)


class Contract(BaseModel):
    """Shared strictness: unknown fields are errors, strings are never coerced from numbers."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True)


class Text(Contract):
    """Reader-facing text in English and French. French may be missing until translated."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"en": "The Charter was signed in Bamako.",
                                                               "fr": "La Charte a été signée à Bamako."}]})

    en: Paragraph = Field(description="English text.")
    fr: Paragraph | None = Field(default=None, description="French text.")


class Name(Contract):
    """A name in English and French (the French may be identical)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"en": "Alliance of Sahel States",
                                                               "fr": "Alliance des États du Sahel"}]})

    en: Line = Field(description="English name.")
    fr: Line | None = Field(default=None, description="French name.")


class Record(Contract):
    """Every factual record has a stable id and cites at least one source."""

    id: Slug = Field(description="Stable identifier, used in URLs and references. Never change it once published.")
    sources: SourceRefs = ref("sources", required=True, min_length=1, description="Ids of the source records that support this record (at least one).")
    note: Text | None = Field(default=None, description="An editor's note shown to readers: caveats, what is unverified.")
    former_ids: list[Slug] = Field(default_factory=list,
                                   description="Ids this record had before: their old addresses redirect to its page.")


class OtherName(Contract):
    """Popolo OtherName: an alternate or former name, an acronym, or a name in another language."""

    name: Line
    """The name as written."""
    lang: Language | None = None
    """Language of the name, if it is not English."""
    note: Line | None = None
    """When or where the name is used."""


OrganisationKind = Literal[
    "alliance", "confederation", "confederal-organ", "regional-organisation", "international-organisation",
    "development-authority", "development-platform", "military-operation", "joint-force", "un-mission",
    "private-military-company", "armed-group", "junta", "government-body", "financial-institution",
    "civil-society", "court", "company", "political-party", "eu-mission",
]


class Organisation(Record):
    """Popolo Organization: the Alliance, the Confederation and every other body the dossier names."""

    name: Name
    """Full name in English and French."""
    short_name: Name | None = Field(default=None, description="Acronym or short form, for example AES.")
    other_names: list[OtherName] = Field(default_factory=list)
    """Former names, acronyms and names in other languages."""
    aliases: list[Line] = Field(default_factory=list, description="Other spellings readers may search for (CEDEAO, Wagner).")
    classification: OrganisationKind
    """What kind of body it is."""
    parent: Slug | None = ref("organisations", description="Id of the organisation this one belongs to.")
    founded: Date | None = None
    """When it was founded."""
    dissolved: Date | None = None
    """When it was dissolved or ended."""
    headquarters: Name | None = None
    """Where its headquarters are."""
    summary: Text
    """What the organisation is and does, in the dossier's own words."""

    @model_validator(mode="after")
    def _dissolved_after_founded(self) -> "Organisation":
        _check_order(self.founded, self.dissolved, "dissolved")
        return self


class State(Record):
    """A member state of the Alliance, with the facts readers compare side by side."""

    name: Name
    """Short name in English and French."""
    official_name: Name
    """Official name, e.g. Republic of Mali."""
    iso_alpha2: Annotated[str, Field(pattern=r"^[A-Z]{2}$", examples=["ML"])]
    """ISO 3166-1 alpha-2 code, e.g. ML."""
    iso_alpha3: Annotated[str, Field(pattern=r"^[A-Z]{3}$", examples=["MLI"])]
    """ISO 3166-1 alpha-3 code, e.g. MLI."""
    capital: Name
    """Capital city."""
    area_km2: Annotated[int, Field(gt=0, description="Area in square kilometres.")]
    leader: Slug = ref("people", default=..., description="Id of the person who currently leads the state.")
    leader_title: Name
    """The current leader's title."""
    summary: Text
    """The state's place in the dossier, in the dossier's own words."""


class Membership(Record):
    """Popolo Membership: a state or an organisation belonging to an organisation for a time."""

    member: Slug = ref("states", "organisations", default=..., description="Id of the member: a state or an organisation.")
    organisation: Slug = ref("organisations", default=...)
    role: Name | None = Field(default=None, description="For example founding member, observer.")
    start: Date | None = None
    """When the membership began, with its real precision."""
    end: Date | None = None
    """When the membership ended, with its real precision."""
    end_reason: Text | None = None
    """Why it ended, e.g. withdrawal."""

    @model_validator(mode="after")
    def _end_after_start(self) -> "Membership":
        _check_order(self.start, self.end, "end")
        return self


class Post(Contract):
    """Popolo Post held by a person, with dates."""

    role: Name
    """The post, e.g. President of the Transition."""
    organisation: Slug | None = ref("states", "organisations")
    start: Date | None = None
    """When the post began."""
    end: Date | None = None
    """When the post ended (omit while it is held)."""
    sources: OptionalSourceRefs = ref("sources", many=True)

    @model_validator(mode="after")
    def _end_after_start(self) -> "Post":
        _check_order(self.start, self.end, "end")
        return self


class Person(Record):
    """Popolo Person: someone the dossier names, with alternate spellings readers may search for."""

    name: Line
    """Name as usually written, with its accents (Assimi Goïta)."""
    sort_name: Line | None = Field(default=None, description="Name as sorted in an index, for example 'Goïta, Assimi'.")
    aliases: list[Line] = Field(default_factory=list, description="Alternate spellings (Tchiani, Goita).")
    nationality: Slug | None = ref("states")
    summary: Text
    """Who the person is, in the dossier's own words."""
    posts: list[Post] = Field(default_factory=list)
    """Posts held, with dates and sources."""


class Quotation(Contract):
    """At most one exact sentence, in its original language, with its source."""

    text: Paragraph
    lang: Language
    source: Slug = ref("sources", default=...)
    translation: Text | None = Field(default=None, description="The project's own translation, marked as such on the site.")


AtopCategory = Literal["defence", "offence", "neutrality", "non-aggression", "consultation"]


class Article(Record):
    """One article or provision of an instrument. An unknown number stays unknown."""

    number: Annotated[int, Field(ge=1)] | None = Field(default=None, description="Article number; null when the number is not known.")
    number_label: Line | None = Field(default=None, description="How the number is written when it is not a plain integer, e.g. '16(2)'.")
    number_labels: list[Line] = Field(default_factory=list,
                                      description="When one provision spans several articles, each number as written, e.g. ['24', '25']: "
                                                  "the site writes 'Articles 24 and 25' in English and 'Articles 24 et 25' in French.")
    content_known: bool = Field(default=True, description="False when the text of this article has not been found.")
    title: Name
    """Short title of the article, e.g. 'Collective defence'."""
    summary: Text = Field(description="What the article says, in the dossier's own words.")
    obligation: Text | None = Field(default=None, description="What it obliges the members to do, in plain words.")
    quotation: Quotation | None = None
    """At most one exact sentence of the official text, with its source."""
    topics: list[Slug] = Field(default_factory=list)
    """Topic slugs, e.g. collective-defence."""
    atop: list[AtopCategory] = Field(default_factory=list, description="This project's coding with ATOP's categories (not ATOP's own).")
    coding_note: Text | None = None
    """Why the article is coded as it is; shown with the coding."""


class Recital(Contract):
    """One paraphrased recital of a preamble."""

    text: Text
    """The recital, paraphrased."""
    sources: SourceRefs = ref("sources", required=True, min_length=1)


class Vote(Contract):
    in_favour: Annotated[int, Field(ge=0)]
    """Votes in favour."""
    against: Annotated[int, Field(ge=0)] = 0
    """Votes against."""
    abstentions: Annotated[int, Field(ge=0)] = 0
    """Number of abstentions."""


class Ratification(Contract):
    """One state's ratification of an instrument; ``not-found`` says the dossier looked and found nothing."""

    state: Slug = ref("states", default=...)
    status: Literal["ratified", "in-progress", "not-found"]
    """ratified, in-progress, or not-found (looked for and not found)."""
    date: Date | None = None
    """Date of the decisive act (vote, deposit), with its real precision."""
    body: Name | None = Field(default=None, description="The body that voted or decided.")
    vote: Vote | None = None
    """The vote, when it is known."""
    summary: Text
    """The steps of the ratification, in the dossier's own words."""
    sources: SourceRefs = ref("sources", required=True, min_length=1)


InstrumentKind = Literal["charter", "treaty", "protocol", "convention", "resolution", "agreement"]


class Instrument(Record):
    """A founding text: the Liptako-Gourma Charter, the Confederation treaty."""

    title: Name
    """Title in English and French."""
    short_title: Name
    """Short title used in lists, e.g. 'Charter'."""
    official_title: Line | None = Field(default=None, description="The full title in its official language, exactly.")
    kind: InstrumentKind
    """charter, treaty, protocol, convention, resolution or agreement."""
    date: Date
    place: Name | None = None
    """Where it was signed or adopted."""
    establishes: Slug | None = ref("organisations", description="Id of the organisation the instrument creates.")
    parties: list[Slug] = ref("states", many=True, description="Ids of the states party to it.")
    signatories: list[Slug] = ref("people", many=True, description="Ids of the people who signed it.")
    depositary: Slug | None = ref("states")
    article_count: Annotated[int, Field(ge=1)] | None = None
    """Number of articles, when known."""
    summary: Text
    """What the instrument does, in the dossier's own words."""
    entry_into_force: Text | None = None
    """When and how the instrument enters into force."""
    preamble: list[Recital] = Field(default_factory=list)
    """The recitals of the preamble, paraphrased, in order."""
    articles: list[Article] = Field(default_factory=list)
    """The articles and provisions; unknown numbers stay unknown."""
    ratifications: list[Ratification] = Field(default_factory=list)
    """One entry per state party."""
    not_found: list[Text] = Field(default_factory=list, description="What the dossier looked for and did not find.")


EventKind = Literal[
    "founding", "summit", "treaty", "ratification", "coup", "withdrawal", "military", "security",
    "diplomacy", "sanctions", "institutional", "economy", "symbol", "election",
]


class Event(Record):
    """Popolo Event on the timeline; its date keeps its precision."""

    date: Date
    end_date: Date | None = None
    """Last day of an event that lasted several days, with its real precision."""
    title: Name
    """Short title (under 100 characters)."""
    summary: Text
    """What happened, in one to three sentences of the dossier's own words."""
    kind: EventKind
    """Type of event, used by the timeline filters."""
    countries: list[Slug] = ref("states", many=True, description="Ids of the states concerned.")
    places: list[Name] = Field(default_factory=list)
    """Where it happened."""
    people: list[Slug] = ref("people", many=True)
    organisations: list[Slug] = ref("organisations", many=True)
    instruments: list[Slug] = ref("instruments", many=True)
    articles: list[Slug] = ref("articles", many=True, description="Ids of articles invoked or discussed.")
    partners: list[Slug] = ref("partners", many=True, description="Ids of the foreign states involved (data/partners/).")
    confidence: Literal["high", "medium", "low"] = "high"
    """How well the sources establish the event: high, medium or low."""

    @model_validator(mode="after")
    def _end_after_start(self) -> "Event":
        _check_order(self.date, self.end_date, "end_date")
        return self


SourceKind = Literal[
    "official", "legal-text", "news", "news-analysis", "analysis", "encyclopaedia", "reference",
    "ngo-report", "academic", "blog", "state-media",
]


SourceTier = Literal["official", "wire", "press", "state-media", "analysis", "reference", "copy"]
TIER_RULES: dict[str, str] = {
    "official": "a party's own text or statement: an instrument's text, a communiqué, a government's, parliament's or institution's own site or gazette",
    "wire": "a news agency's report (AFP, Reuters, AP, Xinhua, Anadolu, a national press agency), including a repost on another site that credits it; name the agency in `via`",
    "press": "a news outlet's own reporting",
    "state-media": "media owned or run by a state that is a party to the story",
    "analysis": "research institutes, think tanks, academic work, NGO reports",
    "reference": "encyclopaedias and other reference works; never enough on its own for a fact",
    "copy": "a mirror or unattributed repost of another source, or a host whose provenance cannot be established (a bare IP address, a content farm); never cited for a fact, only as evidence in a discrepancy",
}
"""What each tier means: shown to editors in the JSON Schema and to readers on each source page."""
TIER_ORDER: tuple[str, ...] = ("official", "wire", "press", "analysis", "state-media", "reference", "copy")
"""Best first: the order in which an inline citation picks its (at most three) sources."""


class Source(Contract):
    """A public source. Sources cite nothing themselves; everything else cites them."""

    id: Slug
    title: Line
    """Title as published (or a bracketed description when it has none)."""
    publisher: Line
    """Who published it."""
    date: Date | None = Field(default=None, description="Publication date; omit when the page shows none.")
    url: Url | None = Field(default=None, description="Omit only for the seed articles, which have no address.")
    language: Language
    kind: SourceKind
    """What kind of source it is."""
    tier: SourceTier = Field(description="How much weight the source carries. " + " ".join(
        f"`{name}`: {rule}." for name, rule in TIER_RULES.items()))
    via: Line | None = Field(default=None, description="For a `wire` report read on another site: the agency it credits (AFP, Reuters, AP...).",
                             examples=["AFP"])
    reliability: Text | None = Field(default=None, description="A note on how far the source can be trusted.")

    @model_validator(mode="after")
    def _needs_an_address(self) -> "Source":
        if self.url is None and not self.id.startswith("seed-"):
            raise ValueError("a source needs its address (url): only the seed articles (ids 'seed-...') have none")
        return self


class Alternative(Contract):
    value: Text
    """What another source says, in the dossier's words."""
    sources: SourceRefs = ref("sources", required=True, min_length=1)


class Discrepancy(Record):
    """Where sources disagree, or a seed article erred: what the dossier uses, and who says otherwise."""

    kind: Literal["disagreement", "seed-error"]
    """disagreement (between sources) or seed-error (an error in a seed article)."""
    topic: Name
    """What the sources disagree about, e.g. 'Date of the Charter'."""
    value_used: Text
    """The value the dossier uses."""
    alternatives: list[Alternative] = Field(min_length=1)
    """What other sources say, each with its sources (at least one)."""
    assessment: Text
    """Why the dossier uses the value it uses, or why the question stays open."""
    records: list[Slug] = ref("states", "organisations", "people", "instruments", "articles", "events", many=True,
                              description="Ids of the records this discrepancy concerns.")


RelationStatus = Literal["allied", "close", "cooperative", "neutral", "mediating", "strained", "ruptured"]


class RelationItem(Contract):
    """One dated step in a relation: an embassy opened or closed, an agreement, a rupture, a mediation."""

    date: Date
    text: Text
    """What happened, in one sentence of the dossier's own words."""
    sources: SourceRefs = ref("sources", required=True, min_length=1)


class Relation(Contract):
    """A partner state's relation with the alliance or with one member, and its state at the coverage date."""

    counterpart: Slug = ref("states", "organisations", default=...,
                            description="A member state's id, or 'confederation-of-sahel-states' for the alliance as a whole.")
    status: RelationStatus
    """The state of the relation at the coverage date: allied, close, cooperative, neutral, mediating, strained or ruptured."""
    summary: Text
    """The relation in two to four dated sentences, in the dossier's own words."""
    items: list[RelationItem] = Field(default_factory=list)
    """Its dated steps, oldest first."""
    sources: SourceRefs = ref("sources", required=True, min_length=1)


class Partner(Record):
    """A foreign state in the alliance's story (Popolo: an Organization classified as a state)."""

    name: Name
    """Short name in English and French."""
    iso_alpha2: Annotated[str, Field(pattern=r"^[A-Z]{2}$", examples=["DZ"])]
    """ISO 3166-1 alpha-2 code."""
    aliases: list[Line] = Field(default_factory=list, description="Other names readers may search for (Ivory Coast, Algérie).")
    summary: Text
    """The partner's place in the story, in the dossier's own words."""
    relations: list[Relation] = Field(min_length=1)
    """Its relation with the alliance and with each member it deals with."""


class Coverage(Contract):
    """How far the dossier reaches: the date up to which it covers events, and when it was last reviewed."""

    id: Slug
    covers_until: Date
    """The last day the dossier covers: no event may be later, and readers are told the date."""
    last_reviewed: Date
    """When the whole dossier was last checked against new reporting."""


class RemovedRecord(Contract):
    """A record a release removed: its key and title as they were, since it has no page any more."""

    key: Line
    """``collection:id``, for example ``events:2024-07-06-summit``."""
    title: Name
    """Its title as it was, in both languages."""


class ReleaseChanges(Contract):
    """What a release changed since the one before, in dossier terms (written by ``--release``)."""

    added: list[Line] = Field(default_factory=list, description="Keys (``collection:id``) of the records added.")
    changed: list[Line] = Field(default_factory=list, description="Keys of the records whose fields changed.")
    removed: list[RemovedRecord] = Field(default_factory=list)
    """Records removed, with their titles."""


VERSION_PATTERN = r"^\d{4}\.(?:[1-9]|1[0-2])\.\d+$"


class Release(Contract):
    """A numbered release of the data (calendar versioning: YEAR.MONTH.N), as researchers cite it."""

    id: Slug = Field(description="The version with hyphens, e.g. 2026-12-0.")
    version: Annotated[str, Field(pattern=VERSION_PATTERN, examples=["2026.12.0"])]
    """The number readers cite: year, month, and a counter from 0 within the month."""
    date: Date
    """The day the release was made."""
    summary: Text
    """What the release brings, in one or two sentences."""
    records: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    """How many records of each kind the release holds."""
    changes: ReleaseChanges | None = None
    """What changed since the previous release; none for the first."""

    @model_validator(mode="after")
    def _id_matches_version(self) -> "Release":
        if self.id != self.version.replace(".", "-"):
            raise ValueError(f"id must be the version with hyphens: {self.version.replace('.', '-')}")
        return self


class Correction(Record):
    """A fact the dossier got wrong and has put right: shown on the corrections page and on each
    corrected record's page, so that a reader who cited the old text can see what changed."""

    date: Date
    """The day the correction was made."""
    records: list[Slug] = ref("states", "organisations", "people", "instruments", "articles", "events", "partners",
                              "memberships", "glossary", many=True, min_length=1,
                              description="Ids of the records corrected.")
    wrong: Text
    """What the record said that was wrong."""
    right: Text
    """What it says now, and why."""


class GlossaryTerm(Record):
    term: Name
    """The term or acronym."""
    aliases: list[Line] = Field(default_factory=list)
    """Other forms of the term readers may search for (CEDEAO for ECOWAS)."""
    definition: Text
    """The definition, in the dossier's own words."""


def _check_order(start: str | None, end: str | None, field: str) -> None:
    if start and end and PartialDate.parse(end).latest() < PartialDate.parse(start).earliest():
        raise ValueError(f"{field} {end} is before the start {start}")


def date_fields(model: type[BaseModel]) -> set[str]:
    """The fields of ``model`` typed ``Date`` (they carry the date pattern)."""
    return {name for name, info in model.model_fields.items() if DATE_PATTERN in repr(info.annotation) + repr(info.metadata)}


COLLECTIONS: dict[str, type[Contract]] = {
    "sources": Source,
    "organisations": Organisation,
    "states": State,
    "memberships": Membership,
    "people": Person,
    "instruments": Instrument,
    "events": Event,
    "discrepancies": Discrepancy,
    "glossary": GlossaryTerm,
    "partners": Partner,
    "coverage": Coverage,
    "releases": Release,
    "corrections": Correction,
}
"""Each folder under ``data/`` holds one kind of record; a file holds one record or a list."""
