"""Who may do what in the catalogue. Views, API and templates ask these predicates."""

from django.http import Http404

from pearls.accounts import access as people

from .models import Practice


def is_author(user, practice):
    """The person who proposed it, or a member of the municipality it was proposed for."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if practice.author_id == user.pk:
        return True
    return bool(
        practice.municipality_id
        and user.memberships.filter(municipality_id=practice.municipality_id).exists()
    )


def can_view_practice(user, practice):
    """Published practices are public; others for their authors, reviewers and the
    secretariat."""
    if practice.status == Practice.Status.PUBLISHED:
        return True
    return is_author(user, practice) or people.can_review_practices(user)


def can_propose_practice(user):
    return bool(user and user.is_authenticated and user.is_active)


def can_edit_proposal(user, practice):
    """Authors edit drafts and returned practices; submitted ones wait for the reviewers."""
    return practice.status in Practice.EDITABLE and is_author(user, practice)


def can_review(user, practice=None):
    """Reviewers and the secretariat review, but never a practice they or their municipality's
    team proposed."""
    if not people.can_review_practices(user):
        return False
    return practice is None or not is_author(user, practice)


def can_view_contacts(user):
    """Contact details of authors are for signed-in people only."""
    return bool(user and user.is_authenticated and user.is_active)


def can_edit_practice(user, practice):
    """The secretariat edits published practices in the admin."""
    return bool(
        user and user.is_active and user.is_staff and user.has_perm("catalogue.change_practice")
    )


def _fetch(user, slug, allowed):
    practice = Practice.objects.select_related("municipality", "author").filter(slug=slug).first()
    if practice is None or not allowed(user, practice):
        raise Http404("No such practice.")
    return practice


def practice_for_view(user, slug):
    """The practice ``slug`` if ``user`` may see it; 404 for missing and forbidden alike."""
    return _fetch(user, slug, can_view_practice)


def practice_for_edit(user, slug):
    """A proposal its author may open (drafts, returned and submitted ones)."""
    return _fetch(
        user, slug, lambda u, p: is_author(u, p) and p.status != Practice.Status.PUBLISHED
    )


def practice_for_review(user, slug):
    return _fetch(user, slug, can_review)
