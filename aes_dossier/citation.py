"""'Cite this page' in three formats readers paste into their work: plain text, BibTeX, CSL-JSON."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .dates import PartialDate

AUTHOR = "AES dossier contributors"
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bibtex(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: "\\textbackslash{}" if m.group(1) == "\\" else "\\" + m.group(1), text)


@dataclass(frozen=True)
class Citation:
    key: str
    title: str
    site: str
    url: str
    updated: str | None  # 'YYYY-MM-DD' or None
    lang: str
    version: str | None = None
    """The data release the page belongs to, as researchers cite a dataset."""

    @property
    def accessed(self) -> str | None:
        """The day this text of the page was current (its last change): what a reference
        manager records as the access date, and the same on every build of the same data."""
        return self.updated

    def plain(self, updated_text: str, label: str) -> str:
        parts = [f'{AUTHOR}. "{self.title}". {self.site}' + (f", release {self.version}." if self.version else ".")]
        if self.updated:
            parts.append(f"{label} {updated_text}.")
        parts.append(self.url)
        return " ".join(parts)

    def bibtex(self) -> str:
        """@misc as BibTeX and biblatex styles print it: the title in double braces (so styles do
        not lower-case "Liptako-Gourma"), the work in ``howpublished`` (which @misc prints),
        ``url`` and ``urldate``."""
        fields = [f"  title = {{{{{_bibtex(self.title)}}}}}", f"  author = {{{{{_bibtex(AUTHOR)}}}}}",
                  f"  howpublished = {{{{{_bibtex(self.site)}}}}}", f"  url = {{{self.url}}}",
                  f"  language = {{{self.lang}}}"]
        if self.version:
            fields.append(f"  version = {{{self.version}}}")
        if self.updated:
            fields += [f"  year = {{{self.updated[:4]}}}", f"  urldate = {{{self.accessed}}}",
                       f"  note = {{Release {self.version}, last updated {self.updated}}}" if self.version
                       else f"  note = {{Last updated {self.updated}}}"]
        return "@misc{" + self.key + ",\n" + ",\n".join(fields) + "\n}"

    def csl_json(self) -> str:
        item = {"id": self.key, "type": "webpage", "title": self.title, "container-title": self.site,
                "author": [{"literal": AUTHOR}], "URL": self.url, "language": self.lang}
        if self.version:
            item["version"] = self.version
        if self.updated:
            date = PartialDate.parse(self.updated)
            parts = [[date.year, date.month, date.day]]
            item["issued"] = {"date-parts": parts}
            item["accessed"] = {"date-parts": parts}
        return json.dumps([item], ensure_ascii=False, indent=2)


def fence(text: str) -> str:
    """A code fence longer than any run of backticks in ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)
