"""The audit log: every service that changes programme data records it here."""

from .models import AuditEntry


def audit_record(*, action, actor=None, obj=None, object_type="", object_id="", details=None):
    """Write one audit entry (inside the caller's transaction). Returns the entry."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        details=details or {},
    )
