"""The competition's outcome on paper and in public: the Pearl's certificate and the candidate's
feedback letter (both PDF, see ``document_views.py``), the archive's CSV of every score, and the
reads behind the public Pearls pages (``public_views.py``).

Jurors are never named in what leaves the jury: the feedback letter numbers them ("Juror 1, 2,
…") and the CSV gives each scorer a pseudonym ("J1", "J2", …), both in a stable order per
edition (by the person's opaque id, which says nothing about them). Everything here reads only.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from .models import (
    Application,
    Award,
    ConflictOfInterest,
    Criterion,
    Decision,
    Edition,
    Score,
    ScoreSheet,
)
from .normalise import weighted_means
from .preselection import stage_criteria

Stage = Criterion.Stage
Status = Application.Status
# Applications that took part (applied) in an edition, whatever came of them.
APPLIED = [Status.SUBMITTED, Status.SHORTLISTED, Status.NOT_SHORTLISTED]
# The order of the stages in the CSV: the committee's pre-selection first, then the jury.
STAGE_ORDER = {Stage.PRE_SELECTION: 0, Stage.FINAL: 1}


def _local_date(moment, edition):
    """The calendar date of ``moment`` in the edition's time zone (None stays None)."""
    return timezone.localtime(moment, edition.zone).date() if moment else None


def outcome_of(application, decision):
    """ "pearl", "extra" (the optional extra title) or "not_awarded": what ``decision`` gave
    ``application``. Reads ``application.award`` (one query unless prefetched)."""
    award = getattr(application, "award", None) if decision is not None else None
    if award is None or award.decision_id != decision.pk:
        return "not_awarded"
    return "extra" if award.extra else "pearl"


# The certificate


def certificate_context(award):
    """What the certificate of ``award`` shows: the town (as it names itself too), its country,
    the joint applicant if any, the edition's year, the citation, whether it is the extra title
    and the date the decision was published (None while the secretariat previews it)."""
    decision = award.decision
    application = award.application
    edition = decision.edition
    municipality = application.municipality
    local_name = municipality.local_name.strip()
    return {
        "award": award,
        "application": application,
        "municipality": municipality,
        "local_name": local_name if local_name != municipality.official_name else "",
        "local_language": (municipality.languages or [""])[0],
        "partnership": application.partnership,
        "edition": edition,
        "year": edition.title_year,
        "citation": award.citation.strip(),
        "extra": award.extra,
        "published": decision.published,
        "published_on": _local_date(decision.published_at, edition),
    }


# The feedback letter


@dataclass
class CriterionFeedback:
    """One criterion in a feedback letter: its label and guidance, the candidate's mean on the
    criterion's scale, and each juror's justification as ``(juror number, text)``."""

    code: str
    label: str
    guidance: str
    weight: object
    scale_min: int
    scale_max: int
    mean: float | None
    justifications: list = field(default_factory=list)


def _final_conflicts(edition):
    """{(user_id, application_id)} of the final-stage conflicts of interest of ``edition``."""
    return set(
        ConflictOfInterest.objects.filter(edition=edition, stage=Stage.FINAL).values_list(
            "user_id", "application_id"
        )
    )


def _final_scores(edition, conflicts):
    """{(user_id, application_id, code): value} over the submitted final sheets of
    ``edition``, less those behind a conflict of interest (``conflicts``: (user_id,
    application_id) pairs), which the results do not count either."""
    return {
        (user_id, application_id, code): value
        for user_id, application_id, code, value in Score.objects.filter(
            sheet__application__edition=edition,
            sheet__stage=Stage.FINAL,
            sheet__submitted_at__isnull=False,
            criterion__edition=edition,
            criterion__stage=Stage.FINAL,
        ).values_list("sheet__user_id", "sheet__application_id", "criterion__code", "value")
        if (user_id, application_id) not in conflicts
    }


def _ranks(means):
    """{application_id: rank} from {application_id: CandidateScore}; ties share a rank."""
    ordered = sorted(means.items(), key=lambda item: -round(item[1].mean, 9))
    ranks, previous, rank = {}, None, 0
    for position, (application_id, found) in enumerate(ordered, start=1):
        score = round(found.mean, 9)
        if score != previous:
            rank, previous = position, score
        ranks[application_id] = rank
    return ranks


