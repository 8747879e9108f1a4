"""Writes to emulation movements. The organizer's approvers launch a movement, decide on
registrations and record commendations; the units' reporters register their own tasks.
An approved registration becomes a Task through ``tasks.services.assign_task``."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.accounts.access import require_role_on
from mandate.accounts.models import Role
from mandate.core.services import bump_version, check_version
from mandate.documents.numbering import InvalidNumber, parse_number
from mandate.documents.services import NUMBER_ERRORS
from mandate.orgs.models import OrgUnit, UnitKind
from mandate.tasks.services import assign_task

from .models import Commendation, Movement, Registration, RegistrationState


def today() -> datetime.date:
    """The day registrations and decisions are made (one place, so tests can set it)."""
    return timezone.localdate()


def _validate_rules(movement: Movement) -> None:
    errors = {}
    known = set(UnitKind.values)
    if not movement.eligible_kinds:
        errors["eligible_kinds"] = _("Choose at least one kind of unit that takes part.")
    elif set(movement.eligible_kinds) - known:
        errors["eligible_kinds"] = _("Unknown kind of unit: %(kinds)s.") % {
            "kinds": ", ".join(sorted(set(movement.eligible_kinds) - known))}
    if movement.min_tasks is None or movement.min_tasks < 1:
        errors["min_tasks"] = _("Each unit registers at least one task.")
    elif movement.max_tasks is None or movement.max_tasks < movement.min_tasks:
        errors["max_tasks"] = _("The maximum number of tasks cannot be smaller than the minimum.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def launch_movement(*, actor, organizer: OrgUnit, document, title: str, registration_deadline: datetime.date,
                    eligible_kinds, min_tasks: int = 1, max_tasks: int = 3, occasion: str = "",
                    occasion_date: datetime.date | None = None, description: str = "",
                    is_demo: bool = False) -> Movement:
    if actor is not None:
        require_role_on(actor, organizer, Role.APPROVER)
    movement = Movement(organizer=organizer, document=document, title=(title or "").strip(),
                        registration_deadline=registration_deadline, eligible_kinds=list(eligible_kinds),
                        min_tasks=min_tasks, max_tasks=max_tasks, occasion=occasion, occasion_date=occasion_date,
                        description=description, is_demo=is_demo)
    if not movement.title:
        raise ValidationError({"title": _("Give the movement a title.")})
    _validate_rules(movement)
    movement.full_clean()
    movement.save()
    return movement


MOVEMENT_FIELDS = {"title", "registration_deadline", "eligible_kinds", "min_tasks", "max_tasks", "occasion",
                   "occasion_date", "description"}


@transaction.atomic
def update_movement(movement: Movement, *, actor, expected_version: int | None, **fields) -> Movement:
    movement = Movement.objects.select_for_update().select_related("organizer").get(pk=movement.pk)
    require_role_on(actor, movement.organizer, Role.APPROVER)
    check_version(movement, expected_version)
    unknown = set(fields) - MOVEMENT_FIELDS
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(unknown)})
    for name, value in fields.items():
        setattr(movement, name, list(value) if name == "eligible_kinds" else value)
    _validate_rules(movement)
    movement.full_clean()
    bump_version(movement)
    movement.save()
    return movement


def eligibility_error(movement: Movement, unit: OrgUnit, day: datetime.date) -> str | None:
    """Why ``unit`` may not take part in ``movement`` on ``day``, or None if it may."""
    if not unit.path.startswith(movement.organizer.path):
        return _("%(unit)s is not under %(organizer)s, which organizes this movement.") % {
            "unit": unit.display_name, "organizer": movement.organizer.display_name}
    if unit.kind not in movement.eligible_kinds:
        return _("Units of kind “%(kind)s” do not take part in this movement; it is open to: %(kinds)s.") % {
            "kind": unit.get_kind_display(), "kinds": ", ".join(movement.eligible_kind_labels())}
    if not unit.is_valid_on(day):
        return _("%(unit)s no longer exists on %(day)s.") % {"unit": unit.display_name,
                                                            "day": day.strftime("%d/%m/%Y")}
    return None


@transaction.atomic
def register_task(*, actor, movement: Movement, unit: OrgUnit, title: str, deadline: datetime.date,
                  description: str = "", expected_result: str = "", registered_on: datetime.date | None = None,
                  is_demo: bool = False) -> Registration:
    """A unit registers one of its tasks for the movement.

    Refused, with the reason, after the registration deadline, for a unit that does not take
    part, or beyond the maximum number of tasks per unit. The movement row is locked so that
    two registrations sent at once cannot together exceed the maximum.
    ``registered_on`` is for the system (``actor=None``: the demo loader); people register today.
    """
    movement = Movement.objects.select_for_update().select_related("organizer").get(pk=movement.pk)
    if actor is not None:
        require_role_on(actor, unit, Role.REPORTER)
        registered_on = today()
    registered_on = registered_on or today()
    reason = eligibility_error(movement, unit, registered_on)
    if reason:
        raise ValidationError({"unit": reason}, code="not_eligible")
    if registered_on > movement.registration_deadline:
        raise ValidationError(
            _("Registration for this movement closed on %(day)s.")
            % {"day": movement.registration_deadline.strftime("%d/%m/%Y")},
            code="registration_closed",
        )
    registered = Registration.objects.filter(movement=movement, unit=unit).exclude(
        state=RegistrationState.REJECTED).count()
    if registered >= movement.max_tasks:
        raise ValidationError(
            _("%(unit)s has already registered %(count)s tasks; this movement allows at most %(max)s per unit.")
            % {"unit": unit.display_name, "count": registered, "max": movement.max_tasks},
            code="too_many_tasks",
        )
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Say what the task is.")
    if deadline is None:
        errors["deadline"] = _("Give the task a deadline.")
    elif deadline < registered_on:
        errors["deadline"] = _("The deadline cannot be before the day of registration.")
    if errors:
        raise ValidationError(errors)
    registration = Registration(movement=movement, unit=unit, title=title.strip(), description=description,
                                deadline=deadline, expected_result=expected_result, registered_on=registered_on,
                                registered_by=actor, is_demo=is_demo)
    registration.full_clean()
    registration.save()
    return registration


def _locked_registration(registration: Registration, expected_version: int | None) -> Registration:
    registration = Registration.objects.select_for_update().select_related(
        "movement__organizer", "movement__document", "unit").get(pk=registration.pk)
    check_version(registration, expected_version)
    if registration.state != RegistrationState.PENDING:
        raise ValidationError(
            _("This registration is already %(state)s; nothing was changed.")
            % {"state": registration.get_state_display()}, code="conflict")
    return registration


@transaction.atomic
def approve_registration(registration: Registration, *, actor, expected_version: int | None = None,
                         comment: str = "", decided_on: datetime.date | None = None) -> Registration:
    """The organizer accepts the task: it becomes a Task assigned by the organizer to the
    registering unit, from the movement's plan document."""
    registration = _locked_registration(registration, expected_version)
    movement = registration.movement
    if actor is not None:
        require_role_on(actor, movement.organizer, Role.APPROVER)
        decided_on = today()
    decided_on = decided_on or today()
    registration.task = assign_task(
        actor=actor, title=registration.title, lead_unit=registration.unit, deadline=registration.deadline,
        assigning_unit=movement.organizer, description=registration.description,
        expected_result=registration.expected_result, source_document=movement.document,
        source_note=_("Emulation movement: %(title)s") % {"title": movement.title},
        # The unit committed to the task the day it registered it.
        assigned_on=registration.registered_on, is_demo=registration.is_demo,
    )
    registration.state, registration.decided_by, registration.decided_on = RegistrationState.APPROVED, actor, decided_on
    registration.decision_comment = comment
    bump_version(registration)
    registration.save()
    return registration


