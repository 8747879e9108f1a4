import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from helpers_meetings import docx_file
from mandate.accounts.models import Notification, Role
from mandate.core.testing import QueryCounter, make_user
from mandate.documents.services import create_document
from mandate.meetings import services
from mandate.meetings.models import ItemKind, Outcome

DAY = datetime.date(2021, 5, 25)
SECRET = "XYZ"  # appears only in the confidential item's title, summary and draft


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def everything_a_user_can_read(client, meeting, secret_item):
    """Every page, file, export, search and API answer that could show an item."""
    texts = []
    for url in [reverse("meetings:list"), reverse("meetings:list") + "?q=" + SECRET, meeting.get_absolute_url(),
                reverse("meetings:follow_up", args=[meeting.body_id])]:
        response = client.get(url)
        assert response.status_code == 200
        texts.append(response.content.decode())
    texts.append(str(client.get(secret_item.get_absolute_url()).status_code))
    pack = client.get(reverse("meetings:pack", args=[meeting.pk]))
    if pack.status_code == 200:
        import zipfile

        names = zipfile.ZipFile(io.BytesIO(b"".join(pack.streaming_content) if pack.streaming else pack.content)).namelist()
        texts.append(" ".join(names))
    export = client.get(reverse("meetings:export", args=[meeting.pk]))
    wb = load_workbook(io.BytesIO(export.content))
    texts.append(" ".join(str(c.value) for row in wb.active.iter_rows() for c in row))
    return texts


def test_non_member_cannot_read_confidential_item_anywhere(client, meeting, item, secret_item, people):
    services.record_conclusion(actor=people["clerk"], meeting=meeting, item=secret_item, outcome=Outcome.APPROVED,
                               text=f"Đồng ý phương án {SECRET}.")
    services.add_comment(actor=people["deputy"], item=secret_item, text=f"Ý kiến về {SECRET}.")
    # The member sees it everywhere...
    client.force_login(people["secretary"])
    member_texts = everything_a_user_can_read(client, meeting, secret_item)
    assert SECRET in member_texts[1] and SECRET in member_texts[2] and member_texts[4] == "200"
    assert SECRET in member_texts[5] and SECRET in member_texts[6]  # pack and export
    # ...the non-member of the body's unit sees the meeting and the other item, never the secret one.
    client.force_login(people["outsider"])
    texts = everything_a_user_can_read(client, meeting, secret_item)
    assert item.title in texts[2]
    assert texts[4] == "404"
    # Pages echo the search query itself (search box, links), so they are checked for the
    # item's title, link, conclusion and comment; files and exports for the word itself.
    markers = [secret_item.title, f'href="{secret_item.get_absolute_url()}"', f"phương án {SECRET}", f"về {SECRET}"]
    assert [i for i, t in enumerate(texts[:5]) if any(m in t for m in markers)] == []
    assert [i for i, t in enumerate(texts[5:]) if SECRET in t] == []
    outsider = api(people["outsider"])
    for url in ["/api/v1/agenda-items/", "/api/v1/draft-versions/", "/api/v1/agenda-comments/",
                "/api/v1/conclusions/", f"/api/v1/agenda-items/?meeting={meeting.pk}"]:
        response = outsider.get(url)
        assert response.status_code == 200 and SECRET not in response.content.decode(), url
    assert outsider.get(f"/api/v1/agenda-items/{secret_item.pk}/").status_code == 404
    assert outsider.get(f"/api/v1/conclusions/{secret_item.conclusion.pk}/").status_code == 404
    version = secret_item.versions.get()
    assert client.get(reverse("meetings:version_file", args=[version.pk])).status_code == 404
    # Notifications: a new version of the secret draft reaches members only, not the staff
    # of the body's own unit who are not members.
    staff = make_user("staff", meeting.body.unit, Role.VIEWER)
    Notification.objects.all().delete()
    services.upload_version(actor=people["clerk"], item=secret_item, file=docx_file([f"Bản mới {SECRET}"]))
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert {"secretary", "deputy"} <= notified and "staff" not in notified
    services.upload_version(actor=people["clerk"], item=item, file=docx_file(["Bản mới"]))
    assert Notification.objects.filter(user=staff).count() == 1


