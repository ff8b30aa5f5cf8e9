"""Results of the final selection: the scores (raw and normalised), the jurors' agreement, the
award proposal with its close calls, the what-if panel, and the jury's decision, which the
secretariat records with its rationale and then publishes. The edition's jury chair reads the
same page without its forms. Every page works without JavaScript.

The page is large (40 candidates × 12 jurors in the programme's busiest year): numbers are
formatted here, once, so the template only prints strings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from . import access, services
from .models import Edition, Milestone
from .results import decision_publish as publish_service
from .results import decision_record, results_of
from .views import secretariat_page

Phase = Edition.Phase


def _num(value, places=2):
    """``value`` rounded to ``places`` in the reader's number format ("–" for None).

    Scores lie on scales up to 100, so no thousands grouping is ever due: the decimal
    separator is all the localisation they need, and asking for it once per number costs far
    less than ``number_format`` on a page of some thousand figures."""
    if value is None:
        return "–"
    text = f"{round(value, places) + 0.0:.{places}f}"
    return text.replace(".", get_format("DECIMAL_SEPARATOR")) if places else text


def _deadline(edition):
    # in the edition's own time zone, which the page names (the date filter would convert)
    moment = edition.deadline(Milestone.Kind.JURY_DEADLINE)
    return date_format(moment, "DATETIME_FORMAT") if moment else ""


def _flag_labels():
    # (code, badge text) in the order they are shown; words, never colour alone
    return [
        ("awarded", _("Proposed for a title")),
        ("extra_candidate", _("Extra-title candidate")),
        ("tie", _("Exact tie")),
        ("close_call", _("Close call")),
        ("country_limit", _("Passed over: country limit")),
    ]


def _agreement_label(code):
    return {"high": _("High"), "moderate": _("Moderate"), "low": _("Low")}.get(code, code)


def _candidate_rows(results, data):
    """The ranking rows with formatted figures, badges, document links and (for the
    secretariat) the decision form's state for each candidate."""
    flag_labels = _flag_labels()
    year = results.edition.title_year
    if data is not None:
        ticked = set(data.getlist("awarded"))
        extra = data.get("extra", "")
    elif results.decision is not None:
        ticked = {str(a.application_id) for a in results.awards if not a.extra}
        extra = next((str(a.application_id) for a in results.awards if a.extra), "")
    else:
        ticked = {str(c.id) for c in results.proposal.awarded} if results.proposal else set()
        extra = ""
    citations = {str(a.application_id): a.citation for a in results.awards}
    awarded = {a.application_id: a for a in results.awards}
    rows = []
    for candidate in results.candidates:
        key = str(candidate.id)
        documents = {"slug": candidate.application.municipality.slug, "year": year}
        rows.append(
            {
                "id": key,
                "name": candidate.name,
                "country": candidate.country,
                "partnership": candidate.application.partnership,
                "rank": candidate.rank or "–",
                "raw": _num(candidate.raw),
                "normalised": _num(candidate.normalised),
                "jurors": _("%(counted)s of %(expected)s")
                % {"counted": candidate.jurors, "expected": candidate.expected},
                "per_criterion": [_num(value) for value in candidate.per_criterion],
                "badges": [text for code, text in flag_labels if code in candidate.flags],
                "ticked": key in ticked,
                "extra": key == extra,
                "citation": data.get(f"citation-{key}", "")
                if data is not None
                else citations.get(key, ""),
                "award": awarded.get(candidate.id),
                "certificate": reverse("competition:certificate", kwargs=documents)
                if candidate.id in awarded
                else "",
                "feedback": reverse("competition:feedback-letter", kwargs=documents),
            }
        )
    return rows


def _juror_matrix(results):
    """Each candidate with every juror's weighted score: raw, and normalised beside it."""
    by_juror = [dict((cell.candidate_id, cell) for cell in juror.cells) for juror in results.jurors]
    conflict, missing = _("conflict of interest"), _("not submitted")
    rows = []
    for candidate in results.candidates:
        cells = []
        for cells_of in by_juror:
            cell = cells_of[candidate.id]
            if cell.state == "scored":
                cells.append({"raw": _num(cell.raw), "normalised": _num(cell.normalised)})
            else:
                cells.append({"note": conflict if cell.state == "conflict" else missing})
        rows.append({"name": candidate.name, "cells": cells})
    return rows


def _scenario_rows(results):
    rows = []
    for scenario in results.scenarios:
        rows.append(
            {
                "label": scenario.label,
                "awarded": ", ".join(scenario.awarded) or "–",
                "differs": scenario.differs,
                "gained": ", ".join(scenario.gained),
                "lost": ", ".join(scenario.lost),
                "unscored": ", ".join(scenario.unscored),
            }
        )
    return rows


