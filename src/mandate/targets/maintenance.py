"""Keeping the rollup tables (``LatestValue``, ``UnitRollup``, ``UnitPeriodRollup``) current.

Pages never recompute figures from all history: ``rollups`` reads these tables. They change
only when the set of approved values counted somewhere changes, and each such write calls
one function here inside its own transaction:

- ``value_changed``: a value was approved, its decision time was moved, or it was deleted;
- ``target_changed``: a target's period, unit or coverage threshold changed;
- ``units_merged``: units were merged (``orgs.signals.units_merged``).

Submitting or returning a value changes no approved figure, so they need nothing here.

Every row holds for the days ``valid_from <= day < valid_to``. An approved value never
changes once approved (the services refuse it), so a change is a step added to the figures
of each scope from some day on; ``_apply`` splits the rows at the step's ends and adds the
difference to the rows between. ``rebuild`` recomputes the same rows from scratch with
set-based SQL (window functions, SQLite and PostgreSQL alike); a test checks both agree.

Concurrent writers on one target are serialized by locking the target row first.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from mandate.orgs.models import SEGMENT, OrgUnit, OrgUnitAlias

from .models import FOREVER, LatestValue, ReportedValue, Target, UnitPeriodRollup, UnitRollup, ValueState

FIELDS = ("total", "reporting", "meeting", "own_total", "own_count")
ZERO = (Decimal(0), 0, 0, Decimal(0), 0)


def decided_day(moment: datetime.datetime) -> datetime.date:
    """The day (in the site's time zone) from which a decision is known: ``rollups.end_of_day``."""
    return timezone.localdate(moment)


def _lock(target_ids) -> dict[int, Target]:
    """Lock the targets (in primary-key order) and return them with their units."""
    return {t.pk: t for t in Target.objects.select_for_update(of=("self",)).select_related("org_unit")
            .filter(pk__in=list(target_ids)).order_by("pk")}


def _scopes(target: Target, unit_ids) -> dict[int, dict[int, bool]]:
    """For each unit: the units its values count under for this target, with True where the
    value is the scope's own (reported by it or by a unit merged into it).

    Those are the ancestors-or-self of every unit the values count under (``OrgUnitAlias``),
    except the units above the target's own unit, which never read the target's figures:
    the target's subtree, and, for a unit merged into a unit elsewhere, the successor's
    branch below the closest unit the two share."""
    out: dict[int, dict[int, bool]] = {u: {} for u in unit_ids}
    root = target.org_unit.path
    rows = OrgUnitAlias.objects.filter(unit__in=list(unit_ids)).values_list("unit_id", "current_id", "current__path")
    for unit_id, current_id, path in rows:
        for end in range(SEGMENT, len(path) + 1, SEGMENT):
            prefix = path[:end]
            if not (len(prefix) < len(root) and root.startswith(prefix)):
                scope = int(prefix[-SEGMENT:-1])
                out[unit_id][scope] = out[unit_id].get(scope, False) or scope == current_id
    return out


def _contribution(target: Target, value: Decimal | None, own: bool) -> tuple:
    if value is None:
        return ZERO
    threshold = target.coverage_threshold
    meeting = 1 if threshold is not None and value >= threshold else 0
    return (value, 1, meeting, value if own else Decimal(0), 1 if own else 0)


def _minus(a: tuple, b: tuple) -> tuple:
    return tuple(x - y for x, y in zip(a, b, strict=True))


def _split(model, key: dict, day: datetime.date) -> None:
    """Make ``day`` the start of a row of the chain at ``key`` (rows are contiguous up to FOREVER)."""
    if day >= FOREVER:
        return
    rows = model.objects.filter(**key)
    cover = rows.filter(valid_from__lte=day, valid_to__gt=day).first()
    if cover is None:  # before the chain's first row, or no chain yet
        first = rows.filter(valid_from__gt=day).order_by("valid_from").values_list("valid_from", flat=True).first()
        model.objects.create(**key, valid_from=day, valid_to=first or FOREVER)
    elif cover.valid_from < day:
        model.objects.create(**key, valid_from=day, valid_to=cover.valid_to,
                             **{f: getattr(cover, f) for f in FIELDS})
        model.objects.filter(pk=cover.pk).update(valid_to=day)


def _apply(model, key: dict, start: datetime.date, end: datetime.date, delta: tuple) -> None:
    """Add ``delta`` to the figures at ``key`` on the days start <= day < end."""
    if start >= end or not any(delta):
        return
    _split(model, key, start)
    _split(model, key, end)
    model.objects.filter(**key, valid_from__gte=start, valid_from__lt=end).update(
        **{f: F(f) + d for f, d in zip(FIELDS, delta, strict=True) if d})


def _in_period(target: Target, period_start, period_end) -> bool:
    return target.period_start <= period_start and period_end <= target.period_end


def _latest_chain(target: Target, unit_id: int) -> list[tuple]:
    """The (valid_from, valid_to, value id, value, is_demo) rows of one unit for one target."""
    values = [
        (v["period_end"], v["id"], decided_day(v["decided_at"]), v["value"], v["is_demo"])
        for v in ReportedValue.objects.filter(
            target=target, org_unit_id=unit_id, state=ValueState.APPROVED, decided_at__isnull=False,
            period_start__gte=target.period_start, period_end__lte=target.period_end,
        ).values("id", "period_end", "decided_at", "value", "is_demo")
    ]
    chain = []
    for key_end, key_id, day, value, is_demo in values:
        newer = [d for e, i, d, _v, _x in values if (e, i) > (key_end, key_id)]
        until = min(newer, default=FOREVER)
        if until > day:
            chain.append((day, until, key_id, value, is_demo))
    return sorted(chain)


def _value_on(chain, day):
    for start, end, _id, value, _demo in chain:
        if start <= day < end:
            return value
    return None


def _refresh_latest(target: Target, unit_id: int, scopes: dict[int, bool]) -> None:
    """Recompute one unit's latest-value chain and add the difference to each scope's rollup."""
    old_rows = list(LatestValue.objects.filter(target=target, org_unit_id=unit_id)
                    .values_list("valid_from", "valid_to", "reported_value_id", "value", "is_demo"))
    old = sorted((a, b, c, Decimal(d), e) for a, b, c, d, e in old_rows)
    new = _latest_chain(target, unit_id)
    if [r[:3] for r in old] == [r[:3] for r in new]:
        return
    LatestValue.objects.filter(target=target, org_unit_id=unit_id).delete()
    LatestValue.objects.bulk_create([
        LatestValue(target=target, org_unit_id=unit_id, valid_from=a, valid_to=b, reported_value_id=c, value=d,
                    is_demo=e) for a, b, c, d, e in new])
    points = sorted({p for row in old + new for p in row[:2]})
    pieces: list[list] = []  # [start, end, old value, new value]
    for start, end in zip(points, points[1:], strict=False):
        before, after = _value_on(old, start), _value_on(new, start)
        if before == after:
            continue
        if pieces and pieces[-1][1] == start and pieces[-1][2:] == [before, after]:
            pieces[-1][1] = end
        else:
            pieces.append([start, end, before, after])
    for scope, own in scopes.items():
        key = {"target_id": target.pk, "scope_id": scope}
        for start, end, before, after in pieces:
            _apply(UnitRollup, key, start, end,
                   _minus(_contribution(target, after, own), _contribution(target, before, own)))


def value_changed(value: ReportedValue, *, before: tuple | None = None, deleted: bool = False) -> None:
    """Bring the tables up to date after ``value`` changed. ``before`` is (state, decided_at)
    as they were; the value as saved (or, with ``deleted``, nothing) is the after."""
    was_approved = before is not None and before[0] == ValueState.APPROVED and before[1] is not None
    is_approved = not deleted and value.state == ValueState.APPROVED and value.decided_at is not None
    if not (was_approved or is_approved):
        return
    target = _lock([value.target_id])[value.target_id]
    scopes = _scopes(target, [value.org_unit_id])[value.org_unit_id]
    if _in_period(target, value.period_start, value.period_end):
        for scope, own in scopes.items():
            key = {"target_id": target.pk, "scope_id": scope, "period_label": value.period_label,
                   "period_end": value.period_end}
            contribution = _contribution(target, Decimal(value.value), own)
            if was_approved:
                _apply(UnitPeriodRollup, key, decided_day(before[1]), FOREVER, _minus(ZERO, contribution))
            if is_approved:
                _apply(UnitPeriodRollup, key, decided_day(value.decided_at), FOREVER, contribution)
    _refresh_latest(target, value.org_unit_id, scopes)


def target_changed(target: Target) -> None:
    """A target's period, unit or threshold changed: rebuild its rows."""
    _lock([target.pk])
    rebuild(target_ids=[target.pk])


def units_merged(pairs: list[tuple[int, int]]) -> None:
    """``pairs`` of (unit, successor) alias rows were just added: the successor (and those of its
    ancestors that did not count the unit yet) now count the unit's values."""
    if not pairs:
        return
    units = {u for u, _s in pairs}
    successors = OrgUnit.objects.filter(pk__in={s for _u, s in pairs}).values_list("path", flat=True)
    target_ids = set(ReportedValue.objects.filter(org_unit__in=units, state=ValueState.APPROVED)
                     .values_list("target_id", flat=True).distinct())
    if not target_ids:
        return
    before: set[int] = set()
    for path in OrgUnit.objects.filter(
            pk__in=OrgUnitAlias.objects.filter(unit__in=units).exclude(
                Q(*[Q(unit_id=u, current_id=s) for u, s in pairs], _connector=Q.OR)).values("current")
    ).values_list("path", flat=True):
        before |= {int(path[end - SEGMENT:end - 1]) for end in range(SEGMENT, len(path) + 1, SEGMENT)}
    changed = {s for _u, s in pairs}
    for path in successors:
        changed |= {int(path[end - SEGMENT:end - 1]) for end in range(SEGMENT, len(path) + 1, SEGMENT)} - before
    _lock(target_ids)
    rebuild(target_ids=sorted(target_ids), scope_ids=sorted(changed))


# --- Rebuild from scratch ---------------------------------------------------------------------

def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _in(column: str, ids) -> tuple[str, list]:
    if ids is None:
        return "", []
    ids = list(ids) or [0]
    return f" AND {column} IN ({', '.join(['%s'] * len(ids))})", ids


def _approved_sql(target_ids) -> tuple[str, list]:
    """Approved values inside their target's period, with the day their approval is known."""
    qs = ReportedValue.objects.filter(
        state=ValueState.APPROVED, decided_at__isnull=False,
        period_start__gte=F("target__period_start"), period_end__lte=F("target__period_end"),
    ).annotate(day=TruncDate("decided_at")).values(
        "id", "target_id", "org_unit_id", "value", "is_demo", "period_label", "period_end", "day")
    if target_ids is not None:
        qs = qs.filter(target__in=list(target_ids))
    return qs.query.sql_with_params()


def _membership_sql(scope_ids) -> tuple[str, list]:
    """(unit, scope, own): each scope that counts a unit's values, with 1 where they are its own.
    A scope is every ancestor-or-self of each unit the unit's figures count under."""
    alias, unit = _table(OrgUnitAlias), _table(OrgUnit)
    scope_filter, params = _in("s.id", scope_ids)
    return f"""
        levels(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM levels WHERE n < 28),
        membership(unit_id, scope_id, own) AS (
            SELECT a.unit_id, s.id, MAX(CASE WHEN a.current_id = s.id THEN 1 ELSE 0 END)
            FROM {alias} a
            JOIN {unit} c ON c.id = a.current_id
            JOIN levels ON levels.n * {SEGMENT} <= LENGTH(c.path)
            JOIN {unit} s ON s.path = SUBSTR(c.path, 1, levels.n * {SEGMENT})
            WHERE 1 = 1{scope_filter}
            GROUP BY a.unit_id, s.id)""", params


def _rollup_insert(model, events: str, extra_cols: tuple[str, ...]) -> str:
    """INSERT the running sums of the per-day ``events`` (target_id, scope_id, *extra, day, figures)."""
    part = ", ".join(("target_id", "scope_id", *extra_cols))
    cols = ", ".join(extra_cols)
    extra = f"{cols}, " if cols else ""
    over = f"OVER (PARTITION BY {part} ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
    return f"""
        INSERT INTO {_table(model)} (target_id, scope_id, {extra}valid_from, valid_to, {", ".join(FIELDS)})
        SELECT target_id, scope_id, {extra}day, COALESCE(LEAD(day) OVER (PARTITION BY {part} ORDER BY day), %s),
               {", ".join(f"SUM({f}) {over}" for f in FIELDS)}
        FROM (SELECT target_id, scope_id, {extra}day, {", ".join(f"SUM({f}) AS {f}" for f in FIELDS)}
              FROM ({events}) e GROUP BY target_id, scope_id, {extra}day) d"""


@transaction.atomic
def rebuild(target_ids=None, scope_ids=None) -> dict[str, int]:
    """Recompute the tables (for some targets and scopes, or all) from the reported values.
    Returns the number of rows of each table afterwards."""
    target_filter, target_params = _in("target_id", target_ids)
    scope_filter, scope_params = _in("scope_id", scope_ids)
    approved, approved_params = _approved_sql(target_ids)
    membership, membership_params = _membership_sql(scope_ids)
    target_t, unit_t = _table(Target), _table(OrgUnit)
    # Every scope but the units above the target's own (see ``_scopes``).
    in_subtree = (f"JOIN {target_t} t ON t.id = x.target_id JOIN {unit_t} tu ON tu.id = t.org_unit_id "
                  f"JOIN {unit_t} s ON s.id = m.scope_id "
                  f"WHERE NOT (LENGTH(s.path) < LENGTH(tu.path) AND SUBSTR(tu.path, 1, LENGTH(s.path)) = s.path)")
    meeting = "CASE WHEN x.value >= t.coverage_threshold THEN 1 ELSE 0 END"
    own_total = "CASE WHEN m.own = 1 THEN x.value ELSE 0 END"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The window functions sort by (target, scope, day): in memory rather than on disk.
            cursor.execute("SET LOCAL work_mem = '256MB'")
        if scope_ids is None:
            cursor.execute(f"DELETE FROM {_table(LatestValue)} WHERE 1 = 1{target_filter}", target_params)
            cursor.execute(f"""
                INSERT INTO {_table(LatestValue)}
                    (target_id, org_unit_id, reported_value_id, value, is_demo, valid_from, valid_to)
                SELECT target_id, org_unit_id, id, value, is_demo, day, valid_to FROM (
                    SELECT target_id, org_unit_id, id, value, is_demo, day,
                           COALESCE(MIN(day) OVER (PARTITION BY target_id, org_unit_id
                                                   ORDER BY period_end DESC, id DESC
                                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), %s) AS valid_to
                    FROM ({approved}) v) chain
                WHERE valid_to > day""", [FOREVER, *approved_params])
        for model in (UnitRollup, UnitPeriodRollup):
            cursor.execute(f"DELETE FROM {_table(model)} WHERE 1 = 1{target_filter}{scope_filter}",
                           [*target_params, *scope_params])
        latest_events = f"""
            SELECT x.target_id, m.scope_id, x.valid_from AS day, x.value AS total, 1 AS reporting,
                   {meeting} AS meeting, {own_total} AS own_total, m.own AS own_count
            FROM {_table(LatestValue)} x JOIN membership m ON m.unit_id = x.org_unit_id {in_subtree}{
                target_filter.replace("target_id", "x.target_id")}
            UNION ALL
            SELECT x.target_id, m.scope_id, x.valid_to, -x.value, -1, -{meeting}, -{own_total}, -m.own
            FROM {_table(LatestValue)} x JOIN membership m ON m.unit_id = x.org_unit_id {in_subtree}
                AND x.valid_to < %s{target_filter.replace("target_id", "x.target_id")}"""
        cursor.execute(f"WITH RECURSIVE {membership} {_rollup_insert(UnitRollup, latest_events, ())}",
                       [*membership_params, FOREVER, *target_params, FOREVER, *target_params])
        period_events = f"""
            SELECT x.target_id, m.scope_id, x.period_label, x.period_end, x.day, x.value AS total, 1 AS reporting,
                   {meeting} AS meeting, {own_total} AS own_total, m.own AS own_count
            FROM approved x JOIN membership m ON m.unit_id = x.org_unit_id {in_subtree}"""
        cursor.execute(
            f"WITH RECURSIVE {membership}, approved AS ({approved}) "
            f"{_rollup_insert(UnitPeriodRollup, period_events, ('period_label', 'period_end'))}",
            [*membership_params, *approved_params, FOREVER])
    return {model.__name__: model.objects.count() for model in (LatestValue, UnitRollup, UnitPeriodRollup)}
