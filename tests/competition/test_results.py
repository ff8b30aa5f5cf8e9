"""Results of the final selection through the database: the selector (means over the jurors who
scored, normalisation, the proposal's ties, country limit and extra title, what-if), the
recorded decision and its publication. The pure functions have their own tests
(test_normalise.py, test_awards.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pearls.accounts.models import Membership, Partnership, RoleAssignment
from pearls.competition import results as services
from pearls.competition.models import (
    Application,
    Award,
    ConflictOfInterest,
    Criterion,
    Decision,
    Edition,
    Milestone,
    Score,
    ScoreSheet,
)
from pearls.competition.services import edition_create, phase_blockers
from pearls.core.models import AuditEntry, Notification
from pearls.plans.models import Plan
from tests.people import give_role, join, make_municipality, make_user

pytestmark = pytest.mark.django_db
STAGE = Criterion.Stage.FINAL


def rules(edition, **values):
    """Set the edition's award rule (and return the edition read again)."""
    Edition.objects.filter(pk=edition.pk).update(**values)
    return Edition.objects.get(pk=edition.pk)


def make_candidate(edition, name, country="PL", *, partnership=None):
    town = make_municipality(name.lower(), country, official_name=name)
    application = Application.objects.create(
        edition=edition,
        municipality=town,
        partnership=partnership,
        status=Application.Status.SHORTLISTED,
    )
    Plan.objects.create(
        municipality=town, edition=edition, title=f"Plan of {name}", state=Plan.State.SUBMITTED
    )
    return application


def make_juror(edition, name):
    user = make_user(f"{name.lower()}@example.org", name=name, mfa=True)
    give_role(user, RoleAssignment.Role.JURY, edition=edition)
    return user


def sheet(application, juror, values, *, submitted=True):
    """A juror's final sheet for ``application``: ``values`` is one value for every criterion
    or {code: value}."""
    criteria = list(application.edition.criteria.filter(stage=STAGE))
    if not isinstance(values, dict):
        values = {c.code: values for c in criteria}
    made = ScoreSheet.objects.create(
        application=application,
        user=juror,
        stage=STAGE,
        submitted_at=timezone.now() if submitted else None,
    )
    Score.objects.bulk_create(
        Score(sheet=made, criterion=c, value=values[c.code], comment="Because.")
        for c in criteria
        if c.code in values
    )
    return made


def conflict(application, juror):
    return ConflictOfInterest.objects.create(
        edition=application.edition, user=juror, application=application, stage=STAGE
    )


@pytest.fixture
def edition():
    edition = edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    Milestone.objects.create(
        edition=edition,
        kind=Milestone.Kind.JURY_DEADLINE,
        local_date=(timezone.now() - datetime.timedelta(days=2)).date(),
    )
    return rules(edition, phase=Edition.Phase.JURY)


@pytest.fixture
def jurors(edition):
    return [make_juror(edition, name) for name in ("Anna", "Ben", "Cleo")]


@pytest.fixture
def secretary():
    user = make_user("sec@example.org", name="Sec", mfa=True)
    give_role(user, RoleAssignment.Role.SECRETARIAT)
    return user


def by_name(results):
    return {c.name: c for c in results.candidates}


# The selector


def test_no_scores_gives_an_empty_but_valid_result(edition, jurors):
    make_candidate(edition, "Gniew")
    results = services.results_of(edition)
    assert not results.has_scores and results.proposal is None and results.problem == ""
    assert results.scenarios == ()
    assert results.progress.expected == 3 and results.progress.submitted == 0
    assert [c.raw for c in results.candidates] == [None]


def test_only_submitted_sheets_count(edition, jurors):
    gniew = make_candidate(edition, "Gniew")
    anna, ben, _cleo = jurors
    sheet(gniew, anna, 8)
    sheet(gniew, ben, 2, submitted=False)
    candidate = services.results_of(edition).candidates[0]
    assert candidate.raw == 8 and candidate.jurors == 1


def test_a_conflicted_juror_is_left_out_of_the_mean(edition, jurors):
    gniew, cesis = make_candidate(edition, "Gniew"), make_candidate(edition, "Cesis", "LV")
    anna, ben, cleo = jurors
    sheet(gniew, anna, 8)
    sheet(gniew, ben, 6)
    conflict(gniew, cleo)
    for juror in jurors:
        sheet(cesis, juror, 5)
    results = services.results_of(edition)
    found = by_name(results)["Gniew"]
    assert found.raw == pytest.approx(7.0)
    assert (found.jurors, found.expected) == (2, 2)
    assert results.progress.expected == 5 and results.progress.submitted == 5
    assert results.progress.complete and results.progress.conflicts == 1
    cleo_row = next(j for j in results.jurors if j.name == "Cleo")
    states = {cell.candidate_id: cell.state for cell in cleo_row.cells}
    assert states == {gniew.pk: "conflict", cesis.pk: "scored"}
    assert (cleo_row.submitted, cleo_row.expected) == (1, 1)


