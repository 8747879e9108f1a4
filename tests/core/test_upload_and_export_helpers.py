import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.core.exports import append_row, csv_safe
from mandate.core.files import UnguessablePath
from mandate.core.uploads import validate_upload


def _docx_bytes(extra: dict | None = None) -> bytes:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Kế hoạch thử nghiệm")
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_excel_rows_keep_formula_like_text_as_text():
    wb = openpyxl.Workbook()
    append_row(wb.active, ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", 5])
    buffer = io.BytesIO()
    wb.save(buffer)
    reread = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert [c.data_type for c in reread[1]] == ["s", "s", "s", "s", "n"]
    assert reread["A1"].value == '=HYPERLINK("http://x","y")'


def test_csv_fields_that_would_be_formulas_are_prefixed():
    assert csv_safe("=1+1") == "'=1+1"
    assert csv_safe("Kết quả") == "Kết quả"
    assert csv_safe(3) == 3


def test_valid_docx_and_pdf_pass():
    assert validate_upload(SimpleUploadedFile("a.docx", _docx_bytes()), kinds=("docx",)).kind == "docx"
    assert validate_upload(SimpleUploadedFile("a.pdf", _pdf_bytes()), kinds=("pdf",)).kind == "pdf"


def test_pdf_prefix_followed_by_html_is_refused():
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.7\n<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError):
        validate_upload(upload, kinds=("pdf",))


def test_oversized_upload_is_refused_from_its_declared_size():
    class Huge:
        name = "big.pdf"
        size = 50 * 1024 * 1024

        def read(self, *args):  # pragma: no cover - must not be called
            raise AssertionError("read before the size check")

    with pytest.raises(ValidationError) as info:
        validate_upload(Huge(), kinds=("pdf",))
    assert info.value.code == "too_large"


def test_zip_bomb_docx_is_refused_without_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (120 * 1024 * 1024))
    upload = SimpleUploadedFile("bomb.docx", buffer.getvalue())
    with pytest.raises(ValidationError) as info:
        validate_upload(upload, kinds=("docx",))
    assert info.value.code == "zip_bomb"


def test_wrong_extension_is_refused():
    with pytest.raises(ValidationError) as info:
        validate_upload(SimpleUploadedFile("x.exe", b"MZ"), kinds=("pdf", "docx"))
    assert info.value.code == "kind"


def test_stored_names_cannot_be_guessed():
    path = UnguessablePath("evidence")(None, "Biên bản họp.pdf")
    assert path.startswith("evidence/") and path.endswith(".pdf")
    assert "Biên" not in path and len(path) > 40