def test_member_comments_through_page_and_api(client, meeting, item, people):
    client.force_login(people["deputy"])
    response = client.post(item.get_absolute_url(), {"action": "comment", "text": "Cần bổ sung giải pháp."})
    assert response.status_code == 302
    response = api(people["secretary"]).post("/api/v1/agenda-comments/", {"item": item.pk, "text": "Đồng ý."})
    assert response.status_code == 201, response.content
    assert item.comments.count() == 2
    response = api(people["outsider"]).post("/api/v1/agenda-comments/", {"item": item.pk, "text": "Không được."})
    assert response.status_code == 403


def test_upload_errors_shown_on_page(client, item, people):
    client.force_login(people["clerk"])
    response = client.post(item.get_absolute_url(), {
        "action": "version", "note": "giữ lại", "file": io.BytesIO(b"x")})
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(item.get_absolute_url(), {
        "action": "version", "note": "giữ lại", "file": SimpleUploadedFile("anh.png", b"\x89PNG....")})
    assert response.status_code == 200
    assert "not of an accepted kind" in response.content.decode()
    assert 'value="giữ lại"' in response.content.decode()


def test_conclusion_api_conflict_and_other_meeting(meeting, item, body, people, tree):
    clerk = api(people["clerk"])
    response = clerk.post("/api/v1/conclusions/", {"meeting": meeting.pk, "item": item.pk, "outcome": "approved",
                                                   "text": "Thông qua."}, format="json")
    assert response.status_code == 201, response.content
    pk, version = response.json()["id"], response.json()["version"]
    assert clerk.patch(f"/api/v1/conclusions/{pk}/", {"version": version, "outcome": "noted", "text": "Ghi nhận."},
                       format="json").status_code == 200
    stale = clerk.patch(f"/api/v1/conclusions/{pk}/", {"version": version, "outcome": "approved", "text": "X"},
                        format="json")
    assert stale.status_code == 409
    other = services.schedule_meeting(actor=people["clerk"], body=body, number=9, held_on=datetime.date(2021, 6, 22),
                                      place="Trụ sở")
    wrong = clerk.post("/api/v1/conclusions/", {"meeting": other.pk, "item": item.pk, "outcome": "approved",
                                                "text": "Thông qua."}, format="json")
    assert wrong.status_code == 400 and "another meeting" in wrong.content.decode()
    task = clerk.post(f"/api/v1/conclusions/{pk}/assign/", {"title": "Hoàn thiện dự thảo",
                                                            "lead_unit": tree.department.pk,
                                                            "deadline": "2021-07-30"}, format="json")
    assert task.status_code == 201, task.content
    assert task.json()["tasks"][0]["state"] == "overdue"


def test_stale_conclusion_edit_on_page_keeps_form(client, item, people):
    c = services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item, outcome=Outcome.APPROVED,
                                   text="Thông qua.")
    services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item, outcome=Outcome.NOTED,
                               text="Ghi nhận.", expected_version=c.version)
    client.force_login(people["clerk"])
    response = client.post(item.get_absolute_url(), {"action": "conclusion", "version": c.version,
                                                      "outcome": "approved", "text": "Bản sửa của tôi"})
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert "Bản sửa của tôi" in response.content.decode()


def test_notice_number_used_message_on_page(client, meeting, item, people, standing):
    create_document(number="5-TB/TU", title="Thông báo khác", kind="notice", issuing_unit=standing,
                    issued_on=datetime.date(2021, 3, 1))
    services.record_conclusion(actor=people["clerk"], meeting=meeting, item=item, outcome=Outcome.APPROVED,
                               text="Thông qua.")
    meeting.refresh_from_db()
    client.force_login(people["clerk"])
    response = client.post(meeting.get_absolute_url(), {"action": "notice", "version": meeting.version,
                                                        "number": "5-TB/TU"})
    assert "already used" in response.content.decode() and "6-TB/TU" in response.content.decode()
    response = client.post(meeting.get_absolute_url(), {"action": "notice", "version": meeting.version})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notice.number == "6-TB/TU"
    assert client.get(reverse("meetings:notice", args=[meeting.pk])).status_code == 200


def add_items(meeting, people, tree, n, start):
    for i in range(start, start + n):
        it = services.add_item(actor=people["clerk"], meeting=meeting, title=f"Nội dung {i}", kind=ItemKind.REPORT,
                               presenting_unit=tree.department, file=docx_file([f"Đoạn {i}"]))
        services.add_comment(actor=people["deputy"], item=it, text=f"Ý kiến {i}")
        c = services.record_conclusion(actor=people["clerk"], meeting=meeting, item=it, outcome=Outcome.APPROVED,
                                       text=f"Thông qua {i}.")
        for j in range(2):
            services.assign_from_conclusion(actor=people["clerk"], conclusion=c, title=f"Việc {i}.{j}",
                                            lead_unit=tree.department, deadline=datetime.date(2021, 9, 1))


