"""Writes to tasks: assigning (to one unit or many in one step), editing, progress reports
with evidence, marking done, and deadline extensions. Views, the API, the Excel import and
other apps (movements, projects) call these; each checks the actor's role, validates, writes
in one transaction and leaves history behind.

Who may do what:
- assign, edit, decide extensions: approver (or above) on the task's assigning unit;
- report progress, mark done, ask for more time: reporter (or above) on the lead unit or a
  coordinating unit (only the lead unit marks done and asks for more time);
- read: anyone whose subtree holds the lead, the assigning or a coordinating unit.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.accounts.access import can_see_unit, has_role_on, require_role_on
from mandate.accounts.models import Role
from mandate.core.exceptions import ConflictError
from mandate.core.models import MAX_NOTE_CHARS, MIN_DATE
from mandate.core.services import bump_version, check_version
from mandate.core.uploads import extension_of, validate_upload
from mandate.orgs.models import OrgUnit

from .models import DeadlineExtension, Evidence, ExtensionState, Priority, ProgressReport, Task

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# The kinds of evidence accepted; each file is checked by parsing it (core.uploads).
EVIDENCE_TYPES = ("pdf", "docx", "xlsx", "jpg", "jpeg", "png")
MAX_EVIDENCE_FILES = 10


# --- Assigning ---------------------------------------------------------------------------

def check_units_visible(actor, units: Iterable[OrgUnit], field: str) -> None:
    if actor is None:
        return
    hidden = [u.display_name for u in units if not can_see_unit(actor, u)]
    if hidden:
        raise ValidationError({field: _("Outside your part of the organization: %(units)s.")
                               % {"units": ", ".join(hidden)}})


def _validate_task_fields(task: Task, coordinating: list[OrgUnit]) -> None:
    errors = {}
    if not task.title.strip():
        errors["title"] = _("Enter what the task is.")
    if task.deadline is None:
        errors["deadline"] = _("Enter the deadline.")
    elif task.assigned_on and task.deadline < task.assigned_on:
        errors["deadline"] = _("The deadline (%(deadline)s) is before the day the task is assigned (%(assigned)s).") % {
            "deadline": task.deadline.strftime("%d/%m/%Y"), "assigned": task.assigned_on.strftime("%d/%m/%Y")}
    if task.source_document_id is None and not task.source_note.strip():
        errors["source_note"] = _("Say where the task comes from: choose the document or write the source "
                                  "(e.g. the conclusion of a meeting).")
    if task.priority not in Priority.values:
        errors["priority"] = _("Choose a priority: low, normal, high or urgent.")
    if any(u.pk == task.lead_unit_id for u in coordinating):
        errors["coordinating_units"] = _("The lead unit cannot also be a coordinating unit.")
    if errors:
        raise ValidationError(errors)


def _build_task(*, actor, title, lead_unit, deadline, assigning_unit, description, coordinating_units,
                expected_result, priority, source_document, source_note, assigned_on, batch, is_demo):
    task = Task(
        title=(title or "").strip(), description=description or "", lead_unit=lead_unit,
        assigning_unit=assigning_unit, deadline=deadline, original_deadline=deadline,
        expected_result=expected_result or "", priority=priority or Priority.NORMAL,
        source_document=source_document, source_note=(source_note or "").strip(),
        assigned_on=assigned_on or timezone.localdate(), batch=batch, is_demo=is_demo,
        assigned_by=actor,
    )
    _validate_task_fields(task, coordinating_units)
    return task


@transaction.atomic
def assign_task(*, actor, title: str, lead_unit: OrgUnit, deadline: datetime.date, assigning_unit: OrgUnit,
                description: str = "", coordinating_units: Iterable[OrgUnit] = (), expected_result: str = "",
                priority: str = Priority.NORMAL, source_document=None, source_note: str = "",
                assigned_on: datetime.date | None = None, batch: uuid.UUID | None = None,
                is_demo: bool = False) -> Task:
    """Assign one task to ``lead_unit`` on behalf of ``assigning_unit``.

    ``actor`` must be an approver on ``assigning_unit`` and see every unit named.
    ``actor=None`` is the system itself (the demo loader, a management command).
    A task needs a source: ``source_document`` and/or ``source_note``.
    """
    coordinating = list(coordinating_units)
    if actor is not None:
        require_role_on(actor, assigning_unit, Role.APPROVER)
    check_units_visible(actor, [lead_unit], "lead_unit")
    check_units_visible(actor, coordinating, "coordinating_units")
    task = _build_task(actor=actor, title=title, lead_unit=lead_unit, deadline=deadline,
                       assigning_unit=assigning_unit, description=description, coordinating_units=coordinating,
                       expected_result=expected_result, priority=priority, source_document=source_document,
                       source_note=source_note, assigned_on=assigned_on, batch=batch, is_demo=is_demo)
    task.full_clean(exclude=["original_deadline"])
    task.save()
    if coordinating:
        task.coordinating_units.set(coordinating)
    return task


@transaction.atomic
def assign_to_many(*, actor, lead_units: Iterable[OrgUnit], **common) -> list[Task]:
    """The same task to each of ``lead_units`` in one step: one Task per lead unit, all
    sharing one batch id. Either all are created or none."""
    units = list(dict.fromkeys(lead_units))
    if not units:
        raise ValidationError({"lead_units": _("Choose at least one unit to assign the task to.")})
    batch = uuid.uuid4()
    coordinating = list(common.pop("coordinating_units", ()))
    tasks = []
    for unit in units:
        # A unit that coordinates and leads at once leads only.
        own_coordinating = [u for u in coordinating if u.pk != unit.pk]
        tasks.append(assign_task(actor=actor, lead_unit=unit, coordinating_units=own_coordinating,
                                 batch=batch, **common))
    return tasks


def units_under(parent: OrgUnit, kinds: Iterable[str], day: datetime.date):
    """The open units of the given kinds anywhere under ``parent`` on ``day`` (for
    "all communes and wards of the city")."""
    return (
        OrgUnit.objects.valid_on(day)
        .subtree_of(parent, include_self=False)
        .filter(kind__in=list(kinds))
        .order_by("path")
    )



# --- Reading: who sees and may do what ------------------------------------------------------

def visible_tasks(user):
    """Tasks whose lead, assigning or a coordinating unit lies in the user's subtree."""
    from mandate.accounts.access import membership_of

    if getattr(user, "is_superuser", False):
        return Task.objects.all()
    membership = membership_of(user)
    if membership is None:
        return Task.objects.none()
    # The subtree as ``accounts.access.visible_units`` has it: with the units merged into it.
    from django.db.models import Exists, OuterRef, Q

    from mandate.accounts.access import visible_units

    units = visible_units(user)
    coordinating = Task.coordinating_units.through.objects.filter(task=OuterRef("pk"), orgunit__in=units)
    return Task.objects.filter(Q(lead_unit__in=units) | Q(assigning_unit__in=units) | Exists(coordinating))


