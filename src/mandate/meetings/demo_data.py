"""Demo meetings and a conference.

Seed 001: the 8th session of the Standing Committee of the Provincial Party Committee on
25 May 2021 and the items it considered (the seed names eight of its eleven issues), with
the outcomes the seed reports: the two resolutions whose issuer changes to the Executive
Committee, the city resolution sent back to the next meeting. From there the demo goes on
with invented, marked steps: the 9th session (date invented) takes the revised city
resolution, which is recorded as issued as 40-NQ/TU of 5 August 2021; the conclusions'
follow-up tasks are in every state; the notice number 195-TB/TU is invented.

Seed 004: the conference of 30 October 2025 that disseminated the resolution of the 18th
Provincial Party Congress, in the main hall and at connection points in today's wards and
provincial agencies, each to submit its action programme or plan by 20 November 2025;
who submitted when (some on time, some late, some not at all), the numbers and the
attendee counts are invented.

People appear by position only (``Bí thư Tỉnh ủy``): the member accounts are demo users.
Everything is written through ``services``.
"""

from __future__ import annotations

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.accounts.models import Membership, Role
from mandate.documents.models import DirectiveDocument
from mandate.documents.services import create_document
from mandate.tasks.services import report_progress

from . import services
from .models import ItemKind, Outcome, Proposal

ORDER = 40
D = datetime.date
MEETING_8 = D(2021, 5, 25)
MEETING_9 = D(2021, 6, 22)  # invented: "the next meeting"
CONFERENCE_DAY = D(2025, 10, 30)
PROGRAMMES_DUE = D(2025, 11, 20)
DEMO_PASSWORD = "mandate-demo"

MEMBERS = [
    # (username, position, voting, clerk)
    ("stc-secretary", "Bí thư Tỉnh ủy", True, False),
    ("stc-standing-deputy", "Phó Bí thư Thường trực Tỉnh ủy", True, False),
    ("stc-deputy-pc", "Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh", True, False),
    ("stc-organization", "Trưởng Ban Tổ chức Tỉnh ủy", True, False),
    ("stc-inspection", "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", True, False),
    ("stc-propaganda", "Trưởng Ban Tuyên giáo Tỉnh ủy", True, False),
]


def _docx(paragraphs, name) -> SimpleUploadedFile:
    from docx import Document

    document = Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _user(username, unit):
    User = get_user_model()
    user = User(username=username, email=f"{username}@demo.mandate.invalid")
    user.set_password(DEMO_PASSWORD)  # as the foundation's demo accounts: works only with the demo marker
    user.save()
    Membership.objects.create(user=user, org_unit=unit, role=Role.VIEWER)
    return user


def _document(ctx, number, **fields) -> DirectiveDocument:
    existing = ctx.documents.get(number) or DirectiveDocument.objects.filter(number=number).first()
    if existing is not None:
        return existing
    ctx.documents[number] = create_document(number=number, **fields)
    return ctx.documents[number]


