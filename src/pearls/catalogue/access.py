"""Who may do what in the catalogue. Views, API and templates ask these predicates."""

from django.http import Http404

from .models import Practice


def can_view_practice(user, practice):
    """Published practices are public; the rest only for staff (the secretariat)."""
    if practice.status == Practice.Status.PUBLISHED:
        return True
    return bool(user and user.is_active and user.is_staff)


def can_edit_practice(user, practice):
    """The secretariat edits practices in the admin."""
    return bool(
        user and user.is_active and user.is_staff and user.has_perm("catalogue.change_practice")
    )


def practice_for_view(user, slug):
    """The practice ``slug`` if ``user`` may see it; 404 for missing and forbidden alike."""
    practice = Practice.objects.filter(slug=slug).first()
    if practice is None or not can_view_practice(user, practice):
        raise Http404("No such practice.")
    return practice