def can_manage(user, task: Task) -> bool:
    """Edit the task, decide extensions: approver on the assigning unit."""
    return has_role_on(user, task.assigning_unit, Role.APPROVER)


def reporting_units_for(user, task: Task) -> list[OrgUnit]:
    """The units of the task (lead first, then coordinating) the user may report for."""
    units = [task.lead_unit, *task.coordinating_units.all()]
    return [u for u in units if has_role_on(user, u, Role.REPORTER)]


def can_report(user, task: Task) -> bool:
    return bool(reporting_units_for(user, task))


def can_lead(user, task: Task) -> bool:
    """Mark done and ask for more time: reporter on the lead unit."""
    return has_role_on(user, task.lead_unit, Role.REPORTER)


# --- Editing ---------------------------------------------------------------------------------

def _locked_task(task: Task, expected_version: int | None) -> Task:
    task = Task.objects.select_for_update().select_related("lead_unit", "assigning_unit").get(pk=task.pk)
    check_version(task, expected_version)
    return task


EDITABLE_FIELDS = ("title", "description", "expected_result", "priority", "source_document", "source_note",
                   "deadline", "lead_unit")


@transaction.atomic
def update_task(task: Task, *, actor, expected_version: int | None, coordinating_units=None, **fields) -> Task:
    """The assigning unit corrects a task. A changed deadline is kept in the history; the
    original deadline stays as it was assigned."""
    task = _locked_task(task, expected_version)
    require_role_on(actor, task.assigning_unit, Role.APPROVER)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if "lead_unit" in fields:
        check_units_visible(actor, [fields["lead_unit"]], "lead_unit")
    coordinating = list(coordinating_units) if coordinating_units is not None else list(task.coordinating_units.all())
    if coordinating_units is not None:
        check_units_visible(actor, coordinating, "coordinating_units")
    for name, value in fields.items():
        setattr(task, name, value.strip() if isinstance(value, str) and name != "priority" else value)
    _validate_task_fields(task, coordinating)
    task.full_clean()
    bump_version(task)
    task.save()
    if coordinating_units is not None:
        task.coordinating_units.set(coordinating)
    return task


# --- Progress reports ------------------------------------------------------------------------

