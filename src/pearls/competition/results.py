"""The final selection's results: what the jury's scores say, the decision the secretariat
records from them, and its publication.

``results_of`` reads an edition's final-stage scores (submitted sheets only) in a constant
number of queries and hands them to the pure functions of ``normalise`` and ``awards``: raw
and normalised weighted means, each juror's scores, the jurors' agreement, the award proposal
under the edition's rule and the what-if scenarios. The machine proposes; people decide:
``decision_record`` stores the jury's decision with its rationale (and a snapshot of what the
scores proposed), ``decision_publish`` announces it, moves the edition to its results phase and
tells every candidate's team.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from pearls.accounts.models import Membership, RoleAssignment
from pearls.core.audit import audit_record
from pearls.core.mail import mail_send
from pearls.core.notifications import notification_send

from . import services
from .awards import Candidate, Proposal, Rule, award_proposal, what_if
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
from .normalise import Agreement, agreement, normalised, weighted_means
from .preselection import stage_candidates

STAGE = Criterion.Stage.FINAL
Phase = Edition.Phase


@dataclass(frozen=True)
class CandidateResult:
    """One final candidate: its raw and normalised weighted means (None: nobody scored it),
    the jurors counted and expected (jurors of the edition without a conflict), each
    criterion's raw mean in criterion order, its rank (ties share one) and what the proposal
    says of it (``flags``: "awarded", "extra_candidate", "country_limit", "close_call",
    "tie")."""

    application: Application
    name: str
    country: str
    raw: float | None
    normalised: float | None
    jurors: int
    expected: int
    per_criterion: tuple
    rank: int | None = None
    flags: frozenset = frozenset()

    @property
    def id(self):
        return self.application.pk


@dataclass(frozen=True)
class JurorCell:
    """A juror's weighted score for one candidate. ``state``: "scored", "conflict" (declared a
    conflict of interest, not counted) or "missing" (no submitted sheet)."""

    candidate_id: int
    state: str
    raw: float | None = None
    normalised: float | None = None


@dataclass(frozen=True)
class JurorResult:
    """One juror: "Juror n" in a stable order (by account), their name, whether they still
    hold the jury role, their cells in the candidates' order, sheets submitted and expected."""

    user_id: int
    label: str
    name: str
    on_jury: bool
    cells: tuple
    submitted: int
    expected: int
    conflicts: int


@dataclass(frozen=True)
class AgreementRow:
    """How far the jurors agree on one criterion (``agreement`` None: not measurable)."""

    criterion: Criterion
    agreement: Agreement | None


@dataclass(frozen=True)
class ScenarioResult:
    """One way of counting (raw, normalised, without one juror) and the titles it would give,
    by name; ``gained``/``lost`` compare with the raw outcome."""

    key: str
    label: str
    juror_id: int | None
    awarded: tuple
    differs: bool
    gained: tuple
    lost: tuple
    unscored: tuple


@dataclass(frozen=True)
class Progress:
    """Submitted final sheets against those expected (every juror on every candidate, less the
    declared conflicts)."""

    submitted: int
    expected: int
    jurors: int
    candidates: int
    conflicts: int

    @property
    def complete(self):
        return self.submitted >= self.expected


@dataclass(frozen=True)
class Results:
    """Everything the results view shows. ``candidates`` are in ranking order (unscored ones
    last, by name); ``proposal`` is None when nothing can be proposed (no submitted score, or
    ``problem``: the scores could not be read, with the reason in words)."""

    edition: Edition
    rule: Rule | None
    criteria: tuple
    candidates: tuple
    jurors: tuple
    agreement: tuple
    proposal: Proposal | None
    scenarios: tuple
    progress: Progress
    decision: Decision | None
    awards: tuple
    problem: str = ""

    @property
    def has_scores(self):
        return any(c.raw is not None for c in self.candidates)


def edition_rule(edition):
    """The award rule of ``edition`` as ``awards.Rule``. Raises ValueError for an invalid one."""
    return Rule(
        titles=edition.titles,
        max_per_country=edition.max_per_country,
        extra_title=edition.extra_title,
        extra_title_country_rule=edition.extra_title_country_rule,
        tie_threshold=float(edition.tie_threshold),
    )


