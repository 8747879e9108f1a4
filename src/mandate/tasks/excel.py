"""Tasks in and out of Excel: the current filtered list as .xlsx, the import template, and
the import itself (all rows checked, then created in one transaction, or none)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from mandate.core.exports import append_row
from mandate.core.uploads import validate_upload
from mandate.documents.models import DirectiveDocument
from mandate.documents.numbering import number_key
from mandate.orgs.models import OrgUnit

from .models import Priority, State
from .services import assign_task

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_IMPORT_ROWS = 2000
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


def _header(ws, titles: list[str], widths: list[int]) -> None:
    append_row(ws, titles)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def export_tasks(tasks, as_of: datetime.date) -> bytes:
    """The tasks (annotated with ``state``, units selected, coordinating units prefetched)
    as a workbook, headers in the active language."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Tasks")[:31]
    state_labels = dict(State.choices)
    priority_labels = dict(Priority.choices)
    _header(ws, [
        _("No."), _("Task"), _("Lead unit"), _("Coordinating units"), _("Assigning unit"), _("Source document"),
        _("Source"), _("Assigned on"), _("Original deadline"), _("Deadline"), _("Progress (%)"),
        _("State on %(day)s") % {"day": as_of.strftime("%d/%m/%Y")}, _("Done on"), _("Expected result"),
        _("Result"), _("Priority"),
    ], [6, 50, 28, 32, 28, 16, 24, 12, 12, 12, 10, 16, 12, 36, 36, 10])
    for i, t in enumerate(tasks, start=1):
        append_row(ws, [
            i, t.title, t.lead_unit.display_name,
            ", ".join(u.display_name for u in t.coordinating_units.all()),
            t.assigning_unit.display_name, t.source_document.number if t.source_document_id else "",
            t.source_note, t.assigned_on, t.original_deadline, t.deadline, t.progress_percent,
            str(state_labels.get(t.state, t.state)), t.done_at, t.expected_result, t.result,
            str(priority_labels.get(t.priority, t.priority)),
        ])
    for row in ws.iter_rows(min_row=2, min_col=8, max_col=13):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


IMPORT_COLUMNS = 7


def import_headers() -> list[str]:
    return [_("Title"), _("Lead unit code"), _("Coordinating unit codes (comma separated)"),
            _("Deadline (dd/mm/yyyy)"), _("Expected result"),
            _("Priority (%(choices)s)") % {"choices": ", ".join(str(label) for _v, label in Priority.choices)},
            _("Source document number")]


