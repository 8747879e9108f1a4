import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from mandate.core.testing import QueryCounter, view_as_of
from mandate.tasks.models import Task

pytestmark = pytest.mark.django_db
D = datetime.date


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["title", "lead", "coordinating", "deadline", "expected", "priority", "document"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("tasks.xlsx", buffer.getvalue())


@pytest.fixture
def approver_client(client, users):
    client.force_login(users["city_approver"])
    view_as_of(client, "2023-03-01")
    return client


def test_export_is_the_filtered_list_with_headers_in_the_ui_language(approver_client, make_task, tree):
    make_task(title="Quá hạn A", deadline=D(2023, 2, 20), assigned_on=D(2023, 2, 1), coordinating_units=[tree.mai_pha])
    make_task(title="Đang làm B", deadline=D(2023, 7, 1))
    response = approver_client.get(reverse("tasks:export") + "?state=overdue")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.values)
    assert rows[0][:3] == ("No.", "Task", "Lead unit")
    assert [r[1] for r in rows[1:]] == ["Quá hạn A"]
    assert rows[1][3] == "Mai Pha commune" and rows[1][9] == datetime.datetime(2023, 2, 20)
    with translation.override("vi"):
        from django.utils.translation import gettext

        expected_vi = gettext("Lead unit")
    approver_client.post(reverse("set_language"), {"language": "vi"})
    response = approver_client.get(reverse("tasks:export"))
    assert load_workbook(io.BytesIO(response.content)).active["C1"].value == expected_vi


def test_template_downloads_with_unit_codes(approver_client):
    response = approver_client.get(reverse("tasks:import_template"))
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.worksheets[0]["B1"].value == "Lead unit code"
    assert "hoang-dong" in [c.value for c in wb.worksheets[1]["A"]]


def test_import_creates_all_rows(approver_client, tree, plan):
    upload = _xlsx([
        ["Hoàn thiện tiêu chí nông thôn mới kiểu mẫu", "hoang-dong", "mai-pha, chi-lang", "15/06/2023",
         "Đạt chuẩn", "high", "150-KH/TU"],
        ["Làm sân thể thao thôn Hoàng Thanh", "HOANG-DONG", "", datetime.datetime(2023, 12, 31), "", "", "150-kh/tu"],
    ])
    response = approver_client.post(reverse("tasks:import"), {"assigning_unit": tree.city.pk, "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    tasks = list(Task.objects.order_by("pk"))
    assert [t.priority for t in tasks] == ["high", "normal"]
    assert sorted(u.code for u in tasks[0].coordinating_units.all()) == ["chi-lang", "mai-pha"]
    assert tasks[1].deadline == D(2023, 12, 31) and tasks[1].source_document == plan
    assert tasks[0].assigned_on == D(2023, 3, 1)


def test_import_with_bad_rows_imports_nothing_and_lists_each_row(approver_client, tree, plan):
    upload = _xlsx([
        ["Việc đúng", "hoang-dong", "", "15/06/2023", "", "", "150-KH/TU"],
        ["Việc sai đơn vị", "xyz", "", "15/06/2023", "", "", "150-KH/TU"],
        ["Việc sai ngày", "mai-pha", "abc", "31/02/2023", "", "gấp", "999-KH/TU"],
        ["Việc trước ngày giao", "mai-pha", "", "01/01/2023", "", "", "150-KH/TU"],
    ])
    response = approver_client.post(reverse("tasks:import"), {"assigning_unit": tree.city.pk, "file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Row 3: unknown unit &#x27;xyz&#x27;." in html
    assert "Row 4: unknown unit &#x27;abc&#x27;." in html
    assert "Row 4: the deadline &#x27;31/02/2023&#x27; is not a date" in html
    assert "Row 4: unknown priority" in html and "Row 4: unknown document &#x27;999-KH/TU&#x27;." in html
    assert Task.objects.count() == 0
    # Rows that pass the sheet checks but that the service refuses: still nothing imported.
    upload = _xlsx([
        ["Việc đúng", "hoang-dong", "", "15/06/2023", "", "", "150-KH/TU"],
        ["Việc trước ngày giao", "mai-pha", "", "01/01/2023", "", "", "150-KH/TU"],
    ])
    response = approver_client.post(reverse("tasks:import"), {"assigning_unit": tree.city.pk, "file": upload})
    assert response.status_code == 400 and "Row 3: The deadline (01/01/2023) is before" in response.content.decode()
    assert Task.objects.count() == 0


def test_import_refuses_a_file_that_is_not_xlsx_and_units_outside_subtree(approver_client, tree, plan):
    response = approver_client.post(reverse("tasks:import"), {
        "assigning_unit": tree.city.pk, "file": SimpleUploadedFile("x.xlsx", b"not excel")})
    assert "could not be read as an Excel workbook" in response.content.decode()
    upload = _xlsx([["Việc của sở", "dept-finance", "", "15/06/2023", "", "", "150-KH/TU"]])
    response = approver_client.post(reverse("tasks:import"), {"assigning_unit": tree.city.pk, "file": upload})
    assert "Row 2: unknown unit &#x27;dept-finance&#x27;." in response.content.decode()


def test_export_query_count_does_not_grow(approver_client, make_task, tree):
    make_task(title="A", coordinating_units=[tree.mai_pha])
    with QueryCounter() as few:
        approver_client.get(reverse("tasks:export"))
    for i in range(15):
        make_task(title=f"B{i}", coordinating_units=[tree.mai_pha, tree.chi_lang])
    with QueryCounter() as many:
        approver_client.get(reverse("tasks:export"))
    assert many.count == few.count
