import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mandate.accounts.models import Notification, Role
from mandate.core.exceptions import ConflictError
from mandate.core.testing import make_user
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit
from mandate.tasks.models import DeadlineExtension, Evidence, ExtensionState, Task
from mandate.tasks.services import (
    assign_task,
    assign_to_many,
    decide_extension,
    report_progress,
    request_extension,
    units_under,
    update_task,
    visible_tasks,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def test_assign_needs_an_approver_of_the_assigning_unit(make_task, users):
    with pytest.raises(PermissionDenied):
        make_task(actor=users["hd_reporter"])
    with pytest.raises(PermissionDenied):  # a reporter of a commune cannot assign for the city
        make_task(actor=users["hd_reporter"], assigning_unit=users["hd_reporter"].membership.org_unit)


def test_assign_validates_and_keeps_original_deadline(make_task, tree):
    with pytest.raises(ValidationError) as exc:
        make_task(title=" ", deadline=D(2023, 2, 1), source_document=None, coordinating_units=[tree.hoang_dong])
    assert set(exc.value.message_dict) == {"title", "deadline", "source_note", "coordinating_units"}
    task = make_task(source_document=None, source_note="Kết luận phiên họp thứ 8")
    assert task.original_deadline == task.deadline == D(2023, 6, 15)
    assert task.version == 1 and task.history.count() == 1


def test_assign_refuses_a_unit_outside_the_actors_subtree(make_task, tree):
    with pytest.raises(ValidationError) as exc:
        make_task(lead_unit=tree.department)
    assert "lead_unit" in exc.value.message_dict


def test_assign_to_all_communes_and_wards_in_one_batch(tree, users, plan):
    units = units_under(tree.city, [UnitKind.COMMUNE, UnitKind.WARD], D(2023, 3, 1))
    tasks = assign_to_many(actor=users["city_approver"], lead_units=units, title="Xây dựng chính quyền thân thiện",
                           assigning_unit=tree.city, deadline=D(2023, 12, 31), source_document=plan,
                           coordinating_units=[tree.mai_pha], assigned_on=D(2023, 3, 1))
    assert sorted(t.lead_unit.code for t in tasks) == ["chi-lang", "hoang-dong", "mai-pha"]
    assert len({t.batch for t in tasks}) == 1 and tasks[0].batch is not None
    by_code = {t.lead_unit.code: t for t in tasks}
    assert list(by_code["hoang-dong"].coordinating_units.all()) == [tree.mai_pha]
    assert list(by_code["mai-pha"].coordinating_units.all()) == []  # leads, so it does not coordinate


def test_assign_to_many_is_all_or_nothing(tree, users, plan):
    with pytest.raises(ValidationError):
        assign_to_many(actor=users["city_approver"], lead_units=[tree.hoang_dong, tree.department],
                       title="X", assigning_unit=tree.city, deadline=D(2023, 12, 31), source_document=plan,
                       assigned_on=D(2023, 3, 1))
    assert Task.objects.count() == 0


def test_units_under_skips_closed_units(tree):
    closed = create_unit(code="old-ward", name_vi="Phường cũ", kind=UnitKind.WARD, parent=tree.city,
                         valid_to=D(2020, 1, 1))
    assert closed not in units_under(tree.city, [UnitKind.WARD], D(2023, 3, 1))


def test_report_progress_and_stale_version_is_refused(make_task, users, upload):
    task = make_task()
    first = report_progress(task, actor=users["hd_reporter"], expected_version=1, percent=40,
                            narrative="Đã kiểm đếm 40 hộ", files=[upload()], reported_on=D(2023, 5, 1))
    task.refresh_from_db()
    assert (task.version, task.progress_percent) == (2, 40)
    assert first.evidence.get().original_name == "bien-ban.pdf"
    with pytest.raises(ConflictError):  # a second reporter still holding version 1
        report_progress(task, actor=users["hd_reporter"], expected_version=1, percent=50,
                        reported_on=D(2023, 5, 1))
    assert task.reports.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("virus.exe", b"MZ", "is not accepted"),
        ("fake.pdf", b"not a pdf at all", "is not a valid PDF"),
        ("html.pdf", b"%PDF-1.7\n<html><script>alert(1)</script></html>", "is not a valid PDF"),
        ("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "too large"),
    ],
)
def test_evidence_is_checked_and_nothing_is_saved_when_refused(make_task, users, upload, name, content, fragment):
    task = make_task()
    with pytest.raises(ValidationError) as exc:
        report_progress(task, actor=users["hd_reporter"], expected_version=1, percent=10,
                        files=[upload(), upload(name, content)])
    assert fragment in " ".join(exc.value.message_dict["files"])
    assert task.reports.count() == 0 and Evidence.objects.count() == 0


def test_only_lead_and_coordinating_reporters_report(make_task, users, tree):
    task = make_task(coordinating_units=[tree.mai_pha])
    with pytest.raises(PermissionDenied):
        report_progress(task, actor=users["viewer"], expected_version=1, percent=10)
    report = report_progress(task, actor=users["mp_reporter"], expected_version=1, percent=70)
    task.refresh_from_db()
    assert report.org_unit == tree.mai_pha and task.progress_percent == 0  # the lead's progress is unchanged
    other = make_user("ward-reporter", tree.chi_lang, Role.REPORTER)
    with pytest.raises(PermissionDenied):
        report_progress(task, actor=other, expected_version=task.version, percent=10)


