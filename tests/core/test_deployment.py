"""Production pieces: the health endpoint, and dashboard reads on a replica alias (here a
second alias on the same database, as the settings make it from DATABASE_REPLICA_URL)."""

import datetime

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from mandate.core import health
from mandate.core.db_router import ReplicaRouter, replica_reads
from mandate.targets.models import ReportedValue
from mandate.targets.rollups import end_of_day
from mandate.targets.services import approve_value, create_target, enter_value, record_decision_time

# The "replica" alias, mirroring default, is defined in tests/conftest.py.


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_healthz_answers_json_without_login(client, settings):
    settings.DATABASE_ROUTERS = ["mandate.core.db_router.ReplicaRouter"]
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok", body
    assert body["checks"]["database:default"] == body["checks"]["database:replica"] == body["checks"]["cache"] == "ok"


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_healthz_says_which_part_fails(client, monkeypatch):
    assert "database:replica" not in client.get("/healthz").json()["checks"]  # no router: not used
    monkeypatch.setattr(health, "_check_cache", lambda: "error")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error"


def test_router_sends_only_marked_reads_to_the_replica():
    router = ReplicaRouter()
    assert router.db_for_read(ReportedValue) is None
    with replica_reads():
        assert router.db_for_read(ReportedValue) == "replica"
        assert router.db_for_write(ReportedValue) == "default"
    assert router.allow_migrate("replica", "targets") is False
    assert router.allow_migrate("default", "targets") is True


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_dashboard_reads_from_the_replica(client, settings, tree, users, plan):
    settings.DATABASE_ROUTERS = ["mandate.core.db_router.ReplicaRouter"]
    admin = users["admin"]
    target = create_target(actor=admin, document=plan, org_unit=tree.city, indicator="Khách du lịch",
                           unit_of_measure="lượt", value=100, comparator="at_least", period="2023")
    value = enter_value(actor=admin, target=target, org_unit=tree.mai_pha, period="2023", value=40, submit=True)
    value = approve_value(value, actor=admin, expected_version=value.version)
    record_decision_time(value, decided_at=end_of_day(datetime.date(2024, 1, 10)))
    client.force_login(admin)
    with CaptureQueriesContext(connections["replica"]) as on_replica, \
            CaptureQueriesContext(connections["default"]) as on_default:
        response = client.get("/dashboard/", {"unit": tree.city.pk, "as_of": "2024-06-30"})
    assert response.status_code == 200
    assert [r.actual for r in response.context["rows"]] == [40]
    assert any("targets_unitrollup" in q["sql"] for q in on_replica.captured_queries)
    assert not any("targets_unitrollup" in q["sql"] for q in on_default.captured_queries)