def test_a_score_behind_a_later_conflict_does_not_count(edition, jurors):
    gniew = make_candidate(edition, "Gniew")
    anna, ben, _cleo = jurors
    sheet(gniew, anna, 8)
    sheet(gniew, ben, 2)
    conflict(gniew, ben)  # recorded by the secretariat after the sheet was in
    assert services.results_of(edition).candidates[0].raw == 8


def test_a_constant_juror_is_normalised_to_the_jury_mean(edition, jurors):
    gniew, cesis = make_candidate(edition, "Gniew"), make_candidate(edition, "Cesis", "LV")
    anna, ben, cleo = jurors
    sheet(gniew, anna, 8)
    sheet(cesis, anna, 6)
    sheet(gniew, ben, 9)
    sheet(cesis, ben, 5)
    sheet(gniew, cleo, 5)
    sheet(cesis, cleo, 5)
    results = services.results_of(edition)
    cleo_row = next(j for j in results.jurors if j.name == "Cleo")
    assert [cell.raw for cell in cleo_row.cells] == [5, 5]
    pooled = (8 + 6 + 9 + 5 + 5 + 5) / 6
    assert [cell.normalised for cell in cleo_row.cells] == pytest.approx([pooled, pooled])
    # the lenient and the strict juror end up with the same preference, on the scale
    gniew_normalised = by_name(results)["Gniew"].normalised
    assert gniew_normalised > by_name(results)["Cesis"].normalised


def test_jurors_are_labelled_in_a_stable_order(edition, jurors):
    results = services.results_of(edition)
    assert [(j.label, j.name) for j in results.jurors] == [
        ("Juror 1", "Anna"),
        ("Juror 2", "Ben"),
        ("Juror 3", "Cleo"),
    ]


def test_the_country_limit_passes_a_candidate_over(edition, jurors):
    edition = rules(edition, titles=2, max_per_country=1, extra_title=False)
    for name, country, value in (("Gniew", "PL", 9), ("Pelplin", "PL", 8), ("Cesis", "LV", 7)):
        application = make_candidate(edition, name, country)
        for juror in jurors:
            sheet(application, juror, value)
    results = services.results_of(edition)
    assert [c.name for c in results.proposal.awarded] == ["Gniew", "Cesis"]
    assert "country_limit" in by_name(results)["Pelplin"].flags
    assert [c.name for c in results.candidates] == ["Gniew", "Pelplin", "Cesis"]


def test_a_joint_application_counts_for_its_lead_partner(edition, jurors):
    edition = rules(edition, titles=2, max_per_country=1, extra_title=False)
    lead = make_municipality("tukums", "LV", official_name="Tukums")
    joint = Partnership.objects.create(name="Gauja towns", lead=lead)
    for name, country, value, partnership in (
        ("Pelplin", "PL", 9, joint),
        ("Cesis", "LV", 8, None),
        ("Gniew", "PL", 7, None),
    ):
        application = make_candidate(edition, name, country, partnership=partnership)
        for juror in jurors:
            sheet(application, juror, value)
    results = services.results_of(edition)
    assert by_name(results)["Pelplin"].country == "LV"
    assert [c.name for c in results.proposal.awarded] == ["Pelplin", "Gniew"]
    assert "country_limit" in by_name(results)["Cesis"].flags


def test_a_tie_at_the_cut_is_flagged_not_broken(edition, jurors):
    edition = rules(edition, titles=1, extra_title=False, max_per_country=None)
    for name in ("Gniew", "Cesis"):
        application = make_candidate(edition, name)
        for juror in jurors:
            sheet(application, juror, 7)
    results = services.results_of(edition)
    assert results.proposal.tie_at_cut
    assert all("tie" in c.flags for c in results.candidates)
    assert [c.rank for c in results.candidates] == [1, 1]


