"""Who sees what of an election (docs/security.md, docs/elections.md): the election to everyone
under its organizer; constituencies covering a unit of the user's subtree; voting areas,
turnout and results of the subtree's communes and wards only — on pages and API alike."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from mandate.elections import services
from mandate.elections.models import BodyKind
from mandate.elections.testing import candidate, enter

OTHER_WARD = ("Phường Tam Thanh", "Tam Thanh ward")


def client_for(user, api=False):
    client = APIClient() if api else Client()
    client.force_login(user)
    return client


@pytest.fixture
def figures(election, wards, tree):
    """Turnout at 9 and results in both wards, and a National Assembly constituency covering
    both wards with one area in each."""
    national = services.add_body(actor=None, election=election["election"], kind=BodyKind.NATIONAL_ASSEMBLY,
                                 unit=tree.province, seats=1)
    for ward in ("ky_lua", "tam_thanh"):
        services.add_body(actor=None, election=election["election"], kind=BodyKind.COMMUNE_COUNCIL,
                          unit=wards[ward], seats=0)
    both = services.create_constituency(actor=None, body=national, number=1, name="Đơn vị Quốc hội", seats=1,
                                        units=[wards["ky_lua"], wards["tam_thanh"]])
    n_kl = services.add_voting_area(actor=None, constituency=both, unit=wards["ky_lua"], name="KVBP QH Kỳ Lừa",
                                    voters=700)
    n_tt = services.add_voting_area(actor=None, constituency=both, unit=wards["tam_thanh"], name="KVBP QH Tam Thanh",
                                    voters=600)
    candidate(both, "Ứng viên Một", 1970, order=1)
    candidate(both, "Ứng viên Hai", 1980, order=2)
    own = services.report_turnout(actor=None, area=election["a1"], hour=9, voted=300)
    other = services.report_turnout(actor=None, area=election["b1"], hour=9, voted=500)
    result = enter(election, "b1", {"cuong": 500, "dung": 400, "em": 300, "gia": 200}, issued=1400, received=1300,
                   valid=1290, invalid=10)
    return {**election, "both": both, "n_kl": n_kl, "n_tt": n_tt, "own_turnout": own, "other_turnout": other,
            "other_result": result}


def _shows_other_ward(text: str) -> bool:
    return any(name in text for name in OTHER_WARD)


def test_a_ward_reporter_reads_no_other_wards_turnout_or_results_through_the_api(figures, eusers):
    api = client_for(eusers["kl_reporter"], api=True)
    areas = {a["id"] for a in api.get("/api/v1/voting-areas/?limit=200").json()["results"]}
    assert areas == {figures["a1"].pk, figures["a2"].pk, figures["n_kl"].pk}
    turnout = api.get("/api/v1/turnout/?limit=200").json()["results"]
    assert [t["id"] for t in turnout] == [figures["own_turnout"].pk]
    assert api.get("/api/v1/results/").json()["count"] == 0
    for url in [f"/api/v1/turnout/{figures['other_turnout'].pk}/", f"/api/v1/results/{figures['other_result'].pk}/",
                f"/api/v1/voting-areas/{figures['b1'].pk}/", f"/api/v1/voting-areas/{figures['n_tt'].pk}/",
                f"/api/v1/constituencies/{figures['two'].pk}/"]:
        assert api.get(url).status_code == 404, url
    for url in [f"/api/v1/turnout/?area={figures['b1'].pk}",
                f"/api/v1/results/?area__constituency={figures['two'].pk}",
                f"/api/v1/candidates/?constituency={figures['two'].pk}"]:
        assert api.get(url).json()["count"] == 0, url
    # Its constituencies: its own ward's and the one covering both wards, with every unit covered.
    constituencies = {c["id"]: c for c in api.get("/api/v1/constituencies/").json()["results"]}
    assert set(constituencies) == {figures["one"].pk, figures["both"].pk}
    assert set(constituencies[figures["both"].pk]["units"]) == {figures["a1"].unit_id, figures["b1"].unit_id}
    # The election is read by all; its bodies are the province's and the user's own ward's.
    election = api.get(f"/api/v1/elections/{figures['election'].pk}/").json()
    assert {b["kind"] for b in election["bodies"]} == {"provincial_council", "national_assembly", "commune_council"}
    assert [b["unit"] for b in election["bodies"] if b["kind"] == "commune_council"] == [figures["a1"].unit_id]
    assert not _shows_other_ward(str(election))


def test_a_ward_reporter_reads_no_other_wards_turnout_or_results_on_pages(figures, eusers):
    client = client_for(eusers["kl_reporter"])
    for obj in (figures["b1"], figures["n_tt"], figures["two"]):
        assert client.get(obj.get_absolute_url()).status_code == 404, obj
    # The decision form of another ward's figure answers 404 as well.
    response = client.post(f"/elections/figures/turnout/{figures['other_turnout'].pk}/decide/",
                           {"decision": "approve", "version": figures["other_turnout"].version})
    assert response.status_code == 404

    board = client.get(f"/elections/{figures['election'].pk}/turnout/?hour=9")
    text = board.content.decode()
    assert board.status_code == 200 and 'data-testid="part-notice"' in text
    assert not _shows_other_ward(text) and "KVBP QH Tam Thanh" not in text
    total = board.context["total"]
    assert (total.areas, total.reported, total.voted) == (3, 1, 300)  # a1, a2, n_kl; only a1 reported

    page = client.get(figures["election"].get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200 and 'data-testid="part-notice"' in text
    assert "Đơn vị bầu cử số 1" in text and "Đơn vị bầu cử số 2" not in text and not _shows_other_ward(text)

    page = client.get(figures["both"].get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200 and "Ứng viên Một" in text
    assert "KVBP QH Kỳ Lừa" in text and "KVBP QH Tam Thanh" not in text and not _shows_other_ward(text)
    assert 'data-testid="covered-others">(+1)' in text


def test_the_province_sees_every_row_without_the_notice(figures, eusers):
    client = client_for(eusers["admin"])
    board = client.get(f"/elections/{figures['election'].pk}/turnout/?hour=9")
    assert 'data-testid="part-notice"' not in board.content.decode()
    total = board.context["total"]
    assert (total.areas, total.reported, total.voted) == (5, 2, 800)
    page = client.get(figures["both"].get_absolute_url()).content.decode()
    assert "KVBP QH Tam Thanh" in page and "covered-others" not in page
    api = client_for(eusers["admin"], api=True)
    assert api.get("/api/v1/results/").json()["count"] == 1
    assert api.get("/api/v1/constituencies/").json()["count"] == 3