def candidate_country(application):
    """A candidate's country for the country limit: the lead partner's for a joint application."""
    if application.partnership_id is not None:
        return application.partnership.lead.country
    return application.municipality.country


def _weighted(values, weights):
    total = sum(weights[code] for code in values)
    return sum(weights[code] * value for code, value in values.items()) / total


def _ranks(ordered):
    """Ranks for (id, score) in order, equal scores sharing one (scores None get none)."""
    ranks, previous, rank = {}, None, 0
    for position, (cid, score) in enumerate(ordered, start=1):
        if score is None:
            break
        if previous is None or round(score, 9) != round(previous, 9):
            rank, previous = position, score
        ranks[cid] = rank
    return ranks


def _flags(proposal):
    flags = defaultdict(set)
    if proposal is None:
        return flags
    for c in proposal.awarded:
        flags[c.id].add("awarded")
    for c in proposal.extra_candidates:
        flags[c.id].add("extra_candidate")
    for skip in proposal.skipped_for_country:
        flags[skip.candidate.id].add("country_limit")
    for call in proposal.close_calls:
        kind = "tie" if call.tie else "close_call"
        flags[call.a.id].add(kind)
        flags[call.b.id].add(kind)
    return flags


def _juror_rows(people, ordered, scores, normal, conflicts, criteria):
    """A ``JurorResult`` per person, numbered in the given order, with a cell per candidate
    (``ordered`` ids): their weighted raw and normalised score, or why there is none."""
    weights = {c.code: float(c.weight) for c in criteria}
    raw_sheets, normal_sheets = defaultdict(dict), defaultdict(dict)
    for (juror, cid, code), value in scores.items():
        raw_sheets[(juror, cid)][code] = value
        if normal:
            normal_sheets[(juror, cid)][code] = normal[(juror, cid, code)]
    rows = []
    for number, person in enumerate(people, start=1):
        cells = []
        for cid in ordered:
            key = (person.pk, cid)
            if key in raw_sheets:
                normal_score = normal_sheets.get(key)
                cells.append(
                    JurorCell(
                        cid,
                        "scored",
                        _weighted(raw_sheets[key], weights),
                        _weighted(normal_score, weights) if normal_score else None,
                    )
                )
            else:
                cells.append(JurorCell(cid, "conflict" if key in conflicts else "missing"))
        conflicted = sum(1 for cell in cells if cell.state == "conflict")
        rows.append(
            JurorResult(
                user_id=person.pk,
                label=_("Juror %(number)s") % {"number": number},
                name=person.name or person.email,
                on_jury=person.on_jury,
                cells=tuple(cells),
                submitted=sum(1 for cell in cells if cell.state == "scored"),
                expected=len(ordered) - conflicted if person.on_jury else 0,
                conflicts=conflicted,
            )
        )
    return tuple(rows)


def _scenario_rows(scenarios, jurors, names):
    """The what-if scenarios with names instead of ids, a juror left out by label and name."""
    labels = {j.user_id: f"{j.label} ({j.name})" for j in jurors}
    rows = []
    for scenario in scenarios:
        label = scenario.label
        if scenario.juror is not None:
            label = _("Without %(juror)s") % {"juror": labels.get(scenario.juror, scenario.juror)}
        rows.append(
            ScenarioResult(
                key=scenario.key,
                label=label,
                juror_id=scenario.juror,
                awarded=tuple(names[i] for i in scenario.awarded_ids),
                differs=scenario.differs,
                gained=tuple(names[i] for i in scenario.gained),
                lost=tuple(names[i] for i in scenario.lost),
                unscored=tuple(names[i] for i in scenario.unscored),
            )
        )
    return tuple(rows)


