import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import VersionedModel

from . import status as rules


class Comparator(models.TextChoices):
    EQUAL = rules.Comparator.EQUAL, _("reach")
    AT_LEAST = rules.Comparator.AT_LEAST, _("at least")
    AT_MOST = rules.Comparator.AT_MOST, _("at most")
    BETWEEN = rules.Comparator.BETWEEN, _("between")
    INCREASE_BY = rules.Comparator.INCREASE_BY, _("increase by")
    DECREASE_BY = rules.Comparator.DECREASE_BY, _("decrease by")


class ChangeKind(models.TextChoices):
    ABSOLUTE = rules.ChangeKind.ABSOLUTE, _("in the target's unit (percentage points for a rate)")
    RELATIVE = rules.ChangeKind.RELATIVE, _("in percent of the baseline")


class Aggregation(models.TextChoices):
    SUM = "sum", _("sum of the units' values")
    AVERAGE = "average", _("average of the units' values")
    COVERAGE = "coverage", _("number of units meeting the threshold")
    OWN = "own", _("the unit's own value only")


class Status(models.TextChoices):
    ACHIEVED = rules.Status.ACHIEVED, _("achieved")
    ON_TRACK = rules.Status.ON_TRACK, _("on track")
    AT_RISK = rules.Status.AT_RISK, _("at risk")
    MISSED = rules.Status.MISSED, _("missed")
    NO_DATA = rules.Status.NO_DATA, _("no data")


class Target(VersionedModel):
    """A chỉ tiêu: what a document sets out for an org unit over a period."""

    document = models.ForeignKey("documents.DirectiveDocument", on_delete=models.PROTECT, related_name="targets",
                                 verbose_name=_("document"))
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="targets",
                                 verbose_name=_("org unit"))
    indicator = models.CharField(_("indicator"), max_length=300)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=60,
                                       help_text=_("%, VND, or what is counted: party members, tourists..."))
    comparator = models.CharField(_("comparator"), max_length=20, choices=Comparator.choices,
                                  default=Comparator.EQUAL)
    value = models.DecimalField(_("target value"), max_digits=20, decimal_places=4)
    value_max = models.DecimalField(_("upper value"), max_digits=20, decimal_places=4, null=True, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=20, decimal_places=4, null=True, blank=True)
    change_kind = models.CharField(_("change measured"), max_length=10, choices=ChangeKind.choices,
                                   default=ChangeKind.ABSOLUTE)
    period_label = models.CharField(_("period"), max_length=20,
                                    help_text=_("A year (2023), a term (2026-2030) or a due date (2030-12-31)."))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"), db_index=True)
    aggregation = models.CharField(_("rollup"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM)
    coverage_threshold = models.DecimalField(
        _("threshold per unit"), max_digits=20, decimal_places=4, null=True, blank=True,
        help_text=_("For a coverage target: the value a unit must report to count as meeting it (1 = yes)."),
    )
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_targets",
                               verbose_name=_("share of"), help_text=_("For a share of a share: “20% of them”."))
    source_text = models.TextField(_("source text"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period_end", "document_id", "sort_order", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="target_period_order"),
            models.CheckConstraint(
                condition=~models.Q(comparator="between") | models.Q(value_max__isnull=False),
                name="target_between_has_max",
            ),
        ]
        indexes = [
            # A national page walks the targets in their order and stops at its 100 rows
            # (49 ms -> 1 ms at 25% of the country); the dashboard's chart takes the first
            # start date the same way, instead of reading every target of the subtree.
            models.Index(fields=["period_end", "document", "sort_order", "id"], name="target_in_list_order"),
            models.Index(fields=["period_start"], name="target_period_start"),
        ]

    def __str__(self):
        return f"{self.indicator} ({self.period_label})"

    def get_absolute_url(self):
        return reverse("targets:detail", args=[self.pk])

    @property
    def is_percent(self) -> bool:
        return self.unit_of_measure.strip() == "%"

    def goal(self, value=None, value_max=None) -> rules.Goal:
        return goal_of(self.comparator, self.value if value is None else value,
                       self.value_max if value is None else value_max, self.baseline, self.change_kind,
                       self.period_start, self.period_end, self.aggregation, self.unit_of_measure)


# The columns ``goal_of`` takes, in its order: a page can read them with ``values_list``.
GOAL_FIELDS = ("comparator", "value", "value_max", "baseline", "change_kind", "period_start", "period_end",
               "aggregation", "unit_of_measure")


def goal_of(comparator, value, value_max, baseline, change_kind, period_start, period_end, aggregation,
            unit_of_measure) -> rules.Goal:
    """A target's goal from its columns (``Target.goal`` without a model instance)."""
    return rules.Goal(
        comparator=comparator,
        value=value,
        value_max=value_max,
        baseline=baseline,
        change_kind=change_kind,
        period_start=period_start,
        period_end=period_end,
        cumulative=aggregation in (Aggregation.SUM, Aggregation.COVERAGE) and unit_of_measure.strip() != "%",
    )


class TargetAllocation(models.Model):
    """The share of a target given to one child unit (a breakdown)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="allocations")
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="target_allocations",
                                 verbose_name=_("org unit"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    value_max = models.DecimalField(_("upper value"), max_digits=20, decimal_places=4, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [models.UniqueConstraint(fields=["target", "org_unit"], name="allocation_unique")]

    def __str__(self):
        return f"{self.target} · {self.org_unit}: {self.value}"


class ValueState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned")


class ReportedValue(VersionedModel):
    """What a unit reports against a target for one period. Only approved values count."""

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="reported_values",
                               verbose_name=_("target"))
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="reported_values",
                                 verbose_name=_("org unit"))
    period_label = models.CharField(_("period"), max_length=20)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=ValueState.choices, default=ValueState.DRAFT,
                             db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("entered by"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("comment"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "org_unit__path"]
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        constraints = [
            # With period_end (which the label fixes): in PostgreSQL the table is partitioned by
            # it, and a unique constraint there must hold the partition key (targets.partitions).
            models.UniqueConstraint(fields=["target", "org_unit", "period_label", "period_end"],
                                    name="reported_value_unique"),
        ]
        indexes = [
            models.Index(fields=["target", "state", "period_end"]),
            # The API list pages by keyset on (period_end, id), newest first, under these filters.
            models.Index(fields=["period_end", "id"], name="reportedvalue_period_id"),
            models.Index(fields=["org_unit", "period_end", "id"], name="reportedvalue_unit_period_id"),
            models.Index(fields=["target", "period_end", "id"], name="reportedvalue_target_period_id"),
            models.Index(fields=["state", "period_end", "id"], name="reportedvalue_state_period_id"),
        ]

    def __str__(self):
        return f"{self.target.indicator} · {self.org_unit} · {self.period_label}: {self.value}"

    def get_absolute_url(self):
        return reverse("targets:value", args=[self.pk])


# --- Maintained rollups ------------------------------------------------------------------------
# Kept current by ``targets.maintenance`` in the same transaction as the write that changes
# them (approval, a merger of units, a change of a target's period, unit or threshold), and
# rebuilt from scratch by ``mandate rebuild_rollups``. Each row holds for the days
# valid_from <= day < valid_to, so a view "as of" a past day reads the same rows as today's.

FOREVER = datetime.date(9999, 12, 31)


class LatestValue(models.Model):
    """The approved value of the latest period of one unit for one target, over the days it
    was the latest one known."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+")
    # No database constraint: deleting a value must leave the row for the maintenance
    # handler to subtract (it runs after the delete).
    reported_value = models.ForeignKey(ReportedValue, on_delete=models.DO_NOTHING, db_constraint=False,
                                       related_name="+")
    value = models.DecimalField(max_digits=20, decimal_places=4)
    is_demo = models.BooleanField(default=False)
    valid_from = models.DateField()
    valid_to = models.DateField(default=FOREVER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["target", "org_unit", "valid_from"],
                                               name="latestvalue_unique_start")]
        indexes = [models.Index(fields=["target", "valid_to", "valid_from"], name="latestvalue_target_day")]

    def __str__(self):
        return f"{self.target_id} · {self.org_unit_id}: {self.value} [{self.valid_from}, {self.valid_to})"


