"""Writing the review report as Word (.docx, python-docx) and PDF (fpdf2).

Word: the administrative layout of a Party or State report — the issuing body top left,
the national or Party heading top right with the place and date, the title centred,
numbered sections, the signature block and "Nơi nhận" at the end; Times New Roman 13 pt,
A4 with 2 cm / 3 cm / 2 cm / 1.5 cm margins. Everything stays editable; the chart is a
PNG drawn with Pillow.

PDF: fpdf2 with a Unicode TrueType font so Vietnamese diacritics print; the chart is drawn
with fpdf2's own rectangles. The font is ``MANDATE_PDF_FONT`` (setting or environment)
or the first of DejaVu Sans / Noto Sans / Liberation Sans found; without one,
``PdfUnavailable`` says which Debian package to install.
"""

from __future__ import annotations

import io
import os
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.core.templatetags.mandate import STATUS_LABELS, num

from .charts import STATUS_FILL, STATUS_ORDER
from .review import ReviewData
from .terms import Measure

FONT_PACKAGE = "fonts-dejavu-core"
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
]
PARTY_KINDS = {"party_committee", "executive_committee", "standing_committee", "party_organization", "party_cell"}


class PdfUnavailable(RuntimeError):
    pass


def pdf_font_path() -> str | None:
    configured = getattr(settings, "MANDATE_PDF_FONT", "") or os.environ.get("MANDATE_PDF_FONT", "")
    for path in ([configured] if configured else []) + FONT_CANDIDATES:
        if path and Path(path).is_file():
            return path
    return None


def pdf_help() -> str:
    return _("PDF needs a Unicode font. Install the Debian package %(package)s (apt-get install %(package)s) "
             "or set MANDATE_PDF_FONT to the path of a .ttf font with Vietnamese letters.") % {
        "package": FONT_PACKAGE}


def _bold_variant(path: str) -> str | None:
    for a, b in (("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"), ("-Regular.ttf", "-Bold.ttf")):
        if path.endswith(a):
            candidate = path[: -len(a)] + b
            if Path(candidate).is_file():
                return candidate
    return None


# --- Shared wording -------------------------------------------------------------------------

def rounded(value, places: int = 2):
    """Rounded half up (6,945 → 6,95), as officials round."""
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def goal_text(rt) -> str:
    r = rt.row
    text = f"{r.target.get_comparator_display()} {num(r.goal_value)}"
    if r.goal_value_max is not None:
        text += f"–{num(r.goal_value_max)}"
    return f"{text} {r.target.unit_of_measure}"


def result_text(rt) -> str:
    r = rt.row
    return "—" if r.actual is None else f"{num(rounded(r.actual, 2))} {r.target.unit_of_measure}"


def comparison_text(c) -> str:
    change = c.change
    if c.kind == "previous_term_average":
        head = _("%(current_label)s average %(current)s vs %(base_label)s average %(base)s") % {
            "current_label": c.current_label, "current": num(rounded(c.current, 2)), "base_label": c.base_label,
            "base": num(rounded(c.base, 2))}
    elif c.kind == "last_year":
        head = _("%(current)s vs %(base)s in %(base_label)s (same period last year)") % {
            "current": num(rounded(c.current, 2)), "base": num(rounded(c.base, 2)), "base_label": c.base_label}
    else:
        head = _("%(current)s vs %(base)s in %(base_label)s (same period of the previous term)") % {
            "current": num(rounded(c.current, 2)), "base": num(rounded(c.base, 2)), "base_label": c.base_label}
    if change is None:
        return head
    sign = "+" if change >= 0 else "−"
    if c.measure == Measure.POINTS:
        tail = _("%(sign)s%(value)s points") % {"sign": sign, "value": num(rounded(abs(change), 2))}
    else:
        tail = _("%(sign)s%(value)s%%") % {"sign": sign, "value": num(rounded(abs(change), 1))}
    return f"{head}: {tail}"


def comparisons_text(rt) -> str:
    return "; ".join(comparison_text(c) for c in rt.comparisons) or "—"