def validate_evidence(files) -> None:
    """Refuse the whole report when one file is too big or of a kind not accepted."""
    errors = []
    if len(files) > MAX_EVIDENCE_FILES:
        errors.append(_("Attach at most %(count)s files to one report.") % {"count": MAX_EVIDENCE_FILES})
    for f in files:
        name = getattr(f, "name", "") or ""
        if extension_of(name) not in EVIDENCE_TYPES:
            errors.append(_("“%(name)s” is not accepted: attach PDF, Word (.docx), Excel (.xlsx), JPG or PNG files.")
                          % {"name": name})
            continue
        try:
            validate_upload(f, kinds=EVIDENCE_TYPES, max_bytes=MAX_EVIDENCE_BYTES)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"files": errors})


def _int_percent(raw) -> int:
    try:
        value = int(str(raw).strip().rstrip("%"))
    except (TypeError, ValueError):
        raise ValidationError({"percent": _("Enter the progress as a whole number from 0 to 100.")}) from None
    if not 0 <= value <= 100:
        raise ValidationError({"percent": _("Enter the progress as a whole number from 0 to 100.")})
    return value


def _notify_users(users, event: str, params: dict, url: str, body: str = "") -> None:
    from mandate.accounts.notify import notify

    notify(users, event, params, url, body)


def _members_with_role(unit: OrgUnit, role: str):
    from django.contrib.auth import get_user_model

    from mandate.accounts.models import ROLE_RANK

    roles = [r for r, rank in ROLE_RANK.items() if rank >= ROLE_RANK[role]]
    return get_user_model().objects.filter(is_active=True, membership__org_unit=unit, membership__role__in=roles)


@transaction.atomic
def report_progress(task: Task, *, actor, expected_version: int | None, percent, narrative: str = "",
                    files=(), org_unit: OrgUnit | None = None, reported_on: datetime.date | None = None,
                    mark_done: bool = False, result: str = "", done_on: datetime.date | None = None) -> ProgressReport:
    """A lead or coordinating unit reports how far the task is, with evidence files.

    ``expected_version`` is the task's version the reporter saw: when someone else reported
    or changed the task in between, the report is refused (ConflictError) so that nobody
    reports on top of a state they have not seen. With ``mark_done`` the lead unit closes
    the task: 100 %, its result and the day it was done.
    """
    task = _locked_task(task, expected_version)
    files = list(files or [])
    if org_unit is None and actor is None:
        org_unit = task.lead_unit
    elif org_unit is None:
        units = reporting_units_for(actor, task)
        if not units:
            raise PermissionDenied(_("Only the lead and coordinating units report on this task."))
        org_unit = units[0]
    elif org_unit.pk != task.lead_unit_id and not task.coordinating_units.filter(pk=org_unit.pk).exists():
        raise ValidationError({"org_unit": _("%(unit)s is neither the lead nor a coordinating unit of this task.")
                               % {"unit": org_unit.display_name}})
    if actor is not None:
        require_role_on(actor, org_unit, Role.REPORTER)
    if task.done_at is not None:
        raise ValidationError(_("This task was marked done on %(day)s; it takes no more reports.")
                              % {"day": task.done_at.strftime("%d/%m/%Y")}, code="done")
    today = timezone.localdate()
    reported_on = reported_on or today
    errors = {}
    try:
        percent = _int_percent(100 if mark_done and percent in (None, "") else percent)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if reported_on > today:
        errors["reported_on"] = _("A report cannot be dated in the future.")
    elif reported_on < MIN_DATE:
        errors["reported_on"] = _("Enter a date from 01/01/1945 to 31/12/2100.")
    if len(narrative or "") > MAX_NOTE_CHARS or len(result or "") > MAX_NOTE_CHARS:
        errors["narrative" if len(narrative or "") > MAX_NOTE_CHARS else "result"] = _(
            "Write at most %(count)s characters.") % {"count": "5.000"}
    if mark_done:
        done_on = done_on or today
        if org_unit.pk != task.lead_unit_id:
            errors["mark_done"] = _("Only the lead unit marks the task done.")
        if not (result or "").strip():
            errors["result"] = _("Describe the result to mark the task done.")
        if done_on > today:
            errors["done_on"] = _("The day the task was done cannot be in the future.")
        elif done_on < MIN_DATE:
            errors["done_on"] = _("Enter a date from 01/01/1945 to 31/12/2100.")
        elif done_on < task.assigned_on:
            errors["done_on"] = _("The task was assigned on %(day)s; it cannot be done before that.") % {
                "day": task.assigned_on.strftime("%d/%m/%Y")}
        if "percent" not in errors and percent != 100:
            errors["percent"] = _("A task marked done is at 100%.")
    try:
        validate_evidence(files)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    report = ProgressReport.objects.create(
        task=task, org_unit=org_unit, percent=percent, narrative=(narrative or "").strip(),
        reported_on=done_on if mark_done else reported_on, reported_by=actor, marks_done=mark_done,
    )
    for f in files:
        Evidence.objects.create(report=report, file=f, original_name=f.name[:255], size=f.size)
    if org_unit.pk == task.lead_unit_id:
        task.progress_percent = percent
    if mark_done:
        task.done_at = done_on
        task.result = result.strip()
    bump_version(task)
    task.save()
    if mark_done and task.assigned_by_id:
        from mandate.accounts.notify import date_param, unit_param

        _notify_users([task.assigned_by], "task_done", {"title": task.title, "unit": unit_param(org_unit),
                                                        "day": date_param(done_on)}, task.get_absolute_url())
    return report


