from django.urls import path

from . import (
    application_views,
    document_views,
    jury_views,
    preselection_views,
    public_views,
    results_views,
    views,
)

app_name = "competition"
A = "municipalities/<slug:slug>/applications/<int:year>/"
P = "editions/<int:year>/pre-selection/"
J = "editions/<int:year>/jury/"
R = "editions/<int:year>/results/"
urlpatterns = [
    path("secretariat/editions/", views.editions, name="editions"),
    path("secretariat/editions/new/", views.edition_new, name="edition-new"),
    path("secretariat/editions/<int:year>/", views.edition, name="edition"),
    path("secretariat/editions/<int:year>/phase/", views.edition_phase, name="edition-phase"),
    path(
        "secretariat/editions/<int:year>/applications/",
        application_views.applications,
        name="applications",
    ),
    path(
        "secretariat/editions/<int:year>/applications/<int:pk>/eligibility/",
        application_views.application_eligibility,
        name="application-eligibility",
    ),
    path(A, application_views.application, name="application"),
    path(A + "start/", application_views.application_start, name="application-start"),
    path(A + "form/", application_views.application_form, name="application-form"),
    path(A + "files/", application_views.application_file_add, name="application-file-add"),
    path(A + "files/<int:pk>/", application_views.application_file, name="application-file"),
    path(
        A + "files/<int:pk>/remove/",
        application_views.application_file_remove,
        name="application-file-remove",
    ),
    path(A + "preview/", application_views.application_preview, name="application-preview"),
    path(A + "submit/", application_views.application_submit, name="application-submit"),
    path(A + "blank.pdf", application_views.application_blank, name="application-blank"),
    path(
        "secretariat/editions/<int:year>/pre-selection/",
        preselection_views.preselection_ranking,
        name="preselection-ranking",
    ),
    path(
        "secretariat/editions/<int:year>/pre-selection/shortlist/",
        preselection_views.shortlist,
        name="shortlist",
    ),
    path(P, preselection_views.preselection, name="preselection"),
    path(
        P + "<int:pk>/",
        preselection_views.preselection_application,
        name="preselection-application",
    ),
    path(
        P + "<int:pk>/conflict/",
        preselection_views.preselection_conflict,
        name="preselection-conflict",
    ),
    path(
        P + "<int:pk>/files/<int:file_pk>/",
        preselection_views.preselection_file,
        name="preselection-file",
    ),
    path(J, jury_views.jury, name="jury"),
    path(J + "<int:pk>/", jury_views.jury_candidate, name="jury-candidate"),
    path(J + "<int:pk>/conflict/", jury_views.jury_conflict, name="jury-conflict"),
    path(J + "<int:pk>/plan.pdf", jury_views.jury_plan, name="jury-plan"),
    path(J + "<int:pk>/files/<int:file_pk>/", jury_views.jury_file, name="jury-file"),
    # results, decision and publication (secretariat; the jury chair reads)
    path(R, results_views.results, name="results"),
    path(R + "decision/", results_views.decision, name="decision"),
    path(R + "publish/", results_views.decision_publish, name="decision-publish"),
    # documents
    path(A + "certificate.pdf", document_views.certificate, name="certificate"),
    path(A + "feedback.pdf", document_views.feedback_letter, name="feedback-letter"),
    path(R + "scores.csv", document_views.scores_csv, name="scores-csv"),
    # public: the Pearls and candidates on a map, an edition's published results
    path("pearls/", public_views.pearls, name="pearls"),
    path("pearls/<int:year>/", public_views.pearls_year, name="pearls-year"),
]
