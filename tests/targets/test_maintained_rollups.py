"""The maintained rollup tables, kept current write by write, equal a rebuild from scratch
and the definition over all history, after random sequences of entering, submitting,
approving, returning, back-dating and deleting values, merging units and changing targets,
read as of many days."""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Length, Substr

from mandate.orgs.models import SEGMENT, OrgUnit, OrgUnitAlias, UnitKind
from mandate.orgs.services import create_unit, record_merger
from mandate.targets import services
from mandate.targets.maintenance import rebuild
from mandate.targets.models import (
    Aggregation,
    LatestValue,
    ReportedValue,
    Target,
    UnitPeriodRollup,
    UnitRollup,
    ValueState,
)
from mandate.targets.rollups import (
    Rollup,
    approved_as_of,
    child_rollups,
    end_of_day,
    holder_path,
    latest_rows,
    target_rollups,
    target_series,
)

pytestmark = pytest.mark.django_db

# --- The definition: the rollups computed from every reported value (the former queries) ------


def _latest_by_definition(day):
    newer = approved_as_of(day).filter(target=OuterRef("target"), org_unit=OuterRef("org_unit")).filter(
        Q(period_end__gt=OuterRef("period_end")) | Q(period_end=OuterRef("period_end"), pk__gt=OuterRef("pk")))
    return approved_as_of(day).filter(~Exists(newer))


def _aggregates(own):
    return {"total": Sum("value"), "average": Avg("value"), "reporting": Count("id"),
            "meeting": Count("id", filter=Q(value__gte=F("target__coverage_threshold"))),
            "own": Avg("value", filter=own)}


def _under(path):
    return Exists(OrgUnitAlias.objects.filter(unit=OuterRef("org_unit"), current__path__startswith=path))


def _held_by(unit):
    return Exists(OrgUnitAlias.objects.filter(unit=OuterRef("org_unit"), current=unit))


def _definition(ids, day, scope):
    path, unit = ((OuterRef("target__org_unit__path"), OuterRef("target__org_unit")) if scope is None
                  else (scope.path, scope.pk))
    latest = (_latest_by_definition(day).filter(target__in=ids).filter(_under(path)).values("target")
              .annotate(**_aggregates(Q(_held_by(unit)))).order_by())
    series = (approved_as_of(day).filter(target__in=ids).filter(_under(path))
              .values("target", "period_end", "period_label").annotate(**_aggregates(Q(_held_by(unit))))
              .order_by("target", "period_end", "period_label"))
    return ({row.pop("target"): _norm(Rollup(**row)) for row in latest},
            [(row.pop("target"), row.pop("period_end"), row.pop("period_label"), _norm(Rollup(**row)))
             for row in series])


def _children_by_definition(ids, unit, day):
    prefix = len(unit.path) + SEGMENT
    rows = (_latest_by_definition(day).filter(target__in=ids).annotate(holder=holder_path(day))
            .filter(holder__startswith=unit.path).annotate(holder_len=Length("holder"))
            .filter(holder_len__gte=prefix).annotate(child_path=Substr("holder", 1, prefix))
            .values("target", "child_path").annotate(**_aggregates(Q(holder_len=prefix))).order_by())
    return {(row.pop("target"), row.pop("child_path")): _norm(Rollup(**row)) for row in rows}


def _q(value, places="0.000001"):
    return None if value is None else Decimal(value).quantize(Decimal(places))


def _norm(r: Rollup):
    return (_q(r.total), _q(r.average), _q(r.own), r.reporting, r.meeting)


# --- What the pages read ----------------------------------------------------------------------

def _days():
    days = set()
    for model in (LatestValue, UnitRollup, UnitPeriodRollup):
        days |= set(model.objects.values_list("valid_from", flat=True))
    days |= {d - datetime.timedelta(days=1) for d in days}
    days |= {datetime.date(2023, 1, 1), datetime.date(2024, 6, 30), datetime.date(2025, 7, 1),
             datetime.date(2026, 12, 31)}
    return sorted(days)[-16:]


