"""Writes of applications: start, save answers, attach files, submit, decide eligibility.

Each function is keyword-only, runs in one transaction, locks the application row where two
requests could race (two tabs autosaving, a double click on "Submit") and writes its audit
entry. Deadlines are checked here, on the server, in the edition's own time zone: what the
browser shows is only a courtesy.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pearls.accounts.models import Membership
from pearls.core.audit import audit_record
from pearls.core.mail import mail_send

from .eligibility import check_application
from .models import Application, ApplicationFile, Edition, Milestone, Question

Status = Application.Status
Kind = Question.Kind

# The first bytes of each file type we can recognise. Office formats are ZIP containers.
_ZIP = (b"PK\x03\x04",)
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
    "zip": _ZIP,
}


class ApplicationConflict(ValidationError):  # noqa: N818 — a refusal, like ValidationError
    """Someone saved the application since the writer loaded it: nothing was overwritten.

    ``answers`` and ``revision`` are what the application holds now."""

    def __init__(self, *, answers, revision):
        super().__init__(
            _(
                "Someone else saved this application while you were writing. Your text was "
                "not saved; copy it, reload the page and add it again."
            ),
            code="conflict",
        )
        self.answers = answers
        self.revision = revision


def words_count(text):
    """Words as the form counts them: runs of characters between spaces."""
    return len(str(text or "").split())


def deadline_text(edition):
    """The application deadline as "8 September 2026, 23:59 (Europe/Warsaw time)" pieces:
    (local date and time, zone name), or None when the edition has no deadline."""
    moment = edition.deadline(Milestone.Kind.APPLICATION_DEADLINE)
    if moment is None:
        return None
    return date_format(moment, "DATETIME_FORMAT"), edition.time_zone


def call_blockers(edition, now=None):
    """Why nobody can apply to ``edition`` now: a list of sentences (empty: the call is open).
    Checks the phase and the application deadline in the edition's time zone."""
    now = now or timezone.now()
    if edition.phase != Edition.Phase.CALL:
        return [
            _("The call for applications of %(edition)s is not open.") % {"edition": edition.name}
        ]
    moment = edition.deadline(Milestone.Kind.APPLICATION_DEADLINE)
    if moment is not None and now >= moment:
        deadline, zone = deadline_text(edition)
        return [
            _("The deadline was %(deadline)s (%(zone)s time).")
            % {"deadline": deadline, "zone": zone}
        ]
    return []


def _refuse_unless_open(application, now=None):
    if application.status != Status.DRAFT:
        raise ValidationError(
            _("The application is %(status)s and can no longer be changed.")
            % {"status": application.get_status_display().lower()},
            code="closed",
        )
    blockers = call_blockers(application.edition, now)
    if blockers:
        raise ValidationError(blockers, code="deadline")


def _locked(application):
    locked = (
        # only the application's row: PostgreSQL cannot lock the nullable side of the join
        Application.objects.select_for_update(of=("self",))
        .select_related("edition", "municipality", "partnership")
        .get(pk=application.pk)
    )
    locked.edition = application.edition  # keep the milestones already read
    return locked


def application_start(*, edition, municipality, actor, partnership=None, now=None):
    """The draft application of ``municipality`` to ``edition``, created if it has none.

    Idempotent: an existing application is returned unchanged (whatever its status). A new
    one is refused with ValidationError unless the edition's call is open (phase and
    deadline). Audited as ``application.start``."""
    with transaction.atomic():
        existing = Application.objects.filter(edition=edition, municipality=municipality).first()
        if existing is not None:
            return existing
        blockers = call_blockers(edition, now)
        if blockers:
            raise ValidationError(blockers, code="deadline")
        application = Application.objects.create(
            edition=edition, municipality=municipality, partnership=partnership, created_by=actor
        )
        audit_record(action="application.start", actor=actor, obj=application)
    return application


def _clean_answer(question, value):
    """``value`` in its stored form (None: empty), or ValidationError naming the question."""
    params = {"question": question.label}
    if value is None or value == "" or value == []:
        return None
    if question.kind == Kind.TEXT:
        text = str(value).strip()
        count = words_count(text)
        if question.word_limit and count > question.word_limit:
            raise ValidationError(
                ngettext(
                    "The answer to “%(question)s” has %(count)s word; the limit is %(limit)s.",
                    "The answer to “%(question)s” has %(count)s words; the limit is %(limit)s.",
                    count,
                )
                % {**params, "count": count, "limit": question.word_limit},
                code="word_limit",
            )
        return text or None
    if question.kind == Kind.NUMBER:
        try:
            number = float(str(value).strip().replace(" ", "").replace(",", "."))
        except ValueError:
            raise ValidationError(
                _("The answer to “%(question)s” must be a number.") % params, code="number"
            ) from None
        return int(number) if number.is_integer() else number
    if question.kind == Kind.DATE:
        try:
            return datetime.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise ValidationError(
                _("The answer to “%(question)s” must be a date like 2026-09-08.") % params,
                code="date",
            ) from None
    if question.kind == Kind.CHOICE:
        if value not in question.option_list:
            raise ValidationError(
                _("Choose one of the options given for “%(question)s”.") % params, code="choice"
            )
        return value
    if question.kind == Kind.CHOICES:
        values = [value] if isinstance(value, str) else list(value)
        if any(item not in question.option_list for item in values):
            raise ValidationError(
                _("Choose among the options given for “%(question)s”.") % params, code="choice"
            )
        return [item for item in question.option_list if item in values] or None
    raise ValidationError(
        _("Upload the file for “%(question)s” with the upload button.") % params, code="file"
    )


