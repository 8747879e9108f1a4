"""Set-based reads of reported values: latest approved figures, rollups over the org
tree and trend series. Each function runs one query whatever the number of targets,
units or values; nothing here loops over units in Python.

The figures come from the maintained tables (``LatestValue``, ``UnitRollup``,
``UnitPeriodRollup``, kept current by ``maintenance``), never from all history: a page
reads one row per target (or per target and period, or per target and reporting unit),
each valid for the day viewed, so a view "as of" a past day costs what today's does.

A value counts under a unit S when the unit that reported it, or a unit it was later
merged into, lies in S's subtree (``OrgUnitAlias``). So last year's figures of two
merged communes count under the new commune and still under the old parent.
"""

from __future__ import annotations

import datetime
import operator
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Length, Substr
from django.utils import timezone

from mandate.orgs.models import SEGMENT, OrgUnit, OrgUnitAlias

from .models import Aggregation, LatestValue, ReportedValue, Target, UnitPeriodRollup, UnitRollup, ValueState


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


def valid_on(queryset, day: datetime.date):
    """Rows of a maintained table that hold on ``day``."""
    return queryset.filter(valid_from__lte=day, valid_to__gt=day)


def latest_rows(day: datetime.date):
    """``LatestValue`` rows on ``day``: per (target, reporting unit) its latest approved value."""
    return valid_on(LatestValue.objects.all(), day)


def latest_approved(day: datetime.date):
    """For each (target, reporting unit), its approved value of the latest period."""
    return ReportedValue.objects.filter(pk__in=latest_rows(day).values("reported_value"))


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


def _rollup(row) -> Rollup:
    reporting = row["reporting"]
    return Rollup(
        total=row["total"],
        average=row["total"] / reporting if reporting else None,
        own=row["own_total"] / row["own_count"] if row["own_count"] else None,
        reporting=reporting,
        meeting=row["meeting"],
    )


_FIGURES = ("total", "reporting", "meeting", "own_total", "own_count")


def _scoped(model, target_ids, day: datetime.date, scope: OrgUnit | None, own_units: dict[int, int] | None = None):
    rows = valid_on(model.objects.filter(target__in=target_ids, reporting__gt=0), day)
    if scope is not None:
        return rows.filter(scope=scope.pk)
    if own_units:
        # Each unit with its targets, as literals: the index on (scope, target) serves this,
        # where the join on the targets' own unit read the whole target table.
        by_unit = defaultdict(list)
        for target_id, unit_id in own_units.items():
            by_unit[unit_id].append(target_id)
        return rows.filter(reduce(operator.or_, (Q(scope=unit_id, target__in=ids) for unit_id, ids in by_unit.items())))
    return rows.filter(scope=F("target__org_unit"))


def target_rollups(target_ids, day: datetime.date, scope: OrgUnit | None = None, *,
                   own_units: dict[int, int] | None = None) -> dict[int, Rollup]:
    """Rollup of every target in ``target_ids`` at its own unit (or at ``scope``).
    ``own_units``: {target id: its unit id}, when the caller has the targets at hand."""
    rows = _scoped(UnitRollup, target_ids, day, scope, own_units).values("target_id", *_FIGURES)
    return {row["target_id"]: _rollup(row) for row in rows}


def target_series(target_ids, day: datetime.date, scope: OrgUnit | None = None, *,
                  own_units: dict[int, int] | None = None) -> dict[int, list[tuple]]:
    """Per target, [(period_end, period_label, Rollup)] in time order: the trend.
    ``own_units`` as for ``target_rollups``."""
    rows = (_scoped(UnitPeriodRollup, target_ids, day, scope, own_units)
            .values_list("target_id", "period_end", "period_label", *_FIGURES)
            .order_by("target_id", "period_end", "period_label"))
    series: dict[int, list[tuple]] = {}
    # Tuples, not dicts: a page of 100 targets over five years reads 6,000 rows.
    for target_id, period_end, period_label, total, reporting, meeting, own_total, own_count in rows:
        series.setdefault(target_id, []).append((period_end, period_label, Rollup(
            total, total / reporting if reporting else None, own_total / own_count if own_count else None,
            reporting, meeting)))
    return series


def _aggregates(own: Q):
    return {
        "total": Sum("value"),
        "average": Avg("value"),
        "reporting": Count("id"),
        "meeting": Count("id", filter=Q(value__gte=F("target__coverage_threshold"))),
        "own": Avg("value", filter=own),
    }


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
        latest_rows(day)
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
    "latest_rows",
    "target_rollups",
    "target_series",
    "child_rollups",
    "allocations_for",
]
