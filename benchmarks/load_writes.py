"""Deadline-day load: many units, each reporting its own values and its own task's progress.

Unlike ``task_reports_load.py`` (many people on a few shared tasks, conflicts on purpose),
here every unit writes only its own rows, as on the monthly reporting deadline: a reporter
per commune enters and submits values for its own target (``POST /api/v1/reported-values/``)
and reports progress on its own task (``POST /api/v1/tasks/<id>/reports/``). It targets a
server already running on this machine, e.g. ``make serve-prod`` (gunicorn) on PostgreSQL:

    # 1. against the server's database: units, reporters, targets, tasks and tokens
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/i14_load \\
        python benchmarks/load_writes.py setup --units 200 > /tmp/load.json
    # 2. the load, then the count check through the API
    python benchmarks/load_writes.py run --config /tmp/load.json --threads 16 --seconds 30

It prints accepted writes per second, latency percentiles of the writes, and checks that
every accepted write is stored exactly once and nothing else was stored for those units.

With ``--batch``, each request is a unit's whole form for a day instead: every target of the
unit (``setup --targets N``) in one ``POST /api/v1/reported-values/batch/``, submitted, as
a commune's reporter sends a month's figures at once; values per second are then counted
as accepted values, and the latencies are those of the batches.
Bounded: at most 64 threads and 300 seconds; local servers only.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import threading
import time
import uuid
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(__file__))
from task_reports_load import LOCAL_HOSTS, Api, percentile  # noqa: E402

MAX_THREADS, MAX_SECONDS = 64, 300


def setup(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from mandate.accounts.models import Membership, Role
    from mandate.documents.services import create_document
    from mandate.orgs.models import OrgUnit, UnitKind
    from mandate.orgs.services import create_unit
    from mandate.targets.services import create_target
    from mandate.tasks.services import assign_task

    tag = uuid.uuid4().hex[:6]
    province = create_unit(code=f"load-{tag}", name_vi=f"Tỉnh thử tải {tag}", kind=UnitKind.PROVINCE)
    admin = get_user_model().objects.create_user(username=f"load-admin-{tag}", password=None)
    Membership.objects.create(user=admin, org_unit=province, role=Role.ADMINISTRATOR)
    document = create_document(number=f"{int(tag, 16) % 90000 + 1000}-KH/UBND", title="Kế hoạch thử tải",
                               issuing_unit=province, issued_on=datetime.date(2026, 1, 5))
    today = datetime.date.today()
    units = []
    for i in range(args.units):
        unit: OrgUnit = create_unit(code=f"load-{tag}-{i}", name_vi=f"Xã thử tải {i}", kind=UnitKind.COMMUNE,
                                    parent=province)
        user = get_user_model().objects.create_user(username=f"load-{tag}-{i}", password=None)
        Membership.objects.create(user=user, org_unit=unit, role=Role.APPROVER)
        targets = [create_target(actor=admin, document=document, org_unit=unit,
                                 indicator=f"Chỉ tiêu thử tải {i}.{k}", unit_of_measure="lượt", value=1000,
                                 period="2026").pk for k in range(args.targets)]
        task = assign_task(actor=user, title=f"Nhiệm vụ thử tải {i}", lead_unit=unit, assigning_unit=unit,
                           deadline=today + datetime.timedelta(days=365), source_note="Thử tải", assigned_on=today)
        units.append({"unit": unit.pk, "token": Token.objects.create(user=user).key, "target": targets[0],
                      "targets": targets, "task": task.pk})
    print(json.dumps({"units": units}))
    return 0


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.values: dict[int, set[int]] = {}  # unit → accepted value ids
        self.reports: dict[int, set[str]] = {}  # task → accepted narratives
        self.errors: list[str] = []

    def post(self, api: Api, path: str, body: dict, expect: int, accept) -> None:
        """POST and count it: its latency, then ``accept(payload)`` on the expected status or
        the error otherwise; an exception is counted too, never hidden."""
        try:
            started = time.perf_counter()
            status, payload = api.request("POST", path, body)
            elapsed = time.perf_counter() - started
        except Exception as exc:
            with self.lock:
                self.errors.append(str(exc)[:200])
            return
        with self.lock:
            self.latencies.append(elapsed)
            if status == expect:
                accept(payload)
            else:
                self.errors.append(f"{status} {str(payload)[:200]}")


def _rounds(base: str, units: list[dict], deadline: float):
    """(request number from 1, unit, its API client, its next day) round the units until the
    deadline; the caller moves the day on in ``day`` when it used it."""
    apis = {u["unit"]: Api(base, u["token"]) for u in units}
    day = {u["unit"]: u["next_day"] for u in units}
    i = 0
    while time.perf_counter() < deadline and units:
        u = units[i % len(units)]
        i += 1
        yield i, u, apis[u["unit"]], day


def _worker(base: str, units: list[dict], deadline: float, tally: Tally) -> None:
    for i, u, api, day in _rounds(base, units, deadline):
        if i % 2:
            if day[u["unit"]].year != 2026:
                continue
            body = {"target": u["target"], "org_unit": u["unit"], "period": day[u["unit"]].isoformat(),
                    "value": i % 97, "submit": True}
            day[u["unit"]] += datetime.timedelta(days=1)
            tally.post(api, "/api/v1/reported-values/", body, 201,
                       lambda payload, unit=u["unit"]: tally.values.setdefault(unit, set()).add(payload["id"]))
            continue
        try:
            _status, task = api.request("GET", f"/api/v1/tasks/{u['task']}/")
        except Exception as exc:  # counted, never hidden
            with tally.lock:
                tally.errors.append(str(exc)[:200])
            continue
        marker = f"load-{uuid.uuid4()}"
        tally.post(api, f"/api/v1/tasks/{u['task']}/reports/",
                   {"version": task["version"], "percent": 1 + (i % 98), "narrative": marker}, 201,
                   lambda payload, t=u["task"], m=marker: tally.reports.setdefault(t, set()).add(m))


def _batch_worker(base: str, units: list[dict], deadline: float, tally: Tally) -> None:
    """Each request: all the unit's targets for its next day, submitted in one batch."""
    for i, u, api, day in _rounds(base, units, deadline):
        if day[u["unit"]].year != 2026:
            continue
        body = {"org_unit": u["unit"], "period": day[u["unit"]].isoformat(), "submit": True,
                "values": [{"target": t, "value": (i + k) % 97, "note": "thử tải"}
                           for k, t in enumerate(u["targets"])]}
        day[u["unit"]] += datetime.timedelta(days=1)
        tally.post(api, "/api/v1/reported-values/batch/", body, 200,
                   lambda payload, unit=u["unit"]: tally.values.setdefault(unit, set()).update(
                       v["id"] for v in payload["saved"]))


