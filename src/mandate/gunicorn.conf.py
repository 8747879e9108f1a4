"""gunicorn settings for ``make serve-prod`` (``gunicorn -c src/mandate/gunicorn.conf.py``).

Workers: the app is CPU-bound in Python between short database queries, so one process per
core plus one keeps every core busy while another waits on PostgreSQL; two threads per
worker cover the waits without holding more connections than PostgreSQL likes (each thread
keeps one connection: workers × threads per app server, under max_connections). On the
2-core development machine that is 3 workers × 2 threads. Override with the environment:
GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_BIND, GUNICORN_TIMEOUT.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8014")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # long work goes to background jobs
graceful_timeout = 30
keepalive = 5
# gunicorn's default, said here because docs/openapi.yaml documents the 414 it gives.
limit_request_line = 4094
# Recycle workers now and then so a slow leak never grows unbounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
wsgi_app = "mandate.wsgi:application"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log (the proxy keeps one)
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
# The real client address from the reverse proxy (nginx) in front.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Move the objects made at start-up (the app, its modules, URL patterns, translations)
    out of the garbage collector's reach: without this about one request in five paid for a
    full collection walking them (benchmarks/national.py --gc-freeze, docs/performance.md)."""
    import gc

    gc.collect()
    gc.freeze()
