from decimal import Decimal

from mandate.core.templatetags.mandate import num, sparkline, status_badge


def test_sparkline_draws_a_line_through_every_point():
    svg = str(sparkline([("2023-Q1", Decimal(10)), ("2023-Q2", Decimal(25)), ("2023", Decimal(40))]))
    assert svg.startswith("<svg")
    assert svg.count(",") >= 3  # three x,y pairs in the polyline
    assert "2023-Q2" in svg  # the title lists the points


def test_sparkline_with_one_or_no_point_is_text():
    assert "svg" not in str(sparkline([]))
    assert "svg" not in str(sparkline([("2023", Decimal(5))]))


def test_num_and_badge(settings):
    settings.LANGUAGE_CODE = "en"
    assert num(None) == "—"
    assert num(Decimal("2900000.0000")) == "2,900,000"
    assert 'data-status="missed"' in str(status_badge("missed"))


def test_num_groups_thousands_the_vietnamese_way():
    from django.utils import translation

    with translation.override("vi"):
        assert num(Decimal("2900000")) == "2.900.000"
        assert num(Decimal("6.95")) == "6,95"
        assert num(10.4) == "10,4"


def test_sparkline_names_only_the_last_dozen_points():
    points = [(f"2024-{m:02d}", Decimal(m)) for m in range(1, 13)] + [("2025-01", Decimal(99))]
    svg = str(sparkline(points))
    assert svg.count(",") >= 12  # every point is on the line
    assert "<title>…, 2024-02: 2" in svg and "2025-01: 99" in svg and "2024-01:" not in svg
