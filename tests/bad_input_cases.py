"""The corpus of bad input: each case is a change to the fixture data and the error it must give.

A case maps data file paths (under ``data/``) to new contents: text, raw bytes, or ``None``
to delete the file. ``expected`` is the located error line the editor must see, exactly as
printed (``data/FILE.yaml:LINE:COL: RECORD.FIELD: message (hint: ...)``), or its beginning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


FIXTURE = Path(__file__).parent / "fixtures" / "small" / "data"


def open_fixture(name: str) -> str:
    return (FIXTURE / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes | None]
    expected: str
    also: tuple[str, ...] = field(default=())


def term(definition: str = "A military government.", *, extra: str = "", term_en: str = "Junta",
         id_: str = "junta", sources: str = "[s1]") -> str:
    """A new glossary entry, written the way an editor would (line 1 is '- id: ...')."""
    return (f"- id: {id_}\n"
            f"  term: {{en: {term_en}, fr: Junte}}\n"
            f"  definition:\n"
            f"    en: {definition}\n"
            f"  sources: {sources}\n" + extra)


def event(date: str = "'2024-07-06'", *, extra: str = "", id_: str = "2024-07-06-summit", kind: str = "summit") -> str:
    return (f"- id: {id_}\n"
            f"  date: {date}\n"
            f"  title: {{en: Summit, fr: Sommet}}\n"
            f"  summary: {{en: The summit meets., fr: Le sommet se réunit.}}\n"
            f"  kind: {kind}\n"
            f"  sources: [s2]\n" + extra)


def source(url: str = "https://example.org/new", *, id_: str = "s3") -> str:
    return (f"- id: {id_}\n  title: New source\n  publisher: P\n  language: en\n  kind: news\n  tier: press\n  url: {url}\n")


G = "glossary/extra.yaml"
E = "events/2024.yaml"
FUTURE = (dt.date.today() + dt.timedelta(days=400)).isoformat()

CASES: list[Case] = [
    # --- YAML itself -------------------------------------------------------------------------
    Case("unclosed flow mapping", {G: "- id: junta\n  term: {en: Junta\n"},
         "data/glossary/extra.yaml:3:1: (file): YAML syntax error: expected ',' or '}', but got '<stream end>'"),
    Case("bad indentation", {G: "- id: junta\n  term:\n    en: Junta\n   fr: Junte\n"},
         "data/glossary/extra.yaml:4:4: (file): YAML syntax error"),
    Case("colon in unquoted text", {G: term("Note: a colon starts a mapping: here")},
         "data/glossary/extra.yaml:4:13: (file): YAML syntax error: mapping values are not allowed here"),
    Case("duplicate key", {G: term(extra="  sources: [s2]\n")},
         "data/glossary/extra.yaml:6:3: junta.sources: duplicate key 'sources' (first at line 5)"),
    Case("tab indentation", {G: "- id: junta\n\tterm: Junta\n"},
         "data/glossary/extra.yaml:2:1: (file): tab character found (hint: indent with spaces, never tabs)"),
    Case("not UTF-8", {G: term("Une junte militaire \xe9lue.").encode("latin-1")},
         "data/glossary/extra.yaml:4:1: (file): file is not valid UTF-8 (byte 0xe9) (hint: save the file as UTF-8)"),
    Case("byte-order mark", {G: b"\xef\xbb\xbf" + term().encode()},
         "data/glossary/extra.yaml:1:1: (file): file starts with a byte-order mark (BOM)"),
    Case("empty file", {G: ""}, "data/glossary/extra.yaml:1:1: (file): file holds no record"),
    Case("only a comment", {G: "# nothing here yet\n"}, "data/glossary/extra.yaml:1:1: (file): file holds no record"),
    Case("empty list", {G: "[]\n"}, "data/glossary/extra.yaml:1:1: (file): the list holds no record"),
    Case("billion laughs", {G: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                               "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"},
         "data/glossary/extra.yaml:1:4: (file): YAML anchor '&a' is not allowed"),
    Case("alias", {G: term(extra="  aliases: *x\n")},
         "data/glossary/extra.yaml:6:12: (file): YAML alias '*x' is not allowed"),
    Case("oversized file", {G: term() + "# " + "x" * 1_000_100 + "\n"},
         "data/glossary/extra.yaml:1:1: (file): file is 1,000,") ,
    Case("python object tag", {G: "- !!python/object/apply:os.system ['echo owned']\n"},
         "data/glossary/extra.yaml:1:3: (file): YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    Case("custom tag", {G: term(extra="  aliases: !include other.yaml\n")},
         "data/glossary/extra.yaml:6:12: junta.aliases: YAML tag '!include' is not allowed (hint: remove the tag; plain values only)"),
    Case("deep nesting", {G: "- id: junta\n  aliases: " + "[" * 30 + "x" + "]" * 30 + "\n"},
         "data/glossary/extra.yaml:2:23: junta.aliases[0][0][0][0][0][0][0][0][0][0][0]: nesting is too deep (at most 12 levels)"),
    Case("nesting deep enough to exhaust the parser", {G: "- id: junta\n  aliases: " + "[" * 5000 + "x" + "]" * 5000 + "\n"},
         "data/glossary/extra.yaml:1:1: (file): nesting is too deep (at most 12 levels)"),
    Case("a scalar instead of records", {G: "just some text\n"},
         "data/glossary/extra.yaml:1:1: (file): expected a record or a list of records, found text"),
    Case("a list item that is not a record", {G: term() + "- junta\n"},
         "data/glossary/extra.yaml:6:3: [1]: expected a record (a mapping of fields), found text"),
    Case("an empty list item", {G: term() + "-\n"},
         "data/glossary/extra.yaml:6:2: [1]: expected a record (a mapping of fields), found nothing"),
    # --- wrong types --------------------------------------------------------------------------
    Case("unquoted date", {E: event("2024-07-06")},
         "data/events/2024.yaml:2:9: 2024-07-06-summit.date: date 2024-07-06 is not quoted (hint: write it in quotes: '2024-07-06')"),
    Case("number as date", {E: event("2024")},
         "data/events/2024.yaml:2:9: 2024-07-06-summit.date: expected text, found a number 2024 (hint: write the date in quotes"),
    Case("list where text belongs", {G: term("[one, two]")},
         "data/glossary/extra.yaml:4:9: junta.definition.en: expected text, found a list ['one', 'two'] (hint: put the text in quotes)"),
    Case("yes read as a boolean", {"instruments/charter.yaml": None,
                                   "instruments/c.yaml": open_fixture("instruments/charter.yaml").replace(
                                       "  - id: charter-unanimity\n", "  - id: charter-unanimity\n    content_known: yes\n")},
         "data/instruments/c.yaml:30:20: liptako-gourma-charter.articles[1].content_known: expected true or false, found 'yes'"),
    Case("on read as a boolean", {"instruments/charter.yaml": None,
                                  "instruments/c.yaml": open_fixture("instruments/charter.yaml").replace(
                                      "  - id: charter-unanimity\n", "  - id: charter-unanimity\n    content_known: on\n")},
         "data/instruments/c.yaml:30:20: liptako-gourma-charter.articles[1].content_known: expected true or false, found 'on'"),
    Case("boolean where text belongs", {G: term("true")},
         "data/glossary/extra.yaml:4:9: junta.definition.en: expected text, found true/false True"),
    Case("text where a number belongs", {"states/mali.yaml": open_fixture("states/mali.yaml").replace("area_km2: 1240192", "area_km2: 'large'")},
         "data/states/mali.yaml:7:11: mali.area_km2: expected a whole number, found text 'large'"),
    Case("number where a list belongs", {G: term(sources="7")},
         "data/glossary/extra.yaml:5:12: junta.sources: expected a list, found a number 7"),
    # --- fields -------------------------------------------------------------------------------
    Case("unknown field with near miss", {G: term(extra="  definiton: {en: x}\n")},
         "data/glossary/extra.yaml:6:3: junta.definiton: unknown field 'definiton' (hint: did you mean 'definition'?)"),
    Case("unknown field without near miss", {G: term(extra="  colour: red\n")},
         "data/glossary/extra.yaml:6:3: junta.colour: unknown field 'colour' (hint: allowed fields here: id, sources, note, former_ids, term, aliases, definition)"),
    Case("unknown language", {G: term(extra="").replace("term: {en: Junta, fr: Junte}", "term: {en: Junta, de: Junta}")},
         "data/glossary/extra.yaml:2:21: junta.term.de: unknown field 'de' (hint: allowed fields here: en, fr)"),
    Case("missing required field", {E: event().replace("  kind: summit\n", "")},
         "data/events/2024.yaml:1:3: 2024-07-06-summit.kind: required field 'kind' is missing"),
    Case("missing sources", {G: term().replace("  sources: [s1]\n", "")},
         "data/glossary/extra.yaml:1:3: junta.sources: required field 'sources' is missing"),
    Case("empty sources", {G: term(sources="[]")},
         "data/glossary/extra.yaml:5:12: junta.sources: must not be empty (found [])"),
    Case("empty string", {G: term("''")}, "data/glossary/extra.yaml:4:9: junta.definition.en: is empty"),
    Case("only spaces", {G: term("'   '")},
         "data/glossary/extra.yaml:4:9: junta.definition.en: has spaces at the start or end"),
    Case("wrong choice with near miss", {E: event(kind="sumit")},
         "data/events/2024.yaml:5:9: 2024-07-06-summit.kind: expected one of"),
    Case("a seed article needs no url but others do", {"sources/more.yaml": source().replace("  url: https://example.org/new\n", "")},
         "data/sources/more.yaml:1:3: s3: a source needs its address (url)"),
    # --- ids and references -------------------------------------------------------------------
    Case("duplicate id in a file", {G: term() + term()},
         "data/glossary/extra.yaml:6:7: junta.id: duplicate glossary id 'junta' (first in data/glossary/extra.yaml:1)"),
    Case("duplicate id across files", {G: term(id_="aes")},
         "data/glossary/g.yaml:1:7: aes.id: duplicate glossary id 'aes' (first in data/glossary/extra.yaml:1)"),
    Case("duplicate article id across instruments", {"instruments/treaty.yaml": open_fixture("instruments/charter.yaml")
                                                     .replace("id: liptako-gourma-charter", "id: treaty")},
         "data/instruments/treaty.yaml:16:9: treaty.articles[0].id: duplicate article id 'charter-article-6' (also in liptako-gourma-charter)"),
    Case("reference to nothing", {E: event(extra="  people: [assimi-goitaa]\n")},
         "data/events/2024.yaml:7:12: 2024-07-06-summit.people[0]: 'assimi-goitaa' is not a known id in people (hint: did you mean 'assimi-goita'?)"),
    Case("reference to the wrong kind", {E: event(extra="  people: [mali]\n")},
         "data/events/2024.yaml:7:12: 2024-07-06-summit.people[0]: 'mali' is not a known id in people"),
    Case("source id that resolves to nothing", {G: term(sources="[s404]")},
         "data/glossary/extra.yaml:5:13: junta.sources[0]: 's404' is not a known id in sources"),
    Case("a source nothing cites", {"sources/more.yaml": source()},
         "data/sources/more.yaml:1:7: s3.id: no record cites this source (hint: cite it from the records it supports, or delete it)"),
    Case("parent cycle", {"organisations/a.yaml": "id: org-a\nname: {en: A}\nclassification: alliance\nparent: org-b\n"
                          "summary: {en: A.}\nsources: [s1]\n",
                          "organisations/b.yaml": "id: org-b\nname: {en: B}\nclassification: alliance\nparent: org-a\n"
                          "summary: {en: B.}\nsources: [s1]\n"},
         "data/organisations/a.yaml:4:9: org-a.parent: parent organisations form a cycle: org-a -> org-b -> org-a"),
    Case("path traversal in an id", {G: term(id_="'../../etc/passwd'")},
         "data/glossary/extra.yaml:1:7: ../../etc/passwd.id: expected an id (slug), found '../../etc/passwd' (hint: ids are lowercase letters, digits and single hyphens: did you mean 'etc-passwd'?)"),
    Case("absolute path in an id", {G: term(id_="/tmp/x")},
         "data/glossary/extra.yaml:1:7: /tmp/x.id: expected an id (slug), found '/tmp/x'"),
    Case("Windows reserved name as id", {G: term(id_="con")},
         "data/glossary/extra.yaml:1:7: con.id: 'con' is a reserved file name on Windows and cannot be an id"),
    Case("a list page's name as id", {G: term(id_="page-2")},
         "data/glossary/extra.yaml:1:7: page-2.id: 'page-2' is the name of a list page of the site and cannot be an id"),
    Case("Cyrillic confusable in an id", {G: term(id_="jаnta")},
         "data/glossary/extra.yaml:1:7: jаnta.id: expected an id (slug), found 'jаnta'"),
    Case("right-to-left override in an id", {G: term(id_="'junta\u202e'")},
         "data/glossary/extra.yaml:1:7: junta\u202e.id: expected an id (slug)"),
    Case("overlong id", {G: term(id_="a" * 81)}, f"data/glossary/extra.yaml:1:7: {'a' * 81}.id: is too long (81 characters, limit 80)"),
    Case("unknown data folder", {"evnets/2024.yaml": event()},
         "data/evnets: (file): unknown data folder 'evnets' (hint: did you mean 'events'?)".replace("data/evnets: ", "data/evnets:1:1: ")),
    Case("wrong file extension", {"glossary/extra.yml": term()},
         "data/glossary/extra.yml:1:1: (file): data files must end in .yaml (hint: rename it to extra.yaml)"),
    Case("reserved file name", {"glossary/con.yaml": term()},
         "data/glossary/con.yaml:1:1: (file): file name 'con.yaml' is not a plain lowercase name"),
    Case("file name with spaces", {"glossary/My Terms.yaml": term()},
         "data/glossary/My Terms.yaml:1:1: (file): file name 'My Terms.yaml' is not a plain lowercase name (hint: rename it to my-terms.yaml"),
    # --- dates --------------------------------------------------------------------------------
    Case("impossible date", {E: event("'2023-02-30'")},
         "data/events/2024.yaml:2:9: 2024-07-06-summit.date: 2023-02-30 does not exist: February 2023 has 28 days"),
    Case("month 13", {E: event("'2023-13'")},
         "data/events/2024.yaml:2:9: 2024-07-06-summit.date: expected a date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', found '2023-13'"),
    Case("padded partial date written as a timestamp", {E: event("'2023-09-16T10:00'")},
         "data/events/2024.yaml:2:9: 2024-07-06-summit.date: expected a date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'"),
    Case("future date", {E: event(f"'{FUTURE}'")},
         f"data/events/2024.yaml:2:9: 2024-07-06-summit.date: {FUTURE} is in the future"),
    Case("end before start", {E: event(extra="  end_date: '2024-07-05'\n")},
         "data/events/2024.yaml:1:3: 2024-07-06-summit: end_date 2024-07-05 is before the start 2024-07-06"),
    # --- text ---------------------------------------------------------------------------------
    Case("url that is not http", {"sources/sources.yaml": open_fixture("sources/sources.yaml").replace(
        "https://example.org/charter", "javascript:alert(1)")},
         "data/sources/sources.yaml:5:8: s1.url: expected an http or https address, found 'javascript:alert(1)'"),
    Case("data url", {"sources/sources.yaml": open_fixture("sources/sources.yaml").replace(
        "https://example.org/charter", "'data:text/html,<script>alert(1)</script>'")},
         "data/sources/sources.yaml:5:8: s1.url: expected an http or https address"),
    Case("script tag in text", {G: term("'<script>alert(1)</script>'")},
         "data/glossary/extra.yaml:4:9: junta.definition.en: HTML is not allowed in text"),
    Case("event handler in text", {G: term("'<img src=x onerror=alert(1)>'")},
         "data/glossary/extra.yaml:4:9: junta.definition.en: HTML is not allowed in text"),
    Case("markup in a name", {G: term(term_en="'Junta</title><script>'")},
         "data/glossary/extra.yaml:2:14: junta.term.en: names and titles may not contain '<' or '>'"),
    Case("markdown heading in text", {G: term("|-\n      # Heading\n      text")},
         "data/glossary/extra.yaml:4:9: junta.definition.en: a line starting with '#' would become a heading"),
    Case("markdown table in text", {G: term("|-\n      | a | b |\n      | - | - |")},
         "data/glossary/extra.yaml:4:9: junta.definition.en: a line starting with '|' would become a table"),
    Case("markdown image in text", {G: term("'![x](https://example.org/x.png)'")},
         "data/glossary/extra.yaml:4:9: junta.definition.en: images are not allowed in text"),
    Case("javascript link in text", {G: term("'[click](javascript:alert(1))'")},
         "data/glossary/extra.yaml:4:9: junta.definition.en: links must point to an http or https address, found 'javascript:alert(1'"),
    Case("jinja syntax in text", {G: term("'{{ config.extra }}'")},
         "data/glossary/extra.yaml:4:9: junta.definition.en: template syntax ({{ }}, {% %}, {# #}) is not allowed in text"),
    Case("jinja block in a name", {G: term(term_en="'{% include x %}'")},
         "data/glossary/extra.yaml:2:14: junta.term.en: template syntax"),
    Case("right-to-left override in text", {G: term("'evil\u202etxt.exe'")},
         "data/glossary/extra.yaml:4:9: junta.definition.en: contains an invisible or direction-changing character"),
    Case("zero-width space in a name", {G: term(term_en="'Jun\u200bta'")},
         "data/glossary/extra.yaml:2:14: junta.term.en: contains an invisible or direction-changing character"),
    Case("control character", {G: term('"bell\\a"')},
         "data/glossary/extra.yaml:4:9: junta.definition.en: contains a control character"),
    Case("extremely long text", {G: term("x" * 4001)},
         "data/glossary/extra.yaml:4:9: junta.definition.en: is too long (4001 characters, limit 4000)"),
    Case("extremely long name", {G: term(term_en="y" * 301)},
         "data/glossary/extra.yaml:2:14: junta.term.en: is too long (301 characters, limit 300)"),
    # --- source tiers -------------------------------------------------------------------------
    Case("source without a tier", {"sources/sources.yaml": open_fixture("sources/sources.yaml").replace("  tier: official\n", "", 1)},
         "data/sources/sources.yaml:1:3: s1.tier: required field 'tier' is missing (hint: add 'tier:'"),
    Case("unknown source tier", {"sources/sources.yaml": open_fixture("sources/sources.yaml").replace("tier: official", "tier: blog", 1)},
         "data/sources/sources.yaml:8:9: s1.tier: expected one of 'official', 'wire', 'press', 'state-media', 'analysis', 'reference' or 'copy', found 'blog'"),
    Case("a fact citing a copy", {"sources/sources.yaml": open_fixture("sources/sources.yaml").replace("tier: wire", "tier: copy", 1)},
         "data/events/2023.yaml:21:12: 2023-10-mali-debate.sources: rests only on reference works or copies (hint: add a source of another tier",
         also=("data/events/2023.yaml:21:13: 2023-10-mali-debate.sources[0]: cites 's2', a copy (Example Agency) (hint: cite the original it copies instead",)),
    Case("a fact resting only on reference works", {"sources/sources.yaml": open_fixture("sources/sources.yaml").replace(
        "tier: official", "tier: reference", 1).replace("tier: wire", "tier: reference", 1).replace("tier: analysis", "tier: reference", 1)},
         "data/events/2023.yaml:13:12: 2023-09-16-charter-signed.sources: rests only on reference works or copies",
         also=("data/instruments/charter.yaml:28:14: charter-article-6.sources: rests only on reference works or copies",)),
    # --- releases and corrections ---------------------------------------------------------------
    Case("a release whose id is not its version", {"releases/releases.yaml":
         "- id: 2026-12-1\n  version: 2026.12.0\n  date: '2026-11-01'\n  summary: {en: First., fr: Première.}\n"},
         "data/releases/releases.yaml:1:3: 2026-12-1: id must be the version with hyphens: 2026-12-0"),
    Case("a correction of an unknown record", {"corrections/c.yaml":
         "- id: c1\n  date: '2026-11-01'\n  records: [nobody]\n  wrong: {en: Wrong., fr: Faux.}\n"
         "  right: {en: Right., fr: Juste.}\n  sources: [s1]\n"},
         "data/corrections/c.yaml:3:13: c1.records[0]: 'nobody' is not a known id in"),
]
