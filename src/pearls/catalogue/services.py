"""Writes to the catalogue. Views, admin, commands and the API all go through these."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pearls.core.audit import audit_record
from pearls.search.lexical import index_practices

from .interchange import RECORD_FIELDS, fields_from_record, record_from_practice
from .models import Practice, PracticeCode
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
    return report


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
        practice.save()
        _reindex([practice])
        audit_record(
            action="catalogue.practice_create" if created else "catalogue.practice_update",
            actor=actor,
            obj=practice,
            details={"id": practice.slug},
        )
    return practice
