import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pearls.core.models import Notification
from pearls.core.notifications import notifications_mark_read
from pearls.core.paging import paginate
from pearls.search import recommend

from . import access, selectors, services
from .forms import AccountDeleteForm, HandoverForm, InvitationForm, ProfileForm
from .models import Invitation, Membership, Municipality


def _first_error(error):
    return " ".join(error.messages)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    memberships = Membership.objects.filter(user=request.user).select_related("municipality")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": memberships,
            "roles": request.user.role_assignments.select_related("edition"),
            "needs_mfa": access.needs_mfa(request.user),
            "has_mfa": access.has_mfa(request.user),
        },
    )


@login_required
@require_safe
def personal_data(request):
    data = selectors.personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="pearls-personal-data.json"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Your account and your personal data were erased."))
        return redirect("home")
    return render(request, "accounts/account_delete.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notifications(request):
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
        return redirect("accounts:notifications")
    page, page_query = paginate(request, Notification.objects.filter(user=request.user), 30)
    return render(request, "accounts/notifications.html", {"page": page, "page_query": page_query})


@require_safe
def privacy(request):
    return render(request, "accounts/privacy.html")


@require_safe
def municipality_list(request):
    return render(
        request,
        "accounts/municipality_list.html",
        {"municipalities": selectors.municipalities_public()},
    )


@require_safe
def municipality_detail(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    return render(
        request,
        "accounts/municipality_detail.html",
        {
            "municipality": municipality,
            "can_view_team": access.can_view_team(request.user, municipality),
            "can_edit": access.can_edit_municipality(request.user, municipality),
            "practices": municipality.practices.filter(status="published").order_by("slug"),
            "partnerships": municipality.partnerships.select_related("lead").prefetch_related(
                "members"
            ),
            "can_manage_team": access.can_manage_team(request.user, municipality),
            "recommended": recommend.practices_for_municipality(municipality),
            "twins": recommend.twin_towns(municipality),
            "mentors": recommend.mentors_suggested(municipality)
            if access.can_view_team(request.user, municipality)
            else [],
        },
    )


def _team_page(request, municipality, *, invite_form=None, status=200):
    can_manage = access.can_manage_team(request.user, municipality)
    return render(
        request,
        "accounts/team.html",
        {
            "municipality": municipality,
            "members": selectors.team_members(municipality),
            "invitations": selectors.invitations_pending(municipality) if can_manage else [],
            "can_manage": can_manage,
            "is_coordinator": access.is_coordinator(request.user, municipality),
            "invite_form": invite_form or InvitationForm(),
            "handover_form": HandoverForm(municipality=municipality, exclude_user=request.user),
            "days": settings.PEARLS_INVITATION_DAYS,
        },
        status=status,
    )


@login_required
@require_safe
def team(request, slug):
    municipality = access.municipality_for_team(request.user, slug)
    return _team_page(request, municipality)


@login_required
@require_POST
def team_invite(request, slug):
    municipality = access.municipality_for_team(request.user, slug, manage=True)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                municipality=municipality,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:team", slug=slug)
    return _team_page(request, municipality, invite_form=form, status=400)


@login_required
@require_POST
def team_remove(request, slug, pk):
    municipality = access.municipality_for_team(request.user, slug)
    membership = get_object_or_404(Membership, pk=pk, municipality=municipality)
    leaving = membership.user_id == request.user.pk
    if not (leaving or access.can_manage_team(request.user, municipality)):
        raise Http404("No such member.")
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except ValidationError as error:
        messages.error(request, _first_error(error))
        return redirect("accounts:team", slug=slug)
    if leaving:
        messages.success(request, _("You left the team."))
        return redirect("accounts:profile")
    messages.success(request, _("The member was removed from the team."))
    return redirect("accounts:team", slug=slug)


@login_required
@require_POST
def team_handover(request, slug):
    municipality = access.municipality_for_team(request.user, slug, manage=True)
    form = HandoverForm(request.POST, municipality=municipality, exclude_user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a member of the team."))
        return redirect("accounts:team", slug=slug)
    services.coordinator_handover(
        municipality=municipality, to_membership=form.cleaned_data["member"], actor=request.user
    )
    messages.success(request, _("The coordinator role was handed over."))
    return redirect("accounts:team", slug=slug)


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    municipality = access.municipality_for_team(request.user, slug, manage=True)
    invitation = get_object_or_404(Invitation, pk=pk, municipality=municipality)
    services.invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("accounts:team", slug=slug)


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token):
    """The link in an invitation e-mail: shows the invitation; signed in, one click accepts."""
    found = services.invitation_for_token(token)
    if found is None:
        raise Http404("No such invitation.")
    problem = ""
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.invitation_accept(invitation=found, user=request.user)
        except ValidationError as error:
            problem = _first_error(error)
        else:
            messages.success(
                request,
                _("Welcome to the team of %(municipality)s.")
                % {"municipality": found.municipality.official_name},
            )
            return redirect("accounts:team", slug=found.municipality.slug)
    elif not found.is_pending and found.accepted_by_id != getattr(request.user, "pk", None):
        problem = _("This invitation can no longer be used. Ask the coordinator for a new one.")
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": found, "problem": problem, "next": request.get_full_path()},
        status=400 if problem and request.method == "POST" else 200,
    )


def _secretariat_only(request, allowed):
    """None if ``allowed(user)``; else a redirect to set up two-factor authentication (for
    a role that needs it) or 404."""
    if not allowed(request.user):
        if access.needs_mfa(request.user):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.get_full_path())
        raise Http404("No such page.")
    return None


