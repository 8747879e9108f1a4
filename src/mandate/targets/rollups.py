"""Set-based reads of reported values: latest approved figures, rollups over the org
tree and trend series. Each function runs one query whatever the number of targets,
units or values; nothing here loops over units in Python.

A value counts under a unit S when the unit that reported it, or a unit it was later
merged into, lies in S's subtree (``OrgUnitAlias``). So last year's figures of two
merged communes count under the new commune and still under the old parent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Length, Substr
from django.utils import timezone

from mandate.orgs.models import SEGMENT, OrgUnit, OrgUnitAlias

from .models import Aggregation, ReportedValue, Target, ValueState


def end_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def approved_as_of(day: datetime.date):
    """Approved values known on ``day`` that fall inside their target's period."""
    return ReportedValue.objects.filter(
        state=ValueState.APPROVED,
        decided_at__lte=end_of_day(day),
        period_start__gte=F("target__period_start"),
        period_end__lte=F("target__period_end"),
    )


def latest_approved(day: datetime.date):
    """For each (target, reporting unit), its approved value of the latest period."""
    newer = approved_as_of(day).filter(target=OuterRef("target"), org_unit=OuterRef("org_unit")).filter(
        Q(period_end__gt=OuterRef("period_end")) | Q(period_end=OuterRef("period_end"), pk__gt=OuterRef("pk"))
    )
    return approved_as_of(day).filter(~Exists(newer))


def counted_under(path) -> Exists:
    """True for a value whose unit (or a unit it merged into) is in the subtree at ``path``.
    ``path`` is a string or an outer reference such as ``OuterRef("target__org_unit__path")``."""
    return Exists(OrgUnitAlias.objects.filter(unit=OuterRef("org_unit"), current__path__startswith=path))


def held_by(unit_expr) -> Exists:
    """True for a value reported by ``unit_expr`` itself or by a unit merged into it."""
    return Exists(OrgUnitAlias.objects.filter(unit=OuterRef("org_unit"), current=unit_expr))


@dataclass
class Rollup:
    total: Decimal | None = None
    average: Decimal | None = None
    own: Decimal | None = None
    reporting: int = 0
    meeting: int = 0

    def value_for(self, aggregation: str) -> Decimal | None:
        if aggregation == Aggregation.SUM:
            return self.total
        if aggregation == Aggregation.AVERAGE:
            return self.average
        if aggregation == Aggregation.COVERAGE:
            return Decimal(self.meeting) if self.reporting else None
        return self.own


def _scope_exprs(scope: OrgUnit | None):
    if scope is None:
        return OuterRef("target__org_unit__path"), OuterRef("target__org_unit")
    return scope.path, scope.pk


def _aggregates(own: Q):
    return {
        "total": Sum("value"),
        "average": Avg("value"),
        "reporting": Count("id"),
        "meeting": Count("id", filter=Q(value__gte=F("target__coverage_threshold"))),
        "own": Avg("value", filter=own),
    }


def target_rollups(target_ids, day: datetime.date, scope: OrgUnit | None = None) -> dict[int, Rollup]:
    """Rollup of every target in ``target_ids`` at its own unit (or at ``scope``)."""
    path, own_unit = _scope_exprs(scope)
    rows = (
        latest_approved(day)
        .filter(target__in=target_ids)
        .filter(counted_under(path))
        .values("target")
        .annotate(**_aggregates(Q(held_by(own_unit))))
        .order_by()
    )
    return {row.pop("target"): Rollup(**row) for row in rows}


def target_series(target_ids, day: datetime.date, scope: OrgUnit | None = None) -> dict[int, list[tuple]]:
    """Per target, [(period_end, period_label, Rollup)] in time order: the trend."""
    path, own_unit = _scope_exprs(scope)
    rows = (
        approved_as_of(day)
        .filter(target__in=target_ids)
        .filter(counted_under(path))
        .values("target", "period_end", "period_label")
        .annotate(**_aggregates(Q(held_by(own_unit))))
        .order_by("target", "period_end")
    )
    series: dict[int, list[tuple]] = {}
    for row in rows:
        target = row.pop("target")
        series.setdefault(target, []).append((row.pop("period_end"), row.pop("period_label"), Rollup(**row)))
    return series


def holder_path(day: datetime.date) -> Subquery:
    """The tree path of the open unit that holds a value's figures on ``day``."""
    return Subquery(
        OrgUnitAlias.objects.current_on(day).filter(unit=OuterRef("org_unit")).values("current__path")[:1]
    )


def child_rollups(target_ids, unit: OrgUnit, day: datetime.date) -> dict[tuple[int, str], Rollup]:
    """Rollups of each target under each child of ``unit`` as the tree stands on ``day``,
    keyed by (target id, child path)."""
    prefix_len = len(unit.path) + SEGMENT
    rows = (
        latest_approved(day)
        .filter(target__in=target_ids)
        .annotate(holder=holder_path(day))
        .filter(holder__startswith=unit.path)
        .annotate(holder_len=Length("holder"))
        .filter(holder_len__gte=prefix_len)
        .annotate(child_path=Substr("holder", 1, prefix_len))
        .values("target", "child_path")
        .annotate(**_aggregates(Q(holder_len=prefix_len)))
        .order_by()
    )
    return {(row.pop("target"), row.pop("child_path")): Rollup(**row) for row in rows}


def allocations_for(target_ids, unit_ids) -> dict[tuple[int, int], tuple]:
    from .models import TargetAllocation

    return {
        (a.target_id, a.org_unit_id): (a.value, a.value_max)
        for a in TargetAllocation.objects.filter(target__in=target_ids, org_unit__in=unit_ids)
    }


__all__ = [
    "Rollup",
    "Target",
    "approved_as_of",
    "latest_approved",
    "target_rollups",
    "target_series",
    "child_rollups",
    "allocations_for",
]
