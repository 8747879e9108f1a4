"""Writes to targets and reported values. Views and the API call these; each one checks
the actor's role, validates, writes in one transaction and leaves history behind."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.accounts.access import require_role_on
from mandate.accounts.models import Role
from mandate.core.models import MAX_ABS_NUMBER, MAX_NOTE_CHARS
from mandate.core.services import bump_version, check_version
from mandate.orgs.models import OrgUnit, OrgUnitAlias

from . import maintenance
from .models import Aggregation, ChangeKind, Comparator, ReportedValue, Target, TargetAllocation, ValueState
from .periods import InvalidPeriod, Period, parse_period


def to_decimal(raw, field: str) -> Decimal | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, Decimal):
        value = raw  # already parsed (the grid, a batch): the bounds below still apply
    else:
        text = str(raw).strip().replace(" ", "")
        # Vietnamese writes 2,9 for 2.9 and 2.314 for 2314; accept a comma as the decimal mark
        # when there is no dot, as the forms say.
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            value = Decimal(text)
        except (InvalidOperation, ValueError) as exc:
            raise ValidationError({field: _("Enter a number, for example 12 or 12.5.")}, code="invalid") from exc
    if not value.is_finite():
        raise ValidationError({field: _("Enter a number, for example 12 or 12.5.")}, code="invalid")
    if abs(value) >= MAX_ABS_NUMBER:
        raise ValidationError({field: _("Enter a number below 1.000.000.000.000.000 (10^15).")}, code="out_of_range")
    return value


def period_or_error(raw: str, field: str = "period") -> Period:
    try:
        return parse_period(raw)
    except InvalidPeriod as exc:
        raise ValidationError(
            {field: _("Write the period as a year (2023), a quarter (2023-Q2), a month (2023-06), "
                      "a term (2026-2030) or a date (2030-12-31).")},
            code="invalid_period",
        ) from exc


def _validate_goal(target: Target) -> None:
    errors = {}
    if target.comparator == Comparator.BETWEEN:
        if target.value_max is None:
            errors["value_max"] = _("A range needs an upper value.")
        elif target.value_max <= target.value:
            errors["value_max"] = _("The upper value must be greater than the lower one.")
    elif target.value_max is not None:
        errors["value_max"] = _("Only a range (between) has an upper value.")
    if target.comparator in (Comparator.INCREASE_BY, Comparator.DECREASE_BY):
        if target.baseline is None:
            errors["baseline"] = _("An increase or decrease is measured from a baseline: enter it.")
        elif target.change_kind == ChangeKind.RELATIVE and target.baseline == 0:
            errors["baseline"] = _("A change in percent of the baseline needs a baseline other than 0.")
    if target.aggregation == Aggregation.COVERAGE and target.coverage_threshold is None:
        errors["coverage_threshold"] = _("A coverage target needs the value each unit must reach (1 for yes/no).")
    if target.parent_id and target.parent_id == target.pk:
        errors["parent"] = _("A target cannot be a share of itself.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_target(*, actor, document, org_unit: OrgUnit, indicator: str, unit_of_measure: str, value,
                  period: str, comparator: str = Comparator.EQUAL, value_max=None, baseline=None,
                  change_kind: str = ChangeKind.ABSOLUTE, aggregation: str = Aggregation.SUM,
                  coverage_threshold=None, parent: Target | None = None, source_text: str = "",
                  sort_order: int = 0) -> Target:
    if actor is not None:
        require_role_on(actor, org_unit, Role.APPROVER)
    p = period_or_error(period)
    target = Target(
        document=document, org_unit=org_unit, indicator=indicator.strip(), unit_of_measure=unit_of_measure.strip(),
        comparator=comparator, value=to_decimal(value, "value"), value_max=to_decimal(value_max, "value_max"),
        baseline=to_decimal(baseline, "baseline"), change_kind=change_kind, period_label=p.label,
        period_start=p.start, period_end=p.end, aggregation=aggregation,
        coverage_threshold=to_decimal(coverage_threshold, "coverage_threshold"), parent=parent,
        source_text=source_text, sort_order=sort_order,
    )
    if target.value is None:
        raise ValidationError({"value": _("Enter the target value.")})
    _validate_goal(target)
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def update_target(target: Target, *, actor, expected_version: int | None, **fields) -> Target:
    target = Target.objects.select_for_update().get(pk=target.pk)
    require_role_on(actor, target.org_unit, Role.APPROVER)
    check_version(target, expected_version)
    before = (target.org_unit_id, target.period_start, target.period_end, target.coverage_threshold)
    period = fields.pop("period", None)
    for name in ("value", "value_max", "baseline", "coverage_threshold"):
        if name in fields:
            fields[name] = to_decimal(fields[name], name)
    for name, val in fields.items():
        setattr(target, name, val)
    if period is not None:
        p = period_or_error(period)
        target.period_label, target.period_start, target.period_end = p.label, p.start, p.end
    _validate_goal(target)
    target.full_clean()
    bump_version(target)
    target.save()
    if (target.org_unit_id, target.period_start, target.period_end, target.coverage_threshold) != before:
        maintenance.target_changed(target)
    return target


def _check_unit_in_target(target: Target, unit: OrgUnit) -> None:
    """The reporting unit must be the target's unit, below it, or merged into one of them."""
    if unit.path.startswith(target.org_unit.path):
        return  # the common case answers without a query; the aliases cover merged units
    if not OrgUnitAlias.objects.filter(unit=unit, current__path__startswith=target.org_unit.path).exists():
        raise ValidationError(
            {"org_unit": _("%(unit)s is not under %(owner)s, which this target belongs to.")
             % {"unit": unit.display_name, "owner": target.org_unit.display_name}}
        )


