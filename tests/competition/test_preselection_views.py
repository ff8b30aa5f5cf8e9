import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pearls.accounts.models import Membership, RoleAssignment
from pearls.competition import preselection as services
from pearls.competition.models import Application, Criterion, Edition, Score, ScoreSheet
from pearls.competition.services import edition_create
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


def _submitted(edition, slug, country="PL"):
    town = make_municipality(slug, country, official_name=slug.capitalize())
    join(make_user(f"{slug}@example.org"), town, Membership.Role.COORDINATOR)
    return Application.objects.create(
        edition=edition,
        municipality=town,
        status=Application.Status.SUBMITTED,
        answers={"motivation": "Culture brings the generations together."},
        eligibility={"eligible": True, "reasons": [], "unknown": []},
    )


@pytest.fixture
def application(edition):
    return _submitted(edition, "gniew")


@pytest.fixture
def member(edition):
    user = make_user("anna@example.org", name="Anna", mfa=True)
    give_role(user, RoleAssignment.Role.COMMITTEE, edition=edition)
    return user


@pytest.fixture
def secretary():
    user = make_user("sec@example.org", mfa=True)
    give_role(user, RoleAssignment.Role.SECRETARIAT)
    return user


def _page(application):
    return reverse(
        "competition:preselection-application", kwargs={"year": 2027, "pk": application.pk}
    )


def _form(criteria, value=7, comment="Clear and concrete.", action="save"):
    data = {"action": action}
    for criterion in criteria:
        data[f"score-{criterion.code}"] = value
        data[f"comment-{criterion.code}"] = comment
    return data


def test_the_list_shows_progress_and_the_profile_links_to_it(
    client, edition, application, member, criteria
):
    services.score_save(
        application=application,
        user=member,
        values={criteria[0].code: (6, "Good.")},
        actor=member,
    )
    client.force_login(member)
    response = client.get(reverse("competition:preselection", kwargs={"year": 2027}))
    html = response.content.decode()
    assert response.status_code == 200
    assert _page(application) in html
    assert f"Scored 1 of {len(criteria)} criteria" in html
    assert "You submitted your scores for 0 of 1 application." in html
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("competition:preselection", kwargs={"year": 2027}) in profile


def test_the_scoring_page_shows_the_answers_and_a_bounded_form(
    client, application, member, criteria
):
    client.force_login(member)
    html = client.get(_page(application)).content.decode()
    assert "Culture brings the generations together." in html
    code = criteria[0].code
    assert f'id="score-{code}"' in html and 'min="1"' in html and 'max="10"' in html
    assert f'id="comment-{code}"' in html
    assert 'value="submit"' in html


def test_save_then_submit(client, application, member, criteria):
    client.force_login(member)
    response = client.post(_page(application), _form(criteria))
    assert response.status_code == 302
    assert Score.objects.count() == len(criteria)
    response = client.post(_page(application), _form(criteria, 8, action="submit"))
    assert response.status_code == 302
    assert response["Location"].endswith("/editions/2027/pre-selection/")
    sheet = ScoreSheet.objects.get()
    assert sheet.submitted_at is not None
    assert set(Score.objects.values_list("value", flat=True)) == {8}
    html = client.get(_page(application)).content.decode()
    assert "can no longer be changed" in html
    assert 'name="action"' not in html


def test_out_of_range_and_missing_comment_are_shown_and_nothing_saved(
    client, application, member, criteria
):
    client.force_login(member)
    data = _form(criteria)
    data[f"score-{criteria[0].code}"] = 12
    data[f"comment-{criteria[1].code}"] = ""
    response = client.post(_page(application), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Your scores were not saved." in html
    assert "must be a whole number from 1 to 10" in html
    assert "in a comment" in html
    assert 'aria-invalid="true"' in html
    assert 'value="12"' in html  # what the person typed is kept
    assert not Score.objects.exists()


def test_submitting_an_incomplete_sheet_keeps_the_draft(client, application, member, criteria):
    client.force_login(member)
    data = {
        "action": "submit",
        f"score-{criteria[0].code}": 5,
        f"comment-{criteria[0].code}": "Ok.",
    }
    response = client.post(_page(application), data)
    assert response.status_code == 400
    assert "saved but not submitted" in response.content.decode()
    assert ScoreSheet.objects.get().submitted_at is None


def test_after_the_round_closes_scoring_is_refused(client, edition, application, member, criteria):
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.DEVELOPMENT)
    client.force_login(member)
    assert 'name="action"' not in client.get(_page(application)).content.decode()
    response = client.post(_page(application), _form(criteria))
    assert response.status_code == 400
    assert "The pre-selection round is closed." in response.content.decode()
    assert not Score.objects.exists()


