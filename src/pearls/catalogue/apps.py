from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "pearls.catalogue"
    label = "catalogue"
    verbose_name = _("Good-practice catalogue")
