"""The review report (báo cáo kiểm điểm / đánh giá) of a unit for a term or a year: the
figures, gathered once, that the Word and PDF writers lay out.

Reads a fixed number of queries whatever the number of targets, tasks or projects: the
targets' evaluation (``targets.evaluation``, the one rollup path), one query for the same
indicators in other periods and one for their series, one each for tasks, movements,
commendations and projects.
"""

from __future__ import annotations

import datetime
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from mandate.movements.models import Commendation, Movement
from mandate.orgs.models import OrgUnit
from mandate.projects.models import InvestmentProject
from mandate.projects.queries import totals as project_totals
from mandate.targets.evaluation import TargetRow, evaluate_for_unit, summarize
from mandate.targets.models import Target
from mandate.targets.periods import Period, parse_period
from mandate.targets.rollups import target_series
from mandate.tasks.models import Task

from . import terms
from .terms import Comparison


@dataclass
class ReviewTarget:
    row: TargetRow
    comparisons: list = field(default_factory=list)

    @property
    def target(self) -> Target:
        return self.row.target


@dataclass
class ReviewData:
    unit: OrgUnit
    period: Period
    as_of: datetime.date
    produced_at: datetime.datetime
    groups: list  # [(document, [ReviewTarget])]
    summary: dict
    tasks: dict
    movements: list
    commendations: list
    projects: dict
    project_rows: list

    @property
    def is_term(self) -> bool:
        return terms.is_term(self.period.label)

    @property
    def targets(self) -> list[ReviewTarget]:
        return [t for _d, rows in self.groups for t in rows]


def _key(t: Target):
    return (t.org_unit_id, t.indicator.strip().casefold(), t.unit_of_measure.strip())


def _values_by_label(series_rows, aggregation) -> dict[str, Decimal]:
    out = {}
    for _end, label, rollup in series_rows:
        value = rollup.value_for(aggregation)
        if value is not None:
            out[label] = value
    return out


def comparisons_for(rows: list[TargetRow], p: Period, as_of: datetime.date) -> dict[int, list[Comparison]]:
    """Per target id, its comparisons for the report period ``p``. Two queries."""
    own = [r for r in rows if not r.allocated]
    if not own:
        return {}
    indicators = {r.target.indicator for r in own}
    units = {r.target.org_unit_id for r in own}
    others = list(Target.objects.filter(org_unit__in=units, indicator__in=indicators)
                  .exclude(pk__in=[r.target.pk for r in own]).only("pk", "org_unit", "indicator", "unit_of_measure",
                                                                   "aggregation"))
    series = target_series([t.pk for t in others], as_of) if others else {}
    by_key: dict[tuple, dict[str, Decimal]] = {}
    for t in others:
        by_key.setdefault(_key(t), {}).update(_values_by_label(series.get(t.pk, []), t.aggregation))
    for r in own:
        by_key.setdefault(_key(r.target), {}).update(_values_by_label(r.series, r.target.aggregation))
    result = {}
    for r in own:
        t = r.target
        values = by_key.get(_key(t), {})
        uom = t.unit_of_measure
        found = []
        if terms.is_term(p.label):
            years = terms.term_years(p.label)
            current = terms.average([values.get(y) for y in years])
            shown = [y for y in years if y in values]
            prev = terms.previous_term(p.label)
            base = terms.average([values.get(y) for y in terms.term_years(prev)]) if prev else None
            if current is not None and base is not None:
                label = f"{shown[0]}-{shown[-1]}" if len(shown) > 1 else shown[0]
                found.append(_labelled(terms.compare(current, base, kind="previous_term_average", base_label=prev,
                                                     unit_of_measure=uom), label))
        else:
            current = values.get(p.label)
            for kind, base_label in (("last_year", terms.same_period_last_year(p.label)),
                                     ("previous_term_same_period", terms.same_period_previous_term(p.label))):
                if base_label and base_label in values and current is not None:
                    found.append(_labelled(terms.compare(current, values[base_label], kind=kind,
                                                         base_label=base_label, unit_of_measure=uom), p.label))
        result[t.pk] = [c for c in found if c]
    return result


@dataclass(frozen=True)
class LabelledComparison:
    comparison: Comparison
    current_label: str

    def __getattr__(self, name):
        return getattr(self.comparison, name)


def _labelled(c: Comparison | None, current_label: str):
    return LabelledComparison(c, current_label) if c else None


def _working(start: datetime.date, end: datetime.date, label: str) -> tuple[datetime.date, datetime.date]:
    """A term's working years: 2020-2025 runs 2021-2025 (the congress year closes the previous term)."""
    if terms.is_term(label):
        return datetime.date(start.year + 1, 1, 1), end
    return start, end


def _overlaps(t: Target, p: Period) -> bool:
    t_start, t_end = _working(t.period_start, t.period_end, t.period_label)
    p_start, p_end = _working(p.start, p.end, p.label)
    return t_start <= p_end and t_end >= p_start


def gather(unit: OrgUnit, period_label: str, as_of: datetime.date) -> ReviewData:
    p = parse_period(period_label)
    rows = [r for r in evaluate_for_unit(unit, as_of) if _overlaps(r.target, p)]
    rows.sort(key=lambda r: (r.target.document.number, r.target.sort_order, r.target.pk))
    comps = comparisons_for(rows, p, as_of)
    groups: OrderedDict = OrderedDict()
    for r in rows:
        groups.setdefault(r.target.document_id, (r.target.document, []))[1].append(
            ReviewTarget(r, comps.get(r.target.pk, [])))
    path = unit.path
    task_states = Counter(dict(
        Task.objects.filter(lead_unit__path__startswith=path, deadline__gte=p.start, deadline__lte=p.end,
                            assigned_on__lte=as_of)
        .with_state(as_of).order_by().values_list("state").annotate(n=Count("pk"))))
    movements = list(
        Movement.objects.filter(organizer__path__startswith=path)
        .filter(Q(occasion_date__range=(p.start, p.end)) | Q(registration_deadline__range=(p.start, p.end)))
        .annotate(n_registrations=Count("registrations", distinct=True),
                  n_commendations=Count("commendations", distinct=True))
        .order_by("registration_deadline", "pk"))
    commendations = list(
        Commendation.objects.filter(Q(movement__organizer__path__startswith=path) | Q(unit__path__startswith=path),
                                    awarded_on__range=(p.start, min(p.end, as_of)))
        .select_related("movement").order_by("awarded_on", "pk")[:50])
    projects_qs = (InvestmentProject.objects.visible_to_path(path)
                   .filter(plan_year__gte=p.start.year, plan_year__lte=p.end.year).with_figures(as_of))
    project_rows = list(projects_qs.select_related("investor").order_by("plan_year", "pk")[:50])
    return ReviewData(
        unit=unit, period=p, as_of=as_of, produced_at=timezone.localtime(), groups=list(groups.values()),
        summary=summarize(rows), tasks=dict(task_states), movements=movements, commendations=commendations,
        projects=project_totals(projects_qs), project_rows=project_rows)
