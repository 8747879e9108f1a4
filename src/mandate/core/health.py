"""``/healthz``: is this app server able to serve? For load balancers and monitoring.

Answers JSON, without login: 200 when every database in use (and the cache) answers,
503 with the failing part otherwise. It reveals no data, only "ok"/"error" per part.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check_database(alias: str) -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not healthy"; the detail goes to the logs
        return "error"
    return "ok"


def _check_cache() -> str:
    try:
        cache.set("mandate-healthz", "1", 10)
        return "ok" if cache.get("mandate-healthz") == "1" else "error"
    except Exception:
        return "error"


def _databases_in_use() -> list[str]:
    """Every configured database once a router can send queries to it (the read replica);
    without routers Django uses only the default one, so only that one decides health."""
    if settings.DATABASE_ROUTERS:
        return list(connections.settings)
    return [DEFAULT_DB_ALIAS]


@never_cache
@require_GET
def healthz(request):
    started = time.perf_counter()
    checks = {f"database:{alias}": _check_database(alias) for alias in _databases_in_use()}
    checks["cache"] = _check_cache()
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks,
                         "ms": round((time.perf_counter() - started) * 1000, 1)},
                        status=200 if healthy else 503)
