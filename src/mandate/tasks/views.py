"""Task pages: a unit's inbox, the filtered list (and its Excel export), the task page with
reports, evidence and extension requests, assigning (one or many units), the Excel import
and the leader's table. Writes go through ``services``; reads through ``queries``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.accounts.access import can_see_unit, membership_of, visible_units
from mandate.accounts.models import Role
from mandate.core.exceptions import ConflictError
from mandate.core.files import serve_file
from mandate.orgs.models import OrgUnit

from . import excel, queries, services
from .charts import completions_chart
from .filters import TaskFilter
from .forms import (
    AssignForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    ImportForm,
    ReopenForm,
    ReportForm,
    TaskEditForm,
    add_service_errors,
)
from .models import DeadlineExtension, Evidence, ExtensionState, ProgressReport, Task

PAGE_SIZE = 50
EXPORT_LIMIT = 10000


# --- Helpers -------------------------------------------------------------------------------

def _viewing_unit(request) -> OrgUnit:
    """The unit a page is about: ``?unit=`` (inside the user's subtree, else 404) or the user's own."""
    raw = request.GET.get("unit")
    if raw:
        try:
            unit = OrgUnit.objects.get(pk=int(raw))
        except (ValueError, OrgUnit.DoesNotExist):
            raise Http404 from None
        if not can_see_unit(request.user, unit):
            raise Http404
        return unit
    membership = membership_of(request.user)
    if membership is not None:
        return membership.org_unit
    root = OrgUnit.objects.filter(parent__isnull=True).order_by("sort_order", "path").first()
    if root is None or not request.user.is_superuser:
        raise PermissionDenied(_("Your account is not attached to an org unit yet."))
    return root


def _units(request):
    """Units of the user's subtree open on the day viewed, for choosing lead and coordinating
    units. Viewing a past day and assigning records a task as assigned that day (backfilling
    the tasks of an older plan), with the tree as it stood then."""
    return visible_units(request.user).valid_on(request.as_of).order_by("path")


def _assigning_units(request):
    user = request.user
    membership = membership_of(user)
    if not user.is_superuser and (membership is None or not membership.has_role(Role.APPROVER)):
        return OrgUnit.objects.none()
    return _units(request)


def _documents(user):
    from mandate.documents.api import visible_documents

    return visible_documents(user).order_by("-issued_on", "number")


def _visible_task(request, pk) -> Task:
    qs = queries.list_queryset(services.visible_tasks(request.user), request.as_of)
    task = qs.filter(pk=pk).first()
    if task is None:
        # Tasks assigned after the day viewed are not part of that day's picture.
        task = services.visible_tasks(request.user).with_state(request.as_of).select_related(
            "lead_unit", "assigning_unit", "source_document").filter(pk=pk).first()
    if task is None:
        raise Http404
    return task


def _filtered(request):
    """The list and its export: the tasks of the unit viewed (``?unit=``, else the user's
    own unit) by the one definition in ``queries.tasks_of_unit``, then the other filters."""
    qs = queries.list_queryset(services.visible_tasks(request.user), request.as_of)
    data = request.GET.copy()
    if not data.get("unit"):
        data["unit"] = str(_viewing_unit(request).pk)
    return TaskFilter(data, queryset=qs, request=request)


# --- Inbox, list, export ------------------------------------------------------------------

@login_required
def inbox(request):
    unit = _viewing_unit(request)
    try:
        days = max(1, min(365, int(request.GET.get("days", queries.DUE_SOON_DAYS))))
    except ValueError:
        days = queries.DUE_SOON_DAYS
    box = queries.inbox(unit, request.as_of, days)
    return render(request, "tasks/inbox.html", {
        "box": box, "unit": unit, "days": days,
        "can_assign": _assigning_units(request).exists(),
    })


@login_required
def task_list(request):
    f = _filtered(request)
    qs = f.qs.order_by("deadline", "pk") if f.is_valid() else f.queryset.none()
    counts = qs.aggregate(**queries.state_aggregates()) if f.is_valid() else {}
    page = Paginator(qs.prefetch_related("coordinating_units"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tasks/list.html", {
        "filter": f, "page": page, "counts": counts, "units": _units(request),
        "can_assign": _assigning_units(request).exists(),
    })


@login_required
def export(request):
    f = _filtered(request)
    if not f.is_valid():
        messages.error(request, _("The filter is not valid; fix it before exporting."))
        return redirect(reverse("tasks:list") + "?" + request.GET.urlencode())
    tasks = f.qs.order_by("deadline", "pk").prefetch_related("coordinating_units")[:EXPORT_LIMIT]
    response = HttpResponse(excel.export_tasks(tasks, request.as_of), content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="tasks-{request.as_of.isoformat()}.xlsx"'
    return response


# --- One task ------------------------------------------------------------------------------

def _detail_context(request, task, **forms):
    user = request.user
    reports = (
        ProgressReport.objects.filter(task=task).select_related("org_unit", "reported_by")
        .prefetch_related("evidence").order_by("-reported_on", "-pk")
    )
    extensions = list(task.extensions.select_related("requested_by", "decided_by").order_by("-created_at", "-pk"))
    pending = next((e for e in extensions if e.state == ExtensionState.PENDING), None)
    is_done = task.done_at is not None
    report_units = services.reporting_units_for(user, task)
    may_manage = services.can_manage(user, task)
    may_lead = services.can_lead(user, task)
    if report_units and not is_done and "report_form" not in forms:
        # Viewing a past day, a report is dated that day (filling in an older report).
        forms["report_form"] = ReportForm(initial={"version": task.version, "reported_on": request.as_of},
                                          units=OrgUnit.objects.filter(pk__in=[u.pk for u in report_units]))
    if may_lead and not is_done and pending is None and "extension_form" not in forms:
        forms["extension_form"] = ExtensionRequestForm(initial={"version": task.version})
    if may_manage and pending is not None and "decision_form" not in forms:
        forms["decision_form"] = ExtensionDecisionForm(initial={"version": pending.version})
    if may_manage and is_done and "reopen_form" not in forms:
        forms["reopen_form"] = ReopenForm(initial={"version": task.version})
    return {
        "task": task, "reports": reports, "extensions": extensions, "pending": pending,
        "may_manage": may_manage, "coordinating": list(task.coordinating_units.all()),
        "related_history": _related_history(task), **forms,
    }


def _related_history(task):
    """Changes to the task's reports, evidence and extension requests, newest first, written
    with the same helpers as ``{% history_table %}`` (``core.history``)."""
    from mandate.core.history import person

    report_ids = list(task.reports.values_list("pk", flat=True))
    rows = []
    kinds = {"+": _("created"), "-": _("deleted")}
    for model, label, qs in (
        (ProgressReport, _("Progress report"), ProgressReport.history.filter(task_id=task.pk)),
        (Evidence, _("Evidence file"), Evidence.history.filter(report_id__in=report_ids)),
        (DeadlineExtension, _("Request for more time"), DeadlineExtension.history.filter(task_id=task.pk)),
    ):
        for record in qs.select_related("history_user").order_by("-history_date")[:50]:
            rows.append({"record": record, "label": label, "text": _history_text(model, record),
                         "who": person(record.history_user), "kind": kinds.get(record.history_type, _("changed"))})
    rows.sort(key=lambda r: r["record"].history_date, reverse=True)
    return rows


def _history_text(model, record) -> str:
    from mandate.core.history import format_value

    def v(name):
        return format_value(model._meta.get_field(name), getattr(record, name))

    if model is ProgressReport:
        return f"{v('percent')}% · {v('reported_on')}" + (f" · {record.narrative[:80]}" if record.narrative else "")
    if model is Evidence:
        return record.original_name
    return f"{v('previous_deadline')} → {v('proposed_deadline')} · {v('state')}"


@login_required
def detail(request, pk):
    task = _visible_task(request, pk)
    return render(request, "tasks/detail.html", _detail_context(request, task))


def _refused(request, task, form_name, form, exc):
    """Re-show the task page with the refused form as typed: 409 for a stale version."""
    add_service_errors(form, exc)
    status = 409 if isinstance(exc, ConflictError) or getattr(exc, "code", None) == "conflict" else 400
    return render(request, "tasks/detail.html", _detail_context(request, task, **{form_name: form}), status=status)


@login_required
@require_POST
def report(request, pk):
    task = _visible_task(request, pk)
    units = OrgUnit.objects.filter(pk__in=[u.pk for u in services.reporting_units_for(request.user, task)])
    if not units:
        raise PermissionDenied(_("Only the lead and coordinating units report on this task."))
    form = ReportForm(request.POST, request.FILES, units=units)
    if not form.is_valid():
        return render(request, "tasks/detail.html", _detail_context(request, task, report_form=form), status=400)
    d = form.cleaned_data
    try:
        services.report_progress(
            task, actor=request.user, expected_version=d["version"], percent=d["percent"],
            narrative=d["narrative"], files=d["files"], org_unit=d["org_unit"], reported_on=d["reported_on"],
            mark_done=d["mark_done"], result=d["result"], done_on=d["done_on"],
        )
    except ValidationError as exc:
        return _refused(request, task, "report_form", form, exc)
    messages.success(request, _("The task is marked done.") if d["mark_done"] else _("Your report is saved."))
    return redirect(task)


@login_required
@require_POST
def request_extension(request, pk):
    task = _visible_task(request, pk)
    form = ExtensionRequestForm(request.POST)
    if not form.is_valid():
        return render(request, "tasks/detail.html", _detail_context(request, task, extension_form=form), status=400)
    try:
        services.request_extension(task, actor=request.user, expected_version=form.cleaned_data["version"],
                                   reason=form.cleaned_data["reason"],
                                   proposed_deadline=form.cleaned_data["proposed_deadline"])
    except ValidationError as exc:
        return _refused(request, task, "extension_form", form, exc)
    messages.success(request, _("Your request for more time is sent to the assigning unit."))
    return redirect(task)


@login_required
@require_POST
def decide_extension(request, pk):
    extension = get_object_or_404(DeadlineExtension, pk=pk)
    task = _visible_task(request, extension.task_id)
    form = ExtensionDecisionForm(request.POST)
    if not form.is_valid():
        return render(request, "tasks/detail.html", _detail_context(request, task, decision_form=form), status=400)
    grant = form.cleaned_data["decision"] == "grant"
    try:
        services.decide_extension(extension, actor=request.user, expected_version=form.cleaned_data["version"],
                                  grant=grant, comment=form.cleaned_data["comment"])
    except ValidationError as exc:
        return _refused(request, task, "decision_form", form, exc)
    messages.success(request, _("The deadline is moved.") if grant else _("The request is refused."))
    return redirect(task)


@login_required
@require_POST
def reopen(request, pk):
    task = _visible_task(request, pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return render(request, "tasks/detail.html", _detail_context(request, task, reopen_form=form), status=400)
    try:
        services.reopen_task(task, actor=request.user, expected_version=form.cleaned_data["version"],
                             reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        return _refused(request, task, "reopen_form", form, exc)
    messages.success(request, _("The task is reopened."))
    return redirect(task)


@login_required
def evidence(request, pk):
    item = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    if not services.visible_tasks(request.user).filter(pk=item.report.task_id).exists():
        raise Http404
    return serve_file(item.file, item.original_name, inline=request.GET.get("preview") == "1")


# --- Assigning and editing -----------------------------------------------------------------

@login_required
def assign(request):
    user = request.user
    assigning_units = _assigning_units(request)
    if not assigning_units.exists():
        raise PermissionDenied(_("Assigning tasks needs the approver role."))
    kwargs = {"units": _units(request), "documents": _documents(user), "assigning_units": assigning_units}
    initial = {}
    if request.GET.get("document"):
        initial["source_document"] = request.GET["document"]
    form = AssignForm(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        leads = list(d["lead_units"])
        if d.get("parent") and d.get("kinds"):
            leads += list(services.units_under(d["parent"], d["kinds"], request.as_of))
        common = {
            "actor": user, "title": d["title"], "description": d["description"],
            "assigning_unit": d["assigning_unit"], "coordinating_units": d["coordinating_units"],
            "deadline": d["deadline"], "expected_result": d["expected_result"], "priority": d["priority"],
            "source_document": d["source_document"], "source_note": d["source_note"],
            "assigned_on": request.as_of,
        }
        try:
            if len(set(leads)) == 1:
                task = services.assign_task(lead_unit=leads[0], **common)
                messages.success(request, _("The task is assigned."))
                return redirect(task)
            tasks = services.assign_to_many(lead_units=leads, **common)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("assigning_unit", str(exc))
        else:
            messages.success(request, _("The task is assigned to %(count)s units.") % {"count": len(tasks)})
            return redirect(reverse("tasks:list") + f"?batch={tasks[0].batch}")
    return render(request, "tasks/form.html", {"form": form, "title": _("Assign a task")},
                  status=400 if form.errors else 200)


@login_required
def edit(request, pk):
    task = _visible_task(request, pk)
    if not services.can_manage(request.user, task):
        raise PermissionDenied(_("Only the assigning unit's approvers change a task."))
    kwargs = {"units": _units(request), "documents": _documents(request.user)}
    initial = {
        "version": task.version, "title": task.title, "description": task.description,
        "source_document": task.source_document_id, "source_note": task.source_note,
        "lead_unit": task.lead_unit_id, "coordinating_units": [u.pk for u in task.coordinating_units.all()],
        "deadline": task.deadline, "expected_result": task.expected_result, "priority": task.priority,
    }
    form = TaskEditForm(request.POST or None, initial=initial, **kwargs)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = dict(form.cleaned_data)
            version = d.pop("version")
            coordinating = d.pop("coordinating_units")
            try:
                services.update_task(task, actor=request.user, expected_version=version,
                                     coordinating_units=coordinating, **d)
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 409 if isinstance(exc, ConflictError) else 400
            else:
                messages.success(request, _("The task is saved."))
                return redirect(task)
    return render(request, "tasks/form.html", {"form": form, "task": task, "title": _("Change the task")},
                  status=status)


# --- Excel import --------------------------------------------------------------------------

@login_required
def import_template(request):
    units = list(_units(request)[:5000])
    response = HttpResponse(excel.import_template(units), content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="tasks-import-template.xlsx"'
    return response


@login_required
def import_tasks(request):
    assigning_units = _assigning_units(request)
    if not assigning_units.exists():
        raise PermissionDenied(_("Importing tasks needs the approver role."))
    form = ImportForm(request.POST or None, request.FILES or None, assigning_units=assigning_units)
    problems, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                created = excel.import_tasks(
                    form.cleaned_data["file"], actor=request.user,
                    assigning_unit=form.cleaned_data["assigning_unit"],
                    visible_units=_units(request), visible_documents=_documents(request.user),
                    assigned_on=request.as_of,
                )
            except excel.ImportRefused as exc:
                problems = exc.messages
            else:
                messages.success(request, _("%(count)s tasks imported.") % {"count": len(created)})
                batch_filter = f"?assigning_unit={form.cleaned_data['assigning_unit'].pk}"
                return redirect(reverse("tasks:list") + batch_filter)
    return render(request, "tasks/import.html", {"form": form, "problems": problems}, status=status)


# --- Leader's table ------------------------------------------------------------------------

@login_required
def leader(request):
    unit = _viewing_unit(request)
    rows, total = queries.leader_table(unit, request.as_of)
    bars = queries.completions_by_month(unit, request.as_of)
    root = membership_of(request.user)
    trail = OrgUnit.objects.ancestors_of(unit)
    if root is not None:
        trail = trail.filter(path__startswith=root.org_unit.path)
    return render(request, "tasks/leader.html", {
        "unit": unit, "rows": rows, "total": total, "chart": completions_chart(bars), "bars": bars,
        "trail": list(trail.order_by("depth")),
    })


