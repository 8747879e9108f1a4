"""The public portal: only published items and approved figures, never anything internal;
cached per language and invalidated by publication; open data, feed and public API."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.test import Client

from mandate.core.testing import QueryCounter
from mandate.documents.services import create_document
from mandate.elections import services
from mandate.elections.testing import candidate, enter
from mandate.portal import services as portal
from mandate.targets import services as targets

# Strings that must never reach a public response.
INTERNAL = ["recorded_by", "submitted_by", "entered_by", "decided_by", "created_by", "published_by",
            "decision_comment", "kl-reporter", "kl-approver", "hd-reporter", "city-approver", '"draft"',
            "confidential", "SECRET-TARGET", "777777", "555555", "Kiểm tra lại số phiếu", "Ghi chú nội bộ",
            "Chưa phê duyệt", "csrfmiddlewaretoken"]


@pytest.fixture(autouse=True)
def fresh_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(tree, eusers, election, plan):
    """One published document with approved, submitted and draft values; one unpublished
    document; an election with its lists and turnout published and the results of
    constituency 1 published; constituency 2 fully approved but not published."""
    admin = eusers["admin"]
    t = targets.create_target(actor=admin, document=plan, org_unit=tree.city, indicator="Lượt khách du lịch",
                              unit_of_measure="lượt", value=1000, period="2023")
    approved = targets.enter_value(actor=admin, target=t, org_unit=tree.city, period="2023-H1", value=420,
                                   submit=True, note="Ghi chú nội bộ")
    targets.approve_value(approved, actor=admin, expected_version=approved.version, comment="Chưa phê duyệt")
    targets.enter_value(actor=admin, target=t, org_unit=tree.city, period="2023", value=777777, submit=True)
    t2 = targets.create_target(actor=admin, document=plan, org_unit=tree.hoang_dong, indicator="Thôn kiểu mẫu",
                               unit_of_measure="thôn", value=2, period="2023")
    targets.enter_value(actor=admin, target=t2, org_unit=tree.hoang_dong, period="2023", value=555555)
    secret = create_document(number="99-NQ/TU", title="Nghị quyết chưa công bố", issuing_unit=tree.province,
                             issued_on=datetime.date(2023, 1, 5))
    targets.create_target(actor=admin, document=secret, org_unit=tree.province, indicator="SECRET-TARGET",
                          unit_of_measure="%", value=5, period="2023")
    portal.publish_targets(actor=admin, document=plan)
    e = election
    r9 = services.report_turnout(actor=eusers["kl_reporter"], area=e["a1"], hour=9, voted=310)
    services.approve_figure(r9, actor=eusers["kl_approver"], expected_version=r9.version)
    services.report_turnout(actor=eusers["kl_reporter"], area=e["a1"], hour=11, voted=555555 % 1000)  # submitted
    for area, votes, figures in [
        ("a1", {"an": 600, "binh": 200}, {}),
        ("a2", {"an": 300, "binh": 380}, {"issued": 700, "received": 700, "valid": 690, "invalid": 10}),
        ("b1", {"cuong": 801, "dung": 777, "em": 300, "gia": 200}, {"issued": 1400, "received": 1300,
                                                                  "valid": 1290, "invalid": 10}),
    ]:
        r = enter(e, area, votes, **figures)
        services.approve_figure(r, actor=eusers["admin"], expected_version=r.version, comment="Kiểm tra lại số phiếu")
    portal.publish_election(actor=admin, election=e["election"], kind="candidates")
    portal.publish_election(actor=admin, election=e["election"], kind="turnout")
    portal.publish_results(actor=admin, constituency=e["one"])
    return e


def _links(html: str) -> set[str]:
    return {h for h in re.findall(r'href="([^"#]+)"', html)}


def test_crawl_every_public_page_and_api_finds_nothing_internal_or_unpublished(world):
    client = Client()
    seen, queue = set(), ["/public/", "/public/?lang=en"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for word in INTERNAL:
            assert word not in body, f"{word!r} on {url}"
        assert not response.cookies, url  # no session, no CSRF token: the same page for everyone
        if "html" in response["Content-Type"] or "xml" in response["Content-Type"]:
            for link in _links(body):
                link = link.replace("&amp;", "&")
                parsed = urlparse(link)
                if parsed.path.startswith("/public/") and not parsed.netloc and "/language/" not in parsed.path:
                    queue.append(link)
    assert any(u.startswith("/public/constituencies/") for u in seen)
    assert "/public/data/results.json" in seen and "/public/feed/results/" in seen
    for slug in ["targets", "target-values", "constituencies", "candidates", "turnout", "results",
                 "constituency-results"]:
        response = client.get(f"/api/v1/public/{slug}/")
        assert response.status_code == 200, slug
        body = response.content.decode()
        for word in INTERNAL:
            assert word not in body, f"{word!r} in /api/v1/public/{slug}/"
    # What is published is there, approved only; the unpublished constituency's results are not.
    assert "420" in client.get("/public/data/target-values.json").content.decode()
    results = client.get("/api/v1/public/results/").json()["results"]
    assert {r["constituency"] for r in results} == {"Đơn vị bầu cử số 1"}
    assert [r["votes"] for r in results if r["elected"]] == [900]
    turnout = client.get("/api/v1/public/turnout/").json()["results"]
    assert [(t["hour"], t["voted"]) for t in turnout] == [("09:00", 310)]
    assert client.get(f"/public/constituencies/{world['two'].pk}/").content.decode().count("801") == 0


def test_unpublished_things_answer_404(world, plan):
    client = Client()
    other = create_document(number="77-KH/TU", title="Kế hoạch khác", issued_on=datetime.date(2023, 5, 1))
    assert client.get(f"/public/documents/{other.pk}/").status_code == 404
    portal.publish_election(actor=None, election=world["election"], kind="candidates", public=False)
    assert client.get(f"/public/elections/{world['election'].pk}/").status_code == 404
    assert client.get(f"/public/constituencies/{world['one'].pk}/").status_code == 404
    assert client.get("/api/v1/public/results/").json()["results"] == []


def test_results_are_published_only_when_every_area_is_approved(election, eusers):
    portal.publish_election(actor=eusers["admin"], election=election["election"], kind="candidates")
    enter(election, "a1", {"an": 600, "binh": 200})
    with pytest.raises(Exception) as exc:
        portal.publish_results(actor=eusers["admin"], constituency=election["one"])
    assert "0 of 2 voting areas have an approved result" in str(exc.value)


def test_pages_are_cached_per_language_and_invalidated_on_publication(world, eusers):
    client = Client()
    url = f"/public/elections/{world['election'].pk}/"
    first = client.get(url)
    assert first["X-Portal-Cache"] == "miss"
    assert client.get(url)["X-Portal-Cache"] == "hit"
    english = client.get(url + "?lang=en")
    assert english["X-Portal-Cache"] == "miss" and "Constituencies" in english.content.decode()
    assert "Đơn vị bầu cử" in first.content.decode()
    portal.publish_results(actor=eusers["admin"], constituency=world["two"])
    again = client.get(url)
    assert again["X-Portal-Cache"] == "miss"
    assert "Lê Văn Cường" in again.content.decode()


def test_language_switch_is_a_plain_link_setting_a_cookie(world):
    client = Client()
    response = client.get("/public/language/en/?next=/public/targets/")
    assert response.status_code == 302 and response["Location"] == "/public/targets/"
    assert "Published targets" in client.get("/public/targets/").content.decode()
    assert client.get("/public/language/en/?next=https://evil.example/")["Location"] == "/public/"


def test_atom_feed_lists_published_results(world):
    body = Client().get("/public/feed/results/").content.decode()
    assert body.startswith("<?xml") and 'xmlns="http://www.w3.org/2005/Atom"' in body
    assert "Đơn vị bầu cử số 1" in body and "Nguyễn Văn An" in body
    assert "Đơn vị bầu cử số 2" not in body


def test_csv_open_data_has_a_header_and_rows(world):
    text = Client().get("/public/data/candidates.csv").content.decode("utf-8-sig")
    header, *rows = text.strip().splitlines()
    assert header.startswith("id,election,body,constituency")
    assert len(rows) == 6


def _count(client, url):
    cache.clear()
    with QueryCounter() as q:
        assert client.get(url).status_code == 200
    return q.count


def test_public_pages_and_api_do_not_grow_queries_with_rows(world, eusers, wards):
    client = Client()
    urls = ["/public/", f"/public/elections/{world['election'].pk}/", f"/public/constituencies/{world['one'].pk}/",
            "/public/targets/", "/api/v1/public/candidates/", "/api/v1/public/results/",
            "/api/v1/public/constituencies/", "/api/v1/public/turnout/", "/api/v1/public/targets/",
            "/public/data/constituency-results.json"]
    before = {u: _count(client, u) for u in urls}
    for i in range(4):
        candidate(world["two"], f"Ứng cử viên thêm {i}", 1980 + i)
        services.add_voting_area(actor=None, constituency=world["one"], unit=wards["ky_lua"], name=f"KVBP thêm {i}",
                                 voters=500)
        area = world["one"].areas.get(name=f"KVBP thêm {i}")
        r = services.report_turnout(actor=None, area=area, hour=9, voted=100)
        services.approve_figure(r, actor=None, expected_version=r.version)
    after = {u: _count(client, u) for u in urls}
    assert after == before


def test_cached_open_data_keeps_its_file_name(world):
    client = Client()
    first = client.get("/public/data/results.csv")
    second = client.get("/public/data/results.csv")
    assert second["X-Portal-Cache"] == "hit"
    assert second["Content-Disposition"] == first["Content-Disposition"] == 'inline; filename="results.csv"'
    assert second.content == first.content
