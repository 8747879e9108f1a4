"""Import from text: the assignments a text makes are proposed as tasks; the lead unit is
matched to an org unit by name (a choice when several match); accepted rows become tasks
through tasks.services.assign_task, in the same all-or-nothing step as targets."""

import datetime

import pytest
from django.urls import reverse

from mandate.core.testing import QueryCounter
from mandate.documents.models import DirectiveDocument
from mandate.imports.models import ImportedRecord, ImportSession, ImportState
from mandate.imports.review import match_units, unit_key
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit
from mandate.tasks.models import Task

from .test_imports import approver_client, review_data, start  # noqa: F401 (fixture)

NOTICE = """Thực hiện Kế hoạch số 31/KH-UBND ngày 4/1/2027 của Ủy ban nhân dân thành phố về phòng chống thiên tai,
Chủ tịch UBND thành phố kết luận:
1. Giao UBND xã Hoàng Đồng chủ trì, phối hợp với UBND xã Mai Pha rà soát các điểm sạt lở, hoàn thành trước ngày 15/3/2027.
2. Giao Trạm Y tế chuẩn bị cơ số thuốc cho mùa mưa bão trước ngày 30/4/2027.
3. Đề nghị Hội Cựu chiến binh thành phố vận động hội viên tham gia tuần tra đê.
"""


@pytest.fixture
def health_stations(tree):
    """Two units with the same name in two communes: the name alone does not tell which."""
    return [create_unit(code=f"tram-y-te-{c.code}", name_vi="Trạm Y tế", name_en="Health station",
                        kind=UnitKind.CENTRE, parent=c) for c in (tree.hoang_dong, tree.mai_pha)]


def test_unit_names_match_across_abbreviations_and_case(tree):
    units = [tree.city, tree.hoang_dong, tree.mai_pha, tree.chi_lang]
    assert unit_key("UBND xã Hoàng Đồng") == "ủy ban nhân dân xã hoàng đồng"
    assert match_units("UBND xã Hoàng Đồng", units) == [tree.hoang_dong]
    assert match_units("Hoang Dong commune", units) == [tree.hoang_dong]
    assert match_units("Hội Cựu chiến binh thành phố", units) == []


def test_assignments_are_proposed_and_accepted_as_tasks(approver_client, tree, health_stations):  # noqa: F811
    start(approver_client, tree.city, NOTICE)
    session = ImportSession.objects.get()
    assert len(session.extraction["assignments"]) == 3
    page = approver_client.get(session.get_absolute_url())
    html = page.content.decode()
    assert "rà soát các điểm sạt lở" in html
    forms = page.context["task_formset"].forms
    first, second, third = forms
    assert first.initial["lead_unit"] == str(tree.hoang_dong.pk) and first.initial["accept"]
    assert first.initial["coordinating_units"] == [str(tree.mai_pha.pk)]
    assert first.initial["deadline"] == "2027-03-15"
    assert first.initial["document"] == "new:0"  # the plan the text cites before it
    # Two units are called "Trạm Y tế": both are offered first and nothing is chosen for the person.
    assert second.initial["lead_unit"] == "" and not second.initial["accept"]
    assert [c for c, _label in second.fields["lead_unit"].choices[1:3]] == [str(u.pk) for u in health_stations]
    assert 'data-testid="task-ambiguous-1"' in html
    assert 'data-testid="task-unmatched-2"' in html  # no unit of that name: left for the person

    data = review_data(page, doc_0_title="Kế hoạch phòng chống thiên tai năm 2027",
                       task_1_accept="on", task_1_lead_unit=str(health_stations[1].pk),
                       task_1_title="Chuẩn bị cơ số thuốc mùa mưa bão")
    response = approver_client.post(session.get_absolute_url(), data)
    assert response.status_code == 302, response.context and response.context["general_errors"]
    document = DirectiveDocument.objects.get()
    tasks = {t.lead_unit: t for t in Task.objects.all()}
    assert set(tasks) == {tree.hoang_dong, health_stations[1]}
    landslides = tasks[tree.hoang_dong]
    assert landslides.title == "rà soát các điểm sạt lở" and landslides.deadline == datetime.date(2027, 3, 15)
    assert landslides.assigning_unit == tree.city and landslides.source_document == document
    assert list(landslides.coordinating_units.all()) == [tree.mai_pha]
    assert "Giao UBND xã Hoàng Đồng" in landslides.description
    assert tasks[health_stations[1]].title == "Chuẩn bị cơ số thuốc mùa mưa bão"
    session.refresh_from_db()
    assert session.state == ImportState.APPLIED
    assert ImportedRecord.objects.filter(session=session).count() == 1 + 2  # the plan and two tasks


