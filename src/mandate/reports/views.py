"""The dashboard: the targets of one unit (the user's own by default) with their status."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from mandate.accounts.access import membership_of, visible_units
from mandate.core.db_router import uses_replica
from mandate.orgs.models import OrgUnit
from mandate.targets.evaluation import add_series, status_counts_over_time, summarize, unit_targets
from mandate.targets.models import Status
from mandate.targets.rollups import latest_rows

from .forms import DashboardFilterForm

# Rows shown per page; the summary cards count every target of the subtree.
PAGE_SIZE = 100


def _default_units(user, day):
    """The unit the dashboard opens on: the membership unit, or for a superuser
    without one the root units (the first of them is shown)."""
    membership = membership_of(user)
    if membership is not None:
        return [membership.org_unit]
    if user.is_superuser:
        return list(OrgUnit.objects.valid_on(day).filter(parent__isnull=True))
    return []


def demo_target_ids(target_ids, day) -> set[int]:
    """Targets whose figures on ``day`` include a demo value (one query, on the latest values)."""
    if not target_ids:
        return set()
    return set(latest_rows(day).filter(target__in=target_ids, is_demo=True)
               .values_list("target", flat=True).distinct())


@login_required
@uses_replica
def dashboard(request):
    day = request.as_of
    roots = _default_units(request.user, day)
    if not roots:
        return render(request, "reports/dashboard.html", {"no_unit": True})
    # A superuser's choice covers every unit; a member's is their subtree.
    # Units open on the day, plus the user's own even if it has since closed.
    visible = visible_units(request.user)
    units = (visible.valid_on(day) | visible.filter(pk=roots[0].pk)).order_by("path")
    root_path = "" if request.user.is_superuser and membership_of(request.user) is None else roots[0].path
    form = DashboardFilterForm(request.GET or None, units=units, root_path=root_path,
                               initial={"unit": roots[0]})
    rows, unit, filters = [], roots[0], {}
    if form.is_bound and not form.is_valid():
        return render(request, "reports/dashboard.html", {"form": form, "unit": None, "rows": [],
                                                          "summary": None}, status=400)
    if form.is_bound:
        unit = form.cleaned_data["unit"] or unit
        filters = {"document": form.cleaned_data["document"], "year": form.cleaned_data["year"],
                   "statuses": form.cleaned_data["status"] or None}
    # The statuses of every target (the cards); rows are built for the page shown only.
    all_rows = unit_targets(unit, day, **filters)
    summary = summarize(all_rows)
    # The chart of the cards through time counts the same selection, not only this page.
    status_points = status_counts_over_time(unit, day, all_rows.status_counts, **filters)
    page = Paginator(all_rows, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    add_series(rows, day)
    demo = demo_target_ids([r.target.pk for r in rows], day)
    for row in rows:
        row.is_demo = row.target.pk in demo
    cards = [(Status.ACHIEVED, summary["met"]), (Status.ON_TRACK, summary["on_track"]),
             (Status.AT_RISK, summary["at_risk"]), (Status.MISSED, summary["missed"]),
             (Status.NO_DATA, summary["no_data"])]
    summary_line = _("%(met)s of %(total)s targets met, %(missed)s missed, %(no_data)s with no data") % summary
    return render(request, "reports/dashboard.html", {
        "form": form, "unit": unit, "rows": rows, "page": page, "summary": summary, "summary_line": summary_line,
        "cards": cards, "status_points": status_points, "filters": filters, "other_roots": roots[1:],
        "unit_closed": not unit.is_valid_on(day),
    })


@login_required
def search_page(request):
    """Documents, targets and tasks matching ``?q=``, diacritics and case ignored."""
    from .search import search

    q = (request.GET.get("q") or "").strip()[:200]
    return render(request, "reports/search.html", {"results": search(request.user, q), "q": q})
