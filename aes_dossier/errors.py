"""Located errors: what an editor needs to fix a data file without reading Python.

Every problem becomes one ``DataError`` that prints as
``data/FILE.yaml:LINE:COL: RECORD-ID.FIELD: message (hint: ...)``. Errors are collected, then
reported once, sorted, like endoflife.date's validator does.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    file: str
    line: int = 1
    column: int = 1
    record: str = ""
    field: str = ""
    message: str = dataclasses.field(default="", compare=False)
    hint: str = dataclasses.field(default="", compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = ".".join(part for part in (self.record, self.field) if part) or "(file)"
        text = f"{where}: {what}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class DataErrors(Exception):
    """Raised once with every error found, so the editor fixes them all in one pass."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(f"{len(self.errors)} error(s) in the data")

    def report(self) -> str:
        lines = [str(error) for error in self.errors]
        count = len(self.errors)
        lines.append(f"{count} error{'s' if count != 1 else ''} found; nothing was written.")
        return "\n".join(lines)
