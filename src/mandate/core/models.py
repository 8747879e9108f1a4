from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A record edited by several people: every write bumps ``version``.

    A form or API call carries the version it was based on; a service refuses the
    write when the stored version moved on (see ``core.services.check_version``).
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True
