from django.urls import path

from . import views

app_name = "competition"
urlpatterns = [
    path("secretariat/editions/", views.editions, name="editions"),
    path("secretariat/editions/new/", views.edition_new, name="edition-new"),
    path("secretariat/editions/<int:year>/", views.edition, name="edition"),
    path("secretariat/editions/<int:year>/phase/", views.edition_phase, name="edition-phase"),
]
