"""Scoring by the selection committee, and the shortlist the secretariat records from it.

A committee member declares conflicts of interest, scores every pre-selection criterion of an
application with a comment, and submits the sheet; a submitted sheet is final. The secretariat
reads the ranking by weighted score (over submitted sheets only) and records the shortlist,
which e-mails every applicant its decision.

Every row is a scorer's own (one sheet per scorer, application and stage), so two scorers
saving at once never write the same row; a scorer's own sheet row is locked while it is
written, so the same scorer in two tabs cannot interleave (the last save wins, and a sheet
submitted in between is never changed). The functions take a ``stage``: the jury's final
selection (``Stage.FINAL``, views in ``jury_views.py``) uses the same services and rows, on the
shortlisted applications whose action plan is submitted (``stage_candidates``).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pearls.accounts import access as accounts_access
from pearls.accounts.models import Membership
from pearls.core.audit import audit_record
from pearls.core.mail import mail_send
from pearls.core.notifications import notification_send

from .models import Application, ConflictOfInterest, Criterion, Edition, Score, ScoreSheet
from .normalise import weighted_means
from .selectors import application_eligibility

Stage = Criterion.Stage
Status = Application.Status
PHASES = list(Edition.Phase.values)
# The applications a stage scores: submitted ones, also once decided (scorers keep reading).
SCORED = [Status.SUBMITTED, Status.SHORTLISTED, Status.NOT_SHORTLISTED]
# The phase in which each stage's scores are written, and the role that writes them.
STAGE_PHASE = {Stage.PRE_SELECTION: Edition.Phase.PRE_SELECTION, Stage.FINAL: Edition.Phase.JURY}
STAGE_ROLE = {
    Stage.PRE_SELECTION: accounts_access.Role.COMMITTEE,
    Stage.FINAL: accounts_access.Role.JURY,
}
# The jury scores the shortlisted applications whose municipality submitted its action plan.
PLAN_SUBMITTED = ["submitted", "implementation"]


def stage_candidates(edition, stage):
    """The applications of ``edition`` scored at ``stage``: submitted (or decided) ones for the
    pre-selection; shortlisted ones with a submitted action plan for the final. Reads only."""
    applications = Application.objects.filter(edition=edition)
    if stage == Stage.PRE_SELECTION:
        return applications.filter(status__in=SCORED)
    from pearls.plans.models import Plan

    plans = Plan.objects.filter(
        municipality=OuterRef("municipality"), edition=edition, state__in=PLAN_SUBMITTED
    )
    return applications.filter(Exists(plans), status=Status.SHORTLISTED)


def _round_closed_message(stage):
    if stage == Stage.PRE_SELECTION:
        return _("The pre-selection round is closed.")
    return _("The jury's scoring round is closed.")


def stage_criteria(edition, stage):
    """The criteria of ``edition`` at ``stage``, in their order."""
    return list(Criterion.objects.filter(edition=edition, stage=stage))


def _current_phase(edition):
    # Read from the database: a phase move in another request must close the round at once.
    return Edition.objects.values_list("phase", flat=True).get(pk=edition.pk)


def _refuse_unless_scorer(application, user, stage):
    """Raise ValidationError unless ``user`` may score ``application`` at ``stage`` now."""
    if not accounts_access.has_role(user, STAGE_ROLE[stage], edition=application.edition_id):
        raise ValidationError(_("You do not score applications of this edition."), code="role")
    if not stage_candidates(application.edition_id, stage).filter(pk=application.pk).exists():
        if stage == Stage.PRE_SELECTION:
            message = _("Only submitted applications are scored.")
        else:
            message = _("Only shortlisted candidates with a submitted action plan are scored.")
        raise ValidationError(message, code="status")
    if _current_phase(application.edition) != STAGE_PHASE[stage]:
        raise ValidationError(_round_closed_message(stage), code="closed")
    if ConflictOfInterest.objects.filter(user=user, application=application, stage=stage).exists():
        raise ValidationError(
            _("You declared a conflict of interest for this application and cannot score it."),
            code="conflict",
        )


def _sheet_locked(application, user, stage):
    """The scorer's sheet, created if missing, with its row locked until the commit."""
    try:
        with transaction.atomic():
            sheet, _created = ScoreSheet.objects.get_or_create(
                application=application, user=user, stage=stage
            )
    except IntegrityError:  # the same scorer's other tab created it a moment ago
        sheet = ScoreSheet.objects.get(application=application, user=user, stage=stage)
    return ScoreSheet.objects.select_for_update().get(pk=sheet.pk)


def _refuse_if_submitted(sheet):
    if sheet.submitted_at is not None:
        raise ValidationError(
            _("Your scores for this application are submitted and can no longer be changed."),
            code="submitted",
        )


