import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mandate.movements import services
from mandate.movements.models import RegistrationState
from mandate.movements.queries import unit_rows
from mandate.tasks.models import Task


def test_fourth_task_refused_with_reason(register, users, tree):
    for i in range(3):
        register(users["hd_reporter"], tree.hoang_dong, title=f"Việc {i}")
    with pytest.raises(ValidationError) as exc:
        register(users["hd_reporter"], tree.hoang_dong, title="Việc thứ tư")
    assert exc.value.code == "too_many_tasks"
    assert "already registered 3 tasks" in exc.value.messages[0] and "at most 3" in exc.value.messages[0]
    register(users["mp_reporter"], tree.mai_pha)  # another unit still may


def test_rejected_registration_frees_a_place(register, users, tree):
    regs = [register(users["hd_reporter"], tree.hoang_dong, title=f"Việc {i}") for i in range(3)]
    services.reject_registration(regs[0], actor=users["city_approver"], comment="Trùng với nhiệm vụ thường xuyên")
    register(users["hd_reporter"], tree.hoang_dong, title="Việc thay thế")


def test_late_registration_refused(register, users, tree, movement):
    services.update_movement(movement, actor=users["city_approver"], expected_version=1,
                             registration_deadline=services.today() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        register(users["hd_reporter"], tree.hoang_dong)
    assert exc.value.code == "registration_closed"
    assert "closed on" in exc.value.messages[0]


def test_ineligible_unit_refused(register, users, tree, movement):
    with pytest.raises(ValidationError) as exc:  # the city itself is not a commune or ward
        register(users["city_approver"], tree.city)
    assert "do not take part" in str(exc.value) and "Commune" in str(exc.value)
    with pytest.raises(ValidationError) as exc:  # a department of the province: outside the organizer
        register(users["admin"], tree.department)
    assert "not under" in str(exc.value)


def test_reporter_registers_only_for_own_unit(register, users, tree):
    with pytest.raises(PermissionDenied):
        register(users["hd_reporter"], tree.mai_pha)
    with pytest.raises(PermissionDenied):
        register(users["viewer"], tree.hoang_dong)


def test_approval_creates_a_tracked_task(register, users, tree, movement, plan_129):
    registration = register(users["hd_reporter"], tree.hoang_dong, expected_result="Hoàn thành trước 15/6")
    with pytest.raises(PermissionDenied):  # the unit cannot approve its own registration
        services.approve_registration(registration, actor=users["hd_reporter"], expected_version=1)
    registration = services.approve_registration(registration, actor=users["city_approver"], expected_version=1)
    task = Task.objects.get(pk=registration.task_id)
    assert registration.state == RegistrationState.APPROVED
    assert task.lead_unit == tree.hoang_dong and task.assigning_unit == tree.city
    assert task.source_document == plan_129 and task.expected_result == "Hoàn thành trước 15/6"
    assert task.deadline == registration.deadline
    with pytest.raises(ValidationError) as exc:  # decided already
        services.approve_registration(registration, actor=users["city_approver"])
    assert "already approved" in str(exc.value)
    rows, totals = unit_rows(movement, services.today())
    hoang_dong = next(r for r in rows if r.pk == tree.hoang_dong.pk)
    assert hoang_dong.approved == 1 and hoang_dong.states["not_started"] == 1
    assert totals["registered"] == 1 and totals["below_minimum"] == 2  # Mai Pha and Chi Lang have none
    # As the task gets overdue, the movement's counts follow.
    later = registration.deadline + datetime.timedelta(days=1)
    assert unit_rows(movement, later)[1]["overdue"] == 1


def test_rules_validated(users, tree, plan_129):
    with pytest.raises(ValidationError) as exc:
        services.launch_movement(actor=users["city_approver"], organizer=tree.city, document=plan_129, title="X",
                                 registration_deadline=datetime.date(2023, 3, 1), eligible_kinds=[],
                                 min_tasks=3, max_tasks=1)
    assert set(exc.value.error_dict) == {"eligible_kinds", "max_tasks"}
    with pytest.raises(PermissionDenied):
        services.launch_movement(actor=users["hd_reporter"], organizer=tree.city, document=plan_129, title="X",
                                 registration_deadline=datetime.date(2023, 3, 1), eligible_kinds=["commune"])


def test_commendation_decision_number(movement, users, tree):
    c = services.record_commendation(actor=users["city_approver"], movement=movement, recipient="",
                                     unit=tree.hoang_dong, kind="emulation_flag", level="city",
                                     awarded_on=datetime.date(2023, 7, 1), decision_number="số 1234 / QĐ-UBND")
    assert c.decision_number == "1234/QĐ-UBND" and c.recipient == "Xã Hoàng Đồng"
    with pytest.raises(ValidationError) as exc:
        services.record_commendation(actor=users["city_approver"], movement=movement, recipient="Nguyễn Văn A",
                                     kind="certificate_of_merit", level="provincial",
                                     awarded_on=datetime.date(2023, 7, 1), decision_number="1234 QĐ")
    assert "decision_number" in exc.value.error_dict
    with pytest.raises(PermissionDenied):
        services.record_commendation(actor=users["hd_reporter"], movement=movement, recipient="X",
                                     kind="other", level="city", awarded_on=datetime.date(2023, 7, 1))
    services.update_commendation(c, actor=users["city_approver"], expected_version=1, level="provincial")
    assert c.history.count() == 2
