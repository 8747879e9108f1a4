"""Writes to investment projects. The investor unit's approvers set a project up and its
milestones; its reporters record disbursements, site clearance, milestones reached and the
completion. Each function checks the role, validates, writes in one transaction."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from mandate.accounts.access import require_role_on
from mandate.accounts.models import Role
from mandate.core.models import MAX_ABS_NUMBER
from mandate.core.services import bump_version, check_version

from .models import Disbursement, InvestmentProject, Milestone

# 1.234.567 / 1,234,567 / 1 234 567: groups of three digits after the first group.
_GROUPED = re.compile(r"^\d{1,3}([.,\s])\d{3}(\1\d{3})*$")


def parse_vnd(raw, field: str) -> Decimal | None:
    """An amount of đồng: whole numbers, with or without thousands separators
    (dots in Vietnamese, commas in English, or spaces)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        value = Decimal(raw)
    else:
        text = str(raw).strip().replace("\u00a0", " ").removesuffix("đ").removesuffix("VND").strip()
        if _GROUPED.match(text):
            text = re.sub(r"[.,\s]", "", text)
        try:
            value = Decimal(text)
        except (InvalidOperation, ValueError):
            raise ValidationError(
                {field: _("Enter an amount in VND, e.g. 1.500.000.000 or 1500000000.")}, code="invalid"
            ) from None
    if not value.is_finite() or value != value.to_integral_value():
        raise ValidationError({field: _("Enter an amount in whole đồng, without decimals.")}, code="invalid")
    if value < 0:
        raise ValidationError({field: _("An amount cannot be negative.")}, code="invalid")
    if value >= MAX_ABS_NUMBER:
        raise ValidationError({field: _("Enter an amount below 1.000.000.000.000.000 đồng (10^15).")},
                              code="out_of_range")
    return value


def _validate_dates(project: InvestmentProject) -> None:
    errors = {}
    if project.started_on and project.planned_completion and project.planned_completion <= project.started_on:
        errors["planned_completion"] = _("The planned completion must come after the start of implementation.")
    if project.completed_on and project.started_on and project.completed_on < project.started_on:
        errors["completed_on"] = _("A project cannot be completed before it started.")
    if errors:
        raise ValidationError(errors)


def _not_in_future(day: datetime.date, field: str) -> None:
    if day > datetime.date.today():
        raise ValidationError({field: _("This date is in the future: record what has happened.")})


@transaction.atomic
def create_project(*, actor, investor, name: str, plan_year: int, planned_capital, started_on: datetime.date,
                   planned_completion: datetime.date, document=None, description: str = "",
                   is_demo: bool = False) -> InvestmentProject:
    if actor is not None:
        require_role_on(actor, investor, Role.APPROVER)
    capital = parse_vnd(planned_capital, "planned_capital")
    if capital is None:
        raise ValidationError({"planned_capital": _("Enter the planned capital in VND.")})
    if not (name or "").strip():
        raise ValidationError({"name": _("Enter the name of the project.")})
    project = InvestmentProject(
        name=name.strip(), investor=investor, plan_year=plan_year, planned_capital=capital, started_on=started_on,
        planned_completion=planned_completion, document=document, description=description, is_demo=is_demo,
    )
    _validate_dates(project)
    project.full_clean()
    project.save()
    return project


def _locked(project: InvestmentProject, expected_version: int | None) -> InvestmentProject:
    project = InvestmentProject.objects.select_for_update().select_related("investor").get(pk=project.pk)
    check_version(project, expected_version)
    return project


EDITABLE = {"name", "plan_year", "planned_capital", "started_on", "planned_completion", "document", "description"}


@transaction.atomic
def update_project(project: InvestmentProject, *, actor, expected_version: int | None, **fields) -> InvestmentProject:
    project = _locked(project, expected_version)
    require_role_on(actor, project.investor, Role.APPROVER)
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(unknown)})
    if "planned_capital" in fields:
        fields["planned_capital"] = parse_vnd(fields["planned_capital"], "planned_capital")
        if fields["planned_capital"] is None:
            raise ValidationError({"planned_capital": _("Enter the planned capital in VND.")})
        disbursed = project.disbursements.aggregate(total=Sum("amount"))["total"] or 0
        if fields["planned_capital"] < disbursed:
            raise ValidationError({"planned_capital": _(
                "%(disbursed)s VND has already been disbursed: the planned capital cannot be less."
            ) % {"disbursed": f"{disbursed:,.0f}".replace(",", ".")}})
    for name, value in fields.items():
        setattr(project, name, value)
    _validate_dates(project)
    project.full_clean()
    bump_version(project)
    project.save()
    return project


