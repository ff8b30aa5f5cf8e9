from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from pearls.catalogue import views as catalogue_views
from pearls.catalogue.api import api

admin.site.site_header = _("Pearls administration")
admin.site.site_title = _("Pearls")
# The admin signs in through allauth: the same throttling and two-factor step as the site.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("api/v1/", api.urls),
    *i18n_patterns(
        path("", catalogue_views.home, name="home"),
        path("practices/", include("pearls.catalogue.urls")),
        path("accounts/", include("allauth.urls")),
        path("", include("pearls.accounts.urls")),
        path("", include("pearls.toolkit.urls")),
        path("", include("pearls.ecosystem.urls")),
        path("", include("pearls.worksheets.urls")),
        path("", include("pearls.plans.urls")),
        path("", include("pearls.competition.urls")),
        path("admin/", admin.site.urls),
        prefix_default_language=True,
    ),
]
