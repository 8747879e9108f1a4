"""The reported-values list pages by keyset cursor: every row once, in order, never counted;
and on PostgreSQL the page query can run along the indexes made for it."""

import pytest
from django.db import connection, transaction

from mandate.core.pagination import KeysetPagination
from mandate.targets import services as targets
from mandate.targets.api import visible_values

URL = "/api/v1/reported-values/"


@pytest.fixture
def values(tree, users, admissions):
    made = []
    for unit in (tree.hoang_dong, tree.mai_pha, tree.chi_lang):
        for period in ("2023-01", "2023-02", "2023-Q1", "2023-03"):
            made.append(targets.enter_value(actor=users["admin"], target=admissions, org_unit=unit, period=period,
                                            value=3, submit=True))
    return made


def test_cursor_pages_cover_every_row_once_in_order(api, users, values):
    client = api(users["admin"])
    seen, url, pages = [], URL + "?limit=5", 0
    while url:
        body = client.get(url).json()
        assert "count" not in body
        assert len(body["results"]) <= 5
        seen += [(row["period_end"], row["id"]) for row in body["results"]]
        url, pages = body["next"], pages + 1
    assert pages == 3
    assert seen == sorted(seen, reverse=True)
    assert sorted(i for _end, i in seen) == sorted(v.pk for v in values)


def test_cursor_pages_keep_the_filters(api, users, tree, values):
    client = api(users["admin"])
    first = client.get(URL, {"org_unit": tree.mai_pha.pk, "limit": 3}).json()
    second = client.get(first["next"]).json()
    rows = first["results"] + second["results"]
    assert {row["org_unit"]["id"] if isinstance(row["org_unit"], dict) else row["org_unit"] for row in rows} == {
        tree.mai_pha.pk}
    assert len(rows) == 4 and second["next"] is None


def test_bad_cursor_and_limits(api, users, values):
    client = api(users["admin"])
    response = client.get(URL, {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert "cursor" in response.json()
    assert client.get(URL, {"limit": "many"}).status_code == 400
    assert len(client.get(URL, {"limit": 0}).json()["results"]) == 1
    assert len(client.get(URL, {"limit": 100000}).json()["results"]) == len(values)  # capped at 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are checked on PostgreSQL")
@pytest.mark.parametrize("filters, indexes", [
    # A subtree: along (period_end, id), or unit by unit along (org_unit, period_end, id).
    ({}, ("reportedvalue_period_id", "reportedvalue_unit_period_id")),
    # A target's values: along (target, period_end, id), or, with a subtree this small (and
    # on partitions), unit by unit as above with the target as a filter.
    ({"target": True}, ("reportedvalue_target_period_id", "reportedvalue_unit_period_id")),
    ({"state": "submitted"}, ("reportedvalue_state_period_id", "reportedvalue_unit_period_id")),
])
def test_page_query_uses_its_index(users, admissions, values, filters, indexes):
    queryset = visible_values(users["admin"])
    if "target" in filters:
        queryset = queryset.filter(target=admissions)
    if "state" in filters:
        queryset = queryset.filter(state=filters["state"])
    ordering = ("-period_end", "-id")
    last = values[0]
    page = (queryset.order_by(*ordering)
            .filter(KeysetPagination._after(ordering, [last.period_end.isoformat(), last.pk]))[:51])
    with transaction.atomic(), connection.cursor() as cursor:
        # The test tables are tiny: forbid sequential scans so the plan shows which index serves.
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Partitioned tables get no statistics from autovacuum; without them the planner
        # guesses, and on rows this few either index costs the same.
        cursor.execute("ANALYZE targets_reportedvalue")
        plan = page.explain()
        names = _with_partition_indexes(cursor, indexes)
    assert any(name in plan for name in names), plan


def _with_partition_indexes(cursor, indexes):
    """The index names and, where the table is partitioned (targets.partitions), the names of
    each partition's copy of them: the plan names the partitions' indexes."""
    cursor.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                   "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = ANY(%s)", [list(indexes)])
    return set(indexes) | {name for (name,) in cursor.fetchall()}
