"""The influence–interest grid, as SVG drawn on the server (it prints and goes into PDFs).

Five columns of interest (1–5, left to right) and five rows of influence (1–5, bottom to top).
A score of 4 or 5 counts as high, so the four quadrants are: keep satisfied (high influence, low
interest), manage closely (both high), monitor (both low) and keep informed (high interest, low
influence). Each stakeholder is a numbered dot; the page lists the same numbers in a table, which
is the chart's text alternative.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

HIGH = 4  # from this score on, influence or interest counts as high
CELL = 100
LEFT, TOP, BOTTOM, RIGHT = 90, 44, 96, 24
SIZE = 5 * CELL
DOT_RADIUS = 12
# up to 3 × 3 dots per cell, filled from the centre out
SLOTS = [(0, 0), (-28, 0), (28, 0), (0, -28), (0, 28), (-28, -28), (28, -28), (-28, 28), (28, 28)]

# Tints are backgrounds only; every text on them is #1a1a1a (contrast above 12:1).
QUADRANTS = {
    "satisfy": (_("Keep satisfied"), "#e3ebf6"),
    "manage": (_("Manage closely"), "#fbe4d5"),
    "monitor": (_("Monitor"), "#efefef"),
    "inform": (_("Keep informed"), "#e3f0dc"),
}
ADVICE = {
    "manage": _("Involve them in decisions and plan with them."),
    "satisfy": _("Consult them on what matters to them and keep them on side."),
    "inform": _("Tell them what is happening; they may become active partners."),
    "monitor": _("Keep an eye on them; no great effort needed now."),
}
DOT = "#0b4f6c"


def quadrant(influence, interest):
    """The quadrant code of a stakeholder: satisfy, manage, monitor or inform."""
    high_influence, high_interest = influence >= HIGH, interest >= HIGH
    if high_influence:
        return "manage" if high_interest else "satisfy"
    return "inform" if high_interest else "monitor"


def quadrant_label(code):
    return QUADRANTS[code][0]


def _x(interest):
    return LEFT + (interest - 1) * CELL


def _y(influence):
    return TOP + (5 - influence) * CELL


def _text(x, y, text, *, size=13, anchor="middle", weight="normal", extra=""):
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="#1a1a1a"{extra}>{escape(text)}</text>'
    )


def grid_svg(entries, *, title, description):
    """SVG markup. ``entries``: [(number, name, influence, interest)]."""
    width, height = LEFT + SIZE + RIGHT, TOP + SIZE + BOTTOM
    split_x, split_y = _x(HIGH), _y(HIGH - 1)  # between 3 and 4 on both axes
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="grid-title grid-desc" class="influence-grid">',
        f'<title id="grid-title">{escape(title)}</title>',
        f'<desc id="grid-desc">{escape(description)}</desc>',
    ]
    areas = {
        "satisfy": (LEFT, TOP, split_x - LEFT, split_y - TOP),
        "manage": (split_x, TOP, LEFT + SIZE - split_x, split_y - TOP),
        "monitor": (LEFT, split_y, split_x - LEFT, TOP + SIZE - split_y),
        "inform": (split_x, split_y, LEFT + SIZE - split_x, TOP + SIZE - split_y),
    }
    for code, (x, y, w, h) in areas.items():
        parts.append(
            f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{QUADRANTS[code][1]}"/>'
        )
    for step in range(6):
        parts.append(
            f'<line x1="{LEFT + step * CELL}" y1="{TOP}" x2="{LEFT + step * CELL}" '
            f'y2="{TOP + SIZE}" stroke="#c4c4c4"/>'
        )
        parts.append(
            f'<line x1="{LEFT}" y1="{TOP + step * CELL}" x2="{LEFT + SIZE}" '
            f'y2="{TOP + step * CELL}" stroke="#c4c4c4"/>'
        )
    parts.append(
        f'<line x1="{split_x}" y1="{TOP}" x2="{split_x}" y2="{TOP + SIZE}" '
        f'stroke="#4a4a4a" stroke-width="3"/>'
        f'<line x1="{LEFT}" y1="{split_y}" x2="{LEFT + SIZE}" y2="{split_y}" '
        f'stroke="#4a4a4a" stroke-width="3"/>'
    )
    # quadrant names: the upper two above the grid, the lower two below the axis numbers
    left_middle, right_middle = (LEFT + split_x) / 2, (split_x + LEFT + SIZE) / 2
    for code, x, y in (
        ("satisfy", left_middle, TOP - 14),
        ("manage", right_middle, TOP - 14),
        ("monitor", left_middle, TOP + SIZE + 50),
        ("inform", right_middle, TOP + SIZE + 50),
    ):
        parts.append(_text(x, y, quadrant_label(code), size=15, weight="bold"))
    for value in range(1, 6):
        parts.append(_text(_x(value) + CELL / 2, TOP + SIZE + 20, str(value)))
        parts.append(_text(LEFT - 12, _y(value) + CELL / 2 + 5, str(value), anchor="end"))
    parts.append(
        _text(LEFT + SIZE / 2, TOP + SIZE + 82, _("Interest (1 = low, 5 = high)"), size=14)
    )
    middle = TOP + SIZE / 2
    parts.append(
        _text(
            30,
            middle,
            _("Influence (1 = low, 5 = high)"),
            size=14,
            extra=f' transform="rotate(-90 30 {middle})"',
        )
    )
    cells = {}
    for entry in entries:
        cells.setdefault((entry[2], entry[3]), []).append(entry)
    for (influence, interest), found in cells.items():
        cx, cy = _x(interest) + CELL / 2, _y(influence) + CELL / 2
        shown = found if len(found) <= len(SLOTS) else found[: len(SLOTS) - 1]
        for (number, name, _influence, _interest), (dx, dy) in zip(shown, SLOTS, strict=False):
            parts.append(
                f"<g><title>{escape(name)}</title>"
                f'<circle cx="{cx + dx}" cy="{cy + dy}" r="{DOT_RADIUS}" fill="{DOT}"/>'
                f'<text x="{cx + dx}" y="{cy + dy + 4}" font-size="11" font-weight="bold" '
                f'text-anchor="middle" fill="#fff">{number}</text></g>'
            )
        if len(shown) < len(found):
            dx, dy = SLOTS[-1]
            parts.append(_text(cx + dx, cy + dy + 4, f"+{len(found) - len(shown)}", size=12))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
