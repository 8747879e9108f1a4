"""Dashboard in the browser: login lands on one's unit with statuses; the language switch."""

import datetime

from browser_steps import click_and_load
from mandate.targets.models import ReportedValue
from mandate.targets.rollups import end_of_day
from mandate.targets.services import approve_value, create_target, enter_value, record_decision_time


def test_login_lands_on_dashboard_with_statuses_and_language_switch(page, login, tree, users, plan):
    met = create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Kết nạp đảng viên mới",
                        unit_of_measure="đảng viên", value=20, comparator="at_least", period="2023")
    create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Xã đạt chuẩn y tế",
                  unit_of_measure="xã", value=8, comparator="at_least", period="2023")
    rv = enter_value(actor=users["hd_reporter"], target=met, org_unit=tree.hoang_dong, period="2023", value=25,
                     submit=True)
    approve_value(rv, actor=users["admin"], expected_version=rv.version)
    record_decision_time(ReportedValue.objects.get(pk=rv.pk), decided_at=end_of_day(datetime.date(2024, 1, 10)))
    login("city-approver")
    page.goto(page.base_url + "/?as_of=2025-03-01")
    assert page.url.split("?")[0].endswith("/dashboard/")
    assert page.get_by_test_id("dashboard-unit").inner_text() == "Thành phố Lạng Sơn"
    statuses = page.get_by_test_id("target-row").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert sorted(statuses) == ["achieved", "no_data"]
    assert page.locator("html").get_attribute("lang") == "vi"
    click_and_load(page, page.get_by_test_id("lang-en"), wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_test_id("summary-line").inner_text() == "1 of 2 targets met, 0 missed, 1 with no data"
    click_and_load(page, page.get_by_test_id("lang-vi"), wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "vi"
