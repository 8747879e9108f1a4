"""Writes for imports from text: start one (read the text, run the extractor, keep both),
apply the rows a person accepted (all or nothing) or discard it.

Nothing but the ImportSession is written until ``apply_import``; that creates documents
through ``documents.services.create_document``, targets through
``targets.services.create_target`` and tasks (the assignments read from the text) through
``tasks.services.assign_task``, in one transaction, and links each back to the session.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.accounts.access import require_role_on
from mandate.accounts.models import Role
from mandate.core.uploads import check_content
from mandate.documents.api import require_document_writer, visible_documents
from mandate.documents.models import DirectiveDocument
from mandate.documents.services import create_document
from mandate.extraction import MAX_BYTES, ExtractionError, extract_text, read_document_bytes
from mandate.targets.services import create_target
from mandate.tasks.services import assign_task

from .models import ImportedRecord, ImportSession, ImportState

ALLOWED_EXTENSIONS = (".txt", ".docx", ".pdf", ".html", ".htm")


def _read_upload(data: bytes, filename: str) -> str:
    """The text of an uploaded file; a ValidationError (in the user's language) when it
    cannot be read. The extractor's own messages are English, so they are not shown."""
    ext = Path(filename).suffix.lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise ValidationError({"file": _("Choose a .txt, .docx, .pdf or .html file.")}, code="extension")
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB: paste the part that matters instead.")},
                              code="too_big")
    if not data.strip():
        raise ValidationError({"file": _("The file is empty.")}, code="empty")
    # Parse the container before the extractor reads it: a .docx is a ZIP within the entry
    # and unpacked-size limits, a .pdf a real PDF (not "%PDF" followed by anything).
    try:
        if ext in (".docx", ".pdf"):
            check_content(data, ext[1:], Path(filename).name)
        return read_document_bytes(data, filename)
    except ValidationError as exc:
        if exc.code in ("zip_bomb", "zip_entries"):
            raise ValidationError({"file": exc.messages}, code=exc.code) from exc
        raise ValidationError({"file": _unreadable(ext)}, code="unreadable") from exc
    except ExtractionError as exc:
        raise ValidationError({"file": _unreadable(ext)}, code="unreadable") from exc


def _unreadable(ext: str) -> str:
    if ext == ".docx":
        return _("The Word file cannot be read; it may be damaged. Open it in Word, save it again and retry.")
    if ext == ".pdf":
        return _("The PDF file cannot be read; it may be damaged or hold only scanned images.")
    return _("The file does not hold readable text: save it as UTF-8 text, .docx or .pdf and retry.")


@transaction.atomic
def start_import(*, actor, org_unit, text: str = "", upload_data: bytes | None = None, filename: str = "",
                 document: DirectiveDocument | None = None) -> ImportSession:
    """Read the text (pasted or from a file), run the extractor and keep both for review."""
    require_role_on(actor, org_unit, Role.APPROVER)
    if document is not None and not visible_documents(actor).filter(pk=document.pk).exists():
        raise PermissionDenied(_("This document is outside your part of the organization."))
    if upload_data is not None:
        text = _read_upload(upload_data, filename)
        field_name = "file"
    else:
        field_name = "text"
    if len((text or "").encode("utf-8")) > MAX_BYTES:
        raise ValidationError({field_name: _("The text is longer than 10 MB: import it in parts.")}, code="too_big")
    if not (text or "").strip():
        raise ValidationError({field_name: _("There is no text to read: paste the text or choose a file.")},
                              code="empty")
    try:
        extraction = extract_text(text)
    except ExtractionError as exc:
        raise ValidationError({field_name: _("The text cannot be read: paste plain text or choose a file.")},
                              code="unreadable") from exc
    return ImportSession.objects.create(
        created_by=actor, org_unit=org_unit, document=document, source_filename=filename[:255],
        source_text=text, extraction=extraction,
    )


def _locked_pending(session: ImportSession) -> ImportSession:
    session = ImportSession.objects.select_for_update().get(pk=session.pk)
    if session.state != ImportState.PENDING:
        raise ValidationError(
            _("This import was already %(state)s; nothing was changed.") % {"state": session.get_state_display()},
            code="decided",
        )
    return session


@transaction.atomic
def discard_import(session: ImportSession, *, actor) -> ImportSession:
    require_role_on(actor, session.org_unit, Role.APPROVER)
    session = _locked_pending(session)
    session.state, session.decided_by, session.decided_at = ImportState.DISCARDED, actor, timezone.now()
    session.save(update_fields=["state", "decided_by", "decided_at"])
    return session


def period_from_deadline(deadline: datetime.date | None) -> str:
    """A deadline on 31 December stands for its year; any other date is a due date."""
    if deadline is None:
        return ""
    if (deadline.month, deadline.day) == (12, 31):
        return str(deadline.year)
    return deadline.isoformat()


@dataclass
class DocumentRow:
    index: int
    number: str
    title: str
    kind: str = ""
    issued_on: datetime.date | None = None
    issuing_unit: object = None


@dataclass
class TargetRow:
    index: int
    document: str  # "doc:<pk>" (recorded) or "new:<index>" (a proposed document accepted in this import)
    indicator: str
    value: object
    unit_of_measure: str
    comparator: str
    value_max: object = None
    baseline: object = None
    period: str = ""
    deadline: datetime.date | None = None
    source_text: str = ""


