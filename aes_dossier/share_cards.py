"""Share cards: the picture and the Open Graph / Twitter text a link to a page shows when it is
pasted into a chat or a social network.

Material's social plugin downloads its fonts from Google at build time, and the site is built
without network access, so the cards are drawn here with Pillow and a bundled font (DejaVu
Sans, see ``fonts/LICENSE.txt``). Drawing takes tens of milliseconds a card; a content-addressed
cache (``.cache/share-cards/``) means an unchanged page is never redrawn, so only the pages an
edit touches cost anything under ``mkdocs serve``.
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
DESIGN = "2"
"""Bump to redraw every card after a change of the drawing below."""
FONTS = Path(__file__).parent / "fonts"
LOCALES = {"en": "en_GB", "fr": "fr_FR"}

_BACKGROUND = (78, 52, 46)  # Material's brown 800: the site's header colour, darkened for contrast
_RULE = (255, 112, 67)      # deep orange 400: the site's accent
_TEXT = (255, 255, 255)
_MUTED = (239, 235, 233)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class ShareCard:
    """What a page tells link previews: its title, description, image and languages."""

    title: str
    description: str
    site_name: str
    image_url: str
    image_path: str
    """Where the image goes in the built site, relative to its root."""
    locale: str
    alternate_locales: tuple[str, ...]
    kind: str
    """Open Graph type: ``website`` for the home page, ``article`` for the others."""

    @property
    def image_alt(self) -> str:
        return f"{self.title} — {self.site_name}"


def plain(text: str) -> str:
    """Page titles reach templates as HTML; a preview shows them as plain text."""
    return " ".join(html.unescape(_TAG.sub("", text or "")).split())


def card_path(page_url: str) -> str:
    """``people/assimi-goita/`` -> ``assets/cards/people/assimi-goita.png``; the home page is ``index``."""
    stem = page_url.strip("/").removesuffix("/index.html").removesuffix(".html") or "index"
    return f"assets/cards/{stem}.png"


def share_card(*, title: str, description: str, site_name: str, site_url: str, page_url: str,
               lang: str, languages: tuple[str, ...]) -> ShareCard:
    path = card_path(page_url)
    return ShareCard(title=plain(title) or site_name, description=plain(description), site_name=site_name,
                     image_url=site_url + path, image_path=path, locale=LOCALES.get(lang, lang),
                     alternate_locales=tuple(LOCALES.get(other, other) for other in languages if other != lang),
                     kind="website" if page_url.strip("/") in ("", lang) else "article")


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """Greedy wrapping to ``width`` pixels; the last allowed line ends with an ellipsis if cut."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and draw.textlength(f"{line} {words[0]}", font=font) <= width:
            line = f"{line} {words.pop(0)}"
        out.append(line)
    if words and out:
        last = out[-1]
        while last and draw.textlength(last + " …", font=font) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        out[-1] = last + " …"
    return out


def draw_card(card: ShareCard) -> bytes:
    """A 1200 x 630 PNG: the site's name, the page title as large as fits, and its description."""
    image = Image.new("RGB", (WIDTH, HEIGHT), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = 72
    draw.rectangle((0, 0, 18, HEIGHT), fill=_RULE)
    draw.text((margin, 56), card.site_name, font=_font(True, 34), fill=_RULE)
    for size in (64, 56, 48, 42):
        title_font = _font(True, size)
        title = _wrap(draw, card.title, title_font, WIDTH - 2 * margin, 3)
        if not title or not title[-1].endswith("…"):
            break
    y = 140
    for line in title:
        draw.text((margin, y), line, font=title_font, fill=_TEXT)
        y += int(size * 1.22)
    text_font = _font(False, 30)
    for line in _wrap(draw, card.description, text_font, WIDTH - 2 * margin, max(0, min(4, (HEIGHT - 60 - y - 30) // 40))):
        draw.text((margin, y + 30), line, font=text_font, fill=_MUTED)
        y += 40
    buffer = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(buffer, format="PNG")
    return buffer.getvalue()


class CardCache:
    """Cards by the hash of what they show, so an unchanged page costs a file copy."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.drawn = 0
        self.reused = 0

    def key(self, card: ShareCard) -> str:
        text = "\x1f".join((DESIGN, card.site_name, card.title, card.description))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def write(self, card: ShareCard, site_dir: Path) -> Path:
        cached = self.folder / f"{self.key(card)}.png"
        if cached.exists():
            self.reused += 1
        else:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(".tmp")
            partial.write_bytes(draw_card(card))
            partial.replace(cached)
            self.drawn += 1
        target = site_dir / card.image_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        return target
