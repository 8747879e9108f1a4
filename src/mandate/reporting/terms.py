"""Terms (nhiệm kỳ) as first-class periods, and the comparisons a review makes.

A Party Congress term is written 2015-2020, 2020-2025, 2025-2030 (five years, the end year
of one being the start year of the next); ``targets.periods.parse_period`` reads them.
Comparisons, all pure Python over Decimals:

- the same period of the previous term (2023 → 2018; 2020-2025 → 2015-2020),
- the previous term's average (the mean of its yearly figures),
- the same period last year (2023 → 2022; 2023-H1 → 2022-H1),

each expressed in percentage points for a rate (unit of measure "%") and in percent of
the earlier figure for anything counted (members, VND, tourists), with the absolute
difference beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from mandate.targets.periods import InvalidPeriod, Period, parse_period

TERM_YEARS = 5
TERMS = ("2015-2020", "2020-2025", "2025-2030")


def is_term(label: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{4}", label or ""))


def term_containing(year: int) -> str:
    """The term whose years include ``year`` as a working year (2023 → 2020-2025).
    A congress year belongs to the term it opens (2020 → 2020-2025)."""
    start = 2015 + ((year - 2015) // TERM_YEARS) * TERM_YEARS
    return f"{start}-{start + TERM_YEARS}"


def shift(label: str, years: int) -> str | None:
    """The label of the same period ``years`` earlier (negative) or later; None if unknown."""
    try:
        p = parse_period(label)
    except InvalidPeriod:
        return None
    text = p.label
    if is_term(text):
        a, b = text.split("-")
        return f"{int(a) + years}-{int(b) + years}"
    m = re.fullmatch(r"(\d{4})(.*)", text)
    if not m or len(text) == 10:  # a single day is not a reporting period
        return None
    return f"{int(m[1]) + years}{m[2]}"


def previous_term(label: str) -> str | None:
    return shift(label, -TERM_YEARS) if is_term(label) else None


def same_period_previous_term(label: str) -> str | None:
    return shift(label, -TERM_YEARS)


def same_period_last_year(label: str) -> str | None:
    return None if is_term(label) else shift(label, -1)


def term_years(label: str) -> list[str]:
    """The working years of a term, as labels: 2020-2025 → 2021..2025; 2015-2020 → 2016..2020."""
    a, b = (int(x) for x in label.split("-"))
    return [str(y) for y in range(a + 1, b + 1)]


def term_period(label: str) -> Period:
    return parse_period(label)


class Measure:
    POINTS = "points"
    PERCENT = "percent"


@dataclass(frozen=True)
class Comparison:
    kind: str  # "previous_term_same_period" | "previous_term_average" | "last_year"
    base_label: str
    base: Decimal
    current: Decimal
    measure: str  # Measure.POINTS or Measure.PERCENT

    @property
    def difference(self) -> Decimal:
        return self.current - self.base

    @property
    def change(self) -> Decimal | None:
        """Points for a rate; percent of the base for a count (None when the base is 0)."""
        if self.measure == Measure.POINTS:
            return self.difference
        if self.base == 0:
            return None
        return self.difference * 100 / abs(self.base)


def measure_for(unit_of_measure: str) -> str:
    return Measure.POINTS if (unit_of_measure or "").strip() == "%" else Measure.PERCENT


def average(values) -> Decimal | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def compare(current: Decimal | None, base: Decimal | None, *, kind: str, base_label: str,
            unit_of_measure: str) -> Comparison | None:
    if current is None or base is None:
        return None
    return Comparison(kind=kind, base_label=base_label, base=base, current=current,
                      measure=measure_for(unit_of_measure))