@transaction.atomic
def reopen_task(task: Task, *, actor, expected_version: int | None, reason: str) -> Task:
    """The assigning unit sends a task marked done back to work (the result was not enough)."""
    task = _locked_task(task, expected_version)
    require_role_on(actor, task.assigning_unit, Role.APPROVER)
    if task.done_at is None:
        raise ValidationError(_("This task is not done."), code="not_done")
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the task is reopened.")})
    task.done_at = None
    bump_version(task)
    task._change_reason = reason.strip()[:100]
    task.save()
    return task


# --- Deadline extensions -------------------------------------------------------------------

@transaction.atomic
def request_extension(task: Task, *, actor, expected_version: int | None, reason: str,
                      proposed_deadline: datetime.date) -> DeadlineExtension:
    """The lead unit asks the assigning unit for a later deadline (``actor=None``: the system)."""
    task = _locked_task(task, expected_version)
    if actor is not None:
        require_role_on(actor, task.lead_unit, Role.REPORTER)
    errors = {}
    if task.done_at is not None:
        raise ValidationError(_("This task is done; its deadline no longer matters."), code="done")
    if not (reason or "").strip():
        errors["reason"] = _("Say why more time is needed.")
    if proposed_deadline is None:
        errors["proposed_deadline"] = _("Enter the deadline you propose.")
    elif proposed_deadline <= task.deadline:
        errors["proposed_deadline"] = _("Propose a day after the current deadline (%(day)s).") % {
            "day": task.deadline.strftime("%d/%m/%Y")}
    if errors:
        raise ValidationError(errors)
    if task.extensions.filter(state=ExtensionState.PENDING).exists():
        raise ValidationError(_("A request for more time is already waiting for a decision."), code="pending")
    extension = DeadlineExtension.objects.create(
        task=task, requested_by=actor, reason=reason.strip(), previous_deadline=task.deadline,
        proposed_deadline=proposed_deadline,
    )
    from mandate.accounts.notify import date_param, unit_param

    _notify_users(_members_with_role(task.assigning_unit, Role.APPROVER), "extension_requested", {
        "title": task.title, "unit": unit_param(task.lead_unit), "old": date_param(task.deadline),
        "new": date_param(proposed_deadline)}, task.get_absolute_url(), reason.strip())
    return extension


@transaction.atomic
def decide_extension(extension: DeadlineExtension, *, actor, expected_version: int | None, grant: bool,
                     comment: str = "") -> DeadlineExtension:
    """The assigning unit grants (the deadline moves) or refuses a request for more time
    (``actor=None``: the system)."""
    extension = DeadlineExtension.objects.select_for_update().get(pk=extension.pk)
    check_version(extension, expected_version)
    task = Task.objects.select_for_update().select_related("lead_unit", "assigning_unit").get(pk=extension.task_id)
    if actor is not None:
        require_role_on(actor, task.assigning_unit, Role.APPROVER)
    if extension.state != ExtensionState.PENDING:
        raise ConflictError(_("This request was already decided (%(state)s).")
                              % {"state": extension.get_state_display()}, code="conflict")
    if not grant and not (comment or "").strip():
        raise ValidationError({"comment": _("Say why the request is refused.")})
    extension.state = ExtensionState.GRANTED if grant else ExtensionState.REFUSED
    extension.decided_by = actor
    extension.decided_at = timezone.now()
    extension.decision_comment = (comment or "").strip()
    bump_version(extension)
    extension.save()
    if grant:
        task.deadline = extension.proposed_deadline
        bump_version(task)
        task.save()
    if extension.requested_by_id:
        _notify_users([extension.requested_by], "extension_granted" if grant else "extension_refused",
                      {"title": task.title}, task.get_absolute_url(), extension.decision_comment)
    return extension


__all__ = [
    "MAX_EVIDENCE_BYTES",
    "EVIDENCE_TYPES",
    "assign_task",
    "assign_to_many",
    "units_under",
    "visible_tasks",
    "can_manage",
    "can_report",
    "can_lead",
    "reporting_units_for",
    "update_task",
    "validate_evidence",
    "report_progress",
    "reopen_task",
    "request_extension",
    "decide_extension",
]