def standing_committee(ctx) -> None:
    u = ctx.units
    party, standing, executive = (u["lang-son-party-committee"], u["lang-son-standing-committee"],
                                  u["lang-son-executive-committee"])
    peoples, finance, health = u["lang-son-peoples-committee"], u["lang-son-dept-finance"], u["lang-son-dept-health"]
    body = services.create_body(actor=None, unit=standing, term="2020-2025", is_demo=True)
    services.create_body(actor=None, unit=executive, term="2020-2025", quorum_percent=67, is_demo=True)
    seats = {}
    for username, position, voting, clerk in MEMBERS:
        seats[username] = services.add_member(actor=None, body=body, user=_user(username, party), position=position,
                                              is_voting=voting, is_clerk=clerk)
    admin = ctx.users["province-admin"]
    seats["clerk"] = services.add_member(actor=None, body=body, user=admin, position="Chánh Văn phòng Tỉnh ủy",
                                         is_voting=False, is_clerk=True)
    m8 = services.schedule_meeting(
        actor=None, body=body, number=8, held_on=MEETING_8, place="Trụ sở Tỉnh ủy Lạng Sơn",
        chair=seats["stc-secretary"], is_demo=True,
        guests="Đại diện Ban cán sự đảng Ủy ban nhân dân tỉnh\nLãnh đạo các sở, ngành có nội dung trình")
    services.record_attendance(m8, actor=None, expected_version=None,
                               present=[s for k, s in seats.items() if k != "stc-propaganda"])
    old_city = ctx.documents.get("62-NQ/TU")
    items = {}

    def add(key, title, kind, issuer, lines, related=()):
        items[key] = services.add_item(actor=None, meeting=m8, title=title, kind=kind, presenting_unit=peoples,
                                       proposed_issuer=issuer, related_documents=related, is_demo=True,
                                       file=_docx(lines, f"{key}.docx"))
        return items[key]

    city = add("city", "Dự thảo Nghị quyết của Ban Thường vụ Tỉnh ủy về xây dựng, phát triển thành phố Lạng Sơn "
               "đến năm 2030 và những năm tiếp theo (thay thế Nghị quyết số 62-NQ/TU)", ItemKind.DRAFT_RESOLUTION,
               standing, ["Mục tiêu giai đoạn 2021 – 2025 và 2026 – 2030.",
                          "Xây dựng thành phố Lạng Sơn thông minh, hiện đại; phấn đấu đô thị loại I vào năm 2030.",
                          "Mở rộng địa giới hành chính thành phố."], related=[old_city] if old_city else [])
    services.upload_version(actor=None, item=city, note="Tiếp thu ý kiến thẩm định của các ban Đảng (demo)",
                            file=_docx(["Mục tiêu giai đoạn 2021 – 2025 và 2026 – 2030.",
                                        "Xây dựng thành phố Lạng Sơn thông minh, hiện đại; phấn đấu trở thành đô thị "
                                        "loại I vào năm 2030.",
                                        "Mở rộng địa giới hành chính thành phố.",
                                        "Ban hành cơ chế, chính sách đặc thù cho thành phố."], "city-v2.docx"))
    trade = add("trade", "Dự thảo Nghị quyết về phát triển thương mại, dịch vụ tỉnh Lạng Sơn đến năm 2025, định "
                "hướng đến năm 2030", ItemKind.DRAFT_RESOLUTION, standing,
                ["Phát triển thương mại biên giới, logistics và dịch vụ."])
    poverty = add("poverty", "Dự thảo Nghị quyết về tăng cường sự lãnh đạo của Đảng đối với công tác giảm nghèo "
                  "giai đoạn 2021 – 2025", ItemKind.DRAFT_RESOLUTION, standing, ["Mục tiêu giảm nghèo bền vững."])
    business = add("business", "Dự thảo Nghị quyết về cải thiện môi trường đầu tư kinh doanh, nâng cao năng lực "
                   "cạnh tranh cấp tỉnh giai đoạn 2021 – 2025", ItemKind.DRAFT_RESOLUTION, executive,
                   ["Nâng cao các chỉ số PCI, PAR INDEX, SIPAS."])
    logo = add("logo", "Xin ý kiến về logo và khẩu hiệu (slogan) du lịch tỉnh Lạng Sơn", ItemKind.OPINIONS, None,
               ["Các phương án logo và khẩu hiệu du lịch."])
    ip = add("ip", "Dự thảo Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với phát triển tài sản trí tuệ trên địa "
             "bàn tỉnh đến năm 2030", ItemKind.DRAFT_DIRECTIVE, standing, ["Phát triển tài sản trí tuệ đến năm 2030."])
    inspection = services.add_item(actor=None, meeting=m8, title="Công tác kiểm tra, giám sát", is_demo=True,
                                   kind=ItemKind.INSPECTION, presenting_unit=None)
    staff = services.add_item(actor=None, meeting=m8, title="Công tác tổ chức, cán bộ", kind=ItemKind.PERSONNEL,
                              is_demo=True)
    services.add_comment(actor=seats["stc-standing-deputy"].user, item=city,
                         text="Đề nghị rà soát các chỉ tiêu cho sát thực tế; tập trung vào nâng cao thu nhập và đời "
                              "sống văn hóa của nhân dân.")
    services.add_comment(actor=admin, item=city, member=seats["stc-deputy-pc"],
                         text="Cần nghiên cứu ban hành cơ chế đặc thù để thành phố phát huy thế mạnh.")
    services.add_comment(actor=seats["stc-organization"].user, item=trade,
                         text="Nội dung quan trọng, đề nghị trình Ban Chấp hành Đảng bộ tỉnh.")

    def conclude(item, outcome, text, **extra):
        return services.record_conclusion(actor=None, meeting=m8, item=item, outcome=outcome, text=text, **extra)

    c_city = conclude(city, Outcome.RESUBMIT, "Thống nhất cần thiết ban hành nghị quyết mới phù hợp tình hình mới. "
                      "Mục tiêu phải sát thực tế, nhiệm vụ và giải pháp khả thi, phân công rõ trách nhiệm từng cấp, "
                      "từng ngành; có cơ chế, chính sách đặc thù cho thành phố.", resubmit_to=body,
                      resubmit_next_meeting=True)
    c_trade = conclude(trade, Outcome.CHANGE_ISSUER, "Là vấn đề quan trọng: chuyển thẩm quyền ban hành sang Ban "
                       "Chấp hành Đảng bộ tỉnh; cơ quan soạn thảo tiếp thu ý kiến, hoàn chỉnh trình kỳ họp gần nhất.",
                       new_issuer=executive)
    conclude(poverty, Outcome.CHANGE_ISSUER, "Là vấn đề quan trọng: chuyển thẩm quyền ban hành sang Ban Chấp hành "
             "Đảng bộ tỉnh; cơ quan soạn thảo tiếp thu ý kiến, hoàn chỉnh trình kỳ họp gần nhất.", new_issuer=executive)
    c_business = conclude(business, Outcome.APPROVED, "Thống nhất thông qua, trình Ban Chấp hành Đảng bộ tỉnh.")
    conclude(logo, Outcome.NOTED, "Ghi nhận ý kiến của các đồng chí Ủy viên Ban Thường vụ.")
    c_ip = conclude(ip, Outcome.APPROVED, "Thống nhất về nội dung chỉ thị; giao hoàn chỉnh để ban hành.")
    conclude(inspection, Outcome.APPROVED, "Thống nhất các nội dung kiểm tra, giám sát theo đề nghị.")
    conclude(staff, Outcome.APPROVED, "Thống nhất phương án nhân sự theo tờ trình.")

    def task(conclusion, title, lead, deadline, done=None, percent=None):
        t = services.assign_from_conclusion(actor=None, conclusion=conclusion, title=title, lead_unit=lead,
                                            deadline=deadline, is_demo=True)
        if percent is not None:
            report_progress(t, actor=None, expected_version=None, percent=percent, reported_on=min(ctx.today, D(
                2026, 6, 30)), narrative="Đang hoàn thiện (demo).")
        if done is not None:
            report_progress(t, actor=None, expected_version=None, percent=100, mark_done=True, done_on=done,
                            reported_on=done, result="Đã hoàn thành (demo).")
        return t

    task(c_city, "Tiếp thu ý kiến, hoàn chỉnh dự thảo nghị quyết về thành phố Lạng Sơn", peoples, D(2021, 6, 18),
         done=D(2021, 6, 15))
    task(c_city, "Nghiên cứu, đề xuất cơ chế, chính sách đặc thù cho thành phố Lạng Sơn", finance, D(2021, 12, 31),
         done=D(2022, 3, 10))
    task(c_trade, "Hoàn chỉnh dự thảo nghị quyết về thương mại, dịch vụ trình Ban Chấp hành Đảng bộ tỉnh", peoples,
         D(2021, 7, 15))
    task(c_business, "Xây dựng kế hoạch nâng cao chỉ số năng lực cạnh tranh cấp tỉnh giai đoạn tiếp theo", peoples,
         D(2027, 12, 31))
    task(c_ip, "Hoàn chỉnh và tham mưu ban hành chỉ thị về phát triển tài sản trí tuệ", health, D(2027, 6, 30),
         percent=40)
    m8.refresh_from_db()
    services.issue_notice(m8, actor=None, expected_version=m8.version, number="195-TB/TU", issued_on=D(2021, 5, 27),
                          recipients="Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy\nBan cán sự đảng UBND tỉnh\n"
                                     "Các ban xây dựng Đảng Tỉnh ủy")
    # The next meeting takes the revised city resolution, which is then issued as 40-NQ/TU.
    m9 = services.schedule_meeting(actor=None, body=body, number=9, held_on=MEETING_9, place="Trụ sở Tỉnh ủy Lạng Sơn",
                                   chair=seats["stc-secretary"], is_demo=True)
    services.record_attendance(m9, actor=None, expected_version=None, present=list(seats.values()))
    proposal = Proposal.objects.get(source_item=city)
    revised = services.accept_proposal(proposal, actor=None, expected_version=proposal.version)
    services.record_conclusion(actor=None, meeting=m9, item=revised, outcome=Outcome.APPROVED,
                               text="Thống nhất thông qua nghị quyết; giao Văn phòng Tỉnh ủy hoàn thiện thủ tục ban hành.")
    issued = ctx.documents.get("40-NQ/TU") or DirectiveDocument.objects.filter(number="40-NQ/TU").first()
    if issued is not None:
        revised.refresh_from_db()
        services.record_issued_document(revised, actor=None, expected_version=revised.version, document=issued)