@transaction.atomic
def set_allocation(*, actor, target: Target, org_unit: OrgUnit, value, value_max=None) -> TargetAllocation:
    require_role_on(actor, target.org_unit, Role.APPROVER)
    if org_unit.pk == target.org_unit_id or not org_unit.path.startswith(target.org_unit.path):
        raise ValidationError({"org_unit": _("A target is broken down to the units below its own unit.")})
    allocation, _created = TargetAllocation.objects.update_or_create(
        target=target, org_unit=org_unit,
        defaults={"value": to_decimal(value, "value"), "value_max": to_decimal(value_max, "value_max")},
    )
    return allocation


def _validate_report(target: Target, unit: OrgUnit, p: Period) -> None:
    if not (target.period_start <= p.start and p.end <= target.period_end):
        raise ValidationError(
            {"period": _("The period %(period)s is outside the target's period %(target_period)s.")
             % {"period": p.label, "target_period": target.period_label}},
            code="period_outside",
        )
    if (unit.valid_from and unit.valid_from > p.end) or (unit.valid_to and unit.valid_to <= p.start):
        raise ValidationError(
            {"org_unit": _("%(unit)s did not exist during %(period)s.") % {"unit": unit.display_name,
                                                                           "period": p.label}},
            code="unit_not_existing",
        )
    _check_unit_in_target(target, unit)


def _value_params(rv: ReportedValue) -> dict:
    from mandate.accounts.notify import unit_param

    return {"indicator": rv.target.indicator, "period": rv.period_label, "unit": unit_param(rv.org_unit),
            "value": {"number": str(rv.value)}}


def _approvers_of(unit: OrgUnit):
    """Active users who may approve a value of ``unit``: approvers and administrators of it
    or of a unit above it (or above the unit it was merged into)."""
    from django.contrib.auth import get_user_model

    from mandate.accounts.models import ROLE_RANK

    paths = {unit.path} | set(OrgUnitAlias.objects.filter(unit=unit).values_list("current__path", flat=True))
    prefixes = {p[:i] for p in paths for i in range(9, len(p) + 1, 9)}
    roles = [r for r, rank in ROLE_RANK.items() if rank >= ROLE_RANK[Role.APPROVER]]
    return get_user_model().objects.filter(is_active=True, membership__org_unit__path__in=prefixes,
                                           membership__role__in=roles)


def _notify_submitted(rv: ReportedValue, actor) -> None:
    from mandate.accounts.notify import notify

    params = _value_params(rv)
    params["user"] = (actor.get_full_name() or actor.get_username()) if actor is not None else ""
    approvers = _approvers_of(rv.org_unit).exclude(pk=getattr(actor, "pk", None)).values_list("pk", flat=True)
    notify(approvers, "value_submitted", params, rv.get_absolute_url(), body=rv.note)