@transaction.atomic
def record_disbursement(*, actor, project: InvestmentProject, paid_on: datetime.date, amount, note: str = "",
                        is_demo: bool = False) -> Disbursement:
    """Money paid out. The project row is locked so that two reporters recording at once
    cannot together disburse more than the planned capital."""
    project = InvestmentProject.objects.select_for_update().select_related("investor").get(pk=project.pk)
    if actor is not None:
        require_role_on(actor, project.investor, Role.REPORTER)
        _not_in_future(paid_on, "paid_on")
    value = parse_vnd(amount, "amount")
    if not value:
        raise ValidationError({"amount": _("Enter the amount disbursed (more than 0 VND).")})
    disbursed = project.disbursements.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if disbursed + value > project.planned_capital:
        raise ValidationError({"amount": _(
            "With this amount the project would have disbursed %(total)s VND, more than its planned capital "
            "of %(planned)s VND. Check the amount, or change the planned capital first."
        ) % {"total": f"{disbursed + value:,.0f}".replace(",", "."),
             "planned": f"{project.planned_capital:,.0f}".replace(",", ".")}})
    disbursement = Disbursement(project=project, paid_on=paid_on, amount=value, note=note.strip(),
                                recorded_by=actor, is_demo=is_demo)
    disbursement.full_clean()
    disbursement.save()
    return disbursement


def _percent(raw, field: str) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", ".").removesuffix("%"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter a percentage between 0 and 100.")}) from None
    if not value.is_finite() or not (0 <= value <= 100):
        raise ValidationError({field: _("Enter a percentage between 0 and 100.")})
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def record_site_clearance(*, actor, project: InvestmentProject, percent, as_of: datetime.date,
                          expected_version: int | None = None) -> InvestmentProject:
    """The share of the site cleared and handed over, as of a day. The latest figure is kept
    on the project; the earlier ones stay in its history."""
    project = _locked(project, expected_version)
    if actor is not None:
        require_role_on(actor, project.investor, Role.REPORTER)
        _not_in_future(as_of, "as_of")
    value = _percent(percent, "percent")
    if project.site_clearance_on and as_of < project.site_clearance_on:
        raise ValidationError({"as_of": _(
            "A later figure (%(percent)s%% on %(day)s) is already recorded; enter a figure as of that day or later."
        ) % {"percent": project.site_clearance_percent, "day": project.site_clearance_on.strftime("%d/%m/%Y")}})
    project.site_clearance_percent, project.site_clearance_on = value, as_of
    bump_version(project)
    project.save()
    return project


@transaction.atomic
def record_completion(*, actor, project: InvestmentProject, completed_on: datetime.date | None,
                      expected_version: int | None = None) -> InvestmentProject:
    """Record (or, with ``None``, withdraw) the day the project was completed."""
    project = _locked(project, expected_version)
    if actor is not None:
        require_role_on(actor, project.investor, Role.REPORTER)
        if completed_on:
            _not_in_future(completed_on, "completed_on")
    project.completed_on = completed_on
    _validate_dates(project)
    bump_version(project)
    project.save()
    return project


@transaction.atomic
def add_milestone(*, actor, project: InvestmentProject, title: str, deadline: datetime.date,
                  done_on: datetime.date | None = None, is_demo: bool = False) -> Milestone:
    if actor is not None:
        require_role_on(actor, project.investor, Role.APPROVER)
    if not (title or "").strip():
        raise ValidationError({"title": _("Say what the milestone is.")})
    milestone = Milestone(project=project, title=title.strip(), deadline=deadline, done_on=done_on, is_demo=is_demo)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def complete_milestone(*, actor, milestone: Milestone, done_on: datetime.date | None,
                       expected_version: int | None = None) -> Milestone:
    """Record (or, with ``None``, withdraw) the day a milestone was reached."""
    milestone = Milestone.objects.select_for_update().select_related("project__investor").get(pk=milestone.pk)
    check_version(milestone, expected_version)
    if actor is not None:
        require_role_on(actor, milestone.project.investor, Role.REPORTER)
        if done_on:
            _not_in_future(done_on, "done_on")
    milestone.done_on = done_on
    bump_version(milestone)
    milestone.save()
    return milestone
