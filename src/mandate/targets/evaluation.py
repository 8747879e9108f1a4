"""Targets with their computed figures and status, ready for a page or the API.

A constant number of queries: the targets, their allocations, one rollup query and one
trend query per group (the unit's own targets, and its parents' targets broken down to
it). Status is computed in Python per target row from the rollup (never per unit).
For a page of a big subtree, ``unit_targets`` builds rows (model instances, trends) only
for the slice shown; the statuses of all the others come from PostgreSQL: the cards' counts
kept per unit (``status_cache``), a filtered page's ids in one query (``status_sql``); on
SQLite, from the targets' columns alone.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from django.db.models import Q, QuerySet

from mandate.orgs.models import OrgUnit

from . import status as rules
from . import status_cache, status_sql
from .coverage import Item, coverage_for, coverage_of
from .models import GOAL_FIELDS, Target, goal_of
from .rollups import Rollup, target_rollups, target_series


@dataclass
class TargetRow:
    target: Target
    scope: OrgUnit
    goal_value: Decimal
    goal_value_max: Decimal | None
    actual: Decimal | None
    status: str
    rollup: Rollup | None
    series: list = field(default_factory=list)
    allocated: bool = False
    # Coverage of reporting (None for a target measured by its unit's own value):
    # how many of the units expected to report have an approved value.
    coverage: rules.Coverage | None = None

    @property
    def coverage_expected(self) -> int | None:
        return self.coverage.expected if self.coverage and self.coverage.expected else None

    @property
    def coverage_reported(self) -> int | None:
        return self.coverage.reported if self.coverage and self.coverage.expected else None

    @property
    def trend(self) -> list[tuple[str, Decimal]]:
        agg = self.target.aggregation
        return [(label, value) for _end, label, r in self.series if (value := r.value_for(agg)) is not None]

    @property
    def progress_percent(self) -> int | None:
        if self.actual is None or not self.goal_value:
            return None
        if self.target.comparator in (rules.Comparator.AT_MOST, rules.Comparator.INCREASE_BY,
                                      rules.Comparator.DECREASE_BY):
            return None
        return int(max(0, min(100, self.actual * 100 / self.goal_value)))


def _rows(targets, day, scope, allocations=None, ids=None, with_series=True) -> list[TargetRow]:
    """``ids``: a queryset of the same targets' ids, so the rollup queries join instead of
    carrying thousands of literal ids (a national subtree holds hundreds of thousands)."""
    if not targets:
        return []
    # Their units as literals when the targets are few (a page, a list), not a subquery.
    own_units = {t.pk: t.org_unit_id for t in targets} if scope is None and len(targets) <= 1000 else None
    ids = [t.pk for t in targets] if ids is None else ids
    rollups = target_rollups(ids, day, scope, own_units=own_units)
    series = target_series(ids, day, scope, own_units=own_units) if with_series else {}
    coverages = coverage_for(targets, day, scope)
    rows = []
    for t in targets:
        r = rollups.get(t.pk)
        actual = r.value_for(t.aggregation) if r else None
        if allocations is not None:
            value, value_max = allocations[t.pk]
            goal = t.goal(value, value_max)
        else:
            value, value_max, goal = t.value, t.value_max, t.goal()
        coverage = coverages.get(t.pk)
        rows.append(TargetRow(
            target=t, scope=scope or t.org_unit, goal_value=value, goal_value_max=value_max, actual=actual,
            status=rules.evaluate(goal, actual, day, coverage), rollup=r, series=series.get(t.pk, []),
            allocated=allocations is not None, coverage=coverage,
        ))
    return rows


def targets_for_unit(unit: OrgUnit, *, document=None, year: int | None = None) -> tuple[QuerySet, QuerySet]:
    """(targets set for the unit's subtree, parents' targets broken down to the unit)."""
    base = Target.objects.select_related("document", "org_unit", "parent")
    if document is not None:
        base = base.filter(document=document)
    if year is not None:
        base = base.filter(period_start__lte=datetime.date(year, 12, 31), period_end__gte=datetime.date(year, 1, 1))
    own = base.filter(org_unit__path__startswith=unit.path)
    allocated = base.filter(allocations__org_unit=unit).filter(~Q(org_unit__path__startswith=unit.path))
    return own, allocated


def _lean(targets: QuerySet) -> list[Target]:
    """The targets without their text and timestamps, their document, unit and parent joined
    from one query each: a national subtree holds tens of thousands of targets, and building
    three model instances per row with every column dominated the dashboard's time."""
    from mandate.documents.models import DirectiveDocument

    rows = list(targets.select_related(None).defer("source_text", "created_at", "updated_at"))
    units = OrgUnit.objects.in_bulk({t.org_unit_id for t in rows})
    documents = DirectiveDocument.objects.in_bulk({t.document_id for t in rows})
    parents = Target.objects.in_bulk({t.parent_id for t in rows if t.parent_id})
    for t in rows:
        t.org_unit, t.document = units[t.org_unit_id], documents[t.document_id]
        if t.parent_id:
            t.parent = parents[t.parent_id]
    return rows