def test_a_task_without_deadline_or_lead_unit_creates_nothing(approver_client, tree, health_stations):  # noqa: F811
    start(approver_client, tree.city, NOTICE)
    session = ImportSession.objects.get()
    page = approver_client.get(session.get_absolute_url())
    data = review_data(page, doc_0_title="Kế hoạch", task_0_deadline="", task_1_accept="on",
                       task_0_title="Rà soát điểm sạt lở (đã sửa)")
    response = approver_client.post(session.get_absolute_url(), data)
    assert response.status_code == 200
    forms = response.context["task_formset"].forms
    assert "lead_unit" in forms[1].errors  # ambiguous and not chosen
    assert "deadline" in forms[0].errors  # the task service requires one
    assert "Rà soát điểm sạt lở (đã sửa)" in response.content.decode()  # what was typed is kept
    assert not Task.objects.exists() and not DirectiveDocument.objects.exists()
    assert ImportSession.objects.get().state == ImportState.PENDING


def test_rejected_task_rows_are_skipped(approver_client, tree, health_stations):  # noqa: F811
    start(approver_client, tree.city, NOTICE)
    session = ImportSession.objects.get()
    page = approver_client.get(session.get_absolute_url())
    response = approver_client.post(session.get_absolute_url(),
                                    review_data(page, doc_0_accept=None, task_0_accept=None))
    assert response.status_code == 200  # nothing selected at all
    assert not Task.objects.exists()


def test_review_page_queries_do_not_grow_with_assignments(approver_client, tree, health_stations):  # noqa: F811
    counts = []
    for n in (1, 6):
        lines = "\n".join(f"{i}. Giao UBND xã Mai Pha kiểm tra đê số {i} trước ngày 1/6/2027." for i in range(1, n + 1))
        start(approver_client, tree.city, lines)
        session = ImportSession.objects.order_by("-pk").first()
        with QueryCounter() as q:
            assert approver_client.get(reverse("imports:review", args=[session.pk])).status_code == 200
        counts.append(q.count)
    assert counts[0] == counts[1]


def test_web_app_findings_indicator_issuer_and_cited_document(approver_client, tree):  # noqa: F811
    text = ("Thực hiện Kế hoạch số 8/KH-UBND ngày 3/2/2027 của UBND xã Mai Pha về giảm nghèo, "
            "phấn đấu tỷ lệ hộ nghèo giảm xuống còn 2,5%, hoàn thành trước ngày 30/6/2027.")
    start(approver_client, tree.city, text)
    session = ImportSession.objects.get()
    page = approver_client.get(session.get_absolute_url())
    [doc] = page.context["doc_formset"].forms
    assert doc.initial["issuing_unit"] == tree.mai_pha.pk  # the body the text names, not the import's unit
    [target] = page.context["target_formset"].forms
    assert target.initial["indicator"] == "tỷ lệ hộ nghèo"  # its name, not the whole sentence
    assert target.initial["deadline"] == "2027-06-30"  # the sentence-final time limit
    assert target.initial["document"] == "new:0"  # linked to the plan it cites
