"""National benchmark: a synthetic country in PostgreSQL, and the pages timed against raw SQL.

The data set (``--scale 1`` is the whole country): a national unit, 34 provinces and
3,321 × scale communes (spread over the provinces); ``--targets`` targets (200) set for every
unit over a 60-month term (2022-01 to 2026-12); monthly values for every month whose approval
date (12 days after the month) is past: a commune reports on its own targets and on its
province's, a province on the national ones. About 93% of values are approved, the rest
returned, submitted or drafts. Values go in with COPY; the maintained rollups are then
rebuilt with ``mandate rebuild_rollups``'s set-based SQL (timed).

Each page is fetched through Django's test client (in process: routing, views, queries,
templates, serializers) and compared with hand-written SQL computing the same figures from
the reported values, in the same run:

    python benchmarks/national.py --scale 0.005            # generate (if missing) and measure
    python benchmarks/national.py --scale 0.02 --regenerate
    python benchmarks/national.py --smoke                  # tiny, under a minute (CI)
    python benchmarks/national.py --scale 0.005 --gc-freeze  # start-up objects frozen out of the GC

The database is ``i14_bench_<scale>`` on 127.0.0.1 (``--db-prefix``, ``--pg``).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal

PROVINCES, COMMUNES = 34, 3321


def _db_name(prefix: str, scale: float, targets: int, months: int) -> str:
    tag = f"{scale:g}".replace(".", "p")
    return f"{prefix}_{tag}_t{targets}_m{months}"


def _ensure_database(pg: str, name: str, drop: bool) -> bool:
    """Create the database if missing; True if it was (re)created."""
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and drop:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            return True
    return False


# --- The data set ---------------------------------------------------------------------------

def _months(count: int):
    out = []
    for i in range(count):
        year, month = 2022 + i // 12, i % 12 + 1
        start = datetime.date(year, month, 1)
        end = (datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1))
        out.append((f"{year}-{month:02d}", start, end))
    return out


def generate(scale: float, targets_per_unit: int, months: int, seed: int) -> dict:
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from django.utils import timezone

    from mandate.accounts.models import Membership, Role
    from mandate.documents.services import create_document
    from mandate.orgs.models import OrgUnit, OrgUnitAlias, UnitKind, path_segment
    from mandate.targets.models import Aggregation, ReportedValue, Target

    rng = random.Random(seed)
    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - started

    started = time.perf_counter()
    communes = max(1, round(COMMUNES * scale))
    units, next_id = [], 1

    def unit(code, name, kind, parent):
        nonlocal next_id
        pk, next_id = next_id, next_id + 1
        path = (parent.path if parent else "") + path_segment(pk)
        u = OrgUnit(pk=pk, code=code, name_vi=name, kind=kind, parent=parent, path=path, depth=path.count("/") - 1)
        units.append(u)
        return u

    country = unit("viet-nam", "Việt Nam", UnitKind.CENTRAL, None)
    provinces = [unit(f"tinh-{i + 1}", f"Tỉnh {i + 1}", UnitKind.PROVINCE, country) for i in range(PROVINCES)]
    commune_units = [unit(f"xa-{i + 1}", f"Xã {i + 1}", UnitKind.COMMUNE, provinces[i % PROVINCES])
                     for i in range(communes)]
    OrgUnit.objects.bulk_create(units, batch_size=2000)
    OrgUnitAlias.objects.bulk_create([OrgUnitAlias(unit=u, current=u) for u in units], batch_size=2000)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [OrgUnit]):
            cursor.execute(sql)
    document = create_document(number="1-NQ/TW", title="Nghị quyết thử tải toàn quốc", issuing_unit=country,
                               issued_on=datetime.date(2021, 12, 1))
    first, last = _months(months)[0], _months(months)[-1]
    kinds = [Aggregation.SUM] * 12 + [Aggregation.AVERAGE] * 5 + [Aggregation.COVERAGE] * 2 + [Aggregation.OWN]
    targets = []
    for u in units:
        for i in range(targets_per_unit):
            kind = kinds[i % len(kinds)]
            targets.append(Target(
                document=document, org_unit=u, indicator=f"Chỉ tiêu {i + 1} của {u.name_vi}",
                unit_of_measure="%" if kind == Aggregation.AVERAGE else "lượt", comparator="at_least",
                value=Decimal(100 if kind == Aggregation.AVERAGE else 1000), period_label=f"{first[0][:4]}-{last[0][:4]}",
                period_start=first[1], period_end=last[2], aggregation=kind,
                coverage_threshold=Decimal(50) if kind == Aggregation.COVERAGE else None, sort_order=i))
    Target.objects.bulk_create(targets, batch_size=5000)
    by_unit: dict[int, list[int]] = {}
    for t in Target.objects.values_list("pk", "org_unit_id"):
        by_unit.setdefault(t[1], []).append(t[0])
    timings["units and targets"] = time.perf_counter() - started

    # Who reports on what: a commune on its own and its province's targets, a province on the nation's.
    started = time.perf_counter()
    today = timezone.localdate()
    periods = _months(months)
    now = timezone.now()
    columns = ("created_at", "updated_at", "version", "target_id", "org_unit_id", "period_label", "period_start",
               "period_end", "value", "note", "state", "submitted_at", "decided_at", "decision_comment", "is_demo")
    count = 0
    table = ReportedValue._meta.db_table
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            pairs = [(t, c.pk) for c in commune_units for owner in (c.pk, c.parent_id) for t in by_unit[owner]]
            pairs += [(t, p.pk) for p in provinces for t in by_unit[country.pk]]
            for target_id, unit_id in pairs:
                level = rng.uniform(20, 80)
                for label, start, end in periods:
                    decided = end + datetime.timedelta(days=12)
                    if decided > today:
                        if end < today and rng.random() < 0.5:
                            state, decided_at = "submitted", None
                        else:
                            continue
                    else:
                        roll = rng.random()
                        state = ("approved" if roll < 0.93 else "returned" if roll < 0.96
                                 else "submitted" if roll < 0.98 else "draft")
                        decided_at = (datetime.datetime.combine(decided, datetime.time(8), tzinfo=datetime.UTC)
                                      if state in ("approved", "returned") else None)
                    level += rng.uniform(-1, 3)
                    copy.write_row((now, now, 1, target_id, unit_id, label, start, end, round(level, 2), "", state,
                                    decided_at, decided_at, "", False))
                    count += 1
        cursor.execute(f"ANALYZE {table}")
    timings["values (COPY)"] = time.perf_counter() - started

    started = time.perf_counter()
    call_command("rebuild_rollups", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    timings["rebuild_rollups"] = time.perf_counter() - started

    from django.contrib.auth import get_user_model

    User = get_user_model()
    for username, u in (("bench-national", country), ("bench-province", provinces[0])):
        user = User.objects.create_user(username=username, password=None)
        Membership.objects.create(user=user, org_unit=u, role=Role.ADMINISTRATOR)
    return {"units": len(units), "communes": communes, "targets": len(targets), "values": count, "timings": timings}


# --- The measurements -----------------------------------------------------------------------

RAW_LATEST = """
    WITH latest AS (
        SELECT DISTINCT ON (rv.target_id, rv.org_unit_id) rv.target_id, rv.org_unit_id, rv.value,
               SUBSTR(ru.path, 1, LENGTH(tu.path) + 9) AS child
        FROM targets_reportedvalue rv
        JOIN targets_target t ON t.id = rv.target_id
        JOIN orgs_orgunit tu ON tu.id = t.org_unit_id
        JOIN orgs_orgunit ru ON ru.id = rv.org_unit_id
        WHERE {where} AND rv.state = 'approved' AND rv.decided_at <= %(end)s
          AND rv.period_start >= t.period_start AND rv.period_end <= t.period_end
        ORDER BY rv.target_id, rv.org_unit_id, rv.period_end DESC, rv.id DESC)
    SELECT target_id{child}, SUM(value), AVG(value), COUNT(*) FROM latest GROUP BY target_id{child}"""

RAW_SERIES = """
    SELECT rv.target_id, rv.period_end, SUM(rv.value), AVG(rv.value), COUNT(*)
    FROM targets_reportedvalue rv
    JOIN targets_target t ON t.id = rv.target_id
    JOIN orgs_orgunit tu ON tu.id = t.org_unit_id
    WHERE {where} AND rv.state = 'approved' AND rv.decided_at <= %(end)s
      AND rv.period_start >= t.period_start AND rv.period_end <= t.period_end
    GROUP BY rv.target_id, rv.period_end"""

RAW_PAGE = """
    SELECT rv.*, t.indicator, ou.name_vi FROM targets_reportedvalue rv
    JOIN orgs_orgunit ou ON ou.id = rv.org_unit_id JOIN targets_target t ON t.id = rv.target_id
    WHERE ou.path LIKE %(path)s {after}
    ORDER BY rv.period_end DESC, rv.id DESC LIMIT 51"""


def _time(fn, repeat: int, before=None) -> list[float]:
    """Milliseconds of ``repeat`` runs of ``fn`` after a warm-up; ``before`` runs (untimed)
    before each."""
    if before:
        before()
    fn()  # warm up
    out = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def _p95(samples):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def measure(repeat: int) -> list[tuple]:
    from django.core.cache import cache
    from django.db import connection, reset_queries, transaction
    from django.test import Client
    from django.utils import timezone

    from mandate.accounts.models import Membership
    from mandate.orgs.models import OrgUnit, UnitKind
    from mandate.targets import status_cache
    from mandate.targets.evaluation import precount_status_counts
    from mandate.targets.models import ReportedValue, ValueState
    from mandate.targets.rollups import end_of_day
    from mandate.targets.services import approve_value

    national = Membership.objects.select_related("user", "org_unit").get(user__username="bench-national")
    provincial = Membership.objects.select_related("user", "org_unit").get(user__username="bench-province")
    country, province = national.org_unit, provincial.org_unit
    as_national, as_province = Client(), Client()
    as_national.force_login(national.user)
    as_province.force_login(provincial.user)
    today = timezone.localdate()
    params = {"end": end_of_day(today)}

    def get(client, url, **query):
        def fetch():
            reset_queries()
            response = client.get(url, query)
            assert response.status_code == 200, (url, response.status_code)
            return response
        return fetch

    def sql(*statements):
        def run():
            with connection.cursor() as cursor:
                for statement, args in statements:
                    cursor.execute(statement, args)
                    cursor.fetchall()
        return run

    def subtree(unit):
        return "tu.path LIKE %(path)s", {**params, "path": unit.path + "%"}

    def dashboard_sql(unit):
        where, args = subtree(unit)
        return sql((RAW_LATEST.format(where=where, child=""), args), (RAW_SERIES.format(where=where), args))

    province_targets = list(province.targets.order_by("period_end", "document_id", "sort_order", "pk")
                            .values_list("pk", flat=True)[:50])
    own = ("t.org_unit_id = %(unit)s", {**params, "unit": province.pk})
    list_where = ("t.id = ANY(%(ids)s)", {**params, "ids": province_targets})
    first = as_national.get("/api/v1/reported-values/").json()
    url = first["next"]
    for _ in range(19):
        url = as_national.get(url).json()["next"] or url
    from urllib.parse import parse_qs, urlsplit

    deep_cursor = parse_qs(urlsplit(url).query)["cursor"][0]
    last = first["results"][-1]
    # Submitted values of communes, each approved (in a transaction rolled back at the end)
    # before one fetch: the dashboard then counts again the units whose figures it changed.
    submitted = ReportedValue.objects.filter(state=ValueState.SUBMITTED, org_unit__kind=UnitKind.COMMUNE)
    spread = list(submitted.order_by("org_unit_id", "pk").distinct("org_unit_id")[:repeat + 1])  # one per commune
    pending = iter(spread + list(submitted.exclude(pk__in=[v.pk for v in spread]).order_by("pk")[:repeat + 1]))

    def new_day():
        cache.delete(status_cache.cache_key(today))

    def approve_one():
        value = next(pending)
        approve_value(value, actor=national.user, expected_version=value.version)

    cases = [
        ("national dashboard", get(as_national, "/dashboard/"), dashboard_sql(country)),
        ("national dashboard, cold cache", get(as_national, "/dashboard/"), dashboard_sql(country), cache.clear),
        ("national dashboard, after approval", get(as_national, "/dashboard/"), dashboard_sql(country), approve_one),
        # A new day: the day's counts are not kept yet, the chart's past year ends are.
        ("national dashboard, first view of a day", get(as_national, "/dashboard/"), dashboard_sql(country),
         new_day),
        # The first view of a day once `mandate precount_status` has run after midnight.
        ("national dashboard, after the precount", get(as_national, "/dashboard/"), dashboard_sql(country),
         lambda: (new_day(), precount_status_counts(today))),
        ("precount of a day (job)", lambda: (new_day(), precount_status_counts(today)), dashboard_sql(country)),
        ("province dashboard", get(as_province, "/dashboard/"), dashboard_sql(province)),
        ("province unit page", get(as_province, f"/units/{province.pk}/"),
         sql((RAW_LATEST.format(where=subtree(province)[0], child=""), subtree(province)[1]),
             (RAW_SERIES.format(where=subtree(province)[0]), subtree(province)[1]),
             (RAW_LATEST.format(where=own[0], child=", child"), own[1]))),
        ("target list (API, 50)", get(as_province, "/api/v1/targets/", org_unit=province.pk),
         sql((RAW_LATEST.format(where=list_where[0], child=""), list_where[1]),
             (RAW_SERIES.format(where=list_where[0]), list_where[1]))),
        ("reported values API, page 1", get(as_national, "/api/v1/reported-values/"),
         sql((RAW_PAGE.format(after=""), {"path": country.path + "%"}))),
        ("reported values API, page 21", get(as_national, "/api/v1/reported-values/", cursor=deep_cursor),
         sql((RAW_PAGE.format(after="AND (rv.period_end, rv.id) < (%(end_day)s, %(id)s)"),
              {"path": country.path + "%", "end_day": last["period_end"], "id": last["id"]}))),
    ]
    rows = []
    for name, app, raw, *before in cases:
        with transaction.atomic():
            app_ms, raw_ms = _time(app, repeat, *before), _time(raw, repeat)
            transaction.set_rollback(True)  # the approvals made for a case
        rows.append((name, statistics.median(app_ms), _p95(app_ms), statistics.median(raw_ms), _p95(raw_ms)))
    return rows, OrgUnit.objects.count()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.005, help="share of the country's communes (1 = 3,321)")
    parser.add_argument("--targets", type=int, default=200, help="targets set for each unit")
    parser.add_argument("--months", type=int, default=60, help="months of the term")
    parser.add_argument("--repeat", type=int, default=9, help="timed runs per page (after one warm-up)")
    parser.add_argument("--regenerate", action="store_true", help="drop and generate the data set again")
    parser.add_argument("--smoke", action="store_true", help="a tiny data set, measured twice: for CI")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--db-prefix", default="i14_bench")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--gc-freeze", action="store_true",
                        help="move the objects loaded at start-up out of the garbage collector's reach before "
                             "measuring (gc.freeze(), what a server would do after loading the app): without it "
                             "a full collection every few requests adds ~80 ms to some of them (the p95)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.scale, args.targets, args.months, args.repeat, args.regenerate = 0.003, 4, 14, 2, True
    name = _db_name(args.db_prefix, args.scale, args.targets, args.months)
    created = _ensure_database(args.pg, name, drop=args.regenerate)
    os.environ["DATABASE_URL"] = f"{args.pg}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    print(f"database {name}")
    if not created:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # a data set generated by an earlier version
    if created:
        info = generate(args.scale, args.targets, args.months, args.seed)
        print(f"generated: {info['units']} units ({info['communes']} communes), {info['targets']:,} targets, "
              f"{info['values']:,} reported values")
        for step, seconds in info["timings"].items():
            print(f"  {step}: {seconds:.1f} s")
    if args.gc_freeze:
        import gc

        from django.test import Client

        Client().get("/")  # load the URLconf, templates and the rest a first request loads
        gc.collect()
        gc.freeze()
    rows, units = measure(args.repeat)
    from mandate.targets.models import LatestValue, ReportedValue, UnitPeriodRollup, UnitRollup

    print(f"\n{units} units, {ReportedValue.objects.count():,} values, {LatestValue.objects.count():,} latest values, "
          f"{UnitRollup.objects.count():,} unit rollups, {UnitPeriodRollup.objects.count():,} period rollups; "
          f"{args.repeat} runs each\n")
    print(f"| {'page':36} | app median ms | app p95 ms | raw SQL median ms | raw SQL p95 ms | app / raw |")
    print(f"|{'-' * 38}|---------------|------------|-------------------|----------------|-----------|")
    for name_, app_med, app_p95, raw_med, raw_p95 in rows:
        print(f"| {name_:36} | {app_med:13.1f} | {app_p95:10.1f} | {raw_med:17.1f} | {raw_p95:14.1f} | "
              f"{app_med / raw_med:9.2f} |")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    sys.exit(main())
