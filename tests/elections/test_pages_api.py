"""Election pages and API: the same visibility, permissions and messages; query counts."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from mandate.accounts.models import Role
from mandate.core.testing import QueryCounter, make_user
from mandate.elections import services
from mandate.elections.testing import candidate, enter
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit


def client_for(user, api=False):
    client = APIClient() if api else Client()
    client.force_login(user)
    return client


def test_pages_show_the_election_board_and_count(election, eusers):
    client = client_for(eusers["admin"])
    e = election["election"]
    for url in ["/elections/", e.get_absolute_url(), f"/elections/{e.pk}/turnout/?hour=9",
                election["one"].get_absolute_url(), election["a1"].get_absolute_url()]:
        assert client.get(url).status_code == 200, url
    page = client.get(e.get_absolute_url()).content.decode()
    assert "Đơn vị bầu cử số 2" in page and "Post the voter lists" in page


def test_someone_outside_the_organizer_sees_no_election(election, tree):
    stranger_root = create_unit(code="other-province", name_vi="Tỉnh khác", kind=UnitKind.PROVINCE)
    stranger = make_user("stranger", stranger_root, Role.ADMINISTRATOR)
    client = client_for(stranger)
    assert client.get(election["election"].get_absolute_url()).status_code == 404
    assert client.get(election["a1"].get_absolute_url()).status_code == 404
    assert client_for(stranger, api=True).get("/api/v1/candidates/").json()["count"] == 0


def test_reporter_sends_turnout_on_the_page_and_sees_the_message(election, eusers):
    client = client_for(eusers["kl_reporter"])
    url = election["a1"].get_absolute_url()
    response = client.post(url, {"action": "turnout", "hour": 9, "voted": "1.200"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "1200 voters voted is more than the 1000 voters on the list of KVBP số 1" in text
    assert 'value="1.200"' in text  # the form keeps what was typed
    response = client.post(url, {"action": "turnout", "hour": 9, "voted": "300"})
    assert response.status_code == 302
    assert election["a1"].turnout_reports.get(hour=9).state == "submitted"


def test_api_permissions_and_messages(election, eusers):
    assert APIClient().get("/api/v1/elections/").status_code in (401, 403)
    reporter = client_for(eusers["kl_reporter"], api=True)
    response = reporter.post("/api/v1/turnout/", {"area": election["a1"].pk, "hour": 9, "voted": 1001}, format="json")
    assert response.status_code == 400
    assert "more than the 1000 voters" in response.json()["voted"][0]
    response = reporter.post("/api/v1/turnout/", {"area": election["a1"].pk, "hour": 9, "voted": 400}, format="json")
    assert response.status_code == 201, response.content
    report = response.json()
    assert reporter.post(f"/api/v1/turnout/{report['id']}/approve/", {"version": report["version"]},
                         format="json").status_code == 403
    approver = client_for(eusers["kl_approver"], api=True)
    response = approver.post(f"/api/v1/turnout/{report['id']}/approve/", {"version": report["version"]}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "approved"
    stale = approver.post(f"/api/v1/turnout/{report['id']}/return/", {"version": report["version"], "comment": "x"},
                          format="json")
    assert stale.status_code == 409
    # a result for an area of another constituency: the ward's reporter cannot even name another
    # ward's constituency; the province's staff are told where the area belongs
    other = {"area": election["a1"].pk, "constituency": election["two"].pk, "ballots_issued": 900,
             "ballots_received": 850, "valid": 840, "invalid": 10,
             "votes": [{"candidate": election["an"].pk, "votes": 500}, {"candidate": election["binh"].pk, "votes": 300}]}
    response = reporter.post("/api/v1/results/", other, format="json")
    assert response.status_code == 400 and "constituency" in response.json()["errors"]
    response = client_for(eusers["admin"], api=True).post("/api/v1/results/", other, format="json")
    assert response.status_code == 400
    assert "belongs to Đơn vị bầu cử số 1, not to Đơn vị bầu cử số 2" in response.json()["area"][0]
    response = reporter.post("/api/v1/results/", {
        "area": election["a1"].pk, "ballots_issued": 900, "ballots_received": 850, "valid": 800, "invalid": 10,
        "votes": [{"candidate": election["an"].pk, "votes": 500}, {"candidate": election["binh"].pk, "votes": 300}]},
        format="json")
    assert response.status_code == 400
    assert "make 810, but 850 were received" in response.json()["valid"][0]
    admin = client_for(eusers["admin"], api=True)
    response = admin.post("/api/v1/candidates/", {
        "constituency": election["two"].pk, "full_name": "Nguyễn Văn An", "birth_year": 1975, "sex": "male",
        "ethnicity": "Kinh", "occupation": "Cán bộ", "nomination": "nominated"}, format="json")
    assert response.status_code == 400
    assert "already a candidate in Đơn vị bầu cử số 1" in response.json()["full_name"][0]


@pytest.mark.parametrize("url", ["/api/v1/elections/", "/api/v1/constituencies/", "/api/v1/voting-areas/",
                                 "/api/v1/candidates/", "/api/v1/turnout/", "/api/v1/results/"])
def test_api_list_queries_do_not_grow_with_rows(election, eusers, wards, url):
    client = client_for(eusers["admin"], api=True)

    def measure():
        with QueryCounter() as q:
            assert client.get(url).status_code == 200
        return q.count

    def grow(i):
        area = services.add_voting_area(actor=None, constituency=election["one"], unit=wards["ky_lua"],
                                        name=f"KVBP thêm {i}", voters=900)
        services.report_turnout(actor=None, area=area, hour=9, voted=100)
        candidate(election["two"], f"Người thêm {i}", 1980 + i)
        services.create_constituency(actor=None, body=election["body"], number=10 + i, name=f"Đơn vị {10 + i}",
                                     seats=1)

    enter(election, "b1", {"cuong": 500, "dung": 400, "em": 300, "gia": 200}, issued=1400, received=1300,
          valid=1290, invalid=10)
    grow(0)
    first = measure()
    for i in range(1, 4):
        grow(i)
    assert measure() == first


def test_page_query_counts_do_not_grow_with_rows(election, eusers, wards):
    client = client_for(eusers["admin"])
    urls = [election["election"].get_absolute_url(), f"/elections/{election['election'].pk}/turnout/?hour=9",
            election["one"].get_absolute_url()]

    def measure():
        counts = {}
        for url in urls:
            with QueryCounter() as q:
                assert client.get(url).status_code == 200
            counts[url] = q.count
        return counts

    first = measure()
    for i in range(3):
        area = services.add_voting_area(actor=None, constituency=election["one"], unit=wards["ky_lua"],
                                        name=f"KVBP thêm {i}", voters=900)
        services.report_turnout(actor=None, area=area, hour=9, voted=100)
        candidate(election["one"], f"Người thêm {i}", 1980 + i)
    assert measure() == first


def test_an_approver_of_the_province_creates_an_election_on_a_page(tree, wards, eusers):
    from mandate.elections.models import Election

    client = client_for(eusers["admin"])
    assert client.get("/elections/new/").status_code == 200
    response = client.post("/elections/new/", {
        "name_vi": "Bầu cử bổ sung", "name_en": "", "organizer": tree.province.pk, "term": "2026-2031",
        "election_day": "2026-09-20", "national_assembly_seats": 0, "provincial_council_seats": 2,
        "commune_councils": "on"})
    election = Election.objects.get(name_vi="Bầu cử bổ sung")
    assert response.status_code == 302 and response["Location"] == election.get_absolute_url()
    assert election.bodies.count() == 3  # the provincial council and the two wards' councils
    assert election.milestones.count() > 0
    assert client_for(eusers["kl_reporter"]).get("/elections/new/").status_code == 403


def test_approver_sets_a_structure_target_on_the_election_page(election, eusers):
    client = client_for(eusers["admin"])
    url = election["election"].get_absolute_url()
    response = client.post(url, {"body": election["body"].pk, "attribute": "women", "min_percent": "35,5"})
    assert response.status_code == 302
    assert str(election["body"].structure_targets.get().min_percent) == "35.50"
    response = client.post(url, {"body": election["body"].pk, "attribute": "women", "min_percent": "140"},
                           follow=True)
    assert "Enter a share between 0 and 100 %." in response.content.decode()
    assert client_for(eusers["kl_reporter"]).post(url, {"body": election["body"].pk, "attribute": "women",
                                                        "min_percent": "30"}).status_code == 403