@dataclass
class AssignmentRow:
    index: int
    title: str
    lead_unit: object
    deadline: datetime.date | None
    document: str = ""  # as for a target; empty: the sentence is the task's source
    coordinating_units: list = field(default_factory=list)
    source_text: str = ""


class ImportRowErrors(ValidationError):
    """Some accepted rows are wrong; nothing was created. ``documents``, ``targets`` and
    ``assignments`` map a row index to its ``{field: [messages]}``."""

    def __init__(self, documents: dict, targets: dict, general: list[str], assignments: dict | None = None):
        self.documents, self.targets, self.general = documents, targets, general
        self.assignments = assignments or {}
        super().__init__(general or [_("Some rows need correcting; nothing was created.")], code="rows")


@dataclass
class _Collector:
    documents: dict = field(default_factory=dict)
    targets: dict = field(default_factory=dict)
    assignments: dict = field(default_factory=dict)

    def add(self, bucket: dict, index: int, exc: Exception) -> None:
        errors = bucket.setdefault(index, {})
        if isinstance(exc, PermissionDenied):
            errors.setdefault(None, []).append(str(exc))
        elif hasattr(exc, "error_dict"):
            for name, messages in exc.message_dict.items():
                errors.setdefault(None if name == "__all__" else name, []).extend(messages)
        else:
            errors.setdefault(None, []).extend(exc.messages)


def apply_import(session: ImportSession, *, actor, documents: list[DocumentRow], targets: list[TargetRow],
                 allowed_document_ids: set[int], assignments: list[AssignmentRow] = ()) -> list:
    """Create the accepted documents, targets and tasks, all or nothing. ``allowed_document_ids``
    are the recorded documents the review offered (the rest are refused). A task is assigned
    by the import's unit to the lead unit chosen for it."""
    require_role_on(actor, session.org_unit, Role.APPROVER)
    if not documents and not targets and not assignments:
        raise ValidationError(_("Select at least one document, target or task to accept."), code="nothing")
    errors = _Collector()
    with transaction.atomic():
        session = _locked_pending(session)
        created = []
        new_documents: dict[int, DirectiveDocument] = {}
        for row in documents:
            try:
                with transaction.atomic():
                    require_document_writer(actor, row.issuing_unit)
                    if not row.title.strip():
                        raise ValidationError({"title": _("Enter the document's title.")})
                    document = create_document(number=row.number, title=row.title.strip(), kind=row.kind,
                                               issuing_unit=row.issuing_unit, issued_on=row.issued_on,
                                               source_text=session.source_text)
            except (ValidationError, PermissionDenied) as exc:
                errors.add(errors.documents, row.index, exc)
            else:
                new_documents[row.index] = document
                created.append(document)
        recorded = {d.pk: d for d in DirectiveDocument.objects.filter(pk__in=allowed_document_ids)}
        for order, row in enumerate(targets, start=1):
            try:
                with transaction.atomic():
                    document = _document_for(row, recorded, new_documents, documents)
                    period = row.period.strip() or period_from_deadline(row.deadline)
                    if not period:
                        raise ValidationError({"period": _(
                            "The text gives no deadline: enter the period, e.g. 2030 or 2026-2030.")})
                    target = create_target(
                        actor=actor, document=document, org_unit=session.org_unit, indicator=row.indicator,
                        unit_of_measure=row.unit_of_measure, value=row.value, value_max=row.value_max or None,
                        baseline=row.baseline or None, comparator=row.comparator, period=period,
                        source_text=row.source_text, sort_order=order,
                    )
            except (ValidationError, PermissionDenied) as exc:
                errors.add(errors.targets, row.index, exc)
            else:
                created.append(target)
        for row in assignments:
            try:
                with transaction.atomic():
                    document = _document_for(row, recorded, new_documents, documents) if row.document else None
                    sentence = row.source_text.strip()
                    task = assign_task(
                        actor=actor, title=row.title, lead_unit=row.lead_unit, deadline=row.deadline,
                        assigning_unit=session.org_unit, coordinating_units=row.coordinating_units,
                        description=sentence, source_document=document,
                        source_note="" if document else (sentence[:480] or _("Import from text")),
                    )
            except (ValidationError, PermissionDenied) as exc:
                errors.add(errors.assignments, row.index, exc)
            else:
                created.append(task)
        if errors.documents or errors.targets or errors.assignments:
            raise ImportRowErrors(errors.documents, errors.targets, [], errors.assignments)
        ImportedRecord.objects.bulk_create([
            ImportedRecord(session=session, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
            for obj in created
        ])
        session.state, session.decided_by, session.decided_at = ImportState.APPLIED, actor, timezone.now()
        session.save(update_fields=["state", "decided_by", "decided_at"])
    return created


def _document_for(row: TargetRow | AssignmentRow, recorded: dict, new_documents: dict, document_rows: list[DocumentRow]):
    kind, _sep, ident = (row.document or "").partition(":")
    if kind == "doc" and ident.isdigit() and int(ident) in recorded:
        return recorded[int(ident)]
    if kind == "new" and ident.isdigit():
        index = int(ident)
        if index in new_documents:
            return new_documents[index]
        if any(d.index == index for d in document_rows):
            # The document's own row failed; its error is shown there.
            raise ValidationError({"document": _("This target's document could not be created (see above).")})
        raise ValidationError({"document": _("Accept the new document too, or choose a recorded one.")})
    raise ValidationError({"document": _("Choose the document this target belongs to.")})
