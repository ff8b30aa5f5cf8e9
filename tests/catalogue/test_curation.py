"""Proposals and their review: drafts, autosave, optimistic locking, schema check on submit,
return with a note, publication, and what the public sees."""

import json

import pytest
from django.core import mail

from pearls.accounts.models import Membership, RoleAssignment
from pearls.catalogue import selectors, services
from pearls.catalogue.forms import PracticeProposalForm
from pearls.catalogue.models import Practice, PracticeRevision
from pearls.core.models import AuditEntry
from tests.factories import RecordFactory
from tests.people import give_role, join, make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    town = make_municipality("gniew", "PL", official_name="Gniew", nuts3="PL634")
    author = make_user("ola@example.org", name="Ola", language="pl")
    join(author, town, Membership.Role.MEMBER)
    reviewer = make_user("rev@example.org", name="Rasmus", language="da")
    give_role(reviewer, RoleAssignment.Role.REVIEWER)
    practice = services.practice_start(
        actor=author, original_language="pl", title="Chór sąsiadów", municipality=town
    )
    return town, author, reviewer, practice


def _form_data(practice, **changes):
    form = PracticeProposalForm(practice=practice)
    data = {}
    for name, value in form.initial.items():
        if value is None:
            continue
        data[name] = value
    data.update(changes)
    return data


COMPLETE = {
    "summary__pl": "Sąsiedzi śpiewają razem.",
    "challenges": ["isolation"],
    "dimensions": ["belonging"],
    "domains": ["music"],
    "contact_name": "Ola Nowak",
    "contact_email": "ola@example.org",
}


def test_start_takes_place_facts_from_the_municipality(setup):
    _town, _author, _reviewer, practice = setup
    assert practice.status == Practice.Status.DRAFT
    assert (practice.country, practice.place, practice.region) == ("PL", "Gniew", "PL634")
    assert practice.slug == "pl-chor-sasiadow"


def test_a_stale_form_is_refused_and_changes_nothing(client, setup):
    _town, author, _reviewer, practice = setup
    client.force_login(author)
    url = f"/en/practices/{practice.slug}/edit/"
    first = _form_data(practice, summary__pl="Pierwsza wersja.")
    assert client.post(url, first).status_code == 302
    stale = _form_data(practice, summary__pl="Druga karta przeglądarki.")  # still version 1
    response = client.post(url, stale)
    assert response.status_code == 409
    assert "changed elsewhere" in response.content.decode()
    practice.refresh_from_db()
    assert practice.summary == {"pl": "Pierwsza wersja."} and practice.version == 2


