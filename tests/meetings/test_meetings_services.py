import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from helpers_meetings import docx_file
from mandate.core.exceptions import ConflictError
from mandate.documents.models import DirectiveDocument, DocumentKind
from mandate.documents.services import create_document
from mandate.meetings import services
from mandate.meetings.drafts import diff_lines
from mandate.meetings.models import ItemKind, Outcome, Proposal, ProposalState
from mandate.meetings.queries import follow_up, visible_items
from mandate.tasks.services import report_progress

DAY = datetime.date(2021, 5, 25)


def test_quorum_from_voting_members(meeting, body, people):
    q = services.quorum(meeting)
    assert (q["voting"], q["present"], q["reached"]) == (2, 0, False)
    services.record_attendance(meeting, actor=people["clerk"], expected_version=meeting.version,
                               present=body.members.filter(is_voting=True))
    q = services.quorum(meeting)
    assert (q["present"], q["required"], q["reached"]) == (2, 2, True)


def test_only_the_clerk_builds_the_agenda(meeting, people):
    with pytest.raises(PermissionDenied):
        services.add_item(actor=people["secretary"], meeting=meeting, title="Báo cáo", kind=ItemKind.REPORT)


def test_meeting_number_unique_in_term(meeting, body, people):
    with pytest.raises(ValidationError) as exc:
        services.schedule_meeting(actor=people["clerk"], body=body, number=8, held_on=DAY, place="Hội trường")
    assert "already scheduled" in str(exc.value)


def test_new_version_keeps_old_and_diff_shows_changes(item, people):
    services.upload_version(actor=people["clerk"], item=item, note="Tiếp thu ý kiến",
                            file=docx_file(["Mục tiêu chung", "Đến năm 2030 thành phố đạt đô thị loại I"]))
    versions = list(item.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    rows = diff_lines(versions[0].text, versions[1].text)
    assert ("removed", "Đến năm 2030 thành phố đạt đô thị loại II") in rows
    assert ("added", "Đến năm 2030 thành phố đạt đô thị loại I") in rows
    assert ("same", "Mục tiêu chung") in rows


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("ghi-chu.txt", b"hello"), "not of an accepted kind"),
    (SimpleUploadedFile("gia.docx", b"not a zip at all"), "not a valid"),
])
def test_version_upload_refused_with_message(item, people, upload, message):
    with pytest.raises(ValidationError) as exc:
        services.upload_version(actor=people["clerk"], item=item, file=upload)
    assert message in " ".join(exc.value.message_dict["file"])


def test_version_upload_too_large(item, people, monkeypatch):
    monkeypatch.setattr(services, "DRAFT_MAX_BYTES", 1000)
    with pytest.raises(ValidationError) as exc:
        services.upload_version(actor=people["clerk"], item=item, file=docx_file(["x" * 10]))
    assert "too large" in " ".join(exc.value.message_dict["file"])


def test_comments_written_and_recorded(item, body, people):
    written = services.add_comment(actor=people["deputy"], item=item, text="Cần rà soát lại chỉ tiêu.")
    assert written.version.number == 1 and written.kind == "written"
    said = services.add_comment(actor=people["clerk"], item=item, text="Bổ sung cơ chế đặc thù.",
                                member=body.members.get(user=people["secretary"]))
    assert said.kind == "at_meeting" and said.recorded_by == people["clerk"]
    with pytest.raises(PermissionDenied):
        services.add_comment(actor=people["outsider"], item=item, text="Tôi không phải ủy viên.")


def test_conclusion_for_item_of_another_meeting_refused(item, body, people):
    other = services.schedule_meeting(actor=people["clerk"], body=body, number=9, held_on=DAY.replace(month=6),
                                      place="Trụ sở Tỉnh ủy")
    with pytest.raises(ValidationError) as exc:
        services.record_conclusion(actor=people["clerk"], meeting=other, item=item, outcome=Outcome.APPROVED,
                                   text="Thông qua.")
    assert "another meeting" in exc.value.messages[0]


def test_deadline_before_meeting_refused(item, people, tree):
    with pytest.raises(ValidationError) as exc:
        services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item, outcome=Outcome.RESUBMIT,
                                   text="Hoàn thiện.", resubmit_by=DAY - datetime.timedelta(days=1))
    assert "before the meeting" in exc.value.message_dict["resubmit_by"][0]
    conclusion = services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item,
                                            outcome=Outcome.APPROVED, text="Thông qua.")
    with pytest.raises(ValidationError) as exc:
        services.assign_from_conclusion(actor=people["clerk"], conclusion=conclusion, title="Hoàn thiện",
                                        lead_unit=tree.department, deadline=DAY - datetime.timedelta(days=3))
    assert "before the meeting" in exc.value.message_dict["deadline"][0]


def test_stale_conclusion_edit_refused(item, people):
    first = services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item,
                                       outcome=Outcome.APPROVED, text="Thông qua.")
    seen = first.version
    services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item, outcome=Outcome.APPROVED,
                               text="Thông qua, giao cơ quan soạn thảo hoàn thiện.", expected_version=seen)
    with pytest.raises(ConflictError):
        services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item,
                                   outcome=Outcome.NOT_APPROVED, text="Không thông qua.", expected_version=seen)
    with pytest.raises(ConflictError):  # a second "first" conclusion, written without seeing the first
        services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item,
                                   outcome=Outcome.NOTED, text="Ghi nhận.")
    item.conclusion.refresh_from_db()
    assert item.conclusion.history.count() == 2 and item.conclusion.outcome == Outcome.APPROVED


