"""A map and a chart drawn at build time as inline SVG: no tile server, no script, no download.

Both use ``currentColor`` and CSS classes (``docs/assets/dossier.css``) so that they read in the
light and the dark palette, and both carry a title and a description for screen readers; the
chart's numbers are also given as a table next to it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from importlib.resources import files

from markupsafe import Markup

from .text import escape_attribute

MEMBER_CODES = {"mali": "ML", "burkina-faso": "BF", "niger": "NE"}
_BOUNDS = (-13.0, 4.0, 17.0, 26.0)  # lon min, lat min, lon max, lat max
_WIDTH = 640


@lru_cache(maxsize=1)
def _geography() -> dict:
    return json.loads(files("aes_dossier").joinpath("geo/west-africa.json").read_text(encoding="utf-8"))


def _project(lon: float, lat: float) -> tuple[float, float]:
    west, south, east, north = _BOUNDS
    scale = _WIDTH / ((east - west) * math.cos(math.radians(15)))
    return ((lon - west) * math.cos(math.radians(15)) * scale, (north - lat) * scale)


def _height() -> float:
    return _project(_BOUNDS[0], _BOUNDS[1])[1]


def _path(rings: list[list[list[float]]]) -> str:
    parts = []
    for ring in rings:
        points = [_project(lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def _centroid(rings: list[list[list[float]]]) -> tuple[float, float]:
    ring = max(rings, key=len)
    return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))


def _tripoint(a: list[list[float]], b: list[list[float]], c: list[list[float]]) -> tuple[float, float]:
    """The vertex of ``a`` closest to both ``b`` and ``c``: where the three borders meet."""
    def distance(point: list[float], ring: list[list[float]]) -> float:
        return min((point[0] - q[0]) ** 2 + (point[1] - q[1]) ** 2 for q in ring)
    best = min(a, key=lambda p: max(distance(p, b), distance(p, c)))
    return best[0], best[1]


@lru_cache(maxsize=1)
def _map_geometry() -> tuple[dict[str, tuple[str, str, tuple[float, float]]], tuple[float, float]]:
    """Each country's outline, default name and label point, and the tri-border point: the same
    in every language, and slow enough (the tri-border search) to compute once per process."""
    countries = _geography()["countries"]
    outlines = {code: (country["name"], _path(country["rings"]), _project(*_centroid(country["rings"])))
                for code, country in countries.items()}
    tripoint = _tripoint(max(countries["NE"]["rings"], key=len), max(countries["ML"]["rings"], key=len),
                         max(countries["BF"]["rings"], key=len))
    return outlines, _project(*tripoint)


def member_map(names: dict[str, str], title: str, description: str, tri_border_label: str) -> Markup:
    """The three member states among their neighbours, and where their borders meet."""
    outlines, (x, y) = _map_geometry()
    member_codes = {code: state for state, code in MEMBER_CODES.items()}
    shapes, labels = [], []
    for code, (default_name, outline, (label_x, label_y)) in outlines.items():
        css = "dossier-map-member" if code in member_codes else "dossier-map-neighbour"
        name = names.get(member_codes.get(code, ""), default_name)
        shapes.append(f'<path class="{css}" d="{outline}"><title>{escape_attribute(name)}</title></path>')
        if code in member_codes:
            labels.append(f'<text class="dossier-map-label" x="{label_x:.0f}" y="{label_y:.0f}" text-anchor="middle">{escape_attribute(name)}</text>')
    marker = (f'<circle class="dossier-map-zone" cx="{x:.1f}" cy="{y:.1f}" r="38"/>'
              f'<text class="dossier-map-note" x="{x + 44:.0f}" y="{y + 4:.0f}">{escape_attribute(tri_border_label)}</text>')
    height = _height()
    svg = (f'<svg class="dossier-map" viewBox="0 0 {_WIDTH} {height:.0f}" role="img" aria-labelledby="map-title map-desc" '
           f'xmlns="http://www.w3.org/2000/svg"><title id="map-title">{escape_attribute(title)}</title>'
           f'<desc id="map-desc">{escape_attribute(description)}</desc>{"".join(shapes)}{marker}{"".join(labels)}</svg>')
    return Markup(svg)


KIND_ORDER = ["founding", "treaty", "ratification", "summit", "institutional", "coup", "withdrawal", "military",
              "security", "diplomacy", "sanctions", "economy", "symbol", "election"]


def events_chart(counts: Counter[tuple[str, str]], kind_labels: dict[str, str], title: str, description: str) -> Markup:
    """Stacked bars: events per year, coloured by type. ``counts`` maps (year, kind) to a number."""
    years = sorted({year for year, _ in counts})
    kinds = [kind for kind in KIND_ORDER if any(k == kind for _, k in counts)]
    if not years:
        return Markup("")
    totals = {year: sum(counts[(year, kind)] for kind in kinds) for year in years}
    peak = max(totals.values())
    bar, gap, left, top, plot_height = 18, 6, 34, 10, 180
    width = left + len(years) * (bar + gap) + 10
    unit = plot_height / peak
    bars = []
    for index, year in enumerate(years):
        x = left + index * (bar + gap)
        y = top + plot_height
        for kind in kinds:
            n = counts[(year, kind)]
            if not n:
                continue
            h = n * unit
            y -= h
            bars.append(f'<rect class="dossier-kind-{kind}" x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}">'
                        f'<title>{year}: {n} × {escape_attribute(kind_labels[kind])}</title></rect>')
        bars.append(f'<text class="dossier-chart-axis" x="{x + bar / 2:.0f}" y="{top + plot_height + 12}" '
                    f'text-anchor="end" transform="rotate(-60 {x + bar / 2:.0f} {top + plot_height + 12})">{year}</text>')
    ticks = []
    for value in range(0, peak + 1, max(1, peak // 4)):
        y = top + plot_height - value * unit
        ticks.append(f'<text class="dossier-chart-axis" x="{left - 6}" y="{y + 3:.0f}" text-anchor="end">{value}</text>'
                     f'<line class="dossier-chart-grid" x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"/>')
    # The legend is HTML beside the chart (timeline.md.j2), so it wraps and stays legible on a
    # phone; the chart keeps its drawn width and scrolls sideways in its frame there (dossier.css),
    # so that its 12 px labels are never scaled down.
    height = top + plot_height + 44
    svg = (f'<svg class="dossier-chart" viewBox="0 0 {max(width, 620)} {height}" width="{max(width, 620)}" role="img" '
           f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
           f'<title id="chart-title">{escape_attribute(title)}</title><desc id="chart-desc">{escape_attribute(description)}</desc>'
           f'{"".join(ticks)}{"".join(bars)}</svg>')
    return Markup(svg)
