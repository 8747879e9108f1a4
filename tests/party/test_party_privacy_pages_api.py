"""Names of members reach only the committees and inspection committees: pages, exports,
search and API all read through ``party.queries``. Others get counts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from rest_framework.test import APIClient

from mandate.core.testing import QueryCounter
from mandate.party import services
from mandate.party.models import BodyLevel, InspectionKind, PartyMember, PersonalDataExport

from .conftest import D, add

NAME = "Hoàng Văn Thử 3"


def client_for(client, user):
    client.force_login(user)
    return client


def api_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def case(ptree, members):
    services.record_inspection(actor=None, body=ptree.inspection, level=BodyLevel.DISTRICT,
                               kind=InspectionKind.SIGNS_OF_VIOLATION, subject_member=members["a1"][3],
                               started_on=D(2022, 3, 1), ended_on=D(2022, 4, 1), findings="Vi phạm quy định")
    return services.record_case(actor=None, org_unit=ptree.committee, title="Vụ án tại cơ quan A",
                                opened_on=D(2022, 5, 1), defendants=[("Bị Cáo Một", "Kế toán")])


@pytest.mark.parametrize("who,sees", [("committee", True), ("cell", True), ("inspector", True),
                                      ("province_viewer", False), ("org_b", False)])
def test_member_list_page_and_search(client, ptree, pusers, members, who, sees):
    c = client_for(client, pusers[who])
    response = c.get(reverse("party:members"), {"unit": ptree.committee.pk, "q": "Thử 3"})
    if who == "org_b":  # the committee is outside a sibling cell's part of the tree
        assert response.status_code == 404
        response = c.get(reverse("party:members"), {"unit": ptree.org_b.pk, "q": "Thử 3"})
    elif who == "cell":
        response = c.get(reverse("party:members"), {"unit": ptree.cell_a1.pk, "q": "Thử 3"})
    text = response.content.decode()
    assert response.status_code == 200
    assert (NAME in text) is sees
    if not sees:
        assert "Hoàng Văn" not in text and "Lương Thị" not in text


def test_viewer_of_another_organization_sees_counts_not_names(client, ptree, pusers, members, case):
    c = client_for(client, pusers["province_viewer"])
    home = c.get(reverse("party:home"), {"unit": ptree.committee.pk, "as_of": "2024-01-01"}).content.decode()
    assert "Hoàng Văn" not in home and 'data-testid="counts-only"' in home
    assert ">17<" in home  # the committee's total
    listing = c.get(reverse("party:members"), {"unit": ptree.committee.pk}).content.decode()
    assert "17 members" in listing and "Hoàng Văn" not in listing
    member = members["a1"][3]
    assert c.get(reverse("party:member", args=[member.pk])).status_code == 404
    assert c.get(reverse("party:members_export"), {"unit": ptree.committee.pk}).status_code == 403
    inspections = c.get(reverse("party:inspections"), {"unit": ptree.committee.pk}).content.decode()
    assert NAME not in inspections
    counts = load_workbook(io.BytesIO(c.get(reverse("party:counts_export"),
                                            {"unit": ptree.committee.pk}).content)).active
    assert all("Hoàng" not in str(cell.value) for row in counts.iter_rows() for cell in row)


def test_api_gives_counts_never_names_to_others(ptree, pusers, members, case):
    api = api_for(pusers["province_viewer"])
    listing = api.get("/api/v1/party-members/").json()
    assert (listing["results"] if isinstance(listing, dict) else listing) == []
    assert NAME not in api.get("/api/v1/party-members/", {"q": "Thử"}).content.decode()
    assert api.get(f"/api/v1/party-members/{members['a1'][3].pk}/").status_code == 404
    counts = api.get("/api/v1/party-members/counts/", {"unit": ptree.committee.pk}).json()
    assert counts[0]["total"] == 17
    for endpoint in ("party-member-events", "member-ratings", "inspections", "disciplines", "corruption-cases"):
        body = api.get(f"/api/v1/{endpoint}/").content.decode()
        assert "Hoàng Văn" not in body and "Bị Cáo" not in body, endpoint
    cases = api.get("/api/v1/corruption-cases/").json()
    rows = cases["results"] if isinstance(cases, dict) else cases
    assert rows[0]["defendant_count"] == 1 and rows[0]["defendant_names"] is None


def test_api_gives_names_to_the_committee_and_inspection(ptree, pusers, members, case):
    for who in ("committee", "inspector"):
        api = api_for(pusers[who])
        assert NAME in api.get("/api/v1/party-members/", {"q": "Thử 3"}).content.decode()
        assert NAME in api.get("/api/v1/inspections/").content.decode()
        assert "Bị Cáo Một" in api.get("/api/v1/corruption-cases/").content.decode()


def test_member_export_is_logged(client, ptree, pusers, members):
    c = client_for(client, pusers["committee"])
    response = c.get(reverse("party:members_export"), {"unit": ptree.committee.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 18
    log = PersonalDataExport.objects.get()
    assert (log.user, log.rows, log.org_unit) == (pusers["committee"], 17, ptree.committee)


def test_a_member_sees_their_own_record(client, ptree, pusers, members):
    from mandate.core.testing import make_user

    account = make_user("member-own", ptree.department)
    services.link_user(members["b"][0], actor=None, user=account)
    c = client_for(client, account)
    response = c.get(reverse("party:me"), follow=True)
    assert members["b"][0].full_name in response.content.decode()
    assert c.get(reverse("party:member", args=[members["b"][1].pk])).status_code == 404


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["code", "name", "born", "sex", "ethnicity", "admitted", "official", "decision"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("members.xlsx", out.getvalue())


def test_import_lists_row_errors_and_imports_nothing(client, ptree, pusers):
    c = client_for(client, pusers["cell"])
    bad = _xlsx([["N-1", "Vi Văn Nhập", 1990, "Nam", "Nùng", "12/03/2021", "12/03/2022", "3-QĐ/ĐU"],
                 ["N-2", "", 1991, "X", "Tày", "31/02/2021", None, ""]])
    response = c.post(reverse("party:import"), {"org_unit": ptree.cell_a1.pk, "file": bad})
    text = response.content.decode()
    assert "Row 2: the date of admission is not a date" in text
    assert not PartyMember.objects.exists()
    good = _xlsx([["N-1", "Vi Văn Nhập", 1990, "Nam", "Nùng", "12/03/2021", "12/03/2022", "3-QĐ/ĐU"],
                  ["N-2", "Hà Thị Hai", 1991, "Nữ", "Tày", "2021-05-02", None, ""]])
    response = c.post(reverse("party:import"), {"org_unit": ptree.cell_a1.pk, "file": good})
    assert response.status_code == 302
    assert PartyMember.objects.count() == 2
    assert c.get(reverse("party:import_template")).status_code == 200


def test_pages_and_api_lists_run_a_fixed_number_of_queries(client, ptree, pusers, members, seed_targets, case):
    campaign = services.open_campaign(actor=None, org_unit=ptree.committee, year=2024)
    c = client_for(client, pusers["committee"])
    api = api_for(pusers["committee"])
    urls = [reverse("party:home") + f"?unit={ptree.committee.pk}",
            reverse("party:members") + f"?unit={ptree.committee.pk}",
            reverse("party:campaign", args=[campaign.pk]),
            reverse("party:inspections") + f"?unit={ptree.committee.pk}"]
    api_urls = ["/api/v1/party-members/", "/api/v1/party-member-events/", "/api/v1/member-ratings/",
                f"/api/v1/rating-campaigns/{campaign.pk}/results/", "/api/v1/corruption-cases/",
                "/api/v1/inspections/"]

    def measure():
        found = []
        for url in urls:
            with QueryCounter() as q:
                assert c.get(url).status_code == 200, url
            found.append(q.count)
        for url in api_urls:
            with QueryCounter() as q:
                assert api.get(url).status_code == 200, url
            found.append(q.count)
        return found

    measure()  # warm: the API client keeps the same user object, which caches its scope
    before = measure()
    add(ptree.cell_a1, [f"Thêm Người {i}" for i in range(30)], "MORE-")
    add(ptree.org_b, [f"Bổ Sung {i}" for i in range(10)], "EXTRA-")
    for i in range(5):
        services.record_case(actor=None, org_unit=ptree.committee, title=f"Vụ {i}", opened_on=D(2022, 1, 1 + i),
                             defendants=[("A", ""), ("B", "")])
    services.open_campaign(actor=None, org_unit=ptree.committee, year=2023)
    for member in PartyMember.objects.filter(code__startswith="MORE-")[:5]:
        services.record_inspection(actor=None, body=ptree.inspection, level=BodyLevel.DISTRICT,
                                   kind=InspectionKind.REGULAR_SUPERVISION, subject_member=member,
                                   started_on=D(2023, 3, 1), ended_on=D(2023, 4, 1))
    assert measure() == before


def test_member_page_records_a_transfer_and_refuses_a_stale_form(client, ptree, pusers, members):
    member = members["a1"][5]
    c = client_for(client, pusers["committee"])
    url = reverse("party:member", args=[member.pk])
    response = c.post(url, {"action": "transferred", "on": "2024-04-01", "to_unit": ptree.org_b.pk,
                            "decision_number": "7-QĐ/ĐU", "version": member.version})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.org_unit == ptree.org_b
    stale = c.post(url, {"action": "deceased", "on": "2024-05-01", "version": 1})
    assert "Someone else changed this record" in stale.content.decode()
    # a viewer cannot post
    assert client_for(client, pusers["inspector"]).post(url, {"action": "deceased", "on": "2024-05-01",
                                                              "version": member.version}).status_code == 403


def test_inspection_and_discipline_recorded_on_pages(client, ptree, pusers, members):
    from mandate.party.models import Discipline, Inspection

    member = members["b"][2]
    c = client_for(client, pusers["committee"])
    response = c.post(reverse("party:inspection_new"), {
        "body": ptree.committee.pk, "kind": "signs_of_violation", "member_code": member.code,
        "started_on": "2024-03-01", "ended_on": "2024-02-01", "findings": "Thiếu trung thực"})
    assert "The end of the period cannot be before its start." in response.content.decode()
    response = c.post(reverse("party:inspection_new"), {
        "body": ptree.committee.pk, "kind": "signs_of_violation", "member_code": member.code,
        "started_on": "2024-03-01", "ended_on": "2024-04-01", "findings": "Thiếu trung thực"})
    record = Inspection.objects.get()
    assert response.status_code == 302 and record.subject_member == member
    response = c.post(reverse("party:inspection", args=[record.pk]), {
        "form": "expulsion", "decided_on": "2024-05-01", "decision_number": "9-QĐ/ĐU"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert Discipline.objects.get().form == "expulsion" and member.status == "expelled"
    # the province viewer sees neither the record nor the form
    assert client_for(client, pusers["province_viewer"]).get(
        reverse("party:inspection", args=[record.pk])).status_code == 404


def test_member_page_shows_grade_labels_not_codes(client, ptree, pusers, members):
    campaign = services.open_campaign(actor=None, org_unit=ptree.committee, year=2024)
    member = members["b"][0]
    services.self_assess(campaign.member_ratings.get(member=member), actor=None, grade="well")
    text = client_for(client, pusers["committee"]).get(reverse("party:member", args=[member.pk])).content.decode()
    assert "Completed tasks well" in text and ">well<" not in text


def test_import_shows_the_services_row_errors_in_the_error_list(client, ptree, pusers):
    """Problems only the service sees (a code twice in the file) are listed by row too."""
    c = client_for(client, pusers["cell"])
    twice = _xlsx([["D-1", "Vi Văn Một", 1990, "Nam", "Nùng", "12/03/2021", None, "3-QĐ/ĐU"],
                   ["D-1", "Hà Thị Hai", 1991, "Nữ", "Tày", "02/05/2021", None, "4-QĐ/ĐU"]])
    page = c.post(reverse("party:import"), {"org_unit": ptree.cell_a1.pk, "file": twice}).content.decode()
    errors = page.split('data-testid="import-errors"')[1]
    assert "Row 2: The member code D-1 appears twice in the file." in errors
    assert not PartyMember.objects.exists()
