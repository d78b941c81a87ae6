"""Project settings read from ``pyproject.toml`` ([tool.aes-dossier]), so one file configures
both the generator and the site, and ``build_pages.py`` works without MkDocs."""

from __future__ import annotations

import tomllib

import yaml
from urllib.parse import urlencode, urlsplit
from dataclasses import dataclass
from pathlib import Path

from yaml_env_tag import construct_env_tag

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class Settings:
    root: Path
    repository: str
    branch: str = "main"
    data_dir: str = "data"
    docs_dir: str = "docs"
    translation_threshold: float = 100.0
    site_url: str = DEFAULT_SITE_URL

    @property
    def base_path(self) -> str:
        """The path the site is served under: '/' at a host's root, '/REPO/' on GitHub project pages."""
        return urlsplit(self.site_url).path or "/"

    @property
    def data_path(self) -> Path:
        return self.root / self.data_dir

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    def edit_url(self, data_file: str) -> str:
        return f"{self.repository}/edit/{self.branch}/{data_file}"

    def tree_url(self, folder: str) -> str:
        return f"{self.repository}/tree/{self.branch}/{folder}"

    def report_url(self, page: str, record: str, data_file: str) -> str:
        """A new issue from the 'report an incorrect fact' form, with the page already named."""
        query = urlencode({"template": "incorrect-fact.yml", "title": f"Incorrect fact on {page}",
                           "page": page, "record": record, "data-file": data_file})
        return f"{self.repository}/issues/new?{query}"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the keys we need: ``!ENV [SITE_URL, default]``."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)  # other MkDocs tags: not ours


def _site_url(root: Path) -> str:
    """The published address: ``site_url`` in mkdocs.yml, which takes it from the environment
    variable SITE_URL (set by the Pages workflow), so that generated pages, feeds and MkDocs'
    own canonical links and sitemap all name one address."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        config = {}
    url = str(config.get("site_url") or DEFAULT_SITE_URL)
    return url if url.endswith("/") else url + "/"


def load_settings(root: Path) -> Settings:
    pyproject = root / "pyproject.toml"
    table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("aes-dossier", {}) if pyproject.exists() else {}
    return Settings(root=root, repository=table.get("repository", "https://github.com/aes-dossier/aes-dossier").rstrip("/"),
                    branch=table.get("branch", "main"), data_dir=table.get("data-dir", "data"),
                    docs_dir=table.get("docs-dir", "docs"),
                    translation_threshold=float(table.get("translation-threshold", 100)),
                    site_url=_site_url(root))
