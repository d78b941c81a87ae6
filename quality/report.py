"""The gates' summary as a Markdown table, and the marked block of README.md that shows it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .gates import GateResult


def markdown_table(results: list["GateResult"], stamp: str) -> str:
    lines = [f"Quality gates, {stamp}:", "",
             "| Gate | Tool | Result | Figure | Time |", "| --- | --- | --- | --- | --- |"]
    for result in results:
        verdict = "pass" if result.passed else f"**FAIL** ({len(result.problems)})"
        lines.append(f"| {result.name} | {result.tool} | {verdict} | {result.figure} | {result.seconds:.0f} s |")
    rows = [row for result in results for row in result.scores]
    if rows:
        lines += ["", "Lighthouse scores (mobile is the median of its runs):", "",
                  "| Page | Device | Performance | Accessibility | Best practices | SEO |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for row in rows:
            scores = [str(round(row.scores[c] * 100)) for c in ("performance", "accessibility", "best-practices", "seo")]
            lines.append(f"| {row.page} | {row.preset} | " + " | ".join(scores) + " |")
    return "\n".join(lines)


def replace_block(text: str, name: str, content: str) -> str:
    """Put ``content`` between ``<!-- name:start -->`` and ``<!-- name:end -->``."""
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(\n<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise ValueError(f"README.md has no <!-- {name}:start --> ... <!-- {name}:end --> block")
    return pattern.sub(lambda m: m.group(1) + content + m.group(2), text)
