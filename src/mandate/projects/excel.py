"""The project list as an .xlsx workbook: one row per project and a totals row."""

from __future__ import annotations

import datetime
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from mandate.core.exports import append_row

MONEY_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def risk_reasons(project) -> list[str]:
    reasons = []
    if project.has_overdue_milestone:
        reasons.append(_("overdue milestone"))
    if project.completion_overdue:
        reasons.append(_("planned completion passed"))
    if project.disbursement_behind:
        reasons.append(_("disbursement behind schedule"))
    return reasons if project.at_risk else []


def build_workbook(projects, totals: dict, as_of: datetime.date) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Projects")[:31]
    append_row(ws, [_("Investment projects as of %(day)s") % {"day": as_of.strftime("%d/%m/%Y")}])
    ws["A1"].font = Font(bold=True, size=13)
    headers = [_("No."), _("Project"), _("Investor"), _("Plan year"), _("Planned capital (VND)"),
               _("Disbursed (VND)"), _("Disbursement rate (%)"), _("Site clearance (%)"), _("Planned completion"),
               _("Completed on"), _("At risk"), _("Demo data")]
    append_row(ws, headers)
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E3E8EE")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, p in enumerate(projects, start=1):
        append_row(ws, [
            i, p.name, p.investor.display_name, p.plan_year, int(p.planned_capital), int(p.disbursed),
            round(p.disbursement_rate, 1),
            float(p.site_clearance_percent) if p.site_clearance_percent is not None else None,
            p.planned_completion, p.completed_on, "; ".join(risk_reasons(p)), _("demo") if p.is_demo else "",
        ])
    append_row(ws, ["", _("Total: %(count)s projects") % {"count": totals["count"]}, "", "",
               int(totals["planned"]), int(totals["disbursed"]), round(totals["rate"], 1), None, None, None,
               _("%(count)s at risk") % {"count": totals["at_risk"]}, ""])
    total_row = ws.max_row
    for cell in ws[total_row]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=header_row + 1, max_row=total_row):
        row[4].number_format = row[5].number_format = MONEY_FORMAT
        row[6].number_format = row[7].number_format = PERCENT_FORMAT
        row[8].number_format = row[9].number_format = "DD/MM/YYYY"
    for index, width in enumerate([6, 60, 40, 10, 20, 20, 14, 14, 14, 14, 30, 10], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    return wb


def project_workbook_response(projects, totals: dict, as_of: datetime.date) -> HttpResponse:
    buffer = io.BytesIO()
    build_workbook(projects, totals, as_of).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="projects-{as_of.isoformat()}.xlsx"'
    return response
