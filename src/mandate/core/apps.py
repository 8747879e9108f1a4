from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mandate.core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .search import register_sqlite_function

        # Search folds diacritics with the same Python function on SQLite (core/search.py).
        connection_created.connect(register_sqlite_function, dispatch_uid="mandate-sqlite-fold")
