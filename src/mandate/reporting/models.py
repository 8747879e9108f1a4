from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UnitBoundary(models.Model):
    """The outline of one org unit for the maps: a GeoJSON Polygon or MultiPolygon in
    longitude/latitude (WGS 84), uploaded by an administrator and matched by unit code."""

    unit = models.OneToOneField("orgs.OrgUnit", on_delete=models.CASCADE, related_name="boundary",
                                verbose_name=_("org unit"))
    geometry = models.JSONField(_("geometry"))
    is_illustrative = models.BooleanField(_("illustrative"), default=False,
                                          help_text=_("An invented outline for the demo, not a surveyed boundary."))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit boundary")
        verbose_name_plural = _("unit boundaries")

    def __str__(self):
        return str(self.unit)