def test_mark_done_needs_result_and_lead_unit(make_task, users, tree):
    task = make_task(coordinating_units=[tree.mai_pha])
    with pytest.raises(ValidationError) as exc:
        report_progress(task, actor=users["mp_reporter"], expected_version=1, percent=100, mark_done=True)
    assert {"mark_done", "result"} <= set(exc.value.message_dict)
    report_progress(task, actor=users["hd_reporter"], expected_version=1, percent="", mark_done=True,
                    result="Bàn giao 100% mặt bằng", done_on=D(2023, 6, 15))
    task.refresh_from_db()
    assert task.done_at == D(2023, 6, 15) and task.progress_percent == 100
    assert task.state_on(D(2023, 7, 1)) == "done_on_time"
    done = Notification.objects.get(user=users["city_approver"], event="task_done")
    assert done.title.startswith("Task done")  # written when read, in the reader's language
    with pytest.raises(ValidationError):
        report_progress(task, actor=users["hd_reporter"], expected_version=task.version, percent=100)


def test_extension_granted_moves_deadline_and_keeps_both(make_task, users):
    task = make_task(deadline=D(2099, 6, 15))
    ext = request_extension(task, actor=users["hd_reporter"], expected_version=1, reason="Mưa lũ kéo dài",
                            proposed_deadline=D(2099, 8, 31))
    assert Notification.objects.filter(user=users["city_approver"]).count() == 1
    with pytest.raises(ValidationError):  # one pending request at a time
        request_extension(task, actor=users["hd_reporter"], expected_version=1, reason="Lại nữa",
                          proposed_deadline=D(2099, 9, 30))
    with pytest.raises(PermissionDenied):
        decide_extension(ext, actor=users["hd_reporter"], expected_version=1, grant=True)
    decide_extension(ext, actor=users["city_approver"], expected_version=1, grant=True, comment="Đồng ý")
    task.refresh_from_db()
    assert (task.original_deadline, task.deadline) == (D(2099, 6, 15), D(2099, 8, 31))
    assert task.version == 2
    ext.refresh_from_db()
    assert ext.state == ExtensionState.GRANTED and ext.previous_deadline == D(2099, 6, 15)
    with pytest.raises(ConflictError):
        decide_extension(ext, actor=users["city_approver"], expected_version=2, grant=False, comment="x")
    assert "granted" in Notification.objects.get(user=users["hd_reporter"], event="extension_granted").title


def test_extension_refused_needs_a_reason_and_keeps_deadline(make_task, users):
    task = make_task(deadline=D(2099, 6, 15))
    with pytest.raises(ValidationError) as exc:
        request_extension(task, actor=users["hd_reporter"], expected_version=1, reason="",
                          proposed_deadline=D(2099, 6, 1))
    assert set(exc.value.message_dict) == {"reason", "proposed_deadline"}
    ext = request_extension(task, actor=users["hd_reporter"], expected_version=1, reason="Thiếu vốn",
                            proposed_deadline=D(2099, 7, 1))
    with pytest.raises(ValidationError):
        decide_extension(ext, actor=users["city_approver"], expected_version=1, grant=False, comment="")
    decide_extension(ext, actor=users["city_approver"], expected_version=1, grant=False, comment="Không đủ căn cứ")
    task.refresh_from_db()
    assert task.deadline == D(2099, 6, 15)
    assert DeadlineExtension.objects.get().state == ExtensionState.REFUSED


def test_update_task_checks_version_and_role_and_keeps_history(make_task, users, tree):
    task = make_task()
    with pytest.raises(PermissionDenied):
        update_task(task, actor=users["hd_reporter"], expected_version=1, title="Khác")
    update_task(task, actor=users["city_approver"], expected_version=1, title="Tiêu đề mới",
                coordinating_units=[tree.chi_lang])
    with pytest.raises(ConflictError):
        update_task(task, actor=users["city_approver"], expected_version=1, title="Cũ")
    task.refresh_from_db()
    assert task.title == "Tiêu đề mới" and task.version == 2
    # created; title changed; coordinating units changed (simple-history records the M2M too)
    assert task.history.count() == 3
    assert task.history.earliest().title == "Hoàn thành giải phóng mặt bằng đường Bà Triệu"
    assert [u.orgunit for u in task.history.latest().coordinating_units.all()] == [tree.chi_lang]


def test_visibility_is_the_subtree_of_lead_assigning_or_coordinating_units(make_task, users, tree):
    city_task = make_task()
    dept = make_user("dept", tree.department, Role.APPROVER)
    coordinated = assign_task(actor=users["admin"], title="Phối hợp", lead_unit=tree.department,
                              assigning_unit=tree.province, coordinating_units=[tree.mai_pha],
                              deadline=D(2023, 6, 15), source_note="Kết luận", assigned_on=D(2023, 3, 1))
    assert set(visible_tasks(users["mp_reporter"])) == {coordinated}
    assert set(visible_tasks(users["hd_reporter"])) == {city_task}
    assert set(visible_tasks(dept)) == {coordinated}
    assert set(visible_tasks(users["viewer"])) == {city_task, coordinated}
