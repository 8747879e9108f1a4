"""``unit_targets`` (the dashboard's and the unit page's rows) gives, slice by slice, the rows
``evaluate_for_unit`` builds all at once, and counts the statuses of every target."""

import datetime

import pytest

from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit
from mandate.targets.evaluation import add_series, evaluate_for_unit, summarize, unit_targets
from mandate.targets.models import Aggregation
from mandate.targets.rollups import end_of_day
from mandate.targets.services import (
    approve_value,
    create_target,
    enter_value,
    record_decision_time,
    set_allocation,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 6, 30)


def _approved(admin, target, unit, period, value):
    rv = enter_value(actor=admin, target=target, org_unit=unit, period=period, value=value, submit=True)
    rv = approve_value(rv, actor=admin, expected_version=rv.version)
    record_decision_time(rv, decided_at=end_of_day(datetime.date(2024, 1, 10)))


def _fields(row):
    return (row.target.pk, row.scope.pk, row.status, row.actual, row.goal_value, row.goal_value_max,
            row.allocated, row.coverage, row.rollup)


@pytest.fixture
def subtree(tree, users, plan):
    admin = users["admin"]
    village = create_unit(code="thon-1", name_vi="Thôn 1", kind=UnitKind.VILLAGE, parent=tree.hoang_dong)
    for i, (unit, aggregation, value) in enumerate([
        (tree.city, Aggregation.SUM, 10), (tree.city, Aggregation.AVERAGE, 50), (tree.city, Aggregation.OWN, 5),
        (tree.hoang_dong, Aggregation.SUM, 3), (village, Aggregation.SUM, 100), (tree.city, Aggregation.SUM, 1000),
    ]):
        target = create_target(actor=admin, document=plan, org_unit=unit, indicator=f"Chỉ tiêu {i}",
                               unit_of_measure="%" if aggregation == Aggregation.AVERAGE else "hộ",
                               value=value, comparator="at_least", period="2024", aggregation=aggregation)
        _approved(admin, target, unit, "2024-Q1", value - 1 + i % 3)
        if unit == tree.city and aggregation != Aggregation.OWN:
            _approved(admin, target, tree.hoang_dong, "2024-Q1", i + 1)
    # A province target broken down to the city: a share in the city's rows.
    share = create_target(actor=admin, document=plan, org_unit=tree.province, indicator="Chỉ tiêu của tỉnh",
                          unit_of_measure="hộ", value=40, comparator="at_least", period="2024")
    set_allocation(actor=admin, target=share, org_unit=tree.city, value=12)
    _approved(admin, share, tree.mai_pha, "2024-Q1", 13)
    return tree.city


def test_slices_are_the_rows_built_at_once_and_the_summary_counts_all(subtree):
    every = evaluate_for_unit(subtree, DAY, with_series=False)
    rows = unit_targets(subtree, DAY)
    assert len(every) == len(rows) == 7 and any(r.allocated for r in every)
    assert [_fields(r) for r in rows] == [_fields(r) for r in every]
    for start, stop in [(0, 2), (2, 5), (5, 100), (6, 7), (3, 3)]:
        assert [_fields(r) for r in rows[start:stop]] == [_fields(r) for r in every[start:stop]]
    assert _fields(rows[-1]) == _fields(every[-1]) and _fields(rows[0]) == _fields(every[0])
    with pytest.raises(IndexError):
        rows[7]
    assert summarize(rows) == summarize(every)
    assert len({r.status for r in every}) > 1


def test_a_status_filter_keeps_the_order_and_the_rows(subtree):
    every = evaluate_for_unit(subtree, DAY, with_series=False)
    for status in {r.status for r in every}:
        rows = unit_targets(subtree, DAY, statuses=[status])
        assert [_fields(r) for r in rows[:]] == [_fields(r) for r in every if r.status == status]
        assert summarize(rows)["total"] == len(rows)


def test_trends_of_every_row_equal_those_of_a_page(subtree):
    every = evaluate_for_unit(subtree, DAY)
    page = unit_targets(subtree, DAY)[:]
    add_series(page, DAY)
    assert [(r.target.pk, r.series) for r in every] == [(r.target.pk, r.series) for r in page]
    assert any(r.series for r in every)
