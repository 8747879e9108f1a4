"""Target and reported-value pages: the target page (goal, status, breakdown to child units
with their rolled-up figures, reported values, history), setting and editing a target,
breaking it down, the list of reported values (approvers start on "waiting for my
approval"), entering, changing, approving and returning a value. Writes go through
``services``; visibility uses the same querysets as the API."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.accounts.access import closed_unit_notice, has_role_on, membership_of, visible_units
from mandate.accounts.models import Role
from mandate.documents.api import visible_documents
from mandate.orgs.models import OrgUnit

from . import services
from . import status as rules
from .api import reportable_targets, visible_targets, visible_values
from .evaluation import evaluate_targets
from .filters import ReportedValueFilter
from .forms import BreakdownForm, DecisionForm, TargetForm, ValueEditForm, ValueForm, add_service_errors
from .models import Aggregation, ReportedValue, Target, TargetAllocation, ValueState
from .rollups import child_rollups

PAGE_SIZE = 50
EXPORT_LIMIT = 10000


def _has_role(user, role) -> bool:
    membership = membership_of(user)
    return user.is_superuser or bool(membership and membership.has_role(role))


def _units_for(request, role):
    """Units of the user's subtree open on the day viewed, if their role allows ``role``."""
    if not _has_role(request.user, role):
        return OrgUnit.objects.none()
    return visible_units(request.user).valid_on(request.as_of).order_by("path")


def _target_queryset():
    return Target.objects.select_related("document", "org_unit", "parent")


# --- Targets -------------------------------------------------------------------------------

def _target_rows(request):
    """Targets the user may see, filtered by document, unit (and below), period or year and
    status on the day viewed: the list page and its Excel export."""
    from .filters import TargetFilter

    target_filter = TargetFilter(request.GET, queryset=visible_targets(request.user).select_related(
        "document", "org_unit", "parent").order_by("-period_end", "document__number", "sort_order", "pk"))
    targets = list(target_filter.qs[:EXPORT_LIMIT]) if target_filter.is_valid() else []
    rows = evaluate_targets(targets, request.as_of)
    status = request.GET.get("status")
    if status:
        rows = [r for r in rows if r.status == status]
    return target_filter, rows


@login_required
def target_list(request):
    target_filter, rows = _target_rows(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "targets/list.html", {
        "filter": target_filter, "page": page, "count": len(rows),
        "documents": visible_documents(request.user).order_by("-issued_on", "number"),
        "units": visible_units(request.user).valid_on(request.as_of).order_by("path"),
        "statuses": rules.Status.ALL,
    })


