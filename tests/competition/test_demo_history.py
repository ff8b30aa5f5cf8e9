import copy
import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from pearls.accounts import services as account_services
from pearls.accounts.demo import EDITIONS, demo_load, municipality_records
from pearls.accounts.models import RoleAssignment
from pearls.competition import selectors
from pearls.competition.applications import call_blockers
from pearls.competition.demo import edition_call_create
from pearls.competition.demo_history import (
    FACTS_PATH,
    HistoryCounts,
    HistoryError,
    facts_load,
    history_load,
)
from pearls.competition.models import Application, Award, Decision, Edition, Milestone
from tests.people import give_role, make_user

pytestmark = pytest.mark.django_db
Status = Application.Status
Phase = Edition.Phase
Kind = Milestone.Kind
SOURCE_SENTENCE = (
    "From the programme's public announcements, gathered in programme-facts.json; the scores "
    "were not kept on this platform."
)


@pytest.fixture
def towns():
    account_services.municipalities_import(records=municipality_records())


@pytest.fixture
def history(towns):
    return history_load()


def _statuses(year):
    return {
        status: Application.objects.filter(edition__title_year=year, status=status).count()
        for status in Status.values
        if Application.objects.filter(edition__title_year=year, status=status).exists()
    }


def _pearls(year):
    return [
        (award.application.municipality.slug, award.extra, award.citation)
        for award in Award.objects.filter(decision__edition__title_year=year)
        .select_related("application__municipality")
        .order_by("position")
    ]


def _snapshot():
    """Every row the history writes, with its timestamps, to prove a second run writes none."""
    return (
        list(Edition.objects.order_by("title_year").values()),
        list(Milestone.objects.order_by("pk").values()),
        list(Application.objects.order_by("pk").values()),
        list(Decision.objects.order_by("pk").values()),
        list(Award.objects.order_by("pk").values()),
    )


def test_the_facts_file_is_the_shared_one_unchanged():
    facts = facts_load()
    assert [fact["title_year"] for fact in facts["editions"]] == [2024, 2025, 2026]
    shared = FACTS_PATH.parents[4].parent / "shared" / "data" / "programme-facts.json"
    if shared.exists():  # a checkout beside the shared folder: the copy is byte for byte
        assert FACTS_PATH.read_bytes() == shared.read_bytes()


def test_2024_twelve_shortlisted_and_four_pearls_from_four_countries(history):
    assert history == HistoryCounts(editions=3, applications=12 + 16 + 17, awards=4 + 6 + 4)
    edition = Edition.objects.get(title_year=2024)
    assert (edition.name, edition.phase, edition.time_zone) == (
        "Cultural Pearls 2024",
        Phase.CLOSED,
        "Europe/Warsaw",
    )
    assert (edition.titles, edition.max_per_country, edition.extra_title) == (4, 1, False)
    assert _statuses(2024) == {Status.SHORTLISTED: 12}
    assert [slug for slug, _extra, _citation in _pearls(2024)] == [
        "jakobstad",
        "kiel",
        "rujiena",
        "svendborg",
    ]
    assert all(not extra for _slug, extra, _citation in _pearls(2024))
    assert Application.objects.filter(edition=edition, municipality__slug="hiiumaa").exists()
    deadline = datetime.datetime(2023, 9, 8, 23, 59, tzinfo=zoneinfo.ZoneInfo("Europe/Warsaw"))
    assert set(edition.applications.values_list("submitted_at", flat=True)) == {deadline}


def test_citations_are_the_facts_and_none_is_invented(history):
    pearls = _pearls(2024)
    assert pearls[0][2].startswith("an old fire station turned into a low-threshold meeting")
    assert pearls[3] == ("svendborg", False, "")
    assert [citation for _slug, _extra, citation in _pearls(2025)][3:] == ["", "", ""]
    facts = {
        fact["title_year"]: [citation or "" for *_name, citation in fact["pearls"]]
        for fact in facts_load()["editions"]
    }
    for year in (2024, 2025, 2026):
        assert [citation for *_rest, citation in _pearls(year)] == facts[year]


