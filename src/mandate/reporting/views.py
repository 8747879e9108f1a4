"""Pages of the reporting season: the data-entry grid of a unit and period (autosave per
field, "submit all"), the completeness table of a level with reminders and bulk
decisions, the Excel round trip, unit boundaries for the maps and the review report.
Writes go through ``reporting.services`` (which call ``targets.services``)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.accounts.access import has_role_on, membership_of, visible_units
from mandate.accounts.models import Role
from mandate.core.uploads import validate_upload
from mandate.jobs.services import enqueue
from mandate.targets.api import visible_values
from mandate.targets.models import ValueState
from mandate.targets.periods import InvalidPeriod, Period, parse_period

from . import services
from .excel import build_workbook, import_workbook
from .forms import BoundaryForm, PeriodUnitForm, ReviewForm, UploadForm
from .jobs import REVIEW_KIND
from .queries import completeness as completeness_of
from .queries import grid_rows, grouped, reporting_units, waiting_values
from .render import pdf_font_path, pdf_help

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(label: str) -> Period:
    try:
        return parse_period(label)
    except InvalidPeriod as exc:
        raise Http404(_("Unknown period.")) from exc


def _unit(request, pk):
    return get_object_or_404(visible_units(request.user), pk=pk)


def _default_period(request) -> str:
    return str(request.as_of.year - (1 if request.as_of.month < 7 else 0))


def _unit_and_period(request, units):
    """(unit, period label, form) from ?unit=&period=, the user's own unit by default."""
    membership = membership_of(request.user)
    initial = {"unit": membership.org_unit_id if membership else None, "period": _default_period(request)}
    form = PeriodUnitForm(request.GET or None, units=units, initial=initial)
    if form.is_bound and form.is_valid():
        unit, label = form.cleaned_data["unit"], form.cleaned_data["period"]
    else:
        unit = units.filter(pk=initial["unit"]).first() if initial["unit"] else units.first()
        label = initial["period"]
    try:
        p = parse_period(label)
    except InvalidPeriod:
        form.add_error("period", _("Write the period as a year (2023), a quarter (2023-Q2), a month (2023-06), "
                                   "a term (2026-2030) or a date (2030-12-31)."))
        p = parse_period(_default_period(request))
    return unit, p, form


# --- Grid ---------------------------------------------------------------------------------------

def _grid_context(request, unit, p, *, rows=None, result=None):
    rows = rows if rows is not None else grid_rows([unit], p)[unit.pk]
    return {"unit": unit, "period": p, "groups": grouped(rows), "rows": rows, "result": result,
            "may_edit": has_role_on(request.user, unit, Role.REPORTER), "count": len(rows),
            "entered": sum(1 for r in rows if r.value is not None),
            "submitted": sum(1 for r in rows if r.value and r.value.state in (ValueState.SUBMITTED,
                                                                               ValueState.APPROVED))}


@login_required
def grid(request, unit_pk, period):
    unit, p = _unit(request, unit_pk), _period(period)
    return render(request, "reporting/grid.html", _grid_context(request, unit, p))


@login_required
def grid_pick(request):
    units = visible_units(request.user).valid_on(request.as_of).order_by("path")
    unit, p, form = _unit_and_period(request, units)
    if form.is_bound and form.is_valid() and unit:
        return redirect("reporting:grid", unit.pk, p.label)
    return render(request, "reporting/pick.html", {"form": form, "title": _("Data entry")})


@login_required
@require_POST
def grid_save(request, unit_pk, period, target_pk):
    """Autosave of one row (htmx): the row's status cell comes back, with the new version."""
    unit, p = _unit(request, unit_pk), _period(period)
    rows = {r.target.pk: r for r in grid_rows([unit], p)[unit.pk]}
    row = rows.get(target_pk)
    if row is None:
        raise Http404
    raw = request.POST.get(f"value_{target_pk}", "")
    note = request.POST.get(f"note_{target_pk}", "")
    version = request.POST.get(f"version_{target_pk}") or None
    status = 200
    if raw.strip() == "":
        row.warnings.append(_("Nothing saved: the value is blank."))
    else:
        try:
            saved = services.save_entry(actor=request.user, unit=unit, p=p, target=row.target, raw_value=raw,
                                        note=note, expected_version=int(version) if version else None,
                                        last=(row.last_label, row.last_value), assigned=True,
                                        existing=row.value)
            row.value, row.warnings = saved.value, saved.warnings
            row.saved = True
        except ValidationError as exc:
            row.errors = list(exc.messages)
            status = 409 if getattr(exc, "code", None) == "conflict" else 200
        except PermissionDenied as exc:
            row.errors = [str(exc)]
            status = 403
    return render(request, "reporting/_grid_status.html", {"row": row}, status=status)


