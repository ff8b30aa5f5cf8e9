from django.urls import path

from . import views

app_name = "ecosystem"
PREFIX = "municipalities/<slug:slug>/ecosystem/"
urlpatterns = [
    path(PREFIX, views.ecosystem, name="ecosystem"),
    path(f"{PREFIX}grid/", views.grid_view, name="grid"),
    path(f"{PREFIX}map/", views.map_view, name="map"),
    path(f"{PREFIX}relationships/", views.relationships, name="relationships"),
    path(f"{PREFIX}relationships/add/", views.relationship_add, name="relationship-add"),
    path(
        f"{PREFIX}relationships/<int:pk>/delete/",
        views.relationship_delete,
        name="relationship-delete",
    ),
    path(f"{PREFIX}stakeholders/new/", views.stakeholder_add, name="stakeholder-add"),
    path(f"{PREFIX}stakeholders/<int:pk>/edit/", views.stakeholder_edit, name="stakeholder-edit"),
    path(
        f"{PREFIX}stakeholders/<int:pk>/delete/",
        views.stakeholder_delete,
        name="stakeholder-delete",
    ),
    path(f"{PREFIX}assets/new/", views.asset_add, name="asset-add"),
    path(f"{PREFIX}assets/<int:pk>/edit/", views.asset_edit, name="asset-edit"),
    path(f"{PREFIX}assets/<int:pk>/delete/", views.asset_delete, name="asset-delete"),
    path(f"{PREFIX}import/", views.ecosystem_import, name="import"),
    path(f"{PREFIX}export/stakeholders.csv", views.export_stakeholders, name="export-stakeholders"),
    path(f"{PREFIX}export/assets.csv", views.export_assets, name="export-assets"),
]
