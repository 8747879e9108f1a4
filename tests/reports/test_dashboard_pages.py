"""A large subtree's dashboard lists its targets a page at a time; the cards count them all."""

import datetime

import pytest
from django.urls import reverse

from mandate.reports import views
from mandate.targets.rollups import end_of_day
from mandate.targets.services import approve_value, create_target, enter_value, record_decision_time

pytestmark = pytest.mark.django_db
URL = reverse("reports:dashboard")


def test_rows_come_a_page_at_a_time_and_the_summary_counts_every_target(client, tree, users, plan, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    admin = users["admin"]
    for i, unit in enumerate([tree.city, tree.hoang_dong, tree.mai_pha]):
        target = create_target(actor=admin, document=plan, org_unit=unit, indicator=f"Chỉ tiêu thứ {i + 1}",
                               unit_of_measure="người", value=10, comparator="at_least", period="2023")
        value = enter_value(actor=admin, target=target, org_unit=unit, period="2023", value=20, submit=True)
        value = approve_value(value, actor=admin, expected_version=value.version)
        record_decision_time(value, decided_at=end_of_day(datetime.date(2024, 1, 10)))
    client.force_login(admin)
    first = client.get(URL, {"unit": tree.city.pk, "as_of": "2024-06-30"})
    second = client.get(URL, {"unit": tree.city.pk, "as_of": "2024-06-30", "page": 2})
    assert first.context["summary"]["total"] == 3 and first.context["summary"]["met"] == 3
    assert len(first.context["rows"]) == 2 and len(second.context["rows"]) == 1
    assert "page=2" in first.content.decode()
    shown = {r.target.indicator for r in first.context["rows"] + second.context["rows"]}
    assert shown == {"Chỉ tiêu thứ 1", "Chỉ tiêu thứ 2", "Chỉ tiêu thứ 3"}
