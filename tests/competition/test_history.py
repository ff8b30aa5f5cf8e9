"""A municipality's record across editions: earlier applications with their outcome and the
feedback its team may read (the committee's comments only once the decision is published,
without names), what changed in its answers since last time, and the committee's and the
jury's pages, which show the changes and the earlier outcome but never the earlier scores."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pearls.accounts.models import Membership, RoleAssignment
from pearls.competition import history
from pearls.competition.models import (
    Application,
    ApplicationFile,
    Award,
    Criterion,
    Decision,
    Edition,
    Question,
    Score,
    ScoreSheet,
)
from pearls.competition.services import edition_create
from pearls.plans.models import Plan
from tests.people import give_role, join, make_municipality, make_user

pytestmark = pytest.mark.django_db
Status = Application.Status


def _edition(year, phase=Edition.Phase.CLOSED):
    edition = edition_create(title_year=year, name=f"Cultural Pearls {year}", actor=None)
    Edition.objects.filter(pk=edition.pk).update(phase=phase)
    return Edition.objects.get(pk=edition.pk)


def _apply(edition, municipality, status=Status.SUBMITTED, **answers):
    return Application.objects.create(
        edition=edition,
        municipality=municipality,
        status=status,
        answers=answers,
        submitted_at=timezone.now() if status != Status.DRAFT else None,
        eligibility={"eligible": True, "reasons": [], "unknown": []},
    )


def _sheet(application, user, stage, comment, value=6):
    sheet = ScoreSheet.objects.create(
        application=application, user=user, stage=stage, submitted_at=timezone.now()
    )
    for criterion in application.edition.criteria.filter(stage=stage):
        Score.objects.create(
            sheet=sheet, criterion=criterion, value=value, comment=f"{comment} ({criterion.code})"
        )
    return sheet


def _publish(edition, published=True):
    return Decision.objects.create(
        edition=edition,
        rationale="The scores and the debate.",
        published_at=timezone.now() if published else None,
    )


@pytest.fixture
def town():
    return make_municipality("gniew", "PL", official_name="Gniew")


@pytest.fixture
def coordinator(town):
    user = make_user("kasia@example.org", name="Kasia")
    join(user, town, Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def scorer():
    return make_user("scorer@example.org", name="Zofia Scorer", mfa=True)


@pytest.fixture
def record(town, scorer):
    """Gniew applied in 2024 (a Pearl: shortlisted, scored by the jury), in 2025 (not
    shortlisted, the committee's comments) and left a draft in 2026; it applies for 2027."""
    e2024, e2025, e2026 = _edition(2024), _edition(2025), _edition(2026)
    pearl = _apply(e2024, town, Status.SHORTLISTED, motivation="Old.")
    _sheet(pearl, scorer, Criterion.Stage.PRE_SELECTION, "Committee 2024")
    _sheet(pearl, scorer, Criterion.Stage.FINAL, "Jury 2024")
    Award.objects.create(decision=_publish(e2024), application=pearl, citation="For the river.")
    refused = _apply(
        e2025,
        town,
        Status.NOT_SHORTLISTED,
        motivation="We want culture.\nOur library is small.",
        town="Gniew on the Vistula.",
        population=6700,
        learning="From the network.",
    )
    _sheet(refused, scorer, Criterion.Stage.PRE_SELECTION, "Too vague")
    _apply(e2026, town, Status.DRAFT, motivation="Never sent.")
    current = _apply(
        _edition(2027, Edition.Phase.PRE_SELECTION),
        town,
        motivation="We want culture for every generation.\nOur library is small.",
        town="Gniew on the Vistula.",
        population=6800,
        assets="A castle and a choir.",
    )
    return {"e2025": e2025, "pearl": pearl, "refused": refused, "current": current}


# Earlier applications


def test_earlier_applications_carry_outcome_letter_and_comments(town, record):
    records = history.earlier_applications(town, record["current"].edition)
    assert [r.year for r in records] == [2025, 2024]  # the 2026 draft was never sent
    refused, pearl = records
    assert (pearl.outcome, pearl.pearl, pearl.letter, pearl.shortlisted) == (
        "pearl",
        True,
        True,
        True,
    )
    assert pearl.outcome_label == "Cultural Pearl"
    assert pearl.comments == []  # the letter is its feedback
    assert refused.outcome == "not_shortlisted" and not refused.letter
    # not published yet: no comments
    assert refused.comments == [] and not refused.published


def test_comments_only_after_publication_and_without_names(town, record):
    decision = _publish(record["e2025"], published=False)
    refused = history.earlier_applications(town, record["current"].edition)[0]
    assert refused.comments == [] and not refused.published
    Decision.objects.filter(pk=decision.pk).update(published_at=timezone.now())
    refused = history.earlier_applications(town, record["current"].edition)[0]
    labels = [label for label, _comments in refused.comments]
    assert labels[0] == "Clear and convincing motivation to become a Pearl"
    assert refused.comments[0][1] == ["Too vague (motivation)"]
    assert "Zofia" not in str(refused.comments)
    # the committee's and the jury's view never carries them
    quiet = history.earlier_applications(town, record["current"].edition, feedback=False)
    assert quiet[0].comments == [] and quiet[0].outcome == "not_shortlisted"


def test_earlier_applications_read_in_two_queries_however_many(town, record, scorer):
    _publish(record["e2025"])
    with CaptureQueriesContext(connection) as few:
        history.earlier_applications(town, record["current"].edition)
    for year in (2020, 2021, 2022):
        edition = _edition(year)
        application = _apply(edition, town, Status.NOT_SHORTLISTED)
        _sheet(application, scorer, Criterion.Stage.PRE_SELECTION, f"Comment {year}")
        _publish(edition)
    with CaptureQueriesContext(connection) as many:
        records = history.earlier_applications(town, record["current"].edition)
    assert len(records) == 5
    assert all(r.comments for r in records if r.outcome == "not_shortlisted")
    assert len(many) == len(few) == 2


def test_a_shortlisted_application_without_title_is_a_finalist(town, scorer):
    edition = _edition(2025)
    application = _apply(edition, town, Status.SHORTLISTED)
    assert history.application_record(application).outcome == "shortlisted"
    _publish(edition)
    found = history.application_record(application)
    assert found.outcome == "finalist" and found.outcome_label == "Shortlisted, no title"
    assert not found.letter  # the jury never scored it (no plan): no letter


# What changed


def test_words_diff_marks_words_and_keeps_context_short():
    before = " ".join(f"w{n}" for n in range(40)) + "\nend"
    after = before.replace("w20", "twenty").replace("w39", "w39 w40")
    segments, added, removed = history.words_diff(before, after)
    assert (added, removed) == (2, 1)
    ops = [op for op, _text in segments]
    assert ops == [" ", "-", "+", " ", "+", " "]
    assert segments[0][1].startswith("… w12 ")  # only the words just before the change
    assert segments[1] == ("-", "w20 ")
    assert segments[2] == ("+", "twenty ")
    assert segments[-2] == ("+", "w40\n")  # the line break survives
    assert segments[-1] == (" ", "end")
    assert history.words_diff("same words", "same words") == ([(" ", "same words")], 0, 0)


def test_answers_changed_by_question_code(town, record):
    edition = record["current"].edition
    # the question asked in 2025 only keeps its old label
    Question.objects.filter(edition=edition, key="learning").delete()
    Question.objects.filter(edition=record["e2025"], key="learning").update(
        label="What did you learn?"
    )
    Question.objects.filter(edition=edition, key="motivation").update(label="Why now?")
    ApplicationFile.objects.create(
        application=record["refused"],
        question="commitment",
        name="letter-2025.pdf",
        size=10,
        file=ContentFile(b"%PDF-", name="a.pdf"),
    )
    ApplicationFile.objects.create(
        application=record["current"],
        question="commitment",
        name="letter-2027.pdf",
        size=10,
        file=ContentFile(b"%PDF-", name="b.pdf"),
    )
    with CaptureQueriesContext(connection) as queries:
        found = history.answers_changed(record["current"])
    assert len(queries) <= 4
    assert found.year == 2025 and found.since == record["refused"]
    states = {change.key: change.state for change in found.changes}
    assert states == {
        "motivation": "changed",
        "town": "unchanged",
        "assets": "new",
        "population": "changed",
        "commitment": "changed",
        "learning": "removed",
    }
    changes = {change.key: change for change in found.changes}
    assert changes["motivation"].label == "Why now?"  # as asked now
    assert changes["motivation"].segments[1:3] == [
        ("-", "culture.\n"),
        ("+", "culture for every generation.\n"),
    ]
    assert changes["motivation"].added == 4 and changes["motivation"].removed == 1
    assert changes["population"].segments == [("-", "6700 "), ("+", "6800")]
    assert changes["commitment"].before == "letter-2025.pdf"
    assert changes["learning"].label == "What did you learn?"
    assert changes["learning"].before == "From the network."
    assert [c.key for c in found.changes][-1] == "learning"  # asked last time only: last
    assert (found.changed, found.new, found.removed, found.unchanged) == (3, 1, 1, 1)


def test_no_comparison_for_a_first_application(town):
    application = _apply(_edition(2027), town)
    assert history.answers_changed(application) is None
    assert history.earlier_applications(town, application.edition) == []


# Pages


def test_the_team_sees_its_earlier_applications_and_feedback_after_publication(
    client, town, coordinator, record
):
    client.force_login(coordinator)
    url = reverse("competition:application", kwargs={"slug": "gniew", "year": 2027})
    html = client.get(url).content.decode()
    assert "Your earlier applications" in html
    assert "Cultural Pearls 2025" in html and "Not shortlisted" in html
    assert "The feedback is shared once the results of 2025 are published." in html
    assert "Too vague" not in html
    letter = reverse("competition:feedback-letter", kwargs={"slug": "gniew", "year": 2024})
    certificate = reverse("competition:certificate", kwargs={"slug": "gniew", "year": 2024})
    assert letter in html and certificate in html
    assert "Never sent." not in html and "Cultural Pearls 2026" not in html
    _publish(record["e2025"])
    html = client.get(url).content.decode()
    assert "Too vague (motivation)" in html
    assert "Comments of the selection committee" in html
    assert "Zofia" not in html


def test_the_secretariat_sees_the_record_too(client, town, record):
    secretary = make_user("sec@example.org", mfa=True)
    give_role(secretary, RoleAssignment.Role.SECRETARIAT)
    _publish(record["e2025"])
    client.force_login(secretary)
    url = reverse("competition:application", kwargs={"slug": "gniew", "year": 2027})
    html = client.get(url).content.decode()
    assert "Your earlier applications" in html and "Too vague (motivation)" in html


def test_the_committee_page_shows_what_changed_and_no_earlier_scores(client, record, scorer):
    _publish(record["e2025"])
    member = make_user("anna@example.org", name="Anna", mfa=True)
    give_role(member, RoleAssignment.Role.COMMITTEE, edition=record["current"].edition)
    client.force_login(member)
    url = reverse(
        "competition:preselection-application",
        kwargs={"year": 2027, "pk": record["current"].pk},
    )
    html = client.get(url).content.decode()
    assert "What changed since 2025" in html
    assert "Applied before: 2025 (Not shortlisted), 2024 (Cultural Pearl)" in html
    assert "<ins>" in html and "for every generation." in html
    assert "<del>" in html and "6700" in html
    assert "1 new answer" in html and "2 answers changed" in html
    assert "1 answer no longer given" in html
    assert "Unchanged since 2025: Your town and its challenges" in html
    # the earlier committee's and jury's comments and scores stay out
    for hidden in ("Too vague", "Committee 2024", "Jury 2024", "Zofia"):
        assert hidden not in html


def test_the_jury_page_shows_what_changed(client, record):
    current = record["current"]
    Edition.objects.filter(pk=current.edition_id).update(phase=Edition.Phase.JURY)
    Application.objects.filter(pk=current.pk).update(status=Status.SHORTLISTED)
    Plan.objects.create(
        municipality=current.municipality,
        edition=current.edition,
        title="Gniew together",
        state=Plan.State.SUBMITTED,
    )
    juror = make_user("jan@example.org", name="Jan", mfa=True)
    give_role(juror, RoleAssignment.Role.JURY, edition=current.edition)
    client.force_login(juror)
    url = reverse("competition:jury-candidate", kwargs={"year": 2027, "pk": current.pk})
    html = client.get(url).content.decode()
    assert "What changed since 2025" in html
    assert "Applied before: 2025 (Not shortlisted), 2024 (Cultural Pearl)" in html
    assert "Too vague" not in html and "Jury 2024" not in html


def test_a_first_time_applicant_has_no_history_sections(client, coordinator, town):
    _apply(_edition(2027, Edition.Phase.PRE_SELECTION), town)
    member = make_user("anna@example.org", mfa=True)
    application = Application.objects.get()
    give_role(member, RoleAssignment.Role.COMMITTEE, edition=application.edition)
    client.force_login(member)
    url = reverse(
        "competition:preselection-application", kwargs={"year": 2027, "pk": application.pk}
    )
    html = client.get(url).content.decode()
    assert "What changed since" not in html and "Applied before" not in html
    client.force_login(coordinator)
    html = client.get(
        reverse("competition:application", kwargs={"slug": "gniew", "year": 2027})
    ).content.decode()
    assert "Your earlier applications" not in html
