import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from pearls.accounts.models import Membership, RoleAssignment
from pearls.competition import access
from pearls.competition import preselection as services
from pearls.competition.models import (
    Application,
    ConflictOfInterest,
    Criterion,
    Edition,
    Score,
    ScoreSheet,
)
from pearls.competition.services import edition_create
from pearls.core.models import AuditEntry, Notification
from tests.people import give_role, join, make_municipality, make_user

pytestmark = pytest.mark.django_db
STAGE = Criterion.Stage.PRE_SELECTION


@pytest.fixture
def edition():
    edition = edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.PRE_SELECTION)
    return Edition.objects.get(pk=edition.pk)


@pytest.fixture
def criteria(edition):
    return list(edition.criteria.filter(stage=STAGE))


def _submitted(edition, slug, country="PL", coordinator_language="en"):
    town = make_municipality(slug, country, official_name=slug.capitalize())
    coordinator = make_user(f"{slug}@example.org", language=coordinator_language)
    join(coordinator, town, Membership.Role.COORDINATOR)
    return Application.objects.create(
        edition=edition,
        municipality=town,
        status=Application.Status.SUBMITTED,
        eligibility={"eligible": True, "reasons": [], "unknown": []},
    )


@pytest.fixture
def application(edition):
    return _submitted(edition, "gniew")


def _member(edition, email):
    user = make_user(email, mfa=True)
    give_role(user, RoleAssignment.Role.COMMITTEE, edition=edition)
    return user


@pytest.fixture
def anna(edition):
    return _member(edition, "anna@example.org")


@pytest.fixture
def ben(edition):
    return _member(edition, "ben@example.org")


def _all(criteria, value=7, comment="Convincing."):
    return {c.code: (value, comment) for c in criteria}


def test_score_save_keeps_values_and_comments(application, anna, criteria):
    sheet = services.score_save(
        application=application, user=anna, values=_all(criteria, 8), actor=anna
    )
    assert {s.criterion.code: (s.value, s.comment) for s in sheet.scores.all()} == {
        c.code: (8, "Convincing.") for c in criteria
    }
    assert sheet.submitted_at is None
    entry = AuditEntry.objects.get(action="score.save")
    assert "Convincing." not in str(entry.details)


@pytest.mark.parametrize("value", [0, 11, "7.5", "seven", True])
def test_score_outside_the_scale_is_refused_and_changes_nothing(application, anna, criteria, value):
    first = criteria[0]
    services.score_save(
        application=application, user=anna, values={first.code: (5, "Fine.")}, actor=anna
    )
    with pytest.raises(ValidationError) as refused:
        services.score_save(
            application=application,
            user=anna,
            values={**_all(criteria), first.code: (value, "Fine.")},
            actor=anna,
        )
    assert "whole number from 1 to 10" in refused.value.message_dict[first.code][0]
    assert list(Score.objects.values_list("value", flat=True)) == [5]


def test_a_score_without_a_comment_is_refused(application, anna, criteria):
    with pytest.raises(ValidationError) as refused:
        services.score_save(
            application=application,
            user=anna,
            values={criteria[0].code: (6, "  ")},
            actor=anna,
        )
    assert "comment" in refused.value.message_dict[criteria[0].code][0]
    assert not Score.objects.exists()


def test_two_scorers_keep_their_own_rows(application, anna, ben, criteria):
    services.score_save(application=application, user=anna, values=_all(criteria, 4), actor=anna)
    services.score_save(application=application, user=ben, values=_all(criteria, 9), actor=ben)
    services.score_save(
        application=application, user=anna, values={criteria[0].code: (5, "Better.")}, actor=anna
    )
    values = {
        (s.sheet.user_id, s.criterion.code): s.value
        for s in Score.objects.select_related("sheet", "criterion")
    }
    assert values[(ben.pk, criteria[0].code)] == 9
    assert values[(anna.pk, criteria[0].code)] == 5
    assert values[(anna.pk, criteria[1].code)] == 4
    assert ScoreSheet.objects.count() == 2


def test_clearing_a_criterion_removes_its_score(application, anna, criteria):
    services.score_save(application=application, user=anna, values=_all(criteria), actor=anna)
    services.score_save(
        application=application, user=anna, values={criteria[0].code: ("", "")}, actor=anna
    )
    assert Score.objects.count() == len(criteria) - 1


