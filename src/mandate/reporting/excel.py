"""The grid as an Excel workbook, and back.

Download: one sheet, one row per unit and target, the keys (unit code, target number,
period) and every descriptive column locked by sheet protection; only "Value" and
"Comment" are open for input. Every row goes through ``core.exports.append_row`` so no
user text is ever read as a formula.

Upload: checked with ``core.uploads.validate_upload``; every row is validated and saved in
one transaction: if any row fails, nothing is kept and each failing row is listed with its
reason in the user's language.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils.exceptions import InvalidFileException

from mandate.core.exports import append_row
from mandate.core.templatetags.mandate import num
from mandate.orgs.models import OrgUnit
from mandate.targets.models import ValueState
from mandate.targets.periods import InvalidPeriod, parse_period

from . import services
from .queries import grid_rows

INPUT_FILL = PatternFill("solid", fgColor="FFF7D6")
VALUE_COL, NOTE_COL = 10, 11  # J and K
HEADER_ROW = 3


def headers() -> list[str]:
    return [_("Unit code"), _("Target no."), _("Period"), _("Unit"), _("Document"), _("Indicator"),
            _("Unit of measure"), _("Goal"), _("Last period"), _("Value"), _("Comment"), _("State")]


def build_workbook(units: list[OrgUnit], p) -> bytes:
    rows_by_unit = grid_rows(units, p)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Data entry")[:31]
    append_row(ws, [_("Data entry for %(period)s") % {"period": p.label}])
    append_row(ws, [_("Fill in the yellow columns only (Value, Comment); numbers like 1.234,5 or 1234.5.")])
    append_row(ws, headers())
    for cell in ws[HEADER_ROW]:
        cell.font = Font(bold=True)
    for unit in units:
        for row in rows_by_unit.get(unit.pk, []):
            t, a = row.target, row.assignment
            goal = "" if a.goal is None else num(a.goal) + ("" if a.goal_max is None else "–" + num(a.goal_max))
            last = "" if row.last_value is None else f"{num(row.last_value)} ({row.last_label})"
            rv = row.value
            append_row(ws, [unit.code, t.pk, p.label, unit.display_name, t.document.number, t.indicator,
                            t.unit_of_measure, goal, last, float(rv.value) if rv else None, rv.note if rv else "",
                            rv.get_state_display() if rv else ""])
            r = ws.max_row
            if row.editable:
                for col in (VALUE_COL, NOTE_COL):
                    ws.cell(row=r, column=col).protection = Protection(locked=False)
                    ws.cell(row=r, column=col).fill = INPUT_FILL
    for col, width in zip("ABCDEFGHIJKL", (16, 10, 10, 24, 14, 50, 12, 14, 18, 14, 30, 12), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=4)
    ws.protection.sheet = True  # keys and descriptions locked; the input cells are unlocked above
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class ImportResult:
    saved: int = 0
    errors: list = field(default_factory=list)  # (row number, message)
    mode: str = "draft"

    @property
    def ok(self) -> bool:
        return not self.errors


def _cell(row, col):
    return row[col - 1] if len(row) >= col else None


def import_workbook(*, actor, data: bytes, submit: bool) -> ImportResult:
    """Read the rows and save them all, or none. Blank values are skipped."""
    result = ImportResult(mode="submit" if submit else "draft")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ValidationError(_("The file is not a readable Excel workbook.")) from exc
    ws = wb.worksheets[0]
    rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True),
                                                start=HEADER_ROW + 1)]
    wb.close()
    rows = [(i, r) for i, r in rows if any(v not in (None, "") for v in r)]
    codes = {str(_cell(r, 1) or "").strip() for _i, r in rows}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    # Read the rows' units and periods once, then save each row inside one transaction.
    periods, plan = {}, []
    for i, r in rows:
        code, target_no, label = str(_cell(r, 1) or "").strip(), _cell(r, 2), str(_cell(r, 3) or "").strip()
        raw, note = _cell(r, VALUE_COL), _cell(r, NOTE_COL)
        if raw in (None, ""):
            continue
        unit = units.get(code)
        if unit is None:
            result.errors.append((i, _("Unknown unit code %(code)s.") % {"code": code}))
            continue
        try:
            p = periods.get(label) or parse_period(label)
            periods[label] = p
        except InvalidPeriod:
            result.errors.append((i, _("Unknown period %(period)s.") % {"period": label}))
            continue
        try:
            target_id = int(target_no)
        except (TypeError, ValueError):
            result.errors.append((i, _("The target number is missing or changed.")))
            continue
        plan.append((i, unit, p, target_id, raw, "" if note is None else str(note)))
    grids = {}
    for _i, unit, p, _t, _r, _n in plan:
        grids.setdefault(p.label, (p, {}))[1][unit.pk] = unit
    assigned = {}
    for label, (p, by_pk) in grids.items():
        for unit_id, grows in grid_rows(list(by_pk.values()), p).items():
            for g in grows:
                assigned[(label, unit_id, g.target.pk)] = g
    with transaction.atomic():
        for i, unit, p, target_id, raw, note in plan:
            g = assigned.get((p.label, unit.pk, target_id))
            if g is None:
                result.errors.append((i, _("Target %(no)s is not assigned to %(unit)s for %(period)s.")
                                      % {"no": target_id, "unit": unit.display_name, "period": p.label}))
                continue
            if g.value is not None and g.value.state in (ValueState.SUBMITTED, ValueState.APPROVED):
                if g.value.value == services.parse_number_or_none(raw):
                    continue  # unchanged
                result.errors.append((i, _("This value is %(state)s and can no longer be changed.")
                                      % {"state": g.value.get_state_display()}))
                continue
            try:
                with transaction.atomic():
                    services.save_entry(actor=actor, unit=unit, p=p, target=g.target, raw_value=raw, note=note,
                                        expected_version=g.value.version if g.value else None, submit=submit,
                                        last=(g.last_label, g.last_value), assigned=True, existing=g.value)
                result.saved += 1
            except ValidationError as exc:
                result.errors.append((i, " ".join(exc.messages)))
            except PermissionDenied as exc:
                result.errors.append((i, str(exc)))
        if result.errors:
            result.saved = 0
            transaction.set_rollback(True)
    result.errors.sort()
    return result