def test_the_extra_title_is_offered_with_its_best_candidates(edition, jurors):
    edition = rules(edition, titles=1, extra_title=True, tie_threshold="0.25")
    lower = {"holistic": 7, "participation": 7, "capacity": 6}
    for name, country, values in (
        ("Gniew", "PL", (9, 9, 9)),
        ("Cesis", "LV", (7, 7, 7)),
        ("Sigulda", "EE", (7, 7, lower)),
        ("Tukums", "LT", (4, 4, 4)),
    ):
        application = make_candidate(edition, name, country)
        for juror, value in zip(jurors, values, strict=True):
            sheet(application, juror, value)
    results = services.results_of(edition)
    assert [c.name for c in results.proposal.awarded] == ["Gniew"]
    # Sigulda is 1/9 of a point behind Cesis: within the threshold, offered too
    assert [c.name for c in results.proposal.extra_candidates] == ["Cesis", "Sigulda"]
    assert "extra_candidate" in by_name(results)["Sigulda"].flags
    assert "extra_candidate" not in by_name(results)["Tukums"].flags


def _swing(edition, jurors):
    """Anna alone carries Gniew: without her, or normalised, Cesis wins the one title."""
    edition = rules(edition, titles=1, extra_title=False, max_per_country=None)
    gniew, cesis = make_candidate(edition, "Gniew"), make_candidate(edition, "Cesis", "LV")
    anna, ben, cleo = jurors
    sheet(gniew, anna, 9)
    sheet(cesis, anna, 5)
    for juror in (ben, cleo):
        sheet(gniew, juror, 6)
        sheet(cesis, juror, 7)
    return edition


def test_what_if_shows_when_the_outcome_changes(edition, jurors):
    edition = _swing(edition, jurors)
    results = services.results_of(edition)
    assert [c.name for c in results.proposal.awarded] == ["Gniew"]
    scenarios = {s.key: s for s in results.scenarios}
    assert not scenarios["raw"].differs
    assert scenarios["normalised"].differs
    without_anna = scenarios[f"without:{jurors[0].pk}"]
    assert without_anna.label == "Without Juror 1 (Anna)"
    assert without_anna.differs
    assert (without_anna.gained, without_anna.lost) == (("Cesis",), ("Gniew",))
    assert not scenarios[f"without:{jurors[1].pk}"].differs


def test_a_score_outside_the_scale_is_reported_not_raised(edition, jurors):
    gniew = make_candidate(edition, "Gniew")
    made = sheet(gniew, jurors[0], 7)
    Score.objects.filter(sheet=made).update(value=42)
    results = services.results_of(edition)
    assert "outside the scale" in results.problem
    assert results.proposal is None and results.candidates[0].raw is None


# Recording the decision


@pytest.fixture
def three(edition, jurors):
    """Titles 2, one per country, the extra title: Gniew (PL) 9, Pelplin (PL) 8, Cesis (LV) 7,
    Sigulda (EE) 5. The proposal: Gniew and Cesis; Pelplin passed over; the extra title offered
    to Pelplin."""
    edition = rules(edition, titles=2, max_per_country=1, extra_title=True)
    made = {}
    for name, country, value in (
        ("Gniew", "PL", 9),
        ("Pelplin", "PL", 8),
        ("Cesis", "LV", 7),
        ("Sigulda", "EE", 5),
    ):
        made[name] = make_candidate(edition, name, country)
        for juror in jurors:
            sheet(made[name], juror, value)
    return edition, made


def record(edition, made, actor, *, awarded=("Gniew", "Cesis"), extra=None, **overrides):
    chosen = [*awarded, *([extra] if extra else [])]
    arguments = {
        "edition": edition,
        "awarded_ids": [made[name].pk for name in awarded],
        "extra_id": made[extra].pk if extra else None,
        "citations": {made[name].pk: f"{name} builds bridges." for name in chosen},
        "rationale": "The jury followed the scores.",
        "revision": 0,
        "actor": actor,
    }
    arguments.update(overrides)
    return services.decision_record(**arguments)


def test_the_decision_is_recorded_with_its_titles_and_the_proposal(three, secretary):
    edition, made = three
    decision = record(edition, made, secretary, extra="Pelplin")
    assert decision.revision == 1 and decision.recorded_by == secretary
    awards = list(decision.awards.all())
    assert [(a.application.municipality.official_name, a.extra) for a in awards] == [
        ("Gniew", False),
        ("Cesis", False),
        ("Pelplin", True),
    ]
    assert awards[0].citation == "Gniew builds bridges."
    snapshot = decision.proposal
    assert [item["name"] for item in snapshot["awarded"]] == ["Gniew", "Cesis"]
    assert snapshot["awarded"][0]["score"] == 9
    assert snapshot["differs"] is False
    entry = AuditEntry.objects.get(action="decision.record")
    assert entry.details["extra"] == made["Pelplin"].pk


