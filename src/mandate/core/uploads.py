"""Checking uploaded files before anything reads them in full.

One place for every upload (evidence, drafts, signed documents, imports, member lists):
the size is checked from the request's declared size before reading; Office files are
opened as ZIP archives and refused when they hold too many entries or would decompress
to too much (a "zip bomb"); the content is checked by parsing it as the kind it claims to
be, not by its first bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MB
# An Office document of an administration has a few dozen entries and seldom more than a
# few MB uncompressed; the limits leave a wide margin while stopping a bomb early.
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_UNCOMPRESSED = 100 * MB
MAX_ZIP_RATIO = 200

KIND_LABELS = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "jpg": "JPG",
    "jpeg": "JPG",
    "png": "PNG",
    "txt": "text (.txt)",
}
# The part an archive of each Office kind must contain.
OFFICE_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    data: bytes
    name: str


class RowErrors(ValidationError):
    """The problems of a file import, one message per row and problem ("Row 7: ..."): nothing
    was imported. A class of its own because Django keeps no ``code`` on a list of messages."""


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _human_size(size: int) -> str:
    return _("%(mb)s MB") % {"mb": f"{size / MB:.0f}" if size >= MB else f"{size / MB:.1f}".replace(".", ",")}


def check_size(upload, max_bytes: int) -> None:
    """Refuse from the declared size, before reading the content."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("The file %(name)s is too large (%(size)s); at most %(limit)s is accepted.")
            % {"name": getattr(upload, "name", ""), "size": _human_size(size), "limit": _human_size(max_bytes)},
            code="too_large",
        )


def check_zip_archive(data: bytes, kind: str, name: str = "") -> None:
    """An Office file: a well-formed ZIP with the kind's main part, within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(_("The file %(name)s is not a valid %(kind)s file.")
                              % {"name": name, "kind": KIND_LABELS.get(kind, kind)}, code="invalid") from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ValidationError(_("The file %(name)s holds too many parts (%(count)s) to be an ordinary document.")
                              % {"name": name, "count": len(infos)}, code="zip_entries")
    total = sum(info.file_size for info in infos)
    compressed = max(1, sum(info.compress_size for info in infos))
    if total > MAX_ZIP_UNCOMPRESSED or total / compressed > MAX_ZIP_RATIO:
        raise ValidationError(_("The file %(name)s would unpack to %(size)s, more than a document may hold.")
                              % {"name": name, "size": _human_size(total)}, code="zip_bomb")
    main_part = OFFICE_MAIN_PART.get(kind)
    if main_part and main_part not in {info.filename for info in infos}:
        raise ValidationError(_("The file %(name)s is not a valid %(kind)s file.")
                              % {"name": name, "kind": KIND_LABELS.get(kind, kind)}, code="invalid")


def _check_pdf(data: bytes, name: str) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    invalid = ValidationError(_("The file %(name)s is not a valid PDF file.") % {"name": name}, code="invalid")
    if not data.startswith(b"%PDF-"):
        raise invalid
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if len(reader.pages) < 1:
            raise invalid
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise invalid from exc


def _check_image(data: bytes, kind: str, name: str) -> None:
    from PIL import Image, UnidentifiedImageError

    expected = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}[kind]
    try:
        with Image.open(io.BytesIO(data)) as image:
            actual = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The file %(name)s is not a valid %(kind)s image.")
                              % {"name": name, "kind": KIND_LABELS[kind]}, code="invalid") from exc
    if actual != expected:
        raise ValidationError(_("The file %(name)s is not a valid %(kind)s image.")
                              % {"name": name, "kind": KIND_LABELS[kind]}, code="invalid")


def _check_text(data: bytes, name: str) -> None:
    if b"\x00" in data[:8192]:
        raise ValidationError(_("The file %(name)s is not a text file.") % {"name": name}, code="invalid")


def check_content(data: bytes, kind: str, name: str = "") -> None:
    """Parse the content as `kind`; raise ValidationError when it is not one."""
    if kind in OFFICE_MAIN_PART:
        check_zip_archive(data, kind, name)
    elif kind == "pdf":
        _check_pdf(data, name)
    elif kind in ("jpg", "jpeg", "png"):
        _check_image(data, kind, name)
    elif kind == "txt":
        _check_text(data, name)
    else:
        raise ValueError(f"no content check for {kind!r}")


def validate_upload(upload, *, kinds: tuple[str, ...], max_bytes: int = DEFAULT_MAX_BYTES) -> CheckedUpload:
    """Check an uploaded file (Django UploadedFile or any object with name, size, read())."""
    name = getattr(upload, "name", "") or ""
    kind = extension_of(name)
    if kind not in kinds:
        allowed = ", ".join(dict.fromkeys(KIND_LABELS.get(k, k) for k in kinds))
        raise ValidationError(_("The file %(name)s is not of an accepted kind (%(kinds)s).")
                              % {"name": name, "kinds": allowed}, code="kind")
    check_size(upload, max_bytes)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        check_size(type("Sized", (), {"size": len(data) + 1, "name": name})(), max_bytes)
    check_content(data, kind, name)
    if hasattr(upload, "seek"):
        upload.seek(0)
    return CheckedUpload(kind=kind, data=data, name=name)
