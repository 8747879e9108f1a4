"""Reported values and their history, partitioned by period in PostgreSQL.

The two tables that grow with every report (``targets_reportedvalue`` and its change log
``targets_historicalreportedvalue``) are ``PARTITION BY RANGE (period_end)``: one partition
per year of the period's end, and a default partition for the years that have none yet.
Queries that name a period range (the keyset pages, the rollup rebuild of a year, an archive
of a closed term) read only the partitions of those years; a closed term can be detached
and archived whole. Everything else sees one table: Django reads and writes the parent.

PostgreSQL only: SQLite, the embedded default, keeps plain tables. ``partition_tables`` is
idempotent and runs from migration 0006 and, for the test databases (made from the models),
from ``tests/conftest.py``; ``mandate ensure_partitions`` adds the coming years' partitions
(and moves any rows the default partition already holds for them).

What partitioning asks of the schema (docs/deployment.md): the primary key and every unique
constraint include ``period_end`` (``reported_value_unique`` does, and since the period label
fixes the end day it is the same rule); the id comes from a sequence the table owns
(PostgreSQL 15 has no identity columns on partitioned tables); no foreign key points at the
value table (``LatestValue.reported_value`` has none on purpose).
"""

from __future__ import annotations

import datetime

from django.db import connection as default_connection
from django.db import transaction

PARTITIONED = {
    # table: its key column (the primary key becomes (key, period_end))
    "targets_reportedvalue": "id",
    "targets_historicalreportedvalue": "history_id",
}
# Years given their own partition when a table is converted or ensured: the reorganized
# province's data starts in 2020 (the 2020-2025 term); earlier and later years go to the
# default partition until `ensure_partitions` makes theirs.
FIRST_YEAR = 2020
YEARS_AHEAD = 5


def is_partitioned(cursor, table: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s)", [table])
    return cursor.fetchone() is not None


def partition_name(table: str, year: int) -> str:
    return f"{table}_y{year}"


def _years(cursor, table: str, until: int) -> list[int]:
    cursor.execute(f'SELECT MIN(EXTRACT(YEAR FROM period_end)), MAX(EXTRACT(YEAR FROM period_end)) FROM "{table}"')
    low, high = cursor.fetchone()
    first = min(int(low), FIRST_YEAR) if low is not None else FIRST_YEAR
    last = max(int(high), until) if high is not None else until
    return list(range(first, last + 1))


def _convert(cursor, table: str, key: str, years: list[int]) -> None:
    """Rebuild ``table`` as a partitioned table with the same columns, defaults, indexes and
    constraints, copy its rows and drop the old one (inside the caller's transaction)."""
    old = f"{table}_unpartitioned"
    cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                   "AND tablename = %s", [table])
    indexes = cursor.fetchall()
    cursor.execute("SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                   "WHERE conrelid = %s::regclass ORDER BY conname", [table])
    constraints = cursor.fetchall()
    backing = {name for name, kind, _ in constraints if kind in ("p", "u")}
    for name, kind, definition in constraints:
        if kind == "u" and "period_end" not in definition:
            raise RuntimeError(f"{table}: unique constraint {name} must include period_end to partition")

    cursor.execute(f'ALTER TABLE "{table}" RENAME TO "{old}"')
    for name, _kind, _definition in constraints:
        cursor.execute(f'ALTER TABLE "{old}" DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        if name not in backing:
            cursor.execute(f'DROP INDEX "{name}"')
    # The identity of the old key becomes a sequence owned by the new table.
    cursor.execute(f'SELECT COALESCE(MAX("{key}"), 0) + 1 FROM "{old}"')
    start = cursor.fetchone()[0]
    cursor.execute(f'ALTER TABLE "{old}" ALTER COLUMN "{key}" DROP IDENTITY IF EXISTS')
    cursor.execute(f'CREATE TABLE "{table}" (LIKE "{old}" INCLUDING DEFAULTS) PARTITION BY RANGE (period_end)')
    sequence = f"{table}_{key}_seq"
    cursor.execute(f'CREATE SEQUENCE "{sequence}" START WITH {int(start)} OWNED BY "{table}"."{key}"')
    cursor.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{key}" SET DEFAULT nextval(\'"{sequence}"\')')
    for year in years:
        _create_partition(cursor, table, year)
    cursor.execute(f'CREATE TABLE "{table}_default" PARTITION OF "{table}" DEFAULT')

    cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{table}_pkey" PRIMARY KEY ("{key}", period_end)')
    for name, kind, definition in constraints:
        if kind == "p":
            continue
        cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
    for name, definition in indexes:
        if name not in backing:
            cursor.execute(definition)  # CREATE INDEX name ON table ...: a partitioned index
    cursor.execute(f'INSERT INTO "{table}" SELECT * FROM "{old}"')
    cursor.execute(f'DROP TABLE "{old}"')


def _create_partition(cursor, table: str, year: int) -> None:
    cursor.execute(
        f'CREATE TABLE IF NOT EXISTS "{partition_name(table, year)}" PARTITION OF "{table}" '
        "FOR VALUES FROM (%s) TO (%s)", [datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)])


def _attached_years(cursor, table: str) -> set[int]:
    cursor.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                   "WHERE i.inhparent = %s::regclass", [table])
    prefix = f"{table}_y"
    return {int(name[len(prefix):]) for (name,) in cursor.fetchall() if name.startswith(prefix)}


def _add_year(cursor, table: str, year: int) -> int:
    """A partition for ``year``, taking over the rows the default partition holds for it."""
    name, low, high = partition_name(table, year), datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    cursor.execute(f'CREATE TABLE "{name}" (LIKE "{table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)')
    cursor.execute(f'WITH moved AS (DELETE FROM "{table}_default" WHERE period_end >= %s AND period_end < %s '
                   f'RETURNING *) INSERT INTO "{name}" SELECT * FROM moved', [low, high])
    moved = cursor.rowcount
    cursor.execute(f'ALTER TABLE "{table}" ATTACH PARTITION "{name}" FOR VALUES FROM (%s) TO (%s)', [low, high])
    return moved


def partition_tables(connection=None, *, until: int | None = None) -> list[str]:
    """Make the large tables partitioned (if they are not yet) and give every year up to
    ``until`` (default: this year + YEARS_AHEAD) its partition. Returns what was done."""
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return []
    until = until or datetime.date.today().year + YEARS_AHEAD
    done = []
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table, key in PARTITIONED.items():
            if not is_partitioned(cursor, table):
                years = _years(cursor, table, until)
                _convert(cursor, table, key, years)
                done.append(f"{table}: partitioned by year of period_end, {years[0]}–{years[-1]} and default")
                continue
            have = _attached_years(cursor, table)
            for year in range(min(have | {FIRST_YEAR}), until + 1):
                if year not in have:
                    moved = _add_year(cursor, table, year)
                    done.append(f"{table}: partition for {year} ({moved} rows moved from the default)")
    return done


def partition_sizes(connection=None) -> list[tuple[str, str, int]]:
    """(table, partition, rows estimate) of the partitioned tables, for the command's report."""
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return []
    rows = []
    with connection.cursor() as cursor:
        for table in PARTITIONED:
            if not is_partitioned(cursor, table):
                continue
            cursor.execute("SELECT c.relname, c.reltuples::bigint FROM pg_inherits i "
                           "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = %s::regclass "
                           "ORDER BY c.relname", [table])
            rows += [(table, name, max(int(count), 0)) for name, count in cursor.fetchall()]
    return rows