def _clean_value(criterion, value):
    """``value`` as an int within the criterion's scale, or ValidationError."""
    message = _(
        "The score for “%(criterion)s” must be a whole number from %(low)s to %(high)s."
    ) % {"criterion": criterion.label, "low": criterion.scale_min, "high": criterion.scale_max}
    if isinstance(value, bool):
        raise ValidationError(message, code="scale")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(message, code="scale") from None
    if not criterion.scale_min <= number <= criterion.scale_max:
        raise ValidationError(message, code="scale")
    return number


def conflict_declare(*, application, user, reason, stage=Stage.PRE_SELECTION):
    """Declare that ``user`` has a conflict of interest with ``application`` at ``stage``.

    From then on the user neither sees nor scores the application; their draft sheet for it
    is removed. Idempotent: a second declaration keeps the first. Raises ValidationError when
    their sheet is already submitted (the secretariat handles that case) or the stage's round
    is over. Audited as ``conflict.declare`` (never with the reason's text)."""
    with transaction.atomic():
        existing = ConflictOfInterest.objects.filter(
            user=user, application=application, stage=stage
        ).first()
        if existing is not None:
            return existing
        if PHASES.index(_current_phase(application.edition)) > PHASES.index(STAGE_PHASE[stage]):
            raise ValidationError(_round_closed_message(stage), code="closed")
        sheet = (
            ScoreSheet.objects.select_for_update()
            .filter(application=application, user=user, stage=stage)
            .first()
        )
        if sheet is not None and sheet.submitted_at is not None:
            raise ValidationError(
                _(
                    "You already submitted your scores for this application. Write to the "
                    "secretariat about the conflict of interest: they will handle it."
                ),
                code="submitted",
            )
        if sheet is not None:
            sheet.delete()
        conflict = ConflictOfInterest.objects.create(
            edition_id=application.edition_id,
            user=user,
            application=application,
            stage=stage,
            reason=(reason or "").strip(),
        )
        audit_record(
            action="conflict.declare",
            actor=user,
            obj=application,
            details={"stage": stage, "draft_removed": sheet is not None},
        )
    return conflict


def score_save(*, application, user, values, actor, stage=Stage.PRE_SELECTION):
    """Save ``user``'s scores for ``application``: ``values`` is ``{criterion code: (value,
    comment)}``.

    A criterion given with a value needs a whole number within its scale and a comment; one
    given with neither is cleared; criteria not given keep what they had. Every value is
    checked before anything is written: one refusal refuses the whole save with
    ValidationError({code: [sentence]}). Only the user's own sheet is written, its row locked.
    Raises ValidationError (nothing changed) when the sheet is submitted, the round is closed,
    the user is not a scorer of the edition or declared a conflict. Returns the sheet.
    Audited as ``score.save`` (criterion codes only)."""
    with transaction.atomic():
        _refuse_unless_scorer(application, user, stage)
        criteria = {c.code: c for c in stage_criteria(application.edition, stage)}
        errors, cleaned = {}, {}
        for code, (value, comment) in values.items():
            criterion = criteria.get(code)
            if criterion is None:
                errors[code] = [_("There is no criterion %(code)s to score.") % {"code": code}]
                continue
            comment = (comment or "").strip()
            empty = value is None or str(value).strip() == ""
            if empty and not comment:
                cleaned[code] = None
                continue
            problems = []
            if empty:
                problems.append(
                    _("Give a score for “%(criterion)s” with your comment.")
                    % {"criterion": criterion.label}
                )
            else:
                try:
                    value = _clean_value(criterion, value)
                except ValidationError as error:
                    problems.extend(error.messages)
            if not comment:
                problems.append(
                    _("Explain your score for “%(criterion)s” in a comment.")
                    % {"criterion": criterion.label}
                )
            if problems:
                errors[code] = problems
            else:
                cleaned[code] = (value, comment)
        if errors:
            raise ValidationError(errors)
        sheet = _sheet_locked(application, user, stage)
        _refuse_if_submitted(sheet)
        held = {score.criterion.code: score for score in sheet.scores.select_related("criterion")}
        changed = []
        for code, item in cleaned.items():
            score = held.get(code)
            if item is None:
                if score is not None:
                    score.delete()
                    changed.append(code)
                continue
            value, comment = item
            if score is None:
                Score.objects.create(
                    sheet=sheet, criterion=criteria[code], value=value, comment=comment
                )
                changed.append(code)
            elif (score.value, score.comment) != (value, comment):
                score.value, score.comment = value, comment
                score.save(update_fields=["value", "comment"])
                changed.append(code)
        if changed:
            sheet.save(update_fields=["updated_at"])
            audit_record(
                action="score.save",
                actor=actor,
                obj=sheet,
                details={"stage": stage, "criteria": sorted(changed)},
            )
    return sheet


