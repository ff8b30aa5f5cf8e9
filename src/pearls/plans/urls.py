from django.urls import path

from . import action_views, export_views, history_views, views

app_name = "plans"
P = "municipalities/<slug:slug>/plans/"
PLAN = P + "<int:pk>/"
urlpatterns = [
    path(P, views.plans, name="plans"),
    path(P + "new/", views.plan_create, name="plan-create"),
    path(PLAN, views.plan, name="plan"),
    path(PLAN + "languages/", views.plan_languages, name="plan-languages"),
    path(PLAN + "share/", views.plan_share, name="plan-share"),
    path(PLAN + "submit/", views.plan_submit, name="plan-submit"),
    path(PLAN + "reopen/", views.plan_reopen, name="plan-reopen"),
    path(PLAN + "implementation/", views.plan_implementation, name="plan-implementation"),
    path(PLAN + "objectives/", views.objectives, name="objectives"),
    path(PLAN + "sections/<slug:key>/", views.section, name="section"),
    path(PLAN + "sections/<slug:key>/comments/", views.comment_add, name="comment-add"),
    path(
        PLAN + "comments/<int:comment_pk>/resolve/",
        views.comment_resolve,
        name="comment-resolve",
    ),
    path(PLAN + "comments/<int:comment_pk>/reopen/", views.comment_reopen, name="comment-reopen"),
    path(PLAN + "actions/new/", action_views.action_new, name="action-new"),
    path(PLAN + "actions/<int:action_pk>/", action_views.action, name="action"),
    path(
        PLAN + "actions/<int:action_pk>/delete/", action_views.action_delete, name="action-delete"
    ),
    path(
        PLAN + "actions/<int:action_pk>/practices/",
        action_views.practice_attach,
        name="practice-attach",
    ),
    path(PLAN + "conflicts/<int:conflict_pk>/", history_views.conflict, name="conflict"),
    path(PLAN + "history/", history_views.history, name="history"),
    path(PLAN + "history/<int:number>/", history_views.version, name="version"),
    path(
        PLAN + "history/<int:number>/restore/",
        history_views.version_restore,
        name="version-restore",
    ),
    path(PLAN + "export.pdf", export_views.export_pdf, name="export-pdf"),
    path(PLAN + "export.docx", export_views.export_docx, name="export-docx"),
    path(PLAN + "export.json", export_views.export_json, name="export-json"),
]
