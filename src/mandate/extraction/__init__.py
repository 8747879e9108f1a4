"""Text extraction for Mandate: documents, targets, figures and deadlines from free text.

Pure Python, no Django. The contract is EXTRACTION.md; the CLI is ``mandate extract``.

    >>> from mandate.extraction import extract_text
    >>> extract_text("Phấn đấu đến năm 2030, 100% hồ sơ công việc được xử lý trên môi trường mạng.")["targets"][0]["value"]
    100
"""

from __future__ import annotations

import os

from .errors import ExtractionError
from .pipeline import extract_text
from .reader import MAX_BYTES, read_document_bytes, read_text_file

__all__ = [
    "MAX_BYTES",
    "ExtractionError",
    "extract_bytes",
    "extract_file",
    "extract_text",
    "read_document_bytes",
    "read_text_file",
]


def extract_file(path: str | os.PathLike[str]) -> dict:
    """Read a .txt, .docx, .pdf or .html file and extract from its text."""
    return extract_text(read_text_file(path))


def extract_bytes(data: bytes, filename: str) -> dict:
    """Extract from an uploaded file's bytes (the import screen's entry point)."""
    return extract_text(read_document_bytes(data, filename))
