import datetime
import re

import pytest
from django.urls import reverse

from mandate.core.testing import QueryCounter, view_as_of
from mandate.tasks.models import ProgressReport, Task
from mandate.tasks.services import assign_task, report_progress

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2023, 6, 20)


@pytest.fixture
def view_on(client):
    """Log in and look at Mandate as of AS_OF (a past day kept in the session)."""

    def _login(user):
        client.force_login(user)
        view_as_of(client, AS_OF)
        return client

    return _login


def _many_tasks(make_task, tree, n):
    for i in range(n):
        task = make_task(title=f"Việc số {i}", deadline=D(2023, 6, 10 + i % 20),
                         coordinating_units=[tree.mai_pha] if i % 2 else [])
        if i % 3 == 0:
            ProgressReport.objects.create(task=task, org_unit=task.lead_unit, percent=30, reported_on=D(2023, 5, 2))


def test_inbox_sections(view_on, users, make_task, tree):
    make_task(title="Quá hạn", deadline=D(2023, 6, 1))
    make_task(title="Sắp đến hạn", deadline=D(2023, 6, 25))
    make_task(title="Còn xa", deadline=D(2023, 12, 31))
    make_task(title="Phối hợp", lead_unit=tree.mai_pha, coordinating_units=[tree.hoang_dong])
    client = view_on(users["hd_reporter"])
    html = client.get(reverse("tasks:inbox")).content.decode()
    section = lambda name: html.split(f'data-testid="inbox-{name}"')[1].split("</table>")[0]  # noqa: E731
    assert "Quá hạn" in section("overdue") and "Sắp đến hạn" not in section("overdue")
    assert "Sắp đến hạn" in section("due-soon") and "Còn xa" not in section("due-soon")
    assert "Còn xa" in section("waiting")
    assert "Phối hợp" in section("coordinating")
    html = client.get(reverse("tasks:inbox") + "?days=300").content.decode()
    assert "Còn xa" in section("due-soon")


@pytest.mark.parametrize("url_name", ["tasks:inbox", "tasks:list", "tasks:leader", "tasks:export"])
def test_list_pages_query_count_does_not_grow(view_on, users, make_task, tree, url_name):
    client = view_on(users["city_approver"])
    url = reverse(url_name) + (f"?unit={tree.hoang_dong.pk}" if url_name == "tasks:inbox" else "")
    _many_tasks(make_task, tree, 3)
    with QueryCounter() as few:
        assert client.get(url).status_code == 200
    _many_tasks(make_task, tree, 25)
    with QueryCounter() as many:
        assert client.get(url).status_code == 200
    assert many.count == few.count, [q["sql"][:120] for q in many.captured_queries]


def test_list_filters_and_counts(view_on, users, make_task, tree):
    make_task(title="Quá hạn A", deadline=D(2023, 6, 1))
    make_task(title="Đang làm B", deadline=D(2023, 7, 1), lead_unit=tree.mai_pha)
    client = view_on(users["city_approver"])
    html = client.get(reverse("tasks:list") + "?state=overdue").content.decode()
    assert "Quá hạn A" in html and "Đang làm B" not in html
    html = client.get(reverse("tasks:list") + f"?unit={tree.mai_pha.pk}").content.decode()
    assert "Đang làm B" in html and "Quá hạn A" not in html


def test_task_outside_subtree_is_404_and_reporting_needs_role(view_on, users, make_task, tree):
    task = make_task()
    client = view_on(users["mp_reporter"])
    assert client.get(task.get_absolute_url()).status_code == 404
    assert client.post(reverse("tasks:report", args=[task.pk]), {"version": 1, "percent": 5}).status_code == 404
    client = view_on(users["viewer"])  # sees it (province subtree) but may not report
    page = client.get(task.get_absolute_url())
    assert page.status_code == 200 and 'data-testid="report-form"' not in page.content.decode()
    assert client.post(reverse("tasks:report", args=[task.pk]), {"version": 1, "percent": 5}).status_code == 403
    assert client.get(reverse("tasks:edit", args=[task.pk])).status_code == 403
    assert client.get(reverse("tasks:assign")).status_code == 403


