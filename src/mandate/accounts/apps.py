from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "mandate.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import tokens  # noqa: F401 - connects the token revocation on password change
