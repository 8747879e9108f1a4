from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.files import UnguessablePath
from mandate.core.models import VersionedModel, date_bounds


class DocumentKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution")
    PLAN = "plan", _("Plan")
    CONCLUSION = "conclusion", _("Conclusion")
    DIRECTIVE = "directive", _("Directive")
    REGULATION = "regulation", _("Regulation")
    DECISION = "decision", _("Decision")
    REPORT = "report", _("Report")
    PROGRAMME = "programme", _("Programme")
    NOTICE = "notice", _("Notice")
    GUIDANCE = "guidance", _("Guidance")
    DECREE = "decree", _("Decree")
    CIRCULAR = "circular", _("Circular")
    LAW = "law", _("Law")
    SUBMISSION = "submission", _("Submission")
    LETTER = "letter", _("Official letter")
    OTHER = "other", _("Other")


class DocumentState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_FORCE = "in_force", _("In force")
    REPLACED = "replaced", _("Replaced")
    EXPIRED = "expired", _("Expired")


class DirectiveDocument(VersionedModel):
    number = models.CharField(_("number"), max_length=60, help_text=_("As printed, e.g. 150-KH/TU or 129/KH-UBND."))
    number_key = models.CharField(max_length=60, db_index=True, editable=False)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    kind_code = models.CharField(_("kind code"), max_length=8, blank=True, editable=False)
    issuer_code = models.CharField(_("issuer code"), max_length=20, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, db_index=True)
    issuing_unit = models.ForeignKey("orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="documents", verbose_name=_("issuing unit"))
    issued_on = models.DateField(_("issued on"), null=True, blank=True, validators=date_bounds())
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=DocumentState.choices, default=DocumentState.IN_FORCE,
                             db_index=True)
    source_text = models.TextField(_("source text"), blank=True,
                                   help_text=_("The text the document was imported from, kept for reference."))
    # The signed copy (PDF or Word), stored under an unguessable name and served only by
    # documents.views.signed_file after the document's visibility check.
    signed_file = models.FileField(_("signed file"), upload_to=UnguessablePath("documents"), blank=True,
                                   max_length=300)
    signed_file_name = models.CharField(_("signed file name"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-year", "number"]
        verbose_name = _("directive document")
        verbose_name_plural = _("directive documents")
        constraints = [
            models.UniqueConstraint(fields=["issuer_code", "kind_code", "year", "sequence", "issuing_unit"],
                                    name="document_number_unique_per_issuer_kind_year"),
        ]

    def __str__(self):
        return f"{self.number} — {self.title}"

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.pk])


class RelationKind(models.TextChoices):
    IMPLEMENTS = "implements", _("implements")
    CONCRETIZES = "concretizes", _("concretizes")
    REPLACES = "replaces", _("replaces")
    AMENDS = "amends", _("amends")


# How the relation reads from the other end.
INVERSE_LABELS = {
    RelationKind.IMPLEMENTS: _("implemented by"),
    RelationKind.CONCRETIZES: _("concretized by"),
    RelationKind.REPLACES: _("replaced by"),
    RelationKind.AMENDS: _("amended by"),
}


class DocumentRelation(models.Model):
    """``source`` implements / concretizes / replaces / amends ``target``."""

    source = models.ForeignKey(DirectiveDocument, on_delete=models.CASCADE, related_name="relations_out",
                               verbose_name=_("document"))
    target = models.ForeignKey(DirectiveDocument, on_delete=models.CASCADE, related_name="relations_in",
                               verbose_name=_("related document"))
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document relation")
        verbose_name_plural = _("document relations")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="document_relation_unique"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="document_relation_not_self"),
        ]

    def __str__(self):
        return f"{self.source.number} {self.get_kind_display()} {self.target.number}"

    @property
    def inverse_label(self):
        return INVERSE_LABELS[self.kind]
