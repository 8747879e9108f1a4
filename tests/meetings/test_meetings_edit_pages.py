"""The pages the clerk and the organizer use after creating a record (issue 9): change a
meeting and an agenda item, reorder the agenda, add and remove a conference's connection
points, re-issue a corrected notice; and the task page's link back to its conclusion."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mandate.accounts.models import Role
from mandate.core.testing import QueryCounter, make_user
from mandate.documents.services import create_document
from mandate.meetings import services
from mandate.meetings.drafts import docx_text
from mandate.meetings.models import AgendaItem, ItemKind, Outcome
from mandate.tasks import services as task_services
from mandate.tasks.models import Task

STALE = "Someone else changed this record"


def _item_titles(meeting):
    return [*meeting.items.order_by("order", "pk").values_list("title", flat=True)]


# --- 1. Change a meeting ------------------------------------------------------------------------

def _meeting_data(meeting, **changes):
    data = {"version": meeting.version, "number": meeting.number, "term": meeting.term,
            "held_on": meeting.held_on.isoformat(), "place": meeting.place,
            "chair": meeting.chair_id or "", "guests": meeting.guests}
    data.update(changes)
    return data


def test_clerk_changes_the_meeting_and_who_came(client, meeting, body, people):
    deputy = body.members.get(user=people["deputy"])
    secretary = body.members.get(user=people["secretary"])
    late = services.add_member(actor=None, body=body, user=make_user("late", body.unit, Role.VIEWER),
                               position="Ủy viên mới")  # joined after the meeting was scheduled
    client.force_login(people["clerk"])
    page = client.get(reverse("meetings:edit", args=[meeting.pk]))
    assert page.status_code == 200 and 'value="Trụ sở Tỉnh ủy"' in page.content.decode()
    assert 'data-testid="edit-meeting"' in client.get(meeting.get_absolute_url()).content.decode()
    response = client.post(reverse("meetings:edit", args=[meeting.pk]), _meeting_data(
        meeting, number=9, held_on="2021-05-27", place="Hội trường A", chair=deputy.pk,
        guests="Giám đốc Sở Tài chính", invited=[secretary.pk, deputy.pk], present=[deputy.pk, late.pk]))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.number, meeting.held_on, meeting.place, meeting.chair) == (
        9, datetime.date(2021, 5, 27), "Hội trường A", deputy)
    rows = {a.member_id: (a.invited, a.present) for a in meeting.attendance.all()}
    assert rows[secretary.pk] == (True, False) and rows[deputy.pk] == (True, True)
    assert rows[late.pk] == (True, True)  # present, so invited; a row was added for the new member
    clerk_seat = body.members.get(user=people["clerk"])
    assert rows[clerk_seat.pk] == (False, False)
    assert meeting.history.count() == 2 and meeting.history.first().place == "Hội trường A"


def test_meeting_edit_refused_to_a_member_who_is_not_the_clerk_and_hidden_from_others(client, meeting, people,
                                                                                        users):
    url = reverse("meetings:edit", args=[meeting.pk])
    client.force_login(people["secretary"])
    assert client.get(url).status_code == 403
    assert client.post(url, _meeting_data(meeting, place="X")).status_code == 403
    client.force_login(people["outsider"])  # sees the meeting, is no member
    assert client.get(url).status_code == 403
    client.force_login(users["hd_reporter"])  # does not see the meeting at all
    assert client.get(url).status_code == 404
    meeting.refresh_from_db()
    assert meeting.place == "Trụ sở Tỉnh ủy" and meeting.version == 1


def test_stale_meeting_edit_refused_and_what_was_typed_kept(client, meeting, people):
    version = meeting.version
    services.update_meeting(meeting, actor=people["clerk"], expected_version=version, place="Nhà khách")
    client.force_login(people["clerk"])
    response = client.post(reverse("meetings:edit", args=[meeting.pk]),
                           _meeting_data(meeting, version=version, place="Phòng họp số 2"))
    text = response.content.decode()
    assert response.status_code == 200 and STALE in text and 'value="Phòng họp số 2"' in text
    meeting.refresh_from_db()
    assert meeting.place == "Nhà khách"


def test_meeting_number_already_used_keeps_what_was_typed(client, meeting, body, people):
    services.schedule_meeting(actor=people["clerk"], body=body, number=9, held_on=datetime.date(2021, 6, 22),
                              place="Trụ sở")
    client.force_login(people["clerk"])
    response = client.post(reverse("meetings:edit", args=[meeting.pk]),
                           _meeting_data(meeting, number=9, place="Phòng họp số 3"))
    text = response.content.decode()
    assert response.status_code == 200 and "already scheduled" in text and 'value="Phòng họp số 3"' in text
    response = client.post(reverse("meetings:edit", args=[meeting.pk]), _meeting_data(meeting, place=" ",
                                                                                        guests="Khách mời"))
    assert response.status_code == 200 and "Khách mời" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.number == 8


# --- 1. Change an agenda item -----------------------------------------------------------------

def _item_data(item, **changes):
    data = {"version": item.version, "title": item.title, "kind": item.kind,
            "presenting_unit": item.presenting_unit_id or "", "proposed_issuer": item.proposed_issuer_id or "",
            "summary": item.summary}
    data.update(changes)
    return data


def test_clerk_changes_an_item(client, item, people, tree, standing):
    plan = create_document(number="150-KH/TU", title="Kế hoạch 150", issuing_unit=tree.province,
                           issued_on=datetime.date(2021, 3, 1))
    client.force_login(people["clerk"])
    assert 'data-testid="edit-item"' in client.get(item.get_absolute_url()).content.decode()
    url = reverse("meetings:item_edit", args=[item.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _item_data(item, title="Dự thảo nghị quyết (sửa)", kind=ItemKind.DRAFT_PLAN,
                                           proposed_issuer=tree.province.pk, related_documents=[plan.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.kind, item.proposed_issuer, item.presenting_unit) == (
        "Dự thảo nghị quyết (sửa)", ItemKind.DRAFT_PLAN, tree.province, tree.department)
    assert [*item.related_documents.all()] == [plan] and item.version == 2
    assert item.history.first().title == "Dự thảo nghị quyết (sửa)"
    # Made a personnel item: now confidential, out of sight of those who are not members.
    response = client.post(url, _item_data(item, kind=ItemKind.PERSONNEL, related_documents=[plan.pk]))
    item.refresh_from_db()
    assert response.status_code == 302 and item.confidential
    client.force_login(people["outsider"])
    assert client.get(item.get_absolute_url()).status_code == 404


def test_item_edit_permissions(client, item, secret_item, people):
    client.force_login(people["secretary"])  # a member, not the clerk
    assert client.get(reverse("meetings:item_edit", args=[secret_item.pk])).status_code == 403
    assert client.post(reverse("meetings:item_edit", args=[item.pk]), _item_data(item, title="X")).status_code == 403
    client.force_login(people["outsider"])  # no member: the confidential item does not exist for them
    assert client.get(reverse("meetings:item_edit", args=[secret_item.pk])).status_code == 404
    assert client.post(reverse("meetings:item_edit", args=[secret_item.pk]),
                       _item_data(secret_item, title="X")).status_code == 404
    assert client.get(reverse("meetings:item_edit", args=[item.pk])).status_code == 403
    assert AgendaItem.objects.filter(title="X").count() == 0


def test_stale_item_edit_refused_and_bad_input_keeps_what_was_typed(client, item, people):
    version = item.version
    services.update_item(item, actor=people["clerk"], expected_version=version, summary="Tóm tắt mới")
    client.force_login(people["clerk"])
    url = reverse("meetings:item_edit", args=[item.pk])
    response = client.post(url, _item_data(item, version=version, title="Tiêu đề của tôi"))
    text = response.content.decode()
    assert response.status_code == 200 and STALE in text and 'value="Tiêu đề của tôi"' in text
    item.refresh_from_db()
    response = client.post(url, _item_data(item, title="", summary="Tóm tắt tôi gõ"))
    assert response.status_code == 200 and "Tóm tắt tôi gõ" in response.content.decode()
    response = client.post(url, _item_data(item, kind="nonsense", title="Giữ lại tiêu đề"))
    assert response.status_code == 200 and 'value="Giữ lại tiêu đề"' in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Dự thảo nghị quyết phát triển thành phố" and item.summary == "Tóm tắt mới"


# --- 2. Reorder the agenda -----------------------------------------------------------------------

def test_clerk_moves_items_up_and_down(client, meeting, item, secret_item, people):
    third = services.add_item(actor=people["clerk"], meeting=meeting, title="Báo cáo kinh tế", kind=ItemKind.REPORT)
    client.force_login(people["clerk"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert page.count('data-testid="move-up"') == 2 and page.count('data-testid="move-down"') == 2
    response = client.post(reverse("meetings:item_move", args=[third.pk]),
                           {"version": third.version, "direction": "up"})
    assert response.status_code == 302 and response.url.endswith("#agenda")
    assert _item_titles(meeting) == [item.title, third.title, secret_item.title]
    third.refresh_from_db()
    assert third.order == 2 and third.history.first().order == 2 and third.history.last().order == 3
    # The first item cannot go up; a stale button is refused; nothing moves.
    item.refresh_from_db()
    response = client.post(reverse("meetings:item_move", args=[item.pk]),
                           {"version": item.version, "direction": "up"}, follow=True)
    assert "already first" in response.content.decode()
    response = client.post(reverse("meetings:item_move", args=[third.pk]),
                           {"version": third.version - 1, "direction": "down"}, follow=True)
    assert STALE in response.content.decode()
    assert _item_titles(meeting) == [item.title, third.title, secret_item.title]
    response = client.post(reverse("meetings:item_move", args=[item.pk]), {"version": item.version,
                                                                           "direction": "down"})
    assert _item_titles(meeting) == [third.title, item.title, secret_item.title]
    assert [*meeting.items.order_by("order").values_list("order", flat=True)] == [1, 2, 3]


def test_only_the_clerk_moves_items(client, meeting, item, secret_item, people):
    client.force_login(people["secretary"])
    assert 'data-testid="move-up"' not in client.get(meeting.get_absolute_url()).content.decode()
    assert client.post(reverse("meetings:item_move", args=[secret_item.pk]),
                       {"version": secret_item.version, "direction": "up"}).status_code == 403
    client.force_login(people["outsider"])
    assert client.post(reverse("meetings:item_move", args=[secret_item.pk]),
                       {"version": secret_item.version, "direction": "up"}).status_code == 404
    assert client.post(reverse("meetings:item_move", args=[item.pk]),
                       {"version": item.version, "direction": "down"}).status_code == 403
    assert client.get(reverse("meetings:item_move", args=[item.pk])).status_code == 405
    assert _item_titles(meeting) == [item.title, secret_item.title]


# --- 3. Connection points after creation ---------------------------------------------------------

@pytest.fixture
def conference(tree, users):
    resolution = create_document(number="01-NQ/ĐH", title="Nghị quyết Đại hội", issuing_unit=tree.province,
                                 issued_on=datetime.date(2025, 10, 1))
    return services.create_conference(
        actor=users["admin"], organizer=tree.province, title="Hội nghị quán triệt Nghị quyết Đại hội",
        held_on=datetime.date(2025, 10, 30), main_hall="Hội trường tỉnh", main_hall_attendees=300,
        duty="Xây dựng chương trình hành động", due_on=datetime.date(2025, 11, 20), basis_document=resolution,
        points=[(tree.hoang_dong, 40), (tree.mai_pha, 35), (tree.chi_lang, 50)])


def test_organizer_adds_a_point_with_its_submission(client, conference, tree, users):
    client.force_login(users["admin"])
    page = client.get(conference.get_absolute_url()).content.decode()
    assert 'data-testid="point-form"' in page
    response = client.post(conference.get_absolute_url(), {"action": "add_point", "unit": tree.department.pk,
                                                           "attendees": 12})
    assert response.status_code == 302
    point = conference.points.get(unit=tree.department)
    submission = conference.submissions.get(unit=tree.department)
    assert point.attendees == 12 and submission.due_on == datetime.date(2025, 11, 20)
    assert submission.task.lead_unit == tree.department and submission.task.assigning_unit == tree.province
    assert submission.task.source_document == conference.basis_document
    # The same unit again, or a negative count: refused, what was typed is kept.
    response = client.post(conference.get_absolute_url(), {"action": "add_point", "unit": tree.department.pk,
                                                           "attendees": 77})
    assert response.status_code == 200 and 'value="77"' in response.content.decode()
    assert 'data-testid="point-form"' in response.content.decode()
    response = client.post(conference.get_absolute_url(), {"action": "add_point", "unit": "", "attendees": 66})
    assert response.status_code == 200 and 'value="66"' in response.content.decode()
    assert conference.points.count() == 4 and conference.submissions.count() == 4


def test_organizer_removes_a_point_not_yet_submitted(client, conference, tree, users):
    subs = {s.unit_id: s for s in conference.submissions.all()}
    services.submit_programme(subs[tree.hoang_dong.pk], actor=None, number="05-CTr/ĐU", title="Chương trình",
                              issued_on=datetime.date(2025, 11, 15), submitted_on=datetime.date(2025, 11, 15))
    task_services.report_progress(subs[tree.mai_pha.pk].task, actor=None, expected_version=None, percent=30,
                                  narrative="Đang xây dựng dự thảo")
    client.force_login(users["admin"])
    page = client.get(conference.get_absolute_url()).content.decode()
    assert page.count('data-testid="remove-point"') == 2  # not for the unit that submitted
    points = {p.unit_id: p for p in conference.points.all()}
    chi_lang_task = subs[tree.chi_lang.pk].task_id
    response = client.post(conference.get_absolute_url(), {"action": "remove_point",
                                                           "point": points[tree.chi_lang.pk].pk}, follow=True)
    assert "no longer a connection point" in response.content.decode()
    assert not conference.points.filter(unit=tree.chi_lang).exists()
    assert not conference.submissions.filter(unit=tree.chi_lang).exists()
    assert not Task.objects.filter(pk=chi_lang_task).exists()
    assert Task.history.filter(id=chi_lang_task, history_type="-").exists()  # the history keeps it
    response = client.post(conference.get_absolute_url(), {"action": "remove_point",
                                                           "point": points[tree.hoang_dong.pk].pk}, follow=True)
    assert "already submitted 05-CTr/ĐU" in response.content.decode()
    response = client.post(conference.get_absolute_url(), {"action": "remove_point",
                                                           "point": points[tree.mai_pha.pk].pk}, follow=True)
    assert "already reported" in response.content.decode()
    response = client.post(conference.get_absolute_url(), {"action": "remove_point", "point": "abc"}, follow=True)
    assert "already removed" in response.content.decode()
    assert conference.points.count() == 2 and conference.submissions.count() == 2


def test_participants_cannot_add_or_remove_points(client, conference, tree, users):
    point = conference.points.get(unit=tree.hoang_dong)
    client.force_login(users["hd_reporter"])  # a participant sees the conference
    page = client.get(conference.get_absolute_url()).content.decode()
    assert 'data-testid="point-form"' not in page and 'data-testid="remove-point"' not in page
    assert client.post(conference.get_absolute_url(), {"action": "add_point", "unit": tree.hoang_dong.pk}
                       ).status_code == 403
    assert client.post(conference.get_absolute_url(), {"action": "remove_point", "point": point.pk}
                       ).status_code == 403
    other = make_user("dept-approver", tree.department, Role.APPROVER)  # does not see the conference
    client.force_login(other)
    assert client.post(conference.get_absolute_url(), {"action": "remove_point", "point": point.pk}
                       ).status_code == 404
    with pytest.raises(PermissionDenied):
        services.remove_connection_point(point, actor=other)
    assert conference.points.count() == 3


def test_conference_page_queries_do_not_grow_with_points(client, conference, tree, users,
                                                         django_assert_max_num_queries):
    from mandate.orgs.models import UnitKind
    from mandate.orgs.services import create_unit

    client.force_login(users["admin"])
    client.get(conference.get_absolute_url())
    with QueryCounter() as few:
        client.get(conference.get_absolute_url())
    for i in range(6):
        unit = create_unit(code=f"xa-{i}", name_vi=f"Xã {i}", kind=UnitKind.COMMUNE, parent=tree.province)
        services.add_connection_point(actor=users["admin"], conference=conference, unit=unit, attendees=i)
    with django_assert_max_num_queries(few.count):
        response = client.get(conference.get_absolute_url())
    assert response.content.decode().count('data-testid="point"') == 9


# --- 4. The task page links back to its conclusion -----------------------------------------------

def test_task_page_links_to_the_conclusion_only_for_who_may_see_the_item(client, meeting, item, secret_item,
                                                                         people, tree):
    tasks = {}
    for it in (item, secret_item):
        c = services.record_conclusion(actor=people["clerk"], meeting=meeting, item=it, outcome=Outcome.APPROVED,
                                       text="Thông qua.")
        tasks[it.pk] = services.assign_from_conclusion(actor=people["clerk"], conclusion=c, title=f"Việc {it.pk}",
                                                       lead_unit=tree.department, deadline=datetime.date(2021, 9, 1))
    open_url, secret_url = (reverse("tasks:detail", args=[tasks[i.pk].pk]) for i in (item, secret_item))
    client.force_login(people["outsider"])  # sees both tasks, is no member of the body
    page = client.get(open_url).content.decode()
    assert 'data-testid="task-conclusion"' in page and item.get_absolute_url() in page
    page = client.get(secret_url)
    assert page.status_code == 200
    assert 'data-testid="task-conclusion"' not in page.content.decode()
    assert secret_item.title not in page.content.decode()
    client.force_login(people["deputy"])  # a member
    page = client.get(secret_url).content.decode()
    assert 'data-testid="task-conclusion"' in page and secret_item.get_absolute_url() in page
    client.force_login(people["clerk"])
    assert secret_item.get_absolute_url() in client.get(secret_url).content.decode()
    plain = task_services.assign_task(actor=None, title="Việc thường", lead_unit=tree.department,
                                      deadline=datetime.date(2021, 9, 1), assigning_unit=tree.province,
                                      assigned_on=datetime.date(2021, 6, 1), source_note="Kế hoạch công tác")
    assert 'data-testid="task-conclusion"' not in client.get(plain.get_absolute_url()).content.decode()


# --- 5. Re-issue a corrected notice ---------------------------------------------------------------

@pytest.fixture
def noticed(meeting, item, people):
    conclusion = services.record_conclusion(actor=people["clerk"], meeting=meeting, item=item,
                                            outcome=Outcome.APPROVED, text="Thông qua nguyên văn.")
    meeting.refresh_from_db()
    services.issue_notice(meeting, actor=people["clerk"], expected_version=meeting.version,
                          issued_on=datetime.date(2021, 5, 28), recipients="Ban Tuyên giáo Tỉnh ủy")
    meeting.refresh_from_db()
    return conclusion


def _notice_text(meeting):
    with meeting.notice_file.open("rb") as f:
        return docx_text(f.read())


def test_clerk_reissues_the_notice_with_the_same_number(client, meeting, item, people, noticed):
    document, old_file = meeting.notice, meeting.notice_file.name
    services.record_conclusion(actor=people["clerk"], meeting=meeting, item=item, outcome=Outcome.APPROVED,
                               text="Thông qua, bổ sung mục tiêu đô thị loại II.", expected_version=noticed.version)
    client.force_login(people["clerk"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'data-testid="reissue-form"' in page and "Ban Tuyên giáo Tỉnh ủy" in page
    response = client.post(meeting.get_absolute_url(), {"action": "reissue", "version": meeting.version,
                                                        "corrected_on": "2021-06-02",
                                                        "recipients": "Ban Tuyên giáo Tỉnh ủy"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notice_id == document.pk and meeting.notice.number == document.number == "1-TB/TU"
    assert meeting.notice_corrected_on == datetime.date(2021, 6, 2) and meeting.notice_file.name != old_file
    text = _notice_text(meeting)
    assert "bổ sung mục tiêu đô thị loại II" in text and "Đính chính ngày 02/06/2021" in text
    meeting.notice.refresh_from_db()
    assert "bổ sung mục tiêu" in meeting.notice.summary and meeting.notice.issued_on == datetime.date(2021, 5, 28)
    before, after = meeting.history.all()[1], meeting.history.first()
    assert before.notice_corrected_on is None and after.notice_corrected_on == datetime.date(2021, 6, 2)
    assert before.notice_file == old_file and "corrected on 02/06/2021" in after.history_change_reason
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'data-testid="notice-corrected"' in page and "02/06/2021" in page
    assert client.get(reverse("meetings:notice", args=[meeting.pk])).status_code == 200


def test_reissue_refused_to_others_and_when_stale_or_misdated(client, meeting, item, people, noticed):
    version = meeting.version
    client.force_login(people["secretary"])
    assert client.post(meeting.get_absolute_url(), {"action": "reissue", "version": version}).status_code == 403
    client.force_login(people["clerk"])
    response = client.post(meeting.get_absolute_url(), {"action": "reissue", "version": version,
                                                        "corrected_on": "2021-05-01",
                                                        "recipients": "Văn phòng Tỉnh ủy"})
    text = response.content.decode()
    assert response.status_code == 200 and "before the notice (28/05/2021)" in text and "Văn phòng Tỉnh ủy" in text
    services.update_meeting(meeting, actor=people["clerk"], expected_version=version, place="Hội trường B")
    response = client.post(meeting.get_absolute_url(), {"action": "reissue", "version": version,
                                                        "recipients": "Văn phòng Tỉnh ủy"})
    text = response.content.decode()
    assert response.status_code == 200 and STALE in text and "Văn phòng Tỉnh ủy" in text
    meeting.refresh_from_db()
    assert meeting.notice_corrected_on is None


def test_reissue_before_the_notice_is_refused(meeting, item, people):
    with pytest.raises(ValidationError) as exc:
        services.reissue_notice(meeting, actor=people["clerk"], expected_version=meeting.version)
    assert "Issue the notice first" in str(exc.value)


def test_reissue_keeps_a_confidential_item_out_unless_asked(meeting, item, secret_item, people, noticed):
    services.record_conclusion(actor=people["clerk"], meeting=meeting, item=secret_item, outcome=Outcome.APPROVED,
                               text="Đồng ý phương án nhân sự XYZ.")
    services.reissue_notice(meeting, actor=people["clerk"], expected_version=meeting.version)
    meeting.refresh_from_db()
    assert "XYZ" not in _notice_text(meeting) and not meeting.notice_confidential
    services.reissue_notice(meeting, actor=people["clerk"], expected_version=meeting.version,
                            include_confidential=True)
    meeting.refresh_from_db()
    assert "XYZ" in _notice_text(meeting) and meeting.notice_confidential
    assert "XYZ" not in meeting.notice.summary  # the searchable summary never holds it
