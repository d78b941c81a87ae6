"""The full download of a release: one archive with every JSON and CSV file of the API, the YAML
data, the JSON Schemas, the licences, CITATION.cff and a short README.

It is byte-for-byte reproducible for the same data: entries in a fixed order, every timestamp
the release's date, fixed permissions and compression, and the API files built as of the
release date rather than the build day. Its SHA-256 is published beside it, so a reader can
check the copy they cite is the one released.
"""

from __future__ import annotations

import functools
import hashlib
import io
import subprocess
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .dossier import Dossier, load_dossier
from .export import API_ROOT, SCHEMA_VERSION, api_files
from .release import RELEASES_FILE, previous_release_revision
from .settings import Settings

DOWNLOADS = "downloads"
REPOSITORY_FILES = ("LICENSE", "LICENSE-DATA.md", "CITATION.cff")


@dataclass(frozen=True)
class Download:
    path: str
    """Where the archive goes under docs/."""
    sha256: str
    size: int
    version: str

    @property
    def checksum_path(self) -> str:
        return self.path + ".sha256"


def _readme(release: Any, dossier: Dossier) -> str:
    counts = "\n".join(f"- {name}: {count}" for name, count in sorted(release.records.items()))
    return (f"AES dossier, data release {release.version} ({release.date})\n"
            f"{'=' * 60}\n\n{release.summary.en}\n\n"
            "Contents\n--------\n"
            f"- {API_ROOT}/: the open-data API as JSON (one file per collection and per record) and CSV,\n"
            f"  with the JSON Schema of each collection in {API_ROOT}/schema/ (schema_version {SCHEMA_VERSION})\n"
            "- data/: the YAML records the site is built from (the canonical data)\n"
            "- LICENSE-DATA.md: the data and text are CC BY 4.0; LICENSE: the code is MIT\n"
            "- CITATION.cff: how to cite this release\n\n"
            f"Records in this release:\n{counts}\n\n"
            f"The dossier covers events up to {dossier.coverage.covers_until}.\n"
            "Cite it as: AES dossier contributors, The Alliance of Sahel States: a sourced dossier,\n"
            f"data release {release.version}, {release.date}.\n")


@functools.cache
def _files_at(root: Path, revision: str, data_dir: str) -> dict[str, bytes]:
    """The data folder and the repository files as committed at ``revision``."""
    archive = subprocess.run(["git", "archive", "--format=tar", revision, data_dir], cwd=root,
                             capture_output=True, check=True, timeout=120).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        files = {member.name: tar.extractfile(member).read() for member in tar.getmembers() if member.isfile()}
    for name in REPOSITORY_FILES:  # each may be missing from a project's history
        shown = subprocess.run(["git", "show", f"{revision}:{name}"], cwd=root, capture_output=True, timeout=60)
        if shown.returncode == 0:
            files[name] = shown.stdout
    return files


def _committed_release(settings: Settings, release: Any) -> str | None:
    """The commit that made ``release``, if the history has it (the last commit to change the
    releases file, and that file then lists this version)."""
    revision = previous_release_revision(settings.root, settings.data_dir)
    if not revision:
        return None
    try:
        listed = yaml.safe_load(_files_at(settings.root, revision, settings.data_dir).get(f"{settings.data_dir}/{RELEASES_FILE}", b"")) or []
    except subprocess.CalledProcessError:
        return None
    return revision if any(str(entry.get("version")) == release.version for entry in listed if isinstance(entry, dict)) else None


def released_files(settings: Settings, release: Any, revision: str | None = None) -> dict[str, bytes]:
    """What the release consists of: the data and repository files of the commit that made it,
    so that the archive of 2026.12.0 holds 2026.12.0's data even after later edits; the
    working tree while the release is being prepared (not yet committed) or without git."""
    if revision:
        return _files_at(settings.root, revision, settings.data_dir)
    files = {f"{settings.data_dir}/{path.relative_to(settings.data_path).as_posix()}": path.read_bytes()
             for path in sorted(settings.data_path.rglob("*.yaml"))}
    files.update({name: (settings.root / name).read_bytes() for name in REPOSITORY_FILES if (settings.root / name).is_file()})
    return files


def _dossier_of(files: dict[str, bytes], data_dir: str) -> Dossier:
    with tempfile.TemporaryDirectory() as folder:
        for name, content in files.items():
            if name.startswith(data_dir + "/"):
                target = Path(folder) / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
        return load_dossier(Path(folder) / data_dir, Path(folder))


def data_archive(settings: Settings, release: Any) -> bytes:
    """The release's archive (see the module's docstring for why every byte is fixed). A
    committed release's archive is built once per process: it cannot change, and ``mkdocs
    serve`` regenerates on every edit."""
    revision = _committed_release(settings, release)
    if not revision:
        return _archive(settings, release, released_files(settings, release))
    key = (settings.root, settings.data_dir, release.version, revision)
    if key not in _COMMITTED_ARCHIVES:
        _COMMITTED_ARCHIVES[key] = _archive(settings, release, released_files(settings, release, revision))
    return _COMMITTED_ARCHIVES[key]


_COMMITTED_ARCHIVES: dict[tuple, bytes] = {}


def _archive(settings: Settings, release: Any, files: dict[str, bytes]) -> bytes:
    top = f"aes-dossier-{release.version}/"
    dossier = _dossier_of(files, settings.data_dir)
    entries: dict[str, bytes] = {name: text.encode("utf-8") for name, text in api_files(dossier, built=release.date).items()}
    for name, content in files.items():
        if name.endswith(".yaml") and name.startswith(settings.data_dir + "/"):
            entries["data/" + name[len(settings.data_dir) + 1:]] = content
        elif name in REPOSITORY_FILES:
            entries[name] = content
    entries["README.txt"] = _readme(release, dossier).encode("utf-8")
    year, month, day = (int(part) for part in release.date.split("-"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(top + name, date_time=(year, month, day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the machine
            archive.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()


def release_download(settings: Settings, release: Any) -> tuple[Download, bytes]:
    data = data_archive(settings, release)
    path = f"{DOWNLOADS}/aes-dossier-{release.version}.zip"
    return Download(path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data), version=release.version), data
