import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pearls.accounts.models import Membership, RoleAssignment
from pearls.competition import applications as services
from pearls.competition.models import Application, Edition, Milestone
from pearls.competition.services import edition_create
from tests.people import give_role, join, make_municipality, make_user

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def edition():
    edition = edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    Milestone.objects.create(
        edition=edition,
        kind=Milestone.Kind.APPLICATION_DEADLINE,
        local_date=(timezone.now() + datetime.timedelta(days=20)).date(),
    )
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.CALL)
    return Edition.objects.get(pk=edition.pk)


@pytest.fixture
def town():
    return make_municipality("gniew", "PL", official_name="Gniew", lau="2204034", nuts3="PL634")


@pytest.fixture
def coordinator(town):
    user = make_user("kasia@example.org", name="Kasia")
    join(user, town, Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def application(edition, town, coordinator):
    return services.application_start(edition=edition, municipality=town, actor=coordinator)


def _url(name, **kwargs):
    return reverse(f"competition:{name}", kwargs={"slug": "gniew", "year": 2027, **kwargs})


def test_page_before_starting_shows_eligibility_and_the_start_button(client, edition, coordinator):
    client.force_login(coordinator)
    response = client.get(_url("application"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Not started" in html
    assert "Start the application" in html
    assert "Poland takes part in the title." in html
    assert "(Europe/Warsaw time)" in html
    response = client.post(_url("application-start"))
    assert response["Location"] == _url("application-form")
    assert Application.objects.filter(municipality__slug="gniew").count() == 1


def test_members_see_the_application_but_do_not_write(client, application, town):
    member = make_user()
    join(member, town)
    client.force_login(member)
    html = client.get(_url("application")).content.decode()
    assert "Draft" in html
    assert "Submit the application" not in html
    assert "The coordinators of your team" not in html  # it exists: no start hint
    assert client.get(_url("application-form")).status_code == 404


def test_form_renders_one_field_per_question_with_word_counts(client, application, coordinator):
    services.application_save(
        application=application,
        answers={"motivation": "We want to grow together."},
        base_revision=0,
        actor=coordinator,
    )
    client.force_login(coordinator)
    html = client.get(_url("application-form")).content.decode()
    for label in ("Why does your town want to become a Cultural Pearl?", "Population of the town"):
        assert label in html
    assert 'id="count-motivation"' in html
    assert "5 words of at most 500." in html
    assert 'aria-describedby="hint-motivation"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'hx-post="' in html


def test_save_without_javascript_redirects_and_counts(client, application, coordinator):
    client.force_login(coordinator)
    response = client.post(
        _url("application-form"), {"revision": 0, "motivation": "One two three.", "population": ""}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.answers == {"motivation": "One two three."}
    html = client.get(_url("application-form")).content.decode()
    assert "3 words of at most 500." in html


def test_autosave_with_htmx_returns_the_saved_partial(client, application, coordinator):
    client.force_login(coordinator)
    response = client.post(
        _url("application-form"),
        {"revision": 0, "motivation": "Autosaved words here."},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saved at" in html
    assert 'name="revision" value="1"' in html and 'hx-swap-oob="true"' in html
    assert "3 words of at most 500." in html
    assert "<html" not in html
    # a second tab still on revision 0: a conflict, nothing overwritten
    response = client.post(
        _url("application-form"),
        {"revision": 0, "motivation": "Other tab."},
        headers={"HX-Request": "true"},
    )
    assert "Someone else saved this application" in response.content.decode()
    application.refresh_from_db()
    assert application.answers == {"motivation": "Autosaved words here."}


def test_over_the_word_limit_is_shown_on_the_field(client, application, coordinator):
    client.force_login(coordinator)
    response = client.post(_url("application-form"), {"revision": 0, "contact": "word " * 21})
    html = response.content.decode()
    assert response.status_code == 400
    assert "The answer to “Contact person” has 21 words; the limit is 20." in html
    assert "Too long: please shorten it." in html
    application.refresh_from_db()
    assert application.answers == {}


def test_upload_and_remove_without_javascript(client, application, coordinator):
    client.force_login(coordinator)
    response = client.post(
        _url("application-file-add"),
        {"question": "commitment", "upload": SimpleUploadedFile("letter.pdf", PDF)},
    )
    assert response.status_code == 302
    attached = application.files.get()
    html = client.get(_url("application-form")).content.decode()
    assert "Uploaded: letter.pdf" in html
    download = client.get(_url("application-file", pk=attached.pk))
    assert b"".join(download.streaming_content) == PDF
    response = client.post(
        _url("application-file-add"),
        {"question": "commitment", "upload": SimpleUploadedFile("fake.pdf", b"GIF89a")},
        follow=True,
    )
    assert "is not a real PDF file" in response.content.decode()
    client.post(_url("application-file-remove", pk=attached.pk))
    assert not application.files.exists()


def test_submit_incomplete_shows_the_missing_list(client, application, coordinator):
    client.force_login(coordinator)
    response = client.post(_url("application-submit"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "The application cannot be submitted yet" in html
    assert "Answer “Population of the town”." in html


def _complete(application, actor):
    answers = {q.key: "Yes." for q in application.edition.questions.filter(kind="text")}
    services.application_save(
        application=application,
        answers={**answers, "population": 6500},
        base_revision=0,
        actor=actor,
    )
    services.application_file_add(
        application=application,
        question_key="commitment",
        upload=SimpleUploadedFile("letter.pdf", PDF),
        actor=actor,
    )


def test_submit_then_the_page_shows_submitted_and_the_snapshot(
    client, application, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    _complete(application, coordinator)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("application-submit"), follow=True)
        client.post(_url("application-submit"))  # a double click
    html = response.content.decode()
    assert "Submitted on" in html
    assert "Why, as checked when the application was submitted:" in html
    assert len(mailoutbox) == 1
    # the form is closed: it sends people to what was sent
    assert client.get(_url("application-form"))["Location"] == _url("application-preview")


def test_preview_is_read_only(client, application, coordinator):
    services.application_save(
        application=application,
        answers={"motivation": "Culture connects us."},
        base_revision=0,
        actor=coordinator,
    )
    client.force_login(coordinator)
    html = client.get(_url("application-preview")).content.decode()
    assert "Culture connects us." in html
    assert "Not answered." in html
    assert "No file uploaded." in html
    assert "<textarea" not in html


def test_blank_form_pdf_contains_the_questions(client, application, coordinator):
    client.force_login(coordinator)
    response = client.get(_url("application-blank"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Why does your town want to become a Cultural Pearl?" in text
    assert "At most 500 words." in text
    assert "Letter of commitment signed by the mayor" in text


@pytest.fixture
def secretary():
    user = make_user(mfa=True)
    give_role(user, RoleAssignment.Role.SECRETARIAT)
    return user


def test_secretariat_list_and_override(client, application, coordinator, secretary):
    other = make_municipality("roros", "NO", official_name="Røros")
    services.application_start(edition=application.edition, municipality=other, actor=None)
    client.force_login(secretary)
    url = reverse("competition:applications", kwargs={"year": 2027})
    html = client.get(url).content.decode()
    assert "Gniew" in html and "Røros" in html
    assert "Not eligible" in html
    decide = reverse(
        "competition:application-eligibility", kwargs={"year": 2027, "pk": application.pk}
    )
    prefix = f"a{application.pk}"
    response = client.post(decide, {f"{prefix}-decision": "not_eligible", f"{prefix}-reason": ""})
    assert response.status_code == 400
    assert "Give the reason for the decision" in response.content.decode()
    response = client.post(
        decide, {f"{prefix}-decision": "not_eligible", f"{prefix}-reason": "Double application."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.eligibility_override is False
    client.force_login(coordinator)
    html = client.get(_url("application")).content.decode()
    assert "The secretariat decided that the application is not eligible." in html
    assert "Double application." in html


def test_secretariat_list_query_count(
    client, application, secretary, django_assert_max_num_queries
):
    for slug in ("puck", "hel", "reda"):
        services.application_start(
            edition=application.edition, municipality=make_municipality(slug, "PL"), actor=None
        )
    client.force_login(secretary)
    url = reverse("competition:applications", kwargs={"year": 2027})
    client.get(url)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_team_page_links_to_the_open_call(client, edition, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("accounts:team", kwargs={"slug": "gniew"})).content.decode()
    assert "Apply for the title: Cultural Pearls 2027" in html
    assert _url("application") in html
