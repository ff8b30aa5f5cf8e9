"""The results page, the decision form and the publish button through the test client: who
may see and do what, what the page shows for ties, the country limit, the extra title,
conflicts, normalisation and what-if, and a query count that does not grow with the
candidates."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from pearls.accounts.models import Membership, RoleAssignment
from pearls.competition.models import Award, Criterion, Decision, Edition, Score, ScoreSheet
from pearls.core.models import AuditEntry
from tests.competition.test_results import (
    _swing,
    conflict,
    make_candidate,
    make_juror,
    rules,
    sheet,
)
from tests.competition.test_results import edition as edition  # noqa: F401 (fixture)
from tests.competition.test_results import jurors as jurors  # noqa: F401 (fixture)
from tests.competition.test_results import secretary as secretary  # noqa: F401 (fixture)
from tests.competition.test_results import three as three  # noqa: F401 (fixture)
from tests.people import give_role, join, make_user

pytestmark = pytest.mark.django_db
URL = reverse("competition:results", kwargs={"year": 2027})
DECISION = reverse("competition:decision", kwargs={"year": 2027})
PUBLISH = reverse("competition:decision-publish", kwargs={"year": 2027})


def text(response):
    """The page's text without tags, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def chair(edition, jurors):
    Edition.objects.filter(pk=edition.pk).update(jury_chair=jurors[0])
    return jurors[0]


def _form(made, awarded=("Gniew", "Cesis"), extra="", rationale="The jury followed the scores."):
    data = {"awarded": [made[n].pk for n in awarded], "rationale": rationale, "revision": "0"}
    data["extra"] = made[extra].pk if extra else ""
    for name in (*awarded, *([extra] if extra else [])):
        data[f"citation-{made[name].pk}"] = f"{name} builds bridges."
    return data


# Who sees what


def test_others_get_404(client, edition, jurors, chair):
    committee = make_user("committee@example.org", mfa=True)
    give_role(committee, RoleAssignment.Role.COMMITTEE, edition=edition)
    team = make_user("team@example.org")
    join(team, make_candidate(edition, "Gniew").municipality, Membership.Role.COORDINATOR)
    # a jury chair of an edition who is not on its jury (any more) reads nothing either
    for person in (jurors[1], committee, team):
        client.force_login(person)
        assert client.get(URL).status_code == 404
    RoleAssignment.objects.filter(user=chair).delete()
    client.force_login(chair)
    assert client.get(URL).status_code == 404


def test_the_chair_reads_without_the_forms(client, three, jurors, chair):
    edition, made = three
    client.force_login(chair)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "What the scores propose" in html and "Juror 1" in html and "Anna" in html
    assert DECISION not in html and PUBLISH not in html
    assert client.post(DECISION, _form(made)).status_code == 404
    assert client.post(PUBLISH).status_code == 404
    assert not Decision.objects.exists()


def test_the_secretariat_gets_the_prefilled_form(client, three, secretary):
    client.force_login(secretary)
    _edition, made = three
    html = client.get(URL).content.decode()
    assert f'action="{DECISION}"' in html
    # ticked from the proposal: Gniew and Cesis; not Pelplin (passed over for Poland)
    for name, ticked in (("Gniew", True), ("Cesis", True), ("Pelplin", False)):
        pk = made[name].pk
        box = re.search(rf'<input type="checkbox" name="awarded" value="{pk}"[^>]*>', html)
        assert box and ("checked" in box.group(0)) is ticked
    # the extra title is offered to Pelplin, and "no extra title" is the default
    assert re.search(rf'name="extra" value="{made["Pelplin"].pk}" id="extra-\d+">', html)
    assert re.search(r'name="extra" value="" id="extra-none" checked>', html)
    assert f'value="{made["Sigulda"].pk}" id="extra-' not in html


# What the page shows