def _title(data: ReviewData) -> str:
    if data.is_term:
        return _("Review of the results of term %(period)s") % {"period": data.period.label}
    return _("Review of the results of %(period)s") % {"period": data.period.label}


def _heading_right(data: ReviewData) -> tuple[str, str]:
    if data.unit.kind in PARTY_KINDS:
        return _("COMMUNIST PARTY OF VIETNAM"), ""
    return _("SOCIALIST REPUBLIC OF VIETNAM"), _("Independence - Freedom - Happiness")


def _place_date(data: ReviewData) -> str:
    d = data.produced_at
    return _("%(place)s, %(day)s %(month)s %(year)s") % {
        "place": getattr(settings, "MANDATE_REPORT_PLACE", "Lạng Sơn"), "day": f"{d.day:02d}",
        "month": f"{d.month:02d}", "year": d.year}


def _data_note(data: ReviewData) -> str:
    return _("Figures as of %(as_of)s; produced on %(produced)s by Mandate.") % {
        "as_of": data.as_of.strftime("%d/%m/%Y"), "produced": date_format(data.produced_at, "d/m/Y H:i")}


def _task_line(data: ReviewData) -> str:
    t = data.tasks
    total = sum(t.values())
    return _("%(total)s tasks due in the period: %(on_time)s done on time, %(late)s done late, %(overdue)s overdue, "
             "%(open)s still open.") % {
        "total": total, "on_time": t.get("done_on_time", 0), "late": t.get("done_late", 0),
        "overdue": t.get("overdue", 0), "open": t.get("in_progress", 0) + t.get("not_started", 0)}


def _project_line(data: ReviewData) -> str:
    p = data.projects
    return _("%(count)s investment projects, planned capital %(planned)s VND, disbursed %(disbursed)s VND "
             "(%(rate)s%%); %(completed)s completed, %(at_risk)s at risk.") % {
        "count": p["count"], "planned": num(p["planned"]), "disbursed": num(p["disbursed"]),
        "rate": num(rounded(p["rate"], 1)), "completed": p["completed"], "at_risk": p["at_risk"]}


def _summary_line(data: ReviewData) -> str:
    return _("%(met)s of %(total)s targets met, %(missed)s missed, %(no_data)s with no data") % data.summary


def _status_counts(data: ReviewData) -> list[tuple[str, int]]:
    keys = {"achieved": "met", "on_track": "on_track", "at_risk": "at_risk", "missed": "missed", "no_data": "no_data"}
    return [(s, data.summary[keys[s]]) for s in STATUS_ORDER]


def status_text(status: str) -> str:
    label = STATUS_LABELS.get(status)
    return label() if label else status


def target_columns() -> list[str]:
    return ["#", _("Target"), _("Goal"), _("Result"), _("Status"), _("Comparison")]


# --- PNG chart (for Word) ----------------------------------------------------------------------

def status_chart_png(data: ReviewData, width: int = 900, height: int = 360) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font_path = pdf_font_path()
    font = ImageFont.truetype(font_path, 20) if font_path else ImageFont.load_default()
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    counts = _status_counts(data)
    peak = max((n for _s, n in counts), default=0) or 1
    left, bottom, top = 40, 70, 30
    slot = (width - left - 20) / len(counts)
    for i, (status, n) in enumerate(counts):
        h = (height - top - bottom) * n / peak
        x0 = left + i * slot + slot * 0.2
        x1 = x0 + slot * 0.6
        y1 = height - bottom
        draw.rectangle([x0, y1 - h, x1, y1], fill=STATUS_FILL[status])
        draw.text((x0 + (x1 - x0) / 2, y1 - h - 4), str(n), fill="black", font=font, anchor="mb")
        draw.text((x0 + (x1 - x0) / 2, y1 + 8), STATUS_LABELS[status](), fill="black", font=font, anchor="mt")
    draw.line([left, height - bottom, width - 10, height - bottom], fill="#555", width=2)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# --- Word ---------------------------------------------------------------------------------------