def _entries(post, rows) -> dict:
    return {r.target.pk: {"value": post.get(f"value_{r.target.pk}", ""), "note": post.get(f"note_{r.target.pk}", ""),
                          "version": int(post.get(f"version_{r.target.pk}") or 0) or None} for r in rows}


@login_required
@require_POST
def grid_submit(request, unit_pk, period):
    unit, p = _unit(request, unit_pk), _period(period)
    rows = grid_rows([unit], p)[unit.pk]
    entries = _entries(request.POST, rows)
    try:
        result = services.submit_all(actor=request.user, unit=unit, p=p, entries=entries)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("reporting:grid", unit.pk, p.label)
    fresh = grid_rows([unit], p)[unit.pk]
    for r in fresh:
        if r.target.pk in result.failed:
            r.errors = result.failed[r.target.pk]
            r.typed = entries[r.target.pk]["value"]
            r.typed_note = entries[r.target.pk]["note"]
    if result.failed:
        messages.error(request, _("%(ok)s values submitted; %(failed)s rows need attention (marked below).")
                       % {"ok": len(result.saved), "failed": len(result.failed)})
    else:
        messages.success(request, _("All %(count)s values submitted for approval.")
                         % {"count": len(result.saved) + len(result.skipped)})
    return render(request, "reporting/grid.html", _grid_context(request, unit, p, rows=fresh, result=result),
                  status=400 if result.failed else 200)


@login_required
def grid_excel(request, unit_pk, period):
    unit, p = _unit(request, unit_pk), _period(period)
    return _xlsx(build_workbook([unit], p), f"nhap-lieu-{unit.code}-{p.label}.xlsx")


