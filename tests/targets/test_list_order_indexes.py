"""On PostgreSQL a national page picks its rows and its chart's first year along indexes,
and counts its targets from the statuses it has counted, not with a COUNT of the subtree."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mandate.targets.evaluation import targets_for_unit
from mandate.targets.models import Target
from mandate.targets.services import create_target

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "postgresql", reason="plans and the counted path are PostgreSQL's")]


@pytest.fixture
def targets(tree, users, plan):
    for i, unit in enumerate([tree.province, tree.city, tree.hoang_dong, tree.mai_pha] * 3):
        create_target(actor=users["admin"], document=plan, org_unit=unit, indicator=f"Chỉ tiêu {i}",
                      unit_of_measure="%", value=10 + i, comparator="at_least", period=str(2021 + i % 5))


def _plan(queryset) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        # Tiny tables: forbid what the planner would pick on them so the plan shows the index
        # that serves the order at national size (a country holds 600,000 targets).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("ANALYZE targets_target")
        return queryset.explain()


def test_a_page_of_rows_walks_the_targets_in_their_order(tree, targets):
    own, _allocated = targets_for_unit(tree.province)
    page = own.order_by(*Target._meta.ordering).values_list("pk", flat=True)[:100]
    assert "target_in_list_order" in _plan(page)


def test_the_first_start_is_read_along_its_index(tree, targets):
    own, _allocated = targets_for_unit(tree.province)
    first = own.order_by("period_start").values_list("period_start", flat=True)[:1]
    assert "target_period_start" in _plan(first)


def test_the_dashboard_counts_no_targets_beyond_their_statuses(client, tree, users, targets):
    client.force_login(users["admin"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:dashboard"), {"unit": tree.province.pk})
    assert response.status_code == 200
    assert response.context["summary"]["total"] == 12 and response.context["page"].paginator.count == 12
    counts = [q["sql"] for q in queries.captured_queries
              if "COUNT(" in q["sql"].upper() and '"targets_target"' in q["sql"] and "GROUP BY" not in q["sql"].upper()]
    assert counts == []
    assert not [q["sql"] for q in queries.captured_queries if "MIN(" in q["sql"].upper()]