@login_required
@require_safe
def dashboard(request):
    refused = _secretariat_only(request, access.can_view_dashboard)
    if refused:
        return refused
    from pearls.catalogue.models import Practice

    return render(
        request,
        "accounts/dashboard.html",
        {
            "people": selectors.people_with_roles()[:100],
            "people_count": selectors.people_with_roles().count(),
            "invitations": selectors.invitations_pending()[:50],
            "invitations_count": selectors.invitations_pending().count(),
            "waiting_practices": Practice.objects.filter(status=Practice.Status.SUBMITTED).count(),
            "audit": selectors.audit_entries()[:15],
        },
    )


@login_required
@require_safe
def audit_log(request):
    refused = _secretariat_only(request, access.can_view_audit)
    if refused:
        return refused
    from .forms import AuditFilterForm

    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries(**{k: v for k, v in filters.items() if v})
    page, page_query = paginate(request, entries, 50)
    return render(
        request, "accounts/audit_log.html", {"form": form, "page": page, "page_query": page_query}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def municipality_edit(request, slug):
    from .forms import MunicipalityForm

    municipality = get_object_or_404(Municipality, slug=slug)
    if not access.can_edit_municipality(request.user, municipality):
        raise Http404("No such municipality.")
    form = MunicipalityForm(request.POST or None, request.FILES or None, instance=municipality)
    if request.method == "POST":
        if form.is_valid():
            changed = form.apply()
            services.municipality_save(
                municipality=form.instance, actor=request.user, changed=changed
            )
            messages.success(request, _("The profile was saved."))
            return redirect(municipality.get_absolute_url())
        municipality.refresh_from_db()
    return render(
        request,
        "accounts/municipality_edit.html",
        {"form": form, "municipality": municipality},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def partnership_create(request, slug):
    from .forms import PartnershipForm

    municipality = access.municipality_for_team(request.user, slug, manage=True)
    form = PartnershipForm(request.POST or None, lead=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_create(
                name=form.cleaned_data["name"],
                lead=municipality,
                partners=list(form.cleaned_data["partners"]),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("partners", error)
        else:
            messages.success(request, _("The joint applicant was created."))
            return redirect(municipality.get_absolute_url())
    return render(
        request,
        "accounts/partnership_form.html",
        {"form": form, "municipality": municipality},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def roles(request):
    """The secretariat grants and revokes programme roles."""
    refused = _secretariat_only(request, access.can_manage_roles)
    if refused:
        return refused
    from .forms import RoleGrantForm
    from .models import RoleAssignment

    form = RoleGrantForm(request.POST or None)
    if request.method == "POST" and "revoke" in request.POST:
        revoke = request.POST.get("revoke", "")
        assignment = get_object_or_404(RoleAssignment, pk=int(revoke) if revoke.isdigit() else 0)
        services.role_revoke(assignment=assignment, actor=request.user)
        messages.success(request, _("The role was revoked."))
        return redirect("accounts:roles")
    if request.method == "POST" and form.is_valid():
        try:
            services.role_grant(
                user=form.person,
                role=form.cleaned_data["role"],
                country=form.cleaned_data["country"]
                if form.cleaned_data["role"] in RoleAssignment.PER_COUNTRY
                else "",
                edition=form.cleaned_data["edition"]
                if form.cleaned_data["role"] in RoleAssignment.PER_EDITION
                else None,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role was granted."))
            return redirect("accounts:roles")
    assignments = RoleAssignment.objects.select_related("user", "edition").order_by(
        "role", "user__name"
    )
    return render(
        request,
        "accounts/roles.html",
        {"form": form, "assignments": assignments},
        status=400 if form.errors else 200,
    )
