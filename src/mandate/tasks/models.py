"""Tasks assigned by a document (or, later, a meeting conclusion) to a lead unit, with
coordinating units, a deadline, progress reports with evidence, and deadline extensions.

The state of a task (not started, in progress, done on time, done late, overdue) is never
stored: ``TaskQuerySet.with_state(as_of)`` computes it in SQL, ``Task.state_on(as_of)`` in
Python, both from the rules in ``state.py``.
"""

from __future__ import annotations

import datetime
import os

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.files import UnguessablePath
from mandate.core.models import TimeStampedModel, VersionedModel

from .state import TaskState, compute_state


class Priority(models.TextChoices):
    LOW = "low", _("low")
    NORMAL = "normal", _("normal")
    HIGH = "high", _("high")
    URGENT = "urgent", _("urgent")


class State(models.TextChoices):
    NOT_STARTED = TaskState.NOT_STARTED, _("not started")
    IN_PROGRESS = TaskState.IN_PROGRESS, _("in progress")
    DONE_ON_TIME = TaskState.DONE_ON_TIME, _("done on time")
    DONE_LATE = TaskState.DONE_LATE, _("done late")
    OVERDUE = TaskState.OVERDUE, _("overdue")


def latest_percent_as_of(as_of: datetime.date) -> Subquery:
    """The percent of the lead unit's latest progress report on the task made on or before
    ``as_of`` (coordinating units report on their part; the task's progress is the lead's)."""
    return Subquery(
        ProgressReport.objects.filter(task=OuterRef("pk"), org_unit=OuterRef("lead_unit"),
                                      reported_on__lte=as_of)
        .order_by("-reported_on", "-pk")
        .values("percent")[:1],
        output_field=IntegerField(),
    )


class TaskQuerySet(models.QuerySet):
    def with_state(self, as_of: datetime.date):
        """Annotate ``latest_percent`` and ``state`` (a ``State`` value) as they stood on ``as_of``."""
        done = Q(done_at__isnull=False, done_at__lte=as_of)
        return self.annotate(latest_percent=latest_percent_as_of(as_of)).annotate(
            state=Case(
                When(done & Q(done_at__lte=models.F("deadline")), then=Value(TaskState.DONE_ON_TIME.value)),
                When(done, then=Value(TaskState.DONE_LATE.value)),
                When(deadline__lt=as_of, then=Value(TaskState.OVERDUE.value)),
                When(latest_percent__gt=0, then=Value(TaskState.IN_PROGRESS.value)),
                default=Value(TaskState.NOT_STARTED.value),
                output_field=models.CharField(max_length=20),
            )
        )

    def assigned_by(self, as_of: datetime.date):
        """Tasks that existed on ``as_of``."""
        return self.filter(assigned_on__lte=as_of)

    def involving_subtree(self, path: str):
        """Tasks whose lead, assigning or a coordinating unit lies in the subtree at ``path``."""
        coordinating = Task.coordinating_units.through.objects.filter(
            task=OuterRef("pk"), orgunit__path__startswith=path
        )
        return self.filter(
            Q(lead_unit__path__startswith=path) | Q(assigning_unit__path__startswith=path) | Exists(coordinating)
        )

    def coordinated_by(self, unit):
        return self.filter(Exists(Task.coordinating_units.through.objects.filter(task=OuterRef("pk"), orgunit=unit)))