class _Entry(NamedTuple):
    """A target of the subtree with its status, before it is built into a ``TargetRow``."""

    pk: int
    status: str
    actual: Decimal | None
    rollup: Rollup | None
    coverage: rules.Coverage | None


_ENTRY_FIELDS = ("pk", "org_unit_id", "org_unit__path", *GOAL_FIELDS)


def _entries(own: QuerySet, day: datetime.date) -> list[_Entry]:
    """The status of every target of ``own`` at its own unit, from one query of their
    columns (no model instances), their rollups and their coverage (``_rows`` without rows)."""
    columns = list(own.values_list(*_ENTRY_FIELDS))
    if not columns:
        return []
    ids = own.values("pk")
    rollups = target_rollups(ids, day, None)
    agg, start, end = (GOAL_FIELDS.index(f) for f in ("aggregation", "period_start", "period_end"))
    coverages = coverage_of([Item(pk, goal[agg], unit_id, path, goal[start], goal[end])
                             for pk, unit_id, path, *goal in columns], day, ids)
    evaluate, entries = rules.evaluate, []
    for pk, _unit_id, _path, *goal in columns:
        r = rollups.get(pk)
        actual = r.value_for(goal[agg]) if r else None
        coverage = coverages.get(pk)
        entries.append(_Entry(pk, evaluate(goal_of(*goal), actual, day, coverage), actual, r, coverage))
    return entries


class _RowSequence(Sequence):
    """A list of ``TargetRow``s built slice by slice (``_slice``): a page builds only its own."""

    def _slice(self, positions: range) -> list[TargetRow]:
        raise NotImplementedError

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._slice(range(*index.indices(len(self))))
        position = range(len(self))[index]  # IndexError out of range, like a list
        return self[position:position + 1][0]

    def __iter__(self):
        return iter(self[:])


class UnitTargets(_RowSequence):
    """Every target of a unit's subtree and every share broken down to it, in the order of
    ``evaluate_for_unit``, with their statuses (``statuses``, for the cards); a slice builds
    the ``TargetRow``s of the rows it holds (a page), with their targets loaded then."""

    def __init__(self, own: QuerySet, entries: list[_Entry], shares: list[TargetRow], everything: bool):
        self._own, self._entries, self._shares, self._everything = own, entries, shares, everything

    @property
    def status_counts(self) -> Counter:
        return Counter([e.status for e in self._entries] + [r.status for r in self._shares])

    def __len__(self) -> int:
        return len(self._entries) + len(self._shares)

    def _slice(self, positions: range) -> list[TargetRow]:
        own = self._build([self._entries[i] for i in positions if i < len(self._entries)],
                          whole=self._everything and len(positions) == len(self) and positions.step == 1)
        shares = iter(self._shares[i - len(self._entries)] for i in positions if i >= len(self._entries))
        own_rows = iter(own)
        return [next(own_rows) if i < len(self._entries) else next(shares) for i in positions]

    @property
    def own_ids(self) -> QuerySet | None:
        """The ids of every target at its own unit, as a subquery (None under a status filter)."""
        return self._own.values("pk") if self._everything else None

    def _build(self, entries: list[_Entry], whole: bool) -> list[TargetRow]:
        if not entries:
            return []
        if whole:
            loaded = {t.pk: t for t in _lean(self._own)}
        else:  # a page: its targets with their unit, document and parent joined, one query
            loaded = {t.pk: t for t in self._own.filter(pk__in=[e.pk for e in entries])
                      .defer("source_text", "created_at", "updated_at")}
        rows = []
        for e in entries:
            t = loaded[e.pk]
            rows.append(TargetRow(target=t, scope=t.org_unit, goal_value=t.value, goal_value_max=t.value_max,
                                  actual=e.actual, status=e.status, rollup=e.rollup, coverage=e.coverage))
        return rows


