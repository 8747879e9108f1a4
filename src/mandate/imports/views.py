"""The "Import from text" pages: start an import (paste or upload), review what was found
and accept the chosen rows, or reject the import. Writes go through ``services``."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mandate.accounts.access import has_role_on, membership_of, visible_units
from mandate.accounts.models import Role
from mandate.documents.api import visible_documents
from mandate.documents.forms import add_service_errors
from mandate.targets.models import Comparator

from . import review, services
from .forms import AssignmentRowFormSet, DocumentRowFormSet, StartForm, TargetRowFormSet
from .models import ImportedRecord, ImportSession, ImportState

RECENT = 20


def _is_approver(user) -> bool:
    membership = membership_of(user)
    return user.is_superuser or bool(membership and membership.has_role(Role.APPROVER))


def _units(request):
    return visible_units(request.user).valid_on(request.as_of).order_by("path")


def visible_sessions(user):
    return ImportSession.objects.filter(org_unit__in=visible_units(user))


@login_required
def start(request):
    if not _is_approver(request.user):
        raise PermissionDenied(_("Only approvers and administrators import targets."))
    form = StartForm(request.POST or None, request.FILES or None, units=_units(request),
                     documents=visible_documents(request.user).order_by("-year", "number"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        try:
            if upload and upload.size > services.MAX_BYTES:  # refused from its size, before reading
                raise ValidationError({"file": _("The file is larger than 10 MB: paste the part that matters "
                                                 "instead.")}, code="too_big")
            session = services.start_import(
                actor=request.user, org_unit=data["org_unit"], document=data.get("document"),
                text=data.get("text") or "",
                # Read at most one byte more than allowed: enough to know the file is too big.
                upload_data=upload.read(services.MAX_BYTES + 1) if upload else None,
                filename=upload.name if upload else "",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("org_unit", str(exc))
        else:
            return redirect(session)
    recent = visible_sessions(request.user).select_related("org_unit", "created_by")[:RECENT]
    return render(request, "imports/start.html", {"form": form, "recent": recent})


def _number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _cited(session):
    """The cited documents a row may be linked to; none when the import's document was chosen."""
    return [] if session.document_id else (session.extraction.get("documents") or [])


def _initial_targets(session, proposals, default_document):
    comparators = set(Comparator.values)
    raw_documents = _cited(session)
    rows = []
    for t in session.extraction.get("targets") or []:
        deadline = t.get("deadline")
        rows.append({
            "accept": True,
            # The indicator's name ("tỷ lệ hộ nghèo"); the sentence stays as the target's source.
            "indicator": (t.get("indicator") or t.get("text") or "").strip()[:300],
            "comparator": t.get("comparator") if t.get("comparator") in comparators else Comparator.EQUAL,
            "value": _number(t.get("value")),
            "value_max": _number(t.get("value_max")),
            "unit_of_measure": (t.get("unit") or "")[:60],
            "deadline": deadline,
            "period": services.period_from_deadline(_date(deadline)),
            "document": review.nearest_document_choice(t.get("start"), raw_documents, proposals, default_document),
        })
    return rows


def _initial_assignments(session, proposals, assignment_proposals, default_document):
    raw_documents = _cited(session)
    rows = []
    for a, p in zip(session.extraction.get("assignments") or [], assignment_proposals, strict=False):
        rows.append({
            "accept": p.match is not None,
            "title": (a.get("action") or "")[:500],
            "lead_unit": str(p.match.pk) if p.match else "",
            "coordinating_units": [str(u.pk) for u in p.coordinating],
            "deadline": a.get("deadline"),
            "document": review.nearest_document_choice(a.get("start"), raw_documents, proposals, default_document),
        })
    return rows


def _date(iso):
    try:
        return datetime.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _initial_documents(session, proposals, units):
    """The issuing unit is the body the text names ("... của Hội đồng nhân dân tỉnh") when it
    matches one unit; else the import's unit."""
    raw = session.extraction.get("documents") or []
    rows = []
    for p, d in zip(proposals, raw, strict=False):
        named = review.match_units(d.get("issuer_name") or "", units)
        rows.append({"accept": p.match is None, "number": p.number, "title": p.title, "kind": p.kind,
                     "issued_on": p.date,
                     "issuing_unit": named[0].pk if len(named) == 1 else session.org_unit_id})
    return rows


def _show_row_errors(formset, errors: dict) -> None:
    for index, fields in errors.items():
        if index >= len(formset.forms):
            continue
        form = formset.forms[index]
        for name, messages_ in fields.items():
            form.add_error(name if name in form.fields else None, messages_)


def _accepted_assignments(formset, sentences):
    return [
        services.AssignmentRow(index=i, title=f.cleaned_data["title"], lead_unit=f.cleaned_data["lead_unit"],
                               deadline=f.cleaned_data.get("deadline"), document=f.cleaned_data.get("document") or "",
                               coordinating_units=f.cleaned_data.get("coordinating_units") or [],
                               source_text=sentence)
        for i, (f, sentence) in enumerate(zip(formset.forms, sentences, strict=False))
        if f.cleaned_data.get("accept")
    ]


