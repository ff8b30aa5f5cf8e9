"""The jury's final selection: blind scoring with written justifications, conflicts, the phase
rule, and the daily reminders to late jurors."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pearls.accounts.models import RoleAssignment
from pearls.competition import access
from pearls.competition import jury as jury_services
from pearls.competition import preselection as services
from pearls.competition.models import (
    Application,
    ConflictOfInterest,
    Criterion,
    Edition,
    Milestone,
    Score,
    ScoreSheet,
)
from pearls.competition.services import edition_create
from pearls.core.models import AuditEntry
from pearls.plans.models import Plan
from tests.people import give_role, make_municipality, make_user

pytestmark = pytest.mark.django_db
STAGE = Criterion.Stage.FINAL


@pytest.fixture
def edition():
    edition = edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.JURY)
    Milestone.objects.create(
        edition=edition,
        kind=Milestone.Kind.JURY_DEADLINE,
        local_date=datetime.date(2027, 3, 15),
        local_time=datetime.time(17, 0),
    )
    return Edition.objects.get(pk=edition.pk)


@pytest.fixture
def criteria(edition):
    return list(edition.criteria.filter(stage=STAGE))


def _candidate(edition, slug, *, plan_state=Plan.State.SUBMITTED, status=None):
    town = make_municipality(slug, "PL")
    application = Application.objects.create(
        edition=edition,
        municipality=town,
        status=status or Application.Status.SHORTLISTED,
        answers={"motivation": f"Why {slug}."},
    )
    Plan.objects.create(municipality=town, edition=edition, title=f"Plan {slug}", state=plan_state)
    return application


@pytest.fixture
def candidate(edition):
    return _candidate(edition, "gniew")


def _juror(edition, email, name):
    user = make_user(email, name=name, mfa=True)
    give_role(user, RoleAssignment.Role.JURY, edition=edition)
    return user


@pytest.fixture
def anna(edition):
    return _juror(edition, "anna@example.org", "Anna")


@pytest.fixture
def ben(edition):
    return _juror(edition, "ben@example.org", "Ben")


def _all(criteria, value=7, comment="Convincing plan."):
    return {c.code: (value, comment) for c in criteria}


def _submit(candidate, user, criteria, value=7, comment="Convincing plan."):
    services.score_save(
        application=candidate,
        user=user,
        values=_all(criteria, value, comment),
        actor=user,
        stage=STAGE,
    )
    return services.sheet_submit(application=candidate, user=user, stage=STAGE)


def _page(candidate):
    return reverse("competition:jury-candidate", kwargs={"year": 2027, "pk": candidate.pk})


def _form(criteria, value=8, comment="Strong partnerships.", action="save"):
    data = {"action": action}
    for criterion in criteria:
        data[f"score-{criterion.code}"] = value
        data[f"comment-{criterion.code}"] = comment
    return data


# Access


def test_candidates_are_shortlisted_with_a_submitted_plan(edition, candidate, anna):
    draft_plan = _candidate(edition, "cesis", plan_state=Plan.State.DRAFT)
    not_shortlisted = _candidate(edition, "tukums", status=Application.Status.NOT_SHORTLISTED)
    assert list(services.stage_candidates(edition, STAGE)) == [candidate]
    assert access.candidate_for_juror(anna, 2027, candidate.pk) == candidate
    for other in (draft_plan, not_shortlisted):
        with pytest.raises(Exception) as refused:
            access.candidate_for_juror(anna, 2027, other.pk)
        assert refused.typename == "Http404"


def test_only_jurors_of_the_edition_read_candidates(client, edition, candidate):
    outsider = make_user("committee@example.org", mfa=True)
    give_role(outsider, RoleAssignment.Role.COMMITTEE, edition=edition)
    assert not access.is_juror(outsider, edition)
    client.force_login(outsider)
    assert client.get(_page(candidate)).status_code == 404


def test_the_candidate_page_links_the_plan_pdf_and_shows_answers(client, candidate, anna):
    client.force_login(anna)
    html = client.get(_page(candidate)).content.decode()
    plan_url = reverse("competition:jury-plan", kwargs={"year": 2027, "pk": candidate.pk})
    assert plan_url in html
    assert "Why gniew." in html
    response = client.get(plan_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_conflict_gives_404_and_hides_the_candidate(client, candidate, anna, criteria):
    services.score_save(
        application=candidate, user=anna, values=_all(criteria), actor=anna, stage=STAGE
    )
    client.force_login(anna)
    url = reverse("competition:jury-conflict", kwargs={"year": 2027, "pk": candidate.pk})
    assert client.post(url, {"reason": "I advised the town."}).status_code == 302
    conflict = ConflictOfInterest.objects.get()
    assert conflict.stage == STAGE
    assert not ScoreSheet.objects.exists()  # the draft is removed
    assert client.get(_page(candidate)).status_code == 404
    plan_url = reverse("competition:jury-plan", kwargs={"year": 2027, "pk": candidate.pk})
    assert client.get(plan_url).status_code == 404
    listing = client.get(reverse("competition:jury", kwargs={"year": 2027})).content.decode()
    assert _page(candidate) not in listing
    with pytest.raises(ValidationError):
        services.score_save(
            application=candidate, user=anna, values=_all(criteria), actor=anna, stage=STAGE
        )


def test_a_pre_selection_conflict_does_not_hide_the_candidate(candidate, anna):
    ConflictOfInterest.objects.create(
        edition=candidate.edition,
        user=anna,
        application=candidate,
        stage=Criterion.Stage.PRE_SELECTION,
    )
    assert access.candidate_for_juror(anna, 2027, candidate.pk) == candidate


# Blind scoring


def test_other_scores_stay_hidden_until_the_juror_submits(client, candidate, anna, ben, criteria):
    _submit(candidate, ben, criteria, 9, "Ben's reasoning about the plan.")
    services.score_save(
        application=candidate, user=anna, values=_all(criteria, 5), actor=anna, stage=STAGE
    )
    client.force_login(anna)
    html = client.get(_page(candidate)).content.decode()
    assert "Ben's reasoning" not in html
    assert services.peer_sheets(application=candidate, user=anna) == []
    response = client.post(_page(candidate), _form(criteria, 6, "Anna's view.", action="submit"))
    assert response.status_code == 302
    html = client.get(_page(candidate)).content.decode()
    assert "Ben&#x27;s reasoning about the plan." in html
    assert "The other jurors" in html
    assert [s.user for s in services.peer_sheets(application=candidate, user=anna)] == [ben]


def test_drafts_of_others_are_never_shown(client, candidate, anna, ben, criteria):
    services.score_save(
        application=candidate,
        user=ben,
        values=_all(criteria, 3, "Ben's draft."),
        actor=ben,
        stage=STAGE,
    )
    _submit(candidate, anna, criteria)
    client.force_login(anna)
    html = client.get(_page(candidate)).content.decode()
    assert "draft." not in html
    assert "No other juror has submitted" in html


# Justification, range, submitted sheets, phase


def test_every_score_needs_a_justification(client, candidate, anna, criteria):
    client.force_login(anna)
    response = client.post(_page(candidate), _form(criteria, 7, "   "))
    assert response.status_code == 400
    assert "Explain your score" in response.content.decode()
    assert not Score.objects.exists()


@pytest.mark.parametrize("value", [0, 11, "7.5", "seven"])
def test_out_of_range_scores_are_refused_and_change_nothing(
    client, candidate, anna, criteria, value
):
    client.force_login(anna)
    client.post(_page(candidate), _form(criteria, 4))
    response = client.post(_page(candidate), _form(criteria, value))
    assert response.status_code == 400
    assert "must be a whole number from 1 to 10" in response.content.decode()
    assert set(Score.objects.values_list("value", flat=True)) == {4}


def test_a_submitted_sheet_cannot_be_edited(client, candidate, anna, criteria):
    _submit(candidate, anna, criteria, 7)
    client.force_login(anna)
    response = client.post(_page(candidate), _form(criteria, 2))
    assert response.status_code == 400
    assert "can no longer be changed" in response.content.decode()
    assert set(Score.objects.values_list("value", flat=True)) == {7}


@pytest.mark.parametrize("phase", [Edition.Phase.DEVELOPMENT, Edition.Phase.TITLE_YEAR])
def test_scoring_outside_the_jury_phase_is_refused(
    client, edition, candidate, anna, criteria, phase
):
    Edition.objects.filter(pk=edition.pk).update(phase=phase)
    client.force_login(anna)
    assert 'name="action"' not in client.get(_page(candidate)).content.decode()
    response = client.post(_page(candidate), _form(criteria))
    assert response.status_code == 400
    assert "The jury&#x27;s scoring round is closed." in response.content.decode()
    assert not Score.objects.exists()
    with pytest.raises(ValidationError):
        services.sheet_submit(application=candidate, user=anna, stage=STAGE)


def test_two_jurors_saving_at_once_keep_both(candidate, anna, ben, criteria):
    # Both open the form, then both save: each writes only their own sheet.
    first, second = Client(), Client()
    first.force_login(anna)
    second.force_login(ben)
    assert first.get(_page(candidate)).status_code == 200
    assert second.get(_page(candidate)).status_code == 200
    assert first.post(_page(candidate), _form(criteria, 4, "Anna.")).status_code == 302
    assert second.post(_page(candidate), _form(criteria, 9, "Ben.")).status_code == 302
    values = {
        (s.sheet.user_id, s.value, s.comment)
        for s in Score.objects.select_related("sheet").filter(sheet__stage=STAGE)
    }
    assert values == {(anna.pk, 4, "Anna."), (ben.pk, 9, "Ben.")}
    assert ScoreSheet.objects.filter(stage=STAGE).count() == 2


def test_the_list_shows_progress(client, edition, candidate, anna, criteria):
    _candidate(edition, "cesis")
    _submit(candidate, anna, criteria)
    client.force_login(anna)
    html = client.get(reverse("competition:jury", kwargs={"year": 2027})).content.decode()
    assert "You submitted your scores for 1 of 2 candidates." in html


# Reminders


@pytest.fixture
def late(edition, candidate, anna, ben, criteria):
    """Anna has one candidate left; Ben submitted everything; Carl declared a conflict."""
    _submit(candidate, ben, criteria)
    carl = _juror(edition, "carl@example.org", "Carl")
    services.conflict_declare(application=candidate, user=carl, reason="", stage=STAGE)
    return anna


def _remind(*args):
    from io import StringIO

    out = StringIO()
    call_command("jury_remind", *args, stdout=out)
    return out.getvalue()


def test_reminders_go_once_a_day_to_late_jurors_only(
    late, edition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = _remind()
    assert [message.to for message in mailoutbox] == [["anna@example.org"]]
    body = mailoutbox[0].body
    assert "1 candidate" in body
    assert "15 March 2027, 17:00" in body and "Europe/Warsaw" in body
    assert "Reminded anna@example.org" in output and "Reminded 1 juror(s)" in output
    assert AuditEntry.objects.filter(action="jury.remind").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        output = _remind()
    assert len(mailoutbox) == 1
    assert "Skipped anna@example.org: already reminded today." in output


def test_a_reminder_goes_again_the_next_day(late, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _remind()
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        sent, skipped = jury_services.jury_reminders_send(now=tomorrow)
    assert [reminder.user for reminder in sent] == [late] and skipped == []
    assert len(mailoutbox) == 2


def test_dry_run_sends_nothing(late, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = _remind("--dry-run")
    assert mailoutbox == []
    assert not AuditEntry.objects.filter(action="jury.remind").exists()
    assert "Would remind anna@example.org" in output and "Dry run: nothing sent." in output


def test_no_reminders_outside_the_jury_phase(late, edition, mailoutbox):
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.DEVELOPMENT)
    assert jury_services.jury_reminders_send() == ([], [])
    with pytest.raises(CommandError):
        _remind("--year", "2027")
    with pytest.raises(CommandError):
        _remind("--year", "1999")
    assert mailoutbox == []


def test_pending_counts_skip_conflicts_and_submitted(late, edition, ben):
    carl = RoleAssignment.objects.get(user__email="carl@example.org").user
    assert jury_services.jury_pending_count(edition=edition, user=late) == 1
    assert jury_services.jury_pending_count(edition=edition, user=ben) == 0
    assert jury_services.jury_pending_count(edition=edition, user=carl) == 0
