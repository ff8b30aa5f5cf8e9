import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pearls.accounts.models import Membership
from pearls.competition import applications as services
from pearls.competition.demo import edition_call_create
from pearls.competition.models import Application, Edition, Milestone, Question
from pearls.competition.services import edition_create
from pearls.core.models import AuditEntry
from tests.people import join, make_municipality, make_user

pytestmark = pytest.mark.django_db
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
UTC = datetime.UTC
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
# The deadline: Sunday 29 March 2026, 23:59 in Warsaw, the day summer time begins (UTC+2).
DEADLINE_DAY = datetime.date(2026, 3, 29)
BEFORE = datetime.datetime(2026, 3, 29, 21, 58, 59, tzinfo=UTC)
AT = datetime.datetime(2026, 3, 29, 21, 59, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def edition():
    edition = edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    Milestone.objects.create(
        edition=edition, kind=Milestone.Kind.APPLICATION_DEADLINE, local_date=DEADLINE_DAY
    )
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.CALL)
    return Edition.objects.get(pk=edition.pk)


@pytest.fixture
def town():
    return make_municipality("gniew", "PL", official_name="Gniew", lau="2204034", nuts3="PL634")


@pytest.fixture
def coordinator(town):
    user = make_user("kasia@example.org", name="Kasia", language="pl")
    join(user, town, Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def application(edition, town, coordinator):
    return services.application_start(
        edition=edition, municipality=town, actor=coordinator, now=BEFORE
    )


def _pdf(name="letter.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _complete(application, actor):
    answers = {
        q.key: "A short answer."
        for q in application.edition.questions.all()
        if q.kind == Question.Kind.TEXT
    }
    answers["population"] = "6 500"
    services.application_save(
        application=application,
        answers=answers,
        base_revision=application.revision,
        actor=actor,
        now=BEFORE,
    )
    services.application_file_add(
        application=application,
        question_key="commitment",
        upload=_pdf(),
        actor=actor,
        now=BEFORE,
    )
    return application


def test_new_edition_has_the_default_application_form(edition):
    questions = {q.key: q for q in edition.questions.all()}
    assert list(questions) == [
        "motivation",
        "town",
        "assets",
        "team",
        "ideas",
        "learning",
        "population",
        "contact",
        "commitment",
    ]
    assert questions["motivation"].word_limit == 500
    assert questions["contact"].word_limit == 20
    assert questions["population"].kind == Question.Kind.NUMBER
    letter = questions["commitment"]
    assert (letter.kind, letter.file_type_list, letter.max_size_mb, letter.required) == (
        "file",
        ["pdf"],
        5,
        True,
    )


def test_start_is_idempotent_and_needs_an_open_call(edition, town, coordinator):
    first = services.application_start(
        edition=edition, municipality=town, actor=coordinator, now=BEFORE
    )
    again = services.application_start(
        edition=edition, municipality=town, actor=coordinator, now=BEFORE
    )
    assert first.pk == again.pk
    assert Application.objects.count() == 1
    assert AuditEntry.objects.filter(action="application.start").count() == 1
    other = make_municipality("puck", "PL")
    with pytest.raises(ValidationError, match="deadline"):
        services.application_start(edition=edition, municipality=other, actor=None, now=AT)
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.PRE_SELECTION)
    edition.refresh_from_db()
    with pytest.raises(ValidationError, match="not open"):
        services.application_start(edition=edition, municipality=other, actor=None, now=BEFORE)


def test_save_merges_answers_and_counts_revisions(application, coordinator):
    services.application_save(
        application=application,
        answers={"motivation": "We want to grow.", "population": "6 512"},
        base_revision=0,
        actor=coordinator,
        now=BEFORE,
    )
    services.application_save(
        application=application,
        answers={"town": "Small and old."},
        base_revision=1,
        actor=coordinator,
        now=BEFORE,
    )
    application.refresh_from_db()
    assert application.answers == {
        "motivation": "We want to grow.",
        "population": 6512,
        "town": "Small and old.",
    }
    assert application.revision == 2
    entry = AuditEntry.objects.filter(action="application.save").order_by("pk").last()
    assert entry.details == {"questions": ["town"]}  # keys only, never the text


def test_a_stale_revision_is_a_conflict_and_overwrites_nothing(application, coordinator):
    services.application_save(
        application=application,
        answers={"motivation": "First tab."},
        base_revision=0,
        actor=coordinator,
        now=BEFORE,
    )
    stale = Application.objects.get(pk=application.pk)
    stale.revision = 0
    with pytest.raises(services.ApplicationConflict) as caught:
        services.application_save(
            application=stale,
            answers={"motivation": "Second tab."},
            base_revision=0,
            actor=coordinator,
            now=BEFORE,
        )
    assert isinstance(caught.value, ValidationError)
    assert caught.value.answers == {"motivation": "First tab."}
    assert caught.value.revision == 1
    application.refresh_from_db()
    assert application.answers == {"motivation": "First tab."}


def test_over_the_word_limit_is_refused_naming_the_question(application, coordinator):
    services.application_save(
        application=application,
        answers={"contact": "Kasia Koordynator"},
        base_revision=0,
        actor=coordinator,
        now=BEFORE,
    )
    with pytest.raises(ValidationError) as caught:
        services.application_save(
            application=application,
            answers={"contact": "word " * 21, "motivation": "Fine."},
            base_revision=1,
            actor=coordinator,
            now=BEFORE,
        )
    message = caught.value.message_dict["contact"][0]
    assert "Contact person" in message and "21 words" in message and "20" in message
    application.refresh_from_db()
    assert application.answers == {"contact": "Kasia Koordynator"}
    assert application.revision == 1


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        ({"population": "many"}, "population"),
        ({"nonsense": "x"}, "nonsense"),
        ({"commitment": "a letter"}, "commitment"),
    ],
)
def test_answers_are_checked_by_type(application, coordinator, answers, key):
    with pytest.raises(ValidationError) as caught:
        services.application_save(
            application=application,
            answers=answers,
            base_revision=0,
            actor=coordinator,
            now=BEFORE,
        )
    assert key in caught.value.message_dict
    application.refresh_from_db()
    assert application.answers == {}


