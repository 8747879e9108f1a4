"""Burst test of the public portal: many anonymous clients at once (election night, a press
release) against gunicorn in the production configuration (DEBUG off, WhiteNoise, the cache).

    # a database with the demo loaded (SQLite under MANDATE_VAR_DIR, or DATABASE_URL=postgres://...)
    MANDATE_VAR_DIR=/tmp/portal-bench .venv/bin/mandate migrate && .venv/bin/mandate load_demo
    # start gunicorn on 127.0.0.1:8012, burst, stop it; then the same without the page cache
    MANDATE_VAR_DIR=/tmp/portal-bench .venv/bin/python benchmarks/portal_burst.py --serve --clients 32
    MANDATE_VAR_DIR=/tmp/portal-bench PORTAL_CACHE_SECONDS=0 .venv/bin/python benchmarks/portal_burst.py --serve

Without ``--serve`` it targets a server already running at ``--url`` (127.0.0.1 or localhost
only). The public pages are found by following the links of /public/ (and the public API
lists are added); each client requests them in turn. Printed: requests per second, the 50th,
95th and 99th percentile latency, errors, and the cache hit share (``X-Portal-Cache``).
Bounded: at most 64 clients, 20,000 requests and 300 seconds; the server it starts is stopped.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

MAX_CLIENTS, MAX_REQUESTS, MAX_SECONDS = 64, 20_000, 300
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
ROOT = Path(__file__).resolve().parent.parent
API = ["/api/v1/public/targets/", "/api/v1/public/candidates/", "/api/v1/public/results/",
       "/api/v1/public/turnout/", "/api/v1/public/constituencies/"]


def get(host, port, path, timeout=30.0):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept-Language": "vi", "Connection": "close"})
        response = conn.getresponse()
        body = response.read()
        return response.status, body, response.getheader("X-Portal-Cache")
    finally:
        conn.close()


def discover(host, port, limit=60) -> list[str]:
    seen, queue = [], ["/public/", "/public/?lang=en"]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        status, body, _ = get(host, port, path)
        if status != 200:
            continue
        seen.append(path)
        if b"<html" in body[:300]:
            for link in re.findall(r'href="(/public/[^"#]*)"', body.decode("utf-8", "replace")):
                link = link.replace("&amp;", "&")
                if "/language/" not in link and link not in seen and link not in queue:
                    queue.append(link)
    return seen + API


def burst(host, port, paths, clients, requests, seconds):
    latencies, errors, hits = [], [], [0]
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + seconds

    def client(offset):
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            path = paths[(i + offset) % len(paths)]
            start = time.perf_counter()
            try:
                status, _body, cache = get(host, port, path)
            except OSError as exc:
                with lock:
                    errors.append(f"{path}: {exc}")
                continue
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(f"{path}: HTTP {status}")
                if cache == "hit":
                    hits[0] += 1

    threads = [threading.Thread(target=client, args=(k * 7,)) for k in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    return latencies, errors, hits[0], wall


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def serve(port, workers):
    env = dict(os.environ, DEBUG="0", SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
               ALLOWED_HOSTS="127.0.0.1,localhost", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0",
               SECURE_HSTS_SECONDS="0", DJANGO_SETTINGS_MODULE="mandate.settings")
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "mandate"), "collectstatic", "--noinput", "-v0"], env=env, check=True)
    log = open(Path(os.environ.get("MANDATE_VAR_DIR", ROOT / "var")) / "portal-burst-gunicorn.log", "w")
    process = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "mandate.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers",
         str(workers), "--threads", "2", "--timeout", "60", "--access-logfile", "/dev/null"],
        env=env, stdout=log, stderr=log, start_new_session=True)
    for _ in range(120):
        try:
            if get("127.0.0.1", port, "/public/", timeout=5)[0] == 200:
                return process
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {log.name}")
        time.sleep(0.5)
    stop(process)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8012")
    parser.add_argument("--serve", action="store_true", help="start gunicorn on --url's port, stop it at the end")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=int, default=120)
    args = parser.parse_args(argv)
    parts = urlsplit(args.url)
    if parts.hostname not in LOCAL_HOSTS:
        raise SystemExit("Only a server on this machine (127.0.0.1 or localhost) may be targeted.")
    clients, requests = min(args.clients, MAX_CLIENTS), min(args.requests, MAX_REQUESTS)
    seconds = min(args.seconds, MAX_SECONDS)
    host, port = parts.hostname, parts.port or 80
    process = serve(port, args.workers) if args.serve else None
    try:
        paths = discover(host, port)
        # One warm-up pass: the first request of each page fills the cache.
        cold = []
        for path in paths:
            start = time.perf_counter()
            get(host, port, path)
            cold.append(time.perf_counter() - start)
        latencies, errors, hits, wall = burst(host, port, paths, clients, requests, seconds)
    finally:
        if process is not None:
            stop(process)
    if not latencies:
        print("no request succeeded", errors[:5])
        return 1
    print(f"pages and API lists: {len(paths)}; clients: {clients}; workers: {args.workers if args.serve else '?'}; "
          f"page cache: {os.environ.get('PORTAL_CACHE_SECONDS', 'default (600 s)')}")
    print(f"first pass (cache filling): mean {statistics.mean(cold) * 1000:.0f} ms, "
          f"max {max(cold) * 1000:.0f} ms")
    print(f"burst: {len(latencies)} requests in {wall:.1f} s = {len(latencies) / wall:.1f} requests/s")
    print(f"latency p50 {percentile(latencies, 50) * 1000:.0f} ms, p95 {percentile(latencies, 95) * 1000:.0f} ms, "
          f"p99 {percentile(latencies, 99) * 1000:.0f} ms; errors {len(errors)}; "
          f"cache hits {hits * 100 / len(latencies):.0f}%")
    for e in errors[:5]:
        print("  error:", e)
    return 0 if not errors else 2


if __name__ == "__main__":
    sys.exit(main())
