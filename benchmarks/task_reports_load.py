"""Load test: many people reporting progress on a few tasks at once, through the API.

It starts nothing itself: it targets an app that is already running (PostgreSQL-backed for
numbers that mean something; see docs/tasks.md), and only on this machine (127.0.0.1 or
localhost).

    # 1. once, against the same database as the server: a reporter, tasks and an API token
    DATABASE_URL=postgres://... python benchmarks/task_reports_load.py setup --tasks 5
    # 2. the load itself
    python benchmarks/task_reports_load.py run --username bench-reporter --password ... \
        --task-ids 12,13,14,15,16 --reports 400 --threads 16

``run`` logs in through ``/api/v1/auth/token/`` (or takes ``--token``), then each thread
repeatedly reads a task (its current version) and posts a progress report based on that
version. Two threads on one task: the later one is refused with 409 (counted as refused,
not as an error). At the end it reads every task's reports back through the API and checks
that every accepted report is stored, exactly once, and that nothing refused was stored.
It prints throughput and latency percentiles. Bounded: at most 5,000 reports, 64 threads
and 600 seconds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
import uuid
from urllib.parse import urlsplit

MAX_REPORTS, MAX_THREADS, MAX_SECONDS = 5000, 64, 600
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


# --- setup: a reporter, tasks and a token, straight in the database --------------------------

def setup(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    import datetime

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from mandate.accounts.models import Membership, Role
    from mandate.orgs.models import OrgUnit, UnitKind
    from mandate.orgs.services import create_unit
    from mandate.tasks.services import assign_task

    province = OrgUnit.objects.filter(code="bench-province").first() or create_unit(
        code="bench-province", name_vi="Tỉnh thử tải", kind=UnitKind.PROVINCE)
    unit = OrgUnit.objects.filter(code="bench-commune").first() or create_unit(
        code="bench-commune", name_vi="Xã thử tải", kind=UnitKind.COMMUNE, parent=province)
    User = get_user_model()
    user = User.objects.filter(username=args.username).first()
    if user is None:
        user = User.objects.create_user(username=args.username, password=args.password)
        Membership.objects.create(user=user, org_unit=unit, role=Role.APPROVER)
    token, _ = Token.objects.get_or_create(user=user)
    today = datetime.date.today()
    ids = []
    for i in range(args.tasks):
        task = assign_task(actor=user, title=f"Nhiệm vụ thử tải {i + 1}", lead_unit=unit, assigning_unit=unit,
                           deadline=today + datetime.timedelta(days=365), source_note="Thử tải",
                           assigned_on=today)
        ids.append(task.pk)
    print(json.dumps({"username": args.username, "token": token.key, "task_ids": ids}))
    return 0


# --- run: the load ------------------------------------------------------------------------------

class Api:
    """One keep-alive HTTP connection per thread."""

    def __init__(self, base: str, token: str | None = None):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.prefix = parts.path.rstrip("/")
        self.token = token
        self.conn = None

    def request(self, method: str, path: str, body=None) -> tuple[int, object]:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.conn.request(method, self.prefix + path, body=data, headers=headers)
                response = self.conn.getresponse()
                raw = response.read()
                try:
                    payload = json.loads(raw) if raw else None
                except ValueError:
                    payload = raw.decode(errors="replace")[:300]
                return response.status, payload
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise RuntimeError("unreachable")


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.accepted: dict[int, set[str]] = {}  # task id → narratives accepted
        self.refused: set[str] = set()
        self.errors: list[str] = []
        self.latencies: list[float] = []
        self.sent = 0

    def take_slot(self, limit: int) -> bool:
        with self.lock:
            if self.sent >= limit:
                return False
            self.sent += 1
            return True


def worker(base, token, task_ids, n_thread, tally: Tally, limit: int, deadline: float):
    api = Api(base, token)
    i = n_thread
    while time.monotonic() < deadline and tally.take_slot(limit):
        task_id = task_ids[i % len(task_ids)]
        i += 1
        marker = f"load-{uuid.uuid4()}"
        try:
            status, task = api.request("GET", f"/api/v1/tasks/{task_id}/")
            if status != 200:
                raise RuntimeError(f"GET task {task_id}: {status} {task}")
            started = time.perf_counter()
            status, payload = api.request("POST", f"/api/v1/tasks/{task_id}/reports/", {
                "version": task["version"], "percent": 1 + (i % 98), "narrative": marker})
            elapsed = time.perf_counter() - started
        except Exception as exc:  # counted, never hidden
            with tally.lock:
                tally.errors.append(str(exc)[:200])
            continue
        with tally.lock:
            tally.latencies.append(elapsed)
            if status == 201:
                tally.accepted.setdefault(task_id, set()).add(marker)
            elif status == 409:
                tally.refused.add(marker)
            else:
                tally.errors.append(f"POST report on {task_id}: {status} {str(payload)[:200]}")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def run(args) -> int:
    base = args.url.rstrip("/")
    host = urlsplit(base).hostname
    if host not in LOCAL_HOSTS:
        print(f"Refusing to load {host}: this script only targets a server on this machine.", file=sys.stderr)
        return 2
    reports = min(args.reports, MAX_REPORTS)
    threads = min(args.threads, MAX_THREADS)
    seconds = min(args.seconds, MAX_SECONDS)
    token = args.token
    if not token:
        status, payload = Api(base).request("POST", "/api/v1/auth/token/",
                                            {"username": args.username, "password": args.password})
        if status != 200:
            print(f"Login through /api/v1/auth/token/ failed ({status}: {payload}). Run the setup step or pass "
                  "--token.", file=sys.stderr)
            return 2
        token = payload["token"]
    task_ids = [int(t) for t in args.task_ids.split(",") if t.strip()]
    tally = Tally()
    deadline = time.monotonic() + seconds
    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(base, token, task_ids, n, tally, reports, deadline))
            for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - started

    # Read back what was stored, through the API, and compare.
    api = Api(base, token)
    stored: dict[int, list[str]] = {}
    for task_id in task_ids:
        status, rows = api.request("GET", f"/api/v1/tasks/{task_id}/reports/")
        if status != 200:
            print(f"Could not read the reports of task {task_id}: {status}", file=sys.stderr)
            return 1
        stored[task_id] = [r["narrative"] for r in rows if r["narrative"].startswith("load-")]
    accepted = sum(len(v) for v in tally.accepted.values())
    missing = sum(len(tally.accepted.get(t, set()) - set(stored[t])) for t in task_ids)
    duplicated = sum(len(stored[t]) - len(set(stored[t])) for t in task_ids)
    refused_stored = sum(len(tally.refused & set(stored[t])) for t in task_ids)
    attempts = len(tally.latencies)
    print(f"target {base}: {len(task_ids)} tasks, {threads} threads, {attempts} reports sent in {wall:.1f} s")
    print(f"accepted {accepted}, refused as stale (409) {len(tally.refused)}, errors {len(tally.errors)}")
    print(f"throughput {attempts / wall:.1f} reports/s ({accepted / wall:.1f} accepted/s)")
    if tally.latencies:
        print(f"POST latency p50 {statistics.median(tally.latencies) * 1000:.0f} ms, "
              f"p95 {percentile(tally.latencies, 95) * 1000:.0f} ms, max {max(tally.latencies) * 1000:.0f} ms")
    ok = missing == 0 and duplicated == 0 and refused_stored == 0 and not tally.errors
    print(f"check: every accepted report stored once: {'OK' if not missing and not duplicated else 'FAILED'} "
          f"(missing {missing}, duplicated {duplicated}); refused ones stored: {refused_stored}")
    for error in tally.errors[:5]:
        print(f"error: {error}")
    return 0 if ok else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup", help="Create a reporter, tasks and an API token (uses DATABASE_URL).")
    s.add_argument("--username", default="bench-reporter")
    s.add_argument("--password", default="bench-Load-pass-2024")
    s.add_argument("--tasks", type=int, default=5)
    r = sub.add_parser("run", help="Send the reports to a running server and check what was stored.")
    r.add_argument("--url", default="http://127.0.0.1:8000")
    r.add_argument("--username", default="bench-reporter")
    r.add_argument("--password", default="bench-Load-pass-2024")
    r.add_argument("--token", help="An API token instead of logging in.")
    r.add_argument("--task-ids", required=True, help="Comma-separated ids of tasks the user may report on.")
    r.add_argument("--reports", type=int, default=400, help=f"How many reports to send (at most {MAX_REPORTS}).")
    r.add_argument("--threads", type=int, default=16, help=f"Concurrent senders (at most {MAX_THREADS}).")
    r.add_argument("--seconds", type=int, default=120, help=f"Stop sending after this long (at most {MAX_SECONDS}).")
    args = parser.parse_args(argv)
    return setup(args) if args.command == "setup" else run(args)


if __name__ == "__main__":
    sys.exit(main())
