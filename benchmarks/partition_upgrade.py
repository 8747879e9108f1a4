"""How long the upgrade to partitioned value tables takes (targets migration 0006).

Creates a PostgreSQL database at targets migration 0005 (plain tables), fills the reported
values and their history with ``--rows`` rows each (monthly periods spread over 2020–2026,
by set-based INSERT ... SELECT), then times ``partition_tables``, the function migration 0006
runs, and checks that every row is still there and that new rows get fresh ids:

    python benchmarks/partition_upgrade.py --rows 1000000

The database is ``i14_partition_upgrade`` on 127.0.0.1 (``--pg``), dropped and made again.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="i14_partition_upgrade")
    args = parser.parse_args()

    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db}"')
        conn.execute(f'CREATE DATABASE "{args.db}"')
    os.environ["DATABASE_URL"] = f"{args.pg}/{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    import django

    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from mandate.documents.services import create_document
    from mandate.orgs.models import OrgUnit, UnitKind, path_segment
    from mandate.targets.models import Target
    from mandate.targets.partitions import is_partitioned, partition_sizes, partition_tables

    # Every app to its latest migration but targets, which stops before 0006.
    executor = MigrationExecutor(connection)
    leaves = [key for key in executor.loader.graph.leaf_nodes() if key[0] != "targets"]
    executor.migrate([("targets", "0005_reported_value_unique_with_period_end"), *leaves])
    executor.loader.build_graph()
    assert ("targets", "0006_partition_reported_values") not in executor.loader.applied_migrations

    unit = OrgUnit(pk=1, code="xa-thu", name_vi="Xã thử", kind=UnitKind.COMMUNE, path=path_segment(1),
                   depth=path_segment(1).count("/") - 1)
    unit.save()
    document = create_document(number="1-NQ/TW", title="Nghị quyết thử", issuing_unit=unit,
                               issued_on=datetime.date(2020, 1, 1))
    target = Target.objects.create(document=document, org_unit=unit, indicator="Chỉ tiêu thử", unit_of_measure="lượt",
                                   comparator="at_least", value=1000, period_label="2020-2026",
                                   period_start=datetime.date(2020, 1, 1), period_end=datetime.date(2026, 12, 31)).pk
    unit = unit.pk
    with connection.cursor() as cursor:
        started = time.perf_counter()
        # One value per "period": the label carries the row number, so the unique rule holds.
        cursor.execute(
            "INSERT INTO targets_reportedvalue (created_at, updated_at, version, target_id, org_unit_id, "
            "period_label, period_start, period_end, value, note, state, submitted_at, decided_at, "
            "decision_comment, is_demo) "
            "SELECT now(), now(), 1, %s, %s, 'p' || i, d, (d + interval '1 month - 1 day')::date, i %% 1000, '', "
            "'approved', now(), now(), '', false "
            "FROM generate_series(1, %s) i, LATERAL (SELECT (date '2020-01-01' + (i %% 84) * interval '1 month')::date"
            " AS d) p", [target, unit, args.rows])
        cursor.execute(
            "INSERT INTO targets_historicalreportedvalue (id, created_at, updated_at, version, target_id, org_unit_id,"
            " period_label, period_start, period_end, value, note, state, submitted_at, decided_at, "
            "decision_comment, is_demo, history_date, history_type) "
            "SELECT id, created_at, updated_at, version, target_id, org_unit_id, period_label, period_start, "
            "period_end, value, note, state, submitted_at, decided_at, decision_comment, is_demo, now(), '+' "
            "FROM targets_reportedvalue")
        cursor.execute("ANALYZE")
        filled = time.perf_counter() - started
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('targets_reportedvalue') + "
                       "pg_total_relation_size('targets_historicalreportedvalue'))")
        size = cursor.fetchone()[0]

    started = time.perf_counter()
    done = partition_tables(connection)
    upgrade = time.perf_counter() - started

    with connection.cursor() as cursor:
        assert all(is_partitioned(cursor, table) for table in ("targets_reportedvalue",
                                                               "targets_historicalreportedvalue"))
        cursor.execute("SELECT COUNT(*), MAX(id) FROM targets_reportedvalue")
        count, highest = cursor.fetchone()
        cursor.execute("SELECT COUNT(*) FROM targets_historicalreportedvalue")
        history = cursor.fetchone()[0]
        cursor.execute("INSERT INTO targets_reportedvalue (created_at, updated_at, version, target_id, org_unit_id, "
                       "period_label, period_start, period_end, value, note, state, decision_comment, is_demo) "
                       "VALUES (now(), now(), 1, %s, %s, 'new', '2026-11-01', '2026-11-30', 1, '', 'draft', '', "
                       "false) RETURNING id", [target, unit])
        fresh = cursor.fetchone()[0]
        cursor.execute("ANALYZE targets_reportedvalue, targets_historicalreportedvalue")  # row estimates below
    assert count == args.rows and history == args.rows, (count, history)
    assert fresh > highest, (fresh, highest)
    print(f"rows: {args.rows:,} values + {args.rows:,} history rows ({size} with indexes), filled in {filled:.1f} s")
    print(f"partition_tables (migration 0006): {upgrade:.1f} s")
    for line in done:
        print(f"  {line}")
    for _table, partition, rows in partition_sizes(connection):
        print(f"  {partition}: ~{rows:,} rows")
    print("check: every row kept, new ids continue after the highest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