def test_autosave_saves_and_hands_back_the_new_version(client, setup):
    _town, author, _reviewer, practice = setup
    client.force_login(author)
    response = client.post(
        f"/en/practices/{practice.slug}/autosave/",
        _form_data(practice, summary__pl="Szkic."),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Draft saved" in html
    assert 'name="version" value="2"' in html and 'hx-swap-oob="true"' in html
    practice.refresh_from_db()
    assert practice.summary == {"pl": "Szkic."}


def test_submitting_an_incomplete_practice_lists_the_problems_and_keeps_the_draft(client, setup):
    _town, author, _reviewer, practice = setup
    client.force_login(author)
    response = client.post(
        f"/en/practices/{practice.slug}/edit/", {**_form_data(practice), "action": "submit"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please check the form" in html and 'href="#id_summary__pl"' in html
    practice.refresh_from_db()
    assert practice.status == Practice.Status.DRAFT
    assert not PracticeRevision.objects.exists()


def test_return_needs_a_note_then_resubmission_and_publication(
    client, setup, django_capture_on_commit_callbacks
):
    _town, author, reviewer, practice = setup
    client.force_login(author)
    url = f"/en/practices/{practice.slug}/edit/"
    client.post(url, {**_form_data(practice, **COMPLETE), "action": "submit"})
    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED
    with pytest.raises(Exception, match="note"):
        services.practice_return(
            practice=practice, actor=reviewer, note=" ", version=practice.version
        )
    client.force_login(reviewer)
    review = f"/en/practices/{practice.slug}/review/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            review,
            {"version": practice.version, "note": "Dodaj opis po angielsku.", "decision": "return"},
        )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Practice.Status.RETURNED
    returned_mail = mail.outbox[-1]
    assert returned_mail.to == ["ola@example.org"]
    assert "Dodaj opis po angielsku." in returned_mail.body
    client.force_login(author)
    assert "Dodaj opis po angielsku." in client.get(url).content.decode()
    client.post(
        url,
        {**_form_data(practice, summary__en="Neighbours sing together."), "action": "submit"},
    )
    client.force_login(reviewer)
    html = client.get(review).content.decode()
    assert "summary.en" in html and 'class="changed"' in html
    practice.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review, {"version": practice.version, "note": "", "decision": "publish"})
    practice.refresh_from_db()
    assert practice.status == Practice.Status.PUBLISHED
    assert selectors.practices_published().filter(pk=practice.pk).exists()
    kinds = list(practice.revisions.order_by("at", "id").values_list("kind", flat=True))
    assert kinds == ["submitted", "returned", "submitted", "published"]
    actions = set(
        AuditEntry.objects.filter(object_id=str(practice.pk)).values_list("action", flat=True)
    )
    assert {
        "catalogue.practice_submit",
        "catalogue.practice_return",
        "catalogue.practice_publish",
    } <= actions


def test_reviewers_cannot_review_their_own_practice(client, setup):
    town, _author, reviewer, _practice = setup
    own = services.practice_start(
        actor=reviewer, original_language="en", title="Mine", municipality=None
    )
    Practice.objects.filter(pk=own.pk).update(status=Practice.Status.SUBMITTED)
    client.force_login(reviewer)
    assert client.get(f"/en/practices/{own.slug}/review/").status_code == 404


def test_contacts_only_for_signed_in_people_and_never_in_open_data(client, setup):
    _town, author, reviewer, practice = setup
    Practice.objects.filter(pk=practice.pk).update(
        status=Practice.Status.SUBMITTED,
        summary={"pl": "Krótko."},
        challenges=["isolation"],
        dimensions=["belonging"],
        domains=["music"],
        contact_email="ola@example.org",
        contact_name="Ola Nowak",
    )
    practice.refresh_from_db()
    services.practice_publish(practice=practice, actor=reviewer, version=practice.version)
    url = f"/en/practices/{practice.slug}/"
    assert "ola@example.org" not in client.get(url).content.decode()
    assert "Sign in to see the contact details" in client.get(url).content.decode()
    record = client.get(f"/api/v1/practices/{practice.slug}").json()
    assert "ola@example.org" not in json.dumps(record) and "Gniew" in record["place"]
    assert "ola@example.org" not in client.get("/api/v1/dataset.jsonl").getvalue().decode()
    client.force_login(make_user())
    html = client.get(url).content.decode()
    assert "ola@example.org" in html and "Proposed by" in html


def test_imports_leave_the_same_history_and_audit_as_proposals():
    records = [RecordFactory(), RecordFactory()]
    services.practices_import(records=records, source_name="batch.jsonl")
    services.practices_import(records=records, source_name="batch.jsonl")  # unchanged: no rows
    assert PracticeRevision.objects.filter(kind="imported").count() == 2
    assert AuditEntry.objects.filter(action="catalogue.practice_import_create").count() == 2


def test_a_proposal_starts_in_the_language_the_person_reads_the_site_in(client, setup):
    _town, author, _reviewer, _practice = setup
    client.force_login(author)
    html = client.get("/pl/practices/propose/").content.decode()
    assert '<option value="pl" selected>' in html


def test_after_a_refused_submission_the_next_save_is_not_taken_for_a_stale_one(client, setup):
    _town, author, _reviewer, practice = setup
    client.force_login(author)
    url = f"/en/practices/{practice.slug}/edit/"
    response = client.post(
        url, {**_form_data(practice, summary__pl="Bez kodów."), "action": "submit"}
    )
    assert response.status_code == 400
    practice.refresh_from_db()
    assert f'name="version" value="{practice.version}"' in response.content.decode()
    again = _form_data(practice, **COMPLETE)
    assert client.post(url, again).status_code == 302


def test_unticking_a_language_keeps_its_text(client, setup):
    _town, author, _reviewer, practice = setup
    client.force_login(author)
    url = f"/en/practices/{practice.slug}/edit/"
    client.post(url, _form_data(practice, title__en="Neighbours' choir"))
    practice.refresh_from_db()
    data = _form_data(practice)
    data["languages"] = ["pl"]  # English unticked, its field still sent as the page shows it
    assert client.post(url, data).status_code == 302
    practice.refresh_from_db()
    assert practice.title["en"] == "Neighbours' choir"


def test_a_reviewer_in_the_proposing_team_cannot_review_it(client, setup):
    town, _author, reviewer, practice = setup
    join(reviewer, town)
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.SUBMITTED)
    client.force_login(reviewer)
    assert client.get(f"/en/practices/{practice.slug}/review/").status_code == 404
