import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit, record_merger
from mandate.targets.models import Aggregation, ValueState
from mandate.targets.rollups import child_rollups, end_of_day, target_rollups
from mandate.targets.services import approve_value, create_target, enter_value, record_decision_time

pytestmark = pytest.mark.django_db


def _approved(users, target, unit, period, value, reporter, on=datetime.date(2025, 1, 15)):
    rv = enter_value(actor=reporter, target=target, org_unit=unit, period=period, value=value, submit=True)
    rv = approve_value(rv, actor=users["admin"], expected_version=rv.version)
    # Approved back then, so that views "as of" a past date see it.
    rv = record_decision_time(rv, decided_at=end_of_day(on))
    return rv


def test_sum_rollup_takes_latest_period_per_unit_and_ignores_unapproved(tree, users, plan):
    t = create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Đảng viên mới",
                      unit_of_measure="đảng viên", value=230, comparator="at_least", period="2023")
    _approved(users, t, tree.hoang_dong, "2023-Q1", 10, users["hd_reporter"], on=datetime.date(2023, 4, 5))
    _approved(users, t, tree.hoang_dong, "2023-Q2", 25, users["hd_reporter"])  # cumulative: replaces Q1
    _approved(users, t, tree.mai_pha, "2023-Q2", 30, users["mp_reporter"])
    enter_value(actor=users["mp_reporter"], target=t, org_unit=tree.mai_pha, period="2023-Q3", value=99)  # draft
    today = timezone.localdate()
    r = target_rollups([t.pk], today)[t.pk]
    assert r.total == Decimal(55)
    assert r.reporting == 2
    children = child_rollups([t.pk], tree.city, datetime.date(2025, 3, 1))
    assert children[(t.pk, tree.hoang_dong.path)].total == Decimal(25)
    assert children[(t.pk, tree.mai_pha.path)].total == Decimal(30)
    # As of mid-2023 only the Q1 figure had been approved.
    assert target_rollups([t.pk], datetime.date(2023, 6, 1))[t.pk].total == Decimal(10)


def test_values_of_merged_units_count_under_successor_and_old_parent(tree, users, plan):
    t = create_target(actor=users["admin"], document=plan, org_unit=tree.province, indicator="Khách du lịch",
                      unit_of_measure="lượt khách", value=1000, period="2021-2030")
    _approved(users, t, tree.hoang_dong, "2024", 100, users["hd_reporter"])
    _approved(users, t, tree.mai_pha, "2024", 50, users["mp_reporter"])
    _approved(users, t, tree.chi_lang, "2024", 7, users["admin"])
    new_ward = create_unit(code="ky-lua", name_vi="Phường Kỳ Lừa", kind=UnitKind.WARD, parent=tree.province,
                           valid_from=datetime.date(2025, 7, 1))
    record_merger(predecessors=[tree.hoang_dong, tree.mai_pha], successor=new_ward,
                  effective_on=datetime.date(2025, 7, 1))
    record_merger(predecessors=[tree.chi_lang], successor=new_ward, effective_on=datetime.date(2025, 7, 1))
    today = timezone.localdate()
    # At the province: counted once each, though reachable through two paths.
    assert target_rollups([t.pk], today)[t.pk].total == Decimal(157)
    # At the successor: the predecessors' history.
    assert target_rollups([t.pk], today, scope=new_ward)[t.pk].total == Decimal(157)
    # At the old city: its own history stays.
    assert target_rollups([t.pk], today, scope=tree.city)[t.pk].total == Decimal(157)
    # Children of the province today: the new ward holds all; before the merger, the city did.
    now = child_rollups([t.pk], tree.province, today)
    assert now[(t.pk, new_ward.path)].total == Decimal(157)
    before = child_rollups([t.pk], tree.province, datetime.date(2025, 3, 1))
    assert before[(t.pk, tree.city.path)].total == Decimal(157)


def test_coverage_counts_units_meeting_threshold(tree, users, plan):
    t = create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Xã đạt tiêu chí y tế",
                      unit_of_measure="xã, phường", value=3, period="2023", aggregation=Aggregation.COVERAGE,
                      coverage_threshold=1)
    _approved(users, t, tree.hoang_dong, "2023", 1, users["hd_reporter"])
    _approved(users, t, tree.mai_pha, "2023", 0, users["mp_reporter"])
    r = target_rollups([t.pk], timezone.localdate())[t.pk]
    assert r.value_for(Aggregation.COVERAGE) == Decimal(1)
    assert t.reported_values.filter(state=ValueState.APPROVED).count() == 2
