"""Import from text: start (paste or upload), review, accept the chosen rows in one
transaction, reject; bad input; who may do what; the review page's queries."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from mandate.accounts.models import Role
from mandate.core.testing import QueryCounter, make_user, view_as_of
from mandate.documents.models import DirectiveDocument
from mandate.documents.services import create_document
from mandate.imports.models import ImportedRecord, ImportSession, ImportState
from mandate.imports.services import period_from_deadline
from mandate.targets.models import Target

PLAN_TEXT = """Thực hiện Kế hoạch số 45/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân thành phố về chuyển đổi số, \
xã Hoàng Đồng đề ra các chỉ tiêu sau.
Phấn đấu đến năm 2030 đạt 95% hồ sơ thủ tục hành chính được giải quyết trực tuyến.
Phấn đấu đến năm 2027 giảm 0,5% tỷ lệ hộ nghèo.
Phấn đấu kết nạp 30 đảng viên mới trở lên.
Năm 2025, toàn xã đã có 1.200 hộ gia đình sử dụng dịch vụ công trực tuyến.
Các phòng, ban báo cáo kết quả chậm nhất ngày 20/6/2026."""

ENGLISH_TEXT = ("Under Plan 129/KH-UBND dated 5 May 2025, by 2030 the city will bring broadband internet "
                "to at least 90% of households.")

AS_OF = "2025-01-01"  # the city and its communes are open on that day


@pytest.fixture
def approver_client(client, users):
    client.force_login(users["city_approver"])
    view_as_of(client, AS_OF)
    return client


def start(client, unit, text="", file=None, document=None):
    data = {"org_unit": unit.pk, "text": text}
    if document is not None:
        data["document"] = document.pk
    if file is not None:
        data["file"] = file
    return client.post(reverse("imports:start"), data)


def review_data(response, **overrides):
    """The review form as the page fills it, with per-row overrides: target_0_value="96"."""
    data = {}
    for formset in (response.context["doc_formset"], response.context["target_formset"],
                    response.context["task_formset"]):
        management = formset.management_form
        for name, field in management.fields.items():
            data[f"{formset.prefix}-{name}"] = management.initial.get(name, field.initial)
        for form in formset.forms:
            for name in form.fields:
                value = form.initial.get(name)
                if name == "accept":
                    if value:
                        data[form.add_prefix(name)] = "on"
                    continue
                if name == "issuing_unit" and value is not None:
                    value = getattr(value, "pk", value)
                if isinstance(value, list):
                    if value:
                        data[form.add_prefix(name)] = value
                    continue
                data[form.add_prefix(name)] = "" if value is None else value
    for key, value in overrides.items():
        prefix, index, name = key.split("_", 2)
        full = f"{prefix if prefix in ('doc', 'task') else 'target'}-{index}-{name}"
        if value is None:
            data.pop(full, None)
        else:
            data[full] = value
    data["accept"] = "1"
    return data


def test_period_from_deadline():
    assert period_from_deadline(datetime.date(2030, 12, 31)) == "2030"
    assert period_from_deadline(datetime.date(2026, 6, 20)) == "2026-06-20"
    assert period_from_deadline(None) == ""


def test_paste_review_edit_and_accept(approver_client, tree, users):
    response = start(approver_client, tree.hoang_dong, PLAN_TEXT)
    session = ImportSession.objects.get()
    assert response.status_code == 302 and response.url == reverse("imports:review", args=[session.pk])
    assert session.state == ImportState.PENDING and session.source_text == PLAN_TEXT
    assert [d["number"] for d in session.extraction["documents"]] == ["45/KH-UBND"]
    # Nothing but the session exists yet.
    assert not DirectiveDocument.objects.exists() and not Target.objects.exists()

    page = approver_client.get(session.get_absolute_url())
    html = page.content.decode()
    assert "45/KH-UBND" in html and "Phấn đấu đến năm 2030 đạt 95%" in html
    assert "1.200 hộ gia đình" in html  # the figure, for reference
    targets = page.context["target_formset"].forms
    assert [f.initial["period"] for f in targets] == ["2030", "2027", ""]
    assert targets[0].initial["document"] == "new:0"

    data = review_data(page, doc_0_title="Kế hoạch chuyển đổi số năm 2026", target_0_value="96",
                       target_1_baseline="3,2", target_2_period="2026-2030")
    response = approver_client.post(session.get_absolute_url(), data)
    assert response.status_code == 302, response.context and response.context["general_errors"]

    document = DirectiveDocument.objects.get()
    assert document.number == "45/KH-UBND" and document.issued_on == datetime.date(2026, 3, 10)
    assert document.source_text == PLAN_TEXT
    created = {t.source_text: t for t in Target.objects.all()}
    assert len(created) == 3
    first = created["Phấn đấu đến năm 2030 đạt 95% hồ sơ thủ tục hành chính được giải quyết trực tuyến."]
    assert first.value == 96 and first.period_label == "2030" and first.org_unit == tree.hoang_dong
    assert first.document == document
    poor = created["Phấn đấu đến năm 2027 giảm 0,5% tỷ lệ hộ nghèo."]
    assert poor.comparator == "decrease_by" and poor.value == Decimal("0.5") and poor.baseline == Decimal("3.2")
    assert created["Phấn đấu kết nạp 30 đảng viên mới trở lên."].period_label == "2026-2030"
    session.refresh_from_db()
    assert session.state == ImportState.APPLIED and session.decided_by == users["city_approver"]
    assert ImportedRecord.objects.filter(session=session).count() == 4
    # The session page lists what was created.
    assert "45/KH-UBND" in approver_client.get(session.get_absolute_url()).content.decode()


def test_matches_a_recorded_document_by_number_and_unticked_rows_are_skipped(approver_client, tree):
    recorded = create_document(number="129/KH-UBND", title="Kế hoạch phát triển hạ tầng số",
                               issuing_unit=tree.city, issued_on=datetime.date(2025, 5, 5))
    start(approver_client, tree.city, ENGLISH_TEXT)
    session = ImportSession.objects.get()
    assert session.extraction["language"] == "en"
    page = approver_client.get(session.get_absolute_url())
    assert "already recorded" in page.content.decode()
    assert page.context["target_formset"].forms[0].initial["document"] == f"doc:{recorded.pk}"

    response = approver_client.post(session.get_absolute_url(), review_data(page))
    assert response.status_code == 302
    assert DirectiveDocument.objects.count() == 1  # matched, not recorded twice
    target = Target.objects.get()
    assert target.document == recorded and target.comparator == "at_least" and target.value == 90


def test_a_bad_row_creates_nothing_and_keeps_what_was_typed(approver_client, tree):
    start(approver_client, tree.hoang_dong, PLAN_TEXT)
    session = ImportSession.objects.get()
    page = approver_client.get(session.get_absolute_url())
    # No baseline for the decrease and no period for the target without a deadline.
    data = review_data(page, doc_0_title="Kế hoạch chuyển đổi số", target_0_value="97")
    response = approver_client.post(session.get_absolute_url(), data)
    assert response.status_code == 200
    forms = response.context["target_formset"].forms
    assert "baseline" in forms[1].errors
    assert "period" in forms[2].errors
    assert not forms[0].errors
    html = response.content.decode()
    assert 'value="97"' in html and "Kế hoạch chuyển đổi số" in html
    assert not DirectiveDocument.objects.exists() and not Target.objects.exists()
    assert ImportSession.objects.get().state == ImportState.PENDING


def test_target_of_an_unaccepted_new_document_is_a_row_error(approver_client, tree):
    start(approver_client, tree.hoang_dong, PLAN_TEXT)
    session = ImportSession.objects.get()
    page = approver_client.get(session.get_absolute_url())
    data = review_data(page, doc_0_accept=None, target_1_accept=None, target_2_accept=None)
    response = approver_client.post(session.get_absolute_url(), data)
    assert "document" in response.context["target_formset"].forms[0].errors
    assert not Target.objects.exists()


def test_existing_document_chosen_at_start(approver_client, tree, plan):
    start(approver_client, tree.hoang_dong, PLAN_TEXT, document=plan)
    session = ImportSession.objects.get()
    page = approver_client.get(session.get_absolute_url())
    data = review_data(page, doc_0_accept=None, target_1_accept=None, target_2_accept=None)
    assert data["target-0-document"] == f"doc:{plan.pk}"
    assert approver_client.post(session.get_absolute_url(), data).status_code == 302
    assert list(Target.objects.values_list("document", flat=True)) == [plan.pk]


def test_reject_discards_the_session(approver_client, tree):
    start(approver_client, tree.hoang_dong, PLAN_TEXT)
    session = ImportSession.objects.get()
    response = approver_client.post(session.get_absolute_url(), {"reject": "1"})
    assert response.status_code == 302
    assert ImportSession.objects.get().state == ImportState.DISCARDED
    assert not Target.objects.exists() and not DirectiveDocument.objects.exists()
    # A decided session cannot be applied afterwards.
    page = approver_client.post(session.get_absolute_url(), {"accept": "1"})
    assert page.status_code == 200 and not Target.objects.exists()


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_upload_a_docx(approver_client, tree):
    response = start(approver_client, tree.hoang_dong, file=_upload("ke-hoach-45.docx", _docx(PLAN_TEXT)))
    assert response.status_code == 302
    session = ImportSession.objects.get()
    assert session.source_filename == "ke-hoach-45.docx"
    assert len(session.extraction["targets"]) == 3


@pytest.mark.parametrize("name, data, message", [
    ("hong.docx", b"PK\x03\x04 this is not really a word file", "Word file cannot be read"),
    ("hong.pdf", b"%PDF-1.4\n garbage without objects", "PDF file cannot be read"),
    ("anh.txt", bytes(range(256)) * 40, "does not hold readable text"),
    ("rong.txt", b"   \n", "file is empty"),
    ("bang.xlsx", b"PK\x03\x04", "Choose a .txt, .docx, .pdf or .html file"),
    ("lon.txt", b"a" * (10 * 1024 * 1024 + 1), "larger than 10 MB"),
])
def test_bad_files_give_a_clear_message(approver_client, tree, name, data, message):
    response = start(approver_client, tree.hoang_dong, file=_upload(name, data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportSession.objects.exists()


def test_empty_text_keeps_the_form(approver_client, tree):
    response = start(approver_client, tree.hoang_dong, "   ")
    assert response.status_code == 200
    assert "There is no text to read" in response.content.decode()
    assert not ImportSession.objects.exists()


def test_only_approvers_import(client, tree, users):
    client.force_login(users["hd_reporter"])
    assert client.get(reverse("imports:start")).status_code == 403
    assert start(client, tree.hoang_dong, PLAN_TEXT).status_code == 403
    assert not ImportSession.objects.exists()


def test_unit_outside_the_subtree_cannot_be_chosen(client, tree):
    make_user("dept-approver", tree.department, Role.APPROVER)
    client.login(username="dept-approver", password="a-Long-test-pass-42")
    response = start(client, tree.hoang_dong, PLAN_TEXT)
    assert response.status_code == 200 and "org_unit" in response.context["form"].errors
    assert not ImportSession.objects.exists()


def test_session_visible_only_within_its_unit(approver_client, client, tree, users):
    start(approver_client, tree.hoang_dong, PLAN_TEXT)
    session = ImportSession.objects.get()
    make_user("dept-approver", tree.department, Role.APPROVER)
    client.login(username="dept-approver", password="a-Long-test-pass-42")
    assert client.get(session.get_absolute_url()).status_code == 404
    assert client.post(session.get_absolute_url(), {"reject": "1"}).status_code == 404
    # A reporter of the commune sees it but cannot decide it.
    client.force_login(users["hd_reporter"])
    page = client.get(session.get_absolute_url())
    assert page.status_code == 200 and b"accept-selected" not in page.content
    assert client.post(session.get_absolute_url(), {"reject": "1"}).status_code == 403
    assert ImportSession.objects.get().state == ImportState.PENDING


def _long_text(n):
    lines = [f"Thực hiện Kế hoạch số {i + 10}/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân thành phố." for i in range(n)]
    lines += [f"Phấn đấu đến năm 2030 đạt {50 + i}% số hộ dùng nước sạch ở thôn {i + 1}." for i in range(n)]
    return "\n".join(lines)


def _review_queries(client, tree, rows):
    for i in range(0, rows, 2):
        create_document(number=f"{i + 10}/KH-UBND", title=f"Kế hoạch {i}", issuing_unit=tree.city,
                        issued_on=datetime.date(2026, 3, 10))
    start(client, tree.hoang_dong, _long_text(rows))
    session = ImportSession.objects.latest("pk")
    assert len(session.extraction["targets"]) == rows
    with QueryCounter() as counter:
        assert client.get(session.get_absolute_url()).status_code == 200
    return counter.count


def test_review_page_queries_do_not_grow_with_rows(approver_client, tree):
    few = _review_queries(approver_client, tree, 2)
    ImportSession.objects.all().delete()
    DirectiveDocument.objects.all().delete()
    many = _review_queries(approver_client, tree, 12)
    assert many <= few


def test_start_page_list_queries_do_not_grow(approver_client, tree):
    start(approver_client, tree.hoang_dong, PLAN_TEXT)
    with QueryCounter() as few:
        approver_client.get(reverse("imports:start"))
    for _ in range(5):
        start(approver_client, tree.hoang_dong, ENGLISH_TEXT)
    with QueryCounter() as many:
        response = approver_client.get(reverse("imports:start"))
    assert len(response.context["recent"]) == 6
    assert many.count <= few.count


def test_pasted_text_over_10_mb_is_refused(approver_client, tree, settings):
    from mandate.imports import services

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    response = start(approver_client, tree.hoang_dong, "a" * (services.MAX_BYTES + 1))
    assert response.status_code == 200 and "longer than 10 MB" in response.content.decode()
    assert not ImportSession.objects.exists()
