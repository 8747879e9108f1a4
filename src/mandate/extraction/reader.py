"""Read the text out of a file: plain text, .docx, .pdf or .html.

Every failure is an :class:`ExtractionError` with one sentence a person can act on;
nothing here lets a library traceback through.
"""

from __future__ import annotations

import io
import logging
import os
import re
import warnings
import zipfile
from pathlib import Path

from .errors import ExtractionError

MAX_BYTES = 10 * 1024 * 1024
# Decoding with charset-normalizer is refused above this much "chaos" (mess ratio).
_MAX_CHAOS = 0.2
_HTML_EXT = {".html", ".htm", ".xhtml"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_text_file(path: str | os.PathLike[str]) -> str:
    """The text of the file at ``path`` (any supported format, chosen by its extension)."""
    p = Path(path)
    name = p.name or str(path)
    try:
        if not p.exists():
            raise ExtractionError(f"There is no file at {path}.")
        if p.is_dir():
            raise ExtractionError(f"{path} is a folder, not a file.")
        size = p.stat().st_size
        _check_size(size, name)
        data = p.read_bytes()
    except PermissionError:
        raise ExtractionError(f"{path} cannot be read: permission denied.") from None
    except OSError as exc:
        raise ExtractionError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    return read_document_bytes(data, name)


def read_document_bytes(data: bytes, filename: str) -> str:
    """The text of an uploaded document given as bytes; ``filename`` picks the format."""
    name = filename or "the file"
    _check_size(len(data), name)
    if not data.strip():
        raise ExtractionError(f"{name} is empty.")
    ext = Path(filename or "").suffix.lower()
    if ext == ".docx" or (ext not in _HTML_EXT and ext != ".pdf" and data[:4] == b"PK\x03\x04" and _is_docx(data)):
        text = _read_docx(data, name)
    elif ext == ".pdf" or data[:5] == b"%PDF-":
        text = _read_pdf(data, name)
    elif ext == ".doc":
        raise ExtractionError(f"{name} is an old Word .doc file; save it as .docx and try again.")
    elif ext in {".xlsx", ".xls", ".pptx", ".odt", ".zip", ".png", ".jpg", ".jpeg", ".gif"}:
        raise ExtractionError(f"{name} is a {ext} file; give a .txt, .docx, .pdf or .html file.")
    else:
        text = decode_bytes(data, name)
        if ext in _HTML_EXT or (ext in {"", ".txt"} and _looks_like_html(text)):
            text = _html_to_text(text)
    if not text.strip():
        raise ExtractionError(f"{name} contains no text.")
    return text


def decode_bytes(data: bytes, name: str = "the file") -> str:
    """Decode text bytes: UTF-8 first, then charset-normalizer; refuse binary or unsure input."""
    if data.startswith((b"\xef\xbb\xbf",)):
        data = data[3:]
    has_utf16_bom = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not has_utf16_bom:
        if b"\x00" in data[:65536]:
            raise ExtractionError(f"{name} looks like a binary file, not text.")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            return _refuse_control(text, name)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise ExtractionError(
            f"The text encoding of {name} could not be recognised with confidence; save it as UTF-8 and try again."
        )
    return _refuse_control(str(best), name)


def _refuse_control(text: str, name: str) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise ExtractionError(f"{name} looks like a binary file, not text.")
    return text


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise ExtractionError(
            f"{name} is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB."
        )
    if size == 0:
        raise ExtractionError(f"{name} is empty.")


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _read_docx(data: bytes, name: str) -> str:
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    if cell.text not in cells:  # merged cells repeat their text
                        cells.append(cell.text)
                lines.append(" | ".join(cells))
    except Exception:  # python-docx raises many kinds (zip, XML, key errors) on broken files
        raise ExtractionError(f"{name} is not a readable Word document (.docx); it may be damaged.") from None
    return "\n".join(lines)


def _read_pdf(data: bytes, name: str) -> str:
    # pypdf reports damage through logging and warnings as well as exceptions; the user
    # gets our one sentence instead.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _pdf_text(data, name)
    finally:
        logger.setLevel(level)


def _pdf_text(data: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ExtractionError(f"{name} is a password-protected PDF.") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractionError:
        raise
    except Exception:  # pypdf raises PdfReadError, ValueError, KeyError... on broken files
        raise ExtractionError(f"{name} is not a readable PDF; it may be damaged.") from None
    text = "\n".join(pages)
    if not text.strip():
        raise ExtractionError(f"{name} has no text layer (a scanned PDF?); run OCR on it first.")
    return text


_HTML_BLOCKS = ["p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                "article", "header", "footer", "blockquote", "pre", "table", "ul", "ol", "dt", "dd", "title"]
_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype html|<html[\s>])", re.I)


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.match(text[:1024]))


def _html_to_text(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    # Block elements end a line so that headings and list items stay separate sentences;
    # inline elements (<b>, <a>...) do not break the sentence they are in.
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.append("\n")
    return soup.get_text()
