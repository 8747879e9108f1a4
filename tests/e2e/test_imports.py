"""Import from text in the browser: paste a plan, review it, leave one target out, accept,
and find the created targets on the document page."""

from browser_steps import click_and_load
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
    click_and_load(page, page.get_by_test_id("as-of-form").locator("button[type=submit]").first, wait_until="networkidle")
    page.get_by_test_id("import-text").fill(TEXT)
    page.get_by_test_id("import-unit").select_option(str(tree.hoang_dong.pk))
    click_and_load(page, page.get_by_test_id("import-submit"), wait_until="networkidle")
    assert page.locator("#id_doc-0-number").input_value() == "45/KH-UBND"
    assert page.get_by_test_id("document-match-0").get_attribute("data-match") == "new"
    assert "95%" in page.get_by_test_id("target-sentence-0").inner_text()
    page.locator("#id_doc-0-title").fill("Kế hoạch chuyển đổi số năm 2026")
    page.locator("#id_target-0-value").fill("96")
    page.get_by_test_id("target-row-1").locator("input[type=checkbox]").uncheck()
    click_and_load(page, page.get_by_test_id("accept-selected"), wait_until="networkidle")
    assert page.get_by_test_id("import-state").get_attribute("data-state") == "applied"
    click_and_load(page, page.get_by_test_id("created-records").get_by_role("link", name="45/KH-UBND"), wait_until="networkidle")
    # The target is listed under its indicator's name, not the whole sentence (issue 13).
    assert "hồ sơ thủ tục hành chính được giải quyết trực tuyến" in page.content()
    assert "tỷ lệ hộ nghèo" not in page.content()
    target = Target.objects.get()
    assert target.value == 96 and target.org_unit == tree.hoang_dong
    assert target.source_text == "Phấn đấu đến năm 2030 đạt 95% hồ sơ thủ tục hành chính được giải quyết trực tuyến."
    assert ImportSession.objects.get().state == "applied"


NOTICE = """Chủ tịch UBND thành phố kết luận:
1. Giao UBND xã Hoàng Đồng chủ trì, phối hợp với UBND xã Mai Pha khơi thông kênh mương trước ngày 20/5/2027.
2. Đề nghị Hội Nông dân thành phố hướng dẫn bà con chuyển đổi cây trồng."""


def test_assignment_proposed_as_a_task_and_accepted(page, login, tree, users):
    from mandate.tasks.models import Task

    login("city-approver")
    # The header's as-of form (a POST) keeps the day for the pages that follow: the city and
    # Hoang Dong existed on 1 January 2025.
    page.goto(page.base_url + "/import/")
    page.get_by_test_id("as-of").fill("2025-01-01")
    click_and_load(page, page.get_by_test_id("as-of-form").locator("button[type=submit]").first, wait_until="networkidle")
    page.get_by_test_id("import-text").fill(NOTICE)
    page.get_by_test_id("import-unit").select_option(str(tree.city.pk))
    click_and_load(page, page.get_by_test_id("import-submit"), wait_until="networkidle")
    assert "khơi thông kênh mương" in page.get_by_test_id("task-sentence-0").inner_text()
    assert page.locator("#id_task-0-lead_unit").input_value() == str(tree.hoang_dong.pk)
    assert page.locator("#id_task-0-deadline").input_value() == "2027-05-20"
    assert page.get_by_test_id("task-unmatched-1").is_visible()
    page.locator("#id_task-0-title").fill("Khơi thông kênh mương nội đồng")
    click_and_load(page, page.get_by_test_id("accept-selected"), wait_until="networkidle")
    assert page.get_by_test_id("import-state").get_attribute("data-state") == "applied"
    task = Task.objects.get()
    assert task.title == "Khơi thông kênh mương nội đồng" and task.lead_unit == tree.hoang_dong
    assert task.assigning_unit == tree.city and list(task.coordinating_units.all()) == [tree.mai_pha]