@transaction.atomic
def reject_registration(registration: Registration, *, actor, comment: str,
                        expected_version: int | None = None) -> Registration:
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say why the task is not accepted, so the unit can register another.")})
    registration = _locked_registration(registration, expected_version)
    require_role_on(actor, registration.movement.organizer, Role.APPROVER)
    registration.state, registration.decided_by, registration.decided_on = (
        RegistrationState.REJECTED, actor, today())
    registration.decision_comment = comment
    bump_version(registration)
    registration.save()
    return registration


def check_decision_number(raw: str) -> str:
    """A decision number that looks like a document number (it has a digit) must parse as one;
    it is then stored as printed normally (``123/QĐ-UBND``). Free text without digits is kept."""
    text = (raw or "").strip()
    if not re.search(r"\d", text):
        return text
    try:
        return parse_number(text).printed
    except InvalidNumber as exc:
        raise ValidationError({"decision_number": NUMBER_ERRORS[exc.reason_code]}, code=exc.reason_code) from exc


@transaction.atomic
def record_commendation(*, actor, movement: Movement, recipient: str, kind: str, level: str,
                        awarded_on: datetime.date, decision_number: str = "", unit: OrgUnit | None = None,
                        is_demo: bool = False) -> Commendation:
    if actor is not None:
        require_role_on(actor, movement.organizer, Role.APPROVER)
    recipient = (recipient or "").strip() or (unit.name_vi if unit else "")
    if not recipient:
        raise ValidationError({"recipient": _("Name the unit or the person commended.")})
    if unit is not None and not unit.path.startswith(movement.organizer.path):
        raise ValidationError({"unit": _("%(unit)s is not under %(organizer)s, which organizes this movement.") % {
            "unit": unit.display_name, "organizer": movement.organizer.display_name}})
    commendation = Commendation(movement=movement, recipient=recipient, unit=unit, kind=kind, level=level,
                                awarded_on=awarded_on, decision_number=check_decision_number(decision_number),
                                is_demo=is_demo)
    commendation.full_clean()
    commendation.save()
    return commendation


@transaction.atomic
def update_commendation(commendation: Commendation, *, actor, expected_version: int | None, **fields) -> Commendation:
    commendation = Commendation.objects.select_for_update().select_related("movement__organizer").get(
        pk=commendation.pk)
    require_role_on(actor, commendation.movement.organizer, Role.APPROVER)
    check_version(commendation, expected_version)
    if "decision_number" in fields:
        fields["decision_number"] = check_decision_number(fields["decision_number"])
    for name in ("recipient", "kind", "level", "awarded_on", "decision_number"):
        if name in fields:
            setattr(commendation, name, fields[name])
    commendation.full_clean()
    bump_version(commendation)
    commendation.save()
    return commendation
