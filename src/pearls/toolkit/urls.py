from django.urls import path

from . import views

app_name = "toolkit"
urlpatterns = [
    path("municipalities/<slug:slug>/toolkit/", views.toolkit, name="toolkit"),
    path(
        "municipalities/<slug:slug>/toolkit/assessments/new/",
        views.assessment_open,
        name="assessment-open",
    ),
    path(
        "municipalities/<slug:slug>/toolkit/assessments/<int:pk>/",
        views.assessment,
        name="assessment",
    ),
    path(
        "municipalities/<slug:slug>/toolkit/assessments/<int:pk>/answer/",
        views.assessment_answer,
        name="assessment-answer",
    ),
    path(
        "municipalities/<slug:slug>/toolkit/assessments/<int:pk>/close/",
        views.assessment_close,
        name="assessment-close",
    ),
    path(
        "municipalities/<slug:slug>/toolkit/assessments/<int:pk>/reopen/",
        views.assessment_reopen,
        name="assessment-reopen",
    ),
    path(
        "municipalities/<slug:slug>/toolkit/assessments/<int:pk>/link/",
        views.assessment_new_link,
        name="assessment-link",
    ),
    path("survey/<str:key>/", views.survey, name="survey"),
    path("survey/<str:key>/thanks/", views.survey_thanks, name="survey-thanks"),
]
