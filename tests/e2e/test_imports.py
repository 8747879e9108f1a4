"""Import from text in the browser: paste a plan, review it, leave one target out, accept,
and find the created targets on the document page."""

from mandate.imports.models import ImportSession
from mandate.targets.models import Target

TEXT = """Thực hiện Kế hoạch số 45/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân thành phố về chuyển đổi số.
Phấn đấu đến năm 2030 đạt 95% hồ sơ thủ tục hành chính được giải quyết trực tuyến.
Phấn đấu đến năm 2027 giảm 0,5% tỷ lệ hộ nghèo."""


def test_paste_review_uncheck_and_accept(page, login, tree, users):
    login("city-approver")
    page.goto(page.base_url + "/import/")
    # The header's as-of form (a POST) keeps the day for the pages that follow.
    page.get_by_test_id("as-of").fill("2025-01-01")
    page.get_by_test_id("as-of-form").locator("button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_test_id("import-text").fill(TEXT)
    page.get_by_test_id("import-unit").select_option(str(tree.hoang_dong.pk))
    page.get_by_test_id("import-submit").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_doc-0-number").input_value() == "45/KH-UBND"
    assert page.get_by_test_id("document-match-0").get_attribute("data-match") == "new"
    assert "95%" in page.get_by_test_id("target-sentence-0").inner_text()
    page.locator("#id_doc-0-title").fill("Kế hoạch chuyển đổi số năm 2026")
    page.locator("#id_target-0-value").fill("96")
    page.get_by_test_id("target-row-1").locator("input[type=checkbox]").uncheck()
    page.get_by_test_id("accept-selected").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("import-state").get_attribute("data-state") == "applied"
    page.get_by_test_id("created-records").get_by_role("link", name="45/KH-UBND").click()
    page.wait_for_load_state("networkidle")
    assert "Phấn đấu đến năm 2030 đạt 95%" in page.content()
    assert "giảm 0,5%" not in page.content()
    target = Target.objects.get()
    assert target.value == 96 and target.org_unit == tree.hoang_dong
    assert ImportSession.objects.get().state == "applied"