def results_of(edition):
    """The results of ``edition``'s final selection (see ``Results``), read in a constant
    number of queries whatever the number of candidates and jurors: criteria, candidates
    (with municipality and lead partner), jurors, conflicts, the scores of submitted sheets
    (one join) and the decision with its titles.

    Scores of a juror who declared a conflict for a candidate do not count; means are over
    the jurors who scored. Never raises for bad scores: a ValueError of the computations
    (a value outside its criterion's scale, say) becomes ``problem``. Reads only."""
    criteria = tuple(Criterion.objects.filter(edition=edition, stage=STAGE))
    applications = list(
        stage_candidates(edition, STAGE)
        .select_related("municipality", "partnership__lead")
        .order_by("municipality__official_name", "pk")
    )
    by_id = {a.pk: a for a in applications}
    jury = RoleAssignment.objects.filter(
        role=RoleAssignment.Role.JURY, edition=edition, user__is_active=True
    )
    submitted = ScoreSheet.objects.filter(
        application__edition=edition, stage=STAGE, submitted_at__isnull=False
    )
    people = list(
        get_user_model()
        .objects.filter(Q(pk__in=jury.values("user_id")) | Q(pk__in=submitted.values("user_id")))
        .annotate(on_jury=Exists(jury.filter(user=OuterRef("pk"))))
        .order_by("-on_jury", "pk")
        .only("pk", "name", "email")
    )
    conflicts = set(
        ConflictOfInterest.objects.filter(edition=edition, stage=STAGE).values_list(
            "user_id", "application_id"
        )
    )
    scores = {
        (user_id, application_id, code): value
        for user_id, application_id, code, value in Score.objects.filter(
            sheet__application__edition=edition,
            sheet__stage=STAGE,
            sheet__submitted_at__isnull=False,
            criterion__edition=edition,
            criterion__stage=STAGE,
        ).values_list("sheet__user_id", "sheet__application_id", "criterion__code", "value")
        if application_id in by_id and (user_id, application_id) not in conflicts
    }
    decision = (
        Decision.objects.filter(edition=edition)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("awards", queryset=Award.objects.select_related("application__municipality"))
        )
        .first()
    )
    awards = tuple(decision.awards.all()) if decision else ()

    names = {a.pk: a.municipality.official_name for a in applications}
    countries_of = {a.pk: candidate_country(a) for a in applications}
    jurors_on = [p for p in people if p.on_jury]
    expected = {
        a.pk: sum(1 for p in jurors_on if (p.pk, a.pk) not in conflicts) for a in applications
    }
    on_jury = {p.pk for p in jurors_on}
    progress = Progress(
        submitted=len({(j, c) for j, c, _code in scores if j in on_jury}),
        expected=sum(expected.values()),
        jurors=len(jurors_on),
        candidates=len(applications),
        conflicts=sum(1 for p in jurors_on for a in applications if (p.pk, a.pk) in conflicts),
    )

    problem, rule = "", None
    means, normal, normal_means, agreements, proposal, scenarios = {}, {}, {}, {}, None, []
    try:
        rule = edition_rule(edition)
        if scores:
            means = weighted_means(scores, criteria)
            normal = normalised(scores, criteria)
            normal_means = weighted_means(normal, criteria)
            agreements = agreement(scores, criteria)
            proposal = award_proposal(
                [
                    Candidate(cid, names[cid], countries_of[cid], found.mean)
                    for cid, found in means.items()
                ],
                rule,
            )
            meta = [
                {"id": a.pk, "name": names[a.pk], "country": countries_of[a.pk]}
                for a in applications
            ]
            scenarios = what_if(scores, criteria, meta, rule)
    except ValueError as error:
        problem = str(error)
        means, normal, normal_means, agreements, proposal, scenarios = {}, {}, {}, {}, None, []

    # candidates in ranking order: the proposal's ranking, then the unscored by name
    ordered = [c.id for c in proposal.ranking] if proposal else []
    ranked = set(ordered)
    ordered += [a.pk for a in applications if a.pk not in ranked]
    ranks = _ranks([(cid, means[cid].mean if cid in means else None) for cid in ordered])
    flags = _flags(proposal)
    candidates = tuple(
        CandidateResult(
            application=by_id[cid],
            name=names[cid],
            country=countries_of[cid],
            raw=means[cid].mean if cid in means else None,
            normalised=normal_means[cid].mean if cid in normal_means else None,
            jurors=means[cid].jurors if cid in means else 0,
            expected=expected[cid],
            per_criterion=tuple(
                means[cid].per_criterion.get(c.code) if cid in means else None for c in criteria
            ),
            rank=ranks.get(cid),
            flags=frozenset(flags.get(cid, ())),
        )
        for cid in ordered
    )

    jurors = _juror_rows(people, ordered, scores, normal, conflicts, criteria)
    scenario_rows = _scenario_rows(scenarios, jurors, names)
    return Results(
        edition=edition,
        rule=rule,
        criteria=criteria,
        candidates=candidates,
        jurors=jurors,
        agreement=tuple(AgreementRow(c, agreements.get(c.code)) for c in criteria),
        proposal=proposal,
        scenarios=scenario_rows,
        progress=progress,
        decision=decision,
        awards=awards,
        problem=problem,
    )


