"""``make bench``: the dossier's costs at 1x, 10x and 100x the data, as a Markdown table.

    .venv/bin/python -m bench.run [--sizes 1x 10x 100x] [--runs 3] [--big-runs 1] [--out bench/results.md] [--readme]

For each size it writes a synthetic project (``bench/synth.py``, deterministic from a seed) and
measures, as the median of several runs with its spread: ``build_pages.py`` (validation and
generation into an empty ``docs/``) and ``mkdocs build`` (which also runs the hook), each with its
peak memory; then pages, the largest HTML page, the site's size, the search indexes and the time
from opening the site in Chromium to the first search result; and at 1x and 10x, under
``mkdocs serve``, the time from saving a YAML edit to both editions' pages and search indexes
showing it, and from saving a new record to both editions' lists linking it
(``bench/edit_latency.py``). It reports figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import statistics
import sys
import time
from pathlib import Path

from bench import edit_latency, search_latency, zensical
from bench.measure import Sample, spread, timed
from bench.synth import COPIES, copy_site_config, make_dossier
from quality.report import replace_block

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
def measure_size(size: str, runs: int, seed: int, search_runs: int, edit_runs: int, zensical_runs: int = 0) -> dict:
    project = WORK / size
    counts = make_dossier(project, COPIES[size], seed)
    generation, build = Sample(), Sample()
    for _ in range(runs):
        shutil.rmtree(project / "docs")
        copy_site_config(project)
        generation.add(timed(project, sys.executable, str(ROOT / "build_pages.py"), "--root", str(project)))
        shutil.rmtree(project / "site", ignore_errors=True)
        build.add(timed(project, sys.executable, "-m", "mkdocs", "build", "--strict", "-q"))
    site = project / "site"
    html = [p for p in site.rglob("*.html")]
    largest = max(html, key=lambda p: p.stat().st_size)
    indexes = {name: (site / name / "search" / "search_index.json").stat().st_size / 1024 / 1024
               for name in ("", "fr")}
    row = {
        "size": size, "copies": COPIES[size], "records": sum(counts.values()), "counts": counts,
        "generation_s": generation.seconds, "generation_rss": generation.rss_mb,
        "build_s": build.seconds, "build_rss": build.rss_mb,
        "pages": sum(1 for p in html if p.name == "index.html"),
        "largest_kb": largest.stat().st_size / 1024, "largest_page": largest.relative_to(site).as_posix(),
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024 / 1024,
        "index_mb": indexes,
        "search_s": search_latency.measure(site, search_runs, "Goita", "") if search_runs else [],
    }
    serve = edit_latency.measure(project, edit_runs, add_runs=2) if edit_runs else {"edit": [], "add": []}
    row |= {"edit_s": serve["edit"], "add_s": serve["add"]}
    if zensical_runs:  # last: it regenerates docs/ (Zensical runs no hooks) and builds into site-zensical/
        row["zensical"] = zensical.measure(project, zensical_runs)
    return row


def _zensical_time(row: dict) -> str:
    result = row.get("zensical")
    if result is None:
        return "not measured"
    if not result["ok"]:
        return "fails: " + " ".join(result["error"].splitlines()[-1:])[:160].replace("|", "/")
    total = [seconds + result["generation_s"] for seconds in result["seconds"]]
    return spread(total, "s")


def ratio(a: list[float], b: list[float]) -> str:
    return f"{statistics.median(a) / statistics.median(b):.2f}"


def table(rows: list[dict], stamp: str) -> str:
    lines = [f"Benchmarks, {stamp}. Median of the runs, with the range in brackets.", "",
             "| Figure | " + " | ".join(row["size"] for row in rows) + " |",
             "| --- |" + " ---: |" * len(rows)]

    def add(label: str, cell) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(row) for row in rows) + " |")

    add("records in all (of which events, people, organisations, sources)", lambda r: f"{r['records']:,} ({r['counts']['events']:,}, "
        f"{r['counts']['people']:,}, {r['counts']['organisations']:,}, {r['counts']['sources']:,})")
    add("`build_pages.py`: validation and generation", lambda r: spread(r["generation_s"], "s"))
    add("`build_pages.py`: peak memory", lambda r: spread(r["generation_rss"], "MB", 0))
    add("`mkdocs build --strict`", lambda r: spread(r["build_s"], "s"))
    add("`mkdocs build`: peak memory", lambda r: spread(r["build_rss"], "MB", 0))
    add("generation ÷ MkDocs build", lambda r: ratio(r["generation_s"], r["build_s"]))
    add("pages (both languages)", lambda r: f"{r['pages']:,}")
    add("largest HTML page", lambda r: f"{r['largest_kb']:.0f} KB (`{r['largest_page']}`)")
    add("site size", lambda r: f"{r['site_mb']:.0f} MB")
    add("search index, English / French", lambda r: f"{r['index_mb']['']:.1f} / {r['index_mb']['fr']:.1f} MB")
    add("first search result in Chromium (`/?q=Goita`, cold cache)",
        lambda r: spread(r["search_s"], "s", 2) if r["search_s"] else "not measured")
    add("`make serve`: YAML edit to both editions' pages and search indexes",
        lambda r: spread(r["edit_s"], "s", 2) if r.get("edit_s") else "not measured")
    add("`make serve`: new record to both editions' pages and lists (full build)",
        lambda r: spread(r["add_s"], "s") if r.get("add_s") else "not measured")
    add(f"Zensical {zensical.VERSION}: `build_pages.py` + `zensical build --strict`", _zensical_time)
    add("Zensical: peak memory", lambda r: spread(r["zensical"]["rss_mb"], "MB", 0) if r.get("zensical", {}).get("ok") else "–")
    add("Zensical: largest page; one search index for both languages",
        lambda r: f"{r['zensical']['largest_kb']:.0f} KB; {r['zensical']['index_mb']:.1f} MB" if r.get("zensical", {}).get("ok") else "–")
    lines += ["", "| Ratio | " + " | ".join(f"{b['size']} ÷ {a['size']}" for a, b in zip(rows, rows[1:])) + " |",
              "| --- |" + " ---: |" * (len(rows) - 1)]
    for label, key in (("records", "records"), ("`build_pages.py` time", "generation_s"), ("`mkdocs build` time", "build_s"),
                       ("`mkdocs build` peak memory", "build_rss")):
        cells = []
        for a, b in zip(rows, rows[1:]):
            x, y = (a[key], b[key]) if isinstance(a[key], list) else ([a[key]], [b[key]])
            cells.append(ratio(y, x))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1x", "10x", "100x"], choices=sorted(COPIES))
    parser.add_argument("--runs", type=int, default=3, help="runs at 1x and 10x")
    parser.add_argument("--big-runs", type=int, default=1, help="runs at 100x")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--zensical-sizes", nargs="*", default=["1x", "10x", "100x"], choices=sorted(COPIES),
                        help="sizes at which to build with Zensical too (100x adds about 8 min)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--readme", action="store_true", help="also put the table into README.md")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that `finally` stops a running server
    started = time.monotonic()
    rows = []
    for size in args.sizes:
        print(f"bench: {size} …", file=sys.stderr, flush=True)
        big = size == "100x"
        rows.append(measure_size(size, args.big_runs if big else args.runs, args.seed,
                                 search_runs=1 if big else 3, edit_runs=0 if big else 5,
                                 zensical_runs=(1 if big or size == "10x" else 3) if size in args.zensical_sizes else 0))
        (WORK / "rows.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    stamp = (f"{datetime.date.today().isoformat()}, {platform.machine()} with {os.cpu_count()} cores, "
             f"Python {platform.python_version()}; `make bench` took {(time.monotonic() - started) / 60:.0f} min")
    text = table(rows, stamp)
    if any("zensical" in row for row in rows):
        text += ("\n\nHow the Zensical build differs (`bench/zensical.py`, observed at 1x unless said):\n\n"
                 + "\n".join(f"- {line}" for line in zensical.DIFFERENCES))
    print(text)
    args.out.write_text(text + "\n", encoding="utf-8")
    if args.readme:
        readme = ROOT / "README.md"
        readme.write_text(replace_block(readme.read_text(encoding="utf-8"), "bench", text), encoding="utf-8")


if __name__ == "__main__":
    main()