def sheet_missing(sheet, criteria):
    """What stops ``sheet`` from being submitted: one sentence per criterion without a score
    and comment. Empty: complete."""
    held = {}
    if sheet is not None:
        held = {score.criterion_id: score for score in sheet.scores.all()}
    return [
        _("Score “%(criterion)s” and explain it in a comment.") % {"criterion": criterion.label}
        for criterion in criteria
        if criterion.pk not in held or not held[criterion.pk].comment.strip()
    ]


def sheet_submit(*, application, user, stage=Stage.PRE_SELECTION):
    """Submit ``user``'s sheet for ``application``: it counts in the ranking from now on and
    can no longer change.

    Idempotent: a submitted sheet is returned unchanged. Raises ValidationError listing the
    criteria still without a score and comment, or when the round is closed, the user is not
    a scorer of the edition or declared a conflict. Audited as ``score.submit``."""
    with transaction.atomic():
        _refuse_unless_scorer(application, user, stage)
        sheet = _sheet_locked(application, user, stage)
        if sheet.submitted_at is not None:
            return sheet
        missing = sheet_missing(sheet, stage_criteria(application.edition, stage))
        if missing:
            raise ValidationError(missing, code="incomplete")
        sheet.submitted_at = timezone.now()
        sheet.save(update_fields=["submitted_at", "updated_at"])
        audit_record(
            action="score.submit",
            actor=user,
            obj=sheet,
            changed=["submitted_at"],
            details={"stage": stage},
        )
    return sheet


# Reads


@dataclass
class ScorerRow:
    """One application on a committee member's list, with their progress on it."""

    application: Application
    sheet: ScoreSheet | None
    scored: int
    total: int

    @property
    def submitted(self):
        return self.sheet is not None and self.sheet.submitted_at is not None


def scorer_rows(*, edition, user, stage=Stage.PRE_SELECTION):
    """(rows, conflicts) for ``user``'s list: every application scored at ``stage`` except
    those they declared a conflict for, with how many criteria they scored; and the
    conflicts they declared (the applications' names only)."""
    conflicts = list(
        ConflictOfInterest.objects.filter(edition=edition, user=user, stage=stage).select_related(
            "application__municipality"
        )
    )
    excluded = {conflict.application_id for conflict in conflicts}
    total = len(stage_criteria(edition, stage))
    sheets = {
        sheet.application_id: sheet
        for sheet in ScoreSheet.objects.filter(
            application__edition=edition, user=user, stage=stage
        ).prefetch_related("scores")
    }
    rows = []
    for application in (
        stage_candidates(edition, stage)
        .exclude(pk__in=excluded)
        .select_related("municipality", "partnership")
        .order_by("municipality__official_name")
    ):
        sheet = sheets.get(application.pk)
        scored = sum(1 for s in sheet.scores.all() if s.comment.strip()) if sheet else 0
        rows.append(ScorerRow(application=application, sheet=sheet, scored=scored, total=total))
    return rows, conflicts


@dataclass
class RankingRow:
    """One application in the ranking: weighted mean over submitted sheets (None: nobody
    submitted yet), scorers behind it, per-criterion means in criterion order."""

    application: Application
    mean: float | None
    scorers: int
    drafts: int
    conflicts: int
    per_criterion: list = field(default_factory=list)
    eligibility: object = None
    rank: int | None = None


def preselection_ranking(edition, stage=Stage.PRE_SELECTION):
    """The applications scored at ``stage`` ranked by weighted score, best first.

    Only submitted sheets count (drafts are counted apart). Applications nobody submitted a
    sheet for come last, by name. Ties share a rank. Reads only."""
    criteria = stage_criteria(edition, stage)
    scores = {
        (user_id, application_id, code): value
        for user_id, application_id, code, value in Score.objects.filter(
            sheet__application__edition=edition,
            sheet__stage=stage,
            sheet__submitted_at__isnull=False,
            criterion__stage=stage,
        ).values_list("sheet__user_id", "sheet__application_id", "criterion__code", "value")
    }
    means = weighted_means(scores, criteria) if criteria else {}
    drafts, conflicts = {}, {}
    for application_id in ScoreSheet.objects.filter(
        application__edition=edition, stage=stage, submitted_at__isnull=True
    ).values_list("application_id", flat=True):
        drafts[application_id] = drafts.get(application_id, 0) + 1
    for application_id in ConflictOfInterest.objects.filter(
        edition=edition, stage=stage
    ).values_list("application_id", flat=True):
        conflicts[application_id] = conflicts.get(application_id, 0) + 1
    rows = []
    for application in (
        Application.objects.filter(edition=edition, status__in=SCORED)
        .select_related("municipality", "partnership", "edition")
        .order_by("municipality__official_name")
    ):
        found = means.get(application.pk)
        rows.append(
            RankingRow(
                application=application,
                mean=found.mean if found else None,
                scorers=found.jurors if found else 0,
                drafts=drafts.get(application.pk, 0),
                conflicts=conflicts.get(application.pk, 0),
                per_criterion=[
                    (criterion, found.per_criterion.get(criterion.code) if found else None)
                    for criterion in criteria
                ],
                eligibility=application_eligibility(application),
            )
        )
    rows.sort(key=lambda row: (row.mean is None, -(row.mean or 0)))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        if row.mean is None:
            break
        if row.mean != previous:
            rank, previous = position, row.mean
        row.rank = rank
    return rows


