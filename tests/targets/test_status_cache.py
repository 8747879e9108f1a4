"""The dashboard's status counts kept per unit (``status_cache``) equal the counts computed
from scratch (``status_sql.status_counts``) after random sequences of entries, approvals,
returns, moved decision times, goal changes, breakdowns, a merger and rolled-back writes,
read on several days; only the units whose figures changed are counted again; and the
triggers stamp the unit each kind of write changes.

The cache here is in memory, outside the database's transactions, as Redis is in production:
what a rolled-back transaction cached stays there, and must never be read again."""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from mandate.orgs.models import OrgUnit, UnitKind
from mandate.orgs.services import create_unit, record_merger
from mandate.targets import services, status_cache, status_sql
from mandate.targets.evaluation import targets_for_unit
from mandate.targets.models import Aggregation, Comparator, ReportedValue, Target, UnitChangeStamp, ValueState
from mandate.targets.rollups import end_of_day

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="the counts are kept per unit on PostgreSQL only (SQLite counts in Python)"),
]

DAYS = [datetime.date(2024, 3, 1), datetime.date(2024, 9, 15), datetime.date(2026, 12, 7)]


@pytest.fixture(autouse=True)
def memory_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "status-cache-tests"}}
    cache.clear()
    yield
    cache.clear()


class _RolledBack(Exception):
    pass


