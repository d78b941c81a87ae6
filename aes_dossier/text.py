"""Text is text: escaping data for the Markdown it lands in, and localising it.

Every value a template prints goes through ``escape_markdown`` unless a helper has already
built it as ``Markup``. So a ``<script>``, a ``|`` that would break a table or a ``#`` that
would start a heading in the data reaches the reader as the characters they typed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup

from .dates import PartialDate

LANGUAGES = ("en", "fr")

# Python-Markdown's escapable characters, plus '|' for tables. '<', '>' and '&' become HTML
# entities instead, since Markdown has no backslash escape for them.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape_markdown(value: Any) -> Markup:
    """Inline Markdown that shows ``value`` literally, on one line."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = re.sub(r"[ \t\r\n\f\v]+", " ", str(value))  # one line; keep spaces around markup and no-break spaces
    text = text.translate(_ENTITIES)
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


_INLINE = re.compile(
    r"\[(?P<label>[^\[\]\n]+)\]\((?P<url>https?://[^\s()<>\"']+)\)"
    r"|\*\*(?P<strong>[^*\n]+)\*\*"
    r"|(?<![*\w])\*(?P<em>[^*\n]+)\*(?![*\w])"
)


def render_prose(value: Any) -> Markup:
    """Prose with its safe Markdown subset kept (links, strong, emphasis) and everything else escaped."""
    if value is None:
        return Markup("")
    text = " ".join(str(value).split())
    parts: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        parts.append(escape_markdown(text[position:match.start()]))
        if match.group("label") is not None:
            parts.append(f"[{escape_markdown(match.group('label'))}]({match.group('url')})")
        elif match.group("strong") is not None:
            parts.append(f"**{escape_markdown(match.group('strong'))}**")
        else:
            parts.append(f"*{escape_markdown(match.group('em'))}*")
        position = match.end()
    parts.append(escape_markdown(text[position:]))
    return Markup("".join(parts))


def escape_attribute(value: Any) -> str:
    """Text safe inside a double-quoted HTML attribute."""
    return " ".join(str(value).split()).translate(_ENTITIES)


def fold(text: str) -> str:
    """Lower case without accents ('États' -> 'etats'): how search matches and how lists sort,
    so that É files with E in both languages."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def pick(text: Any, lang: str) -> str:
    """The text in ``lang``, falling back to English; ``text`` is a ``Text``/``Name`` or a str."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return getattr(text, lang, None) or text.en


def is_translated(text: Any, lang: str) -> bool:
    return text is None or isinstance(text, str) or lang == "en" or bool(getattr(text, lang, None))


@functools.lru_cache(maxsize=65536)
def format_partial_date(value: str | None, lang: str) -> str:
    """A date in the reader's language at the precision it was recorded: never an invented day."""
    if not value:
        return ""
    date = PartialDate.parse(value)
    if date.precision == "year":
        return str(date.year)
    if date.precision == "month":
        return format_date(date.earliest(), "MMMM y", locale=lang)
    if lang == "fr" and date.day == 1:  # French writes the first of the month as an ordinal: 1er mars
        return format_date(date.earliest(), "d'er' MMMM y", locale=lang)
    return format_date(date.earliest(), "d MMMM y", locale=lang)


def format_number(value: int, lang: str) -> str:
    """1,240,192 in English; 1 240 192 (narrow no-break spaces) in French."""
    return format_decimal(value, locale=lang)


def format_span(start: str | None, end: str | None, lang: str) -> str:
    if start and end:
        return f"{format_partial_date(start, lang)} – {format_partial_date(end, lang)}"
    return format_partial_date(start or end, lang)
