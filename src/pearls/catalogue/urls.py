from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.practice_list, name="practice-list"),
    path("map/", views.practice_map, name="practice-map"),
    path("<slug:slug>/", views.practice_detail, name="practice-detail"),
]