def test_conclusion_tasks_and_their_states(item, people, tree):
    conclusion = services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item,
                                            outcome=Outcome.APPROVED, text="Thông qua.")
    task = services.assign_from_conclusion(actor=people["clerk"], conclusion=conclusion,
                                           title="Xây dựng cơ chế đặc thù", lead_unit=tree.department,
                                           deadline=datetime.date(2021, 8, 30))
    assert task.assigning_unit == item.meeting.body.unit
    assert "Conclusion of" in task.source_note and item.title in task.source_note
    report_progress(task, actor=None, expected_version=None, percent=100, mark_done=True, result="Xong",
                    done_on=datetime.date(2021, 8, 1), reported_on=datetime.date(2021, 8, 1))
    data = follow_up(item.meeting.body, "2020-2025", datetime.date(2021, 9, 1), people["secretary"])
    assert dict(data["tasks"])["done_on_time"] == 1
    assert dict((v, n) for v, _label, n in data["outcomes"])["approved"] == 1


def test_change_of_issuer_requires_new_issuer(item, people, executive):
    with pytest.raises(ValidationError):
        services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item,
                                   outcome=Outcome.CHANGE_ISSUER, text="Chuyển thẩm quyền.")
    c = services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item,
                                   outcome=Outcome.CHANGE_ISSUER, text="Chuyển thẩm quyền.", new_issuer=executive)
    assert c.new_issuer == executive


def test_resubmit_proposes_on_next_meeting_then_clerk_accepts(item, body, people):
    services.record_conclusion(actor=people["clerk"], meeting=item.meeting, item=item, outcome=Outcome.RESUBMIT,
                               text="Tiếp thu, hoàn chỉnh, trình phiên họp sau.", resubmit_next_meeting=True)
    proposal = Proposal.objects.get(source_item=item)
    assert proposal.meeting is None  # no next meeting yet
    nxt = services.schedule_meeting(actor=people["clerk"], body=body, number=9, held_on=datetime.date(2021, 6, 22),
                                    place="Trụ sở Tỉnh ủy")
    proposal.refresh_from_db()
    assert proposal.meeting == nxt
    new_item = services.accept_proposal(proposal, actor=people["clerk"], expected_version=proposal.version)
    assert new_item.meeting == nxt and new_item.resubmission_of == item and new_item.times_resubmitted == 1
    assert new_item.versions.count() == 1
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED


def test_notice_numbered_in_sequence_and_number_reuse_refused(item, secret_item, people, standing):
    create_document(number="12-TB/TU", title="Thông báo trước", kind=DocumentKind.NOTICE, issuing_unit=standing,
                    issued_on=datetime.date(2021, 4, 2))
    for it in (item, secret_item):
        services.record_conclusion(actor=people["clerk"], meeting=it.meeting, item=it, outcome=Outcome.APPROVED,
                                   text=f"Kết luận về {it.title}.")
    meeting = item.meeting
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.issue_notice(meeting, actor=people["clerk"], expected_version=meeting.version, number="12-TB/TU")
    assert "already used" in exc.value.message_dict["number"][0] and "13-TB/TU" in exc.value.message_dict["number"][0]
    document = services.issue_notice(meeting, actor=people["clerk"], expected_version=meeting.version)
    assert document.number == "13-TB/TU" and document.kind == DocumentKind.NOTICE
    meeting.refresh_from_db()
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(meeting.notice_file.read())).paragraphs)
    assert item.title in text and secret_item.title not in text
    saved = DirectiveDocument.objects.get(pk=document.pk)
    assert "XYZ" not in saved.summary and item.title in saved.summary
    assert not meeting.notice_confidential


def test_confidential_item_only_for_members(item, secret_item, people, users):
    assert set(visible_items(people["secretary"])) == {item, secret_item}
    assert set(visible_items(people["outsider"])) == {item}
    assert set(visible_items(users["hd_reporter"])) == set()


def test_recording_issued_document(item, people, standing):
    document = create_document(number="40-NQ/TU", title="Nghị quyết phát triển thành phố", issuing_unit=standing,
                               issued_on=datetime.date(2021, 8, 5))
    services.record_issued_document(item, actor=people["clerk"], expected_version=item.version, document=document)
    item.refresh_from_db()
    assert item.issued_document == document


def test_invited_members_and_guests(body, people):
    secretary = body.members.get(user=people["secretary"])
    meeting = services.schedule_meeting(actor=people["clerk"], body=body, number=3, held_on=DAY, place="Hội trường",
                                        invited=[secretary], guests="Đại diện Ủy ban Kiểm tra Trung ương")
    invited = dict(meeting.attendance.values_list("member__position", "invited"))
    assert invited == {"Bí thư Tỉnh ủy": True, "Phó Bí thư Thường trực Tỉnh ủy": False,
                       "Chánh Văn phòng Tỉnh ủy": False}
    assert meeting.history.count() == 1
