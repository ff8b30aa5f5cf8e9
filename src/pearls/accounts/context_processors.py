from . import access


def people(request):
    """Header data for signed-in people: unread notifications and the links their roles open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from pearls.core.models import Notification

    return {
        "unread_notifications": Notification.objects.filter(user=user, read_at=None).count(),
        "can_view_dashboard": access.can_view_dashboard(user),
        "can_review_practices": access.can_review_practices(user),
    }