def test_recording_again_replaces_the_titles(three, secretary):
    edition, made = three
    record(edition, made, secretary)
    decision = record(
        edition,
        made,
        secretary,
        awarded=("Pelplin", "Cesis"),
        rationale="Pelplin's plan reaches every generation; the jury preferred it.",
        revision=1,
    )
    assert decision.revision == 2
    assert set(
        Award.objects.values_list("application__municipality__official_name", flat=True)
    ) == {
        "Pelplin",
        "Cesis",
    }
    assert decision.proposal["differs"] is True


def _state():
    return (
        list(Decision.objects.values_list("revision", "rationale", "published_at")),
        sorted(Award.objects.values_list("application_id", "extra", "citation")),
        AuditEntry.objects.filter(action="decision.record").count(),
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"awarded": ("Gniew", "Cesis", "Sigulda")}, "at most 2 titles"),
        ({"awarded": ("Gniew", "Pelplin")}, "Poland would receive 2 titles"),
        ({"awarded": ()}, "at least one candidate"),
        ({"extra": "Gniew"}, "both a title and the extra title"),
        ({"rationale": "  "}, "Write the rationale"),
        ({"awarded": ("Gniew", "Sigulda"), "rationale": ""}, "departs from what the scores"),
        ({"citations": {}}, "Write the citation for Gniew"),
        ({"revision": 3}, "Someone else recorded the decision meanwhile"),
        ({"awarded_ids": ["not a number"]}, "could not be read"),
    ],
)
def test_a_refused_decision_changes_nothing(three, secretary, overrides, message):
    edition, made = three
    record(edition, made, secretary)
    before = _state()
    overrides.setdefault("revision", 1)
    with pytest.raises(ValidationError) as refused:
        record(edition, made, secretary, **overrides)
    assert any(message in text for text in refused.value.messages), refused.value.messages
    assert _state() == before


def test_only_final_candidates_receive_titles(three, secretary):
    edition, made = three
    not_shortlisted = make_candidate(edition, "Tukums", "LT")
    Application.objects.filter(pk=not_shortlisted.pk).update(
        status=Application.Status.NOT_SHORTLISTED
    )
    with pytest.raises(ValidationError, match="Only final candidates"):
        services.decision_record(
            edition=edition,
            awarded_ids=[not_shortlisted.pk],
            extra_id=None,
            citations={not_shortlisted.pk: "Nice."},
            rationale="Because.",
            revision=0,
            actor=secretary,
        )
    assert not Decision.objects.exists()


def test_the_extra_title_only_where_the_edition_has_one(three, secretary):
    edition, made = three
    edition = rules(edition, extra_title=False)
    with pytest.raises(ValidationError, match="no extra title"):
        record(edition, made, secretary, extra="Pelplin")
    assert not Decision.objects.exists()


def test_the_country_limit_applies_to_the_extra_title_when_the_edition_says_so(three, secretary):
    edition, made = three
    edition = rules(edition, extra_title_country_rule=True)
    with pytest.raises(ValidationError, match="applies to the extra title too"):
        record(edition, made, secretary, extra="Pelplin")
    assert record(edition, made, secretary, extra="Sigulda").awards.count() == 3


def test_recording_is_refused_outside_the_jury_phase(three, secretary):
    edition, made = three
    edition = rules(edition, phase=Edition.Phase.DEVELOPMENT)
    with pytest.raises(ValidationError, match="only during the jury phase"):
        record(edition, made, secretary)
    assert not Decision.objects.exists()


def test_recording_before_every_sheet_is_in_is_allowed(three, secretary):
    edition, made = three
    late = make_juror(edition, "Dora")
    assert not services.results_of(edition).progress.complete
    decision = record(edition, made, secretary)
    assert decision.proposal["complete"] is False
    assert late  # the late juror is expected but does not block


# Publishing


@pytest.fixture
def teams(three):
    """Gniew's coordinator reads English, a member Polish; Cesis's coordinator Latvian; a town
    that is no candidate has a coordinator too."""
    _edition, made = three
    people = {}
    for email, language, name, role in (
        ("gniew-coord@example.org", "en", "Gniew", Membership.Role.COORDINATOR),
        ("gniew-member@example.org", "pl", "Gniew", Membership.Role.MEMBER),
        ("cesis@example.org", "lv", "Cesis", Membership.Role.COORDINATOR),
        ("pelplin@example.org", "en", "Pelplin", Membership.Role.COORDINATOR),
        ("sigulda@example.org", "en", "Sigulda", Membership.Role.COORDINATOR),
    ):
        people[email] = make_user(email, language=language)
        join(people[email], made[name].municipality, role)
    outsider = make_user("outsider@example.org")
    join(outsider, make_municipality("nowhere", "DK"), Membership.Role.COORDINATOR)
    return people


