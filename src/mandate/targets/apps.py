from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "mandate.targets"
    verbose_name = _("Targets")

    def ready(self):
        from .signals import connect

        connect()
