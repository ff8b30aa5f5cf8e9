from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "pearls.accounts"
    label = "accounts"
    verbose_name = _("People and municipalities")
