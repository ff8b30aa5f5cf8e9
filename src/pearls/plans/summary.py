"""What the plan's actions add up to: the timeline (a Gantt chart drawn on the server as SVG,
so it prints and goes into the PDF) and the budget summary."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from pearls.core.languages import pick

from .sections import FUNDING_SOURCES


def _index(day):
    return day.year * 12 + day.month - 1


def _month(index):
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass
class Timeline:
    months: list  # first days of the months shown
    rows: list  # (action, title, first month index, last month index) relative to months[0]
    title_year: int


def timeline_of(plan, actions, language):
    """The months from January of the title year (or the earliest start) to December (or
    the latest end), and one row per action."""
    year = plan.edition.title_year
    first = _index(datetime.date(year, 1, 1))
    last = _index(datetime.date(year, 12, 1))
    for action in actions:
        first, last = min(first, _index(action.start)), max(last, _index(action.end))
    rows = [
        (
            action,
            str(pick(action.title, language, plan.official_language) or "—"),
            _index(action.start) - first,
            _index(action.end) - first,
        )
        for action in actions
    ]
    return Timeline([_month(i) for i in range(first, last + 1)], rows, year)


def gantt_svg(timeline, *, title, description):
    """An accessible SVG Gantt chart of ``timeline``."""
    label_width, month_width, row_height, top = 260, 34, 28, 44
    width = label_width + month_width * len(timeline.months) + 10
    height = top + row_height * max(len(timeline.rows), 1) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="gantt-title gantt-desc">',
        f'<title id="gantt-title">{escape(title)}</title>',
        f'<desc id="gantt-desc">{escape(description)}</desc>',
    ]
    for i, month in enumerate(timeline.months):
        x = label_width + i * month_width
        in_year = month.year == timeline.title_year
        fill = "#eef3f8" if in_year else "#f7f7f7"
        parts.append(
            f'<rect x="{x}" y="{top - 4}" width="{month_width}" '
            f'height="{height - top - 6}" fill="{fill}" stroke="#d0d7de"/>'
        )
        label = formats.date_format(month, "M")
        parts.append(
            f'<text x="{x + month_width / 2}" y="{top - 10}" font-size="11" '
            f'text-anchor="middle" fill="#1f2328">{escape(label)}</text>'
        )
        if month.month == 1 or i == 0:
            parts.append(
                f'<text x="{x + 2}" y="14" font-size="12" font-weight="bold" '
                f'fill="#1f2328">{month.year}</text>'
            )
    for row, (_action, name, start, end) in enumerate(timeline.rows):
        y = top + row * row_height
        short = name if len(name) <= 38 else name[:37] + "…"
        parts.append(
            f'<text x="4" y="{y + row_height / 2 + 4}" font-size="12" '
            f'fill="#1f2328">{escape(short)}</text>'
        )
        x = label_width + start * month_width + 2
        bar = (end - start + 1) * month_width - 4
        parts.append(
            f'<rect x="{x}" y="{y + 6}" width="{bar}" height="{row_height - 12}" rx="3" '
            f'fill="#1d5c8c"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


@dataclass
class Budget:
    rows: list = field(default_factory=list)  # (action title, {source: amount}, total)
    by_source: dict = field(default_factory=dict)
    total: Decimal = Decimal(0)
    seed_money: Decimal = Decimal(0)
    seed_money_max: Decimal = Decimal(0)

    @property
    def sources(self):
        return [(code, FUNDING_SOURCES[code]) for code in FUNDING_SOURCES if code in self.by_source]

    @property
    def seed_money_over(self):
        return self.seed_money > self.seed_money_max

    def table(self):
        """Rows of amounts in the order of ``sources``, for templates."""
        codes = [code for code, _label in self.sources]
        return [
            (title, [amounts.get(code, Decimal(0)) for code in codes], total)
            for title, amounts, total in self.rows
        ]

    def source_totals(self):
        return [self.by_source[code] for code, _label in self.sources]


def budget_of(plan, actions, language):
    """Totals per action and per source, and the seed money against the edition's limit."""
    budget = Budget(seed_money_max=Decimal(plan.edition.seed_money_max))
    for action in actions:
        amounts = {}
        for line in action.budget_lines.all():
            amounts[line.source] = amounts.get(line.source, Decimal(0)) + line.amount
            budget.by_source[line.source] = budget.by_source.get(line.source, Decimal(0)) + (
                line.amount
            )
        total = sum(amounts.values(), Decimal(0))
        budget.total += total
        budget.rows.append(
            (str(pick(action.title, language, plan.official_language) or "—"), amounts, total)
        )
    budget.seed_money = budget.by_source.get("seed_money", Decimal(0))
    return budget


def month_label(day):
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


def timeline_caption(timeline):
    return _("Actions of the plan by month, %(first)s to %(last)s.") % {
        "first": month_label(timeline.months[0]),
        "last": month_label(timeline.months[-1]),
    }
