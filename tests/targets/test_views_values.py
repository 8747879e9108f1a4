import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mandate.core.testing import QueryCounter, view_as_of
from mandate.targets.models import ReportedValue, TargetAllocation, ValueState
from mandate.targets.services import approve_value, create_target, enter_value, record_decision_time

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


def test_reporter_enters_value_bad_input_keeps_typed_data(client, login_as, users, target, tree):
    login_as(users["hd_reporter"])
    form_url = reverse("targets:value_new")
    assert target.indicator in client.get(form_url).content.decode()
    data = {"target": target.pk, "org_unit": tree.hoang_dong.pk, "period": "2024-Q1", "value": "abc",
            "note": "ghi chú", "submit": "1"}
    html = client.post(form_url, data).content.decode()
    assert "Enter a number" in html and 'value="abc"' in html and "ghi chú" in html
    html = client.post(form_url, {**data, "value": "12,5", "period": "2023-Q4"}).content.decode()
    assert "outside the target" in html and 'value="2023-Q4"' in html
    response = client.post(form_url, {**data, "value": "12,5"})
    rv = ReportedValue.objects.get()
    assert response.status_code == 302 and rv.state == ValueState.SUBMITTED and rv.value == 12.5
    html = client.post(form_url, {**data, "value": "3"}).content.decode()
    assert "already has a value" in html


def test_commune_reporter_cannot_pick_another_commune(client, login_as, users, target, tree):
    login_as(users["hd_reporter"])
    response = client.post(reverse("targets:value_new"), {
        "target": target.pk, "org_unit": tree.mai_pha.pk, "period": "2024", "value": "1"})
    assert response.status_code == 200 and not ReportedValue.objects.exists()


def test_approver_defaults_to_waiting_and_approves_with_htmx(client, login_as, users, target, tree):
    rv = enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2024-Q1",
                     value=5, submit=True)
    enter_value(actor=users["mp_reporter"], target=target, org_unit=tree.mai_pha, period="2024-Q1", value=6)
    login_as(users["city_approver"])
    html = client.get(reverse("targets:values")).content.decode()
    assert "Waiting for my approval" in html and f'data-value="{rv.pk}"' in html
    assert html.count("data-value=") == 1  # the draft is not waiting
    response = client.post(reverse("targets:value_decide", args=[rv.pk]),
                           {"action": "approve", "version": rv.version}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith("<tr") and 'data-state="approved"' in html
    # The second approver's click, made from the same page, is told and changes nothing.
    response = client.post(reverse("targets:value_decide", args=[rv.pk]),
                           {"action": "return", "comment": "x", "version": rv.version}, HTTP_HX_REQUEST="true")
    assert "Someone else changed" in response.content.decode()
    rv.refresh_from_db()
    assert rv.state == ValueState.APPROVED


def test_return_without_js_and_conflict_keeps_page(client, login_as, users, target, tree):
    rv = enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2024-Q1",
                     value=5, submit=True)
    login_as(users["city_approver"])
    url = reverse("targets:value_decide", args=[rv.pk])
    response = client.post(url, {"action": "return", "comment": "", "version": rv.version})
    assert response.status_code == 400 and "Say why" in response.content.decode()
    response = client.post(url, {"action": "return", "comment": "Thiếu minh chứng", "version": rv.version})
    assert response.status_code == 302
    response = client.post(url, {"action": "approve", "comment": "", "version": rv.version})
    assert response.status_code == 409 and "Someone else changed" in response.content.decode()
    # The reporter fixes and resubmits; a stale copy is refused.
    login_as(users["hd_reporter"])
    rv.refresh_from_db()
    edit = reverse("targets:value_edit", args=[rv.pk])
    assert client.post(edit, {"value": "7,5", "version": rv.version, "submit": "1"}).status_code == 302
    response = client.post(edit, {"value": "8", "version": rv.version})
    assert response.status_code == 409 and "Someone else changed" in response.content.decode()


def test_commune_user_gets_404_outside_scope(client, login_as, users, target, tree, plan):
    mp_target = create_target(actor=users["city_approver"], document=plan, org_unit=tree.mai_pha,
                              indicator="Chỉ tiêu của Mai Pha", unit_of_measure="hộ", value=5, period="2024")
    mp_value = enter_value(actor=users["mp_reporter"], target=target, org_unit=tree.mai_pha, period="2024",
                           value=1, submit=True)
    login_as(users["hd_reporter"])
    assert client.get(reverse("targets:detail", args=[mp_target.pk])).status_code == 404
    assert client.get(reverse("targets:value", args=[mp_value.pk])).status_code == 404
    # The city's target: the commune reports against it but does not see its page (the city's figures).
    assert client.get(reverse("targets:detail", args=[target.pk])).status_code == 404
    assert client.post(reverse("targets:value_decide", args=[mp_value.pk]),
                       {"action": "approve", "version": mp_value.version}).status_code == 404


def test_reporter_cannot_approve(client, login_as, users, target, tree):
    rv = enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2024",
                     value=1, submit=True)
    login_as(users["hd_reporter"])
    assert 'data-testid="decision-form"' not in client.get(rv.get_absolute_url()).content.decode()
    client.post(reverse("targets:value_decide", args=[rv.pk]), {"action": "approve", "version": rv.version})
    rv.refresh_from_db()
    assert rv.state == ValueState.SUBMITTED


