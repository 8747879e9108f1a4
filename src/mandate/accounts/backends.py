from axes.backends import AxesStandaloneBackend
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


class ThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login with a request (the login page, /admin/,
    the API token endpoint). A call without a request (a management command, a test
    client's ``login``) has no one to throttle and goes on to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