def test_the_page_without_scores_says_so(client, edition, jurors, secretary):
    make_candidate(edition, "Gniew")
    client.force_login(secretary)
    response = client.get(URL)
    assert response.status_code == 200
    assert "No scores yet" in text(response)
    assert "0 of 3 expected score sheets submitted." in text(response)


def test_a_tie_at_the_cut_is_flagged_on_the_page(client, edition, jurors, secretary):
    edition = rules(edition, titles=1, extra_title=False, max_per_country=None)
    for name in ("Gniew", "Cesis"):
        application = make_candidate(edition, name)
        for juror in jurors:
            sheet(application, juror, 7)
    client.force_login(secretary)
    page = text(client.get(URL))
    assert "Exact tie at the cut:" in page
    assert "Cesis and Gniew have exactly the same score (7.00): the jury must decide" in page
    assert page.count("Exact tie") >= 3  # the notice, the reason and both rows


def test_the_country_limit_is_explained(client, three, secretary):
    client.force_login(secretary)
    page = text(client.get(URL))
    assert "Pelplin is passed over: Poland already has 1 title." in page
    assert "Passed over: country limit" in page
    assert "Pelplin (8.00) is a candidate for the optional extra title" in page


def test_conflicts_and_normalisation_on_the_page(client, edition, jurors, secretary):
    gniew, cesis = make_candidate(edition, "Gniew"), make_candidate(edition, "Cesis", "LV")
    anna, ben, cleo = jurors
    sheet(gniew, anna, 8)
    sheet(cesis, anna, 6)
    sheet(gniew, ben, 9)
    sheet(cesis, ben, 5)
    sheet(cesis, cleo, 5)
    conflict(gniew, cleo)
    client.force_login(secretary)
    response = client.get(URL)
    html = response.content.decode()
    row = re.search(rf'<tr id="rank-{gniew.pk}">.*?</tr>', html, re.S).group(0)
    assert "8.50" in row and "2 of 2" in row  # the mean over the two jurors who scored
    assert "conflict of interest" in text(response)
    # Cleo scored one candidate only: no preference can be read, she gets the jury's mean
    pooled = (8 + 6 + 9 + 5 + 5) / 5
    assert f"5.00 ({pooled:.2f})" in text(response)


def test_what_if_shows_the_changed_outcome(client, edition, jurors, secretary):
    _swing(edition, jurors)
    client.force_login(secretary)
    page = text(client.get(URL))
    assert "2 ways of counting give other titles than the raw means." in page
    assert "Without Juror 1 (Anna)" in page
    assert "Outcome changes. Gains a title: Cesis. Loses a title: Gniew." in page


def test_a_score_outside_the_scale_is_shown_not_a_500(client, edition, jurors, secretary):
    made = sheet(make_candidate(edition, "Gniew"), jurors[0], 7)
    Score.objects.filter(sheet=made).update(value=42)
    client.force_login(secretary)
    response = client.get(URL)
    assert response.status_code == 200
    assert "The scores cannot be counted:" in text(response)
    assert "outside the scale" in text(response)


def test_recording_before_every_sheet_is_in_shows_a_warning(client, three, secretary):
    edition, _made = three
    make_juror(edition, "Dora")
    client.force_login(secretary)
    page = text(client.get(URL))
    assert "Not every juror has submitted: 12 of 16 expected score sheets are in." in page


# Recording and publishing


