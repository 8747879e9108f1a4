from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "mandate.elections"
    verbose_name = _("Elections")

    def ready(self):
        from .reference import ensure_reference_data

        # After flush too (load_demo --reset, transactional tests), not only after migrate.
        post_migrate.connect(ensure_reference_data, sender=self)
