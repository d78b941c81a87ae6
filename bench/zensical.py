"""Zensical as a measured alternative to MkDocs (issue #10): does the dossier build, how fast, how big.

    .venv/bin/python -m bench.zensical PROJECT [--runs 3] [--auto-nav]

PROJECT is laid out like this checkout (``bench/synth.py`` makes one). Zensical lives in its own
venv, ``.venv-z``, pinned to 0.0.73: later releases need a ``zensical-ui`` the registry lacks.
MkDocs stays the default; nothing here changes how the site is built or published.

Zensical runs neither our hook nor mkdocs-static-i18n, so the pages are generated first with
``build_pages.py``, and a small config (``zensical-bench.yml``, which INHERITs mkdocs.yml) gives
it what the hook gives MkDocs: the English navigation and ``not_in_nav``. Without them Zensical
lists all 884 pages (French ones too) in one flat nav and builds a site 4x the size, which would
compare two different sites. The same config sends the output to ``site-zensical/`` so that an
MkDocs ``site/`` next to it survives.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import Sample, spread, timed
from bench.synth import copy_site_config

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-z"
VERSION = "0.0.73"
CONFIG = "zensical-bench.yml"
SITE = "site-zensical"

DIFFERENCES: tuple[str, ...] = (
    "Hooks: `hooks:` is ignored without a word, so `build_pages.py` must run first (and be timed too: MkDocs' "
    "build includes it). The hook also sets the nav from docs/.nav.json and `not_in_nav`, points French pages "
    "at the French search index, splits and accent-enriches the search index and prunes unused assets; none "
    "of that happens. Without the nav, Zensical makes a flat auto-nav of every page, French ones included "
    "(1x: largest page 288 KB instead of 179 KB, site 164 MB instead of 38 MB, 18.9 s and 351 MB instead of "
    "14.3 s and 198 MB). `measure` therefore passes the hook's nav and not_in_nav through an INHERIT config; "
    "Zensical honours both (a person page has the same 65 nav links as with MkDocs, `navigation.prune` included).",
    "i18n: the mkdocs-static-i18n plugin is dropped without a word. There is no /fr/ edition: each `x.fr.md` "
    "becomes a page of its own at `/x.fr/`, with `<html lang=\"en\">`, the English site name and chrome, no "
    "language selector (no hreflang links), and links that lead to the English pages. The page count matches "
    "MkDocs' (884 at 1x, 3,588 at 10x), but only one language is really built.",
    "Search: one `site/search.json` (1x: 1.42 MB, 2,612 entries, half of them French pages) instead of "
    "`search/search_index.json` + `fr/search/search_index.json` (0.64 + 0.80 MB). The search plugin's "
    "`lang: [en, fr]` is dropped (the index says lang [\"en\"]; our `separator` is kept), the hook's accent "
    "variants are absent, and the worker is Zensical's own (no lunr files). Search in a browser was not tested.",
    "Strict mode is NOT ignored by `zensical build` 0.0.73: a link to a missing page and a missing anchor in "
    "docs/about.md print 'Warning: page does not exist' / 'anchor does not exist', and `--strict` exits 1 "
    "('RuntimeError: Aborted because --strict flag is set', with a Python traceback); without --strict it "
    "exits 0. MkDocs --strict fails on the same two links. Zensical maps only the links/anchors part of our "
    "`validation:` (the nav checks are dropped); `zensical serve --strict` says strict is unsupported.",
    "Scale: at 100x (32,790 pages) Zensical builds in about 6 min (MkDocs, with the hook: about the same) but "
    "peaks at 4.2 GB (MkDocs 1.5 GB), and writes one 25 MB search index for both languages. It refuses any "
    "search field over a limit that shrinks as the index grows (16 KB for 49,186 items): it first failed on a "
    "page's list of related events, then on the list of printable parts, both now excluded from search. At "
    "1x and 10x its memory is also higher than MkDocs' (180 vs 106 MB, 538 vs 221 MB).",
    "Theme overrides: `theme.custom_dir: overrides` works; the overridden `site_meta` (canonical, Atom "
    "`rel=\"alternate \"` link) and the JSON-LD block are in every page. hreflang links are missing only "
    "because `extra.alternate` comes from the i18n plugin.",
    "`theme.font: false` and `extra.generator: false` are honoured: no fonts.googleapis.com and no zensical.org "
    "link in the output. `<link>`/`<script>` tags name no host but site_url (2 per page, MkDocs 4: the hreflang "
    "pair).",
    "Output: `site/assets` is 515 KB (MkDocs after the hook's pruning: 319 KB). `.cache/` next to the config is "
    "larger than the site (1x: 50 MB vs 38 MB); every measured run deletes it and `site-zensical/` first.",
    "Messages: on the unchanged project Zensical prints only 'Build started', 'No issues found', 'Build finished "
    "in …'; it never mentions the ignored hook, i18n plugin or plugin options. Its warnings are coloured even "
    "with NO_COLOR set (the error capture here strips the ANSI codes).",
)
"""Observed on bench/work/zx1 (1x) with Zensical 0.0.73 and MkDocs 1.6.1 + Material 9.8.1; see the module docstring."""

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def ensure_venv() -> Path:
    """Create ``.venv-z`` with the pinned Zensical if needed: a separate venv keeps its
    dependencies (deepmerge, tomli, its own Markdown stack) out of the MkDocs toolchain."""
    executable = VENV / "bin" / "zensical"
    python = VENV / "bin" / "python"
    if executable.exists():
        installed = subprocess.run([str(python), "-c", "import importlib.metadata as m; print(m.version('zensical'))"],
                                   capture_output=True, text=True).stdout.strip()
        if installed == VERSION:
            return executable
    elif not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", f"zensical=={VERSION}"], check=True)
    return executable


def write_config(project: Path, nav: bool = True) -> Path:
    """A config that INHERITs mkdocs.yml, so the comparison uses the same settings; it adds the
    output folder and, unless ``nav`` is false, the navigation the hook would have set."""
    from aes_dossier.generate import NAV_FILE
    from aes_dossier.pages import outside_nav

    config: dict = {"INHERIT": "mkdocs.yml", "site_dir": SITE}
    nav_file = project / "docs" / NAV_FILE
    if nav and nav_file.exists():
        english = json.loads(nav_file.read_text(encoding="utf-8"))["en"]
        config |= {"nav": english, "not_in_nav": "\n".join(outside_nav(english))}
    path = project / CONFIG
    path.write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")  # JSON is YAML
    return path


def first_error(log: Path) -> str:
    """The build's messages without colours or the Python traceback Zensical wraps its error in,
    so the error itself (the traceback's last line) comes right after what was printed before it."""
    lines = [_ANSI.sub("", line).rstrip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines = [line for line in lines if line.strip()]
    if "Traceback (most recent call last):" in lines:
        lines = lines[:lines.index("Traceback (most recent call last):")] + lines[-1:]
    return "\n".join(lines)[:2000]


def measure(project: Path, runs: int, nav: bool = True) -> dict:
    """Cold ``zensical build --strict`` times and peak memory, then what the last build produced.
    A failing build is a result, not a crash: ``ok`` is false and ``error`` holds its first lines."""
    zensical = str(ensure_venv())
    shutil.rmtree(project / "docs", ignore_errors=True)
    copy_site_config(project)
    # MkDocs' build includes this generation (the hook); Zensical's does not, so it is timed apart.
    generation = timed(project, sys.executable, str(ROOT / "build_pages.py"), "--root", str(project))
    write_config(project, nav)
    site = project / SITE
    log = project / "zensical-build.log"
    sample = Sample()
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)  # a warm cache skips most of the work
        started = time.perf_counter()
        try:
            # timed() drops the command's output; `exec` keeps the measured process Zensical itself while
            # its messages go to a log, so a failure (at 100x, after ten minutes) need not be run again.
            script = f'exec "$0" build --strict -f {CONFIG} >"$1" 2>&1'
            sample.add(timed(project, "sh", "-c", script, zensical, str(log)))
        except RuntimeError:
            return {"tool": f"zensical {VERSION}", "ok": False, "seconds": sample.seconds, "rss_mb": sample.rss_mb,
                    "failed_after_s": time.perf_counter() - started, "error": first_error(log)}
    html = list(site.rglob("*.html"))
    largest = max(html, key=lambda p: p.stat().st_size)
    search = site / "search.json"
    return {
        "tool": f"zensical {VERSION}", "ok": True, "nav": "hook's" if nav else "auto",
        "seconds": sample.seconds, "rss_mb": sample.rss_mb,
        "generation_s": generation["seconds"], "generation_rss": generation["rss_mb"],
        "pages": sum(1 for p in html if p.name == "index.html"),
        "languages": ["en"] + [name for name in ("fr",) if (site / name / "index.html").exists()],
        "suffix_pages": sum(1 for p in html if p.parent.name.endswith(".fr")),
        "largest_kb": largest.stat().st_size / 1024, "largest_page": largest.relative_to(site).as_posix(),
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024 / 1024,
        "index_mb": search.stat().st_size / 1024 / 1024 if search.exists() else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--auto-nav", action="store_true", help="let Zensical make its own nav (what it does with "
                        "mkdocs.yml alone), instead of the one the hook gives MkDocs")
    args = parser.parse_args()
    result = measure(args.project.resolve(), args.runs, nav=not args.auto_nav)
    print(json.dumps(result, indent=1))
    if result["ok"]:
        print(f"zensical build --strict: {spread(result['seconds'], 's')}, peak {spread(result['rss_mb'], 'MB', 0)}",
              file=sys.stderr)
    print("\nDifferences from MkDocs:\n" + "\n".join(f"- {line}" for line in DIFFERENCES))


if __name__ == "__main__":
    main()
