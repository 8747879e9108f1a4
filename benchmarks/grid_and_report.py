#!/usr/bin/env python3
"""Reporting season timings on PostgreSQL: the grid's "submit all" of 200 values and a
province-wide review report (Word and PDF), on a small synthetic data set of the national
shape (a province, 65 communes, province targets every commune reports on for three
years, one commune with 200 targets of its own).

    .venv/bin/python benchmarks/grid_and_report.py [--db i11_bench] [--communes 65]

It (re)creates the database ``--db`` on 127.0.0.1 (user postgres), migrates it, builds the
data (values in bulk, as of a fixed day), then times each step once after a warm-up run,
and prints a Markdown table with the query counts. Bounded: at most 200 communes and
500 grid targets; a few seconds of CPU on the reference machine.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def recreate(db: str) -> None:
    import psycopg

    if not db.startswith("i11_"):
        raise SystemExit("use a database name starting with i11_")
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}"')
        conn.execute(f'CREATE DATABASE "{db}"')


def build(communes: int, grid_targets: int):
    from django.utils import timezone

    from mandate.accounts.models import Membership, Role
    from mandate.core.testing import make_user
    from mandate.documents.services import create_document
    from mandate.orgs.models import UnitKind
    from mandate.orgs.services import create_unit
    from mandate.targets.models import ReportedValue, Target, ValueState
    from mandate.targets.services import create_target

    province = create_unit(code="bench-province", name_vi="Tỉnh Lạng Sơn (thử tải)", kind=UnitKind.PROVINCE)
    units = [create_unit(code=f"bench-xa-{i:03d}", name_vi=f"Xã thử tải {i + 1}", kind=UnitKind.COMMUNE,
                         parent=province) for i in range(communes)]
    admin = make_user("bench-admin", province, Role.ADMINISTRATOR)
    reporter = make_user("bench-reporter", units[0], Role.REPORTER)
    Membership.objects.filter(user=reporter).update(role=Role.REPORTER)
    doc = create_document(number="99-NQ/TU", title="Nghị quyết thử tải nhiệm kỳ 2020-2025", issuing_unit=province,
                          year=2020)
    province_targets = [create_target(actor=admin, document=doc, org_unit=province, indicator=f"Chỉ tiêu tỉnh {i + 1}",
                                      unit_of_measure="%", value=90, comparator="at_least", aggregation="average",
                                      period="2020-2025", sort_order=i) for i in range(50)]
    decided = timezone.make_aware(datetime.datetime(2024, 1, 20, 10))
    values = []
    for t in province_targets:
        for u_i, unit in enumerate(units):
            for year in (2021, 2022, 2023):
                values.append(ReportedValue(
                    target=t, org_unit=unit, period_label=str(year), period_start=datetime.date(year, 1, 1),
                    period_end=datetime.date(year, 12, 31), value=80 + (u_i + year) % 20, state=ValueState.APPROVED,
                    submitted_at=decided, decided_at=decided))
    ReportedValue.objects.bulk_create(values, batch_size=2000)
    grid = [Target(document=doc, org_unit=units[0], indicator=f"Chỉ tiêu xã {i + 1}", unit_of_measure="%",
                   value=50, period_label="2023", period_start=datetime.date(2023, 1, 1),
                   period_end=datetime.date(2023, 12, 31), aggregation="own", sort_order=i)
            for i in range(grid_targets)]
    Target.objects.bulk_create(grid)
    return province, units[0], reporter, admin, len(values)


def timed(label, fn, rows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rows.append((label, seconds, cpu, len(queries.captured_queries)))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="i11_bench")
    parser.add_argument("--communes", type=int, default=65)
    parser.add_argument("--grid-targets", type=int, default=200)
    args = parser.parse_args()
    communes, grid_targets = min(args.communes, 200), min(args.grid_targets, 500)
    recreate(args.db)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    call_command("migrate", verbosity=0)
    translation.activate("vi")
    from mandate.reporting import render, services
    from mandate.reporting.review import gather
    from mandate.targets.periods import parse_period

    province, commune, reporter, admin, n_values = build(communes, grid_targets)
    p = parse_period("2023")
    from mandate.reporting.queries import grid_rows

    rows: list = []
    grid = timed("grid page rows (200 targets)", lambda: grid_rows([commune], p)[commune.pk], rows)
    entries = {r.target.pk: {"value": f"{40 + i % 50},5", "note": "", "version": None} for i, r in enumerate(grid)}
    result = timed("grid: submit all, 200 values", lambda: services.submit_all(
        actor=reporter, unit=commune, p=p, entries=entries), rows)
    assert not result.failed and len(result.saved) == grid_targets, result.failed
    as_of = datetime.date(2024, 6, 1)
    gather(province, "2020-2025", as_of)  # warm-up
    data = timed("report: gather, province-wide", lambda: gather(province, "2020-2025", as_of), rows)
    timed("report: write .docx", lambda: render.render_docx(data), rows)
    if render.pdf_font_path():
        timed("report: write PDF", lambda: render.render_pdf(data), rows)
    print(f"PostgreSQL, {communes} communes, {len(data.targets)} targets in the report, {n_values} approved "
          f"values, {grid_targets} grid targets\n")
    print("| step | wall s | CPU s (this process) | queries |\n|---|---:|---:|---:|")
    for label, seconds, cpu, queries in rows:
        print(f"| {label} | {seconds:.2f} | {cpu:.2f} | {queries} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
