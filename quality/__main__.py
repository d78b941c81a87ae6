"""``python -m quality``: build the site, serve it as its host would, run every gate, print the
summary table, and exit 1 if any gate failed.

``make check-site`` runs it, and ``make test`` (hence ``.ci/run``) runs ``make check-site``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import socket
import subprocess
import sys
from pathlib import Path

from . import gates
from .config import LIGHTHOUSE_PAGES, PAGE_TYPES, ROOT
from .report import markdown_table, replace_block
from .server import serve

SITE_PORT = 8000
"""The port of ``site_url`` in mkdocs.yml: canonical and hreflang addresses then point at the
server the tools are looking at."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quality", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="check this built site instead of building one")
    parser.add_argument("--skip", action="append", default=[], choices=["html", "a11y", "links", "lighthouse", "weight"],
                        help="leave a gate out (for local runs; CI runs them all)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="mobile runs per page; the median is graded")
    parser.add_argument("--report", type=Path, default=ROOT / "test-results" / "quality.md",
                        help="where to write the summary table (Markdown)")
    parser.add_argument("--readme", action="store_true", help="also put the table into README.md")
    args = parser.parse_args(argv)

    site = args.site or _build_site()
    port = SITE_PORT if _port_free(SITE_PORT) else 0
    results: list[gates.GateResult] = []
    try:
        with serve(site, port) as base_url:
            plan = {
                "html": lambda: gates.html_validity(site),
                "a11y": lambda: gates.accessibility(base_url, PAGE_TYPES),
                "links": lambda: gates.links(site),
                "lighthouse": lambda: gates.lighthouse(base_url, LIGHTHOUSE_PAGES, runs=args.lighthouse_runs),
                "weight": lambda: gates.page_weight(site),
            }
            for name, gate in plan.items():
                if name in args.skip:
                    continue
                print(f"quality: running {name} …", file=sys.stderr, flush=True)
                results.append(gate())
    except gates.ToolMissing as missing:
        print(f"quality: {missing}", file=sys.stderr)
        return 1

    stamp = f"{datetime.date.today().isoformat()}, {platform.machine()} with {os.cpu_count()} cores"
    table = markdown_table(results, stamp)
    print(table)
    for result in results:
        for problem in result.problems[:40]:
            print(f"{result.name}: {problem}")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(table + "\n", encoding="utf-8")
    if args.readme:
        readme = ROOT / "README.md"
        readme.write_text(replace_block(readme.read_text(encoding="utf-8"), "quality-gates", table), encoding="utf-8")
    return 0 if results and all(result.passed for result in results) else 1


def _build_site() -> Path:
    site = ROOT / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
    return site


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


if __name__ == "__main__":
    sys.exit(main())