def _accepted_rows(doc_formset, target_formset, proposals, sentences):
    documents = [
        services.DocumentRow(index=i, number=f.cleaned_data["number"], title=f.cleaned_data.get("title") or "",
                             kind=f.cleaned_data.get("kind") or "", issued_on=f.cleaned_data.get("issued_on"),
                             issuing_unit=f.cleaned_data.get("issuing_unit"))
        for i, (f, p) in enumerate(zip(doc_formset.forms, proposals, strict=False))
        if p.match is None and f.cleaned_data.get("accept")
    ]
    targets = [
        services.TargetRow(index=i, document=f.cleaned_data.get("document") or "",
                           indicator=f.cleaned_data["indicator"], value=f.cleaned_data["value"],
                           unit_of_measure=f.cleaned_data["unit_of_measure"],
                           comparator=f.cleaned_data["comparator"], value_max=f.cleaned_data.get("value_max"),
                           baseline=f.cleaned_data.get("baseline"), period=f.cleaned_data.get("period") or "",
                           deadline=f.cleaned_data.get("deadline"), source_text=sentence)
        for i, (f, sentence) in enumerate(zip(target_formset.forms, sentences, strict=False))
        if f.cleaned_data.get("accept")
    ]
    return documents, targets


@login_required
def review_session(request, pk):
    session = get_object_or_404(
        visible_sessions(request.user).select_related("org_unit", "document", "created_by", "decided_by"), pk=pk)
    if session.state != ImportState.PENDING:
        records = [r.record for r in ImportedRecord.objects.filter(session=session)
                   .select_related("content_type").prefetch_related("record")]
        return render(request, "imports/decided.html", {"session": session, "records": [r for r in records if r]})

    may_apply = has_role_on(request.user, session.org_unit, Role.APPROVER)
    proposals = review.proposed_documents(session, request.user)
    choices = review.document_choices(session, proposals)
    sentences = [(t.get("text") or "") for t in session.extraction.get("targets") or []]
    units = list(_units(request))
    data = request.POST if request.method == "POST" else None
    default_document = review.default_document_choice(session, proposals)
    doc_formset = DocumentRowFormSet(data, prefix="doc", initial=_initial_documents(session, proposals, units),
                                     form_kwargs={"units": units})
    target_formset = TargetRowFormSet(data, prefix="target", form_kwargs={"document_choices": choices},
                                      initial=_initial_targets(session, proposals, default_document))
    assignment_proposals = review.proposed_assignments(session, units)
    assignment_sentences = [(a.get("text") or "") for a in session.extraction.get("assignments") or []]
    assignment_formset = AssignmentRowFormSet(
        data, prefix="task", candidates=[p.candidates for p in assignment_proposals],
        form_kwargs={"units": units, "document_choices": choices},
        initial=_initial_assignments(session, proposals, assignment_proposals, default_document))
    general_errors = []
    if request.method == "POST":
        try:
            if "reject" in request.POST:
                services.discard_import(session, actor=request.user)
                messages.success(request, _("The import was rejected; nothing was created."))
                return redirect("imports:start")
            if all([doc_formset.is_valid(), target_formset.is_valid(), assignment_formset.is_valid()]):
                documents, targets = _accepted_rows(doc_formset, target_formset, proposals, sentences)
                created = services.apply_import(session, actor=request.user, documents=documents, targets=targets,
                                                allowed_document_ids=review.allowed_document_ids(choices),
                                                assignments=_accepted_assignments(assignment_formset,
                                                                                  assignment_sentences))
                messages.success(request, _("%(count)s records created from the text.") % {"count": len(created)})
                return redirect(session)
            general_errors.append(_("Some rows need correcting; nothing was created."))
        except services.ImportRowErrors as exc:
            _show_row_errors(doc_formset, exc.documents)
            _show_row_errors(target_formset, exc.targets)
            _show_row_errors(assignment_formset, exc.assignments)
            general_errors.extend(exc.messages)
        except ValidationError as exc:
            general_errors.extend(exc.messages)

    extraction = session.extraction
    return render(request, "imports/review.html", {
        "session": session,
        "may_apply": may_apply,
        "documents": list(zip(proposals, doc_formset.forms, strict=False)),
        "doc_formset": doc_formset,
        "targets": list(zip(target_formset.forms, sentences, strict=False)),
        "target_formset": target_formset,
        "tasks": [(f, sentence, p) for f, sentence, p in zip(assignment_formset.forms, assignment_sentences,
                                                             assignment_proposals, strict=False)],
        "task_formset": assignment_formset,
        "figures": extraction.get("figures") or [],
        "deadlines": extraction.get("deadlines") or [],
        "general_errors": general_errors,
    })
