"""A clerk builds an agenda, a member comments, the clerk concludes with a follow-up task and
issues the notice (read back with python-docx); an organizer tracks programme submissions."""

import datetime
import io

from django.utils import timezone

from browser_steps import click_and_load
from helpers_meetings import docx_bytes
from mandate.accounts.models import Role
from mandate.core.testing import make_user
from mandate.documents.services import create_document
from mandate.meetings import services
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit

PASSWORD = "a-Long-test-pass-42"


def _open(page, testid):
    details = page.get_by_test_id(testid)
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def test_agenda_comment_conclusion_notice(page, login, tree, users):
    standing = create_unit(code="standing-committee", name_vi="Ban Thường vụ Tỉnh ủy", name_en="Standing Committee",
                           kind=UnitKind.STANDING_COMMITTEE, parent=tree.province)
    clerk = make_user("clerk", tree.province, Role.APPROVER)
    secretary = make_user("secretary", tree.province, Role.VIEWER)
    body = services.create_body(actor=None, unit=standing, term="2020-2025")
    chair = services.add_member(actor=None, body=body, user=secretary, position="Bí thư Tỉnh ủy")
    services.add_member(actor=None, body=body, user=clerk, position="Chánh Văn phòng Tỉnh ủy", is_clerk=True,
                        is_voting=False)
    meeting = services.schedule_meeting(actor=clerk, body=body, number=8, held_on=datetime.date(2021, 5, 25),
                                        place="Trụ sở Tỉnh ủy", chair=chair)

    # The clerk builds the agenda with a draft.
    login("clerk")
    page.goto(page.base_url + meeting.get_absolute_url())
    page.get_by_test_id("add-item").locator("summary").click()
    form = page.get_by_test_id("item-form")
    form.locator("[name=title]").fill("Dự thảo nghị quyết về phát triển thương mại, dịch vụ")
    form.locator("[name=kind]").select_option("draft_resolution")
    form.locator("[name=presenting_unit]").select_option(label="Sở Tài chính")
    form.locator("[name=file]").set_input_files(files=[{
        "name": "thuong-mai.docx", "buffer": docx_bytes(["Phát triển thương mại biên giới"]),
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}])
    click_and_load(page, page.get_by_test_id("add-item-submit"))
    assert page.get_by_test_id("item-row").count() == 1
    item = meeting.items.get()

    # A member reads the draft and comments.
    page.context.clear_cookies()
    login("secretary")
    page.goto(page.base_url + item.get_absolute_url())
    page.get_by_test_id("comment-form").locator("[name=text]").fill("Cần làm rõ giải pháp về logistics.")
    click_and_load(page, page.get_by_test_id("comment-submit"))
    assert "logistics" in page.get_by_test_id("comments").inner_text()

    # The clerk records the conclusion and assigns a task from it.
    page.context.clear_cookies()
    login("clerk")
    page.goto(page.base_url + item.get_absolute_url())
    form = page.get_by_test_id("conclusion-form")
    form.locator("[name=outcome]").select_option("approved")
    form.locator("[name=text]").fill("Thống nhất thông qua; giao cơ quan soạn thảo hoàn chỉnh.")
    click_and_load(page, page.get_by_test_id("conclusion-submit"))
    assert page.get_by_test_id("conclusion").is_visible()
    page.locator("details", has=page.get_by_test_id("assignment-form")).locator("summary").click()
    form = page.get_by_test_id("assignment-form")
    form.locator("[name=title]").fill("Hoàn chỉnh dự thảo nghị quyết")
    form.locator("[name=lead_unit]").select_option(label="Sở Tài chính")
    form.locator("[name=deadline]").fill("2021-07-30")
    click_and_load(page, page.get_by_test_id("assignment-submit"))
    tasks = page.get_by_test_id("conclusion-tasks").inner_text()
    assert "Hoàn chỉnh dự thảo nghị quyết" in tasks and "Sở Tài chính" in tasks
    assert page.get_by_test_id("conclusion-tasks").locator("[data-state=overdue]").count() == 1

    # The clerk issues the notice and opens it.
    page.goto(page.base_url + meeting.get_absolute_url())
    _open(page, "issue-notice")
    click_and_load(page, page.get_by_test_id("notice-submit"))
    assert page.get_by_test_id("notice-number").inner_text() == "1-TB/TU"
    with page.expect_download() as download_info:
        page.get_by_test_id("notice-file").click()
    from docx import Document

    document = Document(io.BytesIO(open(download_info.value.path(), "rb").read()))
    text = "\n".join(p.text for p in document.paragraphs)
    header = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "Số 1-TB/TU" in header and "ngày 25 tháng 05 năm 2021" in header
    assert "Ngày 25/05/2021" in text and "1 nội dung" in text
    assert "1. Dự thảo nghị quyết về phát triển thương mại, dịch vụ" in text
    assert "Thống nhất thông qua; giao cơ quan soạn thảo hoàn chỉnh." in text


def test_organizer_tracks_programme_submissions(page, login, tree, users):
    today = timezone.localdate()
    resolution = create_document(number="01-NQ/ĐH", title="Nghị quyết Đại hội", issuing_unit=tree.province,
                                 issued_on=today - datetime.timedelta(days=40))
    conference = services.create_conference(
        actor=users["admin"], organizer=tree.province, title="Hội nghị quán triệt Nghị quyết Đại hội",
        held_on=today - datetime.timedelta(days=5), main_hall="Hội trường tỉnh", main_hall_attendees=300,
        duty="Xây dựng chương trình hành động", due_on=today + datetime.timedelta(days=10),
        basis_document=resolution, points=[(tree.hoang_dong, 40), (tree.mai_pha, 35)])
    submission = conference.submissions.get(unit=tree.hoang_dong)

    login("hd-reporter")
    page.goto(page.base_url + submission.get_absolute_url())
    form = page.get_by_test_id("submission-form")
    form.locator("[name=number]").fill("05-CTr/ĐU")
    form.locator("[name=title]").fill("Chương trình hành động thực hiện Nghị quyết Đại hội")
    form.locator("[name=issued_on]").fill(today.isoformat())
    click_and_load(page, page.get_by_test_id("submit-programme"))
    assert page.get_by_test_id("submission-state").get_attribute("data-state") == "on_time"

    page.context.clear_cookies()
    login("admin")
    page.goto(page.base_url + conference.get_absolute_url())
    assert page.get_by_test_id("count-on_time").inner_text() == "1"
    assert page.get_by_test_id("count-waiting").inner_text() == "1"
    rows = page.get_by_test_id("submission-row")
    assert rows.filter(has_text="05-CTr/ĐU").get_attribute("data-state") == "on_time"
    click_and_load(page, page.get_by_test_id("send-reminders"))
    assert "1" in page.locator(".msg, [role=alert], .messages").first.inner_text()
