"""Set-based reads of tasks: a unit's inbox, the list, the leader's table by unit and the
monthly chart. Each function runs a fixed number of queries whatever the number of tasks or units.

"The tasks of a unit S on a day" has one definition, ``tasks_of_unit``, used by the inbox,
the list and its Excel export, the leader's table, the chart and the API (``?unit=``):
tasks assigned by that day whose lead unit or one of whose coordinating units lies in S's
subtree on that day. A unit merged into another counts where it was merged to
(``OrgUnitAlias``, as target figures do); a unit that closed without a successor still
counts at its own place in the tree, so its tasks do not vanish from its parent's figures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce, Substr, TruncMonth

from mandate.orgs.models import SEGMENT, OrgUnit, OrgUnitAlias

from .models import ProgressReport, Task
from .state import TaskState

# An open task is "waiting for a report" when its lead unit has not reported for this long.
REPORT_EVERY_DAYS = 30
DUE_SOON_DAYS = 14


def list_queryset(qs, as_of: datetime.date):
    """What every task list needs in one query: state, units, document."""
    return (
        qs.assigned_by(as_of)
        .with_state(as_of)
        .select_related("lead_unit", "assigning_unit", "source_document")
    )


@dataclass
class Inbox:
    unit: OrgUnit
    as_of: datetime.date
    days: int
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    waiting_report: list = field(default_factory=list)
    coordinating: list = field(default_factory=list)
    pending_decisions: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)


def _open(qs):
    return qs.filter(state__in=[TaskState.NOT_STARTED, TaskState.IN_PROGRESS, TaskState.OVERDUE])


def holder_of(unit_ref, path_ref, as_of: datetime.date):
    """The tree path a unit counts at on ``as_of``: the open unit it was merged into (or
    itself while open), else its own path (closed without a successor)."""
    return Coalesce(
        Subquery(OrgUnitAlias.objects.current_on(as_of).filter(unit=unit_ref).values("current__path")[:1]),
        path_ref,
    )


def holder_path(as_of: datetime.date):
    """The tree path a task's lead unit counts at on ``as_of``."""
    return holder_of(OuterRef("lead_unit"), F("lead_unit__path"), as_of)


def _coordinating_under(path: str, as_of: datetime.date):
    return (
        Task.coordinating_units.through.objects.filter(task=OuterRef("pk"))
        .annotate(holder=holder_of(OuterRef("orgunit"), F("orgunit__path"), as_of))
        .filter(holder__startswith=path)
    )


def tasks_of_unit(unit: OrgUnit, as_of: datetime.date, qs=None):
    """THE tasks of ``unit`` on ``as_of`` (see the module docstring). Annotates ``holder``
    (where the lead unit counts) and ``group_holder`` (the lead's place when it is in the
    subtree, else the first coordinating unit's that is), for grouping by child unit."""
    qs = Task.objects.all() if qs is None else qs
    coordinating = _coordinating_under(unit.path, as_of)
    return (
        qs.assigned_by(as_of)
        .annotate(holder=holder_path(as_of))
        .annotate(group_holder=Case(
            When(holder__startswith=unit.path, then=F("holder")),
            default=Subquery(coordinating.order_by("holder").values("holder")[:1]),
        ))
        .filter(Q(holder__startswith=unit.path) | Exists(coordinating))
    )


def tasks_under(unit: OrgUnit, as_of: datetime.date, qs=None):
    """Kept for callers of the first version: the same as ``tasks_of_unit``."""
    return tasks_of_unit(unit, as_of, qs)


def inbox(unit: OrgUnit, as_of: datetime.date, days: int = DUE_SOON_DAYS, qs=None) -> Inbox:
    """What ``unit`` (and the units under it) must act on, as of ``as_of``: the overdue tasks
    among its tasks (``tasks_of_unit``), those due within ``days``, those whose lead unit
    has not reported for ``REPORT_EVERY_DAYS``, the open ones it only coordinates, and the
    requests for more time it must decide (as the assigning unit)."""
    from .models import DeadlineExtension, ExtensionState

    mine = list_queryset(tasks_of_unit(unit, as_of, qs), as_of)
    last_report = Subquery(
        ProgressReport.objects.filter(task=OuterRef("pk"), org_unit=OuterRef("lead_unit"), reported_on__lte=as_of)
        .order_by("-reported_on").values("reported_on")[:1]
    )
    box = Inbox(unit=unit, as_of=as_of, days=days)
    box.counts = mine.aggregate(**state_aggregates())
    box.overdue = list(mine.filter(state=TaskState.OVERDUE).order_by("deadline", "pk"))
    box.due_soon = list(
        _open(mine).filter(deadline__gte=as_of, deadline__lte=as_of + datetime.timedelta(days=days))
        .order_by("deadline", "pk")
    )
    stale = as_of - datetime.timedelta(days=REPORT_EVERY_DAYS)
    box.waiting_report = list(
        _open(mine).filter(holder__startswith=unit.path).annotate(last_report_on=last_report)
        .filter(Q(last_report_on__isnull=True) | Q(last_report_on__lt=stale))
        .order_by("deadline", "pk")
    )
    box.coordinating = list(_open(mine).exclude(holder__startswith=unit.path).order_by("deadline", "pk"))
    box.pending_decisions = list(
        DeadlineExtension.objects.filter(task__assigning_unit=unit, state=ExtensionState.PENDING)
        .select_related("task", "task__lead_unit", "requested_by").order_by("created_at")
    )
    return box


