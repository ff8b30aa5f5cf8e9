import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pearls.accounts.models import RoleAssignment
from pearls.competition import services
from pearls.competition.models import Criterion, Edition, Milestone
from pearls.core.models import AuditEntry
from tests.people import give_role, make_user

pytestmark = pytest.mark.django_db
K = Milestone.Kind
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


@pytest.fixture
def edition():
    edition = services.edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    Milestone.objects.create(
        edition=edition, kind=K.APPLICATION_DEADLINE, local_date=datetime.date(2026, 9, 8)
    )
    Milestone.objects.create(
        edition=edition, kind=K.PLAN_DEADLINE, local_date=datetime.date(2024, 2, 29)
    )
    return edition


def test_new_edition_has_the_published_criteria(edition):
    stages = list(edition.criteria.values_list("stage", flat=True))
    assert stages.count(Criterion.Stage.PRE_SELECTION) == 4
    assert stages.count(Criterion.Stage.FINAL) == 3
    with pytest.raises(ValidationError):
        services.edition_create(title_year=2027, name="Again", actor=None)


def test_deadline_is_local_time_in_the_editions_zone(edition):
    moment = edition.deadline(K.APPLICATION_DEADLINE)
    assert moment == datetime.datetime(2026, 9, 8, 23, 59, tzinfo=WARSAW)
    assert moment.utcoffset() == datetime.timedelta(hours=2)  # summer time in Warsaw


def test_copy_moves_the_calendar_and_keeps_the_rules(edition):
    edition.titles, edition.max_per_country, edition.tie_threshold = 4, 2, 0.5
    edition.save()
    Criterion.objects.filter(edition=edition, code="capacity").update(weight=2)
    copy = services.edition_copy(
        source=edition, title_year=2028, name="Cultural Pearls 2028", actor=None
    )
    assert (copy.titles, copy.max_per_country, float(copy.tie_threshold)) == (4, 2, 0.5)
    assert copy.criteria.get(code="capacity").weight == 2
    dates = dict(copy.milestones.values_list("kind", "local_date"))
    assert dates[K.APPLICATION_DEADLINE] == datetime.date(2027, 9, 8)
    assert dates[K.PLAN_DEADLINE] == datetime.date(2025, 2, 28)  # no 29 February in 2025
    assert AuditEntry.objects.filter(action="edition.copy").exists()


def test_phase_moves_are_guarded_one_step_at_a_time(edition):
    before = datetime.datetime(2026, 9, 8, 23, 0, tzinfo=WARSAW)
    after = datetime.datetime(2026, 9, 9, 0, 0, tzinfo=WARSAW)
    assert services.phase_blockers(edition, Edition.Phase.PRE_SELECTION) == [
        "An edition moves one phase at a time."
    ]
    services.edition_phase_move(edition=edition, target=Edition.Phase.CALL, actor=None)
    edition.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.edition_phase_move(
            edition=edition, target=Edition.Phase.PRE_SELECTION, actor=None, now=before
        )
    assert "has not passed" in refused.value.messages[0]
    edition.refresh_from_db()
    assert edition.phase == Edition.Phase.CALL
    services.edition_phase_move(
        edition=edition, target=Edition.Phase.PRE_SELECTION, actor=None, now=after
    )
    edition.refresh_from_db()
    assert edition.phase == Edition.Phase.PRE_SELECTION
    # a step back is allowed (mistakes happen) and audited
    services.edition_phase_move(edition=edition, target=Edition.Phase.CALL, actor=None)
    assert AuditEntry.objects.filter(action="edition.phase").count() == 3


def test_no_final_selection_while_plans_are_open(edition):
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.DEVELOPMENT)
    edition.refresh_from_db()
    Milestone.objects.filter(edition=edition, kind=K.PLAN_DEADLINE).update(
        local_date=datetime.date(2026, 10, 31)
    )
    blockers = services.phase_blockers(
        edition, Edition.Phase.JURY, now=datetime.datetime(2026, 10, 31, 12, tzinfo=WARSAW)
    )
    assert blockers == ["Plans are still open: the plan deadline has not passed yet."]


