"""Candidate lists in from Excel: the import template (with the body's constituencies on a
second sheet) and the reading of a filled one. The cells are read here; every rule is
checked by ``services.import_candidates``, which adds all the rows or none (the same
approach as the Party member import, ``party/excel.py``)."""

from __future__ import annotations

import io
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from mandate.core.exports import append_row
from mandate.core.uploads import validate_upload

from .models import Nomination, Sex
from .services import MAX_IMPORT_ROWS, CandidateRow

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
COLUMNS = 8


def _plain(value) -> str:
    """Lower case without Vietnamese marks, so that "Nữ", "nu" and "NỮ" read the same."""
    text = unicodedata.normalize("NFD", str(value if value is not None else "").strip().casefold())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").replace("đ", "d")
    return " ".join(text.replace("-", " ").split())


SEX_WORDS = {"nam": Sex.MALE, "male": Sex.MALE, "m": Sex.MALE, "nu": Sex.FEMALE, "female": Sex.FEMALE,
             "f": Sex.FEMALE}
YES_WORDS = {"co", "x", "yes", "y", "1", "true", "dang vien"}
NO_WORDS = {"khong", "no", "n", "0", "false"}
NOMINATION_WORDS = {
    "gioi thieu": Nomination.NOMINATED, "duoc gioi thieu": Nomination.NOMINATED, "nominated": Nomination.NOMINATED,
    "tu ung cu": Nomination.SELF, "self": Nomination.SELF, "self nominated": Nomination.SELF,
}


def _headers():
    return [_("Constituency number"), _("Full name"), _("Year of birth"), _("Sex (Nam/Nữ)"), _("Ethnicity"),
            _("Occupation and position"), _("Party member (Có/Không)"),
            _("Nomination (Giới thiệu/Tự ứng cử)")]


def _sheet(ws, titles, widths):
    append_row(ws, titles)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    ws.freeze_panes = "A2"


def candidate_template(constituencies=()) -> bytes:
    """The import template: the header and one example row, then a sheet listing the
    constituencies (number, name, seats) the first column refers to."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Candidates")[:31]
    _sheet(ws, _headers(), [14, 28, 12, 12, 14, 40, 16, 22])
    append_row(ws, [1, "Hoàng Thị Mẫu", 1985, "Nữ", "Tày", "Giáo viên trường THCS", "Có", "Giới thiệu"])
    sheet = wb.create_sheet(_("Constituencies")[:31])
    _sheet(sheet, [_("Number"), _("Constituency"), _("Seats")], [10, 48, 10])
    for c in constituencies:
        append_row(sheet, [c.number, c.name, c.seats])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _whole(value) -> int | None | str:
    """A whole number from a cell (``"invalid"`` when the cell holds something else)."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return "invalid"
    if isinstance(value, float):
        return int(value) if value.is_integer() else "invalid"
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.isdigit() else "invalid"


def _text(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _row(number: int, values: list) -> CandidateRow:
    constituency, name, born, sex, ethnicity, occupation, party, nomination = values[:COLUMNS]
    problems = {}
    constituency_number, birth_year = _whole(constituency), _whole(born)
    if constituency_number == "invalid":
        problems["constituency_number"] = _("The constituency number “%(value)s” is not a whole number.") % {
            "value": _text(constituency)}
        constituency_number = None
    if birth_year == "invalid":
        problems["birth_year"] = _("The year of birth “%(value)s” is not a year.") % {"value": _text(born)}
        birth_year = None
    if isinstance(party, bool):
        is_party_member = party
    else:
        word = _plain(party)
        is_party_member = True if word in YES_WORDS else False if word in NO_WORDS else None
    return CandidateRow(
        row=number, constituency_number=constituency_number, full_name=_text(name), birth_year=birth_year,
        sex=SEX_WORDS.get(_plain(sex), _text(sex)), ethnicity=_text(ethnicity), occupation=_text(occupation),
        is_party_member=is_party_member, nomination=NOMINATION_WORDS.get(_plain(nomination), _text(nomination)),
        problems=problems)


def read_candidates(upload) -> list[CandidateRow]:
    """The rows of the uploaded workbook's first sheet under its header (empty rows skipped),
    numbered as the spreadsheet shows them."""
    checked = validate_upload(upload, kinds=("xlsx",))
    try:
        wb = load_workbook(io.BytesIO(checked.data), read_only=True, data_only=True)
        rows = []
        for number, values in enumerate(wb.worksheets[0].iter_rows(min_row=2, values_only=True), start=2):
            values = list(values) + [None] * COLUMNS
            if all(v is None or str(v).strip() == "" for v in values[:COLUMNS]):
                continue
            if len(rows) >= MAX_IMPORT_ROWS:
                raise ValidationError(_("The file has more than %(max)s candidates; split it.")
                                      % {"max": MAX_IMPORT_ROWS})
            rows.append(_row(number, values))
    except ValidationError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(_("The file could not be read as an Excel workbook.")) from exc
    if not rows:
        raise ValidationError(_("The file has no candidate rows under the header."))
    return rows
