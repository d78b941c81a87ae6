"""Time from saving a YAML edit to ``mkdocs serve`` serving it, in both editions, search included.

    .venv/bin/python -m bench.edit_latency PROJECT [--runs 5] [--add-runs 2]

Starts ``mkdocs serve --livereload`` in PROJECT, as ``make serve`` does, and waits until it serves.
Then, run after run:

- **an edit**: one person's summary changes in English and in French; the clock stops when the
  English page, the French page and both editions' search indexes all show the new text;
- **a new record**: a person's file is copied under a new id; the clock stops when the new page
  is served in both editions and both editions' list of people links to it (the file is then
  removed, and the removal awaited, before the next run). A new page needs MkDocs' full build.

Reports figures; asserts nothing.
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
from collections.abc import Callable
from pathlib import Path

PERSON_FILE = Path("data/people/abdoulaye-diop.yaml")
PERSON_PAGE = "people/abdoulaye-diop/"
PEOPLE_PAGE = "people/"
NEW_ID = "bench-newcomer"


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


def ensure_checkout(project: Path) -> None:
    """Make PROJECT a git checkout with one commit, as a contributor's is: the release download
    is then built from the release's commit once, not from the working tree after every edit."""
    if (project / ".git").exists():
        return
    quiet = {"cwd": project, "check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run(["git", "init", "-q"], **quiet)
    subprocess.run(["git", "add", "-A"], **quiet)
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm", "bench"], **quiet)


def _wait(condition: Callable[[], bool], start: float, timeout: float, what: str) -> float:
    while not condition():
        if time.monotonic() - start > timeout:
            raise RuntimeError(f"{what} never appeared")
        time.sleep(0.05)
    return time.monotonic() - start


def measure(project: Path, runs: int = 5, add_runs: int = 2, timeout: float = 900, log: Path | None = None) -> dict[str, list[float]]:
    """Seconds from each save to everything showing it: {"edit": [...], "add": [...]}; the
    server's messages go to ``log`` if given."""
    ensure_checkout(project)
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    output = open(log, "w") if log else subprocess.DEVNULL
    server = subprocess.Popen(command, cwd=project, stdout=output, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    path = project / PERSON_FILE
    original = path.read_text(encoding="utf-8")
    newcomer = project / PERSON_FILE.with_name(f"{NEW_ID}.yaml")
    times: dict[str, list[float]] = {"edit": [], "add": []}
    try:
        deadline = time.monotonic() + timeout
        while "<html" not in fetch(base + PERSON_PAGE):
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.5)
        time.sleep(2)  # let the first build settle, so the watcher sees the edit as new
        for run in range(runs):
            marker = f"Benchmark edit {run} {time.time_ns()}"
            edited = re.sub(r"(?m)^(summary:\n  en: )(.*\n  fr: )", rf"\g<1>{marker}. \g<2>{marker}. ", original, count=1)
            start = time.monotonic()
            path.write_text(edited, encoding="utf-8")
            for address in (PERSON_PAGE, "fr/" + PERSON_PAGE, "search/search_index.json", "fr/search/search_index.json"):
                _wait(lambda: marker in fetch(base + address), start, timeout, address)
            times["edit"].append(time.monotonic() - start)
            time.sleep(2)  # an editor does not save twice a second
        path.write_text(original, encoding="utf-8")
        time.sleep(3)
        for run in range(add_runs):
            name = f"Bench Newcomer {run}"
            record = re.sub(r"(?m)^id: .*$", f"id: {NEW_ID}", original, count=1)
            record = re.sub(r"(?m)^name: .*$", f"name: {name}", record, count=1)
            # sorted first, so that the list's first page shows it at any size
            record = re.sub(r"(?m)^sort_name: .*$", f"sort_name: Aaa{run}, Bench", record, count=1)
            start = time.monotonic()
            newcomer.write_text(record, encoding="utf-8")
            link = f'href="{NEW_ID}/"'
            for address in (PEOPLE_PAGE, "fr/" + PEOPLE_PAGE):
                _wait(lambda: link in fetch(base + address), start, timeout, f"the link to the new record on {address}")
            for address in (f"people/{NEW_ID}/", f"fr/people/{NEW_ID}/"):
                _wait(lambda: name in fetch(base + address), start, timeout, address)
            times["add"].append(time.monotonic() - start)
            newcomer.unlink()
            gone = time.monotonic()
            _wait(lambda: link not in fetch(base + PEOPLE_PAGE), gone, timeout, "the removal")
            time.sleep(2)
    finally:
        path.write_text(original, encoding="utf-8")
        newcomer.unlink(missing_ok=True)
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if log:
            output.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--add-runs", type=int, default=2)
    parser.add_argument("--log", type=Path, help="write the server's messages here")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that `finally` stops the server
    times = measure(args.project, args.runs, args.add_runs, log=args.log)
    for label, key in (("edit to both editions and both search indexes", "edit"), ("new record to both editions' pages and lists", "add")):
        values = times[key]
        if values:
            print(f"{label}: median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f}, {len(values)} runs)")


if __name__ == "__main__":
    main()