def render_docx(data: ReviewData) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)

    def para(cell_or_doc, text, *, bold=False, italic=False, align=None, size=None, underline=False):
        p = cell_or_doc.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        return p

    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.rows[0].cells
    left.paragraphs[0].add_run(data.unit.parent.display_name.upper() if data.unit.parent else "").font.size = Pt(13)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    para(left, data.unit.display_name.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(left, "*", align=WD_ALIGN_PARAGRAPH.CENTER)
    para(left, _("No.: ...-BC"), align=WD_ALIGN_PARAGRAPH.CENTER)
    national, motto = _heading_right(data)
    run = right.paragraphs[0].add_run(national)
    run.bold, run.underline = True, not motto
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if motto:
        para(right, motto, bold=True, underline=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(right, _place_date(data), italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)

    para(doc, _("REPORT"), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=15)
    para(doc, _title(data), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "-----", align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, _data_note(data), italic=True)

    para(doc, _("I. RESULTS AGAINST THE TARGETS"), bold=True)
    para(doc, _summary_line(data))
    n = 0
    for document, rows in data.groups:
        para(doc, f"{document.number} — {document.title}", bold=True, italic=True)
        table = doc.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, target_columns(), strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for rt in rows:
            n += 1
            cells = table.add_row().cells
            for cell, text in zip(cells, [str(n), rt.target.indicator, goal_text(rt), result_text(rt),
                                          status_text(rt.row.status),
                                          comparisons_text(rt)], strict=True):
                cell.text = text
                for p in cell.paragraphs:
                    for r in p.runs:
                        r.font.size = Pt(11)
    doc.add_picture(io.BytesIO(status_chart_png(data)), width=Cm(15))
    para(doc, _("Figure 1. Targets by status"), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=11)

    para(doc, _("II. TASKS"), bold=True)
    para(doc, _task_line(data))
    para(doc, _("III. EMULATION MOVEMENTS AND COMMENDATIONS"), bold=True)
    if not data.movements and not data.commendations:
        para(doc, _("No movement or commendation in the period."))
    for m in data.movements:
        para(doc, "- " + _("%(title)s: %(registrations)s registered tasks, %(commendations)s commendations") % {
            "title": m.title, "registrations": m.n_registrations, "commendations": m.n_commendations})
    for c in data.commendations:
        para(doc, f"+ {c.recipient}: {c.get_kind_display()} ({c.get_level_display()}, {c.awarded_on:%d/%m/%Y})")
    para(doc, _("IV. INVESTMENT PROJECTS AND DISBURSEMENT"), bold=True)
    para(doc, _project_line(data))
    for pr in data.project_rows:
        para(doc, "- " + _("%(name)s: planned %(planned)s VND, disbursed %(disbursed)s VND (%(rate)s%%)") % {
            "name": pr.name, "planned": num(pr.planned_capital), "disbursed": num(pr.disbursed),
            "rate": num(rounded(pr.disbursement_rate, 1))})

    sign = doc.add_table(rows=1, cols=2)
    left, right = sign.rows[0].cells
    left.paragraphs[0].add_run(_("Recipients:")).bold = True
    para(left, "- " + _("As above;"), size=11)
    para(left, "- " + _("Filed."), size=11)
    right.paragraphs[0].add_run(_("ON BEHALF OF THE STANDING COMMITTEE")).bold = True
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    para(right, _("SECRETARY"), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF ----------------------------------------------------------------------------------------

def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def render_pdf(data: ReviewData) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    font_path = pdf_font_path()
    if font_path is None:
        raise PdfUnavailable(pdf_help())
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 18, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("Body", "", font_path)
    pdf.add_font("Body", "B", _bold_variant(font_path) or font_path)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    nl = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}

    def text(line, *, size=11, bold=False, align="L", height=6):
        pdf.set_font("Body", "B" if bold else "", size)
        pdf.multi_cell(width, height, line, align=align, **nl)

    y0 = pdf.get_y()
    pdf.set_font("Body", "", 10)
    pdf.multi_cell(width / 2, 5, (data.unit.parent.display_name.upper() + "\n") if data.unit.parent else "",
                   align="C")
    pdf.set_font("Body", "B", 10)
    pdf.multi_cell(width / 2, 5, data.unit.display_name.upper() + "\n*", align="C")
    y_left = pdf.get_y()
    national, motto = _heading_right(data)
    pdf.set_xy(pdf.l_margin + width / 2, y0)
    pdf.multi_cell(width / 2, 5, national + ("\n" + motto if motto else ""), align="C")
    pdf.set_x(pdf.l_margin + width / 2)
    pdf.set_font("Body", "", 10)
    pdf.multi_cell(width / 2, 5, _place_date(data), align="R")
    pdf.set_y(max(y_left, pdf.get_y()) + 4)
    text(_("REPORT"), size=14, bold=True, align="C")
    text(_title(data), size=12, bold=True, align="C")
    text(_data_note(data), size=9)
    pdf.ln(2)
    text(_("I. RESULTS AGAINST THE TARGETS"), bold=True)
    text(_summary_line(data))
    widths = (8, 52, 28, 26, 18, width - 132)
    n = 0
    for document, rows in data.groups:
        text(f"{document.number} — {document.title}", size=10, bold=True)
        pdf.set_font("Body", "", 8)
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.5, first_row_as_headings=True) as table:
            head = table.row()
            for column in target_columns():
                head.cell(column)
            for rt in rows:
                n += 1
                row = table.row()
                for value in (str(n), rt.target.indicator, goal_text(rt), result_text(rt),
                              status_text(rt.row.status), comparisons_text(rt)):
                    row.cell(value)
        pdf.ln(2)
    # Figure 1: bars drawn with fpdf2's rectangles.
    counts = _status_counts(data)
    peak = max((c for _s, c in counts), default=0) or 1
    chart_h = 40
    if pdf.get_y() + chart_h + 20 > pdf.h - pdf.b_margin:
        pdf.add_page()
    base_y = pdf.get_y() + chart_h + 4
    slot = width / len(counts)
    pdf.set_font("Body", "", 8)
    for i, (status, c) in enumerate(counts):
        h = chart_h * c / peak
        x = pdf.l_margin + i * slot + slot * 0.25
        pdf.set_fill_color(*_hex(STATUS_FILL[status]))
        if h:
            pdf.rect(x, base_y - h, slot * 0.5, h, style="F")
        pdf.set_xy(x - slot * 0.25, base_y - h - 5)
        pdf.cell(slot, 4, str(c), align="C")
        pdf.set_xy(x - slot * 0.25, base_y + 1)
        pdf.cell(slot, 4, STATUS_LABELS[status](), align="C")
    pdf.set_y(base_y + 7)
    text(_("Figure 1. Targets by status"), size=9, align="C")
    text(_("II. TASKS"), bold=True)
    text(_task_line(data))
    text(_("III. EMULATION MOVEMENTS AND COMMENDATIONS"), bold=True)
    if not data.movements and not data.commendations:
        text(_("No movement or commendation in the period."))
    for m in data.movements:
        text("- " + _("%(title)s: %(registrations)s registered tasks, %(commendations)s commendations") % {
            "title": m.title, "registrations": m.n_registrations, "commendations": m.n_commendations}, size=10)
    for c in data.commendations:
        text(f"+ {c.recipient}: {c.get_kind_display()} ({c.get_level_display()}, {c.awarded_on:%d/%m/%Y})", size=10)
    text(_("IV. INVESTMENT PROJECTS AND DISBURSEMENT"), bold=True)
    text(_project_line(data))
    for pr in data.project_rows:
        text("- " + _("%(name)s: planned %(planned)s VND, disbursed %(disbursed)s VND (%(rate)s%%)") % {
            "name": pr.name, "planned": num(pr.planned_capital), "disbursed": num(pr.disbursed),
            "rate": num(rounded(pr.disbursement_rate, 1))}, size=10)
    pdf.ln(6)
    pdf.set_x(pdf.l_margin + width / 2)
    pdf.set_font("Body", "B", 11)
    pdf.multi_cell(width / 2, 6, _("ON BEHALF OF THE STANDING COMMITTEE") + "\n" + _("SECRETARY"), align="C")
    return bytes(pdf.output())