# The decision


def _country_name(code):
    return countries.name(code) or code


def _snapshot(results, differs):
    """What the scores proposed, as plain data for ``Decision.proposal``."""

    def item(candidate):
        return {
            "id": candidate.id,
            "name": candidate.name,
            "country": candidate.country,
            "score": round(candidate.score, 4),
        }

    proposal = results.proposal
    return {
        "awarded": [item(c) for c in proposal.awarded] if proposal else [],
        "extra_candidates": [item(c) for c in proposal.extra_candidates] if proposal else [],
        "skipped_for_country": [item(s.candidate) for s in proposal.skipped_for_country]
        if proposal
        else [],
        "close_calls": [
            {"a": call.a.id, "b": call.b.id, "gap": round(call.gap, 4), "tie": call.tie}
            for call in (proposal.close_calls if proposal else ())
        ],
        "ranking": [item(c) for c in proposal.ranking] if proposal else [],
        "complete": results.progress.complete,
        "differs": differs,
        "problem": results.problem,
    }


def _decision_problems(edition, results, awarded, extra, citations, rationale):
    """Every reason to refuse the decision, as translated sentences (empty: it may be
    recorded); and whether it departs from the scores' proposal."""
    problems = []
    candidates = {c.id: c for c in results.candidates}
    chosen = [*awarded, *([extra] if extra is not None else [])]
    if any(cid not in candidates for cid in chosen):
        problems.append(_("Only final candidates of this edition can receive a title."))
        return problems, True
    if not awarded:
        problems.append(_("Choose at least one candidate for a title."))
    if len(awarded) > edition.titles:
        problems.append(
            ngettext(
                "This edition awards at most %(count)s title (the extra title apart).",
                "This edition awards at most %(count)s titles (the extra title apart).",
                edition.titles,
            )
            % {"count": edition.titles}
        )
    per_country = defaultdict(int)
    for cid in awarded:
        per_country[candidates[cid].country] += 1
    limit = edition.max_per_country
    if limit is not None:
        for country, count in sorted(per_country.items()):
            if count > limit:
                problems.append(
                    ngettext(
                        "%(country)s would receive %(count)s titles; the edition allows at most "
                        "%(limit)s title per country.",
                        "%(country)s would receive %(count)s titles; the edition allows at most "
                        "%(limit)s titles per country.",
                        limit,
                    )
                    % {"country": _country_name(country), "count": count, "limit": limit}
                )
    if extra is not None:
        name = candidates[extra].name
        if not edition.extra_title:
            problems.append(_("This edition has no extra title."))
        elif extra in awarded:
            problems.append(
                _("%(name)s cannot receive both a title and the extra title.") % {"name": name}
            )
        elif (
            edition.extra_title_country_rule
            and limit is not None
            and per_country[candidates[extra].country] >= limit
        ):
            problems.append(
                _(
                    "The country limit applies to the extra title too: %(country)s already has "
                    "as many titles as the edition allows."
                )
                % {"country": _country_name(candidates[extra].country)}
            )
    for cid in chosen:
        if not (citations.get(cid) or "").strip():
            problems.append(
                _("Write the citation for %(name)s: it says why the title is given.")
                % {"name": candidates[cid].name}
            )
    proposal = results.proposal
    differs = (
        proposal is None
        or set(awarded) != {c.id for c in proposal.awarded}
        or (extra is not None and extra not in {c.id for c in proposal.extra_candidates})
    )
    if not rationale:
        if differs:
            problems.append(
                _(
                    "The decision departs from what the scores propose: explain why in the "
                    "rationale."
                )
            )
        else:
            problems.append(_("Write the rationale of the decision."))
    return problems, differs