def notify_values_submitted(unit: OrgUnit, period_label: str, count: int, actor) -> None:
    """One notification per approver for a batch of ``count`` values of ``unit`` submitted
    together (the grid's "submit all", the API's batch), instead of one per value."""
    from django.urls import reverse

    from mandate.accounts.notify import notify, unit_param

    if not count:
        return
    params = {"count": count, "period": period_label, "unit": unit_param(unit),
              "user": (actor.get_full_name() or actor.get_username()) if actor is not None else ""}
    level = unit.parent_id or unit.pk
    url = f"{reverse('reporting:approvals')}?unit={level}&period={period_label}"
    approvers = _approvers_of(unit).exclude(pk=getattr(actor, "pk", None)).values_list("pk", flat=True)
    notify(approvers, "values_submitted", params, url)


def _check_note(note) -> None:
    if note and len(note) > MAX_NOTE_CHARS:
        raise ValidationError({"note": _("Write at most %(count)s characters.") % {"count": "5.000"}}, code="too_long")


def _refuse_duplicate(target: Target, org_unit: OrgUnit, p: Period) -> None:
    existing = ReportedValue.objects.filter(target=target, org_unit=org_unit, period_label=p.label).first()
    if existing:
        raise ValidationError(
            {"period": _("%(unit)s already has a value for %(period)s (%(state)s). Open it to change it.")
             % {"unit": org_unit.display_name, "period": p.label, "state": existing.get_state_display()}},
            code="duplicate",
        )


def build_value(*, actor, target: Target, org_unit: OrgUnit, period, value, note: str = "",
                submit: bool = False, is_demo: bool = False) -> ReportedValue:
    """The checks of a new value and the (unsaved) row: what ``enter_value`` saves alone and
    ``insert_values`` saves many at a time. ``period`` is a label or a ``Period``."""
    p = period if isinstance(period, Period) else period_or_error(period)
    amount = to_decimal(value, "value")
    if amount is None:
        raise ValidationError({"value": _("Enter the value.")})
    _validate_report(target, org_unit, p)
    _check_note(note)
    now = timezone.now()
    return ReportedValue(
        target=target, org_unit=org_unit, period_label=p.label, period_start=p.start, period_end=p.end,
        value=amount, note=note, created_by=actor, is_demo=is_demo,
        state=ValueState.SUBMITTED if submit else ValueState.DRAFT,
        submitted_by=actor if submit else None, submitted_at=now if submit else None,
    )


@transaction.atomic
def enter_value(*, actor, target: Target, org_unit: OrgUnit, period: str, value, note: str = "",
                submit: bool = False, is_demo: bool = False, notify: bool = True) -> ReportedValue:
    """A reporter enters a figure for their unit; with ``submit`` it goes to the approver.
    One transaction: the value, its history row and the approvers' notifications (unless
    ``notify`` is False: a batch tells them once, ``notify_values_submitted``)."""
    require_role_on(actor, org_unit, Role.REPORTER)
    rv = build_value(actor=actor, target=target, org_unit=org_unit, period=period, value=value, note=note,
                     submit=submit, is_demo=is_demo)
    # The unique constraint finds a duplicate (no query beforehand on the deadline-day path);
    # the savepoint keeps a caller's transaction usable after the refusal.
    try:
        with transaction.atomic():
            rv.save()
    except IntegrityError as exc:
        p = Period(rv.period_label, rv.period_start, rv.period_end)
        _refuse_duplicate(target, org_unit, p)
        raise ValidationError({"period": _("A value for this unit and period was just entered by someone else.")},
                              code="duplicate") from exc
    if submit and notify:
        _notify_submitted(rv, actor)
    return rv


@transaction.atomic
def insert_values(*, actor, values: list[ReportedValue]) -> list[ReportedValue]:
    """Save many new values built by ``build_value`` in two statements, the values then their
    history rows (the deadline-day batch: a unit's whole form). All or none: if one of them
    was entered meanwhile by someone else, the unique constraint refuses the call with a
    ValidationError (code "duplicate") and nothing is saved; the caller then saves them one
    at a time to say which. Nobody is notified: the caller tells the approvers once."""
    from simple_history.utils import bulk_create_with_history

    if not values:
        return []
    for unit in {rv.org_unit for rv in values}:
        require_role_on(actor, unit, Role.REPORTER)
    if any(rv.pk for rv in values) or any(rv.state not in (ValueState.DRAFT, ValueState.SUBMITTED) for rv in values):
        raise ValueError("insert_values takes new drafts or submitted values only")
    try:
        with transaction.atomic():
            return bulk_create_with_history(values, ReportedValue, default_user=actor)
    except IntegrityError as exc:
        raise ValidationError({"period": _("A value for this unit and period was just entered by someone else.")},
                              code="duplicate") from exc


