from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "mandate.portal"
    verbose_name = _("Public portal")

    def ready(self):
        from . import signals  # noqa: F401  (cache invalidation on publication and approval)
