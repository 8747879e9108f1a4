"""Language detection: py3langid restricted to supported languages, Vietnamese by its letters."""

import pytest

from mandate.extraction.language import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Năm 2024, tỉnh phấn đấu tốc độ tăng trưởng kinh tế đạt 8% trở lên.", "vi"),
        ("Tỷ lệ hộ nghèo giảm 1,5%.", "vi"),
        ("The province aims to reduce the poverty rate by 1.5% next year.", "en"),
        ("Kommunen skal bygge 200 nye boliger innen utgangen av 2027.", "no"),
        ("Bis zum 30. Juni 2026 sollen mindestens 95 % der Haushalte angeschlossen sein.", "de"),
        ("D'ici 2030, au moins 95 % des ménages seront raccordés à la fibre.", "fr"),
    ],
)
def test_languages(text, lang):
    assert detect_language(text) == lang


def test_english_text_with_vietnamese_names_stays_english():
    text = ("Mr. Nguyễn Văn Hạnh, chairman of the People's Committee of Lạng Sơn city, said that the city "
            "will build two new schools and repair the roads in Hoàng Đồng commune before the rainy season.")
    assert detect_language(text) == "en"


def test_unvoweled_vietnamese_is_still_vietnamese():
    assert detect_language("Phan dau den nam 2030 ty le ho ngheo giam con duoi 2 phan tram moi nam") == "vi"