def test_choices_and_dates_are_checked(application, coordinator):
    Question.objects.create(
        edition=application.edition,
        key="size",
        label="Size",
        kind=Question.Kind.CHOICE,
        options="small\nmid-sized",
    )
    Question.objects.create(
        edition=application.edition,
        key="areas",
        label="Areas",
        kind=Question.Kind.CHOICES,
        options="music\ntheatre\nheritage",
    )
    Question.objects.create(
        edition=application.edition, key="founded", label="Founded", kind=Question.Kind.DATE
    )
    for wrong in ({"size": "huge"}, {"areas": ["music", "sport"]}, {"founded": "12/05/1410"}):
        with pytest.raises(ValidationError):
            services.application_save(
                application=application,
                answers=wrong,
                base_revision=0,
                actor=coordinator,
                now=BEFORE,
            )
    services.application_save(
        application=application,
        answers={"size": "small", "areas": ["heritage", "music"], "founded": "1410-05-12"},
        base_revision=0,
        actor=coordinator,
        now=BEFORE,
    )
    application.refresh_from_db()
    assert application.answers == {
        "size": "small",
        "areas": ["music", "heritage"],  # in the form's order
        "founded": "1410-05-12",
    }


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("letter.docx", b"PK\x03\x04" + b"\0" * 20), "file_type"),
        (SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 not a pdf"), "file_content"),
        (SimpleUploadedFile("letter.pdf", PNG), "file_content"),
        (SimpleUploadedFile("letter.pdf", PDF + b"\0" * (5 * 1024 * 1024)), "file_size"),
    ],
)
def test_wrong_files_are_refused(application, coordinator, upload, code):
    with pytest.raises(ValidationError) as caught:
        services.application_file_add(
            application=application,
            question_key="commitment",
            upload=upload,
            actor=coordinator,
            now=BEFORE,
        )
    assert caught.value.code == code
    assert "Letter of commitment" in caught.value.messages[0]
    assert not application.files.exists()


