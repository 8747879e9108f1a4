"""What the review screen shows for a session: the proposed documents matched to the
recorded ones by number key, and the documents a target may be attached to."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from mandate.documents.api import visible_documents
from mandate.documents.models import DirectiveDocument, DocumentKind
from mandate.documents.numbering import number_key

from .models import ImportSession


@dataclass
class ProposedDocument:
    index: int
    number: str
    kind: str
    date: str | None
    title: str
    match: DirectiveDocument | None


def proposed_documents(session: ImportSession, user) -> list[ProposedDocument]:
    raw = session.extraction.get("documents") or []
    keys = {number_key(d.get("number") or "") for d in raw}
    recorded: dict[str, list[DirectiveDocument]] = {}
    for document in visible_documents(user).filter(number_key__in=keys).order_by("-year", "pk"):
        recorded.setdefault(document.number_key, []).append(document)
    kinds = set(DocumentKind.values)
    proposals = []
    for index, d in enumerate(raw):
        candidates = recorded.get(number_key(d.get("number") or ""), [])
        year = int(d["date"][:4]) if d.get("date") else None
        # Several documents may share a number across years: prefer the one of the cited year.
        match = next((c for c in candidates if year and c.year == year), candidates[0] if candidates else None)
        proposals.append(ProposedDocument(
            index=index, number=d.get("number") or "", kind=d.get("kind") if d.get("kind") in kinds else "",
            date=d.get("date"), title=d.get("title") or "", match=match,
        ))
    return proposals


def document_choices(session: ImportSession, proposals: list[ProposedDocument]) -> list[tuple[str, str]]:
    """(value, label) for a target's document: the session's document, the matched ones,
    then the new ones proposed in this import."""
    choices, seen = [("", "—")], set()
    recorded = ([session.document] if session.document_id else []) + [p.match for p in proposals if p.match]
    for document in recorded:
        if document.pk not in seen:
            seen.add(document.pk)
            choices.append((f"doc:{document.pk}", document.number))
    for p in proposals:
        if p.match is None:
            choices.append((f"new:{p.index}", _("%(number)s (new)") % {"number": p.number}))
    return choices


def default_document_choice(session: ImportSession, proposals: list[ProposedDocument]) -> str:
    if session.document_id:
        return f"doc:{session.document_id}"
    for p in proposals:
        return f"doc:{p.match.pk}" if p.match else f"new:{p.index}"
    return ""


def allowed_document_ids(choices: list[tuple[str, str]]) -> set[int]:
    return {int(value[4:]) for value, _label in choices if value.startswith("doc:")}