def test_submit_needs_every_criterion_with_a_comment(application, anna, criteria):
    services.score_save(
        application=application, user=anna, values={criteria[0].code: (6, "Good.")}, actor=anna
    )
    with pytest.raises(ValidationError) as refused:
        services.sheet_submit(application=application, user=anna)
    assert len(refused.value.messages) == len(criteria) - 1
    assert ScoreSheet.objects.get().submitted_at is None


def test_a_submitted_sheet_never_changes(application, anna, criteria):
    services.score_save(application=application, user=anna, values=_all(criteria, 6), actor=anna)
    sheet = services.sheet_submit(application=application, user=anna)
    assert services.sheet_submit(application=application, user=anna).submitted_at == (
        sheet.submitted_at
    )
    with pytest.raises(ValidationError, match="submitted"):
        services.score_save(
            application=application, user=anna, values=_all(criteria, 9), actor=anna
        )
    assert set(Score.objects.values_list("value", flat=True)) == {6}


def test_scoring_is_refused_once_the_round_is_closed(edition, application, anna, criteria):
    services.score_save(application=application, user=anna, values=_all(criteria, 6), actor=anna)
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.DEVELOPMENT)
    with pytest.raises(ValidationError, match="The pre-selection round is closed."):
        services.score_save(
            application=application, user=anna, values=_all(criteria, 9), actor=anna
        )
    with pytest.raises(ValidationError, match="The pre-selection round is closed."):
        services.sheet_submit(application=application, user=anna)
    assert set(Score.objects.values_list("value", flat=True)) == {6}


def test_someone_off_the_committee_cannot_score(edition, application, criteria):
    outsider = make_user("out@example.org", mfa=True)
    give_role(outsider, RoleAssignment.Role.JURY, edition=edition)
    with pytest.raises(ValidationError):
        services.score_save(
            application=application, user=outsider, values=_all(criteria), actor=outsider
        )
    assert not ScoreSheet.objects.exists()


def test_a_conflict_hides_the_application_and_removes_the_draft(application, anna, ben, criteria):
    services.score_save(application=application, user=anna, values=_all(criteria), actor=anna)
    services.conflict_declare(
        application=application, user=anna, reason="My sister is the mayor.", stage=STAGE
    )
    assert not ScoreSheet.objects.filter(user=anna).exists()
    with pytest.raises(Http404):
        access.application_for_scorer(anna, 2027, application.pk)
    assert access.application_for_scorer(ben, 2027, application.pk) == application
    with pytest.raises(ValidationError, match="conflict of interest"):
        services.score_save(application=application, user=anna, values=_all(criteria), actor=anna)
    rows, conflicts = services.scorer_rows(edition=application.edition, user=anna)
    assert rows == [] and [c.application for c in conflicts] == [application]
    entry = AuditEntry.objects.get(action="conflict.declare")
    assert "sister" not in str(entry.details)
    # declaring again keeps the first declaration
    services.conflict_declare(application=application, user=anna, reason="", stage=STAGE)
    assert ConflictOfInterest.objects.get().reason == "My sister is the mayor."


def test_a_conflict_after_submitting_is_refused(application, anna, criteria):
    services.score_save(application=application, user=anna, values=_all(criteria), actor=anna)
    services.sheet_submit(application=application, user=anna)
    with pytest.raises(ValidationError, match="secretariat"):
        services.conflict_declare(application=application, user=anna, reason="", stage=STAGE)
    assert not ConflictOfInterest.objects.exists()


def test_scorer_access(edition, application, anna):
    draft = Application.objects.create(
        edition=edition, municipality=make_municipality("draft", "LV")
    )
    with pytest.raises(Http404):
        access.application_for_scorer(anna, 2027, draft.pk)
    with pytest.raises(Http404):
        access.application_for_scorer(anna, 2026, application.pk)
    no_mfa = make_user("nomfa@example.org")
    give_role(no_mfa, RoleAssignment.Role.COMMITTEE, edition=edition)
    with pytest.raises(Http404):
        access.application_for_scorer(no_mfa, 2027, application.pk)
    assert access.can_preselect(anna, edition)
    edition.phase = Edition.Phase.DEVELOPMENT
    assert not access.can_preselect(anna, edition)


