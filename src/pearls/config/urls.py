from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from pearls.catalogue import views as catalogue_views
from pearls.catalogue.api import api

admin.site.site_header = _("Pearls administration")
admin.site.site_title = _("Pearls")

urlpatterns = [
    path("api/v1/", api.urls),
    *i18n_patterns(
        path("", catalogue_views.home, name="home"),
        path("practices/", include("pearls.catalogue.urls")),
        path("admin/", admin.site.urls),
        prefix_default_language=True,
    ),
]
