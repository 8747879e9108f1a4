"""Shared helpers of the meeting tests (importable by name under importlib mode)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile


def docx_bytes(paragraphs) -> bytes:
    from docx import Document

    document = Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_file(paragraphs, name="du-thao.docx"):
    return SimpleUploadedFile(name, docx_bytes(paragraphs),
                              content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
