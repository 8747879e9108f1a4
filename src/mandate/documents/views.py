"""Directive-document pages: the searchable list, the document page (metadata, relations in
both directions, targets with status, history), recording and editing a document and
relating it to another. Writes go through ``services``; who may write is decided by the
same rules as the API (``api.require_document_writer``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.accounts.access import membership_of, visible_units
from mandate.accounts.models import Role
from mandate.core.files import serve_file
from mandate.orgs.models import OrgUnit
from mandate.targets.api import visible_targets
from mandate.targets.evaluation import evaluate_targets

from . import services
from .api import may_write_documents_of, require_document_writer, visible_documents
from .filters import DocumentFilter
from .forms import DocumentForm, RelationForm, add_service_errors
from .models import DirectiveDocument, DocumentRelation

PAGE_SIZE = 30


def _is_approver(user) -> bool:
    membership = membership_of(user)
    return user.is_superuser or bool(membership and membership.has_role(Role.APPROVER))


def _issuing_units(request):
    """Units the user may record documents for: their subtree, open on the day viewed."""
    if not _is_approver(request.user):
        return OrgUnit.objects.none()
    return visible_units(request.user).valid_on(request.as_of).order_by("path")


@login_required
def document_list(request):
    documents = visible_documents(request.user).select_related("issuing_unit")
    doc_filter = DocumentFilter(request.GET or None, queryset=documents)
    page = Paginator(doc_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "documents/list.html", {
        "filter": doc_filter, "page": page, "may_create": _is_approver(request.user),
    })


def _visible_document(request, pk) -> DirectiveDocument:
    return get_object_or_404(visible_documents(request.user).select_related("issuing_unit"), pk=pk)


@login_required
def document_detail(request, pk):
    document = get_object_or_404(
        visible_documents(request.user).select_related("issuing_unit").prefetch_related(
            Prefetch("relations_out", queryset=DocumentRelation.objects.select_related("target")),
            Prefetch("relations_in", queryset=DocumentRelation.objects.select_related("source")),
        ),
        pk=pk,
    )
    related_ids = ({r.target_id for r in document.relations_out.all()}
                   | {r.source_id for r in document.relations_in.all()})
    visible_related = set(visible_documents(request.user).filter(pk__in=related_ids).values_list("pk", flat=True))
    relations = [(r.get_kind_display(), r.target, r) for r in document.relations_out.all()
                 if r.target_id in visible_related]
    relations += [(r.inverse_label, r.source, r) for r in document.relations_in.all() if r.source_id in visible_related]
    targets = visible_targets(request.user).filter(document=document).select_related("org_unit", "parent", "document")
    may_write = may_write_documents_of(request.user, document.issuing_unit)
    return render(request, "documents/detail.html", {
        "document": document,
        "relations": relations,
        "rows": evaluate_targets(targets, request.as_of),
        "may_write": may_write,
        "may_set_targets": _is_approver(request.user),
        "relation_form": RelationForm(documents=_relatable(request, document)) if may_write else None,
    })


def _relatable(request, document):
    return visible_documents(request.user).exclude(pk=document.pk).order_by("-year", "number")


def _form_kwargs(request):
    return {"units": _issuing_units(request)}


@login_required
def document_create(request):
    if not _is_approver(request.user):
        raise PermissionDenied(_("Only approvers and administrators record documents."))
    form = DocumentForm(request.POST or None, request.FILES or None, **_form_kwargs(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version")
        try:
            require_document_writer(request.user, data["issuing_unit"])
            document = services.create_document(**data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("issuing_unit", str(exc))
        else:
            messages.success(request, _("Document %(number)s recorded.") % {"number": document.number})
            return redirect(document)
    return render(request, "documents/form.html", {"form": form, "title": _("Record a document")})


@login_required
def document_edit(request, pk):
    document = _visible_document(request, pk)
    require_document_writer(request.user, document.issuing_unit)
    initial = {name: getattr(document, name) for name in
               ("number", "kind", "issuing_unit", "issued_on", "title", "summary", "state", "version")}
    form = DocumentForm(request.POST or None, request.FILES or None, initial=initial, **_form_kwargs(request))
    if document.issuing_unit is not None:
        # The current unit stays choosable even when it closed since.
        form.fields["issuing_unit"].queryset = (form.fields["issuing_unit"].queryset
                                                | OrgUnit.objects.filter(pk=document.issuing_unit_id))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            if data["issuing_unit"] != document.issuing_unit:
                require_document_writer(request.user, data["issuing_unit"])
            document = services.update_document(document, expected_version=version, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("issuing_unit", str(exc))
        else:
            messages.success(request, _("Document %(number)s saved.") % {"number": document.number})
            return redirect(document)
    return render(request, "documents/form.html", {
        "form": form, "document": document, "title": _("Edit %(number)s") % {"number": document.number},
    })


@login_required
@require_POST
def relation_add(request, pk):
    document = _visible_document(request, pk)
    require_document_writer(request.user, document.issuing_unit)
    form = RelationForm(request.POST, documents=_relatable(request, document))
    if form.is_valid():
        try:
            services.relate_documents(source=document, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Relation recorded."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(document)


@login_required
def signed_file(request, pk):
    """The signed copy of a document the user can see (404 otherwise); ``?preview=1`` shows a
    PDF in the browser, anything else is downloaded."""
    document = _visible_document(request, pk)
    return serve_file(document.signed_file, document.signed_file_name, inline=request.GET.get("preview") == "1")
