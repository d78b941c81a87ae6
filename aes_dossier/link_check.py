"""Weekly check of the sources' addresses: reports dead links, never blocks a change.

Run by the scheduled workflow only (never in the blocking CI), like endoflife.date's: external
sites fail for reasons that have nothing to do with a pull request.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .dossier import load_dossier

USER_AGENT = "aes-dossier-link-check/1.0 (+weekly source check)"


def check_url(url: str, timeout: float = 20.0) -> str:
    """'ok', or what went wrong ('404', 'timeout', ...)."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.status < 400:
                    return "ok"
        except urllib.error.HTTPError as error:
            if method == "GET" or error.code not in (403, 405, 501):
                return str(error.code)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            return type(getattr(error, "reason", error)).__name__
    return "failed"


def check_all(urls: dict[str, str], workers: int = 8) -> dict[str, str]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(urls, pool.map(check_url, urls.values())))
    return {source_id: result for source_id, result in results.items() if result != "ok"}


def report(urls: dict[str, str], failures: dict[str, str]) -> str:
    lines = [f"## Source links: {len(urls) - len(failures)} of {len(urls)} answer", ""]
    if failures:
        lines += ["| source | address | result |", "| --- | --- | --- |"]
        lines += [f"| {sid} | {urls[sid]} | {result} |" for sid, result in sorted(failures.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check every source address and report the dead ones.")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--report", action="store_true", help="print a Markdown report")
    args = parser.parse_args(argv)
    dossier = load_dossier(args.root / "data", args.root)
    urls = {sid: source.url for sid, source in dossier.sources.items() if source.url}
    failures = check_all(urls)
    print(report(urls, failures) if args.report else "\n".join(f"{k}\t{v}" for k, v in failures.items()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
