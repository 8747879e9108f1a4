import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mandate.reporting import charts, maps
from mandate.reporting.models import UnitBoundary
from mandate.targets.maintenance import rebuild
from mandate.targets.models import ReportedValue
from mandate.targets.services import approve_value, enter_value

pytestmark = pytest.mark.django_db


def _square(lon, lat):
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + .05, lat], [lon + .05, lat + .05],
                                                [lon, lat + .05], [lon, lat]]]}


def _collection(*codes):
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": c}, "geometry": _square(106.7 + i * .05, 21.8)}
        for i, c in enumerate(codes)]}).encode()


@pytest.mark.parametrize("data,message", [
    (b"{not json", "not valid JSON"),
    (b'{"type": "Feature"}', "FeatureCollection"),
    (json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                                                            "geometry": _square(1, 1)}]}).encode(), "code"),
    (json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "x"},
                                                            "geometry": {"type": "Point", "coordinates": [1, 2]}}]}
                ).encode(), "Polygon"),
    (json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "x"},
                                                            "geometry": {"type": "Polygon", "coordinates": [[
                                                                [500, 1], [1, 1], [1, 2], [500, 1]]]}}]}).encode(),
     "longitude"),
    (b" " * (maps.MAX_BYTES + 1), "larger"),
])
def test_geojson_is_validated(data, message):
    with pytest.raises(ValidationError) as exc:
        maps.parse_geojson(data)
    assert message in " ".join(exc.value.messages)


def test_only_an_administrator_uploads_boundaries(client, users, tree):
    client.force_login(users["city_approver"])
    assert client.get(reverse("reporting:boundaries")).status_code == 403
    client.force_login(users["admin"])
    response = client.post(reverse("reporting:boundaries"), {
        "file": SimpleUploadedFile("ranh-gioi.geojson", _collection("hoang-dong", "mai-pha", "khong-co")),
        "illustrative": "on"}, follow=True)
    html = response.content.decode()
    assert UnitBoundary.objects.count() == 2 and "khong-co" in html
    assert UnitBoundary.objects.filter(is_illustrative=True).count() == 2


def test_maps_appear_with_boundaries_and_not_without(client, season, users, tree):
    for unit, user, value in ((tree.hoang_dong, users["hd_reporter"], 38), (tree.mai_pha, users["mp_reporter"], 12)):
        rv = enter_value(actor=user, target=season["members"], org_unit=unit, period="2023", value=value, submit=True)
        approve_value(rv, actor=users["city_approver"], expected_version=rv.version)
    # Approved in January 2024, viewed in June 2024 (the small tree's communes close in July 2025).
    ReportedValue.objects.update(decided_at=datetime.datetime(2024, 1, 10, tzinfo=datetime.UTC))
    rebuild()  # a raw update bypasses the maintained rollup tables the pages read
    client.force_login(users["city_approver"])
    target_url = reverse("targets:detail", args=[season["members"].pk]) + "?as_of=2024-06-01"
    dashboard_url = reverse("reports:dashboard") + "?as_of=2024-06-01"
    html = client.get(target_url).content.decode()
    assert 'data-testid="unit-map"' not in html and 'data-testid="chart-values"' in html
    assert 'data-testid="chart-children"' in html and "<details>" in html
    assert 'data-testid="unit-map"' not in client.get(dashboard_url).content.decode()
    from mandate.reporting.services import upload_boundaries

    upload_boundaries(actor=users["admin"], data=_collection("hoang-dong", "mai-pha", "chi-lang"))
    html = client.get(target_url).content.decode()
    assert html.count('data-testid="map-area"') == 3 and maps.STATUS_FILL["missed"] in html
    html = client.get(dashboard_url).content.decode()
    assert html.count('data-testid="map-area"') == 3 and 'data-testid="chart-status"' in html


def test_charts_carry_their_numbers_as_a_table():
    chart = charts.values_over_periods([("2023-H1", 10), ("2023", 25)], 30, title="Kết nạp", unit="đảng viên")
    assert 'data-testid="goal-line"' in chart.svg and 'viewBox="0 0 560 220"' in chart.svg
    assert chart.rows == [("2023-H1", "10"), ("2023", "25"), ("Goal", "30")]
    status = charts.status_over_time([("2023", {"achieved": 2, "missed": 1})], title="Tình trạng")
    assert status.rows == [["2023", 2, 0, 0, 1, 0]]


def test_the_dashboard_map_weighs_every_target_of_the_unit_not_only_the_page(client, season, users, tree,
                                                                            monkeypatch):
    import re

    from mandate.reporting.services import upload_boundaries
    from mandate.reports import views

    approvals = ((season["members"], tree.hoang_dong, users["hd_reporter"], 40),
                 (season["members"], tree.mai_pha, users["mp_reporter"], 30),
                 (season["well"], tree.hoang_dong, users["hd_reporter"], 50))  # 50% well rated: missed
    for target, unit, user, value in approvals:
        rv = enter_value(actor=user, target=target, org_unit=unit, period="2023", value=value, submit=True)
        approve_value(rv, actor=users["city_approver"], expected_version=rv.version)
    ReportedValue.objects.update(decided_at=datetime.datetime(2024, 1, 10, tzinfo=datetime.UTC))
    rebuild()
    upload_boundaries(actor=users["admin"], data=_collection("hoang-dong", "mai-pha", "chi-lang"))
    monkeypatch.setattr(views, "PAGE_SIZE", 1)  # the page shows the members target only
    client.force_login(users["city_approver"])
    response = client.get(reverse("reports:dashboard") + "?as_of=2024-06-01")
    assert [r.target for r in response.context["rows"]] == [season["members"]]
    fills = dict(re.findall(r'<g data-unit="([^"]+)" data-testid="map-area">.*?fill="([^"]+)"',
                            response.content.decode()))
    assert fills["hoang-dong"] == maps.STATUS_FILL["missed"]  # the rate, on the next page
    assert fills["mai-pha"] == maps.STATUS_FILL["achieved"]