def test_progress_counts_criteria_scored(application, anna, criteria):
    services.score_save(
        application=application, user=anna, values={criteria[0].code: (6, "Good.")}, actor=anna
    )
    rows, conflicts = services.scorer_rows(edition=application.edition, user=anna)
    assert [(row.scored, row.total, row.submitted) for row in rows] == [(1, len(criteria), False)]
    assert conflicts == []


def test_ranking_counts_submitted_sheets_with_weights(edition, anna, ben, criteria):
    gniew = _submitted(edition, "gniew")
    cesis = _submitted(edition, "cesis", "LV")
    Criterion.objects.filter(pk=criteria[0].pk).update(weight=3)
    first, others = criteria[0].code, [c.code for c in criteria[1:]]
    # anna: gniew 10 on the heavy criterion and 4 elsewhere → (30 + 4 * 3) / 6 = 7
    values = {first: (10, "Strong."), **{code: (4, "Weak.") for code in others}}
    services.score_save(application=gniew, user=anna, values=values, actor=anna)
    services.sheet_submit(application=gniew, user=anna)
    # ben: gniew all 5, submitted → gniew's mean (7 + 5) / 2 = 6
    services.score_save(application=gniew, user=ben, values=_all(criteria, 5), actor=ben)
    services.sheet_submit(application=gniew, user=ben)
    # anna: cesis all 8, submitted; ben's draft of cesis (all 1) does not count
    services.score_save(application=cesis, user=anna, values=_all(criteria, 8), actor=anna)
    services.sheet_submit(application=cesis, user=anna)
    services.score_save(application=cesis, user=ben, values=_all(criteria, 1), actor=ben)

    rows = services.preselection_ranking(edition)

    assert [(r.application, r.rank, r.scorers, r.drafts) for r in rows] == [
        (cesis, 1, 1, 1),
        (gniew, 2, 2, 0),
    ]
    assert rows[0].mean == pytest.approx(8)
    assert rows[1].mean == pytest.approx(6)
    assert dict((c.code, m) for c, m in rows[1].per_criterion)[first] == pytest.approx(7.5)
    assert rows[1].eligibility.state == "eligible"


def test_ranking_lists_unscored_applications_last(edition, application):
    rows = services.preselection_ranking(edition)
    assert [(r.application, r.mean, r.rank) for r in rows] == [(application, None, None)]


def test_shortlist_sets_every_decision_and_mails_once(
    edition, django_capture_on_commit_callbacks, mailoutbox
):
    gniew = _submitted(edition, "gniew", coordinator_language="pl")
    cesis = _submitted(edition, "cesis", "LV")
    secretary = make_user("sec@example.org", mfa=True)
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.shortlist_record(
            edition=edition, shortlisted_ids=[gniew.pk], actor=secretary
        )
    assert changed == 2
    gniew.refresh_from_db()
    cesis.refresh_from_db()
    assert gniew.status == Application.Status.SHORTLISTED
    assert cesis.status == Application.Status.NOT_SHORTLISTED
    assert sorted(m.to[0] for m in mailoutbox) == ["cesis@example.org", "gniew@example.org"]
    to_cesis = next(m for m in mailoutbox if m.to == ["cesis@example.org"])
    assert "not on the shortlist" in to_cesis.body
    to_gniew = next(m for m in mailoutbox if m.to == ["gniew@example.org"])
    assert "/pl/" in to_gniew.body
    assert Notification.objects.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        again = services.shortlist_record(
            edition=edition, shortlisted_ids=[gniew.pk], actor=secretary
        )
    assert again == 0
    assert len(mailoutbox) == 2
    assert AuditEntry.objects.filter(action="edition.shortlist").count() == 1


def test_shortlist_is_refused_outside_pre_selection(edition, application):
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.DEVELOPMENT)
    with pytest.raises(ValidationError, match="only during the pre-selection"):
        services.shortlist_record(edition=edition, shortlisted_ids=[application.pk], actor=None)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_shortlist_refuses_an_application_not_submitted(edition, application):
    draft = Application.objects.create(
        edition=edition, municipality=make_municipality("draft", "LV")
    )
    with pytest.raises(ValidationError):
        services.shortlist_record(edition=edition, shortlisted_ids=[draft.pk], actor=None)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
