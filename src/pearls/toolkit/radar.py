"""The self-assessment radar chart, as SVG drawn on the server (it prints and goes into PDFs).

One axis per resilience dimension, rings at 1–5, one polygon per series (this round, the
previous one, the peers' median). The chart is an image with a text alternative; the page shows
the same figures in a table beside it.
"""

import math
import textwrap

from django.utils.html import escape
from django.utils.safestring import mark_safe

SIZE = 520
CENTRE = SIZE / 2
RADIUS = 170
LABEL_RADIUS = RADIUS + 22
MARGIN = 80  # room on both sides for the labels of the side axes
# Colours with at least 3:1 contrast on white (WCAG 1.4.11); series also differ by dash pattern.
SERIES_STYLE = (
    ("#1d4e89", "none", 0.18),
    ("#8a4b00", "6 4", 0.0),
    ("#3d6b21", "2 4", 0.0),
)


def _point(index, count, value):
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * (value - 1) / 4 if value is not None else 0
    return CENTRE + distance * math.cos(angle), CENTRE + distance * math.sin(angle)


def radar_svg(axes, series, *, title, description=""):
    """SVG markup. ``axes``: [(code, label)]; ``series``: [(name, {code: score 1–5})]."""
    count = len(axes)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{-MARGIN} 0 {SIZE + 2 * MARGIN} {SIZE}" '
        f'role="img" aria-labelledby="radar-title radar-desc" class="radar" '
        f'width="{SIZE + 2 * MARGIN}" height="{SIZE}">',
        f'<title id="radar-title">{escape(title)}</title>',
        f'<desc id="radar-desc">{escape(description)}</desc>',
    ]
    for ring in range(1, 6):
        points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (_point(i, count, ring) for i in range(count))
        )
        parts.append(f'<polygon points="{points}" fill="none" stroke="#9a9a9a" stroke-width="1"/>')
        x, y = _point(0, count, ring)
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" font-size="11" fill="#444">{ring}</text>'
        )
    for index, (_code, label) in enumerate(axes):
        x, y = _point(index, count, 5)
        parts.append(
            f'<line x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1f}" y2="{y:.1f}" stroke="#9a9a9a"/>'
        )
        angle = -math.pi / 2 + 2 * math.pi * index / count
        lx, ly = CENTRE + LABEL_RADIUS * math.cos(angle), CENTRE + LABEL_RADIUS * math.sin(angle)
        anchor = (
            "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        )
        lines = textwrap.wrap(str(label), 18)[:3]
        top = ly - (len(lines) - 1) * 7 + (8 if math.sin(angle) > 0.5 else 0)
        if math.sin(angle) < -0.5:
            top -= 7 * (len(lines) - 1)
        spans = "".join(
            f'<tspan x="{lx:.1f}" y="{top + 14 * n:.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        parts.append(f'<text font-size="12" fill="#1a1a1a" text-anchor="{anchor}">{spans}</text>')
    for (name, scores), (colour, dash, opacity) in zip(series, SERIES_STYLE, strict=False):
        points = [_point(i, count, scores.get(code)) for i, (code, _label) in enumerate(axes)]
        text = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polygon points="{text}" fill="{colour}" fill-opacity="{opacity}" stroke="{colour}" '
            f'stroke-width="2.5" stroke-dasharray="{dash}"><title>{escape(name)}</title></polygon>'
        )
        for (x, y), (code, _label) in zip(points, axes, strict=True):
            if scores.get(code) is not None:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def legend(series):
    """[(name, colour, dash)] for the legend under the chart."""
    return [
        (name, colour, dash)
        for (name, _scores), (colour, dash, _opacity) in zip(series, SERIES_STYLE, strict=False)
    ]