def feedback_letter_context(application):
    """What the feedback letter of ``application`` shows: per final criterion (in order) its
    label, guidance, the candidate's mean and every juror's written justification, jurors
    numbered in a stable order and never named; the candidate's weighted mean, its rank among
    the final candidates the jury scored, the outcome ("pearl", "extra", "not_awarded") and
    the published decision's date (None while unpublished). Only submitted final sheets count.
    """
    edition = application.edition
    decision = Decision.objects.filter(edition=edition).first()
    criteria = stage_criteria(edition, Stage.FINAL)
    conflicts = _final_conflicts(edition)
    scores = _final_scores(edition, conflicts)
    means = weighted_means(scores, criteria) if criteria and scores else {}
    own = means.get(application.pk)
    sheets = list(
        ScoreSheet.objects.filter(
            application=application, stage=Stage.FINAL, submitted_at__isnull=False
        )
        .select_related("user")
        .prefetch_related("scores")
    )
    sheets = [sheet for sheet in sheets if (sheet.user_id, application.pk) not in conflicts]
    # Juror numbers follow the opaque id: stable, and it says nothing about who is who.
    sheets.sort(key=lambda sheet: str(sheet.user.public_id))
    numbers = {sheet.user_id: number for number, sheet in enumerate(sheets, start=1)}
    rows = []
    for criterion in criteria:
        justifications = [
            (numbers[sheet.user_id], score.comment.strip())
            for sheet in sheets
            for score in sheet.scores.all()
            if score.criterion_id == criterion.pk and score.comment.strip()
        ]
        rows.append(
            CriterionFeedback(
                code=criterion.code,
                label=criterion.label,
                guidance=criterion.guidance,
                weight=criterion.weight,
                scale_min=criterion.scale_min,
                scale_max=criterion.scale_max,
                mean=own.per_criterion.get(criterion.code) if own else None,
                justifications=justifications,
            )
        )
    scales = {(c.scale_min, c.scale_max) for c in criteria}
    municipality = application.municipality
    return {
        "application": application,
        "municipality": municipality,
        "partnership": application.partnership,
        "edition": edition,
        "year": edition.title_year,
        "decision": decision,
        "outcome": outcome_of(application, decision),
        "published": bool(decision and decision.published),
        "published_on": _local_date(decision.published_at, edition) if decision else None,
        "criteria": rows,
        "mean": own.mean if own else None,
        # the weighted mean reads "on the scale" only when every criterion shares one
        "scale": next(iter(scales)) if len(scales) == 1 else None,
        "rank": _ranks(means).get(application.pk),
        "ranked": len(means),
        "jurors": len(sheets),
        "today": timezone.localdate(timezone=edition.zone),
    }


def has_jury_feedback(application):
    """Whether at least one juror submitted a final sheet for ``application`` (a letter
    needs one)."""
    return ScoreSheet.objects.filter(
        application=application, stage=Stage.FINAL, submitted_at__isnull=False
    ).exists()


def applications_with_jury_feedback(edition):
    """The ids of ``edition``'s applications with at least one submitted final sheet."""
    return set(
        ScoreSheet.objects.filter(
            application__edition=edition, stage=Stage.FINAL, submitted_at__isnull=False
        ).values_list("application_id", flat=True)
    )


# The scores CSV, for the archive

