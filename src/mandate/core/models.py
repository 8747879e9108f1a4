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


# --- Bounds of user input (issue 7; documented in docs/security.md) ---------------------------
import datetime as _datetime  # noqa: E402

from django.core.validators import MaxValueValidator, MinValueValidator  # noqa: E402
from django.utils.translation import gettext_lazy as _lazy  # noqa: E402

MIN_DATE = _datetime.date(1945, 1, 1)
MAX_DATE = _datetime.date(2100, 12, 31)
MAX_NOTE_CHARS = 5000
# Reported values, targets and amounts: at most 10^15 in absolute value (a province's budget
# in đồng is below 10^15; the decimal columns hold 18 digits).
MAX_ABS_NUMBER = 10**15
# Values in one batch entry (a unit's form for a period holds a few hundred targets).
MAX_BATCH_VALUES = 1000


def date_bounds():
    """Validators for a date people type: 01/01/1945 to 31/12/2100."""
    return [
        MinValueValidator(MIN_DATE, message=_lazy("Enter a date from 01/01/1945 to 31/12/2100.")),
        MaxValueValidator(MAX_DATE, message=_lazy("Enter a date from 01/01/1945 to 31/12/2100.")),
    ]
