"""Time from saving a YAML edit to the changed page being served by ``mkdocs serve``.

    .venv/bin/python -m bench.edit_latency PROJECT [--runs 3] [--preview]

Starts ``mkdocs serve --livereload`` in PROJECT, as ``make serve`` does (both editions) or, with
``--preview``, as ``make preview`` does (English only, ``--dirty``); waits until it serves,
then, run after run, changes one person's summary and polls that person's page until the new
text is there. Reports figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PERSON_FILE = Path("data/people/abdoulaye-diop.yaml")
PERSON_PAGE = "people/abdoulaye-diop/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def measure(project: Path, runs: int = 3, preview: bool = False, timeout: float = 600) -> list[float]:
    """Seconds from each edit to the page showing it."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"] + (["--dirty"] if preview else [])
    env = {key: value for key, value in os.environ.items() if key != "DOSSIER_LOCALE"}
    env |= {"NO_MKDOCS_2_WARNING": "1", **({"DOSSIER_LOCALE": "en"} if preview else {})}
    server = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}/{PERSON_PAGE}"
    path = project / PERSON_FILE
    original = path.read_text(encoding="utf-8")
    times: list[float] = []
    try:
        deadline = time.monotonic() + timeout
        while "<html" not in fetch(url):
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.5)
        time.sleep(2)  # let the first build settle, so the watcher sees the edit as new
        for run in range(runs):
            marker = f"Benchmark edit {run} {time.time_ns()}"
            edited = re.sub(r"(?m)^(summary:\n  en: )", rf"\g<1>{marker}. ", original, count=1)
            start = time.monotonic()
            path.write_text(edited, encoding="utf-8")
            while marker not in fetch(url):
                if time.monotonic() - start > timeout:
                    raise RuntimeError("the edit never appeared")
                time.sleep(0.05)
            times.append(time.monotonic() - start)
            time.sleep(3)  # let the rebuild that the regenerated docs/ start finish: an editor does not save twice a second
    finally:
        path.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--preview", action="store_true", help="as `make preview`: English only, --dirty")
    args = parser.parse_args()
    times = measure(args.project, args.runs, args.preview)
    print(f"edit to served page: median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, "
          f"{len(times)} runs{', make preview' if args.preview else ', make serve'})")


if __name__ == "__main__":
    main()
