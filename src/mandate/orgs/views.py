"""Org tree pages: the tree as of a date, a unit's page, and the administrators' forms."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mandate.accounts.access import has_role_on, membership_of, visible_units
from mandate.accounts.models import Role
from mandate.core.db_router import uses_replica
from mandate.documents.models import DirectiveDocument
from mandate.targets import status as rules
from mandate.targets.evaluation import add_series, unit_targets
from mandate.targets.rollups import allocations_for, child_rollups

from . import services
from .forms import MergeForm, RenameForm, SplitForm, UnitForm
from .models import OrgUnit, Succession

TARGETS_PER_PAGE = 100


def tree_tokens(units):
    """Nest a path-ordered list of units into ("ul"|"/ul"|"li"|"/li", unit) tokens; a
    "/li" carries the unit it closes, so the page can close what it opened for it.

    A unit whose parent is not in the list (outside the subtree, or closed on that day)
    hangs under its nearest listed ancestor, or starts a top-level branch."""
    tokens, stack = [], []  # stack: the units of the open <li>s, one per nesting level
    for unit in units:
        keep = sum(1 for open_unit in stack if unit.path.startswith(open_unit.path))
        if keep == len(stack):
            tokens.append(("ul", None))
        else:
            while len(stack) > keep + 1:
                tokens += [("/li", stack.pop()), ("/ul", None)]
            tokens.append(("/li", stack.pop()))
        tokens.append(("li", unit))
        stack.append(unit)
    while stack:
        tokens += [("/li", stack.pop()), ("/ul", None)]
    return tokens


def _mark_parents(units) -> None:
    """Set ``has_children`` on each unit that has a unit of the list under it."""
    for i, unit in enumerate(units):
        unit.has_children = i + 1 < len(units) and units[i + 1].path.startswith(unit.path)


@login_required
def tree(request):
    day = request.as_of
    units = list(visible_units(request.user).valid_on(day).order_by("path"))
    _mark_parents(units)
    no_unit = membership_of(request.user) is None and not request.user.is_superuser
    return render(request, "orgs/tree.html", {"tokens": tree_tokens(units), "count": len(units),
                                              "no_unit": no_unit})


def _visible_unit(request, pk) -> OrgUnit:
    return get_object_or_404(visible_units(request.user).select_related("parent"), pk=pk)


def _children_values(rows, unit, day):
    """For each row of a target set at (or broken down to) ``unit``: its children's values,
    shares and status. Two queries for all rows and children."""
    children = list(OrgUnit.objects.filter(parent=unit).valid_on(day).order_by("path"))
    own_rows = [r for r in rows if r.scope.pk == unit.pk]
    ids = [r.target.pk for r in own_rows]
    if not children or not ids:
        return children
    rollups = child_rollups(ids, unit, day)
    shares = allocations_for(ids, [c.pk for c in children])
    for row in own_rows:
        t = row.target
        row.children = []
        for child in children:
            rollup = rollups.get((t.pk, child.path))
            actual = rollup.value_for(t.aggregation) if rollup else None
            share = shares.get((t.pk, child.pk))
            status = rules.evaluate(t.goal(*share), actual, day) if share else None
            row.children.append({"unit": child, "actual": actual, "share": share, "status": status})
    return children


@login_required
@uses_replica
def unit_detail(request, pk):
    unit = _visible_unit(request, pk)
    day = request.as_of
    exists = unit.is_valid_on(day)
    context = {"unit": unit, "exists": exists, "rows": [], "children": []}
    if exists:
        # A province's subtree holds thousands of targets: a page of them at a time, with
        # their trends and their children's figures.
        page = Paginator(unit_targets(unit, day), TARGETS_PER_PAGE).get_page(
            request.GET.get("page"))
        rows = list(page.object_list)
        add_series(rows, day)
        context["children"] = _children_values(rows, unit, day)
        context["rows"], context["page"] = rows, page
    elif unit.valid_to and day >= unit.valid_to:
        context["last_day"] = unit.valid_to - datetime.timedelta(days=1)
    elif unit.valid_from:
        context["first_day"] = unit.valid_from
    context["merged_from"] = Succession.objects.filter(successor=unit).select_related("predecessor")
    context["became"] = Succession.objects.filter(predecessor=unit).select_related("successor")
    context["documents"] = (DirectiveDocument.objects.filter(Q(issuing_unit=unit) | Q(targets__org_unit=unit))
                            .distinct().order_by("-issued_on", "number"))
    context["can_admin"] = has_role_on(request.user, unit, Role.ADMINISTRATOR)
    context["can_reorganize"] = exists and has_role_on(request.user, unit.parent or unit, Role.ADMINISTRATOR) and (
        unit.parent_id is not None or request.user.is_superuser)
    return render(request, "orgs/unit.html", context)


def _form_errors(form, exc: ValidationError) -> None:
    """Put a service's errors on the form: on the field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _admin_page(request, template, form, **context):
    return render(request, template, {"form": form, **context})


@login_required
def add_unit(request, pk):
    parent = _visible_unit(request, pk)
    if not has_role_on(request.user, parent, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Your role does not allow this for %(unit)s.") % {"unit": parent.display_name})
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.add_unit(actor=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Unit created."))
            return redirect(unit)
    return _admin_page(request, "orgs/form.html", form, unit=parent, title=_("Add a unit under %(unit)s")
                       % {"unit": parent.display_name})


@login_required
def edit_unit(request, pk):
    unit = _visible_unit(request, pk)
    if not has_role_on(request.user, unit, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Your role does not allow this for %(unit)s.") % {"unit": unit.display_name})
    form = RenameForm(request.POST or None, initial={"name_vi": unit.name_vi, "name_en": unit.name_en,
                                                     "version": services.version_token(unit)})
    if request.method == "POST" and form.is_valid():
        try:
            services.rename_unit(unit, actor=request.user, name_vi=form.cleaned_data["name_vi"],
                                 name_en=form.cleaned_data["name_en"],
                                 expected_version=form.cleaned_data["version"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Names saved."))
            return redirect(unit)
    return _admin_page(request, "orgs/form.html", form, unit=unit, title=_("Edit the names of %(unit)s")
                       % {"unit": unit.display_name})


@login_required
def merge(request, pk):
    unit = _visible_unit(request, pk)
    day = request.as_of
    units = visible_units(request.user).valid_on(day).order_by("path")
    form = MergeForm(request.POST or None, units=units,
                     initial={"predecessors": [unit.pk], "new_parent": unit.parent_id, "new_kind": unit.kind})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            successor = services.reorganize_merge(
                actor=request.user, predecessors=list(d["predecessors"]), effective_on=d["effective_on"],
                successor=d["successor"], new_unit=form.new_unit(), legal_basis=d["legal_basis"])
        except ValidationError as exc:
            _form_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Merger recorded."))
            return redirect(successor)
    return _admin_page(request, "orgs/form.html", form, unit=unit, title=_("Record a merger"))


@login_required
def split(request, pk):
    unit = _visible_unit(request, pk)
    form = SplitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.reorganize_split(actor=request.user, predecessor=unit, new_units=d["new_units"],
                                      effective_on=d["effective_on"], legal_basis=d["legal_basis"])
        except ValidationError as exc:
            _form_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Split recorded."))
            return redirect(unit)
    return _admin_page(request, "orgs/form.html", form, unit=unit, title=_("Split %(unit)s")
                       % {"unit": unit.display_name})
