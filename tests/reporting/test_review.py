import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from mandate.core.testing import QueryCounter
from mandate.jobs.models import Job, JobState
from mandate.reporting import render
from mandate.reporting.review import gather
from mandate.targets.services import approve_value, create_target, enter_value

pytestmark = pytest.mark.django_db
needs_font = pytest.mark.skipif(render.pdf_font_path() is None,
                                reason="no Unicode TTF font: apt-get install fonts-dejavu-core (or set MANDATE_PDF_FONT)")
AS_OF = datetime.date(2024, 6, 1)


@pytest.fixture
def terms_data(tree, users):
    from mandate.documents.services import create_document

    admin = users["admin"]
    docs = {term: create_document(number=f"{i}-NQ/TU", title=f"Nghị quyết Đại hội nhiệm kỳ {term}",
                                  issuing_unit=tree.province, year=int(term[:4]))
            for i, term in enumerate(("2015-2020", "2020-2025"), start=7)}
    figures = [("Tốc độ tăng trưởng GRDP", "%", ("7", "7.5"),
                {"2016": "5.2", "2017": "5.6", "2018": "5.8", "2019": "5.5", "2020": "5.15", "2021": "6.67",
                 "2022": "7.22"}),
               ("Thu nhập bình quân đầu người", "triệu đồng", ("40", "55"),
                {"2016": "33.5", "2017": "35.8", "2018": "38", "2019": "40.6", "2020": "42.6", "2021": "46.8",
                 "2022": "51.72"})]
    for indicator, uom, goals, values in figures:
        for term, goal in zip(("2015-2020", "2020-2025"), goals, strict=True):
            target = create_target(actor=admin, document=docs[term], org_unit=tree.province, indicator=indicator,
                                   unit_of_measure=uom, value=goal, period=term, comparator="at_least",
                                   aggregation="own")
            a, b = (int(x) for x in term.split("-"))
            for period, value in values.items():
                if a < int(period) <= b:
                    rv = enter_value(actor=admin, target=target, org_unit=tree.province, period=period, value=value,
                                     submit=True)
                    approve_value(rv, actor=admin, expected_version=rv.version)
    return docs


def _texts_docx(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _texts_pdf(data: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages).replace("\n", " ")


@needs_font
def test_term_report_in_word_and_pdf_has_goal_result_and_comparisons(terms_data, tree):
    with translation.override("vi"):  # as the job runs it for a Vietnamese user
        data = gather(tree.province, "2020-2025", datetime.date.today())
        texts = (_texts_docx(render.render_docx(data)), _texts_pdf(render.render_pdf(data)))
    for text in texts:
        assert "TỈNH LẠNG SƠN" in text  # the unit's name with its diacritics
        assert "Tốc độ tăng trưởng GRDP" in text and "Thu nhập bình quân đầu người" in text
        assert "7,5 %" in text and "55 triệu đồng" in text  # the goals
        assert "7,22 %" in text and "51,72 triệu đồng" in text  # the results
        assert "6,95" in text and "5,45" in text and "+1,5" in text  # averages, in points
        assert "49,26" in text and "38,1" in text and "+29,3%" in text  # averages, in percent


def test_year_report_compares_with_last_year_and_the_previous_term(terms_data, tree):
    data = gather(tree.province, "2022", datetime.date.today())
    texts = {rt.target.indicator: render.comparisons_text(rt) for rt in data.targets}
    assert "in 2021 (same period last year)" in texts["Tốc độ tăng trưởng GRDP"]
    assert "in 2017 (same period of the previous term)" in texts["Tốc độ tăng trưởng GRDP"]


def test_review_query_count_does_not_grow_with_targets(terms_data, tree, users, plan):
    today = datetime.date.today()

    def city_target(i):
        create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator=f"Chỉ tiêu {i}",
                      unit_of_measure="%", value=50, period="2023")

    # One summed target in the baseline too: coverage of reporting costs a fixed few queries
    # once any target has it, whatever their number.
    city_target(0)
    gather(tree.province, "2020-2025", today)
    with QueryCounter() as few:
        gather(tree.province, "2020-2025", today)
    for i in range(1, 6):
        city_target(i)
    with QueryCounter() as many:
        data = gather(tree.province, "2020-2025", today)
    assert len(data.targets) == 8 and many.count == few.count


@needs_font
def test_report_runs_as_a_job_with_progress_and_keeps_its_file(client, terms_data, tree, users,
                                                                django_capture_on_commit_callbacks):
    client.force_login(users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:review"), {"unit": tree.province.pk, "period": "2020-2025",
                                                             "fmt": "pdf"}, HTTP_ACCEPT_LANGUAGE="vi")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.state == JobState.SUCCEEDED and job.result_name.endswith(".pdf") and job.finished_at
    assert job.params["as_of"] == datetime.date.today().isoformat()
    assert "TỈNH LẠNG SƠN" in _texts_pdf(job.result_file.read())


def test_without_a_font_the_page_says_how_to_enable_pdf(client, users, tree, settings, monkeypatch):
    settings.MANDATE_PDF_FONT = "/nonexistent/font.ttf"
    monkeypatch.setattr(render, "FONT_CANDIDATES", [])
    client.force_login(users["admin"])
    html = client.get(reverse("reporting:review")).content.decode()
    assert "fonts-dejavu-core" in html
    response = client.post(reverse("reporting:review"), {"unit": tree.province.pk, "period": "2023", "fmt": "pdf"})
    assert response.status_code == 200 and "fonts-dejavu-core" in response.content.decode()
    assert not Job.objects.exists()
