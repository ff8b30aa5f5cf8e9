"""The plan as documents: a print-quality PDF (WeasyPrint, with the timeline, the budget table
and the self-assessment radar), a DOCX for further editing (python-docx) and JSON."""

import io
import re

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pearls.catalogue import vocabulary
from pearls.core.languages import language_name, pick
from pearls.core.pdf import pdf_render

from . import formatting, selectors, snapshot, summary
from .prefill import latest_results
from .readiness import readiness_of
from .sections import FUNDING_SOURCES, METHODS, SECTIONS


def _radar(plan):
    from pearls.toolkit import radar
    from pearls.toolkit.statements import STATEMENTS

    found, results = latest_results(plan.municipality)
    if results is None or not results.respondents:
        return None
    axes = [(code, vocabulary.label("dimensions", code)) for code in STATEMENTS]
    series = [(found.title, {d.code: d.score for d in results.dimensions})]
    return radar.radar_svg(
        axes,
        series,
        title=_("Resilience profile: %(round)s") % {"round": found.title},
        description=_("Score per resilience dimension, from 1 to 5."),
    )


def document_context(plan, language):
    """Everything the printed plan shows, in ``language`` (falling back to the official)."""
    actions = list(selectors.actions_of(plan))
    sections = selectors.sections_of(plan)
    timeline = summary.timeline_of(plan, actions, language)

    def text(values):
        return pick(values, language, plan.official_language)

    return {
        "plan": plan,
        "municipality": plan.municipality,
        "language": language,
        "language_name": language_name(language),
        "generated": timezone.now(),
        "sections": [
            (
                key,
                label,
                formatting.render(
                    getattr(
                        sections.get((key, language))
                        or sections.get((key, plan.official_language)),
                        "body",
                        "",
                    )
                ),
            )
            for key, label in SECTIONS.items()
        ],
        "objectives": [text(o.text) for o in plan.objectives.all()],
        "actions": [
            {
                "action": action,
                "number": number,
                "title": text(action.title),
                "description": formatting.render(str(text(action.description) or "")),
                "tools": text(action.tools),
                "risks": text(action.risks),
                "objectives": [text(o.text) for o in action.objectives.all()],
                "methods": [METHODS.get(code, code) for code in action.methods],
                "domains": [vocabulary.label("domains", c) for c in action.domains],
                "target_groups": [
                    vocabulary.label("target_groups", c) for c in action.target_groups
                ],
                "dimensions": [vocabulary.label("dimensions", c) for c in action.dimensions],
                "partners": list(action.partners.all()),
                "practices": [
                    (p, pick(p.title, language, p.original_language))
                    for p in action.practices.all()
                ],
                "budget": [
                    (line, FUNDING_SOURCES.get(line.source, line.source))
                    for line in action.budget_lines.all()
                ],
                "indicators": list(action.indicators.all()),
                "start": summary.month_label(action.start),
                "end": summary.month_label(action.end),
            }
            for number, action in enumerate(actions, 1)
        ],
        "gantt": summary.gantt_svg(
            timeline,
            title=_("Timeline of the actions"),
            description=summary.timeline_caption(timeline),
        )
        if actions
        else None,
        "budget": summary.budget_of(plan, actions, language),
        "radar": _radar(plan),
        "readiness": readiness_of(plan, actions=actions),
    }


def plan_pdf(plan, language):
    """PDF bytes of the plan in ``language``."""
    with translation.override(language if language in dict_languages() else "en"):
        return pdf_render("plans/plan_print.html", document_context(plan, language))


def dict_languages():
    from django.conf import settings

    return dict(settings.LANGUAGES)


