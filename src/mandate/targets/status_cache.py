"""The dashboard's status counts of a big subtree, kept per unit and refreshed for the units
whose figures changed (PostgreSQL).

Counting the statuses of a national subtree (``status_sql.status_counts``) visits every
target of the country. The counts of one unit's own targets on one day change only when
something they are computed from changes: a latest approved value reported in the unit's
subtree (or by a unit merged into it), a target or breakdown of the unit, or the units and
mergers themselves. So the counts are kept in the cache per unit, day and filter, with a
fingerprint of those changes, and a page recomputes, in one query, only the units whose
fingerprint moved since; the subtree's counts are the sum of its units'.

The changes are stamped by triggers (``install``) in the same transaction as the write,
whatever code made it (services, ``rebuild_rollups``, a migration, COPY):
``UnitChangeStamp`` holds, per unit, the stamp of the last statement that changed its latest
values, targets or breakdowns; the row of unit 0 that of the last change of any unit or
merger. Stamps come from a sequence, which a rollback does not give back, so a stamp seen
inside a transaction that rolled back never reappears and the counts it keyed are never read
again. A unit's fingerprint combines the (unit, stamp) pairs of every unit whose values it
counts; it changes when any of them does, in any commit order.
"""

from __future__ import annotations

import contextvars
import datetime
import hashlib
from collections import Counter, defaultdict
from contextlib import contextmanager

from django.core.cache import cache
from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone

from mandate.orgs.models import SEGMENT, OrgUnit

from . import status_sql

CACHE_SECONDS = 2 * 24 * 3600  # a day's counts are read on that day, and as-of views now and then
# A past day's counts are read every day by the dashboard's chart (its year ends): kept longer,
# so that the first view of a day, or the precount, counts only the day itself.
PAST_CACHE_SECONDS = 40 * 24 * 3600
EVERYTHING = 0  # the stamp row of changes to units and mergers, part of every fingerprint

# Tables whose rows name the unit whose figures they change (the owner of a target or of a
# breakdown, the reporter of a latest value); their changes stamp that unit.
_STAMPED_BY_UNIT = ("targets_latestvalue", "targets_target", "targets_targetallocation")
# Tables whose changes can move any unit's figures: they stamp unit 0.
_STAMPED_EVERYTHING = ("orgs_orgunit", "orgs_orgunitalias")

_FUNCTIONS = f"""
CREATE SEQUENCE IF NOT EXISTS targets_unitchangestamp_seq;

CREATE OR REPLACE FUNCTION targets_stamp_units() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stamp bigint := nextval('targets_unitchangestamp_seq');
BEGIN
    -- Units in order, so two writers stamping the same units lock them in the same order.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO targets_unitchangestamp (unit_id, stamp)
        SELECT DISTINCT org_unit_id, stamp FROM new_rows ORDER BY 1
        ON CONFLICT (unit_id) DO UPDATE SET stamp = EXCLUDED.stamp;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO targets_unitchangestamp (unit_id, stamp)
        SELECT DISTINCT org_unit_id, stamp FROM old_rows ORDER BY 1
        ON CONFLICT (unit_id) DO UPDATE SET stamp = EXCLUDED.stamp;
    ELSE
        INSERT INTO targets_unitchangestamp (unit_id, stamp)
        SELECT DISTINCT org_unit_id, stamp FROM (SELECT org_unit_id FROM old_rows
                                                UNION SELECT org_unit_id FROM new_rows) AS changed ORDER BY 1
        ON CONFLICT (unit_id) DO UPDATE SET stamp = EXCLUDED.stamp;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION targets_stamp_everything() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO targets_unitchangestamp (unit_id, stamp) VALUES ({EVERYTHING}, nextval('targets_unitchangestamp_seq'))
    ON CONFLICT (unit_id) DO UPDATE SET stamp = EXCLUDED.stamp;
    RETURN NULL;
END $$;
"""

_TRANSITIONS = {
    # PostgreSQL allows transition tables on a trigger of one event only.
    "INSERT": "REFERENCING NEW TABLE AS new_rows",
    "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "REFERENCING OLD TABLE AS old_rows",
}


