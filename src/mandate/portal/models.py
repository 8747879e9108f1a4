"""What the public portal shows: an administrator publishes a document's targets, an
election's constituencies and candidates, its turnout, and each constituency's results.
Nothing else ever reaches /public/."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import VersionedModel


class PublicationKind(models.TextChoices):
    TARGETS = "targets", _("a document's targets and their approved values")
    CANDIDATES = "candidates", _("an election's constituencies and candidates")
    TURNOUT = "turnout", _("an election's approved turnout")
    RESULTS = "results", _("a constituency's approved results")


class PublicationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Publication(VersionedModel):
    kind = models.CharField(_("what"), max_length=20, choices=PublicationKind.choices)
    document = models.ForeignKey("documents.DirectiveDocument", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="publications", verbose_name=_("document"))
    election = models.ForeignKey("elections.Election", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="publications", verbose_name=_("election"))
    constituency = models.ForeignKey("elections.Constituency", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="publications", verbose_name=_("constituency"))
    is_public = models.BooleanField(_("public"), default=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("published by"))
    history = HistoricalRecords()

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="targets", document__isnull=False)
                           | Q(kind__in=["candidates", "turnout"], election__isnull=False)
                           | Q(kind="results", constituency__isnull=False, election__isnull=False)),
                name="publication_has_its_object"),
            models.UniqueConstraint(fields=["kind", "document"], condition=Q(kind="targets"),
                                    name="publication_once_per_document"),
            models.UniqueConstraint(fields=["kind", "election"], condition=Q(kind__in=["candidates", "turnout"]),
                                    name="publication_once_per_election"),
            models.UniqueConstraint(fields=["kind", "constituency"], condition=Q(kind="results"),
                                    name="publication_once_per_constituency"),
        ]

    def __str__(self):
        obj = self.document or self.constituency or self.election
        return f"{self.get_kind_display()}: {obj}"


class PublicStamp(models.Model):
    """One row whose counter moves whenever something public may have changed (a publication,
    an approved value or result). Cached public pages are keyed by it, so every server process
    sees the change at once, whatever cache backend it uses."""

    counter = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("public data version")

    def __str__(self):
        return str(self.counter)
