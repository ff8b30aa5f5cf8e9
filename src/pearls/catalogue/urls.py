from django.urls import path

from . import curation_views, views

app_name = "catalogue"

urlpatterns = [
    path("", views.practice_list, name="practice-list"),
    path("map/", views.practice_map, name="practice-map"),
    path("propose/", curation_views.practice_propose, name="practice-propose"),
    path("mine/", curation_views.my_practices, name="my-practices"),
    path("review/", curation_views.review_queue, name="review-queue"),
    path("<slug:slug>/", views.practice_detail, name="practice-detail"),
    path("<slug:slug>/edit/", curation_views.practice_edit, name="practice-edit"),
    path("<slug:slug>/autosave/", curation_views.practice_autosave, name="practice-autosave"),
    path("<slug:slug>/review/", curation_views.practice_review, name="practice-review"),
]
