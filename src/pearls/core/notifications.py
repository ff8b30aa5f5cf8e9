"""The in-app notification centre: short messages with a link, beside the e-mails."""

from django.db import transaction
from django.utils import timezone, translation

from .models import Notification


def notification_send(*, user, text, url=""):
    """Store a notification for ``user``. ``text`` is a callable returning the message; it is
    called in the recipient's language so each person reads it in their own."""
    with translation.override(getattr(user, "language", None) or "en"):
        message = str(text())
    return Notification.objects.create(user=user, text=message[:300], url=url)


def notifications_mark_read(*, user):
    """Mark all the person's notifications read. Returns how many were unread."""
    with transaction.atomic():
        return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
