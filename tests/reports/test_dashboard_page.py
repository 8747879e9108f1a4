import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from mandate.core.testing import QueryCounter
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit
from mandate.targets.rollups import end_of_day
from mandate.targets.services import approve_value, create_target, enter_value, record_decision_time

pytestmark = pytest.mark.django_db
URL = reverse("reports:dashboard")
BEFORE = "2025-03-01"  # the small tree's city and communes close on 1 July 2025


def _target(users, plan, unit, indicator, value=100, period="2023", **kw):
    return create_target(actor=users["admin"], document=plan, org_unit=unit, indicator=indicator,
                         unit_of_measure="người", value=value, comparator="at_least", period=period, **kw)


def _approve(users, target, unit, period, value, reporter, is_demo=False):
    rv = enter_value(actor=reporter, target=target, org_unit=unit, period=period, value=value, submit=True,
                     is_demo=is_demo)
    rv = approve_value(rv, actor=users["admin"], expected_version=rv.version)
    rv = record_decision_time(rv, decided_at=end_of_day(datetime.date(2024, 1, 10)))
    return rv


@pytest.fixture
def targets(tree, users, plan):
    met = _target(users, plan, tree.city, "Kết nạp đảng viên mới", value=50)
    _approve(users, met, tree.hoang_dong, "2023", 30, users["hd_reporter"])
    _approve(users, met, tree.mai_pha, "2023", 25, users["mp_reporter"], is_demo=True)
    missed = _target(users, plan, tree.hoang_dong, "Hộ nghèo thoát nghèo", value=40)
    _approve(users, missed, tree.hoang_dong, "2023", 10, users["hd_reporter"])
    empty = _target(users, plan, tree.mai_pha, "Nhà văn hoá thôn đạt chuẩn", value=5)
    return {"met": met, "missed": missed, "empty": empty}


def test_dashboard_shows_own_subtree_with_statuses_summary_and_demo_tag(client, users, targets):
    client.force_login(users["city_approver"])
    response = client.get(URL)
    assert response.status_code == 200
    rows = {r.target.indicator: r for r in response.context["rows"]}
    assert rows["Kết nạp đảng viên mới"].status == "achieved"
    assert rows["Hộ nghèo thoát nghèo"].status == "missed"
    assert rows["Nhà văn hoá thôn đạt chuẩn"].status == "no_data"
    html = response.content.decode()
    assert "1 of 3 targets met, 1 missed, 1 with no data" in html
    assert html.count('data-testid="demo-tag"') == 1  # only the target with a demo value behind it
    assert targets["met"].get_absolute_url() in html


def test_commune_user_sees_only_its_own_targets(client, users, targets):
    client.force_login(users["hd_reporter"])
    response = client.get(URL)
    assert [r.target.indicator for r in response.context["rows"]] == ["Hộ nghèo thoát nghèo"]


def test_filters_by_status_and_year_and_unit(client, users, targets, tree):
    client.force_login(users["city_approver"])
    response = client.get(URL, {"status": "missed", "as_of": BEFORE})
    assert [r.status for r in response.context["rows"]] == ["missed"]
    assert client.get(URL, {"year": 2019}).context["rows"] == []
    response = client.get(URL, {"unit": tree.mai_pha.pk, "as_of": BEFORE})
    assert response.context["unit"] == tree.mai_pha
    assert [r.target.indicator for r in response.context["rows"]] == ["Nhà văn hoá thôn đạt chuẩn"]


def test_unit_filter_refuses_units_outside_the_subtree(client, users, targets, tree):
    client.force_login(users["hd_reporter"])
    response = client.get(URL, {"unit": tree.mai_pha.pk, "as_of": BEFORE})
    assert response.status_code == 400
    assert "Choose a unit within your part of the organization." in response.content.decode()
    assert "Nhà văn hoá thôn đạt chuẩn" not in response.content.decode()


def test_user_without_membership_gets_a_message(client, tree):
    user = get_user_model().objects.create_user("nobody", password="a-Long-test-pass-42")
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert "not attached to any org unit" in response.content.decode()


def test_superuser_without_membership_sees_the_root(client, tree, targets):
    admin = get_user_model().objects.create_superuser("root", password="a-Long-test-pass-42")
    client.force_login(admin)
    response = client.get(URL)
    assert response.context["unit"] == tree.province
    assert len(response.context["rows"]) == 3


def test_dashboard_respects_as_of(client, users, targets):
    client.force_login(users["city_approver"])
    # Before the approvals (10 Jan 2024) nothing was known.
    response = client.get(URL, {"as_of": "2023-12-31"})
    assert all(r.actual is None for r in response.context["rows"])


def _build(users, plan, parent, n, prefix):
    for i in range(n):
        unit = create_unit(code=f"{prefix}-{i}", name_vi=f"Thôn {prefix} {i}", kind=UnitKind.VILLAGE, parent=parent)
        t = _target(users, plan, unit, f"Chỉ tiêu {prefix} {i}")
        _approve(users, t, unit, "2023", i + 1, users["admin"], is_demo=bool(i % 2))


def test_dashboard_query_count_does_not_grow(client, users, plan, tree):
    client.force_login(users["admin"])
    _build(users, plan, tree.hoang_dong, 3, "a")
    with QueryCounter() as small:
        assert client.get(URL).status_code == 200
    _build(users, plan, tree.mai_pha, 30, "b")
    with QueryCounter() as large:
        response = client.get(URL)
    assert len(response.context["rows"]) == 33
    assert large.count == small.count, (small.count, large.count)


def test_the_status_chart_counts_every_target_the_cards_count_not_only_the_page(client, users, targets,
                                                                               monkeypatch):
    from mandate.reports import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client.force_login(users["admin"])
    response = client.get(URL, {"as_of": BEFORE})
    assert len(response.context["rows"]) == 2  # a page of the three targets
    summary, points = response.context["summary"], dict(response.context["status_points"])
    assert points[datetime.date(2025, 3, 1)] == {"achieved": summary["met"], "missed": summary["missed"],
                                                 "no_data": summary["no_data"]} == {"achieved": 1, "missed": 1,
                                                                                   "no_data": 1}
    # A past year end counts the same targets as they were known then: the figures of 2023
    # were approved on 10 January 2024.
    assert points[datetime.date(2023, 12, 31)] == {"no_data": 3}
    assert points[datetime.date(2024, 12, 31)] == {"achieved": 1, "missed": 1, "no_data": 1}
    html = response.content.decode()
    assert "Targets by status over time" in html and "2023: 3" in html


def test_the_status_chart_leaves_out_targets_not_begun_by_a_year_end(client, users, targets, plan, tree):
    _target(users, plan, tree.hoang_dong, "Đường giao thông nông thôn", period="2025")
    client.force_login(users["admin"])
    points = dict(client.get(URL, {"as_of": BEFORE}).context["status_points"])
    assert points[datetime.date(2024, 12, 31)] == {"achieved": 1, "missed": 1, "no_data": 1}
    assert points[datetime.date(2025, 3, 1)] == {"achieved": 1, "missed": 1, "no_data": 2}
