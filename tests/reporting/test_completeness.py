import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from mandate.accounts.models import Notification
from mandate.core.testing import QueryCounter, make_user
from mandate.orgs.services import create_unit
from mandate.reporting.queries import completeness
from mandate.targets.models import ReportedValue, ValueState
from mandate.targets.periods import parse_period
from mandate.targets.services import create_target, enter_value, set_allocation

pytestmark = pytest.mark.django_db


def _submit_all(unit, user, season, values=(30, 91, 19), period="2023"):
    for target, value in zip((season["members"], season["well"], season["excellent"]), values, strict=True):
        enter_value(actor=user, target=target, org_unit=unit, period=period, value=value, submit=True)


def test_completeness_counts_units_and_rates(season, users, tree):
    _submit_all(tree.hoang_dong, users["hd_reporter"], season)
    enter_value(actor=users["mp_reporter"], target=season["well"], org_unit=tree.mai_pha, period="2023", value=88)
    report = completeness(tree.city, parse_period("2023"), datetime.date(2024, 1, 15))
    rows = {r.unit.code: r for r in report.rows}
    assert (rows["hoang-dong"].expected, rows["hoang-dong"].submitted, rows["hoang-dong"].state) == (3, 3, "submitted")
    assert rows["hoang-dong"].complete and not rows["hoang-dong"].on_time  # submitted today, after the deadline
    assert (rows["mai-pha"].entered, rows["mai-pha"].state) == (1, "partial")
    assert rows["chi-lang"].state == "missing"
    assert report.expected_units == 3 and report.complete_units == 1
    assert round(report.reporting_rate, 1) == Decimal("33.3") and report.on_time_rate == 0
    on_time = completeness(tree.city, parse_period("2023"), datetime.date(2100, 1, 1))
    assert on_time.on_time_units == 1


def test_completeness_page_and_its_query_count(client, season, users, tree):
    client.force_login(users["city_approver"])
    url = reverse("reporting:completeness") + f"?unit={tree.city.pk}&period=2023"
    client.get(url)
    with QueryCounter() as few:
        html = client.get(url).content.decode()
    assert html.count('data-testid="completeness-row"') == 3 and 'data-testid="remind"' in html
    for i in range(4):
        unit = create_unit(code=f"xa-{i}", name_vi=f"Xã Thử {i}", kind="commune", parent=tree.city)
        set_allocation(actor=users["admin"], target=season["members"], org_unit=unit, value=5)
        make_user(f"reporter-{i}", unit, "reporter")
        enter_value(actor=users["admin"], target=season["well"], org_unit=unit, period="2023", value=95)
    with QueryCounter() as many:
        html = client.get(url).content.decode()
    assert html.count('data-testid="completeness-row"') == 7
    assert many.count == few.count


