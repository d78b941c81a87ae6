"""The quality gates: each runs one trusted tool on a built site and says pass or fail, with the
figure that decided it and the problems it found.

Each gate takes the site (a folder, or its address when it needs a browser) so that tests can run
it on a deliberately broken page as well as on the real site.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .config import (AXE, BUDGETS_KB, CHROMIUM, CHROMIUM_ARGS, LIGHTHOUSE_MINIMUM, NODE_MODULES, ROOT, VNU,
                     VNU_FILTERS)


@dataclass
class LighthouseRow:
    page: str
    preset: str
    scores: dict[str, float]


@dataclass
class GateResult:
    """One gate's verdict: a line of the summary table."""

    name: str
    tool: str
    passed: bool
    figure: str
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    scores: list[LighthouseRow] = field(default_factory=list)
    """Lighthouse's scores per page and device, for their own table."""


class ToolMissing(RuntimeError):
    """A pinned tool is not installed: the set-up step (``make test``) was skipped."""


def _require(path: Path, how: str) -> Path:
    if not path.exists():
        raise ToolMissing(f"{path} is missing: {how}")
    return path


def _timed(gate: Callable[..., GateResult]) -> Callable[..., GateResult]:
    def run(*args, **kwargs) -> GateResult:
        start = time.perf_counter()
        result = gate(*args, **kwargs)
        result.seconds = time.perf_counter() - start
        return result
    run.__name__, run.__doc__ = gate.__name__, gate.__doc__
    return run


def vnu_filter_patterns(filters: Path = VNU_FILTERS) -> list[str]:
    """The committed patterns of theme markup the project does not own (comments explain each)."""
    return [line for line in filters.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


@_timed
def html_validity(site: Path) -> GateResult:
    """The Nu HTML Checker on every page: 0 errors once the theme's own markup is filtered."""
    java = shutil.which("java") or "java"
    command = [java, "-jar", str(_require(VNU, "run `npm ci`")), "--skip-non-html", "--errors-only", "--format", "json"]
    for pattern in vnu_filter_patterns():
        command += ["--filterpattern", pattern]
    result = subprocess.run(command + [str(site)], capture_output=True, text=True, timeout=1800)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').split(site.name + '/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m.get("type") in ("error", "non-document-error")]
    pages = sum(1 for _ in site.rglob("*.html"))
    return GateResult("HTML validity", "vnu-jar (Nu HTML Checker)", not errors,
                      f"{len(errors)} errors on {pages:,} pages", errors)


AXE_SCRIPT = """async () => {
    const tags = {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']};
    const result = await axe.run(document, {runOnly: tags});
    return result.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}"""


@_timed
def accessibility(base_url: str, pages: dict[str, str], schemes: Iterable[str] = ("light", "dark"),
                  browser: Any = None) -> GateResult:
    """axe-core at WCAG 2.2 AA in Chromium, on one page of each type in each colour scheme.

    ``browser`` is a running Playwright browser (the tests pass pytest-playwright's); without
    one, Debian's Chromium is started for the run."""
    if browser is None:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _axe(own, base_url, pages, schemes)
            finally:
                own.close()
    return _axe(browser, base_url, pages, schemes)


def _axe(browser: Any, base_url: str, pages: dict[str, str], schemes: Iterable[str]) -> GateResult:
    axe = _require(AXE, "run `npm ci`")
    problems: list[str] = []
    checked = 0
    for scheme in schemes:
        # axe is injected as an inline script, which the pages' Content-Security-Policy rightly
        # blocks; the audit tool, not the page, is exempted.
        context = browser.new_context(color_scheme=scheme, bypass_csp=True)
        for name, path in pages.items():
            page = context.new_page()
            page.goto(base_url + path)
            page.add_script_tag(path=str(axe))
            problems += [f"{name} ({scheme}): {violation}" for violation in page.evaluate(AXE_SCRIPT)]
            page.close()
            checked += 1
        context.close()
    return GateResult("Accessibility", "axe-core, WCAG 2.2 AA", not problems,
                      f"{len(problems)} violations on {checked} page/scheme pairs", problems)


