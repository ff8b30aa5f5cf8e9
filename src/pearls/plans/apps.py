from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "pearls.plans"
    label = "plans"
    verbose_name = _("action plans")