class UnitChangeStamp(models.Model):
    """The stamp of the last change to the figures a unit's targets are computed from: its
    latest values, its targets and their breakdowns (unit 0: any unit or merger). Written by
    PostgreSQL triggers, never by the app; read by ``status_cache`` (see there)."""

    unit_id = models.BigIntegerField(primary_key=True)
    stamp = models.BigIntegerField()

    def __str__(self):
        return f"{self.unit_id}: {self.stamp}"


class RollupRow(models.Model):
    """Figures of the values counted under ``scope`` (the unit or a unit merged into a
    unit of its subtree, as ``rollups.counted_under`` says), for the days of the row."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
    scope = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+")
    valid_from = models.DateField()
    valid_to = models.DateField(default=FOREVER)
    total = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    reporting = models.IntegerField(default=0)
    meeting = models.IntegerField(default=0)
    own_total = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    own_count = models.IntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.target_id} · {self.scope_id}: {self.total}/{self.reporting} [{self.valid_from}, {self.valid_to})"


class UnitRollup(RollupRow):
    """The rollup of each unit's latest approved value (the target's actual figure)."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=["target", "scope", "valid_from"],
                                               name="unitrollup_unique_start")]
        indexes = [models.Index(fields=["scope", "target", "valid_to", "valid_from"], name="unitrollup_scope_day")]


class UnitPeriodRollup(RollupRow):
    """The rollup of the approved values of one reporting period (a point of the trend)."""

    period_label = models.CharField(max_length=20)
    period_end = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["target", "scope", "period_label", "valid_from"],
                                               name="unitperiodrollup_unique_start")]
        indexes = [models.Index(fields=["scope", "target", "valid_to", "valid_from"],
                                name="unitperiodrollup_scope_day")]
