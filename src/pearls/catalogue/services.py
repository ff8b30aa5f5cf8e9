"""Writes to the catalogue. Views, admin, commands and the API all go through these."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pearls.core.audit import actor_ref, audit_record
from pearls.core.db import statistics_refresh
from pearls.core.mail import mail_send
from pearls.core.models import AuditEntry
from pearls.core.notifications import notification_send
from pearls.search.lexical import index_practices
from pearls.search.tasks import vectors_queue

from .interchange import RECORD_FIELDS, fields_from_record, record_from_practice
from .models import Practice, PracticeCode, PracticeRevision
from .validation import record_errors
from .vocabulary import CODE_FIELDS

CHUNK = 500


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def written(self):
        return self.created + self.updated


def _sync_codes(practices):
    PracticeCode.objects.filter(practice__in=[p.pk for p in practices]).delete()
    PracticeCode.objects.bulk_create(
        [
            PracticeCode(practice_id=practice.pk, vocabulary=vocabulary, code=code)
            for practice in practices
            for vocabulary in CODE_FIELDS
            for code in getattr(practice, vocabulary)
        ],
        batch_size=CHUNK,
    )


def _reindex(practices):
    _sync_codes(practices)
    index_practices(practices)
    vectors_queue([practice.pk for practice in practices])


def practices_import(*, records, actor=None, source_name="", dry_run=False):
    """Upsert valid interchange records by ``id``, all in one transaction.

    ``records`` are dicts already checked by ``validation.record_errors``. Records identical to
    what is stored count as unchanged and are not written, so importing a file twice changes
    nothing the second time. Writes one audit entry. With ``dry_run`` the transaction is rolled
    back. Returns an ``ImportReport``.
    """
    report = ImportReport()
    records = list(records)
    with transaction.atomic():
        slugs = [record["id"] for record in records]
        existing = {}
        for start in range(0, len(slugs), CHUNK):
            for practice in Practice.objects.filter(slug__in=slugs[start : start + CHUNK]):
                existing[practice.slug] = practice
        to_create, to_update = [], []
        now = timezone.now()
        for record in records:
            values = fields_from_record(record)
            practice = existing.get(record["id"])
            if practice is None:
                to_create.append(Practice(**values))
                continue
            if record_from_practice(practice) == record_from_practice(Practice(**values)):
                report.unchanged += 1
                continue
            for name, value in values.items():
                setattr(practice, name, value)
            practice.modified_at = now
            to_update.append(practice)
        created = Practice.objects.bulk_create(to_create, batch_size=CHUNK)
        if created and created[0].pk is None:  # backends that do not return ids
            by_slug = dict(
                Practice.objects.filter(slug__in=[p.slug for p in created]).values_list(
                    "slug", "pk"
                )
            )
            for practice in created:
                practice.pk = by_slug[practice.slug]
        Practice.objects.bulk_update(to_update, [*RECORD_FIELDS, "modified_at"], batch_size=CHUNK)
        changed = [*created, *to_update]
        for start in range(0, len(changed), CHUNK):
            _reindex(changed[start : start + CHUNK])
        report.created, report.updated = len(created), len(to_update)
        _record_imports(created, to_update, actor=actor, source_name=source_name)
        audit_record(
            action="catalogue.practices_import",
            actor=actor,
            object_type="catalogue.practice",
            details={
                "source": source_name,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "dry_run": dry_run,
            },
        )
        if dry_run:
            transaction.set_rollback(True)
    if report.created and not dry_run:
        statistics_refresh()
    return report


def _record_imports(created, updated, *, actor, source_name):
    """Each imported practice gets the same history and audit trail as a reviewed proposal."""
    revisions, entries = [], []
    for kind, practices in (
        ("catalogue.practice_import_create", created),
        ("catalogue.practice_import_update", updated),
    ):
        for practice in practices:
            revisions.append(
                PracticeRevision(
                    practice_id=practice.pk,
                    kind=PracticeRevision.Kind.IMPORTED,
                    actor=actor if getattr(actor, "is_authenticated", False) else None,
                    record=record_from_practice(practice),
                    note=source_name,
                )
            )
            entries.append(
                AuditEntry(
                    action=kind,
                    actor=actor_ref(actor),
                    object_type="catalogue.practice",
                    object_id=str(practice.pk),
                    details={"id": practice.slug, "source": source_name},
                )
            )
    PracticeRevision.objects.bulk_create(revisions, batch_size=CHUNK)
    AuditEntry.objects.bulk_create(entries, batch_size=CHUNK)


def practice_save(*, practice, actor=None):
    """Save an edited practice (admin): validate it as an interchange record, then reindex.

    Raises ``ValidationError`` listing every schema problem; nothing is written then.
    Writes an audit entry.
    """
    problems = record_errors(record_from_practice(practice))
    if problems:
        raise ValidationError([str(problem) for problem in problems])
    with transaction.atomic():
        created = practice.pk is None
        if not created:
            practice.version += 1  # open proposal and review forms must see the edit
        practice.save()
        _reindex([practice])
        audit_record(
            action="catalogue.practice_create" if created else "catalogue.practice_update",
            actor=actor,
            obj=practice,
            details={"id": practice.slug},
        )
    return practice


# --- Proposals and review -------------------------------------------------------------------


class StaleVersionError(ValidationError):
    """The practice changed since the form was opened (another tab, a colleague, a reviewer)."""


def _lock(practice, version):
    """Re-read ``practice`` for update and refuse a stale ``version``."""
    current = Practice.objects.select_for_update().get(pk=practice.pk)
    if version is not None and current.version != version:
        raise StaleVersionError(
            _(
                "This practice was changed elsewhere since you opened it (in another tab, by a "
                "colleague or by a reviewer). Your text is still in the form: copy what you "
                "need, then reload the page."
            ),
            code="stale",
        )
    return current


def _unique_slug(country, title):
    base = slugify(f"{country}-{title}")[:70].strip("-") or "practice"
    slug, n = base, 2
    while Practice.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def practice_start(*, actor, original_language, title, municipality=None):
    """Create a draft proposal owned by ``actor``. Audited. Returns the practice."""
    with transaction.atomic():
        practice = Practice.objects.create(
            slug=_unique_slug(municipality.country if municipality else "", title),
            title={original_language: title},
            original_language=original_language,
            country=municipality.country if municipality else "",
            place=municipality.official_name if municipality else "",
            region=(municipality.nuts3 if municipality else "") or "",
            population=municipality.population if municipality else None,
            latitude=municipality.latitude if municipality else None,
            longitude=municipality.longitude if municipality else None,
            status=Practice.Status.DRAFT,
            municipality=municipality,
            author=actor,
            license="CC-BY-4.0",
            source="Pearls",
        )
        audit_record(action="catalogue.practice_start", actor=actor, obj=practice)
    return practice


EDITABLE = Practice.EDITABLE


def practice_draft_save(*, practice, values, actor, version):
    """Save the author's edits to a draft or returned practice (incomplete is fine).

    Raises ``StaleVersionError`` if someone saved in between, ``ValidationError`` if the
    practice is not editable. Audits the changed field names. Returns the saved practice.
    """
    with transaction.atomic():
        current = _lock(practice, version)
        if current.status not in EDITABLE:
            raise ValidationError(
                _("This practice is with the reviewers and cannot be changed now."),
                code="not_editable",
            )
        changed = [name for name, value in values.items() if getattr(current, name) != value]
        if not changed:
            return current
        for name in changed:
            setattr(current, name, values[name])
        current.version += 1
        current.save()
        audit_record(
            action="catalogue.practice_draft_save", actor=actor, obj=current, changed=changed
        )
    return current


def _reviewers():
    from pearls.accounts.models import RoleAssignment

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role__in=[
                RoleAssignment.Role.REVIEWER,
                RoleAssignment.Role.SECRETARIAT,
            ],
        )
        .distinct()
    )


def practice_submit(*, practice, actor, version):
    """Send a draft or returned practice to the reviewers.

    Raises ``ValidationError`` with every schema problem (nothing changes then), or
    ``StaleVersionError``. Records a revision, audits, notifies the reviewers.
    """
    with transaction.atomic():
        current = _lock(practice, version)
        if current.status not in EDITABLE:
            raise ValidationError(_("This practice was already submitted."), code="submitted")
        problems = record_errors(record_from_practice(current))
        if problems:
            raise ValidationError([ValidationError(str(p), code=p.field) for p in problems])
        current.status = Practice.Status.SUBMITTED
        current.submitted_at = timezone.now()
        current.version += 1
        current.save()
        PracticeRevision.objects.create(
            practice=current,
            kind=PracticeRevision.Kind.SUBMITTED,
            actor=actor,
            record=record_from_practice(current),
        )
        audit_record(action="catalogue.practice_submit", actor=actor, obj=current)
        url = reverse("catalogue:practice-review", kwargs={"slug": current.slug})
        for reviewer in _reviewers():
            notification_send(
                user=reviewer,
                text=lambda current=current: (
                    _("A practice waits for review: %(title)s") % {"title": current}
                ),
                url=url,
            )
    return current


def _tell_author(practice, template, text):
    author = practice.author
    if author is None or not author.is_active:
        return
    url = reverse("catalogue:practice-edit", kwargs={"slug": practice.slug})
    if practice.status == Practice.Status.PUBLISHED:
        url = practice.get_absolute_url()
    notification_send(user=author, text=text, url=url)
    mail_send(
        to=author.email,
        template=template,
        context={
            "practice": practice,
            "title": str(practice),
            "note": practice.review_note,
            "url": settings.PEARLS_SITE_URL.rstrip("/") + url,
            "name": author.name,
        },
        language=author.language,
    )


def practice_return(*, practice, actor, note, version):
    """Return a submitted practice to its author with the reviewer's note (required).

    Raises ``ValidationError`` (no note, wrong state) or ``StaleVersionError``. Records a
    revision, audits, notifies and e-mails the author after the commit.
    """
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Write a note that tells the author what to change."), code="note")
    with transaction.atomic():
        current = _lock(practice, version)
        if current.status != Practice.Status.SUBMITTED:
            raise ValidationError(_("Only submitted practices can be returned."), code="state")
        current.status = Practice.Status.RETURNED
        current.review_note = note
        current.version += 1
        current.save()
        PracticeRevision.objects.create(
            practice=current,
            kind=PracticeRevision.Kind.RETURNED,
            actor=actor,
            record=record_from_practice(current),
            note=note,
        )
        audit_record(action="catalogue.practice_return", actor=actor, obj=current)
        _tell_author(
            current,
            "practice_returned",
            lambda: _("Your practice was returned with a note: %(title)s") % {"title": current},
        )
    return current


def practice_publish(*, practice, actor, version, note=""):
    """Publish a submitted practice: it joins the catalogue, export, API and search.

    Raises ``ValidationError`` (schema problems, wrong state) or ``StaleVersionError``.
    Records a revision, audits, notifies and e-mails the author after the commit.
    """
    with transaction.atomic():
        current = _lock(practice, version)
        if current.status != Practice.Status.SUBMITTED:
            raise ValidationError(_("Only submitted practices can be published."), code="state")
        current.updated = timezone.localdate()
        problems = record_errors(record_from_practice(current))
        if problems:
            raise ValidationError([ValidationError(str(p), code=p.field) for p in problems])
        current.status = Practice.Status.PUBLISHED
        current.review_note = (note or "").strip()
        current.version += 1
        current.save()
        _reindex([current])
        PracticeRevision.objects.create(
            practice=current,
            kind=PracticeRevision.Kind.PUBLISHED,
            actor=actor,
            record=record_from_practice(current),
            note=current.review_note,
        )
        audit_record(action="catalogue.practice_publish", actor=actor, obj=current)
        _tell_author(
            current,
            "practice_published",
            lambda: _("Your practice is published: %(title)s") % {"title": current},
        )
    return current