def counted(client, url):
    client.get(url)
    with QueryCounter() as qc:
        response = client.get(url)
    assert response.status_code == 200, url
    return qc.count


@pytest.mark.parametrize("page", ["meeting", "item", "follow-up", "list", "api-items", "api-conclusions",
                                  "api-comments", "api-versions", "api-meetings"])
def test_queries_do_not_grow(client, meeting, item, people, tree, page):
    client.force_login(people["clerk"])
    urls = {"meeting": meeting.get_absolute_url(), "item": item.get_absolute_url(),
            "follow-up": reverse("meetings:follow_up", args=[meeting.body_id]), "list": reverse("meetings:list"),
            "api-items": "/api/v1/agenda-items/", "api-conclusions": "/api/v1/conclusions/",
            "api-comments": "/api/v1/agenda-comments/", "api-versions": "/api/v1/draft-versions/",
            "api-meetings": "/api/v1/meetings/"}
    add_items(meeting, people, tree, 1, 0)
    few = counted(client, urls[page])
    add_items(meeting, people, tree, 6, 1)
    services.schedule_meeting(actor=people["clerk"], body=meeting.body, number=9, held_on=datetime.date(2021, 6, 1),
                              place="Trụ sở")
    assert counted(client, urls[page]) == few


@pytest.fixture
def conference(tree, users):
    resolution = create_document(number="01-NQ/ĐH", title="Nghị quyết Đại hội", issuing_unit=tree.province,
                                 issued_on=datetime.date(2025, 10, 1))
    return services.create_conference(
        actor=users["admin"], organizer=tree.province, title="Hội nghị quán triệt Nghị quyết Đại hội",
        held_on=datetime.date(2025, 10, 30), main_hall="Hội trường tỉnh", main_hall_attendees=300,
        duty="Xây dựng chương trình hành động", due_on=datetime.date(2025, 11, 20), basis_document=resolution,
        points=[(tree.hoang_dong, 40), (tree.mai_pha, 35), (tree.chi_lang, 50)])


def test_conference_deadline_before_conference_refused(tree, users):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.create_conference(actor=users["admin"], organizer=tree.province, title="Hội nghị",
                                   held_on=datetime.date(2025, 10, 30), main_hall="Hội trường",
                                   due_on=datetime.date(2025, 10, 1))
    assert "before the conference" in exc.value.message_dict["due_on"][0]


def test_submissions_on_time_late_missing_and_reminders(client, conference, users, tree):
    subs = {s.unit_id: s for s in conference.submissions.all()}
    services.submit_programme(subs[tree.hoang_dong.pk], actor=None, number="05-CTr/ĐU", title="Chương trình hành động",
                              issued_on=datetime.date(2025, 11, 15), submitted_on=datetime.date(2025, 11, 15))
    services.submit_programme(subs[tree.mai_pha.pk], actor=None, number="07-KH/ĐU", title="Kế hoạch thực hiện",
                              issued_on=datetime.date(2025, 11, 25), submitted_on=datetime.date(2025, 11, 25))
    with pytest.raises(Exception) as exc:
        services.submit_programme(subs[tree.chi_lang.pk], actor=None, number="09-BC/ĐU", title="Báo cáo",
                                  issued_on=datetime.date(2025, 11, 2))
    assert "CTr or KH" in str(exc.value)
    response = api(users["admin"]).get(f"/api/v1/conference-submissions/?conference={conference.pk}"
                                       "&as_of=2025-12-01")
    states = {r["unit_name"]: r["state"] for r in response.json()["results"]}
    assert states == {"Hoang Dong commune": "on_time", "Mai Pha commune": "late", "Chi Lang ward": "missing"}
    make_user("cl-reporter", tree.chi_lang, Role.REPORTER).__class__.objects.filter(
        username="cl-reporter").update(email="cl@example.invalid")
    client.force_login(users["admin"])
    response = client.post(conference.get_absolute_url())
    assert response.status_code == 302
    assert Notification.objects.filter(user__username="cl-reporter").count() == 1
    assert len(mail.outbox) == 1
    page = client.get(conference.get_absolute_url()).content.decode()
    assert "05-CTr/ĐU" in page and "07-KH/ĐU" in page
    assert subs[tree.hoang_dong.pk].task.__class__.objects.get(pk=subs[tree.hoang_dong.pk].task_id).done_at


