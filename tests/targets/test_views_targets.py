"""Target pages beyond entering values: editing with a stale version, who may break a target
down, sub-targets on the parent's page, a draft edited twice from the same copy, and the
target page's query count as values and shares pile up."""

import pytest
from django.urls import reverse

from mandate.accounts.models import Role
from mandate.core.testing import QueryCounter, make_user, view_as_of
from mandate.targets.models import ReportedValue, TargetAllocation, ValueState
from mandate.targets.services import create_target, enter_value, set_allocation

pytestmark = pytest.mark.django_db
AS_OF = "2024-06-01"  # the small tree's city and communes closed on 2025-07-01


@pytest.fixture
def target(plan, tree, users):
    return create_target(actor=users["city_approver"], document=plan, org_unit=tree.city,
                         indicator="Kết nạp đảng viên mới", unit_of_measure="đảng viên", value=100,
                         comparator="at_least", period="2024")


@pytest.fixture
def login_as(client):
    def _login(user):
        client.force_login(user)
        view_as_of(client, AS_OF)
        return client

    return _login


def _edit_data(target, tree, **changes):
    data = {"org_unit": tree.city.pk, "indicator": target.indicator, "unit_of_measure": target.unit_of_measure,
            "comparator": "at_least", "value": "100", "period": "2024", "change_kind": "absolute",
            "aggregation": "sum", "version": target.version}
    return {**data, **changes}


def test_target_edit_saves_then_refuses_the_stale_copy(client, login_as, users, target, tree):
    login_as(users["city_approver"])
    url = reverse("targets:edit", args=[target.pk])
    assert client.post(url, _edit_data(target, tree, value="120")).status_code == 302
    response = client.post(url, _edit_data(target, tree, value="90,5"))
    html = response.content.decode()
    assert "Someone else changed this record" in html and 'value="90,5"' in html
    target.refresh_from_db()
    assert target.value == 120


def test_target_edit_bad_period_keeps_what_was_typed(client, login_as, users, target, tree):
    login_as(users["city_approver"])
    html = client.post(reverse("targets:edit", args=[target.pk]),
                       _edit_data(target, tree, period="năm sau")).content.decode()
    assert 'value="năm sau"' in html and 'class="errorlist' in html
    target.refresh_from_db()
    assert target.period_label == "2024"


def test_reporters_cannot_edit_or_break_down_a_target(client, login_as, users, target, tree):
    # The city's target is outside a commune's subtree: its page (with the city's figures)
    # is not found for the commune, as over the API (docs/security.md).
    login_as(users["hd_reporter"])
    assert client.get(reverse("targets:edit", args=[target.pk])).status_code == 404
    assert client.post(reverse("targets:breakdown", args=[target.pk]),
                       {f"unit_{tree.hoang_dong.pk}": "50"}).status_code == 404
    assert not TargetAllocation.objects.exists()
    assert client.get(target.get_absolute_url()).status_code == 404
    reporter = make_user("city-reporter", tree.city, Role.REPORTER)
    login_as(reporter)
    assert client.get(reverse("targets:edit", args=[target.pk])).status_code == 403
    html = client.get(target.get_absolute_url()).content.decode()
    assert 'data-testid="target-edit"' not in html and 'data-testid="target-report"' in html


def test_parent_page_lists_sub_targets_and_the_sub_target_links_back(client, login_as, users, target, tree):
    sub = create_target(actor=users["city_approver"], document=target.document, org_unit=tree.city,
                        indicator="Đảng viên nữ trong số kết nạp", unit_of_measure="%", value=20,
                        comparator="at_least", period="2024", parent=target, aggregation="average")
    login_as(users["viewer"])
    assert sub.indicator in client.get(target.get_absolute_url()).content.decode()
    html = client.get(sub.get_absolute_url()).content.decode()
    assert target.indicator in html and "Share of" in html


def test_draft_edited_twice_from_the_same_copy(client, login_as, users, target, tree):
    rv = enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2024-Q1", value=3)
    login_as(users["hd_reporter"])
    url = reverse("targets:value_edit", args=[rv.pk])
    assert client.post(url, {"value": "4", "note": "", "version": rv.version}).status_code == 302
    response = client.post(url, {"value": "7,5", "note": "bản cũ", "version": rv.version, "submit": "1"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this record" in html and 'value="7,5"' in html
    rv.refresh_from_db()
    assert rv.value == 4 and rv.state == ValueState.DRAFT


def test_submitted_value_is_no_longer_editable(client, login_as, users, target, tree):
    rv = enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2024-Q1",
                     value=3, submit=True)
    login_as(users["hd_reporter"])
    assert 'data-testid="value-edit-form"' not in client.get(rv.get_absolute_url()).content.decode()
    client.post(reverse("targets:value_edit", args=[rv.pk]), {"value": "9", "version": rv.version})
    rv.refresh_from_db()
    assert rv.value == 3


def test_target_page_query_count_does_not_grow(client, login_as, users, target, tree):
    login_as(users["city_approver"])
    set_allocation(actor=users["city_approver"], target=target, org_unit=tree.hoang_dong, value=40)
    enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2024-01", value=1)
    with QueryCounter() as few:
        client.get(target.get_absolute_url())
    set_allocation(actor=users["city_approver"], target=target, org_unit=tree.mai_pha, value=60)
    for month in range(2, 13):
        for user, unit in (("hd_reporter", tree.hoang_dong), ("mp_reporter", tree.mai_pha)):
            enter_value(actor=users[user], target=target, org_unit=unit, period=f"2024-{month:02d}", value=1,
                        submit=True)
    with QueryCounter() as many:
        html = client.get(target.get_absolute_url()).content.decode()
    assert ReportedValue.objects.count() == 23 and html.count("/values/") >= 23
    assert many.count == few.count