class World:
    def __init__(self, tree, plan, admin, seed):
        self.tree, self.plan, self.admin, self.rng = tree, plan, admin, random.Random(seed)
        self.village = create_unit(code="thon-9", name_vi="Thôn 9", kind=UnitKind.VILLAGE, parent=tree.hoang_dong)
        self.holders = [tree.province, tree.city, tree.city, tree.hoang_dong, tree.mai_pha]
        self.ward = None
        self.targets = []
        for _ in range(12):
            self.add_target()

    def reporters(self, unit):
        t, ward = self.tree, [self.ward] if self.ward else []
        return {t.province: [t.province, t.city, t.hoang_dong, t.chi_lang, t.department],
                t.city: [t.city, t.hoang_dong, t.mai_pha, t.chi_lang, self.village, *ward],
                t.hoang_dong: [t.hoang_dong, self.village], t.mai_pha: [t.mai_pha],
                # The ward's figures count the merged commune's values (through its alias).
                self.ward: [*ward, t.mai_pha]}[unit]

    def add_target(self):
        rng = self.rng
        aggregation = rng.choice(list(Aggregation.values))
        comparator = rng.choice([Comparator.AT_LEAST, Comparator.AT_MOST, Comparator.EQUAL])
        target = services.create_target(
            actor=self.admin, document=self.plan, org_unit=rng.choice(self.holders),
            indicator=f"Chỉ tiêu {len(self.targets)}", unit_of_measure=rng.choice(["%", "hộ"]),
            period=rng.choice(["2024", "2024-2025"]), aggregation=aggregation,
            coverage_threshold=Decimal(10) if aggregation == Aggregation.COVERAGE else None,
            comparator=comparator, value=Decimal(rng.choice(["5", "20", "60"])))
        self.targets.append(target)

    def approve(self):
        rng = self.rng
        target = rng.choice(self.targets)
        reporter = rng.choice(self.reporters(target.org_unit))
        period = rng.choice(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
        if ReportedValue.objects.filter(target=target, org_unit=reporter, period_label=period).exists():
            return
        try:
            v = services.enter_value(actor=self.admin, target=target, org_unit=reporter, period=period,
                                     value=Decimal(rng.choice(["0", "3", "12", "25", "70"])), submit=True)
        except ValidationError:  # a closed unit's period after its merger
            return
        if rng.random() < 0.2:
            services.return_value(v, actor=self.admin, expected_version=v.version, comment="Số liệu chưa khớp")
            return
        v = services.approve_value(v, actor=self.admin, expected_version=v.version)
        services.record_decision_time(v, decided_at=end_of_day(rng.choice(DAYS[:2])))

    def move_decision(self):
        approved = list(ReportedValue.objects.filter(state=ValueState.APPROVED).order_by("pk"))
        if approved:
            services.record_decision_time(self.rng.choice(approved),
                                          decided_at=end_of_day(self.rng.choice(DAYS[:2]) - datetime.timedelta(30)))

    def change_goal(self):
        target = Target.objects.get(pk=self.rng.choice(self.targets).pk)
        services.update_target(target, actor=self.admin, expected_version=target.version,
                               value=self.rng.choice(["1", "15", "90"]))

    def break_down(self):
        target = self.rng.choice([t for t in self.targets if t.org_unit != self.tree.province])
        children = [u for u in self.reporters(target.org_unit)
                    if u != target.org_unit and u.path.startswith(target.org_unit.path)]
        if children:
            services.set_allocation(actor=self.admin, target=target, org_unit=self.rng.choice(children), value=2)

    def merge(self):
        if self.ward is None:
            self.ward = create_unit(code="phuong-9", name_vi="Phường 9", kind=UnitKind.WARD, parent=self.tree.city,
                                    valid_from=datetime.date(2024, 7, 1))
            record_merger(predecessors=[self.tree.mai_pha], successor=self.ward,
                          effective_on=datetime.date(2024, 7, 1))
            self.holders.append(self.ward)
            self.add_target()

    def rolled_back(self):
        """A write whose transaction rolls back after a page read (and cached) its counts."""
        try:
            with transaction.atomic():
                self.approve()
                self.change_goal()
                self.check()
                raise _RolledBack
        except _RolledBack:
            pass

    def step(self):
        action = self.rng.choices(
            [self.approve, self.move_decision, self.change_goal, self.add_target, self.break_down, self.merge,
             self.rolled_back],
            weights=[10, 2, 2, 1, 2, 2, 2])[0]
        action()

    def check(self):
        units = [self.tree.province, self.tree.city, self.tree.hoang_dong] + ([self.ward] if self.ward else [])
        for unit in units:
            for day in DAYS:
                for year in (None, 2025):
                    own, _shares = targets_for_unit(unit, year=year)
                    expected = {s: n for s, n in status_sql.status_counts(own, day).items()}
                    kept = status_cache.subtree_counts(unit, own, day, year=year)
                    assert {s: n for s, n in kept.items() if n} == expected, (unit.code, day, year)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_counts_equal_counts_from_scratch_after_random_writes(tree, users, plan, seed):
    world = World(tree, plan, users["admin"], seed)
    world.check()
    for _ in range(30):
        world.step()
        world.check()


def test_only_the_units_whose_figures_changed_are_counted_again(tree, users, plan, monkeypatch):
    admin = users["admin"]
    for unit in (tree.province, tree.city, tree.hoang_dong, tree.mai_pha, tree.chi_lang, tree.department):
        services.create_target(actor=admin, document=plan, org_unit=unit, indicator=f"Tỷ lệ {unit.code}",
                               unit_of_measure="%", period="2024", comparator=Comparator.AT_LEAST, value=50)
    city_target = Target.objects.get(org_unit=tree.city)
    own, _ = targets_for_unit(tree.province)
    day = timezone.localdate()  # the approval below is known from today
    counted = []
    count_by_unit = status_sql.status_counts_by_unit

    def spy(targets, on):
        counted.append(set(targets.values_list("org_unit_id", flat=True)))
        return count_by_unit(targets, on)

    monkeypatch.setattr(status_sql, "status_counts_by_unit", spy)
    first = status_cache.subtree_counts(tree.province, own, day)
    assert counted == [{u.pk for u in (tree.province, tree.city, tree.hoang_dong, tree.mai_pha, tree.chi_lang,
                                       tree.department)}]  # a cold cache counts every unit
    counted.clear()
    assert status_cache.subtree_counts(tree.province, own, day) == first and counted == []

    v = services.enter_value(actor=admin, target=city_target, org_unit=tree.hoang_dong, period="2024-Q2",
                             value=80, submit=True)
    assert status_cache.subtree_counts(tree.province, own, day) == first and counted == []  # nothing approved yet
    services.approve_value(v, actor=admin, expected_version=v.version)
    after = status_cache.subtree_counts(tree.province, own, day)
    # The reporter and the units above it: their figures count the value.
    assert counted == [{tree.province.pk, tree.city.pk, tree.hoang_dong.pk}]
    assert after == status_sql.status_counts(own, day) and after != first


def _stamps():
    return dict(UnitChangeStamp.objects.values_list("unit_id", "stamp"))


def test_each_kind_of_write_stamps_the_unit_it_changes(tree, users, plan):
    admin = users["admin"]
    before = _stamps()
    target = services.create_target(actor=admin, document=plan, org_unit=tree.city, indicator="Số hộ",
                                    unit_of_measure="hộ", period="2024", comparator=Comparator.AT_LEAST, value=10)
    after = _stamps()
    assert after[tree.city.pk] > before.get(tree.city.pk, 0)
    changed = {u for u, s in after.items() if before.get(u) != s}
    assert changed == {tree.city.pk}

    before = after
    services.set_allocation(actor=admin, target=target, org_unit=tree.mai_pha, value=4)
    after = _stamps()
    assert {u for u, s in after.items() if before.get(u) != s} == {tree.mai_pha.pk}

    before = after
    v = services.enter_value(actor=admin, target=target, org_unit=tree.hoang_dong, period="2024-Q1", value=3,
                             submit=True)
    assert _stamps() == before  # a submitted value changes no approved figure
    services.approve_value(v, actor=admin, expected_version=v.version)
    after = _stamps()
    assert {u for u, s in after.items() if before.get(u) != s} == {tree.hoang_dong.pk}

    before = after
    create_unit(code="thon-moi", name_vi="Thôn Mới", kind=UnitKind.VILLAGE, parent=tree.hoang_dong)
    after = _stamps()
    assert after[status_cache.EVERYTHING] > before.get(status_cache.EVERYTHING, 0)


def test_a_value_of_a_merged_unit_refreshes_the_counts_of_its_successor(tree, users, plan):
    admin = users["admin"]
    ward = create_unit(code="phuong-9", name_vi="Phường 9", kind=UnitKind.WARD, parent=tree.city,
                       valid_from=datetime.date(2024, 7, 1))
    record_merger(predecessors=[tree.mai_pha], successor=ward, effective_on=datetime.date(2024, 7, 1))
    target = services.create_target(actor=admin, document=plan, org_unit=ward, indicator="Số hộ thoát nghèo",
                                    unit_of_measure="hộ", period="2024", comparator=Comparator.AT_LEAST, value=10)
    own, _ = targets_for_unit(ward)
    day = timezone.localdate()
    assert status_cache.subtree_counts(ward, own, day) == {"no_data": 1}
    # The merged commune's figures count under the ward; the commune is not in its subtree.
    v = services.enter_value(actor=admin, target=target, org_unit=tree.mai_pha, period="2024-Q1", value=12,
                             submit=True)
    services.approve_value(v, actor=admin, expected_version=v.version)
    assert status_sql.status_counts(own, day) == {"achieved": 1}
    assert status_cache.subtree_counts(ward, own, day) == {"achieved": 1}


def test_the_precount_leaves_nothing_for_the_first_dashboard_of_the_day(client, tree, users, plan, monkeypatch,
                                                                       django_capture_on_commit_callbacks):
    from mandate.jobs.models import JobState
    from mandate.jobs.services import enqueue

    admin = users["admin"]
    for unit in (tree.province, tree.city, tree.hoang_dong, tree.mai_pha):
        target = services.create_target(actor=admin, document=plan, org_unit=unit, indicator=f"Tỷ lệ {unit.code}",
                                        unit_of_measure="%", period="2024", comparator=Comparator.AT_LEAST, value=50)
    v = services.enter_value(actor=admin, target=target, org_unit=tree.mai_pha, period="2024", value=60, submit=True)
    services.approve_value(v, actor=admin, expected_version=v.version)
    day = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue("targets.precount_status", actor=admin, params={"day": day.isoformat()})
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.error
    assert OrgUnit.objects.filter(path__startswith=tree.province.path).count() > 1
    counted = []
    monkeypatch.setattr(status_sql, "status_counts_by_unit", lambda targets, on: counted.append(on) or {})
    client.force_login(admin)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200 and response.context["unit"] == tree.province
    assert counted == []  # the page read every unit's counts from the precount
    own, _ = targets_for_unit(tree.province)
    summary = response.context["summary"]
    assert status_sql.status_counts(own, day) == {"achieved": 1, "no_data": 3}
    assert (summary["met"], summary["no_data"], summary["total"]) == (1, 3, 4)
    # A day not counted ahead is counted on its page.
    client.get(reverse("reports:dashboard") + "?as_of=2026-01-02")
    assert counted == [datetime.date(2026, 1, 2)]


def test_a_past_days_counts_are_kept_longer_than_todays(tree, users, plan, monkeypatch):
    services.create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Tỷ lệ",
                           unit_of_measure="%", period="2024", comparator=Comparator.AT_LEAST, value=50)
    own, _ = targets_for_unit(tree.province)
    from django.core.cache import caches

    timeouts, backend = {}, caches["default"]
    set_ = backend.set
    monkeypatch.setattr(backend, "set", lambda key, value, timeout: timeouts.update({key: timeout}) or set_(
        key, value, timeout))
    today = timezone.localdate()
    for day in (today, datetime.date(2024, 12, 31)):
        status_cache.subtree_counts(tree.province, own, day)
    assert timeouts == {f"status-counts:{today.isoformat()}:0:0": status_cache.CACHE_SECONDS,
                        "status-counts:2024-12-31:0:0": status_cache.PAST_CACHE_SECONDS}


def test_the_chart_reads_the_units_stamps_once_for_its_past_days(tree, users, plan, monkeypatch):
    """The dashboard's chart counts five past year ends of one subtree: one reading of the
    fingerprints serves them all; outside the chart each count reads them afresh."""
    from mandate.targets.evaluation import status_counts_over_time, unit_targets

    services.create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Tỷ lệ",
                           unit_of_measure="%", period="2020-2025", comparator=Comparator.AT_LEAST, value=50)
    reads = []
    read = status_cache._read_fingerprints
    monkeypatch.setattr(status_cache, "_read_fingerprints", lambda unit, using: reads.append(unit) or read(unit, using))
    today = timezone.localdate()
    cards = unit_targets(tree.province, today).status_counts
    assert len(reads) == 1
    points = status_counts_over_time(tree.province, today, cards)
    assert len(points) == 6 and len(reads) == 2  # five past days, one more reading
    assert sum(unit_targets(tree.province, datetime.date(2024, 12, 31)).status_counts.values()) == 1
    assert len(reads) == 3