def application_save(*, application, answers, base_revision, actor, now=None):
    """Save ``answers`` ({question key: value}) over the application's answers.

    Keys not given keep their answer; an empty value clears it. Every value is checked (known
    question, type, options, word limit) before anything is written: one refusal refuses the
    whole save with ValidationError({key: [sentence]}). Raises ApplicationConflict when
    ``base_revision`` is not the stored revision, and ValidationError once the application
    is submitted or the call has closed. Increments ``revision``; audited as
    ``application.save`` (question keys only, never the text)."""
    with transaction.atomic():
        locked = _locked(application)
        _refuse_unless_open(locked, now)
        if int(base_revision) != locked.revision:
            raise ApplicationConflict(answers=locked.answers, revision=locked.revision)
        questions = {q.key: q for q in locked.edition.questions.all()}
        errors, cleaned = {}, {}
        for key, value in answers.items():
            question = questions.get(key)
            if question is None:
                errors[key] = [_("There is no question %(key)s in this form.") % {"key": key}]
                continue
            try:
                cleaned[key] = _clean_answer(question, value)
            except ValidationError as error:
                errors[key] = error.messages
        if errors:
            raise ValidationError(errors)
        merged = dict(locked.answers)
        for key, value in cleaned.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        changed = sorted(
            k for k in set(merged) | set(locked.answers) if merged.get(k) != locked.answers.get(k)
        )
        if changed:
            locked.answers = merged
            locked.revision += 1
            locked.save(update_fields=["answers", "revision", "updated_at"])
            audit_record(
                action="application.save",
                actor=actor,
                obj=locked,
                changed=["answers"],
                details={"questions": changed},
            )
    application.answers, application.revision = locked.answers, locked.revision
    application.updated_at = locked.updated_at
    return locked


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def application_file_add(*, application, question_key, upload, actor, now=None):
    """Attach ``upload`` (a Django UploadedFile) as the answer to file question
    ``question_key``, replacing the file it had.

    Refused with ValidationError when the question is not a file question, the name's ending
    is not among its allowed types, the first bytes do not match that type (a renamed file),
    the file is larger than the limit, or the application can no longer change. Audited as
    ``application.file_add``; a replaced file leaves the storage once the transaction
    commits."""
    question = application.edition.questions.filter(key=question_key, kind=Kind.FILE).first()
    if question is None:
        raise ValidationError(_("This question takes no file."), code="question")
    params = {"question": question.label, "name": upload.name}
    extension = _extension(upload.name)
    allowed = question.file_type_list
    if extension not in allowed:
        raise ValidationError(
            _("“%(name)s” is not accepted for “%(question)s”: upload a file of type %(types)s.")
            % {**params, "types": ", ".join(t.upper() for t in allowed)},
            code="file_type",
        )
    if upload.size > question.max_size_mb * 1024 * 1024:
        raise ValidationError(
            _("“%(name)s” is larger than %(size)s MB, the limit for “%(question)s”.")
            % {**params, "size": question.max_size_mb},
            code="file_size",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    signatures = SIGNATURES.get(extension)
    if signatures and not head.startswith(signatures):
        raise ValidationError(
            _(
                "“%(name)s”, uploaded for “%(question)s”, is not a real %(type)s file: its "
                "content does not match its name. Save or export it again as %(type)s."
            )
            % {**params, "type": extension.upper()},
            code="file_content",
        )
    with transaction.atomic():
        locked = _locked(application)
        _refuse_unless_open(locked, now)
        replaced = list(locked.files.filter(question=question_key))
        for old in replaced:
            _file_delete(old)
        added = ApplicationFile(
            application=locked, question=question_key, name=upload.name[:200], size=upload.size
        )
        added.file.save(upload.name, upload, save=False)
        added.save()
        audit_record(
            action="application.file_add",
            actor=actor,
            obj=locked,
            details={"question": question_key, "size": upload.size, "replaced": len(replaced)},
        )
    return added


def _file_delete(attached):
    storage, name = attached.file.storage, attached.file.name
    attached.delete()
    # The stored bytes go only once the row is gone for good: a rollback keeps both.
    transaction.on_commit(lambda: storage.delete(name))


def application_file_remove(*, application, attached, actor, now=None):
    """Remove the file ``attached`` from the draft ``application``.

    Refused with ValidationError when the file is not the application's or the application
    can no longer change. Audited as ``application.file_remove``."""
    if attached.application_id != application.pk:
        raise ValidationError(_("This file is not part of the application."), code="file")
    with transaction.atomic():
        locked = _locked(application)
        _refuse_unless_open(locked, now)
        question = attached.question
        _file_delete(attached)
        audit_record(
            action="application.file_remove",
            actor=actor,
            obj=locked,
            details={"question": question},
        )


def application_missing(application):
    """What stops ``application`` from being submitted: translated sentences, one per gap
    (required answer or file missing, answer over its word limit). Empty: complete."""
    with_file = set(application.files.values_list("question", flat=True))
    found = []
    for question in application.edition.questions.all():
        params = {"question": question.label}
        if question.kind == Kind.FILE:
            if question.required and question.key not in with_file:
                found.append(_("Upload the file for “%(question)s”.") % params)
            continue
        value = application.answers.get(question.key)
        if question.required and value in (None, "", []):
            found.append(_("Answer “%(question)s”.") % params)
        elif question.kind == Kind.TEXT and question.word_limit:
            count = words_count(value)
            if count > question.word_limit:
                found.append(
                    _("Shorten “%(question)s” to %(limit)s words (it has %(count)s).")
                    % {**params, "limit": question.word_limit, "count": count}
                )
    return found


def eligibility_check(application):
    """The live eligibility check of ``application`` (lead and partners), in the reader's
    language. Reads only."""
    members = application.partnership.members.all() if application.partnership else ()
    return check_application(
        application.municipality, members, rules=application.edition.eligibility_rules
    )


def _receipt_summary(application):
    summary = []
    with_file = dict(application.files.values_list("question", "name"))
    for question in application.edition.questions.all():
        value = application.answers.get(question.key)
        if question.kind == Kind.FILE:
            value = with_file.get(question.key) or _("no file")
        elif question.kind == Kind.TEXT:
            count = words_count(value)
            value = ngettext("%(count)s word", "%(count)s words", count) % {"count": count}
        elif isinstance(value, list):
            value = ", ".join(value)
        summary.append((question.label, "" if value is None else value))
    return summary


def _receipt_send(application):
    coordinators = Membership.objects.filter(
        municipality=application.municipality, role=Membership.Role.COORDINATOR
    ).select_related("user")
    for membership in coordinators:
        user = membership.user
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            path = reverse(
                "competition:application",
                kwargs={
                    "slug": application.municipality.slug,
                    "year": application.edition.title_year,
                },
            )
            submitted = timezone.localtime(application.submitted_at, application.edition.zone)
            mail_send(
                to=user.email,
                template="application_receipt",
                context={
                    "application": application,
                    "municipality": application.municipality,
                    "edition": application.edition,
                    "submitted": date_format(submitted, "DATETIME_FORMAT"),
                    "zone": application.edition.time_zone,
                    "summary": _receipt_summary(application),
                    "url": settings.PEARLS_SITE_URL.rstrip("/") + path,
                },
                language=language,
            )


def application_submit(*, application, actor, now=None):
    """Submit ``application``: checks the deadline (in the edition's time zone) and
    completeness, stores the eligibility check as it stands, marks it submitted and e-mails a
    receipt to the municipality's coordinators once the transaction commits.

    Idempotent: an application already submitted is returned unchanged, without a second
    e-mail; the row is locked so a double click submits once. Raises ValidationError with the
    deadline sentence, with the list of what is missing, or when the application was
    withdrawn or decided. Audited as ``application.submit``."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(application)
        if locked.status == Status.SUBMITTED:
            return locked
        _refuse_unless_open(locked, now)
        missing = application_missing(locked)
        if missing:
            raise ValidationError(missing, code="incomplete")
        # The snapshot is kept in English, the language the committee reads applications in.
        with translation.override("en"):
            verdict = eligibility_check(locked)
        locked.eligibility = {
            "eligible": verdict.eligible,
            "reasons": verdict.reasons,
            "unknown": verdict.unknown,
            "counts_for_country": verdict.counts_for_country,
            "checked_at": now.isoformat(),
            "language": "en",
        }
        locked.status = Status.SUBMITTED
        locked.submitted_at = now
        locked.save(update_fields=["eligibility", "status", "submitted_at", "updated_at"])
        audit_record(
            action="application.submit",
            actor=actor,
            obj=locked,
            changed=["status", "submitted_at", "eligibility"],
            details={"eligible": verdict.eligible, "unknown": len(verdict.unknown)},
        )
        _receipt_send(locked)
    return locked


def eligibility_override(*, application, eligible, reason, actor):
    """The secretariat's decision on eligibility, over the automatic check: ``eligible`` True
    or False, or None to go back to the automatic check. ``reason`` is required for a
    decision. Raises ValidationError without a reason. Audited as ``application.eligibility``
    (the decision, not the reason's text)."""
    reason = (reason or "").strip()
    if eligible is not None and not reason:
        raise ValidationError(
            {"reason": [_("Give the reason for the decision; the municipality will read it.")]}
        )
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        before = locked.eligibility_override
        locked.eligibility_override = eligible
        locked.override_reason = reason if eligible is not None else ""
        locked.save(update_fields=["eligibility_override", "override_reason", "updated_at"])
        audit_record(
            action="application.eligibility",
            actor=actor,
            obj=locked,
            changed=["eligibility_override", "override_reason"],
            details={"from": before, "to": eligible},
        )
    return locked
