"""A strict Content-Security-Policy for every built page, written as a ``<meta http-equiv>``
because GitHub Pages cannot send headers.

Scripts run only from the site's own files, plus the inline scripts the page really has, each
allowed by the SHA-256 of its exact text: Material writes a few small ones whose text depends
on the page's depth, so the policy is computed page by page. An injected inline script has
no matching hash and is blocked. Styles keep ``'unsafe-inline'`` (Material and the SVG chart
set style attributes; the issue forbids it only for scripts).
"""

from __future__ import annotations

import base64
import hashlib
import re

META_NAME = "Content-Security-Policy"
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD_ANCHOR = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_EXISTING = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)

BASE_DIRECTIVES = (
    ("default-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def inline_script_hashes(html: str) -> list[str]:
    """``'sha256-…'`` for each inline script a browser would run, in page order, without repeats."""
    hashes: list[str] = []
    for attributes, body in _SCRIPT.findall(html):
        if _SRC.search(attributes):
            continue
        found = _TYPE.search(attributes)
        if (found.group(1).lower() if found else "") not in _EXECUTABLE_TYPES:
            continue  # JSON and JSON-LD blocks are data, never run
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        token = f"'sha256-{digest}'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def policy(html: str) -> str:
    script_src = " ".join(["'self'", *inline_script_hashes(html)])
    directives = [BASE_DIRECTIVES[0], ("script-src", script_src), *BASE_DIRECTIVES[1:]]
    return "; ".join(f"{name} {value}" for name, value in directives)


def with_policy(html: str) -> str:
    """The page with its policy as the first element after ``<meta charset>``, before any script
    (a meta policy applies only to what follows it). A page without that anchor is returned
    unchanged, so the caller's test of every page catches it."""
    html = _EXISTING.sub("", html)
    tag = f'<meta http-equiv="{META_NAME}" content="{policy(html)}">'
    return _HEAD_ANCHOR.sub(lambda match: match.group(0) + "\n  " + tag, html, count=1)
