"""Pages and htmx keep working under the Content-Security-Policy, in Chromium: no script,
style or request is refused by the policy while an approver approves a value through htmx."""

import pytest

from browser_steps import click_and_load
from mandate.targets.models import ReportedValue, ValueState
from mandate.targets.services import create_target, enter_value

pytestmark = pytest.mark.django_db(transaction=True)

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_pages_and_htmx_work_under_the_policy(page, login, users, plan, tree):
    target = create_target(actor=users["city_approver"], document=plan, org_unit=tree.city,
                           indicator="Kết nạp đảng viên mới", unit_of_measure="đảng viên", value=100, period="2024")
    value = enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2024-Q1",
                        value="12,5", submit=True)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH_VIOLATIONS)
    login("city-approver")
    response = page.goto(page.base_url + "/targets/values/?as_of=2024-06-01")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert page.evaluate("typeof window.htmx") == "object"
    row = page.locator(f"tr[data-value='{value.pk}']")
    row.get_by_test_id("row-approve").click()  # htmx swaps the row
    page.locator("tr[data-state='approved']").wait_for()
    assert ReportedValue.objects.get(pk=value.pk).state == ValueState.APPROVED
    # The as-of form in the header posts with its CSRF token.
    page.get_by_test_id("as-of").fill("2024-03-01")
    click_and_load(page, page.get_by_test_id("as-of-form").locator("button[type=submit]").first, wait_until="networkidle")
    assert "01/03/2024" in page.content()
    for path in ("/dashboard/", "/documents/", "/tasks/", "/units/", "/api/v1/docs/"):
        page.goto(page.base_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
    assert not [m for m in console if "Content Security Policy" in m], console