def test_a_conflict_hides_the_application(client, application, member):
    client.force_login(member)
    url = reverse("competition:preselection-conflict", kwargs={"year": 2027, "pk": application.pk})
    response = client.post(url, {"reason": "I advise the town."})
    assert response.status_code == 302
    assert client.get(_page(application)).status_code == 404
    listing = client.get(reverse("competition:preselection", kwargs={"year": 2027}))
    assert _page(application) not in listing.content.decode()
    assert "Your declared conflicts of interest" in listing.content.decode()


def test_other_people_get_404(client, application):
    juror = make_user("jury@example.org", mfa=True)
    give_role(juror, RoleAssignment.Role.JURY, edition=application.edition)
    client.force_login(juror)
    assert client.get(_page(application)).status_code == 404
    assert client.get(reverse("competition:preselection", kwargs={"year": 2027})).status_code == (
        404
    )


def _submit_scores(application, user, criteria, value):
    services.score_save(
        application=application,
        user=user,
        values={c.code: (value, "Ok.") for c in criteria},
        actor=user,
    )
    services.sheet_submit(application=application, user=user)


def test_ranking_and_shortlist(
    client,
    edition,
    application,
    member,
    secretary,
    criteria,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    cesis = _submitted(edition, "cesis", "LV")
    _submit_scores(application, member, criteria, 6)
    _submit_scores(cesis, member, criteria, 9)
    client.force_login(secretary)
    url = reverse("competition:preselection-ranking", kwargs={"year": 2027})
    html = client.get(url).content.decode()
    assert html.index("Cesis") < html.index("Gniew")
    assert "9.00" in html and "6.00" in html
    # the secretariat reads every submitted sheet with its comments
    sheet_page = client.get(_page(application)).content.decode()
    assert "Submitted score sheets" in sheet_page and "Anna" in sheet_page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("competition:shortlist", kwargs={"year": 2027}), {"shortlisted": [cesis.pk]}
        )
    assert response.status_code == 302
    cesis.refresh_from_db()
    application.refresh_from_db()
    assert cesis.status == Application.Status.SHORTLISTED
    assert application.status == Application.Status.NOT_SHORTLISTED
    assert len(mailoutbox) == 2
    assert "checked" in client.get(url).content.decode()


def test_shortlist_refused_outside_pre_selection(client, edition, application, secretary):
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.DEVELOPMENT)
    client.force_login(secretary)
    response = client.post(
        reverse("competition:shortlist", kwargs={"year": 2027}), {"shortlisted": [application.pk]}
    )
    assert response.status_code == 400
    assert "only during the pre-selection" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_edition_pages_link_to_the_ranking(client, edition, secretary):
    client.force_login(secretary)
    url = reverse("competition:preselection-ranking", kwargs={"year": 2027})
    for name in ("competition:edition", "competition:applications"):
        assert url in client.get(reverse(name, kwargs={"year": 2027})).content.decode()


def test_the_ranking_query_count_does_not_grow(client, edition, secretary, member, criteria):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get(
                    reverse("competition:preselection-ranking", kwargs={"year": 2027})
                ).status_code
                == 200
            )
        return len(queries)

    client.force_login(secretary)
    _submit_scores(_submitted(edition, "gniew"), member, criteria, 5)
    few = count()
    for slug in ("cesis", "sigulda", "tukums"):
        _submit_scores(_submitted(edition, slug, "LV"), member, criteria, 7)
    assert count() == few
