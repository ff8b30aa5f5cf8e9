from django.urls import path

from . import views

app_name = "worksheets"
urlpatterns = [
    path("municipalities/<slug:slug>/worksheets/", views.worksheets, name="worksheets"),
    path("municipalities/<slug:slug>/worksheets/<slug:key>/", views.canvas, name="canvas"),
    path(
        "municipalities/<slug:slug>/worksheets/<slug:key>/pdf/",
        views.canvas_pdf,
        name="canvas-pdf",
    ),
]
