"""Reads for the data-entry grid, the completeness table and the Excel export.

Which targets a unit reports against for a period (its "assigned" targets):
- the targets set for the unit itself,
- the targets of any unit broken down to it (a share, ``TargetAllocation``),
- the targets of its parent unit measured as an average or a coverage count, which every
  child that is a territorial unit or a Party organization reports (8/8 communes meeting the
  health criteria; 90% of organizations rated well) — not the parent's own bodies (its Party
  Committee office, People's Committee, departments, mass organizations).
Only targets whose period contains the reporting period count.

Each function reads a fixed number of queries whatever the number of units and targets
(set-based; assembling rows in Python afterwards runs no query).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from mandate.orgs.models import OrgUnit, UnitKind
from mandate.targets.models import Aggregation, ReportedValue, Target, TargetAllocation, ValueState
from mandate.targets.periods import Period

PARENT_WIDE = (Aggregation.AVERAGE, Aggregation.COVERAGE)
# The kinds of child unit that report on their parent's average and coverage targets.
REPORTING_KINDS = {UnitKind.CITY, UnitKind.DISTRICT, UnitKind.WARD, UnitKind.COMMUNE, UnitKind.VILLAGE,
                   UnitKind.PARTY_ORGANIZATION, UnitKind.PARTY_CELL}
DEFAULT_GRACE_DAYS = 15


@dataclass
class Assignment:
    target: Target
    goal: Decimal | None
    goal_max: Decimal | None = None
    allocated: bool = False


def covering(p: Period):
    return Target.objects.filter(period_start__lte=p.start, period_end__gte=p.end)


def units_open_during(qs, p: Period):
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=p.end)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=p.start))


def assigned_targets(units: list[OrgUnit], p: Period) -> dict[int, list[Assignment]]:
    """Per unit id, its assigned targets for ``p`` in document order. Two queries."""
    if not units:
        return {}
    unit_ids = [u.pk for u in units]
    parent_ids = {u.parent_id for u in units if u.parent_id}
    targets = list(
        covering(p).filter(Q(org_unit__in=unit_ids) | Q(org_unit__in=parent_ids, aggregation__in=PARENT_WIDE))
        .select_related("document", "org_unit", "parent").order_by("document__number", "sort_order", "pk"))
    allocations = list(
        TargetAllocation.objects.filter(org_unit__in=unit_ids, target__in=covering(p))
        .select_related("target", "target__document", "target__org_unit", "target__parent"))
    by_unit: dict[int, dict[int, Assignment]] = defaultdict(dict)
    by_owner = defaultdict(list)
    for t in targets:
        by_owner[t.org_unit_id].append(t)
    for u in units:
        for t in by_owner.get(u.pk, []):
            by_unit[u.pk][t.pk] = Assignment(t, t.value, t.value_max)
        for t in by_owner.get(u.parent_id, []) if u.kind in REPORTING_KINDS else ():
            if t.aggregation in PARENT_WIDE and t.pk not in by_unit[u.pk]:
                goal = t.coverage_threshold if t.aggregation == Aggregation.COVERAGE else t.value
                by_unit[u.pk][t.pk] = Assignment(t, goal, None if t.aggregation == Aggregation.COVERAGE
                                                 else t.value_max)
    for a in allocations:
        by_unit[a.org_unit_id][a.target_id] = Assignment(a.target, a.value, a.value_max, allocated=True)
    order = lambda a: (a.target.document.number, a.target.sort_order, a.target.pk)  # noqa: E731
    return {u.pk: sorted(by_unit.get(u.pk, {}).values(), key=order) for u in units}


# --- The grid --------------------------------------------------------------------------------

@dataclass
class GridRow:
    assignment: Assignment
    value: ReportedValue | None = None
    last_label: str = ""
    last_value: Decimal | None = None
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    typed: str | None = None  # what was typed, when the page comes back with errors

    @property
    def target(self) -> Target:
        return self.assignment.target

    @property
    def editable(self) -> bool:
        return self.value is None or self.value.state in (ValueState.DRAFT, ValueState.RETURNED)


@dataclass
class GridGroup:
    document: object
    rows: list


def last_values(unit_ids, target_ids, p: Period) -> dict[tuple[int, int], tuple[str, Decimal]]:
    """(unit, target) → (label, value) of the latest submitted or approved value before ``p``.

    The database keeps the latest row of each pair (a window numbering them newest first):
    the earlier periods stay there, so the rows read do not grow with the history."""
    newest_first = Window(RowNumber(), partition_by=[F("org_unit"), F("target")],
                          order_by=[F("period_end").desc(), F("pk").desc()])
    rows = (ReportedValue.objects.filter(org_unit__in=unit_ids, target__in=target_ids, period_end__lt=p.start,
                                         state__in=[ValueState.SUBMITTED, ValueState.APPROVED])
            .annotate(newest=newest_first).filter(newest=1).order_by()
            .values_list("org_unit", "target", "period_label", "value"))
    return {(unit, target): (label, value) for unit, target, label, value in rows}


def current_values(unit_ids, target_ids, p: Period) -> dict[tuple[int, int], ReportedValue]:
    rows = ReportedValue.objects.filter(org_unit__in=unit_ids, target__in=target_ids, period_label=p.label)
    return {(rv.org_unit_id, rv.target_id): rv for rv in rows}


def grid_rows(units: list[OrgUnit], p: Period) -> dict[int, list[GridRow]]:
    """Per unit id, one row per assigned target with its value and last period's. Four queries."""
    assigned = assigned_targets(units, p)
    unit_ids = [u.pk for u in units]
    target_ids = {a.target.pk for rows in assigned.values() for a in rows}
    current = current_values(unit_ids, target_ids, p) if target_ids else {}
    last = last_values(unit_ids, target_ids, p) if target_ids else {}
    result = {}
    for u in units:
        result[u.pk] = []
        for a in assigned.get(u.pk, []):
            label, value = last.get((u.pk, a.target.pk), ("", None))
            result[u.pk].append(GridRow(a, current.get((u.pk, a.target.pk)), label, value))
    return result