class CountedUnitTargets(_RowSequence):
    """``UnitTargets`` on PostgreSQL, for a subtree of any size: the database counts the
    statuses of the targets at their own unit and picks the ids of a slice
    (``status_sql``); the slice's rows are built and evaluated by ``_rows``, in Python.
    The shares broken down to the unit (a few) come after them, as in ``UnitTargets``."""

    def __init__(self, own: QuerySet, day: datetime.date, shares: list[TargetRow], statuses: list[str] | None,
                 unit: OrgUnit, document=None, year: int | None = None, started_only: bool = False):
        self._own, self._day, self._shares, self._filter = own, day, shares, statuses
        self._unit, self._document, self._year, self._started_only = unit, document, year, started_only

    @cached_property
    def _own_counts(self) -> Counter:
        # Kept per unit of the subtree, recomputed for those whose figures changed.
        counts = status_cache.subtree_counts(self._unit, self._own, self._day, document=self._document, year=self._year,
                                             started_only=self._started_only)
        return Counter({s: n for s, n in counts.items() if not self._filter or s in self._filter})

    @cached_property
    def _own_len(self) -> int:
        # Under a filter, or once the cards have counted the statuses, the count is their sum;
        # otherwise a COUNT, which needs no status.
        counted = self._filter or "_own_counts" in self.__dict__
        return sum(self._own_counts.values()) if counted else self._own.count()

    @property
    def status_counts(self) -> Counter:
        return self._own_counts + Counter(r.status for r in self._shares)

    def __len__(self) -> int:
        return self._own_len + len(self._shares)

    def _slice(self, positions: range) -> list[TargetRow]:
        wanted = [i for i in positions if i < self._own_len]
        own_rows = self._build(min(wanted), max(wanted) + 1) if wanted else {}
        return [own_rows[i] if i < self._own_len else self._shares[i - self._own_len] for i in positions]

    @property
    def own_ids(self) -> QuerySet | None:
        return None if self._filter else self._own.values("pk")

    def _build(self, start: int, stop: int) -> dict[int, TargetRow]:
        """The rows at positions start:stop, by position."""
        if not self._filter and start == 0 and stop >= self._own_len:
            targets, ids = _lean(self._own), self._own.values("pk")  # everything: no list of ids
        else:
            ids = status_sql.page_ids(self._own, self._day, start, stop, self._filter)
            loaded = self._own.filter(pk__in=ids).defer("source_text", "created_at", "updated_at").in_bulk()
            targets = [loaded[pk] for pk in ids]
        return dict(zip(range(start, stop), _rows(targets, self._day, None, ids=ids, with_series=False), strict=False))


def unit_targets(unit: OrgUnit, day: datetime.date, *, document=None, year: int | None = None,
                 statuses: list[str] | None = None, started_only: bool = False) -> UnitTargets | CountedUnitTargets:
    """``evaluate_for_unit`` for a page: the statuses of all, the rows built for a slice.
    The same queries whatever the number of targets (their trends: ``add_series``).
    ``started_only``: only the targets whose period has begun by ``day``."""
    own, allocated = targets_for_unit(unit, document=document, year=year)
    if started_only:
        own, allocated = own.filter(period_start__lte=day), allocated.filter(period_start__lte=day)
    allocated = list(allocated.prefetch_related(None))
    alloc_map = {}
    if allocated:
        from .models import TargetAllocation

        alloc_map = {a.target_id: (a.value, a.value_max)
                     for a in TargetAllocation.objects.filter(org_unit=unit, target__in=[t.pk for t in allocated])}
    shares = _rows(allocated, day, unit, alloc_map, with_series=False)
    if statuses:
        shares = [r for r in shares if r.status in statuses]
    if status_sql.supported(own):
        return CountedUnitTargets(own, day, shares, statuses, unit, document, year, started_only)
    entries = _entries(own, day)
    if statuses:
        entries = [e for e in entries if e.status in statuses]
    return UnitTargets(own, entries, shares, everything=not statuses)


CHART_POINTS = 6  # the dashboard's chart: five past year ends and the day shown


