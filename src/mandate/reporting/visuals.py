"""What the charts and maps show, computed from the rows ``targets.evaluation`` already
returns (no second rollup path) plus, for maps, one query for the outlines and one each
for the children's rollups and shares."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from mandate.core.templatetags.mandate import STATUS_LABELS, num
from mandate.orgs.models import OrgUnit
from mandate.targets import status as rules
from mandate.targets.evaluation import targets_for_unit
from mandate.targets.models import Aggregation
from mandate.targets.rollups import allocations_for, child_rollups

from . import charts, maps
from .models import UnitBoundary

SEVERITY = ["missed", "at_risk", "on_track", "achieved", "no_data"]


def unit_status_chart(points: list[tuple[datetime.date, dict]], as_of: datetime.date):
    """``points``: ``targets.evaluation.status_counts_over_time``, the cards at past year ends
    and on ``as_of``."""
    if not any(sum(counts.values()) for _day, counts in points):
        return None
    labelled = [(day.strftime("%d/%m/%Y") if day == as_of else str(day.year), dict(counts)) for day, counts in points]
    return charts.status_over_time(labelled, title=_("Targets by status over time"))


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


def unit_map(unit: OrgUnit, day: datetime.date, *, document=None, year: int | None = None):
    """Children of ``unit`` coloured by their worst status over the unit's own targets (those
    of the dashboard's document and year, every one of them, not only the page shown)."""
    children = list(OrgUnit.objects.valid_on(day).filter(parent=unit).order_by("sort_order", "name_vi"))
    outlines = _boundaries(children)
    if not outlines:
        return {}
    own = list(targets_for_unit(unit, document=document, year=year)[0].filter(org_unit=unit)
               .select_related(None).defer("source_text"))
    ids = [t.pk for t in own]
    rollups = child_rollups(ids, unit, day) if ids else {}
    shares = allocations_for(ids, [c.pk for c in children]) if ids else {}
    areas = []
    for child in children:
        outline = outlines.get(child.pk)
        if outline is None:
            continue
        statuses = []
        for t in own:
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