def grouped(rows: list[GridRow]) -> list[GridGroup]:
    groups: list[GridGroup] = []
    for row in rows:
        if not groups or groups[-1].document.pk != row.target.document_id:
            groups.append(GridGroup(row.target.document, []))
        groups[-1].rows.append(row)
    return groups


# --- Completeness ----------------------------------------------------------------------------

def default_deadline(p: Period) -> datetime.date:
    days = getattr(settings, "MANDATE_REPORTING_GRACE_DAYS", DEFAULT_GRACE_DAYS)
    return p.end + datetime.timedelta(days=days)


@dataclass
class UnitCompleteness:
    unit: OrgUnit
    expected: int = 0
    entered: int = 0
    submitted: int = 0  # submitted or approved
    approved: int = 0
    returned: int = 0
    last_submitted_at: datetime.datetime | None = None
    late: int = 0

    @property
    def complete(self) -> bool:
        return self.expected > 0 and self.submitted >= self.expected

    @property
    def missing(self) -> int:
        return max(0, self.expected - self.submitted)

    @property
    def on_time(self) -> bool:
        return self.complete and self.late == 0

    @property
    def state(self) -> str:
        if self.expected == 0:
            return "none"
        if self.approved >= self.expected:
            return "approved"
        if self.complete:
            return "submitted"
        if self.entered:
            return "partial"
        return "missing"


@dataclass
class Completeness:
    parent: OrgUnit
    period: Period
    deadline: datetime.date
    rows: list

    @property
    def expected_units(self) -> int:
        return sum(1 for r in self.rows if r.expected)

    @property
    def complete_units(self) -> int:
        return sum(1 for r in self.rows if r.complete)

    @property
    def on_time_units(self) -> int:
        return sum(1 for r in self.rows if r.on_time)

    def _rate(self, n) -> Decimal | None:
        return Decimal(n * 100) / self.expected_units if self.expected_units else None

    @property
    def reporting_rate(self):
        return self._rate(self.complete_units)

    @property
    def on_time_rate(self):
        return self._rate(self.on_time_units)

    @property
    def missing_units(self) -> list[OrgUnit]:
        return [r.unit for r in self.rows if r.expected and not r.complete]


def reporting_units(parent: OrgUnit, p: Period) -> list[OrgUnit]:
    return list(units_open_during(OrgUnit.objects.filter(parent=parent), p).order_by("sort_order", "name_vi"))


def completeness(parent: OrgUnit, p: Period, deadline: datetime.date | None = None) -> Completeness:
    """The children of ``parent`` open during ``p`` with what they reported. Four queries."""
    deadline = deadline or default_deadline(p)
    units = reporting_units(parent, p)
    assigned = assigned_targets(units, p)
    expected = {u.pk: {a.target.pk for a in assigned.get(u.pk, [])} for u in units}
    all_targets = set().union(*expected.values()) if expected else set()
    values = (ReportedValue.objects.filter(org_unit__in=[u.pk for u in units], period_label=p.label,
                                           target__in=all_targets)
              .values_list("org_unit", "target", "state", "submitted_at")) if all_targets else []
    rows = {u.pk: UnitCompleteness(unit=u, expected=len(expected[u.pk])) for u in units}
    end_of_deadline = datetime.datetime.combine(deadline, datetime.time.max)
    for unit_id, target_id, state, submitted_at in values:
        if target_id not in expected[unit_id]:
            continue
        row = rows[unit_id]
        row.entered += 1
        if state in (ValueState.SUBMITTED, ValueState.APPROVED):
            row.submitted += 1
            if submitted_at is not None:
                if row.last_submitted_at is None or submitted_at > row.last_submitted_at:
                    row.last_submitted_at = submitted_at
                if _as_naive(submitted_at) > end_of_deadline:
                    row.late += 1
        if state == ValueState.APPROVED:
            row.approved += 1
        if state == ValueState.RETURNED:
            row.returned += 1
    return Completeness(parent=parent, period=p, deadline=deadline, rows=list(rows.values()))


def _as_naive(moment: datetime.datetime) -> datetime.datetime:
    from django.utils import timezone

    if timezone.is_aware(moment):
        return timezone.localtime(moment).replace(tzinfo=None)
    return moment


def waiting_values(units: list[OrgUnit], p: Period):
    """Submitted values of ``units`` for ``p`` waiting for a decision (for bulk approval)."""
    return (ReportedValue.objects.filter(org_unit__in=[u.pk for u in units], period_label=p.label,
                                         state=ValueState.SUBMITTED)
            .select_related("target", "target__document", "org_unit").order_by("org_unit__path", "target__sort_order",
                                                                                "pk"))