def _trigger_sql() -> list[str]:
    statements = [_FUNCTIONS]
    for table in _STAMPED_BY_UNIT:
        for event, transition in _TRANSITIONS.items():
            name = f"{table}_stamp_{event.lower()}"
            statements.append(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
            statements.append(f'CREATE TRIGGER {name} AFTER {event} ON "{table}" {transition} '
                              f"FOR EACH STATEMENT EXECUTE FUNCTION targets_stamp_units()")
    for table in (*_STAMPED_EVERYTHING, *_STAMPED_BY_UNIT):
        events = "INSERT OR UPDATE OR DELETE OR TRUNCATE" if table in _STAMPED_EVERYTHING else "TRUNCATE"
        name = f"{table}_stamp_everything"
        statements.append(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
        statements.append(f'CREATE TRIGGER {name} AFTER {events} ON "{table}" '
                          f"FOR EACH STATEMENT EXECUTE FUNCTION targets_stamp_everything()")
    return statements


def install(connection) -> None:
    """Create the stamping triggers (idempotent; PostgreSQL only, nothing on SQLite): from
    migration 0007 and, for the test databases made from the models, tests/conftest.py."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in _trigger_sql():
            cursor.execute(statement)


def uninstall(connection) -> None:
    """Drop the triggers, their functions and the sequence (the migration's way back)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP FUNCTION IF EXISTS targets_stamp_units() CASCADE")
        cursor.execute("DROP FUNCTION IF EXISTS targets_stamp_everything() CASCADE")
        cursor.execute("DROP SEQUENCE IF EXISTS targets_unitchangestamp_seq")


def last_stamp(connection) -> int | None:
    """The last stamp given (None on SQLite, or before migration 0007)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('targets_unitchangestamp_seq') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return None
        cursor.execute("SELECT last_value FROM targets_unitchangestamp_seq")
        return cursor.fetchone()[0]


def continue_stamps_after(connection, used: int | None) -> None:
    """After a restore: stamps go on above every stamp given before it. The restored sequence
    would give again stamps the cache has already seen with other figures."""
    if used is None or last_stamp(connection) is None:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval('targets_unitchangestamp_seq', GREATEST(last_value, %s) + 1) "
                       "FROM targets_unitchangestamp_seq", [used])


def _pair_hash(unit_id: int, stamp: int) -> int:
    return int.from_bytes(hashlib.blake2b(f"{unit_id}:{stamp}".encode(), digest_size=8).digest(), "big")


# Fingerprints read once inside ``fingerprints_held`` (a page counting several days).
_held: contextvars.ContextVar[dict | None] = contextvars.ContextVar("status_fingerprints", default=None)


@contextmanager
def fingerprints_held():
    """Inside the block, each unit's fingerprints are read once: for a page that counts
    several days of one subtree (the dashboard's chart) and writes nothing meanwhile."""
    token = _held.set({})
    try:
        yield
    finally:
        _held.reset(token)


def fingerprints(unit: OrgUnit, using: str) -> dict[int, int]:
    """For each unit of ``unit``'s subtree: a number that changes whenever the stamp of a unit
    whose values it counts does (its subtree's units, the units merged into them, unit 0).
    Order-independent (a sum of the pairs' hashes), so it is the same whichever writer
    committed first."""
    held = _held.get()
    if held is None:
        return _read_fingerprints(unit, using)
    if (unit.path, using) not in held:
        held[unit.path, using] = _read_fingerprints(unit, using)
    return held[unit.path, using]


def _read_fingerprints(unit: OrgUnit, using: str) -> dict[int, int]:
    units = dict(OrgUnit.objects.using(using).filter(path__startswith=unit.path).values_list("path", "pk"))
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT s.unit_id, s.stamp, u.path FROM targets_unitchangestamp s "
                       "LEFT JOIN orgs_orgunit u ON u.id = s.unit_id")
        stamps = cursor.fetchall()
        cursor.execute("SELECT a.unit_id, c.path FROM orgs_orgunitalias a JOIN orgs_orgunit c ON c.id = a.current_id "
                       "WHERE a.unit_id <> a.current_id")
        merged_into = defaultdict(set)
        for merged, current_path in cursor.fetchall():
            merged_into[merged].add(current_path)
    everything = next((stamp for unit_id, stamp, _path in stamps if unit_id == EVERYTHING), 0)
    out = dict.fromkeys(units.values(), _pair_hash(EVERYTHING, everything))
    for unit_id, stamp, path in stamps:
        if path is None:  # unit 0, or a unit since deleted
            continue
        pair = _pair_hash(unit_id, stamp)
        ancestors = {p[:end] for p in (path, *merged_into[unit_id]) for end in range(SEGMENT, len(p) + 1, SEGMENT)}
        for prefix in ancestors:
            if prefix in units:
                out[units[prefix]] = (out[units[prefix]] + pair) % 2**64
    return out


def cache_key(day: datetime.date, *, document=None, year: int | None = None, started_only: bool = False) -> str:
    """The cache entry of a day's counts with these filters (one for every unit)."""
    return (f"status-counts:{day.isoformat()}:{getattr(document, 'pk', document) or 0}:{year or 0}"
            f"{':started' if started_only else ''}")


def subtree_counts(unit: OrgUnit, own: QuerySet, day: datetime.date, *, document=None,
                   year: int | None = None, started_only: bool = False) -> Counter:
    """``status_sql.status_counts(own, day)`` for ``own``, the targets of ``unit``'s subtree
    (with the ``document``, ``year`` and ``started_only`` filters given; the key of the
    cache names them): from the cache for the units whose fingerprint is unchanged,
    computed in one query for the others.

    The counts of a day and filter are one cache entry, {unit: (fingerprint, counts)}: one read
    and at most one write a page, whatever the number of units. Two pages writing it at once
    may lose each other's units; their fingerprints make the next page count them again."""
    prints = fingerprints(unit, own.db)
    key = cache_key(day, document=document, year=year, started_only=started_only)
    kept = cache.get(key) or {}
    stale = [pk for pk, fp in prints.items() if kept.get(pk, (None,))[0] != fp]
    if stale:
        # Most units stale (a cold cache, a change of every unit): count the whole subtree at
        # once rather than carry thousands of ids.
        whole = len(stale) * 2 > len(prints)
        fresh = status_sql.status_counts_by_unit(own if whole else own.filter(org_unit_id__in=stale), day)
        kept.update({pk: (prints[pk], fresh.get(pk, {})) for pk in (prints if whole else stale)})
        cache.set(key, kept, CACHE_SECONDS if day >= timezone.localdate() else PAST_CACHE_SECONDS)
    counts = Counter()
    for pk in prints:
        counts.update(kept[pk][1])
    return counts
