from decimal import Decimal

import pytest

from mandate.reporting import terms
from mandate.reporting.numbers import NotANumber, parse_number


@pytest.mark.parametrize("text,mark,expected", [
    ("1.234,5", ",", "1234.5"), ("1.234", ",", "1234"), ("12,5", ",", "12.5"), ("12.5", ",", "12.5"),
    ("1,234", ".", "1234"), ("1,234.5", ".", "1234.5"), ("2.960.000", ",", "2960000"), (" −3,5 ", ",", "-3.5"),
    (7, ",", "7"),
])
def test_numbers_in_vietnamese_and_english(text, mark, expected):
    assert parse_number(text, mark) == Decimal(expected)


def test_blank_is_none_and_words_are_refused():
    assert parse_number("  ") is None
    with pytest.raises(NotANumber):
        parse_number("mười hai")


def test_terms_and_shifted_periods():
    assert terms.TERMS == ("2015-2020", "2020-2025", "2025-2030")
    assert terms.previous_term("2020-2025") == "2015-2020"
    assert terms.same_period_previous_term("2023") == "2018"
    assert terms.same_period_last_year("2023-H1") == "2022-H1"
    assert terms.same_period_last_year("2020-2025") is None
    assert terms.term_years("2020-2025") == ["2021", "2022", "2023", "2024", "2025"]
    assert terms.term_containing(2023) == "2020-2025"


def test_comparisons_in_points_for_rates_and_percent_for_counts():
    growth = terms.compare(Decimal("6.95"), Decimal("5.45"), kind="previous_term_average", base_label="2015-2020",
                           unit_of_measure="%")
    assert growth.measure == terms.Measure.POINTS and growth.change == Decimal("1.50")
    income = terms.compare(Decimal("49.26"), Decimal("38.1"), kind="previous_term_average", base_label="2015-2020",
                           unit_of_measure="triệu đồng")
    assert income.measure == terms.Measure.PERCENT and round(income.change, 1) == Decimal("29.3")
    assert terms.compare(None, Decimal(1), kind="last_year", base_label="2022", unit_of_measure="%") is None
