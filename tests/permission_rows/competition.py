"""Permission rows of the competition: edition pages and the list of applications are the
secretariat's alone (a secretary without two-factor authentication is sent to set it up);
town-a's application is seen by its team and the secretariat, written by its coordinator and
the secretariat. The world puts the 2027 edition in its call, with a deadline a month ahead,
and gives town-a a complete draft application with its letter. Town-b's application (with a
letter) is submitted, for the pre-selection pages: the committee of 2027 reads it, but the
edition is still in its call, so scoring is refused (400) while declaring a conflict works.
Its ranking is the secretariat's; recording the shortlist is refused outside pre-selection.
Town-c's application is shortlisted and its action plan submitted, for the jury pages: the
jury of 2027 reads it (the juror of 2026 does not), scoring is refused while the edition is in
its call, declaring a conflict works."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.permission_rows.outcomes import outcomes

SECRETARIAT = outcomes(404, anonymous="login", secretariat=200, secretariat_no_mfa="mfa")
SECRETARIAT_WRITE = outcomes(404, anonymous="login", secretariat="moved", secretariat_no_mfa="mfa")

APP = {"slug": "town-a", "year": 2027}
APP_VIEW = outcomes(404, anonymous="login", member=200, coordinator=200, secretariat=200)
APP_EDIT = outcomes(404, anonymous="login", coordinator=200, secretariat=200)
APP_WRITE = outcomes(404, anonymous="login", coordinator="moved", secretariat="moved")
PRE = {"year": 2027, "pk": "submitted_application"}
COMMITTEE = outcomes(404, anonymous="login", committee=200)
COMMITTEE_READ = outcomes(404, anonymous="login", committee=200, secretariat=200)
JUR = {"year": 2027, "pk": "candidate"}
JURY = outcomes(404, anonymous="login", jury=200)

ROWS = {
    "editions": ("get", "competition:editions", {}, None, SECRETARIAT),
    "edition-new": (
        "post",
        "competition:edition-new",
        {},
        {"title_year": 2031, "name": "Cultural Pearls 2031"},
        SECRETARIAT_WRITE,
    ),
    "edition": ("get", "competition:edition", {"year": 2027}, None, SECRETARIAT),
    "edition:missing": (
        "get",
        "competition:edition",
        {"year": 1999},
        None,
        outcomes(404, anonymous="login", secretariat_no_mfa="mfa"),
    ),
    "edition:settings": (
        "post",
        "competition:edition",
        {"year": 2027},
        {
            "part": "settings",
            "name": "Cultural Pearls 2027",
            "time_zone": "Europe/Warsaw",
            "titles": 3,
            "max_per_country": 1,
            "tie_threshold": "0.25",
            "seed_money_max": 5000,
        },
        SECRETARIAT_WRITE,
    ),
    "edition-phase": (
        "post",
        "competition:edition-phase",
        {"year": 2027},
        {"phase": "call"},
        # refused (already in the call): a message and back to the page
        SECRETARIAT_WRITE,
    ),
    "application": ("get", "competition:application", APP, None, APP_VIEW),
    "application:missing": (
        "get",
        "competition:application",
        {"slug": "town-a", "year": 1999},
        None,
        outcomes(404, anonymous="login"),
    ),
    # town-a has one: the start is idempotent and goes on to the form
    "application-start": ("post", "competition:application-start", APP, {}, APP_WRITE),
    "application-form": ("get", "competition:application-form", APP, None, APP_EDIT),
    "application-form:save": (
        "post",
        "competition:application-form",
        APP,
        "application_form",
        APP_WRITE,
    ),
    # without a file: a message and back to the form
    "application-file-add": ("post", "competition:application-file-add", APP, {}, APP_WRITE),
    "application-file": (
        "get",
        "competition:application-file",
        {**APP, "pk": "application_file"},
        None,
        APP_VIEW,
    ),
    "application-file-remove": (
        "post",
        "competition:application-file-remove",
        {**APP, "pk": "application_file"},
        {},
        APP_WRITE,
    ),
    "application-preview": ("get", "competition:application-preview", APP, None, APP_VIEW),
    "application-submit": ("post", "competition:application-submit", APP, {}, APP_WRITE),
    "application-blank": ("get", "competition:application-blank", APP, None, APP_VIEW),
    "applications": ("get", "competition:applications", {"year": 2027}, None, SECRETARIAT),
    "application-eligibility": (
        "post",
        "competition:application-eligibility",
        {"year": 2027, "pk": "application"},
        "eligibility_form",
        SECRETARIAT_WRITE,
    ),
    "preselection": ("get", "competition:preselection", {"year": 2027}, None, COMMITTEE),
    "preselection:missing": (
        "get",
        "competition:preselection",
        {"year": 1999},
        None,
        outcomes(404, anonymous="login"),
    ),
    "preselection-application": (
        "get",
        "competition:preselection-application",
        PRE,
        None,
        COMMITTEE_READ,
    ),
    "preselection-application:draft": (
        "get",
        "competition:preselection-application",
        {"year": 2027, "pk": "application"},
        None,
        outcomes(404, anonymous="login"),
    ),
    # the edition is in its call: the round is closed, refused with the form shown again
    "preselection-application:save": (
        "post",
        "competition:preselection-application",
        PRE,
        "score_form",
        outcomes(404, anonymous="login", committee=400),
    ),
    "preselection-conflict": (
        "post",
        "competition:preselection-conflict",
        PRE,
        {"reason": "A relative works there."},
        outcomes(404, anonymous="login", committee="moved"),
    ),
    "preselection-file": (
        "get",
        "competition:preselection-file",
        {**PRE, "file_pk": "submitted_file"},
        None,
        COMMITTEE_READ,
    ),
    "preselection-ranking": (
        "get",
        "competition:preselection-ranking",
        {"year": 2027},
        None,
        SECRETARIAT,
    ),
    # refused outside pre-selection: the ranking again with the reason
    "shortlist": (
        "post",
        "competition:shortlist",
        {"year": 2027},
        {"shortlisted": "submitted_application"},
        outcomes(404, anonymous="login", secretariat=400, secretariat_no_mfa="mfa"),
    ),
    "jury": ("get", "competition:jury", {"year": 2027}, None, JURY),
    "jury:missing": (
        "get",
        "competition:jury",
        {"year": 1999},
        None,
        outcomes(404, anonymous="login"),
    ),
    "jury-candidate": ("get", "competition:jury-candidate", JUR, None, JURY),
    # a submitted application that is not shortlisted is no candidate
    "jury-candidate:not-shortlisted": (
        "get",
        "competition:jury-candidate",
        {"year": 2027, "pk": "submitted_application"},
        None,
        outcomes(404, anonymous="login"),
    ),
    # the edition is in its call: the round is closed, refused with the form shown again
    "jury-candidate:save": (
        "post",
        "competition:jury-candidate",
        JUR,
        "jury_score_form",
        outcomes(404, anonymous="login", jury=400),
    ),
    "jury-conflict": (
        "post",
        "competition:jury-conflict",
        JUR,
        {"reason": "I advised their plan."},
        outcomes(404, anonymous="login", jury="moved"),
    ),
    "jury-plan": ("get", "competition:jury-plan", JUR, None, JURY),
    "jury-file": (
        "get",
        "competition:jury-file",
        {**JUR, "file_pk": "candidate_file"},
        None,
        JURY,
    ),
}


def world_extend(base):
    from pearls.competition import applications
    from pearls.competition.models import Application, Edition, Milestone
    from pearls.competition.services import criteria_defaults_create, questions_defaults_create
    from pearls.plans.models import Plan
    from tests.people import make_municipality

    edition = base["edition"]
    questions_defaults_create(edition)
    criteria_defaults_create(edition)
    day = (timezone.now() + datetime.timedelta(days=30)).date()
    Milestone.objects.create(
        edition=edition, kind=Milestone.Kind.APPLICATION_DEADLINE, local_date=day
    )
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.CALL)
    edition.refresh_from_db()
    coordinator = base["coordinator"]
    application = applications.application_start(
        edition=edition, municipality=base["town_a"], actor=coordinator
    )
    answers = {q.key: "A short answer." for q in edition.questions.all() if q.kind == "text"}
    answers["population"] = "5000"
    applications.application_save(
        application=application, answers=answers, base_revision=0, actor=coordinator
    )
    attached = applications.application_file_add(
        application=application,
        question_key="commitment",
        upload=SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n%%EOF\n"),
        actor=coordinator,
    )
    other_coordinator = base["people"]["member_other"]
    submitted = applications.application_start(
        edition=edition, municipality=base["town_b"], actor=other_coordinator
    )
    submitted_file = applications.application_file_add(
        application=submitted,
        question_key="commitment",
        upload=SimpleUploadedFile("letter-b.pdf", b"%PDF-1.4\n%%EOF\n"),
        actor=other_coordinator,
    )
    Application.objects.filter(pk=submitted.pk).update(
        status=Application.Status.SUBMITTED, submitted_at=timezone.now()
    )
    criteria = edition.criteria.filter(stage="pre_selection")
    score_form = {"action": "save"}
    for criterion in criteria:
        score_form[f"score-{criterion.code}"] = 7
        score_form[f"comment-{criterion.code}"] = "Clear."
    town_c = make_municipality("town-c", "LT")
    candidate = Application.objects.create(edition=edition, municipality=town_c)
    candidate_file = applications.application_file_add(
        application=candidate,
        question_key="commitment",
        upload=SimpleUploadedFile("letter-c.pdf", b"%PDF-1.4\n%%EOF\n"),
        actor=base["people"]["secretariat"],
    )
    Application.objects.filter(pk=candidate.pk).update(status=Application.Status.SHORTLISTED)
    Plan.objects.create(
        municipality=town_c, edition=edition, title="Town C plan", state=Plan.State.SUBMITTED
    )
    jury_score_form = {"action": "save"}
    for criterion in edition.criteria.filter(stage="final"):
        jury_score_form[f"score-{criterion.code}"] = 8
        jury_score_form[f"comment-{criterion.code}"] = "Well argued."
    return {
        "candidate": candidate.pk,
        "candidate_file": candidate_file.pk,
        "jury_score_form": jury_score_form,
        "submitted_application": submitted.pk,
        "submitted_file": submitted_file.pk,
        "score_form": score_form,
        "application": application.pk,
        "application_file": attached.pk,
        "application_form": {"revision": application.revision, "motivation": "Changed."},
        "eligibility_form": {
            f"a{application.pk}-decision": "eligible",
            f"a{application.pk}-reason": "Checked by hand.",
        },
    }
