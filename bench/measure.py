"""Timing and peak memory of one command, and how figures are reported (median and range)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

MEASURE = ("import json, resource, subprocess, sys, time; start = time.perf_counter(); "
           "code = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode; "
           "print(json.dumps({'seconds': time.perf_counter() - start, 'code': code, "
           "'rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))")
"""Each command runs under a fresh Python parent, so RUSAGE_CHILDREN's peak is that command's alone."""


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def add(self, measured: dict) -> None:
        self.seconds.append(measured["seconds"])
        self.rss_mb.append(measured["rss_mb"])


def timed(cwd: Path, *command: str) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(cwd), *command], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    if measured["code"] != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}: {result.stderr[-2000:]}")
    return measured


def spread(values: list[float], unit: str, digits: int = 1) -> str:
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.{digits}f} {unit} (1 run)"
    return f"{median:.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"
