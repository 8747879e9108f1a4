import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mandate.core.testing import QueryCounter
from mandate.projects import services
from mandate.projects.models import InvestmentProject


def seed_projects(make_project, users, n):
    for i in range(n):
        p = make_project(f"Dự án {i}", "1.000.000.000")
        services.record_disbursement(actor=users["admin"], project=p, paid_on=datetime.date(2023, 3, 1),
                                     amount="100.000.000")
        services.add_milestone(actor=users["admin"], project=p, title="Khởi công", deadline=datetime.date(2023, 2, 1))


def count_list_queries(client, user, url):
    client.force_login(user)
    client.get(url)  # warm caches (sessions, content types)
    with QueryCounter() as qc:
        response = client.get(url)
    assert response.status_code == 200
    return qc.count


@pytest.mark.parametrize("url_name", ["projects:list", "projects:export"])
def test_list_and_export_queries_do_not_grow(client, make_project, users, url_name):
    url = reverse(url_name) + "?as_of=2023-07-01"
    seed_projects(make_project, users, 3)
    few = count_list_queries(client, users["admin"], url)
    seed_projects(make_project, users, 27)
    assert InvestmentProject.objects.count() == 30
    assert count_list_queries(client, users["admin"], url) == few


def test_list_shows_totals_with_separators(client, make_project, users):
    seed_projects(make_project, users, 2)
    client.force_login(users["admin"])
    html = client.get(reverse("projects:list") + "?as_of=2023-07-01").content.decode()
    assert "2,000,000,000" in html  # English grouping in tests; 2.000.000.000 in Vietnamese
    assert "2.0 billion VND" in html
    assert "10.0 %" in html


def test_list_and_record_limited_to_subtree(client, make_project, users, tree):
    ours = make_project("Ours")
    theirs = make_project("Theirs", investor=tree.department)
    client.force_login(users["hd_reporter"])  # Hoang Dong: neither project is in its subtree
    assert "Ours" not in client.get(reverse("projects:list")).content.decode()
    assert client.get(theirs.get_absolute_url()).status_code == 404
    client.force_login(users["city_approver"])
    html = client.get(reverse("projects:list")).content.decode()
    assert "Ours" in html and "Theirs" not in html
    assert client.get(ours.get_absolute_url()).status_code == 200


def test_export_has_rows_and_totals(client, make_project, users):
    seed_projects(make_project, users, 3)
    client.force_login(users["admin"])
    response = client.get(reverse("projects:export") + "?as_of=2023-07-01")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [row for row in ws.iter_rows(values_only=True)]
    total = values[-1]
    assert total[1] == "Total: 3 projects"
    assert total[4] == 3_000_000_000 and total[5] == 300_000_000 and total[6] == 10.0
    assert len(values) == 2 + 3 + 1  # title, header, rows, totals


def test_reporter_records_disbursement_and_error_keeps_input(client, make_project, board_users):
    p = make_project(capital="1.000.000.000")
    client.force_login(board_users["reporter"])
    url = p.get_absolute_url()
    response = client.post(url, {"action": "disbursement", "d-paid_on": "2023-03-01", "d-amount": "5.000.000.000",
                                 "d-note": "đợt 1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "more than its planned capital" in html
    assert 'value="5.000.000.000"' in html and 'value="đợt 1"' in html
    response = client.post(url, {"action": "disbursement", "d-paid_on": "2023-03-01", "d-amount": "400.000.000"})
    assert response.status_code == 302
    assert p.disbursements.get().amount == 400_000_000


def test_viewer_cannot_record(client, make_project, board_users):
    p = make_project()
    client.force_login(board_users["viewer"])
    html = client.get(p.get_absolute_url()).content.decode()
    assert 'data-testid="disbursement-form"' not in html
    response = client.post(p.get_absolute_url(), {"action": "disbursement", "d-paid_on": "2023-03-01",
                                                   "d-amount": "1000"})
    assert response.status_code == 403
    assert not p.disbursements.exists()


def test_stale_clearance_form_refused_with_explanation(client, make_project, board_users):
    p = make_project()
    client.force_login(board_users["reporter"])
    services.record_site_clearance(actor=board_users["reporter"], project=p, percent=50,
                                   as_of=datetime.date(2023, 5, 1))
    response = client.post(p.get_absolute_url(), {"action": "clearance", "c-version": "1", "c-percent": "60",
                                                  "c-as_of": "2023-06-01"})
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    p.refresh_from_db()
    assert p.site_clearance_percent == 50


def test_record_page_shows_history(client, make_project, users):
    p = make_project()
    services.update_project(p, actor=users["admin"], expected_version=1, name="Công viên mới")
    services.add_milestone(actor=users["admin"], project=p, title="Khởi công", deadline=datetime.date(2023, 2, 1))
    client.force_login(users["admin"])
    html = client.get(p.get_absolute_url()).content.decode()
    assert 'data-testid="history"' in html and "Công viên phía Nam cầu 17/10 → Công viên mới" in html
    assert "“Khởi công”" in html


def _edit_data(project, **changes):
    data = {"name": project.name, "plan_year": project.plan_year, "planned_capital": "12.000.000.000",
            "started_on": "2023-01-01", "planned_completion": "2023-12-31", "description": "",
            "version": project.version}
    data.update(changes)
    return data


def test_approver_corrects_project_and_history_keeps_old_capital(client, make_project, board_users):
    p = make_project()
    client.force_login(board_users["approver"])
    url = reverse("projects:edit", args=[p.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _edit_data(p, name="Công viên phía Nam cầu 17/10 (giai đoạn 2)"))
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.name.endswith("(giai đoạn 2)") and p.planned_capital == 12_000_000_000
    previous = p.history.order_by("-history_date")[1]
    assert previous.planned_capital == 10_000_000_000
    assert p.history.latest().history_user == board_users["approver"]


def test_stale_project_edit_refused_and_input_kept(client, make_project, board_users):
    p = make_project()
    stale = p.version
    client.force_login(board_users["approver"])
    url = reverse("projects:edit", args=[p.pk])
    client.post(url, _edit_data(p))  # someone saves first
    response = client.post(url, _edit_data(p, name="Tên tôi vừa gõ", version=stale))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tên tôi vừa gõ" in html and "errorlist" in html
    p.refresh_from_db()
    assert p.name == "Công viên phía Nam cầu 17/10"


def test_reporter_cannot_correct_project(client, make_project, board_users):
    p = make_project()
    client.force_login(board_users["reporter"])
    url = reverse("projects:edit", args=[p.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _edit_data(p, name="x")).status_code == 403
    assert "edit-project" not in client.get(p.get_absolute_url()).content.decode()