def _locked(rv: ReportedValue, expected_version: int | None) -> ReportedValue:
    rv = ReportedValue.objects.select_for_update().select_related("target", "org_unit").get(pk=rv.pk)
    check_version(rv, expected_version)
    return rv


@transaction.atomic
def update_value(rv: ReportedValue, *, actor, expected_version: int | None, value=None, note: str | None = None,
                 submit: bool = False, notify: bool = True) -> ReportedValue:
    rv = _locked(rv, expected_version)
    require_role_on(actor, rv.org_unit, Role.REPORTER)
    if rv.state not in (ValueState.DRAFT, ValueState.RETURNED):
        raise ValidationError(_("This value is %(state)s and can no longer be changed.")
                              % {"state": rv.get_state_display()}, code="conflict")
    if value is not None:
        rv.value = to_decimal(value, "value")
    if note is not None:
        _check_note(note)
        rv.note = note
    if submit:
        rv.state, rv.submitted_by, rv.submitted_at = ValueState.SUBMITTED, actor, timezone.now()
    bump_version(rv)
    rv.save()
    if submit and notify:
        _notify_submitted(rv, actor)
    return rv


@transaction.atomic
def submit_value(rv: ReportedValue, *, actor, expected_version: int | None) -> ReportedValue:
    return update_value(rv, actor=actor, expected_version=expected_version, submit=True)


def _decide(rv: ReportedValue, *, actor, expected_version, new_state: str, comment: str) -> ReportedValue:
    rv = _locked(rv, expected_version)
    require_role_on(actor, rv.org_unit, Role.APPROVER)
    if rv.state != ValueState.SUBMITTED:
        who = rv.decided_by.get_username() if rv.decided_by else ""
        raise ValidationError(
            _("This value is already %(state)s%(by)s; nothing was changed.")
            % {"state": rv.get_state_display(), "by": (" " + _("by %(user)s") % {"user": who}) if who else ""},
            code="conflict",
        )
    before = (rv.state, rv.decided_at)
    rv.state, rv.decided_by, rv.decided_at, rv.decision_comment = new_state, actor, timezone.now(), comment
    bump_version(rv)
    rv.save()
    maintenance.value_changed(rv, before=before)
    return rv


@transaction.atomic
def record_decision_time(rv: ReportedValue, *, decided_at, submitted_at=None) -> ReportedValue:
    """Move the time a decision was taken (and optionally the submission) to when it really
    happened, for history entered after the fact: the demo story, figures of past years.
    Views "as of" a day read this time, so the rollups follow it."""
    rv = ReportedValue.objects.select_for_update().get(pk=rv.pk)
    if rv.state not in (ValueState.APPROVED, ValueState.RETURNED):
        raise ValidationError(_("Only a decided value has a decision time."), code="invalid")
    before = (rv.state, rv.decided_at)
    fields = {"decided_at": decided_at}
    if submitted_at is not None:
        fields["submitted_at"] = submitted_at
    ReportedValue.objects.filter(pk=rv.pk).update(**fields)
    rv.refresh_from_db()
    maintenance.value_changed(rv, before=before)
    return rv


@transaction.atomic
def approve_value(rv: ReportedValue, *, actor, expected_version: int | None, comment: str = "") -> ReportedValue:
    rv = _decide(rv, actor=actor, expected_version=expected_version, new_state=ValueState.APPROVED, comment=comment)
    from mandate.accounts.notify import notify

    notify([rv.submitted_by], "value_approved", _value_params(rv), rv.get_absolute_url(), body=comment)
    return rv


@transaction.atomic
def return_value(rv: ReportedValue, *, actor, expected_version: int | None, comment: str) -> ReportedValue:
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say why the value is returned, so the reporter can correct it.")})
    rv = _decide(rv, actor=actor, expected_version=expected_version, new_state=ValueState.RETURNED, comment=comment)
    from mandate.accounts.notify import notify

    notify([rv.submitted_by], "value_returned", _value_params(rv), rv.get_absolute_url(), body=comment)
    return rv