def status_counts_over_time(unit: OrgUnit, as_of: datetime.date, cards: Counter, *, document=None,
                            year: int | None = None, statuses: list[str] | None = None,
                            max_points: int = CHART_POINTS) -> list[tuple[datetime.date, Counter]]:
    """The dashboard's status cards through time: at each of the last year ends before
    ``as_of`` (``max_points - 1`` at most), the counts of the same selection counted the same
    way, as known on that day, over the targets begun by then; on ``as_of``, ``cards``
    themselves. Every target of the selection, not only the page's rows."""
    points = []
    with status_cache.fingerprints_held():  # the same units' stamps for every day
        for day in _past_year_ends(unit, as_of, max_points - 1, document=document, year=year):
            counts = unit_targets(unit, day, document=document, year=year, statuses=statuses,
                                  started_only=True).status_counts
            if counts:
                points.append((day, counts))
    return points + [(as_of, cards)]


def _past_year_ends(unit: OrgUnit, as_of: datetime.date, most: int, *, document=None,
                    year: int | None = None) -> list[datetime.date]:
    """The last ``most`` year ends before ``as_of`` from the year the first target of the
    selection begins."""
    own, allocated = targets_for_unit(unit, document=document, year=year)
    # Two queries: one over the union (an OR of two subqueries) reads every target. The
    # first by order, not MIN(): PostgreSQL walks the period_start index and stops at once.
    starts = [q.order_by("period_start").values_list("period_start", flat=True).first() for q in (own, allocated)]
    first = min((d for d in starts if d is not None), default=None)
    if first is None:
        return []
    return [datetime.date(y, 12, 31) for y in range(first.year, as_of.year)][-most:] if most > 0 else []


def precount_status_counts(day: datetime.date, max_points: int = CHART_POINTS) -> int:
    """Count, ahead of the first page, the statuses of every unit on ``day`` with no filter
    (what dashboards and unit pages open on) and at the past year ends of the dashboard's
    chart, so that the first view of the day reads them from the cache instead of counting
    the country (PostgreSQL; run after midnight). Returns the number of units whose counts
    are now kept; 0 where each page counts for itself (SQLite)."""
    kept = 0
    for root in OrgUnit.objects.valid_on(day).filter(parent__isnull=True):
        own, _allocated = targets_for_unit(root)
        if not status_sql.supported(own):
            return 0
        status_counts_over_time(root, day, unit_targets(root, day).status_counts, max_points=max_points)
        kept += OrgUnit.objects.filter(path__startswith=root.path).count()
    return kept


def evaluate_for_unit(unit: OrgUnit, day: datetime.date, *, document=None, year: int | None = None,
                      statuses: list[str] | None = None, with_series: bool = True) -> list[TargetRow]:
    """Every target of the unit's subtree and every share broken down to it, with status.
    ``with_series=False`` leaves the trends out (``add_series`` fills them for the rows a
    page shows: a national subtree has too many targets to draw them all)."""
    targets = unit_targets(unit, day, document=document, year=year, statuses=statuses)
    rows = list(targets)
    if with_series:
        add_series(rows, day, own_ids=targets.own_ids)
    return rows


def add_series(rows: list[TargetRow], day: datetime.date, own_ids: QuerySet | None = None) -> None:
    """Fill the trend of ``rows`` (from ``evaluate_for_unit(..., with_series=False)``): one
    query for the targets at their own unit, one for the shares broken down to a unit.
    ``own_ids``: the ids of the former as a subquery, for many rows."""
    own = [r for r in rows if not r.allocated]
    if own:
        if own_ids is None:
            series = target_series([r.target.pk for r in own], day, None,
                                   own_units={r.target.pk: r.target.org_unit_id for r in own})
        else:
            series = target_series(own_ids, day, None)
        for r in own:
            r.series = series.get(r.target.pk, [])
    shares = [r for r in rows if r.allocated]
    if shares:
        series = target_series([r.target.pk for r in shares], day, shares[0].scope)
        for r in shares:
            r.series = series.get(r.target.pk, [])


def evaluate_targets(targets, day: datetime.date) -> list[TargetRow]:
    """Each target at its own unit."""
    return _rows(list(targets), day, None)


def summarize(rows: list[TargetRow] | UnitTargets | CountedUnitTargets) -> dict:
    counts = rows.status_counts if isinstance(rows, UnitTargets | CountedUnitTargets) else Counter(
        r.status for r in rows)
    return {
        "total": len(rows),
        "met": counts[rules.Status.ACHIEVED],
        "on_track": counts[rules.Status.ON_TRACK],
        "at_risk": counts[rules.Status.AT_RISK],
        "missed": counts[rules.Status.MISSED],
        "no_data": counts[rules.Status.NO_DATA],
    }
