import pytest

from browser_steps import click_and_load
from mandate.targets.models import ReportedValue, ValueState
from mandate.targets.services import create_target

pytestmark = pytest.mark.django_db(transaction=True)


def test_reporter_enters_a_value_and_approver_approves_it(page, login, users, plan, tree):
    target = create_target(actor=users["city_approver"], document=plan, org_unit=tree.city,
                           indicator="Kết nạp đảng viên mới", unit_of_measure="đảng viên", value=100, period="2024")
    login("hd-reporter")
    page.goto(page.base_url + "/targets/values/new/?as_of=2024-06-01")
    form = page.get_by_test_id("value-form")
    form.locator("select[name=target]").select_option(str(target.pk))
    form.locator("select[name=org_unit]").select_option(str(tree.hoang_dong.pk))
    form.locator("input[name=period]").fill("2024-Q1")
    form.locator("input[name=value]").fill("12,5")
    click_and_load(page, page.get_by_test_id("value-submit"), wait_until="networkidle")
    assert ReportedValue.objects.get().state == ValueState.SUBMITTED

    page.context.clear_cookies()
    login("city-approver")
    page.goto(page.base_url + "/targets/values/?as_of=2024-06-01")
    row = page.locator(f"tr[data-value='{ReportedValue.objects.get().pk}']")
    row.get_by_test_id("row-approve").click()  # htmx swaps the row
    page.locator("tr[data-state='approved']").wait_for()
    assert ReportedValue.objects.get().state == ValueState.APPROVED
