"""What the review screen shows for a session: the proposed documents matched to the
recorded ones by number key, and the documents a target may be attached to."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

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


# --- Org units named in the text ---------------------------------------------------------------

_ABBREVIATIONS = (
    (r"\bubnd\b", "ủy ban nhân dân"), (r"\bhđnd\b", "hội đồng nhân dân"), (r"\bmttq\b", "mặt trận tổ quốc"),
    (r"\bubmttq\b", "ủy ban mặt trận tổ quốc"), (r"\bgd&đt\b", "giáo dục và đào tạo"),
)


def unit_key(name: str) -> str:
    """Compare unit names: case, spacing, "Uỷ"/"Ủy", a leading "the" and common
    abbreviations (UBND, HĐND, MTTQ) do not matter."""
    s = unicodedata.normalize("NFC", name or "").casefold().replace("uỷ", "ủy").replace("\u2013", "-")
    for short, full in _ABBREVIATIONS:
        s = re.sub(short, full, s)
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"\s+", " ", s)


def match_units(name: str, units: list) -> list:
    """The org units a name in the text may mean: those whose Vietnamese or English name is
    the same; else those whose name contains it or is contained in it as whole words
    ("Sở Tài chính" ↔ "Sở Tài chính tỉnh Lạng Sơn"). Several: the person chooses."""
    key = unit_key(name)
    if not key:
        return []
    exact = [u for u in units if key in (unit_key(u.name_vi), unit_key(u.name_en))]
    if exact:
        return exact
    out = []
    for u in units:
        for own in (unit_key(u.name_vi), unit_key(u.name_en)):
            if own and (re.search(rf"(?<!\w){re.escape(key)}(?!\w)", own)
                        or re.search(rf"(?<!\w){re.escape(own)}(?!\w)", key)):
                out.append(u)
                break
    return out


def nearest_document_choice(position: int | None, raw_documents: list[dict], proposals: list[ProposedDocument],
                            default: str) -> str:
    """The document a target or an assignment belongs to: the last one the text cites before
    it (or in its own sentence), else the default (the document chosen when the import was
    started always wins: the caller passes it as the default and no documents)."""
    if position is None or not raw_documents:
        return default
    best = None
    for p, d in zip(proposals, raw_documents, strict=False):
        start = d.get("start")
        if start is not None and start <= position:
            best = p
    if best is None:
        return default
    return f"doc:{best.match.pk}" if best.match else f"new:{best.index}"


@dataclass
class ProposedAssignment:
    index: int
    lead_name: str
    candidates: list = field(default_factory=list)  # org units the name may mean
    coordinating: list = field(default_factory=list)  # org units matched to the coordinating names

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    @property
    def match(self):
        return self.candidates[0] if len(self.candidates) == 1 else None


def proposed_assignments(session: ImportSession, units: list) -> list[ProposedAssignment]:
    out = []
    for index, a in enumerate(session.extraction.get("assignments") or []):
        coordinating = []
        for name in a.get("coordinating_units") or []:
            found = match_units(name, units)
            if len(found) == 1:
                coordinating.append(found[0])
        out.append(ProposedAssignment(index=index, lead_name=a.get("lead_unit") or "",
                                      candidates=match_units(a.get("lead_unit") or "", units),
                                      coordinating=coordinating))
    return out
