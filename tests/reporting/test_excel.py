import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from mandate.reporting.excel import NOTE_COL, VALUE_COL
from mandate.targets.models import ReportedValue, ValueState

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(client, tree):
    response = client.get(reverse("reporting:completeness_excel") + f"?unit={tree.city.pk}&period=2023")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def _upload(client, wb, mode="draft"):
    out = io.BytesIO()
    wb.save(out)
    return client.post(reverse("reporting:upload"), {
        "file": SimpleUploadedFile("nhap-lieu.xlsx", out.getvalue(), content_type=XLSX), "mode": mode})


def _rows(ws):
    return {(r[0].value, r[1].value): r[0].row for r in ws.iter_rows(min_row=4) if r[0].value}


def test_download_has_one_row_per_unit_and_target_with_locked_keys(client, season, users, tree):
    client.force_login(users["city_approver"])
    ws = _download(client, tree).active
    rows = _rows(ws)
    assert len(rows) == 9  # 3 communes × 3 targets
    assert ws.protection.sheet is True
    r = rows[("hoang-dong", season["members"].pk)]
    assert ws.cell(r, 1).protection.locked and not ws.cell(r, VALUE_COL).protection.locked
    assert ws.cell(r, 6).value == "Kết nạp đảng viên mới" and ws.cell(r, 8).value == "40"


def test_upload_with_one_bad_row_imports_nothing_and_names_the_row(client, season, users, tree):
    client.force_login(users["city_approver"])
    wb = _download(client, tree)
    ws = wb.active
    rows = _rows(ws)
    ws.cell(rows[("hoang-dong", season["well"].pk)], VALUE_COL).value = "91,5"
    ws.cell(rows[("mai-pha", season["well"].pk)], VALUE_COL).value = 150
    ws.cell(rows[("chi-lang", season["well"].pk)], VALUE_COL).value = "chín mươi"
    response = _upload(client, wb)
    html = response.content.decode()
    assert response.status_code == 400 and "Nothing was imported" in html
    assert f"<td data-label=\"Row\" class=\"num\">{rows[('mai-pha', season['well'].pk)]}</td>" in html
    assert "between 0 and 100" in html and "Enter a number" in html
    assert not ReportedValue.objects.filter(period_label="2023").exists()


def test_upload_saves_drafts_or_submissions_as_chosen(client, season, users, tree):
    client.force_login(users["city_approver"])
    wb = _download(client, tree)
    ws = wb.active
    rows = _rows(ws)
    ws.cell(rows[("hoang-dong", season["well"].pk)], VALUE_COL).value = "91,5"
    ws.cell(rows[("mai-pha", season["well"].pk)], VALUE_COL).value = 88
    ws.cell(rows[("mai-pha", season["well"].pk)], NOTE_COL).value = "Theo biên bản"
    assert _upload(client, wb, mode="submit").status_code == 200
    values = ReportedValue.objects.filter(period_label="2023", target=season["well"])
    assert values.count() == 2 and set(values.values_list("state", flat=True)) == {ValueState.SUBMITTED}


def test_upload_refuses_a_file_that_is_not_a_workbook(client, season, users):
    client.force_login(users["city_approver"])
    response = client.post(reverse("reporting:upload"), {
        "file": SimpleUploadedFile("gia.xlsx", b"not a zip", content_type=XLSX), "mode": "draft"})
    assert response.status_code == 400 and "not a valid" in response.content.decode()
