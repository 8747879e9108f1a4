"""The statuses PostgreSQL computes (``status_sql``, the dashboard's cards and status filter)
equal those ``status.evaluate`` gives in Python, target by target, over random goals, values,
breakdowns and a merger, read on many days; and the dashboard's rows agree with its cards."""

import datetime
import random
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection

from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit, record_merger
from mandate.targets import services, status_sql
from mandate.targets.evaluation import evaluate_targets, summarize, unit_targets
from mandate.targets.models import Aggregation, ChangeKind, Comparator, Status, Target
from mandate.targets.rollups import end_of_day

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="status_sql runs on PostgreSQL; on SQLite the statuses are computed in Python"),
]

DAYS = [datetime.date(2023, 12, 31), datetime.date(2024, 3, 1), datetime.date(2024, 6, 30),
        datetime.date(2024, 9, 15), datetime.date(2024, 12, 31), datetime.date(2025, 1, 20),
        datetime.date(2025, 8, 1), datetime.date(2026, 12, 6)]


def _goal(rng):
    comparator = rng.choice(list(Comparator.values))
    goal = {"comparator": comparator, "value": Decimal(rng.choice(["0", "5", "10", "12.5", "40", "100", "333.3333"]))}
    if comparator == Comparator.BETWEEN:
        goal["value_max"] = goal["value"] + rng.choice([1, 20])
    if comparator in (Comparator.INCREASE_BY, Comparator.DECREASE_BY) or rng.random() < 0.3:
        goal["change_kind"] = rng.choice(list(ChangeKind.values))
        goal["baseline"] = Decimal(rng.choice(["-7", "3", "20", "50.5"]))
    return goal


def _scenario(tree, plan, admin, seed):
    rng = random.Random(seed)
    village = create_unit(code="thon-2", name_vi="Thôn 2", kind=UnitKind.VILLAGE, parent=tree.hoang_dong)
    holders = [tree.province, tree.city, tree.city, tree.hoang_dong, tree.mai_pha]
    reporters = {tree.province: [tree.province, tree.city, tree.hoang_dong, tree.chi_lang, tree.department],
                 tree.city: [tree.city, tree.hoang_dong, tree.mai_pha, tree.chi_lang, village],
                 tree.hoang_dong: [tree.hoang_dong, village], tree.mai_pha: [tree.mai_pha]}
    values = [Decimal(v) for v in ("0", "1", "3", "5", "10", "12.5", "25", "40", "60", "99.9999", "100", "250")]
    for i in range(70):
        unit = rng.choice(holders)
        aggregation = rng.choice(list(Aggregation.values))
        term = rng.choice(["2024", "2024-2025", "2024-H1"])
        periods = ["2024-Q1", "2024-Q2"] if term == "2024-H1" else ["2024-Q1", "2024-Q2", "2024-Q3"]
        target = services.create_target(
            actor=admin, document=plan, org_unit=unit, indicator=f"Chỉ tiêu {i}",
            unit_of_measure=rng.choice(["%", "hộ", " % "]), period=term,
            aggregation=aggregation, coverage_threshold=Decimal(10) if aggregation == Aggregation.COVERAGE else None,
            sort_order=rng.randrange(5), **_goal(rng))
        if unit != tree.province and rng.random() < 0.25:
            children = [u for u in reporters[unit] if u != unit]
            for child in rng.sample(children, k=min(len(children), rng.choice([1, 2]))):
                services.set_allocation(actor=admin, target=target, org_unit=child, value=rng.choice([1, 5]))
        for reporter in rng.sample(reporters[unit], k=rng.randrange(len(reporters[unit]) + 1)):
            for period in rng.sample(periods, k=rng.choice([1, 2])):
                v = services.enter_value(actor=admin, target=target, org_unit=reporter, period=period,
                                         value=rng.choice(values), submit=True)
                v = services.approve_value(v, actor=admin, expected_version=v.version)
                services.record_decision_time(v, decided_at=end_of_day(rng.choice(DAYS[:5])))
    ward = create_unit(code="phuong-moi", name_vi="Phường Mới", kind=UnitKind.WARD, parent=tree.city,
                       valid_from=datetime.date(2024, 7, 1))
    record_merger(predecessors=[tree.mai_pha], successor=ward, effective_on=datetime.date(2024, 7, 1))


def _python(targets, day):
    by_status = {}
    for row in evaluate_targets(targets, day):
        by_status.setdefault(row.status, set()).add(row.target.pk)
    return by_status


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_database_gives_every_target_the_status_python_gives(tree, users, plan, seed):
    _scenario(tree, plan, users["admin"], seed)
    targets = Target.objects.all()
    seen = Counter()
    for day in DAYS:
        expected = _python(targets.select_related("org_unit"), day)
        counts = status_sql.status_counts(targets, day)
        assert counts == {s: len(ids) for s, ids in expected.items()}, day
        for status, ids in expected.items():
            assert set(status_sql.page_ids(targets, day, 0, 10_000, [status])) == ids, (day, status)
            seen[status] += len(ids)
    assert set(seen) == set(Status.values)  # the scenario reaches every status


def test_a_page_in_the_database_order_is_the_python_order(tree, users, plan):
    _scenario(tree, plan, users["admin"], 4)
    day = DAYS[3]
    ordered = list(Target.objects.values_list("pk", flat=True))
    assert status_sql.page_ids(Target.objects.all(), day, 5, 25) == ordered[5:25]


def test_the_cards_and_the_rows_of_the_dashboard_agree(tree, users, plan):
    _scenario(tree, plan, users["admin"], 5)
    day = DAYS[2]
    rows = unit_targets(tree.province, day)
    every = rows[:]
    assert summarize(rows) == summarize(every) and len(every) == Target.objects.count()
    for status in Status.values:
        filtered = unit_targets(tree.province, day, statuses=[status])
        assert [r.target.pk for r in filtered[:]] == [r.target.pk for r in every if r.status == status]
        assert [r.status for r in filtered[2:7]] == [status] * len(filtered[2:7])
