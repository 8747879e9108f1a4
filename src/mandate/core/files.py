"""Stored files: unguessable names, and served only through views that check access.

No uploaded file is reachable under MEDIA_URL. A view first fetches the record that owns
the file through that record's visibility queryset (404 outside the user's subtree), then
calls `serve_file`.
"""

from __future__ import annotations

import mimetypes
import uuid

from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible

from .uploads import extension_of

# Only these may be shown in the browser; everything else is downloaded.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


@deconstructible
class UnguessablePath:
    """`upload_to` that stores a file as <prefix>/<random hex>.<ext>; the name people gave
    the file is kept in a field of the record, never in the path."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        ext = extension_of(filename)
        suffix = f".{ext}" if ext and ext.isalnum() and len(ext) <= 5 else ""
        return f"{self.prefix}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, UnguessablePath) and other.prefix == self.prefix


def serve_file(field_file, download_name: str, *, inline: bool = False) -> FileResponse:
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(download_name or field_file.name)[0] or "application/octet-stream"
    as_attachment = not (inline and content_type in INLINE_TYPES)
    response = FileResponse(handle, as_attachment=as_attachment, filename=download_name or None,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