def test_report_with_attachment_through_the_page(view_on, users, make_task, upload):
    task = make_task()
    client = view_on(users["hd_reporter"])
    response = client.post(reverse("tasks:report", args=[task.pk]), {
        "version": 1, "org_unit": task.lead_unit_id, "percent": 45, "narrative": "Đã chi trả bồi thường",
        "reported_on": "2023-05-02", "files": [upload()],
    })
    assert response.status_code == 302
    report = task.reports.get()
    assert report.percent == 45 and report.evidence.get().file.name.startswith("evidence/")
    assert "bien-ban" not in report.evidence.get().file.name  # the stored name cannot be guessed
    download = client.get(reverse("tasks:evidence", args=[report.evidence.get().pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    html = client.get(task.get_absolute_url()).content.decode()
    assert "bien-ban.pdf" in html and "Đã chi trả bồi thường" in html


def test_stale_report_is_refused_and_keeps_what_was_typed(view_on, users, make_task):
    task = make_task()
    report_progress(task, actor=users["hd_reporter"], expected_version=1, percent=20, reported_on=D(2023, 5, 1))
    client = view_on(users["hd_reporter"])
    response = client.post(reverse("tasks:report", args=[task.pk]), {
        "version": 1, "org_unit": task.lead_unit_id, "percent": 60, "narrative": "Báo cáo của tôi",
        "reported_on": "2023-05-02",
    })
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this record" in html and "Báo cáo của tôi" in html
    assert task.reports.count() == 1


def test_bad_file_message_on_the_page(view_on, users, make_task, upload):
    task = make_task()
    client = view_on(users["hd_reporter"])
    response = client.post(reverse("tasks:report", args=[task.pk]), {
        "version": 1, "org_unit": task.lead_unit_id, "percent": 10, "files": [upload("setup.exe", b"MZ")],
    })
    assert response.status_code == 400
    assert "is not accepted: attach PDF, Word (.docx), Excel (.xlsx), JPG or PNG files" in response.content.decode()


def test_assign_to_all_communes_and_wards_through_the_page(view_on, users, tree, plan):
    client = view_on(users["city_approver"])
    assert client.get(reverse("tasks:assign")).status_code == 200
    response = client.post(reverse("tasks:assign"), {
        "title": "Đạt chuẩn xã, phường về y tế", "source_document": plan.pk, "assigning_unit": tree.city.pk,
        "parent": tree.city.pk, "kinds": ["commune", "ward"], "deadline": "2099-12-31", "priority": "high",
    })
    assert response.status_code == 302
    tasks = Task.objects.all()
    assert tasks.count() == 3 and len({t.batch for t in tasks}) == 1
    assert f"batch={tasks[0].batch}" in response["Location"]


def test_assign_form_keeps_input_on_error(view_on, users, tree):
    client = view_on(users["city_approver"])
    response = client.post(reverse("tasks:assign"), {
        "title": "Việc không nguồn", "assigning_unit": tree.city.pk, "lead_units": [tree.hoang_dong.pk],
        "deadline": "2099-12-31", "priority": "normal",
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert "Say where the task comes from" in html and "Việc không nguồn" in html
    assert Task.objects.count() == 0


def test_extension_request_and_decision_through_pages(view_on, users, make_task, client):
    task = make_task(deadline=D(2099, 6, 15))
    view_on(users["hd_reporter"])
    response = client.post(reverse("tasks:request_extension", args=[task.pk]),
                           {"version": 1, "proposed_deadline": "2099-07-15", "reason": "Chờ vốn"})
    assert response.status_code == 302
    ext = task.extensions.get()
    view_on(users["city_approver"])
    html = client.get(task.get_absolute_url()).content.decode()
    assert 'data-testid="decision-form"' in html
    response = client.post(reverse("tasks:decide_extension", args=[ext.pk]), {"version": 1, "decision": "grant"})
    assert response.status_code == 302
    html = client.get(task.get_absolute_url()).content.decode()
    assert "15/07/2099" in html and "15/06/2099" in html  # both deadlines shown
    assert 'data-testid="related-history"' in html and "Request for more time" in html


def test_leader_table_groups_by_child_and_drills_down(view_on, users, make_task, tree):
    make_task(title="HD đúng hạn")
    make_task(title="HD quá hạn", deadline=D(2023, 6, 1))
    make_task(title="MP trễ", lead_unit=tree.mai_pha, deadline=D(2023, 5, 1))
    own = assign_task(actor=users["city_approver"], title="Của thành phố", lead_unit=tree.city,
                      assigning_unit=tree.city, deadline=D(2023, 6, 30), source_note="Kết luận",
                      assigned_on=D(2023, 3, 1))
    hd = Task.objects.get(title="HD đúng hạn")
    report_progress(hd, actor=users["hd_reporter"], expected_version=1, percent=100, mark_done=True,
                    result="Xong", done_on=D(2023, 6, 15))
    Task.objects.filter(title="MP trễ").update(done_at=D(2023, 5, 20))
    client = view_on(users["admin"])
    html = client.get(reverse("tasks:leader") + f"?unit={tree.city.pk}").content.decode()

    def row(code):
        cells = html.split(f'data-unit="{code}"')[1].split("</tr>")[0]
        return [int(n) for n in re.findall(r">(\d+)<", cells)]

    # assigned, on time, late, overdue, in progress, not started
    assert row("hoang-dong")[:6] == [2, 1, 0, 1, 0, 0]
    assert row("mai-pha")[:6] == [1, 0, 1, 0, 0, 0]
    assert row("lang-son-city")[:6] == [1, 0, 0, 0, 0, 1]
    assert "50.0%" in html.split('data-unit="hoang-dong"')[1].split("</tr>")[0]
    assert 'data-testid="completions-chart"' in html and 'data-on-time="1"' in html and 'data-late="1"' in html
    assert own.pk
