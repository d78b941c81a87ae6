"""Reproducible installs: requirements.lock pins every dependency of pyproject.toml (test tools
and the build backend included) at one version with hashes, and the pins satisfy the ranges.
When pyproject.toml changes, `make lock` rewrites the lock; this test says when it was forgotten."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", re.M)


def pins() -> dict[str, str]:
    return {canonicalize_name(name): version for name, version in PIN.findall((ROOT / "requirements.lock").read_text(encoding="utf-8"))}


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [Requirement(text) for text in [*project["project"]["dependencies"], *project["project"]["optional-dependencies"]["test"],
                                           *project["build-system"]["requires"]]]


def test_every_declared_dependency_is_pinned_within_its_range():
    locked = pins()
    problems = [f"{requirement}: locked {locked.get(canonicalize_name(requirement.name), 'nowhere')}"
                for requirement in declared()
                if canonicalize_name(requirement.name) not in locked
                or not requirement.specifier.contains(locked[canonicalize_name(requirement.name)], prereleases=True)]
    assert problems == [], "requirements.lock does not match pyproject.toml: run `make lock`"


def test_every_pin_carries_hashes():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    starts = [match.start() for match in PIN.finditer(text)]
    entries = [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)])]
    unhashed = [entry.split()[0] for entry in entries if "--hash=sha256:" not in entry]
    assert unhashed == [] and len(entries) > 40


def test_the_lock_names_no_machine_specific_index():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert "--index-url" not in text and "--find-links" not in text and "file://" not in text