def test_secretariat_edits_rules_calendar_and_criteria(client, edition):
    secretary = make_user(mfa=True)
    give_role(secretary, RoleAssignment.Role.SECRETARIAT)
    client.force_login(secretary)
    url = reverse("competition:edition", args=[2027])
    page = client.get(url)
    assert page.status_code == 200 and b"Set the pre-selection criteria" not in page.content
    response = client.post(
        url,
        {
            "part": "settings",
            "name": "BSR Cultural Pearls 2027",
            "time_zone": "Europe/Warsaw",
            "titles": 3,
            "max_per_country": 1,
            "extra_title": "on",
            "tie_threshold": "0.30",
            "seed_money_max": 5000,
        },
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.name == "BSR Cultural Pearls 2027" and float(edition.tie_threshold) == 0.3
    bad = client.post(
        url,
        {
            "part": "settings",
            "name": "x",
            "time_zone": "Mars/Olympus",
            "titles": 0,
            "tie_threshold": "-1",
            "seed_money_max": 5000,
        },
    )
    assert bad.status_code == 400 and b"not a known time zone" in bad.content
    edition.refresh_from_db()
    assert edition.time_zone == "Europe/Warsaw"
    new = client.post(
        reverse("competition:edition-new"),
        {"source": edition.pk, "title_year": 2028, "name": "Cultural Pearls 2028"},
    )
    assert new["Location"] == reverse("competition:edition", args=[2028])


def _criteria_post(edition, **changes):
    data = {
        "part": "criteria",
        "criteria-TOTAL_FORMS": 0,
        "criteria-INITIAL_FORMS": 0,
        "criteria-MIN_NUM_FORMS": 0,
        "criteria-MAX_NUM_FORMS": 1000,
    }
    for index, criterion in enumerate(edition.criteria.all()):
        row = {
            "id": criterion.pk,
            "edition": edition.pk,
            "stage": criterion.stage,
            "code": criterion.code,
            "label": criterion.label,
            "guidance": criterion.guidance,
            "weight": criterion.weight,
            "scale_min": criterion.scale_min,
            "scale_max": criterion.scale_max,
        }
        row.update(changes.get(criterion.code, {}))
        data.update({f"criteria-{index}-{key}": value for key, value in row.items()})
        data["criteria-TOTAL_FORMS"] = data["criteria-INITIAL_FORMS"] = index + 1
    return data


def test_a_scored_criterion_keeps_its_scores_meaning(client, edition):
    from pearls.competition.models import Application, Score, ScoreSheet
    from tests.people import make_municipality

    secretary = make_user(mfa=True)
    give_role(secretary, RoleAssignment.Role.SECRETARIAT)
    client.force_login(secretary)
    criterion = edition.criteria.filter(stage=Criterion.Stage.PRE_SELECTION).first()
    application = Application.objects.create(edition=edition, municipality=make_municipality())
    sheet = ScoreSheet.objects.create(
        application=application, user=secretary, stage="pre_selection"
    )
    Score.objects.create(sheet=sheet, criterion=criterion, value=9, comment="Strong.")
    url = reverse("competition:edition", args=[2027])
    code = criterion.code

    narrower = client.post(url, _criteria_post(edition, **{code: {"scale_max": 5}}))
    assert narrower.status_code == 400 and "its scale must keep them" in narrower.text
    moved = client.post(url, _criteria_post(edition, **{code: {"stage": "final"}}))
    assert moved.status_code == 400 and "its stage cannot change" in moved.text
    removed = client.post(url, _criteria_post(edition, **{code: {"DELETE": "on"}}))
    assert removed.status_code == 400 and "cannot be removed" in removed.text
    criterion.refresh_from_db()
    assert (criterion.stage, criterion.scale_max, criterion.scores.count()) == (
        "pre_selection",
        10,
        1,
    )

    wider = client.post(url, _criteria_post(edition, **{code: {"scale_max": 20}}))
    assert wider.status_code == 302
    criterion.refresh_from_db()
    assert criterion.scale_max == 20


def test_the_secretariat_names_a_juror_of_the_edition_as_chair(client, edition):
    secretary = make_user(mfa=True)
    give_role(secretary, RoleAssignment.Role.SECRETARIAT)
    juror = make_user("juror@example.org", name="Johanna", mfa=True)
    give_role(juror, RoleAssignment.Role.JURY, edition=edition)
    outsider = make_user("outsider@example.org", name="Olaf", mfa=True)
    client.force_login(secretary)
    url = reverse("competition:edition", args=[2027])
    settings = {
        "part": "settings",
        "name": "Cultural Pearls 2027",
        "time_zone": "Europe/Warsaw",
        "titles": 3,
        "max_per_country": 1,
        "tie_threshold": "0.25",
        "seed_money_max": 5000,
    }
    page = client.get(url)
    assert "Johanna &lt;juror@example.org&gt;" in page.text and "Olaf" not in page.text
    refused = client.post(url, {**settings, "jury_chair": outsider.pk})
    assert refused.status_code == 400
    edition.refresh_from_db()
    assert edition.jury_chair is None
    assert client.post(url, {**settings, "jury_chair": juror.pk}).status_code == 302
    edition.refresh_from_db()
    assert edition.jury_chair == juror
    copy = services.edition_copy(source=edition, title_year=2028, name="Copy", actor=secretary)
    assert copy.jury_chair is None