def plan_json(plan):
    """The plan as JSON data (the history's snapshot format) with its state."""
    data = snapshot.snapshot_of(plan)
    data["state"] = plan.state
    data["exported_at"] = timezone.now().isoformat()
    return data


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _markdown_paragraphs(document, text):
    """Add Markdown-ish text as Word paragraphs: bullets, headings, bold runs."""
    for block in re.split(r"\n\s*\n", text or ""):
        for line in block.splitlines():
            stripped = line.strip()
            if not stripped:
                continue
            if stripped.startswith(("- ", "* ")):
                paragraph = document.add_paragraph(style="List Bullet")
                stripped = stripped[2:]
            elif stripped.startswith("#"):
                document.add_heading(stripped.lstrip("#").strip(), level=3)
                continue
            else:
                paragraph = document.add_paragraph()
            position = 0
            for match in _BOLD.finditer(stripped):
                paragraph.add_run(stripped[position : match.start()])
                paragraph.add_run(match.group(1)).bold = True
                position = match.end()
            paragraph.add_run(stripped[position:])


def _table(document, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, value in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(value)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
    return table


def plan_docx(plan, language):
    """DOCX bytes of the plan in ``language`` (the charts are tables here)."""
    from docx import Document

    with translation.override(language if language in dict_languages() else "en"):
        context = document_context(plan, language)
        sections = selectors.sections_of(plan)
        document = Document()
        document.core_properties.title = plan.title
        document.core_properties.language = language
        document.add_heading(plan.title, level=0)
        document.add_paragraph(
            _("Culture and Resilience Action Plan of %(town)s for %(edition)s")
            % {"town": plan.municipality.official_name, "edition": plan.edition.name}
        )
        for key, label in SECTIONS.items():
            document.add_heading(str(label), level=1)
            found = sections.get((key, language)) or sections.get((key, plan.official_language))
            _markdown_paragraphs(document, getattr(found, "body", ""))
            if key == "vision" and context["objectives"]:
                document.add_heading(_("Objectives"), level=2)
                for objective in context["objectives"]:
                    document.add_paragraph(str(objective), style="List Number")
            if key == "actions":
                for item in context["actions"]:
                    document.add_heading(f"{item['number']}. {item['title']}", level=2)
                    found_action = item["action"]
                    _markdown_paragraphs(
                        document,
                        str(pick(found_action.description, language, plan.official_language) or ""),
                    )
                    facts = [
                        (_("When"), f"{item['start']} – {item['end']}"),
                        (_("Responsible person"), found_action.responsible),
                        (_("Objectives served"), "; ".join(map(str, item["objectives"]))),
                        (_("Participatory methods"), ", ".join(map(str, item["methods"]))),
                        (_("Cultural domains"), ", ".join(map(str, item["domains"]))),
                        (_("Target groups"), ", ".join(map(str, item["target_groups"]))),
                        (_("Resilience dimensions"), ", ".join(map(str, item["dimensions"]))),
                        (_("Partners"), ", ".join(p.name for p in item["partners"])),
                        (
                            _("Good practices drawn on"),
                            "; ".join(str(t) for _p, t in item["practices"]),
                        ),
                        (_("Cultural tools used"), str(item["tools"] or "")),
                        (_("Risks and how you reduce them"), str(item["risks"] or "")),
                    ]
                    _table(document, [_("Field"), _("Value")], [f for f in facts if f[1]])
                    if item["indicators"]:
                        document.add_paragraph()
                        _table(
                            document,
                            [
                                _("Indicator"),
                                _("Baseline"),
                                _("Target"),
                                _("Unit"),
                                _("How it is verified"),
                            ],
                            [
                                (i.name, i.baseline, i.target, i.unit, i.verification)
                                for i in item["indicators"]
                            ],
                        )
            if key == "timeline" and context["actions"]:
                _table(
                    document,
                    [_("Action"), _("Start month"), _("End month")],
                    [(i["title"], i["start"], i["end"]) for i in context["actions"]],
                )
            if key == "budget":
                budget = context["budget"]
                if budget.rows:
                    header = (
                        [_("Action")] + [str(label) for _c, label in budget.sources] + [_("Total")]
                    )
                    rows = [
                        [title, *[f"{a:,.2f}" for a in amounts], f"{total:,.2f}"]
                        for title, amounts, total in budget.table()
                    ]
                    rows.append(
                        [_("Total")]
                        + [f"{a:,.2f}" for a in budget.source_totals()]
                        + [f"{budget.total:,.2f}"]
                    )
                    _table(document, header, rows)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
