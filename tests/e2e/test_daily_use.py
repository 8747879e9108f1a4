"""Daily use on today's date with the demo data, in Chromium at desktop (1366×900) and
phone (390×844) sizes (issue 8: items 1, 2, 4, 8, 9). Screenshots go to docs/screenshots/."""

import pathlib
from io import StringIO

import pytest
from django.core.management import call_command

from browser_steps import click_and_load, log_in

SHOTS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
PASSWORD = "mandate-demo"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def open_as(browser, live_server):
    contexts = []

    def _open(username, size):
        context = browser.new_context(locale="vi-VN", viewport=SIZES[size])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20000)
        page.base_url = live_server.url
        log_in(page, username, PASSWORD)
        return page

    yield _open
    for context in contexts:
        context.close()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_reporter_reports_today_and_approver_approves(demo, open_as):
    """Item 1 and 4: on 30/11/2026 the reporter reports for Ky Lua ward (Hoang Dong's
    successor) with a Vietnamese number; the approver (moved to the province) approves it."""
    page = open_as("hoangdong-reporter", "desktop")
    page.goto(page.base_url + "/targets/values/new/?as_of=today")
    assert page.get_by_test_id("no-units").count() == 0 and page.get_by_test_id("unit-notice").count() == 0
    form = page.get_by_test_id("value-form")
    units = form.locator("select[name=org_unit] option").all_inner_texts()
    assert [u for u in units if u.strip("-— ")] == ["Phường Kỳ Lừa"]
    target = form.locator("select[name=target] option", has_text="(2026)").first.get_attribute("value")
    form.locator("select[name=target]").select_option(target)
    form.locator("input[name=period]").fill("2026-Q3")
    form.locator("input[name=value]").fill("79,5")
    shot(page, "value-form-desktop")
    click_and_load(page, page.get_by_test_id("value-submit"), wait_until="networkidle")
    assert "79,5" in page.content()
    value_url = page.url
    page.goto(page.base_url + "/accounts/me/")
    assert "Phường Kỳ Lừa" in page.get_by_test_id("my-unit").inner_text()
    assert "Xã Hoàng Đồng" in page.get_by_test_id("transfers").inner_text()

    phone = open_as("city-approver", "phone")
    phone.goto(value_url)
    assert "79,5" in phone.content() and "E+" not in phone.content()
    shot(phone, "value-approve-phone")
    click_and_load(phone, phone.locator("button[name=action][value=approve]").first, wait_until="networkidle")
    assert no_horizontal_scroll(phone)
    phone.goto(phone.base_url + "/accounts/notifications/")
    assert "Chờ bạn phê duyệt" in phone.get_by_test_id("notifications").inner_text()


def test_province_admin_reads_tasks_tree_and_dashboard(demo, open_as):
    """Items 2, 8 and 9 at both sizes, on one load of the demo (it only reads)."""
    for size in SIZES:
        page = open_as("province-admin", size)
        task_pages_agree(page, size)
        org_tree_menu_and_dashboard(page, size)


def task_pages_agree(page, size):
    """Item 2: the inbox, the list and the leader's table count the same tasks."""
    page.goto(page.base_url + "/tasks/list/?as_of=today")
    listed = int(page.get_by_test_id("count-all").inner_text())
    page.goto(page.base_url + "/tasks/?as_of=today")
    inbox = int(page.get_by_test_id("count-all").inner_text())
    overdue_inbox = int(page.get_by_test_id("count-overdue").inner_text())
    page.goto(page.base_url + "/tasks/leader/?as_of=today")
    total = page.locator("tfoot tr, tr.total").last.locator("td").all_inner_texts()
    assert listed == inbox == int(total[0]) > 0
    assert overdue_inbox == int(total[3])
    shot(page, f"tasks-leader-{size}")
    assert no_horizontal_scroll(page)


def org_tree_menu_and_dashboard(page, size):
    """Items 8 and 9: a vertical, collapsible, searchable tree; the phone menu; the
    dashboard's status summary before the table."""
    page.goto(page.base_url + "/units/?as_of=today")
    tree = page.get_by_test_id("org-tree")
    assert tree.bounding_box()["width"] <= SIZES[size]["width"]
    assert no_horizontal_scroll(page)
    page.get_by_test_id("tree-search").fill("ky lua")
    ky_lua = page.locator("li[data-code=ky-lua]")
    assert ky_lua.is_visible()
    assert not page.locator("li[data-code=lang-son-dept-health]").is_visible()
    shot(page, f"org-tree-search-{size}")
    page.get_by_test_id("tree-search").fill("")
    page.get_by_test_id("tree-collapse").click()
    assert not ky_lua.is_visible()
    page.get_by_test_id("tree-expand").click()
    assert ky_lua.is_visible()

    page.goto(page.base_url + "/dashboard/?as_of=today")
    summary = page.get_by_test_id("summary-line").bounding_box()
    table = page.get_by_test_id("dashboard-table").bounding_box()
    assert summary["y"] < table["y"]
    if size == "phone":
        assert summary["y"] < SIZES["phone"]["height"]
        assert not page.locator("a[href='/documents/']").first.is_visible()
        page.get_by_test_id("menu-toggle").click()
        assert page.locator("a[href='/documents/']").first.is_visible()
        shot(page, "menu-phone")
        page.get_by_test_id("menu-toggle").click()
    assert no_horizontal_scroll(page)
    shot(page, f"dashboard-{size}")