def _read(days, definition=False):
    """What the pages read on each day, at every scope but the units above a target's own
    (a target is read at its unit, at the units below and at the successors of merged units)."""
    targets = list(Target.objects.select_related("org_unit"))
    units = list(OrgUnit.objects.all())
    seen = {}
    for day in days:
        for scope in [None, *units]:
            ids = [t.pk for t in targets if scope is None or not (
                len(scope.path) < len(t.org_unit.path) and t.org_unit.path.startswith(scope.path))]
            if definition:
                seen[(day, scope and scope.pk)] = _definition(ids, day, scope)
            else:
                series = target_series(ids, day, scope)
                seen[(day, scope and scope.pk)] = (
                    {t: _norm(r) for t, r in target_rollups(ids, day, scope).items()},
                    [(t, end, label, _norm(r)) for t, points in sorted(series.items()) for end, label, r in points],
                )
        ids = [t.pk for t in targets]
        for unit in units:
            if definition:
                seen[(day, "children", unit.pk)] = _children_by_definition(ids, unit, day)
            else:
                seen[(day, "children", unit.pk)] = {k: _norm(r) for k, r in child_rollups(ids, unit, day).items()}
    return seen


def _latest_rows():
    return sorted(LatestValue.objects.values_list("target", "org_unit", "reported_value", "valid_from", "valid_to"))


def _check_reporting_units(days):
    """Coverage of reporting reads the units with a value from the ``LatestValue`` rows on a
    day: they must be the units with an approved value inside the period known on that day."""
    for day in days:
        assert (set(latest_rows(day).values_list("target", "org_unit"))
                == set(approved_as_of(day).values_list("target", "org_unit"))), day


def _check_all_agree():
    days = _days()
    _check_reporting_units(days)
    incremental, latest = _read(days), _latest_rows()
    with transaction.atomic():
        rebuild()
        rebuilt, rebuilt_latest = _read(days), _latest_rows()
        transaction.set_rollback(True)
    assert latest == rebuilt_latest
    for key in incremental:
        assert incremental[key] == rebuilt[key], key
    defined = _read(days, definition=True)
    for key in incremental:
        assert incremental[key] == defined[key], key


# --- Random histories -------------------------------------------------------------------------

PERIODS = [f"2023-{m:02d}" for m in range(1, 13)] + ["2023-Q2", "2023-H1", "2023", "2024-03", "2024-Q1",
                                                     "2024-09", "2024"]