def test_reminder_goes_to_the_missing_units_by_notification_and_email(client, season, users, tree, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users["mp_reporter"].email = "maipha@example.org"
    users["mp_reporter"].save()
    _submit_all(tree.hoang_dong, users["hd_reporter"], season)
    client.force_login(users["city_approver"])
    response = client.post(reverse("reporting:remind"), {"unit": tree.city.pk, "period": "2023"})
    assert response.status_code == 302
    reminders = Notification.objects.filter(subject__startswith="[Mandate]")
    notified = set(reminders.values_list("user__username", flat=True))
    assert notified == {"mp-reporter"}  # Chi Lang has no member; Hoang Dong has submitted
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["maipha@example.org"]
    assert reverse("reporting:grid", args=[tree.mai_pha.pk, "2023"]) in reminders.get().url


def test_reporter_cannot_send_reminders(client, season, users, tree):
    client.force_login(users["hd_reporter"])
    client.post(reverse("reporting:remind"), {"unit": tree.city.pk, "period": "2023"})
    assert not Notification.objects.filter(subject__startswith="[Mandate]").exists()


def test_bulk_approve_and_return_each_recorded_in_history(client, season, users, tree):
    _submit_all(tree.hoang_dong, users["hd_reporter"], season)
    client.force_login(users["city_approver"])
    url = reverse("reporting:approvals")
    html = client.get(url + f"?unit={tree.city.pk}&period=2023").content.decode()
    assert html.count('data-testid="waiting-row"') == 3
    values = list(ReportedValue.objects.filter(period_label="2023", org_unit=tree.hoang_dong).order_by("pk"))
    tokens = [f"{v.pk}:{v.version}" for v in values[:2]]
    response = client.post(url, {"unit": tree.city.pk, "period": "2023", "action": "return", "comment": "",
                                 "value": tokens})
    assert response.status_code == 302 and not ReportedValue.objects.filter(state=ValueState.RETURNED).exists()
    client.post(url, {"unit": tree.city.pk, "period": "2023", "action": "approve", "value": tokens})
    approved = ReportedValue.objects.filter(pk__in=[v.pk for v in values[:2]], state=ValueState.APPROVED)
    assert approved.count() == 2
    assert all(v.history.filter(state=ValueState.APPROVED, history_user=users["city_approver"]).exists()
               for v in approved)
    # A stale token (old version) is refused for that value only.
    client.post(url, {"unit": tree.city.pk, "period": "2023", "action": "return", "comment": "Thiếu số liệu",
                      "value": [tokens[0], f"{values[2].pk}:{values[2].version}"]})
    assert ReportedValue.objects.get(pk=values[2].pk).state == ValueState.RETURNED
    assert ReportedValue.objects.get(pk=values[0].pk).state == ValueState.APPROVED


def test_approvals_page_query_count_and_values_outside_the_subtree(client, season, users, tree, plan):
    from mandate.core.testing import QueryCounter

    _submit_all(tree.hoang_dong, users["hd_reporter"], season)
    client.force_login(users["city_approver"])
    url = reverse("reporting:approvals") + f"?unit={tree.city.pk}&period=2023"
    client.get(url)
    with QueryCounter() as few:
        client.get(url)
    _submit_all(tree.mai_pha, users["mp_reporter"], season, values=(20, 90, 15))
    with QueryCounter() as many:
        html = client.get(url).content.decode()
    assert html.count('data-testid="waiting-row"') == 6 and many.count == few.count
    # A value of another subtree is neither decided nor named.
    other = make_user("dept-reporter", tree.department, "reporter")
    dept_target = create_target(
        actor=users["admin"], document=plan, org_unit=tree.department, indicator="Chỉ tiêu của Sở",
        unit_of_measure="%", value=50, period="2023")
    rv = enter_value(actor=other, target=dept_target, org_unit=tree.department, period="2023", value=40, submit=True)
    response = client.post(reverse("reporting:approvals"), {"unit": tree.city.pk, "period": "2023",
                                                              "action": "approve", "value": [f"{rv.pk}:{rv.version}"]},
                           follow=True)
    assert "Chỉ tiêu của Sở" not in response.content.decode()
    rv.refresh_from_db()
    assert rv.state == ValueState.SUBMITTED


def test_completeness_over_the_api_with_a_fixed_query_count(client, season, users, tree):
    from mandate.core.testing import QueryCounter

    _submit_all(tree.hoang_dong, users["hd_reporter"], season)
    client.force_login(users["city_approver"])
    url = f"/api/v1/reporting/completeness/?unit={tree.city.pk}&period=2023&deadline=2100-01-01"
    client.get(url)
    with QueryCounter() as few:
        data = client.get(url).json()
    assert data["expected_units"] == 3 and data["complete_units"] == 1 and data["on_time_units"] == 1
    assert {r["unit_name"]: r["state"] for r in data["rows"]}["Hoang Dong commune"] == "submitted"
    _submit_all(tree.mai_pha, users["mp_reporter"], season, values=(20, 90, 15))
    with QueryCounter() as many:
        assert client.get(url).json()["complete_units"] == 2
    assert many.count == few.count
    assert client.get(f"/api/v1/reporting/completeness/?unit={tree.department.pk}&period=2023").status_code == 404
    assert client.get(f"/api/v1/reporting/completeness/?unit={tree.city.pk}&period=abc").status_code == 400
