from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("me/data.json", views.personal_data, name="personal-data"),
    path("me/delete/", views.account_delete, name="account-delete"),
    path("me/notifications/", views.notifications, name="notifications"),
    path("privacy/", views.privacy, name="privacy"),
    path("municipalities/", views.municipality_list, name="municipality-list"),
    path("municipalities/<slug:slug>/", views.municipality_detail, name="municipality-detail"),
    path("municipalities/<slug:slug>/edit/", views.municipality_edit, name="municipality-edit"),
    path("municipalities/<slug:slug>/team/", views.team, name="team"),
    path(
        "municipalities/<slug:slug>/joint-applicants/new/",
        views.partnership_create,
        name="partnership-create",
    ),
    path("municipalities/<slug:slug>/team/invite/", views.team_invite, name="team-invite"),
    path("municipalities/<slug:slug>/team/<int:pk>/remove/", views.team_remove, name="team-remove"),
    path("municipalities/<slug:slug>/team/handover/", views.team_handover, name="team-handover"),
    path(
        "municipalities/<slug:slug>/team/invitations/<int:pk>/withdraw/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("secretariat/", views.dashboard, name="dashboard"),
    path("secretariat/audit/", views.audit_log, name="audit-log"),
    path("secretariat/roles/", views.roles, name="roles"),
]
