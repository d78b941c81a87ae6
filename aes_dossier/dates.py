"""Reduced-precision dates: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, never padded.

A date known only to the month stays a month: padding it to the 1st would invent a fact.
The value is kept as the editor wrote it and compared through ``sort_key``.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from functools import total_ordering

DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_DATE_RE = re.compile(DATE_PATTERN)


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A calendar date with an honest precision: year, month or day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        if not isinstance(text, str) or not _DATE_RE.match(text):
            raise ValueError(f"expected a date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', found {text!r}")
        parts = [int(p) for p in text.split("-")]
        year = parts[0]
        if year < 1800:
            raise ValueError(f"year {year} is out of range (1800 or later)")
        month = parts[1] if len(parts) > 1 else None
        day = parts[2] if len(parts) > 2 else None
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if day > last:
                raise ValueError(f"{text} does not exist: {calendar.month_name[month]} {year} has {last} days")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> _dt.date:
        month = self.month or 12
        return _dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: "PartialDate") -> bool:
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text