def test_set_up_body_add_member_record_conference_on_pages(client, tree, users, standing):
    from mandate.orgs.models import UnitKind
    from mandate.orgs.services import create_unit

    ward = create_unit(code="ky-lua", name_vi="Phường Kỳ Lừa", kind=UnitKind.WARD, parent=tree.province)
    client.force_login(users["admin"])
    response = client.post(reverse("meetings:body_create"), {"unit": standing.pk, "term": "2025-2030",
                                                             "quorum_percent": 67})
    assert response.status_code == 302
    body = standing.body
    response = client.post(reverse("meetings:member_add", args=[body.pk]), {
        "user": users["viewer"].pk, "position": "Bí thư Tỉnh ủy", "is_voting": "on"})
    assert response.status_code == 302 and body.members.get().position == "Bí thư Tỉnh ủy"
    data = {"title": "Hội nghị quán triệt", "organizer": tree.province.pk, "held_on": "2025-10-30",
            "main_hall": "Hội trường tỉnh", "main_hall_attendees": 300, "hybrid": "on", "due_on": "2025-10-01",
            "points-TOTAL_FORMS": 2, "points-INITIAL_FORMS": 0, "points-0-unit": ward.pk,
            "points-0-attendees": 40, "points-1-unit": tree.department.pk, "points-1-attendees": 35}
    response = client.post(reverse("meetings:conference_create"), data)
    assert response.status_code == 200 and "before the conference" in response.content.decode()
    assert 'value="Hội nghị quán triệt"' in response.content.decode()
    data["due_on"] = "2025-11-20"
    response = client.post(reverse("meetings:conference_create"), data)
    assert response.status_code == 302
    conference = tree.province.conferences.get()
    assert conference.submissions.count() == 2 and conference.points.get(unit=ward).attendees == 40
    client.force_login(users["hd_reporter"])
    assert client.get(reverse("meetings:conference_create")).status_code == 403


def test_clerk_reorders_items_over_api_and_moves_a_proposal(client, meeting, item, body, people):
    second = services.add_item(actor=people["clerk"], meeting=meeting, title="Báo cáo kinh tế - xã hội",
                               kind=ItemKind.REPORT)
    clerk = api(people["clerk"])
    response = clerk.patch(f"/api/v1/agenda-items/{second.pk}/", {"version": second.version, "order": 1},
                           format="json")
    assert response.status_code == 200 and response.json()["order"] == 1
    assert api(people["secretary"]).patch(f"/api/v1/agenda-items/{second.pk}/", {"version": 2, "order": 3},
                                          format="json").status_code == 403
    services.record_conclusion(actor=people["clerk"], meeting=meeting, item=item, outcome=Outcome.RESUBMIT,
                               text="Trình lại.", resubmit_next_meeting=True)
    ninth = services.schedule_meeting(actor=people["clerk"], body=body, number=9, held_on=datetime.date(2021, 6, 1),
                                      place="Trụ sở")
    tenth = services.schedule_meeting(actor=people["clerk"], body=body, number=10,
                                      held_on=datetime.date(2021, 7, 1), place="Trụ sở")
    proposal = item.proposals.get()
    assert proposal.meeting == ninth
    client.force_login(people["clerk"])
    response = client.post(reverse("meetings:proposal", args=[proposal.pk]), {
        "version": proposal.version, "meeting": tenth.pk, "action": "move"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.meeting == tenth and proposal.history.count() == 2


def test_clerk_schedules_a_meeting_on_the_body_page(client, meeting, body, people):
    client.force_login(people["clerk"])
    secretary = body.members.get(user=people["secretary"])
    data = {"number": 8, "held_on": "2021-06-22", "place": "Trụ sở Tỉnh ủy", "chair": secretary.pk,
            "invited": [secretary.pk]}
    response = client.post(body.get_absolute_url(), data)
    assert response.status_code == 200 and "already scheduled" in response.content.decode()
    assert 'value="2021-06-22"' in response.content.decode()
    data["number"] = 9
    response = client.post(body.get_absolute_url(), data)
    assert response.status_code == 302
    ninth = body.meetings.get(number=9)
    assert ninth.attendance.filter(invited=True).count() == 1 and ninth.chair == secretary
    client.force_login(people["secretary"])
    assert client.post(body.get_absolute_url(), data).status_code == 403
