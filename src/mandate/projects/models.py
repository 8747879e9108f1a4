"""Investment projects: tasks with money. An investor unit carries a project with a planned
capital, records disbursements over time, the site clearance reached, milestones with
deadlines and, at the end, the completion date.

Figures (disbursed, rate, risk) are never stored: ``ProjectQuerySet.with_figures(as_of)``
computes them in SQL for lists, totals and the Excel export alike.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    DecimalField,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import TimeStampedModel, VersionedModel
from mandate.tasks.state import TaskState, compute_state

# A project is "behind on disbursement" when the share of its planned capital disbursed
# trails the share of its implementation time already elapsed by more than this many
# percentage points (e.g. 60 % of the time gone, under 35 % of the money paid out).
DISBURSEMENT_LAG_POINTS = 25

MONEY = {"max_digits": 18, "decimal_places": 0}


class DayNumber(models.Func):
    """A date as a number of days, so that date spans can be divided in SQL on both
    SQLite (julianday) and PostgreSQL (date minus a fixed date is a whole number of days)."""

    output_field = FloatField()
    template = "CAST(CAST(%(expressions)s AS DATE) - DATE '2000-01-01' AS FLOAT)"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="julianday(%(expressions)s)", **extra)


class ProjectQuerySet(models.QuerySet):
    def visible_to_path(self, path: str):
        return self.filter(investor__path__startswith=path)

    def with_figures(self, as_of: datetime.date):
        """Annotate, as things stood on ``as_of``:

        ``disbursed`` (sum of disbursements dated up to then), ``disbursement_rate`` (percent of
        the planned capital), ``time_elapsed`` (percent of start → planned completion gone),
        ``is_completed``, and the risk flags ``has_overdue_milestone``, ``completion_overdue``,
        ``disbursement_behind`` and ``at_risk`` (any of them, on a project not yet completed).
        """
        disbursed = Subquery(
            Disbursement.objects.filter(project=OuterRef("pk"), paid_on__lte=as_of)
            .order_by().values("project").annotate(total=Sum("amount")).values("total")[:1],
            output_field=DecimalField(**MONEY),
        )
        overdue_milestone = Milestone.objects.filter(project=OuterRef("pk"), deadline__lt=as_of).filter(
            Q(done_on__isnull=True) | Q(done_on__gt=as_of)
        )
        today = DayNumber(Value(as_of, output_field=models.DateField()))
        span = DayNumber(F("planned_completion")) - DayNumber(F("started_on"))
        completed = Q(completed_on__isnull=False, completed_on__lte=as_of)
        return self.annotate(
            disbursed=Coalesce(disbursed, Value(Decimal(0)), output_field=DecimalField(**MONEY)),
        ).annotate(
            disbursement_rate=Case(
                When(planned_capital__gt=0, then=F("disbursed") * Value(100.0) / F("planned_capital")),
                default=Value(0.0), output_field=FloatField(),
            ),
            time_elapsed=Case(
                When(started_on__gt=as_of, then=Value(0.0)),
                When(planned_completion__lte=as_of, then=Value(100.0)),
                default=(today - DayNumber(F("started_on"))) * Value(100.0) / span,
                output_field=FloatField(),
            ),
            is_completed=models.ExpressionWrapper(completed, output_field=models.BooleanField()),
            has_overdue_milestone=Exists(overdue_milestone),
        ).annotate(
            completion_overdue=models.ExpressionWrapper(
                ~completed & Q(planned_completion__lt=as_of), output_field=models.BooleanField()
            ),
            disbursement_behind=models.ExpressionWrapper(
                ~completed & Q(disbursement_rate__lt=F("time_elapsed") - DISBURSEMENT_LAG_POINTS),
                output_field=models.BooleanField(),
            ),
        ).annotate(
            at_risk=models.ExpressionWrapper(
                ~completed & (Q(has_overdue_milestone=True) | Q(completion_overdue=True)
                              | Q(disbursement_behind=True)),
                output_field=models.BooleanField(),
            ),
        )


class InvestmentProject(VersionedModel):
    """A public investment project and the unit acting as its investor (chủ đầu tư)."""

    name = models.CharField(_("name"), max_length=500)
    investor = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="investment_projects",
                                 verbose_name=_("investor"))
    document = models.ForeignKey("documents.DirectiveDocument", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="investment_projects", verbose_name=_("assigned by document"))
    plan_year = models.PositiveSmallIntegerField(_("capital plan year"), db_index=True)
    planned_capital = models.DecimalField(_("planned capital (VND)"), **MONEY)
    started_on = models.DateField(_("implementation starts"))
    planned_completion = models.DateField(_("planned completion"), db_index=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    site_clearance_percent = models.DecimalField(_("site clearance (%)"), max_digits=5, decimal_places=2,
                                                 null=True, blank=True)
    site_clearance_on = models.DateField(_("site clearance as of"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False,
                                  help_text=_("Invented for the demo: not taken from a source."))
    history = HistoricalRecords()

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["plan_year", "planned_completion", "pk"]
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        constraints = [
            models.CheckConstraint(condition=Q(planned_capital__gte=0), name="project_capital_not_negative"),
            models.CheckConstraint(condition=Q(planned_completion__gt=F("started_on")),
                                   name="project_completion_after_start"),
            models.CheckConstraint(
                condition=Q(site_clearance_percent__isnull=True)
                | Q(site_clearance_percent__gte=0, site_clearance_percent__lte=100),
                name="project_clearance_percent_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])


class Disbursement(TimeStampedModel):
    """Money paid out on a project on one day."""

    project = models.ForeignKey(InvestmentProject, on_delete=models.CASCADE, related_name="disbursements",
                                verbose_name=_("project"))
    paid_on = models.DateField(_("date"), db_index=True)
    amount = models.DecimalField(_("amount (VND)"), **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("recorded by"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        indexes = [models.Index(fields=["project", "paid_on"])]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_amount_positive")]

    def __str__(self):
        return f"{self.project} · {self.paid_on} · {self.amount}"


class MilestoneQuerySet(models.QuerySet):
    def with_state(self, as_of: datetime.date):
        """The task rules of ``tasks.state`` (without progress reports) as one SQL CASE."""
        done = Q(done_on__isnull=False, done_on__lte=as_of)
        return self.annotate(
            state=Case(
                When(done & Q(done_on__lte=F("deadline")), then=Value(TaskState.DONE_ON_TIME.value)),
                When(done, then=Value(TaskState.DONE_LATE.value)),
                When(deadline__lt=as_of, then=Value(TaskState.OVERDUE.value)),
                default=Value(TaskState.NOT_STARTED.value),
                output_field=models.CharField(max_length=20),
            )
        )


class Milestone(VersionedModel):
    """A step of a project with a deadline (handing over the site, finishing the structure...)."""

    project = models.ForeignKey(InvestmentProject, on_delete=models.CASCADE, related_name="milestones",
                                verbose_name=_("project"))
    title = models.CharField(_("milestone"), max_length=300)
    deadline = models.DateField(_("deadline"), db_index=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return f"{self.project} · {self.title}"

    def state_on(self, as_of: datetime.date) -> TaskState:
        """Python mirror of ``MilestoneQuerySet.with_state``: the tasks app's rules, no reports."""
        return compute_state(deadline=self.deadline, done_at=self.done_on, latest_percent=None, as_of=as_of)
