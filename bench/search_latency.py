"""Measure the search index size and the time from opening the site to the first search result.

    .venv/bin/python -m bench.search_latency [--site site] [--runs 5] [--query Goita]

Serves the built site on 127.0.0.1 as its host would (gzip), opens it in Debian's Chromium with a query in the address
(?q=...), and reports the median and spread over several runs. It reports figures; it asserts
nothing (times vary with the machine).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from quality.config import CHROMIUM, CHROMIUM_ARGS
from quality.server import serve


def measure(site: Path, runs: int, query: str, edition: str) -> list[float]:
    """Seconds from opening ``/{edition}?q={query}`` with a cold cache to the first result shown."""
    times = []
    with serve(site) as base_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context()  # a cold cache each run, as a first visit
            page = context.new_page()
            start = time.perf_counter()
            page.goto(f"{base_url}{edition}?q={query}")
            page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=120_000)
            times.append(time.perf_counter() - start)
            context.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query", default="Goita")
    args = parser.parse_args()
    for edition, index in (("", args.site / "search" / "search_index.json"), ("fr/", args.site / "fr" / "search" / "search_index.json")):
        times = measure(args.site, args.runs, args.query, edition)
        print(f"/{edition:<3} index {index.stat().st_size / 1024:8.0f} KB   first result: median {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs, query {args.query!r})")


if __name__ == "__main__":
    main()