def _xlsx(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            checked = validate_upload(form.cleaned_data["file"], kinds=("xlsx",))
            result = import_workbook(actor=request.user, data=checked.data,
                                     submit=form.cleaned_data["mode"] == "submit")
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            if result.ok:
                messages.success(request, _("%(count)s values imported.") % {"count": result.saved})
            else:
                messages.error(request, _("Nothing was imported: %(count)s rows have errors. Correct them and "
                                          "upload the file again.") % {"count": len(result.errors)})
    return render(request, "reporting/upload.html", {"form": form, "result": result},
                  status=400 if (result and not result.ok) or form.errors else 200)


# --- Completeness and decisions -----------------------------------------------------------

def _level_units(request):
    return visible_units(request.user).order_by("path")


def _deadline(request, p):
    raw = request.GET.get("deadline") or request.POST.get("deadline")
    try:
        return datetime.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
def completeness(request):
    parent, p, form = _unit_and_period(request, _level_units(request))
    report = completeness_of(parent, p, _deadline(request, p)) if parent else None
    return render(request, "reporting/completeness.html", {
        "form": form, "report": report, "parent": parent, "period": p,
        "may_decide": parent is not None and has_role_on(request.user, parent, Role.APPROVER)})


@login_required
@require_POST
def remind(request):
    parent = _unit(request, request.POST.get("unit"))
    p = _period(request.POST.get("period", ""))
    try:
        units = services.remind_missing(actor=request.user, parent=parent, p=p, deadline=_deadline(request, p))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        if units:
            messages.success(request, _("Reminder sent to %(count)s units: %(names)s.") % {
                "count": len(units), "names": ", ".join(u.display_name for u in units)})
        else:
            messages.info(request, _("Every unit has submitted; no reminder sent."))
    return redirect(reverse("reporting:completeness") + f"?unit={parent.pk}&period={p.label}")


@login_required
def completeness_excel(request):
    parent, p, _form = _unit_and_period(request, _level_units(request))
    if parent is None:
        raise Http404
    return _xlsx(build_workbook(reporting_units(parent, p), p), f"nhap-lieu-{parent.code}-{p.label}.xlsx")


@login_required
def approvals(request):
    parent, p, form = _unit_and_period(request, _level_units(request))
    if request.method == "POST":
        parent = _unit(request, request.POST.get("unit"))
        p = _period(request.POST.get("period", ""))
        items = []
        for token in request.POST.getlist("value"):
            pk, _sep, version = token.partition(":")
            if pk.isdigit():
                items.append((int(pk), int(version) if version.isdigit() else None))
        # Only values of the caller's subtree: nothing about other units' values is revealed.
        visible = set(visible_values(request.user).filter(pk__in=[pk for pk, _v in items]).values_list("pk", flat=True))
        items = [(pk, version) for pk, version in items if pk in visible]
        if not items:
            messages.error(request, _("Choose at least one value."))
        else:
            try:
                result = services.bulk_decide(actor=request.user, items=items, action=request.POST.get("action", ""),
                                              comment=request.POST.get("comment", ""))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                if result.saved:
                    messages.success(request, _("%(count)s values decided.") % {"count": len(result.saved)})
                for label, errors in result.failed.items():
                    messages.error(request, _("%(value)s: %(errors)s") % {"value": label, "errors": " ".join(errors)})
        return redirect(reverse("reporting:approvals") + f"?unit={parent.pk}&period={p.label}")
    units = reporting_units(parent, p) + [parent] if parent else []
    waiting = list(waiting_values(units, p)) if parent else []
    return render(request, "reporting/approvals.html", {"form": form, "parent": parent, "period": p,
                                                        "waiting": waiting})


# --- Boundaries ---------------------------------------------------------------------------

@login_required
def boundaries(request):
    membership = membership_of(request.user)
    if not (request.user.is_superuser or (membership and membership.has_role(Role.ADMINISTRATOR))):
        raise PermissionDenied(_("Only administrators upload unit boundaries."))
    from .models import UnitBoundary

    form = BoundaryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            if upload_file.size > 2 * 1024 * 1024:
                raise ValidationError(_("The boundary file is larger than %(mb)s MB.") % {"mb": 2})
            matched, unknown = services.upload_boundaries(actor=request.user, data=upload_file.read(),
                                                          illustrative=form.cleaned_data["illustrative"])
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        except PermissionDenied as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Boundaries stored for %(count)s units.") % {"count": matched})
            if unknown:
                messages.warning(request, _("No unit has these codes: %(codes)s.") % {"codes": ", ".join(unknown)})
            return redirect("reporting:boundaries")
    stored = (UnitBoundary.objects.filter(unit__in=visible_units(request.user))
              .select_related("unit").order_by("unit__path"))
    return render(request, "reporting/boundaries.html", {"form": form, "stored": stored})


# --- Review report --------------------------------------------------------------------------

@login_required
def review(request):
    units = visible_units(request.user).order_by("path")
    membership = membership_of(request.user)
    data = request.POST or None
    form = ReviewForm(data, units=units, initial={"unit": membership.org_unit_id if membership else None,
                                                 "period": "2020-2025", "fmt": "docx"})
    font_ok = pdf_font_path() is not None
    if request.method == "POST" and form.is_valid():
        label = form.cleaned_data["period"]
        try:
            p = parse_period(label)
        except InvalidPeriod:
            form.add_error("period", _("Write the period as a year (2023) or a term (2020-2025)."))
        else:
            if form.cleaned_data["fmt"] == "pdf" and not font_ok:
                form.add_error("fmt", pdf_help())
            else:
                unit = form.cleaned_data["unit"]
                job = enqueue(REVIEW_KIND, actor=request.user, org_unit=unit, params={
                    "unit_id": unit.pk, "period": p.label, "as_of": request.as_of.isoformat(),
                    "fmt": form.cleaned_data["fmt"], "language": translation.get_language() or "vi"})
                return redirect("jobs:detail", job.pk)
    return render(request, "reporting/review.html", {"form": form, "font_ok": font_ok, "pdf_help": pdf_help()})
