"""Post-processing of MkDocs' search index: one index per language, accent-blind both ways.

lunr, which Material's search runs on, matches words exactly after stemming, so "Goita" would
not find "Goïta". The query cannot be changed inside Material's worker, so the index is: each
document also carries the accent-free form of its accented words ("goita"), and the accented
forms, seen elsewhere in the site, of its accent-free words ("Confédération" on an English page
that says "Confederation"). Readers see the page text unchanged; only the index grows.

mkdocs-static-i18n writes one index for both editions; splitting it lets the French edition
search French pages only, with French stemming.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from .text import fold

_WORD = re.compile(r"\w+", re.UNICODE)
MARK = "aes_dossier"


def _plain_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def enrich(docs: list[dict[str, Any]]) -> None:
    """Add accent variants to every document's text so that search ignores accents both ways."""
    folded = functools.cache(fold)  # a site repeats its words: fold each distinct word once

    variants: dict[str, set[str]] = defaultdict(set)
    words_of: list[dict[str, set[str]]] = []
    for doc in docs:
        words = {field: set(_WORD.findall(_plain_text(doc.get(field, "")))) for field in ("title", "text")}
        words_of.append(words)
        for word in words["title"] | words["text"]:
            if folded(word) != word.casefold():
                variants[folded(word)].add(word.casefold())
    for doc, words in zip(docs, words_of):
        for field in ("title", "text"):
            extra: set[str] = set()
            for word in words[field]:
                base = folded(word)
                if base != word.casefold():
                    extra.add(base)
                extra |= variants.get(base, set()) - {word.casefold()}
            if extra:
                doc[field] = f"{doc.get(field, '')} <span hidden>{' '.join(sorted(extra))}</span>"


_CITATION_MARKS = re.compile(r"<sup[^>]*>[^<]*</sup>")
_ADDRESS = re.compile(r"\s*https?://[^\s<]+")


def compact(docs: list[dict[str, Any]]) -> None:
    """Drop what no reader searches for and every result snippet would show as noise: citation
    numbers (¹,²) and web addresses (a source's page keeps its title and publisher). This keeps
    each edition's index under its 1 MB budget as the dossier grows."""
    for doc in docs:
        if "text" in doc:
            doc["text"] = _ADDRESS.sub("", _CITATION_MARKS.sub("", doc["text"]))


def add_aliases(docs: list[dict[str, Any]], aliases: dict[str, list[str]]) -> None:
    """Put each record's other names in its page's title entry (hidden from view, found by search)."""
    for doc in docs:
        names = aliases.get(doc["location"])
        if names:
            doc["title"] = f"{doc.get('title', '')} <span hidden>{' '.join(names)}</span>"


def split_and_enrich(site: Path, languages: dict[str, str], aliases: dict[str, list[str]] | None = None) -> dict[str, Path]:
    """Write ``site/search/search_index.json`` for the default language and ``site/<lang>/search/…``
    for each other one; ``languages`` maps a locale to its lunr language. Safe to run twice."""
    combined_path = site / "search" / "search_index.json"
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    if combined.get("config", {}).get(MARK):
        return {}
    prefixes = {lang: f"{lang}/" for lang in languages if lang != "en"}
    buckets: dict[str, list[dict[str, Any]]] = {lang: [] for lang in languages}
    for doc in combined["docs"]:
        lang = next((lang for lang, prefix in prefixes.items() if doc["location"].startswith(prefix)), "en")
        if lang != "en":
            doc = {**doc, "location": doc["location"][len(prefixes[lang]):]}
        buckets[lang].append(doc)
    written = {}
    for lang, docs in buckets.items():
        compact(docs)
        add_aliases(docs, aliases or {})
        enrich(docs)
        config = {**combined["config"], "lang": [languages[lang]], MARK: True}
        path = combined_path if lang == "en" else site / lang / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
        written[lang] = path
    return written


def finish_indexes(site: Path, aliases_file: Path, locales: list[str]) -> None:
    """Split the combined index per edition and enrich it, with the records' other names from
    ``aliases_file`` (the generator's ``.search-aliases.json``): after a full build, and after
    ``mkdocs serve`` updates a few pages (``live_build``)."""
    aliases = json.loads(aliases_file.read_text(encoding="utf-8")) if aliases_file.exists() else {}
    split_and_enrich(site, {locale: locale for locale in locales}, aliases)


def rebase_search(html: str, page_url: str, lang: str) -> str:
    """Point a page of the ``lang`` edition at its own edition's search index.

    Material finds the index at ``<base>/search/search_index.json``; on /fr/ pages the base
    is made one level shallower, so it is /fr/ instead of the site root.
    """
    if lang == "en" or not page_url.startswith(f"{lang}/"):
        return html
    depth = page_url[len(lang) + 1:].count("/")
    new_base = "/".join([".."] * depth) or "."

    def replace(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        config["base"] = new_base
        return match.group(1) + json.dumps(config) + match.group(3)

    return re.sub(r'(<script id="__config" type="application/json">)(.*?)(</script>)', replace, html, count=1, flags=re.S)


def prune_assets(site: Path, languages: set[str]) -> list[Path]:
    """Delete what no page of this site loads: source maps, and lunr language files other than
    the site's own languages (Material only loads ``lunr.<lang>`` for the index's languages)."""
    keep = {"lunr.stemmer.support.min.js", "lunr.multi.min.js"} | {f"lunr.{lang}.min.js" for lang in languages}
    removed = [path for path in (site / "assets").rglob("*.map")]
    lunr = site / "assets" / "javascripts" / "lunr"
    if lunr.is_dir():
        removed += [path for path in (lunr / "min").glob("lunr.*.min.js") if path.name not in keep]
        removed += [path for path in (lunr / "tinyseg.js", lunr / "wordcut.js") if path.exists()]
    for path in removed:
        path.unlink()
    for path in [*(site / "assets").rglob("*.js"), *(site / "assets").rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        stripped = re.sub(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$", "\n", text)
        if stripped != text:
            path.write_text(stripped, encoding="utf-8")
    return removed