def _same_decision(decision, revision, awarded, extra, citations, rationale):
    """Whether ``decision`` is what the form read at the revision just before it asks for:
    the same titles, extra title, citations and rationale."""
    if decision is None or revision != decision.revision - 1:
        return False
    awards = list(decision.awards.all())
    return (
        decision.rationale == rationale
        and [a.application_id for a in awards if not a.extra] == awarded
        and next((a.application_id for a in awards if a.extra), None) == extra
        and {a.application_id: a.citation for a in awards}
        == {cid: citations.get(cid, "") for cid in [*awarded, *([extra] if extra else [])]}
    )


def decision_record(*, edition, awarded_ids, extra_id, citations, rationale, revision, actor):
    """Record the jury's decision on ``edition``: the applications ``awarded_ids`` receive the
    titles, ``extra_id`` (or None) the optional extra title; ``citations`` maps application
    ids to their citation; ``rationale`` explains the decision; ``revision`` is the decision's
    revision the form was read at (0: none yet).

    Validates everything before writing: final candidates of the edition only, at most
    ``edition.titles`` titles, the country limit on the titles (and on the extra title when
    the edition says so), the extra title only where the edition has one and not to a title
    holder, a citation per title and a rationale (which must say why when the decision departs
    from the scores' proposal). Raises ValidationError with every reason, changing nothing,
    also outside the jury phase, once the decision is published, or when the decision was
    recorded meanwhile by someone else (``revision`` stale). Replaces the titles of an earlier
    record, keeps a snapshot of the proposal in ``Decision.proposal`` and raises the revision.
    The same form sent twice (its revision one behind, everything else equal) records once:
    the second returns the decision unchanged. Returns the decision. Audited as
    ``decision.record``."""
    try:
        awarded = list(dict.fromkeys(int(pk) for pk in awarded_ids))
        extra = int(extra_id) if extra_id not in (None, "") else None
        citations = {int(pk): (text or "").strip() for pk, text in (citations or {}).items()}
        revision = int(revision)
    except (TypeError, ValueError):
        raise ValidationError(
            _("The form could not be read. Reload the page and record the decision again."),
            code="invalid",
        ) from None
    rationale = (rationale or "").strip()
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        decision = Decision.objects.select_for_update().filter(edition=locked).first()
        if decision is not None and decision.published_at is not None:
            raise ValidationError(
                _("The decision is published and can no longer be changed."), code="published"
            )
        if locked.phase != Phase.JURY:
            raise ValidationError(
                _("The decision can be recorded only during the jury phase."), code="closed"
            )
        if revision != (decision.revision if decision is not None else 0):
            if _same_decision(decision, revision, awarded, extra, citations, rationale):
                return decision  # the same form sent twice (a double click, a retry)
            raise ValidationError(
                _(
                    "Someone else recorded the decision meanwhile. Read it below, then record "
                    "yours again if it should change."
                ),
                code="stale",
            )
        results = results_of(locked)
        problems, differs = _decision_problems(
            locked, results, awarded, extra, citations, rationale
        )
        if problems:
            raise ValidationError(problems, code="invalid")
        created = decision is None
        if created:
            decision = Decision(edition=locked, revision=0)
        decision.rationale = rationale
        decision.proposal = _snapshot(results, differs)
        decision.revision += 1
        decision.recorded_by = actor if getattr(actor, "pk", None) else None
        decision.save()
        decision.awards.all().delete()
        Award.objects.bulk_create(
            [
                Award(
                    decision=decision,
                    application_id=cid,
                    extra=False,
                    citation=citations[cid],
                    position=position,
                )
                for position, cid in enumerate(awarded)
            ]
            + (
                [
                    Award(
                        decision=decision,
                        application_id=extra,
                        extra=True,
                        citation=citations[extra],
                        position=len(awarded),
                    )
                ]
                if extra is not None
                else []
            )
        )
        audit_record(
            action="decision.record",
            actor=actor,
            obj=decision,
            changed=["rationale", "awards"] if not created else [],
            details={
                "awarded": awarded,
                "extra": extra,
                "revision": decision.revision,
                "differs": differs,
                "complete": results.progress.complete,
            },
        )
    return decision


