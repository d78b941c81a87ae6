"""Key–value tables without a blank header row.

Markdown tables must have a header row, so the dossier's two-column fact boxes (the home page's
key facts, every record's summary table) were written with an empty one, which screen readers
announce as blank column headers. In the built HTML such a table loses its empty ``<thead>``,
and the first cell of each row becomes a row header (``<th scope="row">``), which is what the
table means: each row names a fact, then gives it.
"""

from __future__ import annotations

import re

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_EMPTY_HEAD = re.compile(r"^\s*<thead>\s*<tr>(?:\s*<th(?:\s[^>]*)?>\s*</th>)+\s*</tr>\s*</thead>", re.S)
_FIRST_CELL = re.compile(r"(<tr>\s*)<td((?:\s[^>]*)?)>(.*?)</td>", re.S)


def _fix(match: re.Match[str]) -> str:
    body = match.group(1)
    if not _EMPTY_HEAD.match(body):
        return match.group(0)
    body = _EMPTY_HEAD.sub("", body, count=1)
    body = _FIRST_CELL.sub(lambda cell: f'{cell.group(1)}<th scope="row"{cell.group(2)}>{cell.group(3)}</th>', body)
    return f"<table>{body}</table>"


def row_header_tables(html: str) -> str:
    return _TABLE.sub(_fix, html)