def test_record_then_publish(
    client, three, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    edition, made = three
    coordinator = make_user("gniew@example.org", language="pl")
    join(coordinator, made["Gniew"].municipality, Membership.Role.COORDINATOR)
    client.force_login(secretary)
    response = client.post(DECISION, _form(made, extra="Pelplin"))
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.revision == 1
    assert Award.objects.filter(extra=True).get().application == made["Pelplin"]
    page = client.get(URL)
    html, words = page.content.decode(), text(page)
    assert "The decision is recorded with 3 titles." in words
    assert "Recorded, not published yet." in words
    assert "Gniew builds bridges." in words
    assert reverse("competition:scores-csv", kwargs={"year": 2027}) in html
    certificate = reverse("competition:certificate", kwargs={"slug": "gniew", "year": 2027})
    feedback = reverse("competition:feedback-letter", kwargs={"slug": "sigulda", "year": 2027})
    assert certificate in html and feedback in html
    assert f'action="{PUBLISH}"' in html
    assert 'name="revision" value="1"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PUBLISH)
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.phase == Edition.Phase.RESULTS
    assert Decision.objects.get().published_at is not None
    assert [m.to for m in mailoutbox] == [["gniew@example.org"]]
    assert "/pl/pearls/2027/" in mailoutbox[0].body
    html = client.get(URL).content.decode()
    assert "Published on" in html and f'action="{DECISION}"' not in html
    # publishing again changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(PUBLISH).status_code == 302
    assert len(mailoutbox) == 1


def test_a_refused_decision_shows_the_reason_and_keeps_the_form(client, three, secretary):
    _edition, made = three
    client.force_login(secretary)
    data = _form(made, awarded=("Gniew", "Pelplin"), rationale="Pelplin is stronger.")
    response = client.post(DECISION, data)
    assert response.status_code == 400
    page = text(response)
    assert "Nothing was changed." in page
    assert "Poland would receive 2 titles" in page
    assert "Pelplin is stronger." in page  # what was typed stays
    box = re.search(
        rf'<input type="checkbox" name="awarded" value="{made["Pelplin"].pk}"[^>]*>',
        response.content.decode(),
    )
    assert "checked" in box.group(0)
    assert (
        not Decision.objects.exists()
        and not AuditEntry.objects.filter(action="decision.record").exists()
    )


def test_a_stale_form_does_not_overwrite(client, three, secretary):
    _edition, made = three
    client.force_login(secretary)
    assert client.post(DECISION, _form(made)).status_code == 302
    other = _form(made, awarded=("Gniew",), rationale="Only one title.")
    response = client.post(DECISION, other)  # still revision 0
    assert response.status_code == 400
    assert "Someone else recorded the decision meanwhile" in text(response)
    assert Award.objects.count() == 2


def test_publish_refused_before_the_jury_deadline(client, three, secretary):
    edition, made = three
    from pearls.competition.models import Milestone

    Milestone.objects.filter(edition=edition).update(
        local_date=(timezone.now() + datetime.timedelta(days=3)).date()
    )
    client.force_login(secretary)
    client.post(DECISION, _form(made))
    page = text(client.get(URL))
    assert "The jury's deadline has not passed yet." in page  # said before the button
    response = client.post(PUBLISH)
    assert response.status_code == 400
    assert "The jury's deadline has not passed yet." in text(response)
    edition.refresh_from_db()
    assert edition.phase == Edition.Phase.JURY
    assert Decision.objects.get().published_at is None


def test_outside_the_jury_phase_the_form_is_closed(client, three, secretary):
    edition, made = three
    rules(edition, phase=Edition.Phase.DEVELOPMENT)
    client.force_login(secretary)
    html = client.get(URL).content.decode()
    assert f'action="{DECISION}"' not in html
    assert "only during the jury phase" in html
    response = client.post(DECISION, _form(made))
    assert response.status_code == 400
    assert not Decision.objects.exists()


def test_edition_and_jury_pages_link_to_the_results(client, three, secretary, jurors):
    edition, _made = three
    client.force_login(secretary)
    assert URL in client.get(reverse("competition:edition", kwargs={"year": 2027})).content.decode()
    Edition.objects.filter(pk=edition.pk).update(jury_chair=jurors[0])
    client.force_login(jurors[0])
    assert URL in client.get(reverse("competition:jury", kwargs={"year": 2027})).content.decode()
    client.force_login(jurors[1])
    assert (
        URL not in client.get(reverse("competition:jury", kwargs={"year": 2027})).content.decode()
    )


# The query count does not grow with candidates and jurors


def _fill(edition, candidates, jurors_count):
    """``candidates`` candidates scored by ``jurors_count`` jurors, a few conflicts."""
    criteria = list(edition.criteria.filter(stage=Criterion.Stage.FINAL))
    jurors = [make_juror(edition, f"Juror{edition.pk}x{n}") for n in range(jurors_count)]
    now = timezone.now()
    for n in range(candidates):
        application = make_candidate(edition, f"Town{n:02d}", ["PL", "LV", "EE", "LT"][n % 4])
        for j, juror in enumerate(jurors):
            if (n + j) % 7 == 0:
                conflict(application, juror)
                continue
            made = ScoreSheet.objects.create(
                application=application, user=juror, stage="final", submitted_at=now
            )
            Score.objects.bulk_create(
                Score(sheet=made, criterion=c, value=1 + (n * 3 + j + i) % 10, comment="Ok.")
                for i, c in enumerate(criteria)
            )


# the session, the person, their two-factor state and roles, the unread notifications; the
# edition and its milestones; criteria, candidates, jurors, conflicts, scores and the decision
QUERIES = 13


@pytest.mark.parametrize("candidates", [2, 40])
def test_the_query_count_is_pinned(
    client, edition, secretary, candidates, django_assert_num_queries
):
    _fill(edition, candidates, 12 if candidates == 40 else 2)
    client.force_login(secretary)
    with django_assert_num_queries(QUERIES):
        assert client.get(URL).status_code == 200


def test_the_query_count_is_pinned_with_a_decision(
    client, three, secretary, django_assert_num_queries
):
    edition, made = three
    client.force_login(secretary)
    client.post(DECISION, _form(made))
    # the decision's titles, and the guards of the publish button (criteria stages, decision)
    with django_assert_num_queries(QUERIES + 3):
        assert client.get(URL).status_code == 200


# The chair reads no score they may not know: conflicts of interest and blind scoring


def test_the_chair_does_not_read_a_conflicted_candidates_scores(client, three, chair, secretary):
    _edition, made = three
    conflict(made["Sigulda"], chair)  # recorded by the secretariat after the chair's sheet
    client.force_login(chair)
    html = client.get(URL).content.decode()
    assert "Sigulda" not in html
    assert f'id="rank-{made["Gniew"].pk}"' in html and 'id="withheld"' in html
    # the panels that count every candidate are not shown to them
    assert 'id="proposal"' not in html and 'id="what-if"' not in html
    assert 'id="agreement"' not in html
    client.force_login(secretary)
    html = client.get(URL).content.decode()
    assert "Sigulda" in html and 'id="withheld"' not in html and 'id="proposal"' in html


def test_the_chair_reads_a_candidates_scores_only_after_scoring_it(client, three, chair):
    edition, made = three
    ScoreSheet.objects.filter(user=chair, application=made["Gniew"]).update(submitted_at=None)
    client.force_login(chair)
    html = client.get(URL).content.decode()
    assert "Gniew" not in html and f'id="rank-{made["Cesis"].pk}"' in html
    # once the jury phase is over, the blind rule has done its work
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.RESULTS)
    html = client.get(URL).content.decode()
    assert f'id="rank-{made["Gniew"].pk}"' in html and 'id="withheld"' not in html


def test_the_chair_gets_no_links_to_documents_they_cannot_open(client, three, chair, secretary):
    _edition, made = three
    client.force_login(secretary)
    assert client.post(DECISION, _form(made)).status_code == 302
    certificate = reverse("competition:certificate", args=["gniew", 2027])
    letter = reverse("competition:feedback-letter", args=["gniew", 2027])
    html = client.get(URL).content.decode()
    assert certificate in html and letter in html
    client.force_login(chair)
    html = client.get(URL).content.decode()
    assert "Gniew builds bridges." in html
    assert certificate not in html and letter not in html
    assert client.get(certificate).status_code == 404
