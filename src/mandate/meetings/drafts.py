"""Draft files: the text of a .docx (paragraphs and table cells), the changes between two
versions as text, and the meeting pack (one zip of each item's latest draft)."""

from __future__ import annotations

import difflib
import io
import re
import zipfile

from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MISSING_LIST = "missing.txt"


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word file, one per line (table cells included), blank ones dropped."""
    from docx import Document

    document = Document(io.BytesIO(data))
    lines = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(line for line in lines if line)


def diff_lines(old: str, new: str) -> list[tuple[str, str]]:
    """(kind, line) with kind "same", "removed" or "added", paragraph by paragraph."""
    rows = []
    a, b = old.splitlines(), new.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [("same", line) for line in a[i1:i2]]
        else:
            rows += [("removed", line) for line in a[i1:i2]]
            rows += [("added", line) for line in b[j1:j2]]
    return rows


def pack_name(order: int, title: str, version: int, original_name: str) -> str:
    ext = original_name.rsplit(".", 1)[-1].lower() if "." in original_name else "bin"
    stem = get_valid_filename(re.sub(r"\s+", " ", title)[:80]) or "draft"
    return f"{order:02d}_{stem}_v{version}.{ext}"


def build_pack(items) -> bytes:
    """A zip of the latest version of each item's draft (items carry ``latest_version``).
    A draft whose stored file is missing is left out and named in ``missing.txt`` (in the
    user's language), so the rest of the pack is still given."""
    buffer = io.BytesIO()
    missing = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            version = item.latest_version
            if version is None:
                continue
            name = pack_name(item.order, item.title, version.number, version.original_name)
            try:
                with version.file.open("rb") as handle:
                    data = handle.read()
            except (FileNotFoundError, OSError, ValueError):  # no file stored, or it is gone
                missing.append(name)
                continue
            archive.writestr(name, data)
        if missing:
            lines = [_("These drafts could not be found on the server and are not in the pack; "
                       "ask the clerk to upload them again:"), *(f"- {name}" for name in missing)]
            archive.writestr(MISSING_LIST, "\r\n".join(lines) + "\r\n")
    return buffer.getvalue()
