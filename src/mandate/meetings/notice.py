"""The conclusion notice (thông báo kết luận) as a Word file in the standard administrative
layout: issuing body and number on the left, the Party's motto with place and date on the
right, the title, one paragraph per item, then the recipients and the signature block.

The notice is an official Vietnamese document: its fixed phrases are written in Vietnamese
whatever the language of the user's interface.
"""

from __future__ import annotations

import datetime
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from .models import Outcome

OUTCOME_VI = {
    Outcome.APPROVED: "Thống nhất thông qua.",
    Outcome.RESUBMIT: "Thống nhất về chủ trương; cơ quan soạn thảo tiếp thu, hoàn chỉnh và trình lại.",
    Outcome.CHANGE_ISSUER: "Thống nhất chuyển thẩm quyền ban hành.",
    Outcome.NOT_APPROVED: "Không thông qua.",
    Outcome.NOTED: "Ghi nhận.",
}


def _paragraph(document, text, *, bold=False, italic=False, size=13, align=None, space_after=4):
    p = document.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def _cell(cell, lines):
    cell.text = ""
    first = True
    for text, bold, italic in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(13)


def place_and_date(place: str, day: datetime.date) -> str:
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def build_notice(*, number: str, parent_name: str, body_name: str, place: str, day: datetime.date,
                 meeting_day: datetime.date, items_considered: int, meeting_title: str, items,
                 signer_position: str, recipients: list[str], corrected_on: datetime.date | None = None) -> bytes:
    """``items``: (title, outcome, text, extra) per item reported, in agenda order; ``day`` is
    the notice's date, ``meeting_day`` the meeting's; ``corrected_on``, for a notice re-issued
    under the same number after a conclusion changed, is printed under the title."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    header = document.add_table(rows=1, cols=2)
    _cell(header.cell(0, 0), [(parent_name.upper(), False, False), (body_name.upper(), True, False),
                              ("*", False, False), (f"Số {number}", False, False)])
    _cell(header.cell(0, 1), [("ĐẢNG CỘNG SẢN VIỆT NAM", True, False), ("", False, False),
                              (place_and_date(place, day), False, True)])
    _paragraph(document, "")
    _paragraph(document, "THÔNG BÁO", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _paragraph(document, f"Kết luận của {body_name} tại {meeting_title}", bold=True,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    if corrected_on is not None:
        _paragraph(document, f"(Đính chính ngày {corrected_on.day:02d}/{corrected_on.month:02d}/{corrected_on.year})",
                   italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, f"Ngày {meeting_day.day:02d}/{meeting_day.month:02d}/{meeting_day.year}, {body_name} đã "
                         f"họp xem xét, cho ý kiến về {items_considered} nội dung. {body_name} kết luận như sau:")
    for i, (title, outcome, text, extra) in enumerate(items, start=1):
        _paragraph(document, f"{i}. {title}", bold=True)
        _paragraph(document, OUTCOME_VI.get(outcome, ""), italic=True)
        for line in (text or "").splitlines():
            if line.strip():
                _paragraph(document, line.strip())
        for line in extra:
            _paragraph(document, line)
    _paragraph(document, "")
    footer = document.add_table(rows=1, cols=2)
    _cell(footer.cell(0, 0), [("Nơi nhận:", True, True)] + [(f"- {r},", False, False) for r in recipients]
          + [("- Lưu Văn phòng.", False, False)])
    for p in footer.cell(0, 0).paragraphs:
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _cell(footer.cell(0, 1), [(f"T/M {body_name.upper()}", True, False), (signer_position.upper(), True, False)])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