def test_images_are_sniffed_too(application, coordinator):
    Question.objects.filter(key="commitment").update(file_types="pdf, png, jpg")
    for name, content in (("scan.png", PNG), ("scan.jpg", JPEG)):
        services.application_file_add(
            application=application,
            question_key="commitment",
            upload=SimpleUploadedFile(name, content),
            actor=coordinator,
            now=BEFORE,
        )
    with pytest.raises(ValidationError):
        services.application_file_add(
            application=application,
            question_key="commitment",
            upload=SimpleUploadedFile("scan.jpg", PNG),
            actor=coordinator,
            now=BEFORE,
        )
    # a new file replaces the one the question had
    assert list(application.files.values_list("name", flat=True)) == ["scan.jpg"]


def test_file_add_and_remove(application, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        attached = services.application_file_add(
            application=application,
            question_key="commitment",
            upload=_pdf(),
            actor=coordinator,
            now=BEFORE,
        )
    storage, name = attached.file.storage, attached.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_file_remove(
            application=application, attached=attached, actor=coordinator, now=BEFORE
        )
    assert not application.files.exists()
    assert not storage.exists(name)
    assert AuditEntry.objects.filter(action="application.file_remove").exists()


def test_missing_lists_what_is_incomplete(application, coordinator):
    services.application_save(
        application=application,
        answers={"motivation": "Because."},
        base_revision=0,
        actor=coordinator,
        now=BEFORE,
    )
    Application.objects.filter(pk=application.pk).update(
        answers={"motivation": "Because.", "contact": "word " * 25}
    )
    application.refresh_from_db()
    missing = services.application_missing(application)
    assert "Answer “Your town and its challenges”." in missing
    assert "Answer “Population of the town”." in missing
    assert "Upload the file for “Letter of commitment signed by the mayor”." in missing
    assert "Shorten “Contact person” to 20 words (it has 25)." in missing
    assert not any("Cultural Pearl?" in item for item in missing)  # answered


def test_incomplete_submission_is_refused_with_the_missing_list(application, coordinator):
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=application, actor=coordinator, now=BEFORE)
    assert "Answer “Population of the town”." in caught.value.messages
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


@pytest.mark.parametrize(
    ("now", "accepted"),
    [
        (datetime.datetime(2026, 3, 29, 21, 58, 59, tzinfo=UTC), True),
        (datetime.datetime(2026, 3, 29, 23, 58, 59, tzinfo=WARSAW), True),
        # 22:00 UTC is 23:00 in winter time but already 00:00 in summer time
        (datetime.datetime(2026, 3, 29, 22, 0, tzinfo=UTC), False),
        (datetime.datetime(2026, 3, 29, 21, 59, tzinfo=UTC), False),
        (datetime.datetime(2026, 3, 30, 0, 0, tzinfo=WARSAW), False),
    ],
)
def test_deadline_on_the_day_summer_time_begins(application, coordinator, now, accepted):
    _complete(application, coordinator)
    if accepted:
        submitted = services.application_submit(application=application, actor=coordinator, now=now)
        assert submitted.status == Application.Status.SUBMITTED
        return
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=application, actor=coordinator, now=now)
    assert caught.value.messages[0].startswith("The deadline was ")
    assert "(Europe/Warsaw time)" in caught.value.messages[0]
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_deadline_in_winter_time(application, coordinator):
    Milestone.objects.filter(edition=application.edition).update(
        local_date=datetime.date(2026, 1, 15)
    )
    application.edition = Edition.objects.get(pk=application.edition_id)
    answers_time = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    services.application_save(
        application=application,
        answers={"motivation": "x"},
        base_revision=0,
        actor=coordinator,
        now=answers_time,
    )
    # 22:30 UTC is 23:30 in Warsaw in January: still open; 22:59 UTC is 23:59: closed.
    assert (
        services.call_blockers(
            application.edition, datetime.datetime(2026, 1, 15, 22, 30, tzinfo=UTC)
        )
        == []
    )
    assert services.call_blockers(
        application.edition, datetime.datetime(2026, 1, 15, 22, 59, tzinfo=UTC)
    )
    with pytest.raises(ValidationError, match="deadline"):
        services.application_save(
            application=application,
            answers={"motivation": "late"},
            base_revision=1,
            actor=coordinator,
            now=datetime.datetime(2026, 1, 15, 22, 59, tzinfo=UTC),
        )


