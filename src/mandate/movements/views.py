"""Pages of emulation movements: the list, a movement (rules, registration, the units and
their counts, decisions, commendations), a unit's results, a registration, a commendation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mandate.accounts.access import can_see_unit, has_role_on, membership_of, visible_units
from mandate.accounts.models import Role
from mandate.orgs.models import OrgUnit
from mandate.projects.views import put_errors_on

from . import services
from .forms import CommendationForm, DecisionForm, MovementEditForm, MovementForm, RegistrationForm
from .models import RegistrationState
from .queries import (
    eligible_units,
    movement_list,
    rows_path_for,
    unit_registrations,
    unit_rows,
    visible_commendations,
    visible_movements,
    visible_registrations,
)


@login_required
def list(request):  # noqa: A001 - the URL name used by base.html is "movements:list"
    membership = membership_of(request.user)
    return render(request, "movements/list.html", {
        "movements": movement_list(request.user),
        "can_launch": request.user.is_superuser or bool(membership and membership.has_role(Role.APPROVER)),
    })


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    membership = membership_of(request.user)
    if not (request.user.is_superuser or (membership and membership.has_role(Role.APPROVER))):
        raise PermissionDenied(_("Only approvers and administrators launch movements."))
    form = MovementForm(request.POST or None, user=request.user, as_of=request.as_of)
    if request.method == "POST" and form.is_valid():
        try:
            movement = services.launch_movement(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            put_errors_on(form, exc)
        except PermissionDenied as exc:
            form.add_error("organizer", str(exc))
        else:
            messages.success(request, _("The movement was launched."))
            return redirect(movement)
    return render(request, "movements/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    movement = get_object_or_404(visible_movements(request.user).select_related("organizer"), pk=pk)
    if not has_role_on(request.user, movement.organizer, Role.APPROVER):
        raise PermissionDenied(_("Only an approver of the organizing unit can change this movement."))
    initial = {name: getattr(movement, name) for name in services.MOVEMENT_FIELDS | {"version"}}
    form = MovementEditForm(request.POST or None, initial=initial, user=request.user, as_of=request.as_of)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            services.update_movement(movement, actor=request.user, expected_version=version, **fields)
        except ValidationError as exc:  # a ConflictError too: the form keeps what was typed
            put_errors_on(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(movement)
    return render(request, "movements/form.html", {"form": form, "movement": movement})


def _registering_units(user, movement):
    """Units the user may register for: taking part, and where the user is a reporter or more."""
    membership = membership_of(user)
    if not (user.is_superuser or (membership and membership.has_role(Role.REPORTER))):
        return OrgUnit.objects.none()
    return eligible_units(movement, services.today()).filter(pk__in=visible_units(user).values("pk"))


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    movement = get_object_or_404(visible_movements(request.user).select_related("organizer", "document"), pk=pk)
    is_organizer = has_role_on(request.user, movement.organizer, Role.APPROVER)
    units = _registering_units(request.user, movement)
    registration_form = RegistrationForm(units=units)
    commendation_form = CommendationForm(units=visible_units(request.user).filter(
        path__startswith=movement.organizer.path)) if is_organizer else None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "register":
            registration_form = RegistrationForm(request.POST, units=units)
            if registration_form.is_valid():
                try:
                    registration = services.register_task(actor=request.user, movement=movement,
                                                           **registration_form.cleaned_data)
                except ValidationError as exc:
                    put_errors_on(registration_form, exc)
                else:
                    messages.success(request, _("Task registered: %(title)s. It waits for the organizer's approval.")
                                     % {"title": registration.title})
                    return redirect(movement)
        elif action == "commend" and commendation_form is not None:
            commendation_form = CommendationForm(request.POST, units=commendation_form.fields["unit"].queryset)
            if commendation_form.is_valid():
                try:
                    services.record_commendation(actor=request.user, movement=movement,
                                                 **commendation_form.cleaned_data)
                except ValidationError as exc:
                    put_errors_on(commendation_form, exc)
                else:
                    messages.success(request, _("Commendation recorded."))
                    return redirect(movement)
        else:
            raise PermissionDenied
    rows, totals = unit_rows(movement, request.as_of, within_path=rows_path_for(request.user, movement))
    visible = set(visible_units(request.user).filter(pk__in=[r.pk for r in rows]).values_list("pk", flat=True))
    for row in rows:
        row.can_open = is_organizer or row.pk in visible
    not_eligible = None
    membership = membership_of(request.user)
    if not units and membership and membership.has_role(Role.REPORTER):
        not_eligible = services.eligibility_error(movement, membership.org_unit, services.today())
    pending = []
    if is_organizer:
        pending = [*visible_registrations(request.user).filter(movement=movement, state=RegistrationState.PENDING)
                   .select_related("unit")]
    return render(request, "movements/detail.html", {
        "movement": movement,
        "rows": rows,
        "totals": totals,
        "registration_form": registration_form if units else None,
        "registration_open": services.today() <= movement.registration_deadline,
        "commendation_form": commendation_form,
        "commendations": [*visible_commendations(request.user).filter(movement=movement).select_related("unit")],
        "pending": pending,
        "is_organizer": is_organizer,
        "not_eligible": not_eligible,
    })


@login_required
def unit_results(request, pk, unit_pk):
    movement = get_object_or_404(visible_movements(request.user).select_related("organizer", "document"), pk=pk)
    unit = get_object_or_404(OrgUnit, pk=unit_pk, path__startswith=movement.organizer.path)
    if not (can_see_unit(request.user, unit) or can_see_unit(request.user, movement.organizer)):
        raise Http404
    registrations = unit_registrations(movement, unit, request.as_of)
    return render(request, "movements/unit_results.html", {
        "movement": movement, "unit": unit, "registrations": registrations,
        "commendations": [*visible_commendations(request.user).filter(movement=movement, unit=unit)],
    })


@login_required
@require_http_methods(["GET", "POST"])
def registration(request, pk):
    registration = get_object_or_404(
        visible_registrations(request.user).select_related("movement__organizer", "movement__document", "unit",
                                                           "task", "registered_by", "decided_by"), pk=pk)
    can_decide = (registration.state == RegistrationState.PENDING
                  and has_role_on(request.user, registration.movement.organizer, Role.APPROVER))
    form = DecisionForm(initial={"version": registration.version})
    if request.method == "POST":
        if not can_decide and registration.state == RegistrationState.PENDING:
            raise PermissionDenied
        form = DecisionForm(request.POST)
        if form.is_valid():
            decide = (services.approve_registration if request.POST.get("decision") == "approve"
                      else services.reject_registration)
            try:
                decide(registration, actor=request.user, expected_version=form.cleaned_data["version"],
                       comment=form.cleaned_data["comment"])
            except ValidationError as exc:
                put_errors_on(form, exc)
            else:
                messages.success(request, _("Decision recorded."))
                return redirect(registration)
    task_state = None
    if registration.task_id:
        task_state = registration.task.state_on(request.as_of)
    return render(request, "movements/registration.html", {
        "registration": registration, "form": form, "can_decide": can_decide, "task_state": task_state,
    })


@login_required
def commendation(request, pk):
    commendation = get_object_or_404(visible_commendations(request.user).select_related("movement", "unit"), pk=pk)
    return render(request, "movements/commendation.html", {"commendation": commendation})

