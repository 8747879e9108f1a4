"""Reads of dashboards may go to a PostgreSQL read replica.

Active when ``DATABASE_REPLICA_URL`` is set (settings add the ``replica`` alias and this
router). Views that only read figures (the dashboard, a unit's page) run inside
``replica_reads()``; every other read, and every write, stays on ``default``. A replica
lags its primary by a moment: fine for a dashboard, not for a page that shows what the
user has just saved, which is why the choice is made per view and not globally.
"""

from __future__ import annotations

import contextvars
import functools
from contextlib import contextmanager

from django.db import connections

REPLICA = "replica"
_reading = contextvars.ContextVar("mandate_replica_reads", default=False)


@contextmanager
def replica_reads():
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def uses_replica(view):
    """Decorator: the view's reads go to the replica when one is configured."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        with replica_reads():
            return view(*args, **kwargs)

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading.get() and REPLICA in connections.settings:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
