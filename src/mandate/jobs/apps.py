from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "mandate.jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        # Each app registers its job kinds in its own jobs.py; import them so the
        # registry is complete in the web process and in the worker alike.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
