"""Coverage of reporting: which units are expected to report on a target, and how many of
them have an approved value counted on the day viewed. The rule is in docs/status-rules.md.

Expected units: the units the target is broken down to (allocations); without a
breakdown, the local units directly under the target's unit (cities, districts, wards,
communes, villages, grassroots Party organizations and cells) that existed during the
target's period. A target whose figure is the unit's own value has no coverage.

Four queries for any number of targets: the allocations, the child units, the units with
an approved value (``LatestValue`` rows on the day: one per target and unit, whatever the
number of periods), the mergers. Matching a value to an expected unit is a path prefix (a unit reports
through the units below it) or a merger (``OrgUnitAlias``: a unit merged into an expected
unit reports for it).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import NamedTuple

from django.db.models import F, Q

from mandate.orgs.models import OrgUnit, OrgUnitAlias, UnitKind

from .models import Aggregation, LatestValue, TargetAllocation
from .status import Coverage

LOCAL_KINDS = [UnitKind.CITY, UnitKind.DISTRICT, UnitKind.WARD, UnitKind.COMMUNE, UnitKind.VILLAGE,
               UnitKind.PARTY_ORGANIZATION, UnitKind.PARTY_CELL]


class Item(NamedTuple):
    """What coverage needs of a target: no model instance (a national subtree has tens of
    thousands of targets)."""

    pk: int
    aggregation: str
    org_unit_id: int
    unit_path: str
    period_start: datetime.date
    period_end: datetime.date


def coverage_for(targets, day: datetime.date, scope: OrgUnit | None = None) -> dict[int, Coverage]:
    """Coverage per target id. Left out: targets whose figure is their unit's own value,
    and a parent's target seen at a unit it is broken down to (``scope``): that unit
    reports its share itself."""
    if scope is not None:
        return {}
    return coverage_of([Item(t.pk, t.aggregation, t.org_unit_id, t.org_unit.path, t.period_start, t.period_end)
                        for t in targets], day)


def _prefixes(paths) -> set[str]:
    """Every ancestor-or-self path of ``paths`` (a path is its units' segments, each ending in "/")."""
    out = set()
    for path in paths:
        end = path.find("/")
        while end >= 0:
            out.add(path[:end + 1])
            end = path.find("/", end + 1)
    return out


def coverage_of(items: list[Item], day: datetime.date, ids=None) -> dict[int, Coverage]:
    """``coverage_for`` of targets given as ``Item``s; ``ids``: a queryset of the same targets'
    ids (the queries join it instead of carrying thousands of literal ids)."""
    items = [t for t in items if t.aggregation != Aggregation.OWN]
    if not items:
        return {}
    ids = [t.pk for t in items] if ids is None else ids.exclude(aggregation=Aggregation.OWN)
    expected: dict[int, list[OrgUnit]] = defaultdict(list)
    for a in TargetAllocation.objects.filter(target__in=ids).select_related("org_unit"):
        expected[a.target_id].append(a.org_unit)
    owners = {t.org_unit_id for t in items if t.pk not in expected}
    children: dict[int, list[OrgUnit]] = defaultdict(list)
    if owners:
        for unit in OrgUnit.objects.filter(parent__in=owners, kind__in=LOCAL_KINDS):
            children[unit.parent_id].append(unit)
    for t in items:
        if t.pk in expected:
            continue
        expected[t.pk] = [u for u in children[t.org_unit_id]
                          if (u.valid_from is None or u.valid_from <= t.period_end)
                          and (u.valid_to is None or u.valid_to > t.period_start)]
    reported_paths: dict[int, set[str]] = defaultdict(set)
    # The units with an approved value inside the period known on ``day`` are those with a
    # ``LatestValue`` row on that day (one row per target and unit, not one per period).
    values = (LatestValue.objects.filter(target__in=ids, valid_from__lte=day, valid_to__gt=day)
              .values_list("target_id", "org_unit__path", "org_unit_id"))
    value_units = set()
    for target_id, path, unit_id in values:
        reported_paths[target_id].add(path)
        value_units.add(unit_id)
    # A unit merged into an expected unit reports for it: add the successors' paths too.
    merged = defaultdict(set)
    if value_units:
        for path, current_path in OrgUnitAlias.objects.filter(unit__in=value_units).exclude(
                current_id=F("unit_id")).filter(Q(since__isnull=True) | Q(since__lte=day)).values_list(
                "unit__path", "current__path"):
            merged[path].add(current_path)
    result = {}
    for t in items:
        units = expected[t.pk]
        if t.unit_path in reported_paths[t.pk]:
            # The unit reported its own figure for the whole of it: nothing is missing.
            units = []
        reported = 0
        if units:
            paths = set(reported_paths[t.pk])
            for p in list(paths):
                paths |= merged.get(p, set())
            # A unit has reported when a path of a value's unit starts with its path.
            prefixes = _prefixes(paths)
            reported = sum(1 for u in units if (u.path in prefixes if u.path.endswith("/")
                                                 else any(p.startswith(u.path) for p in paths)))
        result[t.pk] = Coverage(expected=len(units), reported=reported,
                                can_only_grow=t.aggregation in (Aggregation.SUM, Aggregation.COVERAGE))
    return result