CSV_COLUMNS = [
    "edition",
    "stage",
    "application_id",
    "municipality",
    "country",
    "juror",
    "criterion_code",
    "criterion_label",
    "weight",
    "scale_min",
    "scale_max",
    "value",
    "justification",
    "submitted_at",
]
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """``value`` as a spreadsheet reads it literally: text starting like a formula gets a
    leading apostrophe. Numbers stay numbers (a scale may start below zero)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def juror_pseudonyms(edition):
    """{user_id: "J1", "J2", …}: one pseudonym per person who submitted a sheet in
    ``edition`` (either stage), numbered by their opaque id, so stable for the edition."""
    people = (
        ScoreSheet.objects.filter(application__edition=edition, submitted_at__isnull=False)
        .values_list("user_id", "user__public_id")
        .distinct()
    )
    ordered = sorted(set(people), key=lambda item: str(item[1]))
    return {user_id: f"J{number}" for number, (user_id, _public) in enumerate(ordered, start=1)}


def scores_csv_filename(edition):
    return f"pearls-{edition.title_year}-scores.csv"


def scores_csv(edition, stage=None, withheld=()):
    """Every score of a submitted sheet of ``edition`` (of ``stage`` only when given) as CSV
    text, one row per score with the columns of ``CSV_COLUMNS``: scorers by pseudonym only,
    every text cell neutralised against formula injection, quoted where needed. Ordered by
    application, stage, scorer and criterion. The applications ``withheld`` (ids; see
    ``access.results_withheld``) are left out."""
    found = (
        Score.objects.filter(sheet__application__edition=edition, sheet__submitted_at__isnull=False)
        .exclude(sheet__application__in=list(withheld))
        .select_related("sheet", "sheet__application__municipality", "criterion")
    )
    if stage is not None:
        found = found.filter(sheet__stage=stage)
    pseudonyms = juror_pseudonyms(edition)
    rows = sorted(
        found,
        key=lambda score: (
            score.sheet.application.municipality.official_name.casefold(),
            score.sheet.application_id,
            STAGE_ORDER.get(score.sheet.stage, 9),
            int(pseudonyms.get(score.sheet.user_id, "J0")[1:]),
            score.criterion.position,
            score.criterion.pk,
        ),
    )
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for score in rows:
        sheet, criterion = score.sheet, score.criterion
        municipality = sheet.application.municipality
        writer.writerow(
            [
                csv_safe(value)
                for value in (
                    edition.title_year,
                    sheet.stage,
                    sheet.application_id,
                    municipality.official_name,
                    municipality.country,
                    pseudonyms.get(sheet.user_id, ""),
                    criterion.code,
                    criterion.label,
                    str(criterion.weight),
                    criterion.scale_min,
                    criterion.scale_max,
                    score.value,
                    score.comment,
                    sheet.submitted_at.isoformat(),
                )
            ]
        )
    return out.getvalue()


# The public record: published decisions, their Pearls and the other shortlisted candidates


def published_editions():
    """The editions whose decision is published, newest first."""
    return Edition.objects.filter(decision__published_at__isnull=False).order_by("-title_year")


def pearls_published(year=None):
    """The Awards of published decisions (of the edition of ``year`` only when given), newest
    edition first, with their application, town, joint applicant and edition joined."""
    awards = Award.objects.filter(decision__published_at__isnull=False).select_related(
        "decision__edition", "application__municipality", "application__partnership"
    )
    if year is not None:
        awards = awards.filter(decision__edition__title_year=year)
    return awards.order_by("-decision__edition__title_year", "extra", "position", "pk")


def candidates_published(year=None):
    """The shortlisted applications of editions with a published decision that won no title
    (of ``year``'s edition only when given), newest edition first, then by name."""
    applications = Application.objects.filter(
        edition__decision__published_at__isnull=False, status=Status.SHORTLISTED, award__isnull=True
    ).select_related("edition", "municipality", "partnership")
    if year is not None:
        applications = applications.filter(edition__title_year=year)
    return applications.order_by("-edition__title_year", "municipality__official_name")


def results_published(year):
    """The published results of the edition of ``year``, or None when it has none: the
    decision (its edition and Awards joined), the shortlisted candidates without a title and
    the numbers of applicants, shortlisted candidates and finalists (those the jury scored).
    """
    decision = (
        Decision.objects.filter(edition__title_year=year, published_at__isnull=False)
        .select_related("edition")
        .prefetch_related(
            Prefetch(
                "awards",
                queryset=Award.objects.select_related(
                    "application__municipality", "application__partnership"
                ).order_by("extra", "position", "pk"),
            )
        )
        .first()
    )
    if decision is None:
        return None
    edition = decision.edition
    counts = Application.objects.filter(edition=edition).aggregate(
        applicants=Count("pk", filter=Q(status__in=APPLIED), distinct=True),
        shortlisted=Count("pk", filter=Q(status=Status.SHORTLISTED), distinct=True),
        finalists=Count(
            "pk",
            filter=Q(score_sheets__stage=Stage.FINAL, score_sheets__submitted_at__isnull=False),
            distinct=True,
        ),
    )
    return {
        "decision": decision,
        "edition": edition,
        "awards": list(decision.awards.all()),
        "candidates": list(candidates_published(year)),
        "published_on": _local_date(decision.published_at, edition),
        **counts,
    }


def _marker_label(kind, year):
    if kind == "pearl":
        return _("Cultural Pearl %(year)s") % {"year": year}
    if kind == "extra":
        return _("Cultural Pearl %(year)s (extra title)") % {"year": year}
    return _("Shortlisted candidate %(year)s") % {"year": year}


def pearls_markers(awards, candidates):
    """GeoJSON of the Pearls and the other candidates whose town has coordinates; each feature
    says its ``kind`` ("pearl", "extra" or "candidate") and its label in the reader's
    language, the town, year, citation and links."""
    features = []

    def add(application, kind, year, citation, results_url):
        town = application.municipality
        if town.latitude is None or town.longitude is None:
            return
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [town.longitude, town.latitude]},
                "properties": {
                    "kind": kind,
                    "label": _marker_label(kind, year),
                    "name": town.official_name,
                    "country": str(countries.name(town.country) or town.country),
                    "joint": application.partnership.name if application.partnership else "",
                    "year": year,
                    "citation": citation,
                    "url": town.get_absolute_url(),
                    "results": results_url,
                    "results_label": _("Results of %(year)s") % {"year": year},
                },
            }
        )

    for award in awards:
        year = award.decision.edition.title_year
        url = reverse("competition:pearls-year", kwargs={"year": year})
        add(award.application, "extra" if award.extra else "pearl", year, award.citation, url)
    for application in candidates:
        year = application.edition.title_year
        url = reverse("competition:pearls-year", kwargs={"year": year})
        add(application, "candidate", year, "", url)
    return {"type": "FeatureCollection", "features": features}