def submitted_sheets(application, stage=Stage.PRE_SELECTION):
    """The submitted sheets of ``application`` at ``stage`` with their scores, for the
    secretariat. Reads only."""
    return list(
        ScoreSheet.objects.filter(application=application, stage=stage, submitted_at__isnull=False)
        .select_related("user")
        .prefetch_related("scores__criterion")
        .order_by("submitted_at")
    )


def peer_sheets(*, application, user, stage=Stage.FINAL):
    """The other scorers' submitted sheets of ``application`` at ``stage``, shown to ``user``
    only once their own sheet is submitted (blind scoring: empty before). Reads only."""
    own_submitted = ScoreSheet.objects.filter(
        application=application, user=user, stage=stage, submitted_at__isnull=False
    ).exists()
    if not own_submitted:
        return []
    return [sheet for sheet in submitted_sheets(application, stage) if sheet.user_id != user.pk]


# The shortlist


def _decision_send(application):
    coordinators = Membership.objects.filter(
        municipality=application.municipality, role=Membership.Role.COORDINATOR
    ).select_related("user")
    shortlisted = application.status == Status.SHORTLISTED
    name, edition = application.municipality.official_name, application.edition.name
    for membership in coordinators:
        user = membership.user
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            path = reverse(
                "competition:application",
                kwargs={
                    "slug": application.municipality.slug,
                    "year": application.edition.title_year,
                },
            )
        mail_send(
            to=user.email,
            template="preselection_decision",
            context={
                "municipality": application.municipality,
                "edition": application.edition,
                "shortlisted": shortlisted,
                "url": settings.PEARLS_SITE_URL.rstrip("/") + path,
            },
            language=language,
        )

        def text(shortlisted=shortlisted):
            if shortlisted:
                return _("%(name)s is shortlisted for %(edition)s.") % {
                    "name": name,
                    "edition": edition,
                }
            return _("%(name)s is not shortlisted for %(edition)s.") % {
                "name": name,
                "edition": edition,
            }

        notification_send(user=user, text=text, url=path)


def shortlist_record(*, edition, shortlisted_ids, actor):
    """Record the shortlist of ``edition``: the submitted applications whose ids are in
    ``shortlisted_ids`` are shortlisted, every other one is not.

    Each application whose decision changed gets one e-mail to its coordinators (in their
    language, after the commit) and a notification; recording the same shortlist again
    changes and sends nothing. Raises ValidationError outside the pre-selection phase or for
    an id that is not a submitted application of the edition. Returns the number of
    applications whose decision changed. Audited as ``edition.shortlist``."""
    wanted = {int(pk) for pk in shortlisted_ids}
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        if locked.phase != Edition.Phase.PRE_SELECTION:
            raise ValidationError(
                _("The shortlist can be recorded only during the pre-selection."), code="closed"
            )
        applications = list(
            Application.objects.select_for_update(of=("self",))
            .filter(edition=locked, status__in=SCORED)
            .select_related("municipality", "edition")
        )
        unknown = wanted - {application.pk for application in applications}
        if unknown:
            raise ValidationError(
                _("Only submitted applications of this edition can be shortlisted."),
                code="unknown",
            )
        changed = []
        for application in applications:
            status = Status.SHORTLISTED if application.pk in wanted else Status.NOT_SHORTLISTED
            if application.status == status:
                continue
            application.status = status
            application.save(update_fields=["status", "updated_at"])
            changed.append(application)
            _decision_send(application)
        if not changed:
            return 0
        audit_record(
            action="edition.shortlist",
            actor=actor,
            obj=locked,
            details={
                "shortlisted": sorted(wanted),
                "changed": sorted(application.pk for application in changed),
            },
        )
    return len(changed)