def test_publishing_moves_the_phase_and_tells_every_team_member(
    three, secretary, teams, mailoutbox, django_capture_on_commit_callbacks
):
    edition, made = three
    record(edition, made, secretary)
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.decision_publish(edition=edition, actor=secretary)
    edition.refresh_from_db()
    assert edition.phase == Edition.Phase.RESULTS
    assert decision.published_at is not None
    assert sorted(m.to[0] for m in mailoutbox) == sorted(teams)
    by_address = {m.to[0]: m for m in mailoutbox}
    assert "Gniew is awarded the title" in by_address["gniew-coord@example.org"].subject
    assert "/en/pearls/2027/" in by_address["gniew-coord@example.org"].body
    assert "/pl/pearls/2027/" in by_address["gniew-member@example.org"].body
    assert "/lv/pearls/2027/" in by_address["cesis@example.org"].body
    assert "did not receive a title" in by_address["pelplin@example.org"].body
    assert Notification.objects.filter(user=teams["sigulda@example.org"]).count() == 1
    assert AuditEntry.objects.filter(action="decision.publish").count() == 1

    # publishing twice changes and sends nothing
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = services.decision_publish(edition=edition, actor=secretary)
    assert again.published_at == decision.published_at
    assert mailoutbox == []
    assert AuditEntry.objects.filter(action="decision.publish").count() == 1
    with pytest.raises(ValidationError, match="published and can no longer be changed"):
        record(edition, made, secretary, revision=1)


def test_publishing_is_refused_before_the_jury_deadline(three, secretary, teams, mailoutbox):
    edition, made = three
    Milestone.objects.filter(edition=edition, kind=Milestone.Kind.JURY_DEADLINE).update(
        local_date=(timezone.now() + datetime.timedelta(days=3)).date()
    )
    record(edition, made, secretary)
    with pytest.raises(ValidationError, match="deadline has not passed"):
        services.decision_publish(edition=edition, actor=secretary)
    edition.refresh_from_db()
    assert edition.phase == Edition.Phase.JURY
    assert Decision.objects.get().published_at is None
    assert mailoutbox == [] and not Notification.objects.exists()


def test_publishing_needs_a_recorded_decision(three, secretary):
    edition, _made = three
    with pytest.raises(ValidationError, match="Record the jury's decision first"):
        services.decision_publish(edition=edition, actor=secretary)
    edition.refresh_from_db()
    assert edition.phase == Edition.Phase.JURY


def test_the_results_phase_needs_a_recorded_decision(three, secretary):
    edition, made = three
    assert "Record the jury's decision first." in phase_blockers(edition, Edition.Phase.RESULTS)
    record(edition, made, secretary)
    assert phase_blockers(edition, Edition.Phase.RESULTS) == []


def test_publishing_refuses_a_title_whose_application_left_the_final(three, secretary, teams):
    edition, made = three
    record(edition, made, secretary)
    Application.objects.filter(pk=made["Cesis"].pk).update(status=Application.Status.WITHDRAWN)
    with pytest.raises(ValidationError, match="Cesis is no longer a final candidate"):
        services.decision_publish(edition=edition, actor=secretary)
    edition.refresh_from_db()
    assert edition.phase == Edition.Phase.JURY
    assert Decision.objects.get().published_at is None
    assert not Notification.objects.exists()


def test_a_published_decision_keeps_the_jury_phase_closed(three, secretary):
    edition, made = three
    record(edition, made, secretary)
    services.decision_publish(edition=edition, actor=secretary)
    edition.refresh_from_db()
    assert phase_blockers(edition, Edition.Phase.JURY) == [
        "The decision is published: the jury phase cannot be reopened."
    ]
    # an unpublished results phase may still step back
    Decision.objects.update(published_at=None)
    assert phase_blockers(edition, Edition.Phase.JURY) == []


def test_the_same_decision_sent_twice_is_recorded_once(three, secretary):
    edition, made = three
    first = record(edition, made, secretary)
    again = record(edition, made, secretary)  # a double click: revision 0 again, same form
    assert again.pk == first.pk and again.revision == 1
    assert AuditEntry.objects.filter(action="decision.record").count() == 1
    # a different form on the stale revision is still refused
    with pytest.raises(ValidationError, match="Someone else recorded the decision"):
        record(edition, made, secretary, rationale="Another reason.")
    assert Decision.objects.get().rationale == "The jury followed the scores."
