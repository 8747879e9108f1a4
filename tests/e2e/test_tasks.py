"""Tasks in the browser: a commune reports progress with an evidence file; the city
exports its task list to Excel."""

import datetime
import io

from openpyxl import load_workbook

from browser_steps import click_and_load
from mandate.core.testing import pdf_bytes
from mandate.tasks.models import Task
from mandate.tasks.services import assign_task

PDF = pdf_bytes()


def _task(users, tree, plan, title, **extra):
    return assign_task(actor=users["city_approver"], title=title, lead_unit=tree.hoang_dong,
                       assigning_unit=tree.city, deadline=datetime.date(2099, 6, 15), source_document=plan,
                       assigned_on=datetime.date(2023, 3, 1), **extra)


def test_report_progress_with_an_attachment(page, login, tree, users, plan, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    task = _task(users, tree, plan, "Hoàn thành giải phóng mặt bằng Khu đô thị mới Bến Bắc")
    evidence = tmp_path / "bien-ban-ban-giao.pdf"
    evidence.write_bytes(PDF)
    login("hd-reporter")
    page.goto(f"{page.base_url}/tasks/{task.pk}/?as_of=2023-06-01")
    assert page.get_by_test_id("task-version").inner_text() == "1"
    page.get_by_test_id("report-percent").fill("90")
    page.get_by_test_id("report-narrative").fill("Đã bàn giao 90% mặt bằng")
    page.get_by_test_id("report-files").set_input_files(str(evidence))
    click_and_load(page, page.get_by_test_id("report-submit"), wait_until="networkidle")
    assert page.get_by_test_id("task-version").inner_text() == "2"
    assert page.get_by_test_id("task-percent").inner_text() == "90%"
    assert page.get_by_test_id("evidence-link").inner_text() == "bien-ban-ban-giao.pdf"
    assert "Đã bàn giao 90% mặt bằng" in page.get_by_test_id("reports").inner_text()
    report = Task.objects.get(pk=task.pk).reports.get()
    assert report.evidence.get().file.read().startswith(b"%PDF")


def test_export_task_list_to_excel(page, login, tree, users, plan):
    _task(users, tree, plan, "Tổ chức Hội thi Bí thư chi bộ giỏi", coordinating_units=[tree.mai_pha])
    _task(users, tree, plan, "Đạt Bộ tiêu chí quốc gia về y tế xã")
    login("city-approver")
    page.goto(page.base_url + "/tasks/list/?as_of=2023-06-01")
    assert page.get_by_test_id("count-all").inner_text() == "2"
    with page.expect_download() as download_info:
        page.get_by_test_id("export-xlsx").click()
    download = download_info.value
    assert download.suggested_filename == "tasks-2023-06-01.xlsx"
    rows = list(load_workbook(io.BytesIO(open(download.path(), "rb").read())).active.iter_rows(values_only=True))
    assert len(rows) == 3
    assert {r[1] for r in rows[1:]} == {"Tổ chức Hội thi Bí thư chi bộ giỏi", "Đạt Bộ tiêu chí quốc gia về y tế xã"}
    assert "Xã Mai Pha" in {r[3] for r in rows[1:]}
