"""Reporting periods written the way officials write them.

``2023`` a year · ``2023-Q2`` or ``Q2/2023`` a quarter · ``2023-H1`` or ``6T/2023``
a half · ``2023-06`` or ``06/2023`` a month · ``2021-2025`` a term · ``2030-12-31``
a single day (a due date). Each becomes a label and an inclusive start and end date.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass


class InvalidPeriod(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    label: str
    start: datetime.date
    end: datetime.date

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _year(text: str) -> int:
    year = int(text)
    if not 1945 <= year <= 2100:
        raise InvalidPeriod("year out of range")
    return year


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _half(y: int, h: int) -> Period:
    if h == 1:
        return Period(f"{y}-H1", datetime.date(y, 1, 1), datetime.date(y, 6, 30))
    return Period(f"{y}-H2", datetime.date(y, 7, 1), datetime.date(y, 12, 31))


_DASH = re.compile(r"\s*[-\u2013\u2014/]\s*")


def parse_period(text: str) -> Period:
    s = (text or "").strip().upper().replace("QUÝ", "Q").replace("QUY", "Q")
    s = _DASH.sub("-", s)
    if m := re.fullmatch(r"(\d{4})", s):
        y = _year(m[1])
        return Period(str(y), datetime.date(y, 1, 1), datetime.date(y, 12, 31))
    if m := re.fullmatch(r"(\d{4})-(\d{4})", s):
        a, b = _year(m[1]), _year(m[2])
        if b <= a:
            raise InvalidPeriod("term ends before it starts")
        return Period(f"{a}-{b}", datetime.date(a, 1, 1), datetime.date(b, 12, 31))
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", s) or re.fullmatch(r"Q\s*([1-4IV]+)-(\d{4})", s)
    if quarter:
        if s.startswith("Q"):
            q_text, y = quarter[1], _year(quarter[2])
        else:
            y, q_text = _year(quarter[1]), quarter[2]
        q = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(q_text) or int(q_text)
        return Period(f"{y}-Q{q}", datetime.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    if m := re.fullmatch(r"(\d{4})-H([12])", s):
        return _half(_year(m[1]), int(m[2]))
    if m := re.fullmatch(r"6T-(\d{4})", s):  # "6 tháng đầu năm", the first six months
        return _half(_year(m[1]), 1)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", s) or re.fullmatch(r"(\d{1,2})-(\d{4})", s):
        a, b = m[1], m[2]
        y, mo = (int(a), int(b)) if len(a) == 4 else (int(b), int(a))
        _year(str(y))
        if not 1 <= mo <= 12:
            raise InvalidPeriod("month out of range")
        return Period(f"{y}-{mo:02d}", datetime.date(y, mo, 1), _month_end(y, mo))
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s):
        try:
            day = datetime.date(_year(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise InvalidPeriod("not a date") from exc
        return Period(day.isoformat(), day, day)
    raise InvalidPeriod(f"not a period: {text!r}")
