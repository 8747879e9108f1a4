"""Pages of the investment projects: the list with totals and risks, its Excel export,
a project's record page (milestones, disbursements, clearance, completion, history)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mandate.accounts.access import has_role_on, membership_of
from mandate.accounts.models import Role

from . import services
from .excel import project_workbook_response
from .filters import ProjectFilter
from .forms import (
    ClearanceForm,
    CompletionForm,
    DisbursementForm,
    MilestoneDoneForm,
    MilestoneForm,
    ProjectEditForm,
    ProjectForm,
)
from .models import Disbursement, Milestone
from .queries import project_rows, totals, visible_projects


def put_errors_on(form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: field errors where the form has the field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, [m for e in errors for m in e.messages])
    else:
        form.add_error(None, exc.messages)


def _filtered(request):
    rows = project_rows(request.user, request.as_of)
    return ProjectFilter(request.GET or None, queryset=rows, request=request)


@login_required
def list(request):  # noqa: A001 - the URL name used by base.html is "projects:list"
    filterset = _filtered(request)
    rows = filterset.qs
    project_list = [*rows]
    membership = membership_of(request.user)
    context = {
        "filter": filterset,
        "projects": project_list,
        "at_risk": [p for p in project_list if p.at_risk],
        "totals": totals(rows),
        "can_create": request.user.is_superuser or (membership and membership.has_role(Role.APPROVER)),
        "query": request.GET.urlencode(),
    }
    return render(request, "projects/list.html", context)


@login_required
def export(request):
    filterset = _filtered(request)
    return project_workbook_response([*filterset.qs], totals(filterset.qs), request.as_of)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    membership = membership_of(request.user)
    if not (request.user.is_superuser or (membership and membership.has_role(Role.APPROVER))):
        raise PermissionDenied(_("Only approvers and administrators record projects."))
    form = ProjectForm(request.POST or None, user=request.user, as_of=request.as_of)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            put_errors_on(form, exc)
        except PermissionDenied as exc:
            form.add_error("investor", str(exc))
        else:
            messages.success(request, _("The project was recorded."))
            return redirect(project)
    return render(request, "projects/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    project = _get_project(request, pk)
    if not has_role_on(request.user, project.investor, Role.APPROVER):
        raise PermissionDenied(_("Only an approver of the investor unit can correct this project."))
    initial = {name: getattr(project, name) for name in
               ("name", "plan_year", "started_on", "planned_completion", "description", "version")}
    initial["planned_capital"] = f"{project.planned_capital:,.0f}".replace(",", ".")
    form = ProjectEditForm(request.POST or None, initial=initial, user=request.user, as_of=request.as_of)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            services.update_project(project, actor=request.user, expected_version=version, **fields)
        except ValidationError as exc:  # a ConflictError too: the form keeps what was typed
            put_errors_on(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(project)
    return render(request, "projects/form.html", {"form": form, "project": project})


def _get_project(request, pk):
    project = visible_projects(request.user).select_related("investor", "document").with_figures(
        request.as_of).filter(pk=pk).first()
    if project is None:
        raise Http404(_("No such project in your part of the organization."))
    return project


def _record(request, project, form, write):
    """Run ``write(form.cleaned_data)``; on success redirect, else keep the form with its errors."""
    if not form.is_valid():
        return None
    try:
        write(form.cleaned_data)
    except ValidationError as exc:
        put_errors_on(form, exc)
        return None
    messages.success(request, _("Saved."))
    return redirect(project)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    project = _get_project(request, pk)
    version = {"version": project.version}
    forms = {
        "disbursement": DisbursementForm(prefix="d"),
        "clearance": ClearanceForm(prefix="c", initial={**version, "percent": project.site_clearance_percent,
                                                        "as_of": request.as_of}),
        "completion": CompletionForm(prefix="k", initial={**version, "completed_on": project.completed_on}),
        "milestone": MilestoneForm(prefix="m"),
    }
    action = request.POST.get("action")
    if request.method == "POST":
        user = request.user
        handlers = {
            "disbursement": (DisbursementForm, "d", lambda d: services.record_disbursement(
                actor=user, project=project, **d)),
            "clearance": (ClearanceForm, "c", lambda d: services.record_site_clearance(
                actor=user, project=project, percent=d["percent"], as_of=d["as_of"], expected_version=d["version"])),
            "completion": (CompletionForm, "k", lambda d: services.record_completion(
                actor=user, project=project, completed_on=d["completed_on"], expected_version=d["version"])),
            "milestone": (MilestoneForm, "m", lambda d: services.add_milestone(actor=user, project=project, **d)),
            "milestone_done": (MilestoneDoneForm, None, lambda d: services.complete_milestone(
                actor=user, milestone=project.milestones.get(pk=d["milestone"]), done_on=d["done_on"],
                expected_version=d["version"])),
        }
        if action not in handlers:
            raise Http404
        form_class, prefix, write = handlers[action]
        form = form_class(request.POST, prefix=prefix)
        forms[action] = form
        try:
            response = _record(request, project, form, write)
        except Milestone.DoesNotExist:
            raise Http404 from None
        if response:
            return response
    milestones = [*project.milestones.with_state(request.as_of)]
    for milestone in milestones:
        if forms.get("milestone_done") and forms["milestone_done"].data.get("milestone") == str(milestone.pk):
            milestone.done_form = forms["milestone_done"]
        else:
            milestone.done_form = MilestoneDoneForm(initial={"milestone": milestone.pk, "version": milestone.version,
                                                             "done_on": milestone.done_on})
    context = {
        "project": project,
        "milestones": milestones,
        "disbursements": [*project.disbursements.select_related("recorded_by")],
        "forms": forms,
        "can_report": has_role_on(request.user, project.investor, Role.REPORTER),
        "can_plan": has_role_on(request.user, project.investor, Role.APPROVER),
        "child_history": _child_history(project),
    }
    return render(request, "projects/detail.html", context)


def _child_history(project):
    """Changes to the project's disbursements and milestones, newest first (two queries)."""
    rows = [*Disbursement.history.filter(project_id=project.pk).select_related("history_user")[:50],
            *Milestone.history.filter(project_id=project.pk).select_related("history_user")[:50]]
    rows.sort(key=lambda r: r.history_date, reverse=True)
    return rows
