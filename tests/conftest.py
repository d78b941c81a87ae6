"""Shared fixtures: a throwaway project around the small fixture data, the real site built
once per session, and Chromium from Debian driven by Playwright against it on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synth import copy_site_config
from quality.config import CHROMIUM, CHROMIUM_ARGS, PAGE_TYPES  # noqa: F401 (shared with the tests)
from quality.server import serve

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "small" / "data"


def make_project(target: Path, data: Path = FIXTURE_DATA) -> Path:
    """A copy of the project's site configuration around ``data``: what an editor's checkout holds."""
    target.mkdir(parents=True, exist_ok=True)
    copy_site_config(target)
    shutil.copytree(data, target / "data")
    return target


FIXED_DATE = "1767225600"
"""2026-01-01: SOURCE_DATE_EPOCH for builds whose bytes tests compare."""


def run_build_pages(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "build_pages.py"), "--root", str(root), *args],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": FIXED_DATE})


def run_mkdocs_build(root: Path, site: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **environment}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                          cwd=root, capture_output=True, text=True, timeout=900, env=env)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove that nothing changed."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real dossier, built with ``mkdocs build --strict`` exactly as a contributor would."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = run_mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def site_url(real_site: Path):
    """The real site served on 127.0.0.1 the way its host serves it (``quality.server``)."""
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (make test does it)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
