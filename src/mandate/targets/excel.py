"""Excel exports of targets (with their status on the day viewed) and of reported values.
Headers in the reader's language; user text written as text (``core.exports.append_row``)."""

from __future__ import annotations

import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from mandate.core.exports import append_row
from mandate.core.templatetags.mandate import status_label

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _header(ws, titles, widths):
    append_row(ws, titles)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"


def _number(value):
    return float(value) if value is not None else None


def export_targets(rows, as_of: datetime.date) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Targets")[:31]
    _header(ws, [_("Document"), _("Indicator"), _("Unit"), _("Period"), _("Comparator"), _("Target value"),
                 _("Upper value"), _("Unit of measure"), _("Latest approved"),
                 _("Status on %(day)s") % {"day": as_of.strftime("%d/%m/%Y")}, _("Units reported"),
                 _("Units expected to report")],
            [16, 60, 30, 12, 14, 14, 12, 14, 14, 16, 12, 12])
    for row in rows:
        t = row.target
        append_row(ws, [t.document.number, t.indicator, t.org_unit.display_name, t.period_label,
                        str(t.get_comparator_display()), _number(row.goal_value), _number(row.goal_value_max),
                        t.unit_of_measure, _number(row.actual), status_label(row.status),
                        row.coverage_reported, row.coverage_expected])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_values(values) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Reported values")[:31]
    _header(ws, [_("Document"), _("Indicator"), _("Reporting unit"), _("Period"), _("Value"), _("Unit of measure"),
                 _("State"), _("Submitted on"), _("Decided on"), _("Note"), _("Comment")],
            [16, 60, 30, 12, 14, 14, 14, 14, 14, 40, 40])
    from django.utils import timezone

    def day(dt):
        return timezone.localtime(dt).date() if dt else None

    for v in values:
        append_row(ws, [v.target.document.number, v.target.indicator, v.org_unit.display_name, v.period_label,
                        _number(v.value), v.target.unit_of_measure, str(v.get_state_display()), day(v.submitted_at),
                        day(v.decided_at), v.note, v.decision_comment])
    for row in ws.iter_rows(min_row=2, min_col=8, max_col=9):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