def import_template(units) -> bytes:
    """The template to fill in, with a second sheet listing the unit codes one may use."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Tasks")[:31]
    _header(ws, import_headers(), [50, 22, 30, 16, 40, 16, 20])
    append_row(ws, [_("Example: complete the site clearance of Ba Trieu street"), units[0].code if units else "",
               "", "15/06/2023", _("100% of the site handed over to the investor"), str(Priority.HIGH.label), "129/KH-UBND"])
    ws.cell(row=2, column=4).number_format = "@"
    codes = wb.create_sheet(_("Unit codes")[:31])
    _header(codes, [_("Code"), _("Unit")], [24, 50])
    for unit in units:
        append_row(codes, [unit.code, unit.display_name])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


class ImportRefused(ValidationError):
    """The workbook had errors; nothing was imported. ``messages`` has one line per problem."""


@dataclass
class ParsedRow:
    number: int
    title: str
    lead_unit: OrgUnit | None
    coordinating: list
    deadline: datetime.date | None
    expected_result: str
    priority: str
    document: DirectiveDocument | None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _priority_lookup() -> dict[str, str]:
    lookup = {}
    for value, label in Priority.choices:
        lookup[value] = value
        lookup[str(label).lower()] = value
    return lookup


MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _read_rows(upload) -> list[tuple[int, list]]:
    # Size, ZIP entries and unpacked size are checked before openpyxl opens the workbook.
    try:
        checked = validate_upload(upload, kinds=("xlsx",), max_bytes=MAX_IMPORT_BYTES)
    except ValidationError as exc:
        if exc.code in ("too_large", "zip_bomb", "zip_entries"):
            raise ImportRefused(list(exc.messages)) from exc
        raise ImportRefused([_("The file could not be read as an Excel workbook (.xlsx). "
                               "Download the template and fill it in.")]) from exc
    try:
        wb = load_workbook(io.BytesIO(checked.data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ImportRefused([_("The file could not be read as an Excel workbook (.xlsx). "
                               "Download the template and fill it in.")]) from exc
    ws = wb.worksheets[0]
    rows = []
    for number, values in enumerate(ws.iter_rows(min_row=2, max_col=IMPORT_COLUMNS, values_only=True), start=2):
        values = list(values) + [None] * (IMPORT_COLUMNS - len(values))
        if all(_text(v) == "" for v in values):
            continue
        rows.append((number, values))
        if len(rows) > MAX_IMPORT_ROWS:
            raise ImportRefused([_("The file has more than %(count)s tasks; split it into smaller files.")
                                 % {"count": MAX_IMPORT_ROWS}])
    wb.close()
    return rows


def parse_import(upload, *, visible_units, visible_documents) -> list[ParsedRow]:
    """Read and check every row; raise ImportRefused listing all problems (row by row).
    Lookups are done in bulk: one query for the units, one for the documents."""
    raw_rows = _read_rows(upload)
    if not raw_rows:
        raise ImportRefused([_("The file has no tasks below the header row.")])
    codes, numbers = set(), set()
    for _n, v in raw_rows:
        codes.add(_text(v[1]).lower())
        codes.update(c.strip().lower() for c in _text(v[2]).replace(";", ",").split(",") if c.strip())
        if _text(v[6]):
            numbers.add(number_key(_text(v[6])))
    units = {u.code.lower(): u for u in visible_units.filter(code__in=[c for c in codes if c])}
    # Codes are case-insensitive for people; the slug field stores them in lower case.
    documents = {}
    for doc in visible_documents.filter(number_key__in=numbers).order_by("-issued_on"):
        documents.setdefault(doc.number_key, doc)
    priorities = _priority_lookup()
    errors, parsed = [], []

    def err(row, message, **params):
        errors.append(_("Row %(row)s: ") % {"row": row} + message % params)

    for n, v in raw_rows:
        title, lead_code, coord_text = _text(v[0]), _text(v[1]), _text(v[2])
        if not title:
            err(n, _("the title is empty."))
        lead = units.get(lead_code.lower())
        if not lead_code:
            err(n, _("the lead unit code is empty."))
        elif lead is None:
            err(n, _("unknown unit '%(code)s'."), code=lead_code)
        coordinating = []
        for code in (c.strip() for c in coord_text.replace(";", ",").split(",")):
            if not code:
                continue
            unit = units.get(code.lower())
            if unit is None:
                err(n, _("unknown unit '%(code)s'."), code=code)
            else:
                coordinating.append(unit)
        deadline = _parse_date(v[3])
        if deadline is None:
            err(n, _("the deadline '%(value)s' is not a date written dd/mm/yyyy."), value=_text(v[3]))
        priority_text = _text(v[5]).lower()
        priority = priorities.get(priority_text) if priority_text else Priority.NORMAL
        if priority is None:
            err(n, _("unknown priority '%(value)s' (use low, normal, high or urgent)."), value=_text(v[5]))
        doc_text = _text(v[6])
        document = documents.get(number_key(doc_text)) if doc_text else None
        if not doc_text:
            err(n, _("give the number of the source document."))
        elif document is None:
            err(n, _("unknown document '%(number)s'."), number=doc_text)
        parsed.append(ParsedRow(n, title, lead, coordinating, deadline, _text(v[4]), priority or Priority.NORMAL,
                                document))
    if errors:
        raise ImportRefused(errors)
    return parsed


def import_tasks(upload, *, actor, assigning_unit: OrgUnit, visible_units, visible_documents,
                 assigned_on: datetime.date | None = None) -> list:
    """Create every task of the workbook through ``assign_task`` in one transaction. When any
    row is refused (by the checks above or by the service), nothing is created and
    ImportRefused lists every row's problem."""
    rows = parse_import(upload, visible_units=visible_units, visible_documents=visible_documents)
    errors, created = [], []
    with transaction.atomic():  # leaving with ImportRefused rolls back every row created
        for row in rows:
            try:
                with transaction.atomic():
                    created.append(assign_task(
                        actor=actor, title=row.title, lead_unit=row.lead_unit, deadline=row.deadline,
                        assigning_unit=assigning_unit, coordinating_units=row.coordinating,
                        expected_result=row.expected_result, priority=row.priority,
                        source_document=row.document, assigned_on=assigned_on or timezone.localdate(),
                    ))
            except ValidationError as exc:
                errors.append(_("Row %(row)s: ") % {"row": row.number} + " ".join(exc.messages))
        if errors:
            raise ImportRefused(errors)
    return created