def _targets(users, plan, tree):
    admin = users["admin"]
    make = lambda unit, name, **kw: services.create_target(  # noqa: E731
        actor=admin, document=plan, org_unit=unit, indicator=name, unit_of_measure="lượt", value=100,
        period="2023-2025", **kw)
    return [
        make(tree.province, "Tổng lượt khách"),
        make(tree.city, "Tỷ lệ trung bình", aggregation=Aggregation.AVERAGE),
        make(tree.province, "Số xã đạt chuẩn", aggregation=Aggregation.COVERAGE, coverage_threshold=5),
        make(tree.city, "Giá trị riêng", aggregation=Aggregation.OWN),
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_equals_rebuild_after_random_history(tree, users, plan, seed):
    rng = random.Random(seed)
    admin = users["admin"]
    targets = _targets(users, plan, tree)
    reporting_units = [tree.city, tree.hoang_dong, tree.mai_pha, tree.chi_lang]
    merged = False
    for step in range(60):
        op = rng.choices(["enter", "approve", "return", "resubmit", "backdate", "delete", "merge", "retarget"],
                         weights=[30, 25, 6, 6, 10, 3, 2, 2])[0]
        values = list(ReportedValue.objects.all())
        if step == 30 and not merged:
            op = "merge"
        if op == "enter":
            target, unit, period = rng.choice(targets), rng.choice(reporting_units), rng.choice(PERIODS)
            if unit.path.startswith(target.org_unit.path) and not ReportedValue.objects.filter(
                    target=target, org_unit=unit, period_label=period).exists():
                services.enter_value(actor=admin, target=target, org_unit=unit, period=period,
                                     value=rng.randint(0, 12), submit=rng.random() < 0.9)
        elif op in ("approve", "return"):
            submitted = [v for v in values if v.state == ValueState.SUBMITTED]
            if submitted:
                v = rng.choice(submitted)
                if op == "approve":
                    services.approve_value(v, actor=admin, expected_version=v.version)
                else:
                    services.return_value(v, actor=admin, expected_version=v.version, comment="Xem lại số liệu")
        elif op == "resubmit":
            returned = [v for v in values if v.state in (ValueState.RETURNED, ValueState.DRAFT)]
            if returned:
                v = rng.choice(returned)
                services.update_value(v, actor=admin, expected_version=v.version, value=rng.randint(0, 12),
                                      submit=True)
        elif op == "backdate":
            decided = [v for v in values if v.state in (ValueState.APPROVED, ValueState.RETURNED)]
            if decided:
                day = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 1000))
                services.record_decision_time(rng.choice(decided), decided_at=end_of_day(day))
        elif op == "delete" and values:
            ReportedValue.objects.filter(pk=rng.choice(values).pk).delete()
        elif op == "merge" and not merged:
            merged = True
            ward = create_unit(code=f"phuong-moi-{seed}", name_vi="Phường Mới", kind=UnitKind.WARD,
                               parent=tree.province, valid_from=datetime.date(2025, 7, 1))
            record_merger(predecessors=[tree.hoang_dong, tree.mai_pha], successor=ward,
                          effective_on=datetime.date(2025, 7, 1))
            record_merger(predecessors=[tree.chi_lang], successor=ward, effective_on=datetime.date(2025, 7, 1))
            for unit in (tree.hoang_dong, tree.mai_pha, tree.chi_lang):
                unit.refresh_from_db()
        elif op == "retarget":
            target = rng.choice(targets)
            target.refresh_from_db()
            fields = ({"period": rng.choice(["2023-2024", "2024-2025", "2023-2025"])} if rng.random() < 0.5 else {"coverage_threshold": rng.randint(1, 9)})
            services.update_target(target, actor=admin, expected_version=target.version, **fields)
        if step % 20 == 19:
            _check_all_agree()
    assert merged and ReportedValue.objects.filter(state=ValueState.APPROVED).count() > 5
    assert UnitRollup.objects.filter(scope__code__startswith="phuong-moi").exists()


def test_rebuild_command_recomputes_the_tables(tree, users, plan):
    admin = users["admin"]
    target = _targets(users, plan, tree)[0]
    v = services.enter_value(actor=admin, target=target, org_unit=tree.mai_pha, period="2023", value=7, submit=True)
    services.approve_value(v, actor=admin, expected_version=v.version)
    before = _latest_rows(), sorted(UnitRollup.objects.values_list("target", "scope", "valid_from", "total"))
    UnitRollup.objects.all().delete()
    LatestValue.objects.all().delete()
    call_command("rebuild_rollups")
    assert (_latest_rows(), sorted(UnitRollup.objects.values_list("target", "scope", "valid_from", "total"))) == before
    # Counted at mai_pha, the city and the province (the target's unit): nothing above it.
    assert UnitRollup.objects.filter(target=target).count() == 3


def test_rebuild_runs_as_a_background_job(tree, users, plan, django_capture_on_commit_callbacks, settings,
                                           tmp_path):
    from mandate.jobs.models import Job, JobState

    settings.MEDIA_ROOT = tmp_path
    admin = users["admin"]
    target = _targets(users, plan, tree)[0]
    v = services.enter_value(actor=admin, target=target, org_unit=tree.mai_pha, period="2023", value=7, submit=True)
    services.approve_value(v, actor=admin, expected_version=v.version)
    UnitRollup.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_rollups", "--background")
    job = Job.objects.get(kind="targets.rebuild_rollups")
    assert job.state == JobState.SUCCEEDED, job.error
    assert "3 unit rollups" in job.summary
    assert UnitRollup.objects.filter(target=target).count() == 3
