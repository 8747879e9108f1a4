"""The party app in and out of Excel: the member import template and the import (every
row checked, then all created in one transaction, or none), and exports of counts,
rating results and, for those allowed, member lists (logged)."""

from __future__ import annotations

import datetime
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from mandate.core.exports import append_row
from mandate.core.uploads import validate_upload

from .models import Sex
from .services import MemberRow

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_IMPORT_ROWS = 5000
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
SEX_WORDS = {"nam": Sex.MALE, "male": Sex.MALE, "m": Sex.MALE, "nữ": Sex.FEMALE, "nu": Sex.FEMALE,
             "female": Sex.FEMALE, "f": Sex.FEMALE}


def _headers():
    return [_("Member code"), _("Full name"), _("Year of birth"), _("Sex (Nam/Nữ)"), _("Ethnicity"),
            _("Admitted on (dd/mm/yyyy)"), _("Made official on (dd/mm/yyyy)"), _("Admission decision number")]


def _sheet(ws, titles, widths):
    append_row(ws, titles)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    ws.freeze_panes = "A2"


def _bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def import_template() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Members")[:31]
    _sheet(ws, _headers(), [14, 28, 12, 12, 14, 20, 20, 20])
    append_row(ws, ["DV-0001", "Hoàng Thị Mẫu", 1990, "Nữ", "Tày", "15/05/2020", "15/05/2021", "125-QĐ/ĐU"])
    return _bytes(wb)


def _date(value) -> datetime.date | None | str:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return "invalid"


def _int(value) -> int | None:
    try:
        return int(str(value).strip().split(".")[0]) if value not in (None, "") else None
    except ValueError:
        return None


def read_members(upload) -> tuple[list[MemberRow], list[str]]:
    """Rows of the uploaded workbook, and the errors found while reading cells."""
    checked = validate_upload(upload, kinds=("xlsx",))
    try:
        wb = load_workbook(io.BytesIO(checked.data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(_("The file could not be read as an Excel workbook.")) from exc
    ws = wb.worksheets[0]
    rows, errors = [], []
    for number, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=1):
        values = list(values) + [None] * 8
        if all(v in (None, "") for v in values[:8]):
            continue
        if len(rows) >= MAX_IMPORT_ROWS:
            raise ValidationError(_("The file has more than %(max)s members; split it.") % {"max": MAX_IMPORT_ROWS})
        code, name, born, sex, ethnicity, admitted, official, decision = values[:8]
        admitted_on, official_on = _date(admitted), _date(official)
        if admitted_on == "invalid":
            errors.append(_("Row %(row)s: the date of admission is not a date (dd/mm/yyyy).") % {"row": number})
            admitted_on = None
        if official_on == "invalid":
            errors.append(_("Row %(row)s: the date made official is not a date (dd/mm/yyyy).") % {"row": number})
            official_on = None
        rows.append(MemberRow(
            code=str(code or "").strip(), full_name=str(name or "").strip(), birth_year=_int(born),
            sex=SEX_WORDS.get(str(sex or "").strip().lower(), str(sex or "").strip()),
            ethnicity=str(ethnicity or "").strip(), admitted_on=admitted_on, official_on=official_on,
            decision_number=str(decision or "").strip()))
    if not rows and not errors:
        raise ValidationError(_("The file has no member rows under the header."))
    return rows, errors


def export_counts(rows, day: datetime.date) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Members")[:31]
    _sheet(ws, [_("Party organization"), _("Members on %(day)s") % {"day": day.strftime("%d/%m/%Y")},
                _("Official"), _("Probationary")], [48, 16, 12, 14])
    for unit in rows:
        append_row(ws, [unit.display_name, unit.total, unit.total - unit.probationary, unit.probationary])
    return _bytes(wb)


def export_results(campaign, member_rows, org_rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Members")[:31]
    grades = campaign.rule_set.grade_choices()
    for sheet, rows, extra in ((ws, member_rows, False), (wb.create_sheet(_("Organizations")[:31]), org_rows, True)):
        titles = [_("Unit"), _("Rated")] + [label for _code, label in grades] + [_("Well or better (%)")]
        if extra:
            titles.append(_("4-good (%)"))
        _sheet(sheet, titles, [44, 10] + [14] * len(grades) + [16, 12])
        for row in rows:
            values = [row.unit.display_name, row.rated] + [row.counts[code] for code, _label in grades]
            values.append(float(row.well_share) if row.well_share is not None else None)
            if extra:
                values.append(float(row.four_good_share) if row.four_good_share is not None else None)
            append_row(sheet, values)
    return _bytes(wb)


def export_members(members) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Members")[:31]
    _sheet(ws, [_("Member code"), _("Full name"), _("Year of birth"), _("Sex"), _("Ethnicity"),
                _("Party organization"), _("Admitted on"), _("Made official on"), _("Status")],
           [14, 28, 10, 8, 12, 40, 12, 12, 18])
    for m in members:
        append_row(ws, [m.code, m.full_name, m.birth_year, m.get_sex_display(), m.ethnicity,
                        m.org_unit.display_name, m.admitted_on, m.official_on, m.get_status_display()])
    return _bytes(wb)
