import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mandate.targets.evaluation import evaluate_targets
from mandate.targets.models import ValueState
from mandate.targets.services import approve_value, create_target, enter_value, return_value, update_value

DAY = datetime.date(2024, 6, 1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(plan, tree, users):
    return create_target(actor=users["city_approver"], document=plan, org_unit=tree.city,
                         indicator="Kết nạp đảng viên mới", unit_of_measure="đảng viên", value=100,
                         comparator="at_least", period="2024")


def _enter(users, target, tree, **kw):
    args = dict(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2024-Q1", value="12,5")
    args.update(kw)
    return enter_value(**args)


def test_decimal_comma_accepted(users, target, tree):
    assert str(_enter(users, target, tree).value.normalize()) == "12.5"


@pytest.mark.parametrize("field, kw, message", [
    ("value", {"value": "abc"}, "Enter a number"),
    ("period", {"period": "2023-Q4"}, "outside the target's period"),
    ("period", {"period": "sometime"}, "Write the period"),
])
def test_bad_input(users, target, tree, field, kw, message):
    with pytest.raises(ValidationError) as exc:
        _enter(users, target, tree, **kw)
    assert message in " ".join(exc.value.message_dict[field])


def test_duplicate_report_refused(users, target, tree):
    _enter(users, target, tree)
    with pytest.raises(ValidationError) as exc:
        _enter(users, target, tree, value="3")
    assert "already has a value" in " ".join(exc.value.message_dict["period"])


def test_unit_outside_the_target_refused(users, target, tree, plan):
    with pytest.raises(ValidationError) as exc:
        enter_value(actor=users["admin"], target=target, org_unit=tree.department, period="2024", value=1)
    assert "org_unit" in exc.value.message_dict


def test_commune_reporter_cannot_report_for_another_commune_nor_approve(users, target, tree):
    with pytest.raises(PermissionDenied):
        _enter(users, target, tree, org_unit=tree.mai_pha)
    rv = _enter(users, target, tree, submit=True)
    with pytest.raises(PermissionDenied):
        approve_value(rv, actor=users["hd_reporter"], expected_version=rv.version)


def test_viewer_cannot_write(users, target, tree):
    with pytest.raises(PermissionDenied):
        _enter(users, target, tree, actor=users["viewer"])


def test_city_approver_approves_commune_value_and_rollup_follows(users, target, tree):
    rv = _enter(users, target, tree, submit=True)
    assert evaluate_targets([target], DAY)[0].actual is None
    approve_value(rv, actor=users["city_approver"], expected_version=rv.version)
    rv.refresh_from_db()
    assert rv.state == ValueState.APPROVED
    row = evaluate_targets([target], datetime.date.today())[0]
    assert str(row.actual.normalize()) == "12.5"


def test_two_approvers_one_wins(users, target, tree):
    rv = _enter(users, target, tree, submit=True)
    seen = rv.version
    approve_value(rv, actor=users["city_approver"], expected_version=seen)
    with pytest.raises(ValidationError) as exc:
        return_value(rv, actor=users["admin"], expected_version=seen, comment="Sai số liệu")
    assert exc.value.code == "conflict"
    rv.refresh_from_db()
    assert rv.state == ValueState.APPROVED


def test_return_needs_a_comment_and_reporter_can_fix(users, target, tree):
    rv = _enter(users, target, tree, submit=True)
    with pytest.raises(ValidationError):
        return_value(rv, actor=users["city_approver"], expected_version=rv.version, comment=" ")
    rv = return_value(rv, actor=users["city_approver"], expected_version=rv.version, comment="Kiểm tra lại")
    rv = update_value(rv, actor=users["hd_reporter"], expected_version=rv.version, value="13", submit=True)
    assert rv.state == ValueState.SUBMITTED and rv.value == 13
    with pytest.raises(ValidationError) as exc:
        update_value(rv, actor=users["hd_reporter"], expected_version=rv.version - 1, value="14")
    assert exc.value.code == "conflict"