@login_required
def target_export(request):
    from django.http import HttpResponse

    from . import excel

    _filter, rows = _target_rows(request)
    response = HttpResponse(excel.export_targets(rows, request.as_of), content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="targets-{request.as_of.isoformat()}.xlsx"'
    return response


@login_required
def values_export(request):
    from django.http import HttpResponse

    from . import excel

    value_filter = ReportedValueFilter(request.GET, queryset=_value_queryset(request.user))
    values = value_filter.qs.order_by("-period_end", "org_unit__path", "pk")[:EXPORT_LIMIT] if value_filter.is_valid() else []
    response = HttpResponse(excel.export_values(values), content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="reported-values.xlsx"'
    return response


@login_required
def detail(request, pk):
    # One rule with the API (docs/security.md): a target's page, with its figures that sum up
    # other units' values, is for users whose subtree holds the target's unit. A unit below
    # reports against it (the value form names it) without seeing those figures.
    target = get_object_or_404(visible_targets(request.user).select_related("document", "org_unit", "parent"),
                               pk=pk)
    day = request.as_of
    row = evaluate_targets([target], day)[0]
    children = list(
        visible_units(request.user).valid_on(day).filter(parent=target.org_unit).order_by("sort_order", "name_vi")
    )
    allocations = {a.org_unit_id: a for a in TargetAllocation.objects.filter(target=target)}
    rollups = child_rollups([target.pk], target.org_unit, day)
    breakdown = []
    for child in children:
        rollup = rollups.get((target.pk, child.path))
        actual = rollup.value_for(target.aggregation) if rollup else None
        allocation = allocations.get(child.pk)
        child_status = None
        if allocation is not None:
            child_status = rules.evaluate(target.goal(allocation.value, allocation.value_max), actual, day)
        breakdown.append({"unit": child, "allocation": allocation, "actual": actual, "rollup": rollup,
                          "status": child_status})
    sub_targets = evaluate_targets(
        visible_targets(request.user).filter(parent=target).select_related("document", "org_unit", "parent"), day)
    values = (visible_values(request.user).filter(target=target)
              .select_related("org_unit").order_by("-period_end", "org_unit__path"))
    may_edit = has_role_on(request.user, target.org_unit, Role.APPROVER)
    return render(request, "targets/detail.html", {
        "target": target, "row": row, "breakdown": breakdown, "sub_targets": sub_targets,
        "values": values, "may_edit": may_edit, "is_coverage": target.aggregation == Aggregation.COVERAGE,
        "may_report": _has_role(request.user, Role.REPORTER),
    })


def _target_form(request, document, data=None, initial=None):
    parents = visible_targets(request.user).filter(document=document).select_related("document", "org_unit")
    return TargetForm(data, initial=initial, units=_units_for(request, Role.APPROVER), parents=parents)


def _target_fields(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    return data


@login_required
def target_create(request, document_pk):
    document = get_object_or_404(visible_documents(request.user), pk=document_pk)
    if not _has_role(request.user, Role.APPROVER):
        raise PermissionDenied(_("Only approvers and administrators set targets."))
    form = _target_form(request, document, request.POST or None,
                        initial={"org_unit": document.issuing_unit_id or getattr(membership_of(request.user),
                                                                                  "org_unit_id", None)})
    if request.method == "POST" and form.is_valid():
        try:
            target = services.create_target(actor=request.user, document=document, **_target_fields(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("org_unit", str(exc))
        else:
            messages.success(request, _("Target recorded."))
            return redirect(target)
    return render(request, "targets/form.html", {
        "form": form, "document": document, "title": _("Set a target for %(number)s") % {"number": document.number},
    })


@login_required
def target_edit(request, pk):
    # Targets the user can see answer 403 rather than 404 when their role does not reach the target's unit.
    target = get_object_or_404(visible_targets(request.user).select_related("document", "org_unit"), pk=pk)
    if not has_role_on(request.user, target.org_unit, Role.APPROVER):
        raise PermissionDenied(_("Your role does not allow this for %(unit)s.") % {"unit": target.org_unit.display_name})
    initial = {name: getattr(target, name) for name in (
        "org_unit", "indicator", "unit_of_measure", "comparator", "value", "value_max", "baseline", "change_kind",
        "aggregation", "coverage_threshold", "parent", "version")}
    initial["period"] = target.period_label
    form = _target_form(request, target.document, request.POST or None, initial=initial)
    form.fields["parent"].queryset = form.fields["parent"].queryset.exclude(pk=target.pk)
    # A past target keeps its unit even after that unit closed: offer it beside the open ones.
    form.fields["org_unit"].queryset = (form.fields["org_unit"].queryset
                                        | OrgUnit.objects.filter(pk=target.org_unit_id)).order_by("path")
    if request.method == "POST" and form.is_valid():
        fields = _target_fields(form)
        if fields["org_unit"] != target.org_unit and not has_role_on(request.user, fields["org_unit"], Role.APPROVER):
            form.add_error("org_unit", _("Your role does not allow this for %(unit)s.")
                           % {"unit": fields["org_unit"].display_name})
        else:
            try:
                target = services.update_target(target, actor=request.user,
                                                expected_version=form.cleaned_data["version"], **fields)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Target saved."))
                return redirect(target)
    return render(request, "targets/form.html", {
        "form": form, "document": target.document, "target": target, "title": _("Edit target"),
    })


@login_required
def breakdown(request, pk):
    # Targets the user can see answer 403 rather than 404 when their role does not reach the target's unit.
    target = get_object_or_404(visible_targets(request.user).select_related("document", "org_unit"), pk=pk)
    if not has_role_on(request.user, target.org_unit, Role.APPROVER):
        raise PermissionDenied(_("Your role does not allow this for %(unit)s.") % {"unit": target.org_unit.display_name})
    children = list(OrgUnit.objects.valid_on(request.as_of).filter(parent=target.org_unit)
                    .order_by("sort_order", "name_vi"))
    current = {a.org_unit_id: a.value for a in TargetAllocation.objects.filter(target=target)}
    initial = {f"unit_{pk}": value for pk, value in current.items()}
    form = BreakdownForm(request.POST or None, initial=initial, children=children)
    if request.method == "POST" and form.is_valid():
        saved = 0
        try:
            # One transaction: a bad value leaves every share as it was.
            with transaction.atomic():
                for unit, bound in form.rows():
                    raw = form.cleaned_data[bound.name]
                    if raw in ("", None):
                        continue
                    try:
                        services.set_allocation(actor=request.user, target=target, org_unit=unit, value=raw)
                    except ValidationError as exc:
                        form.add_error(bound.name, exc.messages)
                        raise
                    saved += 1
        except ValidationError:
            pass
        else:
            messages.success(request, _("Breakdown saved for %(count)s units.") % {"count": saved})
            return redirect(target)
    return render(request, "targets/breakdown.html", {"form": form, "target": target})


# --- Reported values -----------------------------------------------------------------------

def _value_queryset(user):
    return visible_values(user).select_related("target", "target__document", "org_unit", "decided_by")


@login_required
def values(request):
    is_approver = _has_role(request.user, Role.APPROVER)
    data = request.GET.copy()
    waiting = is_approver and not any(k in data for k in ("state", "target", "org_unit", "period", "page"))
    if waiting:  # approvers start on what waits for them
        data["state"] = ValueState.SUBMITTED
    value_filter = ReportedValueFilter(data, queryset=_value_queryset(request.user))
    page = Paginator(value_filter.qs.order_by("-period_end", "org_unit__path", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "targets/values.html", {
        "filter": value_filter, "page": page, "waiting": waiting, "is_approver": is_approver,
        "may_report": _has_role(request.user, Role.REPORTER), "states": ValueState.choices,
        "current_state": data.get("state", ""),
    })


@login_required
def value_create(request):
    targets = reportable_targets(request.user).select_related("document", "org_unit").order_by(
        "-period_end", "document__number", "sort_order")
    units = _units_for(request, Role.REPORTER)
    initial = {"target": request.GET.get("target"), "org_unit": getattr(membership_of(request.user), "org_unit_id", None)}
    form = ValueForm(request.POST or None, initial=initial, targets=targets, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            rv = services.enter_value(actor=request.user, submit="submit" in request.POST, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("org_unit", str(exc))
        else:
            messages.success(request, _("Value submitted for approval.") if rv.state == ValueState.SUBMITTED
                             else _("Value saved as a draft."))
            return redirect(rv)
    no_units = None
    if not units.exists():
        no_units = (_("You have no unit to report for on %(date)s.") % {"date": request.as_of.strftime("%d/%m/%Y")}
                    + " " + (closed_unit_notice(request.user, request.as_of)
                             or _("Reporting needs the reporter role on a unit that exists on that date.")))
    return render(request, "targets/value_form.html", {"form": form, "no_units": no_units})


def _visible_value(request, pk) -> ReportedValue:
    return get_object_or_404(_value_queryset(request.user), pk=pk)


def _value_page(request, rv, *, edit_form=None, decision_form=None, status=200):
    may_edit = rv.state in (ValueState.DRAFT, ValueState.RETURNED) and has_role_on(request.user, rv.org_unit,
                                                                                    Role.REPORTER)
    may_decide = rv.state == ValueState.SUBMITTED and has_role_on(request.user, rv.org_unit, Role.APPROVER)
    if may_edit and edit_form is None:
        edit_form = ValueEditForm(initial={"value": rv.value, "note": rv.note, "version": rv.version})
    if may_decide and decision_form is None:
        decision_form = DecisionForm(initial={"version": rv.version})
    return render(request, "targets/value_detail.html", {
        "rv": rv, "edit_form": edit_form if may_edit else None, "decision_form": decision_form if may_decide else None,
        "target_visible": visible_targets(request.user).filter(pk=rv.target_id).exists(),
    }, status=status)


@login_required
def value_detail(request, pk):
    return _value_page(request, _visible_value(request, pk))


@login_required
@require_POST
def value_edit(request, pk):
    rv = _visible_value(request, pk)
    form = ValueEditForm(request.POST)
    if form.is_valid():
        try:
            rv = services.update_value(rv, actor=request.user, expected_version=form.cleaned_data["version"],
                                       value=form.cleaned_data["value"], note=form.cleaned_data["note"],
                                       submit="submit" in request.POST)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "conflict":
                messages.error(request, " ".join(exc.messages))
                return _value_page(request, _visible_value(request, pk), edit_form=form, status=409)
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Value submitted for approval.") if rv.state == ValueState.SUBMITTED
                             else _("Value saved."))
            return redirect(rv)
    return _value_page(request, rv, edit_form=form, status=400)


@login_required
@require_POST
def value_decide(request, pk):
    rv = _visible_value(request, pk)
    form = DecisionForm(request.POST)
    action = request.POST.get("action")
    error, conflict = None, False
    if action not in ("approve", "return") or not form.is_valid():
        error = _("Choose approve or return.")
    else:
        decide = services.approve_value if action == "approve" else services.return_value
        try:
            rv = decide(rv, actor=request.user, expected_version=form.cleaned_data["version"],
                        comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
            conflict = getattr(exc, "code", None) == "conflict"
            if getattr(exc, "code", None) != "conflict" and hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
    if getattr(request, "htmx", False):
        rv = _visible_value(request, pk)
        return render(request, "targets/_value_row.html", {
            "v": rv, "is_approver": True, "row_error": error,
            "row_message": None if error else (_("Approved.") if action == "approve" else _("Returned.")),
        })
    if error:
        messages.error(request, error)
        return _value_page(request, _visible_value(request, pk), decision_form=form,
                           status=409 if conflict else 400)
    messages.success(request, _("Value approved.") if action == "approve" else _("Value returned to the reporter."))
    return redirect(rv)
