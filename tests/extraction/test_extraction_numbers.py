"""Numbers as written in Vietnamese, English, German, French and Norwegian."""

import pytest

from helpers_extraction import one
from mandate.extraction import extract_text
from mandate.extraction.numbers import number_format, parse_number


@pytest.mark.parametrize(
    ("lang", "token", "value"),
    [
        ("vi", "2.314", 2314),
        ("vi", "6,95", 6.95),
        ("vi", "2,9", 2.9),
        ("vi", "1.250.000", 1250000),
        ("en", "2,314", 2314),
        ("en", "49.26", 49.26),
        ("en", "1,234.5", 1234.5),
        ("de", "2.500", 2500),
        ("de", "41,5", 41.5),
        ("fr", "12 000", 12000),
        ("fr", "1,2", 1.2),
        ("no", "0,14", 0.14),
    ],
)
def test_separators_follow_the_locale(lang, token, value):
    assert parse_number(token, number_format(lang)) == pytest.approx(value)


def test_babel_supplies_scale_words():
    assert number_format("vi").scales["triệu"] == 1e6
    assert number_format("vi").scales["tỷ"] == 1e9
    assert number_format("de").scales["milliarden"] == 1e9
    assert number_format("fr").scales["milliards"] == 1e9
    assert number_format("no").scales["millioner"] == 1e6


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Phấn đấu năm 2025 thu hút 3,2 triệu lượt khách du lịch.", 3_200_000, "lượt khách du lịch"),
        ("Phấn đấu thu ngân sách đạt 950 tỷ đồng.", 950e9, "VND"),
        ("Mục tiêu huy động 2 nghìn tỷ đồng vốn xã hội hóa.", 2e12, "VND"),
        ("Mục tiêu vốn đầu tư 1 tỷ 500 triệu đồng cho mỗi xã.", 1.5e9, "VND"),
        ("The city aims to mobilise 150 billion VND for new schools.", 150e9, "VND"),
        ("The province aims to attract VND 2.75 trillion of private capital.", 2.75e12, "VND"),
        ("The plan targets USD 1.8 billion of exports.", 1.8e9, "USD"),
        ("Ziel sind Investitionen von 4,5 Millionen Euro.", 4.5e6, "EUR"),
        ("L'objectif est de mobiliser 3 milliards d'euros.", 3e9, "EUR"),
    ],
)
def test_scaled_amounts_and_currencies(text, value, unit):
    item = one(extract_text(text)["targets"], value)
    assert item["unit"] == unit


def test_percent_forms():
    r = extract_text("Mục tiêu: tỷ lệ bao phủ bảo hiểm y tế đạt 93,5%; hộ dùng nước sạch 97 phần trăm.")
    assert [(t["value"], t["unit"]) for t in r["targets"]] == [(93.5, "%"), (97, "%")]
    r = extract_text("Bis 2028 sollen 85 % der Schulen und 70 Prozent der Kitas angeschlossen sein.")
    assert [(t["value"], t["unit"]) for t in r["targets"]] == [(85, "%"), (70, "%")]


def test_integers_print_without_decimal_point():
    t = extract_text("Phấn đấu năm 2026 có 1.500 hộ thoát nghèo.")["targets"][0]
    assert t["value"] == 1500 and isinstance(t["value"], int)
