import random
from decimal import Decimal

import pytest
from django.urls import reverse

from mandate.core.testing import QueryCounter
from mandate.reporting.queries import assigned_targets, last_values
from mandate.targets.models import ReportedValue, ValueState
from mandate.targets.periods import parse_period
from mandate.targets.services import create_target

pytestmark = pytest.mark.django_db


def _grid(unit, period="2023-H2"):
    return reverse("reporting:grid", args=[unit.pk, period])


def _save(client, unit, target, value, note="", version="", period="2023-H2"):
    return client.post(reverse("reporting:grid_save", args=[unit.pk, period, target.pk]),
                       {f"value_{target.pk}": value, f"note_{target.pk}": note, f"version_{target.pk}": version},
                       HTTP_HX_REQUEST="true")


def test_assigned_targets_are_own_shares_and_parent_averages(season, tree):
    assigned = assigned_targets([tree.hoang_dong, tree.city], parse_period("2023"))
    hd = {a.target.indicator: a for a in assigned[tree.hoang_dong.pk]}
    assert set(hd) == {"Kết nạp đảng viên mới", "Tổ chức đảng xếp loại tốt", "Trong đó: xuất sắc"}
    assert hd["Kết nạp đảng viên mới"].allocated and hd["Kết nạp đảng viên mới"].goal == 40
    assert len(assigned[tree.city.pk]) == 3


def test_grid_shows_goal_and_last_period_grouped_by_document(client, season, users, tree, plan):
    client.force_login(users["hd_reporter"])
    html = client.get(_grid(tree.hoang_dong)).content.decode()
    assert plan.number in html and html.count('data-testid="grid-row"') == 3
    assert "2023-H1" in html  # last period's value beside the field
    assert 'data-grid-col="0"' in html and "reporting/grid.js" in html and "<script>" not in html


def test_autosave_saves_a_draft_in_vietnamese_format_and_keeps_the_version(client, season, users, tree):
    client.force_login(users["hd_reporter"])
    response = _save(client, tree.hoang_dong, season["well"], "92,5")
    rv = ReportedValue.objects.get(target=season["well"], org_unit=tree.hoang_dong)
    assert response.status_code == 200 and rv.state == ValueState.DRAFT and float(rv.value) == 92.5
    assert f'name="version_{season["well"].pk}" value="{rv.version}"' in response.content.decode()
    response = _save(client, tree.hoang_dong, season["well"], "93", version=rv.version)
    rv.refresh_from_db()
    assert rv.value == 93
    stale = _save(client, tree.hoang_dong, season["well"], "94", version=rv.version - 1)
    assert stale.status_code == 409


def test_rules_percent_range_part_of_whole_and_far_from_last(client, season, users, tree):
    client.force_login(users["hd_reporter"])
    html = _save(client, tree.hoang_dong, season["well"], "150").content.decode()
    assert "between 0 and 100" in html and not ReportedValue.objects.filter(target=season["well"]).exists()
    _save(client, tree.hoang_dong, season["well"], "80")
    html = _save(client, tree.hoang_dong, season["excellent"], "85").content.decode()
    assert "above its whole" in html
    html = _save(client, tree.hoang_dong, season["members"], "1.234,5").content.decode()
    assert "Far from last period" in html  # a warning: the draft is kept
    assert ReportedValue.objects.get(target=season["members"], period_label="2023-H2").value == Decimal("1234.5")
    html = _save(client, tree.hoang_dong, season["members"], "abc").content.decode()
    assert "Enter a number" in html


def test_submit_all_says_which_rows_failed_and_submits_the_others(client, season, users, tree):
    client.force_login(users["hd_reporter"])
    m, w, e = season["members"], season["well"], season["excellent"]
    response = client.post(reverse("reporting:grid_submit", args=[tree.hoang_dong.pk, "2023-H2"]), {
        f"value_{m.pk}": "90", f"note_{m.pk}": "", f"value_{w.pk}": "91", f"value_{e.pk}": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Far from last period" in html and "No value entered" in html and 'value="90"' in html
    assert ReportedValue.objects.get(target=w, org_unit=tree.hoang_dong).state == ValueState.SUBMITTED
    response = client.post(reverse("reporting:grid_submit", args=[tree.hoang_dong.pk, "2023-H2"]), {
        f"value_{m.pk}": "90", f"note_{m.pk}": "Đợt kết nạp lớn dịp 90 năm", f"value_{e.pk}": "18"})
    assert response.status_code == 200
    assert ReportedValue.objects.filter(org_unit=tree.hoang_dong, period_label="2023-H2",
                                        state=ValueState.SUBMITTED).count() == 3


def test_viewer_sees_the_grid_read_only_and_cannot_save(client, season, users, tree):
    client.force_login(users["viewer"])
    html = client.get(_grid(tree.hoang_dong)).content.decode()
    assert 'data-testid="grid-value"' not in html
    assert _save(client, tree.hoang_dong, season["well"], "90").status_code == 403


def test_grid_query_count_does_not_grow_with_targets(client, season, users, tree, plan):
    client.force_login(users["hd_reporter"])
    client.get(_grid(tree.hoang_dong))
    with QueryCounter() as few:
        client.get(_grid(tree.hoang_dong))
    for i in range(8):
        create_target(actor=users["admin"], document=plan, org_unit=tree.hoang_dong, indicator=f"Chỉ tiêu {i}",
                      unit_of_measure="%", value=50, period="2023")
    with QueryCounter() as many:
        html = client.get(_grid(tree.hoang_dong)).content.decode()
    assert html.count('data-testid="grid-row"') == 11
    assert many.count == few.count


def test_the_parents_own_bodies_do_not_report_on_its_averages(season, tree, users):
    from mandate.orgs.services import create_unit

    office = create_unit(code="uy-ban-thanh-pho", name_vi="Ủy ban nhân dân thành phố", kind="peoples_committee",
                         parent=tree.city)
    assigned = assigned_targets([office, tree.mai_pha], parse_period("2023"))
    assert assigned[office.pk] == []
    assert len(assigned[tree.mai_pha.pk]) == 3


def test_last_values_are_the_latest_submitted_or_approved_before_the_period(season_targets, tree, users):
    """Compared with the rule read row by row: over months of two units, with drafts and
    returned values among them (those never count), on several reporting periods."""
    members, well = season_targets
    rng = random.Random(14)
    units = (tree.hoang_dong, tree.mai_pha)
    for unit in units:
        for target in (members, well):
            for month in range(1, 13):
                if rng.random() < 0.2:
                    continue  # a month not reported
                p = parse_period(f"2023-{month:02d}")
                ReportedValue.objects.create(target=target, org_unit=unit, period_label=p.label,
                                             period_start=p.start, period_end=p.end, value=rng.randint(0, 99),
                                             state=rng.choice(list(ValueState)))
    counted = (ValueState.SUBMITTED, ValueState.APPROVED)
    for label in ("2023-01", "2023-03", "2023-07", "2023-12", "2024-01", "2023-H2"):
        p = parse_period(label)
        expected = {}
        for rv in ReportedValue.objects.filter(period_end__lt=p.start, state__in=counted).order_by("period_end"):
            expected[(rv.org_unit_id, rv.target_id)] = (rv.period_label, rv.value)
        got = last_values([u.pk for u in units], [members.pk, well.pk], p)
        assert got == expected, label
    assert any(got.values())
