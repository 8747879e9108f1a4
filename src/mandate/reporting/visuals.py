"""What the charts and maps show, computed from the rows ``targets.evaluation`` already
returns (no second rollup path) plus, for maps, one query for the outlines and one each
for the children's rollups and shares."""

from __future__ import annotations

import datetime
from collections import Counter

from django.utils.translation import gettext as _

from mandate.core.templatetags.mandate import STATUS_LABELS, num
from mandate.orgs.models import OrgUnit
from mandate.targets import status as rules
from mandate.targets.coverage import coverage_for
from mandate.targets.models import Aggregation
from mandate.targets.rollups import allocations_for, child_rollups

from . import charts, maps
from .models import UnitBoundary

SEVERITY = ["missed", "at_risk", "on_track", "achieved", "no_data"]


def _goal(row):
    return row.target.goal(row.goal_value, row.goal_value_max) if row.allocated else row.target.goal()


def status_counts_over_time(rows, as_of: datetime.date, max_points: int = 6) -> list[tuple[str, dict]]:
    """Status counts of ``rows`` at each year end with figures, and on ``as_of``. On ``as_of``
    they are the rows' own statuses, the ones the page's summary counts; at a past year end
    they come from the rows' series with the coverage of reporting on that day (one query per
    point), so partial data never counts as achieved there either (docs/status-rules.md)."""
    years = sorted({end.year for r in rows for end, _l, _r in r.series if end <= as_of})
    days = [datetime.date(y, 12, 31) for y in years if datetime.date(y, 12, 31) < as_of][-(max_points - 1):]
    points = []
    for day in days:
        started = [r for r in rows if r.target.period_start <= day]
        coverage = coverage_for([r.target for r in started if not r.allocated], day)
        counts: Counter = Counter()
        for r in started:
            agg = r.target.aggregation
            known = [rollup.value_for(agg) for end, _l, rollup in r.series if end <= day]
            known = [v for v in known if v is not None]
            counts[rules.evaluate(_goal(r), known[-1] if known else None, day, coverage.get(r.target.pk))] += 1
        points.append((str(day.year), dict(counts)))
    today = Counter(r.status for r in rows if r.target.period_start <= as_of)
    points.append((as_of.strftime("%d/%m/%Y"), dict(today)))
    return points


def unit_status_chart(rows, as_of):
    points = status_counts_over_time(rows, as_of)
    if not rows or not points:
        return None
    return charts.status_over_time(points, title=_("Targets by status over time"))


def target_values_chart(row):
    points = row.trend
    if not points:
        return None
    return charts.values_over_periods(points, row.goal_value, unit=row.target.unit_of_measure,
                                      title=_("%(indicator)s: values over periods against the goal")
                                      % {"indicator": row.target.indicator})


def children_chart(target, breakdown):
    items = [(b["unit"].display_name, b["actual"], b["allocation"].value if b["allocation"] else None)
             for b in breakdown if b["actual"] is not None or b["allocation"] is not None]
    if len(items) < 2 or target.aggregation == Aggregation.COVERAGE:
        return None
    return charts.children_compared(items, unit=target.unit_of_measure,
                                    title=_("%(indicator)s by unit") % {"indicator": target.indicator})


def _boundaries(units):
    return {b.unit_id: b for b in UnitBoundary.objects.filter(unit__in=[u.pk for u in units])}


def _map_context(areas, caption, measure, legend_items):
    if not areas:
        return {}
    return {"map_svg": maps.render_map(areas, title=caption), "map_caption": caption, "map_measure": measure,
            "map_areas": areas, "map_legend": maps.legend(legend_items),
            "map_illustrative": any(a.illustrative for a in areas)}


def _status_legend():
    return [(maps.STATUS_FILL[s], STATUS_LABELS[s]()) for s in SEVERITY[:4] + ["no_data"]]


def target_map(target, breakdown):
    """Children of the target's unit coloured by their status (when shares are set) or by value."""
    units = [b["unit"] for b in breakdown]
    outlines = _boundaries(units)
    if not outlines:
        return {}
    by_status = any(b["status"] for b in breakdown)
    values = [b["actual"] for b in breakdown if b["actual"] is not None]
    lo, hi = (min(values), max(values)) if values else (0, 0)
    areas = []
    for b in breakdown:
        outline = outlines.get(b["unit"].pk)
        if outline is None:
            continue
        if by_status:
            status = b["status"] or "no_data"
            fill, label = maps.STATUS_FILL[status], STATUS_LABELS[status]()
        else:
            fill = maps.value_fill(b["actual"], lo, hi)
            label = num(b["actual"]) if b["actual"] is not None else STATUS_LABELS["no_data"]()
        areas.append(maps.MapArea(b["unit"], outline.geometry, fill, label, outline.is_illustrative))
    if by_status:
        return _map_context(areas, _("%(indicator)s: status by unit") % {"indicator": target.indicator},
                            _("Status"), _status_legend())
    return _map_context(areas, _("%(indicator)s: value by unit") % {"indicator": target.indicator}, _("Value"),
                        [(maps.VALUE_FILL[0], num(lo)), (maps.VALUE_FILL[-1], num(hi))])


def unit_map(unit: OrgUnit, rows, day: datetime.date):
    """Children of ``unit`` coloured by their worst status over the unit's targets."""
    children = list(OrgUnit.objects.valid_on(day).filter(parent=unit).order_by("sort_order", "name_vi"))
    outlines = _boundaries(children)
    if not outlines:
        return {}
    own = [r for r in rows if not r.allocated and r.target.org_unit_id == unit.pk]
    ids = [r.target.pk for r in own]
    rollups = child_rollups(ids, unit, day) if ids else {}
    shares = allocations_for(ids, [c.pk for c in children]) if ids else {}
    areas = []
    for child in children:
        outline = outlines.get(child.pk)
        if outline is None:
            continue
        statuses = []
        for r in own:
            t = r.target
            rollup = rollups.get((t.pk, child.path))
            actual = rollup.value_for(t.aggregation) if rollup else None
            share = shares.get((t.pk, child.pk))
            if share is not None:
                statuses.append(rules.evaluate(t.goal(*share), actual, day))
            elif t.aggregation == Aggregation.AVERAGE:
                statuses.append(rules.evaluate(t.goal(), actual, day))
            elif t.aggregation == Aggregation.COVERAGE and rollup:
                statuses.append("achieved" if rollup.meeting else "missed")
        status = min(statuses, key=SEVERITY.index) if statuses else "no_data"
        areas.append(maps.MapArea(child, outline.geometry, maps.STATUS_FILL[status], STATUS_LABELS[status](),
                                  outline.is_illustrative))
    return _map_context(areas, _("%(unit)s: the weakest status of each unit") % {"unit": unit.display_name},
                        _("Status"), _status_legend())
