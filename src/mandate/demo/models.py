from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoDataset(models.Model):
    """Present only in a database into which ``mandate load_demo`` loaded the demo data.
    The published demo password works only while this row exists."""

    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    version = models.CharField(_("version"), max_length=20)

    class Meta:
        verbose_name = _("demo data set")
        verbose_name_plural = _("demo data sets")

    def __str__(self):
        return f"demo {self.version} ({self.loaded_at:%Y-%m-%d})"
