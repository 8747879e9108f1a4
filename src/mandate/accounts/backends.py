from django.contrib.auth.backends import ModelBackend

from .validators import DEMO_PASSWORD


class MandateModelBackend(ModelBackend):
    """Django's backend, except that the published demo password only opens a database
    into which the demo data set was loaded (``mandate load_demo`` leaves a marker)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD:
            from mandate.demo.models import DemoDataset

            if not DemoDataset.objects.exists():
                return None
        return super().authenticate(request, username=username, password=password, **kwargs)
