"""Reads for the movement pages and the API, set-based: a fixed number of queries
whatever the number of units and registrations."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q

from mandate.accounts.access import membership_of
from mandate.orgs.models import OrgUnit
from mandate.tasks.models import Task
from mandate.tasks.state import TaskState

from .models import Commendation, Movement, Registration, RegistrationState

ACTIVE_STATES = [RegistrationState.PENDING, RegistrationState.APPROVED]
ACTIVE = Q(movement_registrations__state__in=ACTIVE_STATES)


def _root_path(user) -> str | None:
    if getattr(user, "is_superuser", False):
        return ""
    membership = membership_of(user)
    return membership.org_unit.path if membership else None


def visible_movements(user):
    """Movements organized in the user's subtree or above it (a movement concerns the whole
    subtree of its organizer, so the communes see the city's movements to register)."""
    path = _root_path(user)
    if path is None:
        return Movement.objects.none()
    return Movement.objects.all() if path == "" else Movement.objects.visible_from(path)


def visible_registrations(user):
    """Registrations of a unit in the user's subtree, or of a movement organized in it."""
    path = _root_path(user)
    if path is None:
        return Registration.objects.none()
    if path == "":
        return Registration.objects.all()
    return Registration.objects.filter(Q(unit__path__startswith=path) | Q(movement__organizer__path__startswith=path))


def visible_commendations(user):
    """Commendations of a unit in the user's subtree, or of a movement organized in it."""
    path = _root_path(user)
    if path is None:
        return Commendation.objects.none()
    if path == "":
        return Commendation.objects.all()
    return Commendation.objects.filter(Q(unit__path__startswith=path) | Q(movement__organizer__path__startswith=path))


def rows_path_for(user, movement: Movement) -> str | None:
    """The subtree whose rows a user sees on a movement's page: all (None) for the organizer's
    side, otherwise the user's own subtree."""
    path = _root_path(user)
    if path is None:
        return "~"  # no unit path starts with this: nothing
    if path == "" or movement.organizer.path.startswith(path):
        return None
    return path


def movement_list(user):
    """Movements with their counts: units registered, tasks registered, approved, pending."""
    active = Q(registrations__state__in=ACTIVE_STATES)
    return visible_movements(user).select_related("organizer", "document").annotate(
        units_registered=Count("registrations__unit", filter=active, distinct=True),
        tasks_registered=Count("registrations", filter=active, distinct=True),
        tasks_approved=Count("registrations", filter=Q(registrations__state=RegistrationState.APPROVED),
                             distinct=True),
        tasks_pending=Count("registrations", filter=Q(registrations__state=RegistrationState.PENDING),
                            distinct=True),
    )


def eligible_units(movement: Movement, day: datetime.date):
    return OrgUnit.objects.valid_on(day).subtree_of(movement.organizer).filter(kind__in=movement.eligible_kinds)


def unit_rows(movement: Movement, as_of: datetime.date, *, within_path: str | None = None) -> tuple[list, dict]:
    """One row per unit taking part (eligible on ``as_of``, or having registered), with its
    registrations and the states of its approved tasks; and the movement's totals. Two queries.

    ``within_path`` keeps only the units of that subtree (a commune sees its own row of a
    city's movement, not its neighbours'); the organizer passes None and sees every unit."""
    in_movement = Q(movement_registrations__movement=movement)
    units = (
        OrgUnit.objects.filter(Q(pk__in=eligible_units(movement, as_of).values("pk"))
                               | Q(pk__in=movement.registrations.values("unit")))
        .filter(path__startswith=within_path or "")
        .annotate(
            registered=Count("movement_registrations", filter=in_movement & ACTIVE),
            approved=Count("movement_registrations",
                           filter=in_movement & Q(movement_registrations__state=RegistrationState.APPROVED)),
            pending=Count("movement_registrations",
                          filter=in_movement & Q(movement_registrations__state=RegistrationState.PENDING)),
        )
        .order_by("path")
    )
    states = (
        Task.objects.filter(movement_registration__movement=movement, lead_unit__path__startswith=within_path or "")
        .with_state(as_of)
        .values("lead_unit").order_by()
        .annotate(**{state.value: Count("pk", filter=Q(state=state.value)) for state in TaskState})
    )
    by_unit = {row["lead_unit"]: row for row in states}
    rows = []
    totals = {"units": 0, "units_registered": 0, "below_minimum": 0, "registered": 0, "approved": 0, "pending": 0,
              **{state.value: 0 for state in TaskState}}
    for unit in units:
        unit.states = {state.value: by_unit.get(unit.pk, {}).get(state.value, 0) for state in TaskState}
        unit.below_minimum = unit.registered < movement.min_tasks
        rows.append(unit)
        totals["units"] += 1
        totals["units_registered"] += 1 if unit.registered else 0
        totals["below_minimum"] += 1 if unit.below_minimum else 0
        for key in ("registered", "approved", "pending"):
            totals[key] += getattr(unit, key)
        for key, value in unit.states.items():
            totals[key] += value
    return rows, totals


def unit_registrations(movement: Movement, unit: OrgUnit, as_of: datetime.date) -> list[Registration]:
    """A unit's registrations with the computed state of each approved task (two queries)."""
    registrations = [*movement.registrations.filter(unit=unit).select_related("task", "decided_by")]
    task_ids = [r.task_id for r in registrations if r.task_id]
    states = dict(Task.objects.filter(pk__in=task_ids).with_state(as_of).values_list("pk", "state"))
    for registration in registrations:
        registration.task_state = states.get(registration.task_id)
    return registrations
