"""Emulation movements (phong trào thi đua): launched by a plan for an occasion, each
eligible unit registers 1-3 tasks, the organizer approves them (each approved registration
becomes a Task, tracked like any other), results are reviewed and commendations recorded."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import VersionedModel


class MovementQuerySet(models.QuerySet):
    def visible_from(self, path: str):
        """Movements organized in the subtree at ``path``, or by a unit above it (a movement
        concerns the whole subtree of its organizer)."""
        ancestors = [path[:i] for i in range(9, len(path) + 1, 9)]
        return self.filter(Q(organizer__path__startswith=path) | Q(organizer__path__in=ancestors))


class Movement(VersionedModel):
    title = models.CharField(_("title"), max_length=500)
    document = models.ForeignKey("documents.DirectiveDocument", on_delete=models.PROTECT, related_name="movements",
                                 verbose_name=_("launched by document"))
    organizer = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="organized_movements",
                                  verbose_name=_("organizing unit"))
    occasion = models.CharField(_("occasion"), max_length=300, blank=True)
    occasion_date = models.DateField(_("occasion date"), null=True, blank=True)
    registration_deadline = models.DateField(_("registration deadline"))
    eligible_kinds = models.JSONField(_("kinds of unit taking part"), default=list,
                                      help_text=_("Units of these kinds under the organizing unit may register."))
    min_tasks = models.PositiveSmallIntegerField(_("minimum tasks per unit"), default=1)
    max_tasks = models.PositiveSmallIntegerField(_("maximum tasks per unit"), default=3)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    objects = MovementQuerySet.as_manager()

    class Meta:
        ordering = ["-registration_deadline", "-pk"]
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        constraints = [
            models.CheckConstraint(condition=Q(min_tasks__gte=1) & Q(max_tasks__gte=models.F("min_tasks")),
                                   name="movement_task_bounds"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("movements:detail", args=[self.pk])

    def eligible_kind_labels(self) -> list[str]:
        from mandate.orgs.models import UnitKind

        labels = dict(UnitKind.choices)
        return [str(labels.get(k, k)) for k in self.eligible_kinds]


class RegistrationState(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("not accepted")


class Registration(VersionedModel):
    """A task a unit commits to for the movement. Approved, it becomes ``task``."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="registrations",
                                 verbose_name=_("movement"))
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="movement_registrations",
                             verbose_name=_("registering unit"))
    title = models.CharField(_("task"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    deadline = models.DateField(_("deadline"))
    expected_result = models.TextField(_("expected result"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=RegistrationState.choices,
                             default=RegistrationState.PENDING, db_index=True)
    registered_on = models.DateField(_("registered on"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("registered by"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_comment = models.TextField(_("comment"), blank=True)
    task = models.OneToOneField("tasks.Task", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="movement_registration", verbose_name=_("task"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["movement", "unit__path", "pk"]
        verbose_name = _("task registration")
        verbose_name_plural = _("task registrations")
        indexes = [models.Index(fields=["movement", "unit", "state"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("movements:registration", args=[self.pk])


class CommendationKind(models.TextChoices):
    CERTIFICATE_OF_MERIT = "certificate_of_merit", _("certificate of merit")
    EMULATION_FLAG = "emulation_flag", _("emulation flag")
    EMULATION_FIGHTER = "emulation_fighter", _("emulation fighter title")
    LABOUR_MEDAL = "labour_medal", _("labour medal")
    OTHER = "other", _("other")


class CommendationLevel(models.TextChoices):
    CENTRAL = "central", _("central")
    PROVINCIAL = "provincial", _("provincial")
    CITY = "city", _("city or district")
    COMMUNE = "commune", _("commune or ward")
    UNIT = "unit", _("agency or unit")


class Commendation(VersionedModel):
    """A reward given for the movement's results, to a unit or to a person."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="commendations",
                                 verbose_name=_("movement"))
    recipient = models.CharField(_("awarded to"), max_length=300, help_text=_("The unit's or the person's name."))
    unit = models.ForeignKey("orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="commendations", verbose_name=_("unit"),
                             help_text=_("The unit awarded, or the person's unit."))
    kind = models.CharField(_("kind"), max_length=30, choices=CommendationKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=CommendationLevel.choices)
    awarded_on = models.DateField(_("date"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-awarded_on", "pk"]
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")

    def __str__(self):
        return f"{self.recipient} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("movements:commendation", args=[self.pk])