def _results_page(request, edition, *, problems=(), data=None, status=200):
    results = results_of(edition)
    user = request.user
    decision = results.decision
    published = decision is not None and decision.published_at is not None
    can_decide = access.can_decide(user)
    can_record = can_decide and edition.phase == Phase.JURY and not published
    can_publish = can_decide and decision is not None and not published
    rows = all_rows = _candidate_rows(results, data)
    juror_matrix = _juror_matrix(results)
    proposal = results.proposal
    reasons = [
        {"text": reason.text, "kind": reason.kind}
        for reason in (proposal.reasons if proposal else ())
    ]
    scenarios = _scenario_rows(results)
    # The jury chair does not read the scores of a candidate they declared a conflict for, nor
    # (blind scoring) of one they have not scored yet: those rows go, and so do the panels that
    # count every candidate (proposal, agreement, what-if) and the ranks and badges they imply.
    withheld = set() if can_decide else access.results_withheld(user, edition)
    withheld &= {candidate.id for candidate in results.candidates}
    if withheld:
        keep = [int(row["id"]) not in withheld for row in rows]
        juror_matrix = [row for row, kept in zip(juror_matrix, keep, strict=True) if kept]
        rows = [
            dict(row, rank="–", badges=[]) for row, kept in zip(rows, keep, strict=True) if kept
        ]
        proposal, reasons, scenarios = None, [], []
    extra_offered = []
    if edition.extra_title and proposal is not None:
        offered = {c.id for c in proposal.extra_candidates}
        current = {a.application_id for a in results.awards if a.extra}
        extra_offered = [row for row in rows if int(row["id"]) in offered | current]
    return render(
        request,
        "competition/results.html",
        {
            "edition": edition,
            "results": results,
            "criteria": results.criteria,
            "rows": rows,
            "jurors": results.jurors,
            "juror_matrix": juror_matrix,
            "withheld": len(withheld),
            "agreement": []
            if withheld
            else [
                {
                    "criterion": row.criterion,
                    "label": _agreement_label(row.agreement.label) if row.agreement else "",
                    "spread": _num(row.agreement.spread) if row.agreement else "–",
                    "deviation": _num(row.agreement.deviation * 100, 0) if row.agreement else "–",
                    "icc": _num(row.agreement.icc) if row.agreement else "–",
                    "measured": row.agreement is not None,
                }
                for row in results.agreement
            ],
            "proposal": proposal,
            "reasons": reasons,
            "scenarios": scenarios,
            "changing": sum(1 for s in scenarios if s["differs"]),
            "progress": results.progress,
            "decision": decision,
            "published": published,
            "awards": [row for row in all_rows if row["award"] is not None],
            "extra_offered": extra_offered,
            "extra_none": data.get("extra", "") == ""
            if data is not None
            else not any(a.extra for a in results.awards),
            "rationale": data.get("rationale", "")
            if data is not None
            else (decision.rationale if decision else ""),
            "revision": decision.revision if decision else 0,
            "can_decide": can_decide,
            "can_record": can_record,
            "can_publish": can_publish,
            "publish_blockers": services.phase_blockers(edition, Phase.RESULTS)
            if can_publish and edition.phase == Phase.JURY
            else [],
            "jury_deadline": _deadline(edition),
            "problems": problems,
        },
        status=status,
    )


@login_required
@secretariat_page
@require_safe
def results(request, year):
    edition = access.results_edition_for(request.user, year)
    return _results_page(request, edition)


@login_required
@secretariat_page
@require_POST
def decision(request, year):
    edition = access.results_edition_for(request.user, year)
    if not access.can_decide(request.user):
        raise Http404("No such page.")
    citations = {
        name.removeprefix("citation-"): value
        for name, value in request.POST.items()
        if name.startswith("citation-")
    }
    try:
        recorded = decision_record(
            edition=edition,
            awarded_ids=request.POST.getlist("awarded"),
            extra_id=request.POST.get("extra") or None,
            citations=citations,
            rationale=request.POST.get("rationale", ""),
            revision=request.POST.get("revision", ""),
            actor=request.user,
        )
    except ValidationError as error:
        return _results_page(
            request, edition, problems=error.messages, data=request.POST, status=400
        )
    count = recorded.awards.count()
    messages.success(
        request,
        ngettext(
            "The decision is recorded with %(count)s title. Publish it when the jury is ready.",
            "The decision is recorded with %(count)s titles. Publish it when the jury is ready.",
            count,
        )
        % {"count": count},
    )
    return redirect("competition:results", year=year)


@login_required
@secretariat_page
@require_POST
def decision_publish(request, year):
    edition = access.results_edition_for(request.user, year)
    if not access.can_decide(request.user):
        raise Http404("No such page.")
    try:
        publish_service(edition=edition, actor=request.user)
    except ValidationError as error:
        return _results_page(request, edition, problems=error.messages, status=400)
    messages.success(
        request,
        _("The results are published. Every candidate's team is being told by e-mail."),
    )
    return redirect("competition:results", year=year)
