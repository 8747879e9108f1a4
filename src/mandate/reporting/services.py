"""Writes of the reporting season. Each goes through ``targets.services`` (enter, update,
submit, approve, return), so roles, versions and history stay in one place; these add the
grid's rules, "submit all", bulk decisions, reminders, the Excel import and boundaries."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from mandate.accounts.access import require_role_on
from mandate.accounts.models import Notification, Role
from mandate.core.models import MAX_BATCH_VALUES
from mandate.orgs.models import OrgUnit
from mandate.targets import services as target_services
from mandate.targets.models import ReportedValue, Target, ValueState
from mandate.targets.periods import Period

from . import rules
from .numbers import NotANumber, parse_number
from .queries import assigned_targets, completeness, current_values, last_values


def parse_value(raw, field_name: str = "value") -> Decimal | None:
    try:
        return parse_number(raw, get_format("DECIMAL_SEPARATOR"))
    except NotANumber as exc:
        raise ValidationError({field_name: _("Enter a number, for example 1.234,5 or 12,5.")},
                              code="invalid") from exc


def _assignment(unit: OrgUnit, p: Period, target: Target):
    for a in assigned_targets([unit], p).get(unit.pk, []):
        if a.target.pk == target.pk:
            return a
    raise ValidationError({"target": _("%(indicator)s is not assigned to %(unit)s for %(period)s.")
                           % {"indicator": target.indicator, "unit": unit.display_name, "period": p.label}},
                          code="not_assigned")


def _whole_value(unit, p, target, wholes: dict | None) -> Decimal | None:
    if not target.parent_id:
        return None
    if wholes is not None and target.parent_id in wholes:
        return wholes[target.parent_id]
    rv = current_values([unit.pk], [target.parent_id], p).get((unit.pk, target.parent_id))
    return rv.value if rv else None


@dataclass
class Saved:
    value: ReportedValue
    warnings: list = field(default_factory=list)


UNKNOWN = object()


def check_entry(*, unit: OrgUnit, p: Period, target: Target, raw_value, note: str = "", submit: bool = False,
                wholes: dict | None = None, last: tuple | None = None, assigned: bool = False
                ) -> tuple[Decimal, list[str]]:
    """The grid's rules for one cell: (the value, its warnings), or a ValidationError.

    ``wholes`` maps a parent target id to the value entered for it in the same batch;
    ``last`` is (label, value) of last period, read when not given; ``assigned`` spares the
    assignment read when the caller has it from its own set-based read."""
    value = parse_value(raw_value)
    if value is None:
        raise ValidationError({"value": _("Enter the value.")}, code="required")
    if not assigned:
        _assignment(unit, p, target)
    errors = rules.hard_errors(target, value, _whole_value(unit, p, target, wholes))
    if last is None:
        last = last_values([unit.pk], [target.pk], p).get((unit.pk, target.pk), ("", None))
    warnings = []
    if rules.far_from_last(value, last[1]) and not (note or "").strip():
        message = rules.far_message(last[0], last[1])
        if submit:
            errors.append(message)
        else:
            warnings.append(message)
    if errors:
        raise ValidationError({"value": errors}, code="rule")
    return value, warnings


@transaction.atomic
def save_entry(*, actor, unit: OrgUnit, p: Period, target: Target, raw_value, note: str = "",
               expected_version: int | None = None, submit: bool = False, wholes: dict | None = None,
               last: tuple | None = None, assigned: bool = False, existing=UNKNOWN, notify: bool = True) -> Saved:
    """Save one cell of the grid as a draft (or submit it), with the indicator's rules
    (``check_entry``). ``existing`` (the unit's value for the period, or None) spares the
    read when the caller (the grid, "submit all", the Excel import) has it."""
    require_role_on(actor, unit, Role.REPORTER)
    value, warnings = check_entry(unit=unit, p=p, target=target, raw_value=raw_value, note=note, submit=submit,
                                  wholes=wholes, last=last, assigned=assigned)
    if existing is UNKNOWN:
        existing = ReportedValue.objects.filter(target=target, org_unit=unit, period_label=p.label).first()
    if existing is None:
        rv = target_services.enter_value(actor=actor, target=target, org_unit=unit, period=p.label, value=value,
                                         note=note or "", submit=submit, notify=notify)
    elif existing.state in (ValueState.DRAFT, ValueState.RETURNED):
        rv = target_services.update_value(existing, actor=actor, expected_version=expected_version, value=value,
                                          note=note or "", submit=submit, notify=notify)
    else:
        raise ValidationError(_("This value is %(state)s and can no longer be changed.")
                              % {"state": existing.get_state_display()}, code="conflict")
    return Saved(rv, warnings)


@dataclass
class BatchResult:
    saved: list = field(default_factory=list)  # ReportedValue
    failed: dict = field(default_factory=dict)  # key → [messages]
    skipped: list = field(default_factory=list)
    warnings: dict = field(default_factory=dict)  # key → [messages] of rows saved anyway

    @property
    def ok(self) -> bool:
        return not self.failed


def _messages(exc) -> list[str]:
    return list(exc.messages) if isinstance(exc, ValidationError) else [str(exc)]


def submit_all(*, actor, unit: OrgUnit, p: Period, entries: dict[int, dict]) -> BatchResult:
    """"Submit all": every assigned target of the unit is checked; rows that pass are
    submitted, the others are listed with their errors (keyed by target id). ``entries``
    maps a target id to {"value", "note", "version"} as typed in the grid."""
    require_role_on(actor, unit, Role.REPORTER)
    result = BatchResult()
    assigned = assigned_targets([unit], p).get(unit.pk, [])
    ids = [a.target.pk for a in assigned]
    current = current_values([unit.pk], ids, p)
    last = last_values([unit.pk], ids, p)
    wholes = {}
    for a in assigned:
        raw = (entries.get(a.target.pk) or {}).get("value")
        rv = current.get((unit.pk, a.target.pk))
        try:
            wholes[a.target.pk] = parse_number(raw) if raw not in (None, "") else (rv.value if rv else None)
        except NotANumber:
            wholes[a.target.pk] = None
    for a in assigned:
        t = a.target
        entry = entries.get(t.pk) or {}
        rv = current.get((unit.pk, t.pk))
        if rv is not None and rv.state in (ValueState.SUBMITTED, ValueState.APPROVED):
            result.skipped.append(rv)
            continue
        raw = entry.get("value")
        if raw in (None, "") and rv is not None:
            raw = rv.value
        if raw in (None, ""):
            result.failed[t.pk] = [_("No value entered.")]
            continue
        version = entry.get("version") or (rv.version if rv else None)
        try:
            with transaction.atomic():
                saved = save_entry(actor=actor, unit=unit, p=p, target=t, raw_value=raw,
                                   note=entry.get("note", rv.note if rv else ""), expected_version=version,
                                   submit=True, wholes=wholes, last=last.get((unit.pk, t.pk), ("", None)),
                                   assigned=True, existing=rv, notify=False)
            result.saved.append(saved.value)
        except (ValidationError, PermissionDenied) as exc:
            result.failed[t.pk] = _messages(exc)
    target_services.notify_values_submitted(unit, p.label, len(result.saved), actor)
    return result


@transaction.atomic
def save_batch(*, actor, unit: OrgUnit, p: Period, entries: dict[int, dict], submit: bool = False) -> BatchResult:
    """Many cells of one unit and period in one call (the API's batch entry): the grid's rules
    for each, from one set-based read of assignments, current and last values. One
    transaction: the new values that pass are saved together (``insert_values``, two
    statements), changes to values already entered one at a time under their lock and
    version; a refused cell does not lose the others. ``failed`` is keyed by target id;
    ``entries`` maps a target id to {"value", "note", "version"}. Approvers are told once."""
    require_role_on(actor, unit, Role.REPORTER)
    if len(entries) > MAX_BATCH_VALUES:
        raise ValidationError({"values": _("Send at most %(count)s values at once.") % {"count": MAX_BATCH_VALUES}},
                              code="too_many")
    assigned = {a.target.pk: a.target for a in assigned_targets([unit], p).get(unit.pk, [])}
    ids = [pk for pk in entries if pk in assigned]
    current = current_values([unit.pk], ids, p) if ids else {}
    last = last_values([unit.pk], ids, p) if ids else {}
    # A part's whole may be typed in the same batch: the sum rule reads it from there.
    wholes = {pk: parse_number_or_none(entry.get("value")) for pk, entry in entries.items() if pk in assigned}
    result = BatchResult()
    saved = []  # (target id, value, warnings)
    new = []  # the same, not yet saved: inserted together below
    for pk, entry in entries.items():
        target = assigned.get(pk)
        if target is None:
            result.failed[pk] = [_("This target is not assigned to %(unit)s for %(period)s.")
                                 % {"unit": unit.display_name, "period": p.label}]
            continue
        rv = current.get((unit.pk, pk))
        if rv is not None and rv.state in (ValueState.DRAFT, ValueState.RETURNED) and not entry.get("version"):
            # Never overwrite a saved figure the caller has not read.
            result.failed[pk] = [_("%(unit)s already has a value for %(period)s (%(state)s). Send its version "
                                   "(%(version)s) to change it.") % {"unit": unit.display_name, "period": p.label,
                                                                     "state": rv.get_state_display(),
                                                                     "version": rv.version}]
            continue
        args = {"unit": unit, "p": p, "target": target, "raw_value": entry.get("value"),
                "note": entry.get("note") or "", "submit": submit, "wholes": wholes,
                "last": last.get((unit.pk, pk), ("", None)), "assigned": True}
        try:
            if rv is not None:
                # A change: one at a time, under the row's lock and its version check.
                done = save_entry(actor=actor, expected_version=entry.get("version"), existing=rv, notify=False,
                                  **args)
                saved.append((pk, done.value, done.warnings))
                continue
            value, warnings = check_entry(**args)
            new.append((pk, target_services.build_value(actor=actor, target=target, org_unit=unit, period=p,
                                                        value=value, note=args["note"], submit=submit), warnings))
        except (ValidationError, PermissionDenied) as exc:
            result.failed[pk] = _messages(exc)
    try:
        target_services.insert_values(actor=actor, values=[rv for _pk, rv, _w in new])
        saved += new
    except ValidationError:
        # Someone entered one of them meanwhile: one at a time (checked already), so that only
        # it is refused; enter_value inserts, it never overwrites.
        for pk, rv, warnings in new:
            try:
                saved.append((pk, target_services.enter_value(
                    actor=actor, target=rv.target, org_unit=unit, period=p.label, value=rv.value, note=rv.note,
                    submit=submit, notify=False), warnings))
            except (ValidationError, PermissionDenied) as exc:
                result.failed[pk] = _messages(exc)
    for pk, rv, warnings in saved:
        result.saved.append(rv)
        if warnings:
            result.warnings[pk] = warnings
    if submit:
        target_services.notify_values_submitted(unit, p.label, len(result.saved), actor)
    return result


def bulk_decide(*, actor, items: list[tuple[int, int | None]], action: str, comment: str = "") -> BatchResult:
    """Approve or return many values; each goes through targets.services (role, version,
    history, the reporter's notification). Failures are listed by unit and indicator."""
    if action not in ("approve", "return"):
        raise ValidationError(_("Choose approve or return."))
    if action == "return" and not comment.strip():
        raise ValidationError({"comment": _("Say why the values are returned, so the reporters can correct them.")})
    decide = target_services.approve_value if action == "approve" else target_services.return_value
    values = ReportedValue.objects.select_related("org_unit", "target").in_bulk([pk for pk, _v in items])
    result = BatchResult()
    for pk, version in items:
        rv = values.get(pk)
        if rv is None:
            result.failed[_("A chosen value")] = [_("This value no longer exists.")]
            continue
        label = f"{rv.org_unit.display_name} · {rv.target.indicator}"
        try:
            with transaction.atomic():
                result.saved.append(decide(rv, actor=actor, expected_version=version, comment=comment))
        except (ValidationError, PermissionDenied) as exc:
            result.failed[label] = _messages(exc)
    return result


def remind_missing(*, actor, parent: OrgUnit, p: Period, deadline=None) -> list[OrgUnit]:
    """One notification per member (and one e-mail per unit) of every child unit that has
    not submitted all its values for ``p``. Returns the units reminded."""
    require_role_on(actor, parent, Role.APPROVER)
    report = completeness(parent, p, deadline)
    missing = [r for r in report.rows if r.expected and not r.complete]
    if not missing:
        return []
    members = get_user_model().objects.filter(
        is_active=True, membership__org_unit__in=[r.unit.pk for r in missing]).values_list(
        "membership__org_unit", "pk", "email")
    by_unit: dict[int, list] = {}
    for unit_id, user_id, email in members:
        by_unit.setdefault(unit_id, []).append((user_id, email))
    notes, reminded = [], []
    for row in missing:
        url = reverse("reporting:grid", args=[row.unit.pk, p.label])
        subject = _("[Mandate] %(unit)s: %(missing)s values for %(period)s still to submit") % {
            "unit": row.unit.display_name, "missing": row.missing, "period": p.label}
        body = _("Please enter and submit the values of %(unit)s for %(period)s before %(deadline)s: "
                 "%(missing)s of %(expected)s are still missing.") % {
            "unit": row.unit.display_name, "period": p.label, "deadline": report.deadline.strftime("%d/%m/%Y"),
            "missing": row.missing, "expected": row.expected}
        recipients = by_unit.get(row.unit.pk, [])
        notes += [Notification(user_id=user_id, subject=subject[:300], body=body, url=url)
                  for user_id, _email in recipients]
        emails = sorted({email for _uid, email in recipients if email})
        if emails:
            EmailMessage(subject=subject, body=body, to=emails).send()
        reminded.append(row.unit)
    Notification.objects.bulk_create(notes)
    return reminded


# --- Boundaries -----------------------------------------------------------------------------

@transaction.atomic
def upload_boundaries(*, actor, data: bytes, illustrative: bool = False) -> tuple[int, list[str]]:
    """Store the polygons of a GeoJSON FeatureCollection on the units whose code matches
    ``properties.code``. Returns (units matched, codes not found)."""
    from .maps import parse_geojson
    from .models import UnitBoundary

    features = parse_geojson(data)
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[code for code, _g in features])}
    for unit in units.values():
        require_role_on(actor, unit, Role.ADMINISTRATOR)
    unknown = [code for code, _g in features if code not in units]
    for code, geometry in features:
        unit = units.get(code)
        if unit is None:
            continue
        UnitBoundary.objects.update_or_create(unit=unit, defaults={
            "geometry": geometry, "is_illustrative": illustrative,
            "uploaded_by": actor if getattr(actor, "pk", None) else None})
    return len(units), unknown


def geometry_json(geometry) -> str:
    return json.dumps(geometry, separators=(",", ":"))


def parse_number_or_none(raw):
    try:
        return parse_number(raw, get_format("DECIMAL_SEPARATOR"))
    except NotANumber:
        return None
