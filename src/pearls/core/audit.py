"""The audit log: every service that changes programme data records it here."""

from .models import AuditEntry


def actor_ref(user):
    """The opaque id an audit entry names a person by ("" for nobody, a command or the system)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(user.public_id)


def audit_record(
    *, action, actor=None, obj=None, object_type="", object_id="", changed=(), details=None
):
    """Write one audit entry (inside the caller's transaction). Returns the entry.

    ``changed`` names the fields that changed; ``details`` must hold no personal values (names,
    e-mail addresses): people appear only as opaque ids.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEntry.objects.create(
        action=action,
        actor=actor_ref(actor),
        object_type=object_type,
        object_id=object_id,
        changed_fields=sorted(changed),
        details=details or {},
    )