def test_double_submit_makes_one_submission_and_one_email(
    application, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    member = make_user("michal@example.org")
    join(member, application.municipality)
    _complete(application, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.application_submit(application=application, actor=coordinator, now=BEFORE)
    stale = Application.objects.get(pk=application.pk)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.application_submit(application=application, actor=coordinator, now=BEFORE)
    assert first.submitted_at == second.submitted_at == stale.submitted_at == BEFORE
    assert AuditEntry.objects.filter(action="application.submit").count() == 1
    assert len(mailoutbox) == 1  # to the coordinator, not to the member
    message = mailoutbox[0]
    assert message.to == ["kasia@example.org"]
    assert "Gniew" in message.subject
    assert "/pl/municipalities/gniew/applications/2027/" in message.body  # her language
    assert "Letter of commitment signed by the mayor: letter.pdf" in message.body
    # after submission nothing changes any more
    with pytest.raises(ValidationError, match="no longer"):
        services.application_save(
            application=application,
            answers={"motivation": "Later."},
            base_revision=stale.revision,
            actor=coordinator,
            now=BEFORE,
        )


def test_eligibility_snapshot_of_an_eligible_town(application, coordinator):
    _complete(application, coordinator)
    submitted = services.application_submit(application=application, actor=coordinator, now=BEFORE)
    assert submitted.eligibility["eligible"] is True
    assert submitted.eligibility["counts_for_country"] == "PL"
    assert "Poland takes part in the title." in submitted.eligibility["reasons"]


@pytest.mark.parametrize(
    ("country", "fields", "words"),
    [
        ("NO", {}, "Norway"),
        ("DE", {"nuts2": "DE21", "nuts3": "DE212"}, "Bavaria"),
    ],
)
def test_ineligible_town_snapshot_and_override_with_reason(edition, country, fields, words):
    town = make_municipality("somewhere", country, official_name="Somewhere", **fields)
    coordinator = make_user()
    join(coordinator, town, Membership.Role.COORDINATOR)
    application = services.application_start(
        edition=edition, municipality=town, actor=coordinator, now=BEFORE
    )
    _complete(application, coordinator)
    submitted = services.application_submit(application=application, actor=coordinator, now=BEFORE)
    snapshot = submitted.eligibility
    assert snapshot["eligible"] is False
    assert any(words in reason for reason in snapshot["reasons"])

    secretary = make_user()
    with pytest.raises(ValidationError) as caught:
        services.eligibility_override(
            application=submitted, eligible=True, reason="  ", actor=secretary
        )
    assert "reason" in caught.value.message_dict
    decided = services.eligibility_override(
        application=submitted,
        eligible=True,
        reason="The town lies on the border; the board agreed on 3 March.",
        actor=secretary,
    )
    assert decided.eligibility_override is True
    assert decided.eligibility["eligible"] is False  # the snapshot stays as it was
    entry = AuditEntry.objects.get(action="application.eligibility")
    assert entry.details == {"from": None, "to": True}
    back = services.eligibility_override(
        application=decided, eligible=None, reason="", actor=secretary
    )
    assert (back.eligibility_override, back.override_reason) == (None, "")


def test_demo_call_edition_is_idempotent():
    first = edition_call_create()
    again = edition_call_create()
    assert first.pk == again.pk
    assert first.phase == Edition.Phase.CALL
    assert first.questions.count() == 9
    assert first.criteria.exists()
    assert services.call_blockers(first) == []
