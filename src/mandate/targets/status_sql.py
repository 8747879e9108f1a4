"""The statuses of many targets, computed by PostgreSQL instead of one by one in Python.

A national subtree holds hundreds of thousands of targets; the dashboard's cards count
all of their statuses and its status filter pages through them. Evaluating each in Python
(``status.evaluate`` over ``rollups.target_rollups`` and ``coverage.coverage_of``) grows
with the country. Here the same rules run as one SQL expression over the maintained
rollups (``UnitRollup``, ``LatestValue``): one query counts the statuses, one returns the
ids of a page. Rows shown are still built and evaluated in Python; a test checks the two
agree on every target (tests/targets/test_status_sql.py).

Every comparison is written without division (``a / b >= c`` as ``a >= c * b``, b > 0), so
PostgreSQL's exact numeric arithmetic gives the verdict Python's Decimals give. SQLite
computes with floats, where such boundaries can tip the other way: there the statuses stay
in Python (``supported``), which is fine for the size of one province.
"""

from __future__ import annotations

import datetime

from django.db import connections
from django.db.models import QuerySet

from .coverage import LOCAL_KINDS
from .models import Aggregation, Comparator, Target
from .status import ChangeKind, Status

# The pieces below read one row ``b`` of the targets with their rollup on the day ``d.day``.
# The figure is ``num / den`` (den > 0), as ``rollups.Rollup.value_for`` gives it.
_BASE = """
    SELECT t.id, t.period_start, t.period_end, t.document_id, t.sort_order, t.comparator, t.value,
           t.baseline, t.change_kind, t.aggregation, t.org_unit_id,
           t.aggregation IN ('{sum}', '{coverage}') AS can_only_grow,
           t.aggregation IN ('{sum}', '{coverage}') AND btrim(t.unit_of_measure) <> '%%' AS cumulative,
           t.period_end - t.period_start + 1 AS days_total,
           GREATEST(0, LEAST(t.period_end - t.period_start + 1, d.day - t.period_start + 1)) AS days_done,
           d.day > t.period_end AS over,
           CASE t.aggregation WHEN '{sum}' THEN ur.total WHEN '{average}' THEN ur.total
                WHEN '{coverage}' THEN ur.meeting ELSE CASE WHEN ur.own_count > 0 THEN ur.own_total END END AS num,
           CASE t.aggregation WHEN '{sum}' THEN 1 WHEN '{average}' THEN ur.reporting WHEN '{coverage}' THEN 1
                ELSE ur.own_count END AS den,
           d.day
    FROM targets_target t CROSS JOIN d
    LEFT JOIN targets_unitrollup ur ON ur.target_id = t.id AND ur.scope_id = t.org_unit_id AND ur.reporting > 0
         AND ur.valid_from <= d.day AND ur.valid_to > d.day
    WHERE t.id IN ({own})"""

# The change from the baseline in the goal's direction, times den.
_CHANGE = ("(CASE b.comparator WHEN '{increase_by}' THEN b.num - b.baseline * b.den "
           "ELSE b.baseline * b.den - b.num END)")
# For a relative change, both sides of a comparison with ``value`` are scaled by |baseline| / 100.
_SCALE = "(CASE WHEN b.change_kind = '{relative}' THEN abs(b.baseline) ELSE 100 END)"
_CHANGE_TIMES_100 = f"({_CHANGE} * 100)"

_MEETS = f"""(CASE
    WHEN b.comparator IN ('{{equal}}', '{{at_least}}', '{{between}}') THEN b.num >= b.value * b.den
    WHEN b.comparator = '{{at_most}}' THEN b.num <= b.value * b.den
    ELSE {_CHANGE_TIMES_100} >= b.value * {_SCALE} * b.den END)"""

# ``measured >= expected_now`` with f = days_done / days_total, for a goal not met yet.
_ON_PACE = f"""(CASE
    WHEN b.comparator IN ('{{increase_by}}', '{{decrease_by}}')
        THEN {_CHANGE_TIMES_100} * b.days_total >= b.value * b.days_done * {_SCALE} * b.den
    WHEN b.baseline IS NOT NULL
        THEN (b.num - b.baseline * b.den) * b.days_total >= (b.value - b.baseline) * b.days_done * b.den
    WHEN b.cumulative THEN b.num * b.days_total >= b.value * b.days_done * b.den
    END)"""

_FIRST = f"""(CASE
    WHEN b.num IS NULL THEN '{{no_data}}'
    WHEN b.over THEN CASE WHEN {_MEETS} THEN '{{achieved}}' ELSE '{{missed}}' END
    WHEN b.comparator = '{{at_most}}' THEN CASE WHEN {_MEETS} THEN '{{on_track}}' ELSE '{{at_risk}}' END
    WHEN {_MEETS} THEN '{{achieved}}'
    WHEN {_ON_PACE} THEN '{{on_track}}'
    ELSE '{{at_risk}}' END)"""

# A unit (``u``) has reported when an approved value known on the day comes from its subtree,
# or from a unit merged into a unit of its subtree (``coverage.coverage_of``): through
# ``OrgUnitAlias``, whose row of a unit for itself every unit has.
_REPORTED = """EXISTS (
    SELECT 1 FROM targets_latestvalue lv
    JOIN orgs_orgunitalias al ON al.unit_id = lv.org_unit_id
         AND (al.current_id = al.unit_id OR al.since IS NULL OR al.since <= b.day)
    JOIN orgs_orgunit cu ON cu.id = al.current_id
    WHERE lv.target_id = b.id AND lv.valid_from <= b.day AND lv.valid_to > b.day AND cu.path LIKE u.path || '%%')"""

