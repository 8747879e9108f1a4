"""Writes to directive documents. Numbers are parsed by ``numbering.parse_number``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.core.services import bump_version, check_version
from mandate.core.uploads import validate_upload

from .models import DirectiveDocument, DocumentRelation, DocumentState, RelationKind
from .numbering import DocumentNumber, InvalidNumber, parse_number

NUMBER_ERRORS = {
    "empty": gettext_lazy("Enter the document number, e.g. 150-KH/TU."),
    "no_sequence": gettext_lazy("A document number starts with its sequence number, e.g. 150-KH/TU."),
    "no_slash": gettext_lazy(
        "A document number has a slash between the sequence or kind and the issuer, e.g. 150-KH/TU or 129/KH-UBND."
    ),
    "zero_sequence": gettext_lazy("The sequence number of a document cannot be 0."),
    "unknown_kind": gettext_lazy("The kind code is not known: use NQ, KH, KL, CT, QĐ, BC, CTr, TB..."),
    "no_kind": gettext_lazy("The number does not say what kind of document it is."),
    "unknown_style": gettext_lazy(
        "This is not a document number in a known style: expected e.g. 150-KH/TU, 129/KH-UBND or 35/2023/UBTVQH15."
    ),
}


def parse_or_error(number: str) -> DocumentNumber:
    """Parse a number, raising a ValidationError whose message is in the user's language."""
    try:
        return parse_number(number)
    except InvalidNumber as exc:
        raise ValidationError({"number": NUMBER_ERRORS[exc.reason_code]}, code=exc.reason_code) from exc


def _apply_number(document: DirectiveDocument, parsed: DocumentNumber) -> None:
    document.number = parsed.printed
    document.number_key = parsed.key
    document.sequence = parsed.sequence
    document.kind_code = parsed.kind_code
    document.issuer_code = parsed.issuer_code
    if parsed.year:
        document.year = parsed.year
    elif document.issued_on:
        document.year = document.issued_on.year
    if not document.kind:
        document.kind = parsed.kind


def _check_unique(document: DirectiveDocument) -> None:
    clash = DirectiveDocument.objects.filter(
        issuer_code=document.issuer_code, kind_code=document.kind_code, sequence=document.sequence,
        year=document.year, issuing_unit=document.issuing_unit,
    ).exclude(pk=document.pk)
    if clash.exists():
        raise ValidationError(
            {"number": _("Document %(number)s of %(year)s by this issuer is already recorded.")
             % {"number": document.number, "year": document.year or "—"}},
            code="duplicate",
        )


SIGNED_FILE_KINDS = ("pdf", "docx")
MAX_SIGNED_FILE_BYTES = 20 * 1024 * 1024


def _attach_signed_file(document: DirectiveDocument, upload) -> None:
    """Check the signed copy by parsing it (PDF or Word, at most 20 MB) and put it on the document."""
    try:
        validate_upload(upload, kinds=SIGNED_FILE_KINDS, max_bytes=MAX_SIGNED_FILE_BYTES)
    except ValidationError as exc:
        raise ValidationError({"signed_file": exc.messages}) from exc
    document.signed_file = upload
    document.signed_file_name = (getattr(upload, "name", "") or "")[:255]


@transaction.atomic
def create_document(*, number: str, title: str, kind: str = "", issuing_unit=None, issued_on=None,
                    year: int | None = None, summary: str = "", state: str = DocumentState.IN_FORCE,
                    source_text: str = "", signed_file=None) -> DirectiveDocument:
    parsed = parse_or_error(number)
    document = DirectiveDocument(title=title, kind=kind, issuing_unit=issuing_unit, issued_on=issued_on,
                                 year=year, summary=summary, state=state, source_text=source_text)
    if signed_file is not None:
        _attach_signed_file(document, signed_file)
    _apply_number(document, parsed)
    _check_unique(document)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def update_document(document: DirectiveDocument, *, expected_version: int | None = None, **fields) -> DirectiveDocument:
    document = DirectiveDocument.objects.select_for_update().get(pk=document.pk)
    check_version(document, expected_version)
    number = fields.pop("number", None)
    signed_file = fields.pop("signed_file", None)
    if signed_file is not None:
        _attach_signed_file(document, signed_file)
    for name, value in fields.items():
        setattr(document, name, value)
    if number is not None:
        document.kind = fields.get("kind") or ""
        _apply_number(document, parse_or_error(number))
    elif document.issued_on and not document.year:
        document.year = document.issued_on.year
    _check_unique(document)
    document.full_clean()
    bump_version(document)
    document.save()
    return document


@transaction.atomic
def relate_documents(*, source: DirectiveDocument, target: DirectiveDocument, kind: str, note: str = "") -> DocumentRelation:
    if source.pk == target.pk:
        raise ValidationError(_("A document cannot be related to itself."))
    if DocumentRelation.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError(_("This relation is already recorded."))
    relation = DocumentRelation.objects.create(source=source, target=target, kind=kind, note=note)
    if kind == RelationKind.REPLACES and target.state != DocumentState.REPLACED:
        target = DirectiveDocument.objects.select_for_update().get(pk=target.pk)
        target.state = DocumentState.REPLACED
        bump_version(target)
        target.save(update_fields=["state", "version", "updated_at"])
    return relation


@transaction.atomic
def delete_document(document: DirectiveDocument, *, expected_version: int | None) -> None:
    """Delete a document recorded by mistake. One that targets, tasks, projects or movements
    refer to stays: the records that hang on it must be moved or removed first."""
    document = DirectiveDocument.objects.select_for_update().get(pk=document.pk)
    check_version(document, expected_version)
    try:
        with transaction.atomic():
            document.delete()
    except ProtectedError as exc:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        raise ValidationError(
            _("%(number)s cannot be deleted: %(records)s refer to it.")
            % {"number": document.number, "records": ", ".join(kinds)},
            code="protected",
        ) from exc