class Task(VersionedModel):
    """One unit's task: what to do, by when, for whom, on whose instruction."""

    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    lead_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="led_tasks",
                                  verbose_name=_("lead unit"))
    coordinating_units = models.ManyToManyField("orgs.OrgUnit", blank=True, related_name="coordinated_tasks",
                                                verbose_name=_("coordinating units"))
    assigning_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="assigned_tasks",
                                       verbose_name=_("assigning unit"))
    # Where the task comes from: a directive document, and/or a free note. A future meetings
    # app can add its own nullable FK (e.g. to a conclusion) next to these two.
    source_document = models.ForeignKey("documents.DirectiveDocument", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="tasks",
                                        verbose_name=_("source document"))
    source_note = models.CharField(_("source"), max_length=500, blank=True,
                                   help_text=_("Where the task comes from when it is not (only) a document: "
                                               "a meeting conclusion, a section of the plan..."))
    expected_result = models.TextField(_("expected result"), blank=True)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL,
                                db_index=True)
    assigned_on = models.DateField(_("assigned on"), default=datetime.date.today, db_index=True)
    original_deadline = models.DateField(_("original deadline"), editable=False)
    deadline = models.DateField(_("deadline"), db_index=True)
    # The lead unit's latest reported percent (a copy kept for display; state uses the reports).
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0, editable=False)
    done_at = models.DateField(_("done on"), null=True, blank=True, db_index=True)
    result = models.TextField(_("result"), blank=True)
    batch = models.UUIDField(_("batch"), null=True, blank=True, db_index=True, editable=False,
                             help_text=_("Tasks assigned together to many units in one step share a batch."))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("assigned by"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords(m2m_fields=[coordinating_units])

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["lead_unit", "deadline"]), models.Index(fields=["assigning_unit", "deadline"])]
        constraints = [
            models.CheckConstraint(condition=Q(progress_percent__lte=100), name="task_progress_percent_max_100"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("tasks:detail", args=[self.pk])

    def latest_percent_on(self, as_of: datetime.date) -> int | None:
        report = self.reports.filter(org_unit=self.lead_unit_id, reported_on__lte=as_of).order_by("-reported_on", "-pk").first()
        return report.percent if report else None

    def state_on(self, as_of: datetime.date) -> TaskState:
        """The Python mirror of ``TaskQuerySet.with_state`` for one task."""
        return compute_state(deadline=self.deadline, done_at=self.done_at,
                             latest_percent=self.latest_percent_on(as_of), as_of=as_of)

    @property
    def was_extended(self) -> bool:
        return self.deadline != self.original_deadline


class ProgressReport(TimeStampedModel):
    """A unit's report on a task: how far it is (0-100 %) and what was done."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports", verbose_name=_("task"))
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="task_reports",
                                 verbose_name=_("reporting unit"))
    percent = models.PositiveSmallIntegerField(_("progress (%)"))
    narrative = models.TextField(_("what was done"), blank=True)
    reported_on = models.DateField(_("reported on"), default=datetime.date.today, db_index=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("reported by"))
    marks_done = models.BooleanField(_("marks the task done"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        indexes = [models.Index(fields=["task", "reported_on"])]
        constraints = [models.CheckConstraint(condition=Q(percent__lte=100), name="progress_report_percent_max_100")]

    def __str__(self):
        return f"{self.task} · {self.percent}% ({self.reported_on})"


def evidence_path(instance, filename):
    """Kept for the old migrations; new files are stored under an unguessable name."""
    return f"tasks/{instance.report.task_id}/{filename}"


class Evidence(models.Model):
    """A file attached to a progress report (minutes, photos, a decision...)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence",
                               verbose_name=_("progress report"))
    # Stored as evidence/<random>.<ext> and served only by tasks.views.evidence after the
    # task's access check; the name people gave the file is kept in original_name.
    file = models.FileField(_("file"), upload_to=UnguessablePath("evidence"), max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.original_name or os.path.basename(self.file.name)


class ExtensionState(models.TextChoices):
    PENDING = "pending", _("waiting for a decision")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")


class DeadlineExtension(VersionedModel):
    """The lead unit asks for a later deadline; the assigning unit grants or refuses it.
    The task keeps ``original_deadline``; these rows keep every step in between."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("task"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("requested by"))
    reason = models.TextField(_("reason"))
    previous_deadline = models.DateField(_("deadline when asked"))
    proposed_deadline = models.DateField(_("proposed deadline"))
    state = models.CharField(_("decision"), max_length=10, choices=ExtensionState.choices,
                             default=ExtensionState.PENDING, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [
            models.CheckConstraint(condition=Q(proposed_deadline__gt=models.F("previous_deadline")),
                                   name="extension_later_deadline"),
            # One open request per task at a time.
            models.UniqueConstraint(fields=["task"], condition=Q(state="pending"), name="extension_one_pending"),
        ]

    def __str__(self):
        return f"{self.task}: {self.previous_deadline} → {self.proposed_deadline} ({self.get_state_display()})"


class ReminderLog(models.Model):
    """One reminder digest sent to one unit on one day, so cron can run twice safely."""

    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="task_reminders",
                                 verbose_name=_("org unit"))
    sent_on = models.DateField(_("sent on"))
    due_soon = models.PositiveIntegerField(_("due soon"), default=0)
    overdue = models.PositiveIntegerField(_("overdue"), default=0)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "org_unit"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["org_unit", "sent_on"], name="reminder_once_per_unit_day")]

    def __str__(self):
        return f"{self.org_unit} · {self.sent_on}"