@_timed
def links(site: Path | str, internal: str = r"localhost") -> GateResult:
    """linkinator over the site (a folder it serves itself, or the address of a served site):
    every link and asset whose address starts with ``internal`` resolves, anchors included."""
    npx = shutil.which("npx") or "npx"
    _require(NODE_MODULES / "linkinator", "run `npm ci`")
    result = subprocess.run([npx, "--no-install", "linkinator", str(site), "--recurse", "--check-fragments",
                             "--skip", rf"^(?!https?://{internal})", "--format", "json"],
                            capture_output=True, text=True, timeout=1800, cwd=ROOT)
    report = json.loads(result.stdout or '{"links": []}')
    checked = [link for link in report["links"] if link["state"] != "SKIPPED"]
    broken = [f"{link['status']} {link['url']} (from {link.get('parent')})" for link in checked if link["state"] == "BROKEN"]
    return GateResult("Links", "linkinator", not broken and bool(checked),
                      f"{len(broken)} broken of {len(checked):,} internal links and anchors", broken or
                      ([] if checked else [f"linkinator checked nothing: {result.stderr.strip()[:300]}"]))


LIGHTHOUSE_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])


def lighthouse_scores(url: str, preset: str) -> dict[str, float]:
    """One Lighthouse run: the four category scores, 0 to 1."""
    npx = shutil.which("npx") or "npx"
    _require(NODE_MODULES / "lighthouse", "run `npm ci`")
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        command = [npx, "--no-install", "lighthouse", url, "--output=json", f"--output-path={report}", "--quiet",
                   f"--chrome-flags={LIGHTHOUSE_FLAGS}", "--only-categories=performance,accessibility,best-practices,seo"]
        if preset == "desktop":
            command.append("--preset=desktop")
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT,
                                env={**os.environ, "CHROME_PATH": CHROMIUM})
        if not report.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {result.stderr.strip()[-500:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    return {name: category["score"] or 0.0 for name, category in data["categories"].items()}


@_timed
def lighthouse(base_url: str, pages: dict[str, str], runs: int = 3) -> GateResult:
    """Lighthouse on mobile (median of ``runs``) and desktop: mobile performance >= 95, the rest 100."""
    rows: list[LighthouseRow] = []
    for name, path in pages.items():
        for preset, count in (("mobile", runs), ("desktop", 1)):
            samples = [lighthouse_scores(base_url + path, preset) for _ in range(count)]
            rows.append(LighthouseRow(name, preset, {category: statistics.median(s[category] for s in samples)
                                                     for category in LIGHTHOUSE_MINIMUM}))
    # The issue sets performance for mobile, the harder case; desktop performance is recorded
    # (one run, so a point or two of noise) and every other category must be 100 on both.
    problems = [f"{row.page} ({row.preset}): {category} {round(score * 100)} < {round(LIGHTHOUSE_MINIMUM[category] * 100)}"
                for row in rows for category, score in row.scores.items()
                if score < LIGHTHOUSE_MINIMUM[category] and (category != "performance" or row.preset == "mobile")]
    return GateResult("Lighthouse", "lighthouse (mobile and desktop)", not problems,
                      "; ".join(f"{row.page} {row.preset} " + "/".join(str(round(row.scores[c] * 100)) for c in LIGHTHOUSE_MINIMUM)
                                for row in rows), problems, scores=rows)


@_timed
def page_weight(site: Path) -> GateResult:
    """Uncompressed weight per page type: every HTML page, the theme's CSS and JS, each search index."""
    problems = [f"{page.relative_to(site)}: {page.stat().st_size / 1024:.0f} KB > {BUDGETS_KB['html']} KB"
                for page in site.rglob("*.html") if page.stat().st_size / 1024 > BUDGETS_KB["html"]]
    largest = max((page.stat().st_size for page in site.rglob("*.html")), default=0) / 1024
    css = sum(p.stat().st_size for p in site.glob("assets/**/*.css")) / 1024
    js = sum(p.stat().st_size for p in site.glob("assets/**/*.js") if "lunr" not in p.parts
             and "workers" not in p.parts) / 1024
    indexes = {p.relative_to(site).as_posix(): p.stat().st_size / 1024 for p in site.rglob("search_index.json")}
    for kind, size in (("css", css), ("js", js)):
        if size > BUDGETS_KB[kind]:
            problems.append(f"{kind}: {size:.0f} KB > {BUDGETS_KB[kind]} KB")
    problems += [f"{name}: {size:.0f} KB > {BUDGETS_KB['search_index']} KB" for name, size in indexes.items()
                 if size > BUDGETS_KB["search_index"]]
    maps = [p.relative_to(site).as_posix() for p in site.rglob("*.map")]
    problems += [f"{name}: source map shipped" for name in maps]
    figure = (f"largest page {largest:.0f} KB, CSS {css:.0f} KB, JS {js:.0f} KB, search "
              + " / ".join(f"{size:.0f}" for size in indexes.values()) + " KB")
    return GateResult("Page weight", "budgets in quality/config.py", not problems, figure, problems)