# Units expected to report that have not: the breakdown's units, or without one the local
# units under the target's unit that existed during its period. None is missing when the
# target's unit reported its own figure.
_MISSING = f"""(NOT EXISTS (
        SELECT 1 FROM targets_latestvalue own WHERE own.target_id = b.id AND own.org_unit_id = b.org_unit_id
          AND own.valid_from <= b.day AND own.valid_to > b.day
        -- OFFSET 0 keeps this a probe per target (only those it is asked for) instead of
        -- PostgreSQL hashing every latest value of the day first
        OFFSET 0)
    AND CASE WHEN EXISTS (SELECT 1 FROM targets_targetallocation a WHERE a.target_id = b.id)
        THEN EXISTS (
            SELECT 1 FROM targets_targetallocation a JOIN orgs_orgunit u ON u.id = a.org_unit_id
            WHERE a.target_id = b.id AND NOT {_REPORTED})
        ELSE EXISTS (
            SELECT 1 FROM orgs_orgunit u
            WHERE u.parent_id = b.org_unit_id AND u.kind IN ({{local_kinds}})
              AND (u.valid_from IS NULL OR u.valid_from <= b.period_end)
              AND (u.valid_to IS NULL OR u.valid_to > b.period_start)
              AND NOT {_REPORTED}) END)"""

# ``status.evaluate``: partial data gives no final verdict the missing units could overturn.
_STATUS = f"""(CASE
    WHEN b.aggregation = '{{own_aggregation}}' OR b.first NOT IN ('{{achieved}}', '{{missed}}') THEN b.first
    WHEN NOT {_MISSING} THEN b.first
    WHEN b.first = '{{achieved}}' THEN CASE WHEN b.can_only_grow AND b.comparator IN ('{{equal}}', '{{at_least}}')
        THEN '{{achieved}}' ELSE '{{on_track}}' END
    WHEN b.can_only_grow AND b.comparator = '{{at_most}}' THEN '{{missed}}'
    ELSE '{{at_risk}}' END)"""

_NAMES = {
    "sum": Aggregation.SUM, "average": Aggregation.AVERAGE, "coverage": Aggregation.COVERAGE,
    "own_aggregation": Aggregation.OWN, "relative": ChangeKind.RELATIVE,
    "equal": Comparator.EQUAL, "at_least": Comparator.AT_LEAST, "at_most": Comparator.AT_MOST,
    "between": Comparator.BETWEEN, "increase_by": Comparator.INCREASE_BY, "decrease_by": Comparator.DECREASE_BY,
    "achieved": Status.ACHIEVED, "on_track": Status.ON_TRACK, "at_risk": Status.AT_RISK,
    "missed": Status.MISSED, "no_data": Status.NO_DATA,
    # Code constants, not user input: safe to write into the statement.
    "local_kinds": ", ".join(f"'{kind}'" for kind in LOCAL_KINDS),
}

ORDER = "period_end, document_id, sort_order, id"  # ``Target.Meta.ordering``, in SQL


def supported(targets: QuerySet) -> bool:
    return connections[targets.db].vendor == "postgresql"


def _statuses(targets: QuerySet, day: datetime.date) -> tuple[str, list]:
    """(SQL, params) of a query of ``id, status`` and the ordering columns of ``targets``."""
    own_sql, own_params = targets.order_by().values("pk").query.sql_with_params()
    base = _BASE.format(own=own_sql, **_NAMES)
    first = _FIRST.format(**_NAMES)
    status = _STATUS.format(**_NAMES)
    sql = f"""WITH d AS (SELECT %s::date AS day),
        b AS ({base}),
        -- OFFSET 0: the first verdict is computed once per row, not once per use below
        s AS (SELECT b.*, {first} AS first FROM b OFFSET 0)
        SELECT b.id, b.org_unit_id, b.period_end, b.document_id, b.sort_order, {status} AS status FROM s AS b"""
    return sql, [day, *own_params]


def status_counts(targets: QuerySet, day: datetime.date) -> dict[str, int]:
    """How many of ``targets`` (at their own unit) have each status on ``day``."""
    sql, params = _statuses(targets, day)
    with connections[targets.db].cursor() as cursor:
        cursor.execute(f"SELECT status, count(*) FROM ({sql}) AS x GROUP BY status", params)
        return dict(cursor.fetchall())


def status_counts_by_unit(targets: QuerySet, day: datetime.date) -> dict[int, dict[str, int]]:
    """``status_counts`` per unit of the targets: {unit id: {status: count}}."""
    sql, params = _statuses(targets, day)
    out: dict[int, dict[str, int]] = {}
    with connections[targets.db].cursor() as cursor:
        cursor.execute(f"SELECT org_unit_id, status, count(*) FROM ({sql}) AS x GROUP BY org_unit_id, status", params)
        for unit_id, status, count in cursor.fetchall():
            out.setdefault(unit_id, {})[status] = count
    return out


def page_ids(targets: QuerySet, day: datetime.date, start: int, stop: int,
             statuses: list[str] | None = None) -> list[int]:
    """The ids of ``targets`` at positions ``start:stop`` in their order, among those with one of
    ``statuses`` (all when None)."""
    if stop <= start:
        return []
    if not statuses:  # every target: the order alone, no status needed
        return list(targets.order_by(*Target._meta.ordering).values_list("pk", flat=True)[start:stop])
    sql, params = _statuses(targets, day)
    where = "WHERE status IN ({})".format(", ".join(["%s"] * len(statuses)))
    params = [*params, *statuses]
    with connections[targets.db].cursor() as cursor:
        cursor.execute(f"SELECT id FROM ({sql}) AS x {where} ORDER BY {ORDER} LIMIT %s OFFSET %s",
                       [*params, stop - start, start])
        return [row[0] for row in cursor.fetchall()]