def test_target_page_breakdown_and_child_status(client, login_as, users, target, tree):
    login_as(users["city_approver"])
    url = reverse("targets:breakdown", args=[target.pk])
    html = client.get(url).content.decode()
    assert "Hoang Dong" in html and "Mai Pha" in html
    fields = {f"unit_{tree.hoang_dong.pk}": "40", f"unit_{tree.mai_pha.pk}": "abc"}
    html = client.post(url, fields).content.decode()
    assert "Enter a number" in html and not TargetAllocation.objects.exists()
    fields[f"unit_{tree.mai_pha.pk}"] = "60"
    assert client.post(url, fields).status_code == 302
    rv = enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2024-Q1",
                     value=45, submit=True)
    approve_value(rv, actor=users["city_approver"], expected_version=rv.version)
    _backdate_decisions()
    html = client.get(target.get_absolute_url()).content.decode()
    assert 'data-status="achieved"' in html  # Hoang Dong: 45 of its 40
    assert "Kết nạp đảng viên mới" in html and 'data-testid="history"' in html


def test_coverage_target_shows_x_of_y(client, login_as, users, plan, tree):
    coverage = create_target(actor=users["city_approver"], document=plan, org_unit=tree.city,
                             indicator="Xã đạt chuẩn nông thôn mới", unit_of_measure="xã", value=2,
                             period="2024", aggregation="coverage", coverage_threshold=1)
    for user, unit, value in (("hd_reporter", tree.hoang_dong, 1), ("mp_reporter", tree.mai_pha, 0)):
        rv = enter_value(actor=users[user], target=coverage, org_unit=unit, period="2024", value=value, submit=True)
        approve_value(rv, actor=users["city_approver"], expected_version=rv.version)
    login_as(users["city_approver"])
    _backdate_decisions()
    html = client.get(coverage.get_absolute_url()).content.decode()
    assert "1 of 2 units" in html


def test_target_create_from_document_page(client, login_as, users, plan, tree):
    login_as(users["city_approver"])
    url = reverse("targets:create", args=[plan.pk])
    data = {"org_unit": tree.city.pk, "indicator": "Tỷ lệ hộ nghèo", "unit_of_measure": "%",
            "comparator": "decrease_by", "value": "1,5", "period": "2024", "change_kind": "absolute",
            "aggregation": "average"}
    html = client.post(url, data).content.decode()
    assert "baseline" in html and "Tỷ lệ hộ nghèo" in html
    assert client.post(url, {**data, "baseline": "4,2"}).status_code == 302
    login_as(users["hd_reporter"])
    assert client.get(url).status_code == 403


def _backdate_decisions():
    """Decisions are stamped now; the small tree's units closed in 2025, so view them in 2024."""
    for rv in ReportedValue.objects.filter(state__in=["approved", "returned"]):
        record_decision_time(rv, decided_at=timezone.make_aware(datetime.datetime(2024, 5, 1)))


def _values(users, target, tree, periods):
    for period in periods:
        enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period=period, value=1,
                    submit=True)


def test_values_list_query_count_does_not_grow(client, login_as, users, target, tree):
    login_as(users["city_approver"])
    _values(users, target, tree, ["2024-01", "2024-02"])
    with QueryCounter() as few:
        client.get(reverse("targets:values"))
    _values(users, target, tree, [f"2024-{m:02d}" for m in range(3, 13)] + ["2024-Q1", "2024-Q2", "2024"])
    with QueryCounter() as many:
        html = client.get(reverse("targets:values")).content.decode()
    assert html.count("data-value=") == 15
    assert many.count == few.count


def test_document_page_targets_query_count(client, login_as, users, plan, tree):
    login_as(users["viewer"])
    with QueryCounter() as few:
        client.get(plan.get_absolute_url())
    for i in range(8):
        create_target(actor=users["city_approver"], document=plan, org_unit=tree.city, indicator=f"Chỉ tiêu {i}",
                      unit_of_measure="hộ", value=10, period="2024")
    with QueryCounter() as many:
        html = client.get(plan.get_absolute_url()).content.decode()
    assert "Chỉ tiêu 7" in html
    # The rollup and trend queries, and the three of the coverage of reporting, run once there are targets.
    assert many.count <= few.count + 5


def test_commune_reporter_lists_only_own_commune_values(client, login_as, users, target, tree):
    own = enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2024", value=1)
    other = enter_value(actor=users["mp_reporter"], target=target, org_unit=tree.mai_pha, period="2024", value=2,
                        submit=True)
    login_as(users["hd_reporter"])
    html = client.get(reverse("targets:values")).content.decode()
    assert f'data-value="{own.pk}"' in html and f'data-value="{other.pk}"' not in html
    html = client.get(reverse("targets:values"), {"org_unit": tree.mai_pha.pk}).content.decode()
    assert f'data-value="{other.pk}"' not in html
    login_as(users["city_approver"])
    html = client.get(reverse("targets:values"), {"state": ""}).content.decode()
    assert f'data-value="{own.pk}"' in html and f'data-value="{other.pk}"' in html