def _results_send(edition, decision):
    """E-mail and notify every member of every final candidate's team, in their language."""
    awards = {award.application_id: award for award in decision.awards.all()}
    candidates = list(stage_candidates(edition, STAGE).select_related("municipality"))
    by_town = {a.municipality_id: a for a in candidates}
    members = Membership.objects.filter(
        municipality__in=list(by_town), user__is_active=True
    ).select_related("user")
    for membership in members:
        user = membership.user
        application = by_town[membership.municipality_id]
        award = awards.get(application.pk)
        name, edition_name = application.municipality.official_name, edition.name
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            path = reverse("competition:pearls-year", kwargs={"year": edition.title_year})
        mail_send(
            to=user.email,
            template="results_published",
            context={
                "municipality": application.municipality,
                "edition": edition,
                "awarded": award is not None,
                "extra": bool(award and award.extra),
                "url": settings.PEARLS_SITE_URL.rstrip("/") + path,
            },
            language=language,
        )

        def text(awarded=award is not None, name=name, edition_name=edition_name):
            if awarded:
                return _("%(name)s is awarded the title of %(edition)s.") % {
                    "name": name,
                    "edition": edition_name,
                }
            return _("The results of %(edition)s are published.") % {"edition": edition_name}

        notification_send(user=user, text=text, url=path)


def decision_publish(*, edition, actor, now=None):
    """Publish the recorded decision of ``edition``: the edition moves to its results phase
    (through ``services.edition_phase_move``, so its guards apply: the jury's deadline must
    have passed) and the decision gets its publication time, in one transaction; then every
    member of every final candidate's team gets an e-mail in their language (after the commit)
    and a notification, awarded or not, with the link to the public results.

    Idempotent: a published decision is returned unchanged and nothing is sent again. Raises
    ValidationError (nothing changed) when no decision is recorded, the edition is not at the
    end of its jury phase, or a phase guard refuses. Returns the decision. Audited as
    ``decision.publish`` (and ``edition.phase``)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        decision = Decision.objects.select_for_update().filter(edition=locked).first()
        if decision is None:
            raise ValidationError(_("Record the jury's decision first."), code="no_decision")
        if decision.published_at is not None:
            return decision
        # a title whose application left the final (withdrawn, say) must not go public
        finalists = set(stage_candidates(locked, STAGE).values_list("pk", flat=True))
        gone = [
            award.application.municipality.official_name
            for award in decision.awards.select_related("application__municipality")
            if award.application_id not in finalists
        ]
        if gone:
            raise ValidationError(
                [
                    _(
                        "%(name)s is no longer a final candidate (its application was withdrawn "
                        "or its plan reopened). Record the decision again without it, then "
                        "publish."
                    )
                    % {"name": name}
                    for name in gone
                ],
                code="not_candidate",
            )
        order = services.ORDER
        if locked.phase == Phase.JURY:
            locked = services.edition_phase_move(
                edition=locked, target=Phase.RESULTS, actor=actor, now=now
            )
        elif order.index(locked.phase) < order.index(Phase.RESULTS):
            raise ValidationError(
                _("The decision can be published only at the end of the jury phase."),
                code="closed",
            )
        decision.published_at = now
        decision.save(update_fields=["published_at", "updated_at"])
        audit_record(
            action="decision.publish",
            actor=actor,
            obj=decision,
            changed=["published_at"],
            details={"awards": [award.application_id for award in decision.awards.all()]},
        )
        _results_send(locked, decision)
    return decision
