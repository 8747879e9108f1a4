"""An import from text: the text as given, what the extractor proposed, and — once a
person accepted part of it — links to the records created from it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ImportState(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    APPLIED = "applied", _("accepted")
    DISCARDED = "discarded", _("rejected")


class ImportSession(models.Model):
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("imported by"))
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="import_sessions",
                                 verbose_name=_("org unit"))
    document = models.ForeignKey("documents.DirectiveDocument", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("document"),
                                 help_text=_("The recorded document the targets belong to, if chosen."))
    source_filename = models.CharField(_("file"), max_length=255, blank=True)
    source_text = models.TextField(_("source text"))
    extraction = models.JSONField(_("extraction"), default=dict)
    state = models.CharField(_("state"), max_length=10, choices=ImportState.choices, default=ImportState.PENDING,
                             db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.source_filename or _('pasted text')} ({self.created_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("imports:review", args=[self.pk])


class ImportedRecord(models.Model):
    """A document or target created by accepting an import."""

    session = models.ForeignKey(ImportSession, on_delete=models.CASCADE, related_name="records")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id}"
