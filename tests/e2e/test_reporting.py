"""Reporting season in the browser: fill the grid with the keyboard and submit all, see the
completeness table change, approve in bulk, download the Excel, upload it with one bad row
and read that row's error, produce the review report."""

import io

from openpyxl import load_workbook

from browser_steps import click_and_load


def _logout(page):
    page.context.clear_cookies()


def test_reporting_season(page, login, tree, users, plan, season_targets):
    members, well = season_targets
    login("hd-reporter")
    page.goto(f"{page.base_url}/reporting/grid/{tree.hoang_dong.pk}/2023/")
    values = page.get_by_test_id("grid-value")
    assert values.count() == 2
    values.nth(0).click()
    page.keyboard.type("41")
    page.keyboard.press("Enter")  # saved, and the focus moves down to the next row
    page.get_by_test_id("grid-saved").first.wait_for()
    assert page.evaluate("document.activeElement.name") == f"value_{well.pk}"
    page.keyboard.type("92,5")
    page.keyboard.press("Enter")  # last row: the focus moves to "Submit all"
    assert page.evaluate("document.activeElement.dataset.testid") == "grid-submit-all"
    page.keyboard.press("Enter")
    page.wait_for_url("**/submit/")
    page.wait_for_load_state("networkidle")
    states = page.get_by_test_id("grid-status").evaluate_all(
        "cells => cells.map(c => c.querySelector('[data-state]').dataset.state)")
    assert states == ["submitted", "submitted"]

    _logout(page)
    login("city-approver")
    page.goto(f"{page.base_url}/reporting/completeness/?unit={tree.city.pk}&period=2023")
    row = page.locator('[data-testid="completeness-row"][data-unit="hoang-dong"]')
    assert row.get_attribute("data-state") == "submitted"
    assert page.get_by_test_id("rate").inner_text().startswith("33,3")
    click_and_load(page, page.get_by_test_id("bulk-approvals"))
    assert page.get_by_test_id("waiting-row").count() == 2
    click_and_load(page, page.get_by_test_id("bulk-approve"))
    page.get_by_test_id("nothing-waiting").wait_for()
    page.goto(f"{page.base_url}/reporting/completeness/?unit={tree.city.pk}&period=2023")
    assert page.locator('[data-testid="completeness-row"][data-unit="hoang-dong"]').get_attribute(
        "data-state") == "approved"

    with page.expect_download() as download_info:
        page.get_by_test_id("level-excel").click()
    with open(download_info.value.path(), "rb") as fh:
        wb = load_workbook(io.BytesIO(fh.read()))
    ws = wb.active
    bad_row = None
    for r in ws.iter_rows(min_row=4):
        if r[0].value == "mai-pha" and r[1].value == well.pk:
            r[9].value, bad_row = 120, r[0].row
        elif r[0].value == "chi-lang" and r[1].value == well.pk:
            r[9].value = "95"
    out = io.BytesIO()
    wb.save(out)
    page.goto(f"{page.base_url}/reporting/upload/")
    page.set_input_files('input[name="file"]', files=[{
        "name": "nhap-lieu.xlsx", "buffer": out.getvalue(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    click_and_load(page, page.get_by_test_id("upload-submit"), wait_until="networkidle")
    error = page.get_by_test_id("upload-error")
    assert error.count() == 1
    assert error.locator("td").first.inner_text() == str(bad_row)
    assert "100" in error.locator("td").nth(1).inner_text()

    _logout(page)
    login("admin")
    page.goto(f"{page.base_url}/reporting/review/")
    page.select_option('select[name="unit"]', str(tree.city.pk))
    page.fill('input[name="period"]', "2023")
    page.get_by_test_id("review-submit").click()
    page.get_by_test_id("job-download").wait_for()
    assert ".docx" in page.get_by_test_id("job-download").inner_text()