POINTS = [
    # (unit code, attendees, submitted on, number, kind word)
    ("tam-thanh-2025", 85, D(2025, 11, 14), "12-CTr/ĐU", "Chương trình hành động"),
    ("lang-son-party-agencies", 120, D(2025, 11, 18), "05-CTr/ĐU", "Chương trình hành động"),
    ("lang-son-dept-finance", 40, D(2025, 11, 20), "215/KH-STC", "Kế hoạch"),
    ("luong-van-tri", 90, D(2025, 11, 26), "09-CTr/ĐU", "Chương trình hành động"),
    ("lang-son-dept-health", 45, D(2025, 12, 3), "340/KH-SYT", "Kế hoạch"),
    ("dong-kinh-2025", 80, None, "", ""),
    ("ky-lua", 75, None, "", ""),
    ("lang-son-dept-home-affairs", 35, None, "", ""),
]


def congress_conference(ctx) -> None:
    u = ctx.units
    organizer = u["lang-son-party-committee"]
    resolution = _document(
        ctx, "01-NQ/ĐH", kind="resolution", issuing_unit=organizer, issued_on=D(2025, 10, 1),
        title="Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn lần thứ XVIII, nhiệm kỳ 2025 – 2030",
        summary="Dữ liệu minh họa (demo): số và ngày của nghị quyết là giả định.")
    programme = _document(
        ctx, "01-CTr/TU", kind="programme", issuing_unit=organizer, issued_on=D(2025, 10, 20),
        title="Chương trình hành động của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết Đại hội Đảng bộ tỉnh "
              "lần thứ XVIII", summary="Dữ liệu minh họa (demo): số và ngày là giả định.")
    conference = services.create_conference(
        actor=None, organizer=organizer, held_on=CONFERENCE_DAY, main_hall="Hội trường Trung tâm Hội nghị tỉnh",
        hybrid=True, main_hall_attendees=350, documents=[resolution, programme], basis_document=resolution,
        title="Hội nghị học tập, quán triệt, triển khai thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ "
              "XVIII, nhiệm kỳ 2025 – 2030",
        duty="Các cấp, các ngành, địa phương, cơ quan, đơn vị xây dựng chương trình hành động, kế hoạch cụ thể hóa "
             "Nghị quyết, hoàn thành trước ngày 20/11/2025.",
        due_on=PROGRAMMES_DUE, points=[(u[code], n) for code, n, *_rest in POINTS], is_demo=True)
    subs = {s.unit_id: s for s in conference.submissions.all()}
    for code, _n, submitted_on, number, word in POINTS:
        if submitted_on is None:
            continue
        unit = u[code]
        services.submit_programme(subs[unit.pk], actor=None, number=number, submitted_on=submitted_on,
                                  issued_on=submitted_on,
                                  title=f"{word} thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII "
                                        f"của {unit.name_vi} (demo)")


def _date_the_story() -> None:
    """The services stamp "now"; move the drafts and comments to the days they were made."""
    import datetime as dt

    from .models import Comment, DraftVersion

    for meeting, days_before in ((MEETING_8, 10), (MEETING_9, 7)):
        drafted = dt.datetime.combine(meeting - dt.timedelta(days=days_before), dt.time(9), tzinfo=dt.UTC)
        DraftVersion.objects.filter(item__meeting__held_on=meeting, number=1).update(created_at=drafted)
        DraftVersion.objects.filter(item__meeting__held_on=meeting, number__gt=1).update(
            created_at=drafted + dt.timedelta(days=5))
        Comment.objects.filter(item__meeting__held_on=meeting, kind="written").update(
            created_at=drafted + dt.timedelta(days=7))
        Comment.objects.filter(item__meeting__held_on=meeting, kind="at_meeting").update(
            created_at=dt.datetime.combine(meeting, dt.time(3), tzinfo=dt.UTC))


def load(ctx) -> None:
    standing_committee(ctx)
    _date_the_story()
    congress_conference(ctx)