def _stored_values(base: str, u: dict) -> list[tuple[int, str]]:
    """(id, period) of every value of the unit, read back through the API by cursor."""
    api, rows = Api(base, u["token"]), []
    path = f"/api/v1/reported-values/?org_unit={u['unit']}&limit=200"
    while path:
        status, page = api.request("GET", path)
        if status != 200:
            raise RuntimeError(f"reading values of unit {u['unit']}: {status}")
        rows += [(row["id"], row["period"]) for row in page["results"]]
        path = page["next"] and page["next"][page["next"].index("/api/"):]
    return rows


def _stored_reports(base: str, u: dict) -> list[str]:
    status, rows = Api(base, u["token"]).request("GET", f"/api/v1/tasks/{u['task']}/reports/")
    rows = rows["results"] if isinstance(rows, dict) else rows
    return [r["narrative"] for r in rows if r["narrative"].startswith("load-")]


def run(args) -> int:
    base = args.url.rstrip("/")
    if urlsplit(base).hostname not in LOCAL_HOSTS:
        print("Refusing: this script only targets a server on this machine.", file=sys.stderr)
        return 2
    units = json.load(open(args.config))["units"]
    threads = min(args.threads, MAX_THREADS)
    seconds = min(args.seconds, MAX_SECONDS)
    # What earlier runs left: excluded from the count check; new values take the next free days.
    before = {}
    for u in units:
        values = _stored_values(base, u)
        days = [datetime.date.fromisoformat(period) for _id, period in values]
        u["next_day"] = max(days) + datetime.timedelta(days=1) if days else datetime.date(2026, 1, 1)
        before[u["unit"]] = ({i for i, _p in values}, set(_stored_reports(base, u)))
    tally = Tally()
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    worker = _batch_worker if args.batch else _worker
    workers = [threading.Thread(target=worker, args=(base, units[k::threads], deadline, tally))
               for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    accepted = sum(map(len, tally.values.values())) + sum(map(len, tally.reports.values()))
    lat = [x * 1000 for x in tally.latencies]
    what = "values in batches" if args.batch else "writes"
    print(f"{len(units)} units, {threads} threads, {elapsed:.1f} s: {accepted} accepted {what} "
          f"({accepted / elapsed:.1f}/s), {len(tally.errors)} errors")
    if args.batch:
        print(f"{len(tally.latencies)} batch requests of {len(units[0]['targets'])} values "
              f"({len(tally.latencies) / elapsed:.1f}/s)")
    print(f"{'batch' if args.batch else 'write'} latency ms: p50 {percentile(lat, 50):.1f}, p95 {percentile(lat, 95):.1f}, "
          f"p99 {percentile(lat, 99):.1f}, max {max(lat, default=0):.1f}")
    for error in tally.errors[:5]:
        print("  error:", error)
    # The count check: everything accepted is stored, once; nothing else was stored.
    lost = extra = 0
    for u in units:
        old_values, old_reports = before[u["unit"]]
        stored = [i for i, _p in _stored_values(base, u) if i not in old_values]
        accepted_ids = tally.values.get(u["unit"], set())
        lost += len(accepted_ids - set(stored))
        extra += len(stored) - len(accepted_ids & set(stored))
        narratives = [n for n in _stored_reports(base, u) if n not in old_reports]
        lost += len(tally.reports.get(u["task"], set()) - set(narratives))
        extra += len(narratives) - len(set(narratives) & tally.reports.get(u["task"], set()))
    print(f"count check: {lost} accepted writes missing, {extra} stored writes not accepted or duplicated")
    return 0 if lost == extra == 0 else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("--units", type=int, default=200)
    s.add_argument("--targets", type=int, default=1, help="targets per unit (the size of a --batch)")
    r = sub.add_parser("run")
    r.add_argument("--url", default="http://127.0.0.1:8014")
    r.add_argument("--config", required=True)
    r.add_argument("--threads", type=int, default=16)
    r.add_argument("--seconds", type=int, default=30)
    r.add_argument("--batch", action="store_true", help="send each unit's targets for a day in one request")
    args = parser.parse_args(argv)
    return setup(args) if args.command == "setup" else run(args)


if __name__ == "__main__":
    sys.exit(main())
