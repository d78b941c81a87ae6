"""Links that work wherever the site is published: at a host's root or under a sub-path such as
GitHub project pages' ``/REPO/``. Pages link relatively; the few places MkDocs or its i18n plugin
write an address from the server root are rewritten here."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ROOT_LINK = re.compile(r'(\s(?:href|src|action)=")/(?!/)')
_DOT_END = re.compile(r'(\s(?:href|src)="https?://[^"]*?)/\."')


def relative_alternates(alternates: list[dict] | None, site_url: str) -> list[dict] | None:
    """mkdocs-static-i18n gives the home pages' language links from the server root (``/fr/``,
    or ``/REPO/fr/`` under a sub-path); as paths from the site's root, Material's ``url`` filter
    makes them relative to each page, like every other link."""
    if not alternates:
        return alternates
    base = urlsplit(site_url).path or "/"
    fixed = []
    for alternate in alternates:
        link = alternate.get("link", "")
        if link.startswith(base):
            link = link[len(base):]
        elif link.startswith("/"):
            link = link.lstrip("/")
        fixed.append({**alternate, "link": link})
    return fixed


def absolute_links(html: str, site_url: str) -> str:
    """Every ``href``/``src`` written from the server root becomes a full address under
    ``site_url`` (for the 404 page, which cannot know its own depth)."""
    parts = urlsplit(site_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    html = _ROOT_LINK.sub(lambda match: f"{match.group(1)}{origin}/", html)
    return _DOT_END.sub(r'\1/"', html)  # MkDocs joins the base with "." for the home page