def test_2025_sixteen_shortlisted_six_pearls_and_no_invented_applicants(history):
    edition = Edition.objects.get(title_year=2025)
    assert (edition.phase, edition.titles, edition.max_per_country, edition.extra_title) == (
        Phase.CLOSED,
        6,
        1,
        False,
    )
    # 18 applied, 16 are named: the two others are not invented
    assert _statuses(2025) == {Status.SHORTLISTED: 16}
    assert [slug for slug, *_rest in _pearls(2025)] == [
        "helsingborg",
        "peipsiaare",
        "smiltene",
        "alytus-district",
        "plock",
        "kaskinen",
    ]
    assert set(edition.applications.values_list("submitted_at", flat=True)) == {None}
    assert edition.deadline(Kind.APPLICATION_DEADLINE) is None
    results = datetime.datetime(2024, 12, 11, 12, tzinfo=zoneinfo.ZoneInfo("Europe/Warsaw"))
    assert edition.deadline(Kind.RESULTS) == results
    assert edition.decision.published_at == results
    assert "2 of the applicants are not named in the public record" in edition.decision.rationale


def test_2026_seventeen_applicants_four_pearls_one_of_them_the_extra_title(history):
    edition = Edition.objects.get(title_year=2026)
    assert (edition.phase, edition.time_zone) == (Phase.TITLE_YEAR, "Europe/Brussels")
    assert (edition.titles, edition.max_per_country, edition.extra_title) == (3, 1, True)
    assert edition.extra_title_country_rule is False
    # which 11 were shortlisted is not known: only the Pearls necessarily were
    assert _statuses(2026) == {Status.SHORTLISTED: 4, Status.SUBMITTED: 13}
    assert set(
        edition.applications.filter(status=Status.SHORTLISTED).values_list(
            "municipality__slug", flat=True
        )
    ) == {"glucksburg", "kristinestad", "krosno", "schleswig"}
    pearls = _pearls(2026)
    assert [(slug, extra) for slug, extra, _citation in pearls] == [
        ("glucksburg", False),
        ("kristinestad", False),
        ("krosno", False),
        ("schleswig", True),
    ]
    deadline = datetime.datetime(2025, 4, 4, 23, 59, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    assert edition.deadline(Kind.APPLICATION_DEADLINE) == deadline
    assert set(edition.applications.values_list("submitted_at", flat=True)) == {deadline}
    assert "not recorded in the public sources" in edition.decision.rationale


def test_only_days_that_are_known_become_milestones(history):
    kinds = {
        year: dict(
            Milestone.objects.filter(edition__title_year=year).values_list("kind", "local_date")
        )
        for year in (2024, 2025, 2026)
    }
    assert kinds[2024] == {
        Kind.CALL_OPENS: datetime.date(2023, 8, 10),
        Kind.APPLICATION_DEADLINE: datetime.date(2023, 9, 8),
        Kind.PLAN_DEADLINE: datetime.date(2023, 11, 16),
    }  # results "2023-12": the day is not known
    assert kinds[2025] == {
        Kind.PLAN_DEADLINE: datetime.date(2024, 10, 31),
        Kind.RESULTS: datetime.date(2024, 12, 11),
    }
    assert kinds[2026] == {
        Kind.APPLICATION_DEADLINE: datetime.date(2025, 4, 4),
        Kind.PLAN_DEADLINE: datetime.date(2025, 10, 31),
    }


def test_decisions_are_published_and_name_their_source(history):
    published = {}
    for decision in Decision.objects.select_related("edition"):
        assert decision.published
        assert decision.rationale.startswith(SOURCE_SENTENCE)
        assert decision.recorded_by is None
        published[decision.edition.title_year] = decision.published_at.astimezone(
            decision.edition.zone
        ).date()
    # a results month without its day counts from the month's last day, and says so
    assert published == {
        2024: datetime.date(2023, 12, 31),
        2025: datetime.date(2024, 12, 11),
        2026: datetime.date(2025, 11, 30),
    }
    rationale = Decision.objects.get(edition__title_year=2024).rationale
    assert "announced in December 2023; the day is not recorded" in rationale


def test_imported_applications_are_marked_and_say_so(history, client):
    application = Application.objects.get(edition__title_year=2026, municipality__slug="tampere")
    assert application.answers == {}
    assert application.eligibility == {
        "imported": "programme-facts.json",
        "names_are": "applicants (17); 11 were shortlisted, which ones is not known",
    }
    found = selectors.application_eligibility(application)
    assert (found.state, found.live) == ("eligible", False)
    secretary = make_user(mfa=True)
    give_role(secretary, RoleAssignment.Role.SECRETARIAT)
    client.force_login(secretary)
    html = client.get(reverse("competition:applications", kwargs={"year": 2024})).content.decode()
    assert "Rūjiena" in html and "Svendborg" in html
    assert "Imported from the programme&#x27;s public record" in html


def test_history_is_idempotent(history):
    before = _snapshot()
    assert history_load() == HistoryCounts()
    assert _snapshot() == before


def test_history_completes_editions_made_earlier_without_it(towns):
    Edition.objects.create(title_year=2024, name="Cultural Pearls 2024", titles=3)
    history_load()
    edition = Edition.objects.get(title_year=2024)
    assert (edition.titles, edition.extra_title, edition.phase) == (4, False, Phase.CLOSED)
    assert edition.decision.awards.count() == 4


def test_a_name_without_a_municipality_fails_loudly_and_writes_nothing(towns):
    facts = copy.deepcopy(facts_load())
    facts["editions"][2]["shortlisted_or_applicants"].append(["Atlantis", "PL"])
    with pytest.raises(HistoryError, match="Atlantis"):
        history_load(facts)
    assert not Edition.objects.exists() and not Application.objects.exists()


def test_a_name_of_another_country_fails_loudly(towns):
    facts = copy.deepcopy(facts_load())
    facts["editions"][0]["shortlisted_or_applicants"][0] = ["Cēsis", "EE"]
    with pytest.raises(HistoryError, match="Cēsis"):
        history_load(facts)


def test_pearls_beyond_the_rule_fail_loudly(towns):
    facts = copy.deepcopy(facts_load())
    facts["editions"][1]["pearls"].append(["Słupsk", "PL", None])
    with pytest.raises(HistoryError, match="2025"):
        history_load(facts)
    assert not Award.objects.exists()


def test_the_2027_call_is_open_with_a_future_deadline():
    edition = edition_call_create()
    assert (edition.title_year, edition.name, edition.phase) == (
        2027,
        "Cultural Pearls 2027",
        Phase.CALL,
    )
    deadline = edition.deadline(Kind.APPLICATION_DEADLINE)
    assert deadline > timezone.now()
    local = deadline.astimezone(zoneinfo.ZoneInfo("Europe/Warsaw"))
    assert (local.hour, local.minute) == (23, 59)
    assert call_blockers(edition) == []


def test_an_existing_2027_edition_keeps_its_phase_and_deadline():
    edition = Edition.objects.create(title_year=2027, name="Pearls 2027", phase=Phase.JURY)
    day = datetime.date(2026, 3, 1)
    Milestone.objects.create(edition=edition, kind=Kind.APPLICATION_DEADLINE, local_date=day)
    again = edition_call_create()
    assert again.pk == edition.pk
    assert again.phase == Phase.JURY
    assert again.milestones.get(kind=Kind.APPLICATION_DEADLINE).local_date == day
    assert again.questions.count() == 9


def test_demo_load_has_the_history_and_the_2027_call():
    demo_load()
    phases = dict(Edition.objects.values_list("title_year", "phase"))
    assert phases == {
        2024: Phase.CLOSED,
        2025: Phase.CLOSED,
        2026: Phase.TITLE_YEAR,
        2027: Phase.CALL,
    }
    assert phases == EDITIONS
    assert Award.objects.count() == 14
    assert not Application.objects.filter(edition__title_year=2027).exists()
    for email, role in (
        ("committee@pearls.example", RoleAssignment.Role.COMMITTEE),
        ("jury@pearls.example", RoleAssignment.Role.JURY),
    ):
        assignment = RoleAssignment.objects.get(user__email=email, role=role)
        assert assignment.edition.title_year == 2027
    before = _snapshot()
    demo_load()
    assert _snapshot() == before


def test_an_imported_application_page_shows_its_outcome_not_a_development_phase(client, towns):
    history_load()
    secretary = make_user(mfa=True)
    give_role(secretary, RoleAssignment.Role.SECRETARIAT)
    client.force_login(secretary)
    pearl = client.get(reverse("competition:application", args=["smiltene", 2025]))
    assert pearl.status_code == 200
    assert "Cultural Pearl" in pearl.text and 'id="outcome"' in pearl.text
    assert "Development phase" not in pearl.text and "plan deadline" not in pearl.text
    applicant = client.get(reverse("competition:application", args=["gniew", 2026]))
    assert "Applied, no title" in applicant.text
    assert "The selection committee reads the submitted applications" not in applicant.text