@dataclass
class UnitRow:
    unit: OrgUnit
    is_own: bool = False
    assigned: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    in_progress: int = 0
    not_started: int = 0

    @property
    def due(self) -> int:
        """Tasks whose outcome is known: done, or past their deadline."""
        return self.done_on_time + self.done_late + self.overdue

    @property
    def on_time_rate(self) -> float | None:
        """Done on time out of the tasks that are done or overdue (None when none are)."""
        return round(100 * self.done_on_time / self.due, 1) if self.due else None


def state_aggregates():
    """Counts by computed state, for ``aggregate``/``annotate`` over tasks annotated with ``state``."""
    return {
        "assigned": Count("pk"),
        "done_on_time": Count("pk", filter=Q(state=TaskState.DONE_ON_TIME)),
        "done_late": Count("pk", filter=Q(state=TaskState.DONE_LATE)),
        "overdue": Count("pk", filter=Q(state=TaskState.OVERDUE)),
        "in_progress": Count("pk", filter=Q(state=TaskState.IN_PROGRESS)),
        "not_started": Count("pk", filter=Q(state=TaskState.NOT_STARTED)),
    }


def leader_table(unit: OrgUnit, as_of: datetime.date, qs=None) -> tuple[list[UnitRow], UnitRow]:
    """One row per child of ``unit`` (plus ``unit``'s own tasks) with its task counts by
    state, and the total. One grouped query over the subtree: the group key is the first
    ``len(unit.path) + SEGMENT`` characters of the holder's path, i.e. the child's path
    (or ``unit.path`` itself for the unit's own tasks)."""
    prefix_len = len(unit.path) + SEGMENT
    rows = (
        tasks_of_unit(unit, as_of, qs)
        .with_state(as_of)
        .annotate(group_path=Substr("group_holder", 1, prefix_len))
        .values("group_path")
        .annotate(**state_aggregates())
        .order_by()
    )
    counts = {row.pop("group_path"): row for row in rows}
    units = {u.path: u for u in OrgUnit.objects.filter(path__in=list(counts) + [unit.path])}
    table, total = [], UnitRow(unit=unit)
    for path in sorted(counts, key=lambda p: (p != unit.path, units[p].sort_order if p in units else 0, p)):
        row = UnitRow(unit=units[path], is_own=path == unit.path, **counts[path])
        table.append(row)
        for name in state_aggregates():
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return table, total


@dataclass
class MonthBar:
    month: datetime.date
    on_time: int
    late: int


def completions_by_month(unit: OrgUnit, as_of: datetime.date, months: int = 12, qs=None) -> list[MonthBar]:
    """Tasks under ``unit`` done in each of the ``months`` months up to ``as_of``: on time
    and late. One grouped query; months without completions are filled with zeros."""
    first = _month_start(as_of, months - 1)
    rows = (
        tasks_of_unit(unit, as_of, qs)
        .filter(done_at__isnull=False, done_at__gte=first, done_at__lte=as_of)
        .annotate(month=TruncMonth("done_at"))
        .values("month")
        .annotate(
            on_time=Count("pk", filter=Q(done_at__lte=F("deadline"))),
            late=Count("pk", filter=Q(done_at__gt=F("deadline"))),
        )
        .order_by("month")
    )
    by_month = {_as_date(r["month"]): r for r in rows}
    bars = []
    for i in range(months):
        month = _month_start(as_of, months - 1 - i)
        r = by_month.get(month, {"on_time": 0, "late": 0})
        bars.append(MonthBar(month=month, on_time=r["on_time"], late=r["late"]))
    return bars


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _month_start(day: datetime.date, months_back: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


def state_counts(qs, as_of: datetime.date) -> dict[str, int]:
    """Counts by state of a task queryset (not yet annotated with its state): one query."""
    return qs.with_state(as_of).aggregate(**state_aggregates())


__all__ = [
    "DUE_SOON_DAYS",
    "REPORT_EVERY_DAYS",
    "Inbox",
    "UnitRow",
    "MonthBar",
    "inbox",
    "list_queryset",
    "tasks_under",
    "tasks_of_unit",
    "holder_path",
    "leader_table",
    "completions_by_month",
    "state_counts",
    "state_aggregates",
]
