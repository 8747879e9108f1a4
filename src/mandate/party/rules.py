"""The rating rules as data, and the two pure rules the party app computes: the quota of
"excellent" grades in a rating group and the change between two terms. No Django here
except gettext, so the rules are unit-tested on plain values."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Grade:
    code: str
    label_vi: str
    label_en: str
    well_or_better: bool


@dataclass(frozen=True)
class RuleSetData:
    """A rule set as stored on ``RatingRuleSet``: grades best first, which grade is capped,
    the cap in percent of the grades that count as "well or better", how it is rounded,
    and optional points bands (a points-based regulation) mapping points to a grade."""

    grades: Sequence[Grade]
    excellent: str
    quota_percent: Decimal
    rounding: str = "down"  # "down" | "nearest" | "up"
    minimum_allowed: int = 0
    points_bands: Sequence[Mapping] = ()

    @classmethod
    def from_json(cls, grades: list[dict], excellent: str, quota_percent, rounding: str = "down",
                  minimum_allowed: int = 0, points_bands: list[dict] | None = None) -> RuleSetData:
        return cls(
            grades=tuple(Grade(g["code"], g.get("label_vi", g["code"]), g.get("label_en", g["code"]),
                               bool(g.get("well_or_better"))) for g in grades),
            excellent=excellent, quota_percent=Decimal(str(quota_percent)), rounding=rounding,
            minimum_allowed=int(minimum_allowed or 0), points_bands=tuple(points_bands or ()),
        )

    @property
    def codes(self) -> list[str]:
        return [g.code for g in self.grades]

    @property
    def well_or_better(self) -> set[str]:
        return {g.code for g in self.grades if g.well_or_better}


@dataclass(frozen=True)
class QuotaResult:
    excellent: int
    well_or_better: int
    allowed: int

    @property
    def ok(self) -> bool:
        return self.excellent <= self.allowed

    def message(self) -> str:
        return _("%(excellent)s excellent of %(rated)s rated well or better: at most %(allowed)s.") % {
            "excellent": self.excellent, "rated": self.well_or_better, "allowed": self.allowed}


def allowed_excellent(rules: RuleSetData, well_or_better: int) -> int:
    """How many "excellent" grades a group with ``well_or_better`` such grades may hold."""
    if rules.quota_percent is None:
        return well_or_better
    exact = Decimal(well_or_better) * rules.quota_percent / Decimal(100)
    if rules.rounding == "up":
        allowed = math.ceil(exact)
    elif rules.rounding == "nearest":
        allowed = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    else:
        allowed = math.floor(exact)
    allowed = max(allowed, min(rules.minimum_allowed, well_or_better))
    return min(allowed, well_or_better)


def check_quota(rules: RuleSetData, grades: Iterable[str | None]) -> QuotaResult:
    """The quota of one rating group, given every grade in it (None: not graded yet)."""
    given = [g for g in grades if g]
    good = rules.well_or_better
    well = sum(1 for g in given if g in good)
    excellent = sum(1 for g in given if g == rules.excellent)
    return QuotaResult(excellent=excellent, well_or_better=well, allowed=allowed_excellent(rules, well))


def grade_for_points(rules: RuleSetData, points) -> str | None:
    """The grade a points score falls in, from the rule set's bands (highest band first)."""
    if points is None or not rules.points_bands:
        return None
    value = Decimal(str(points))
    for band in sorted(rules.points_bands, key=lambda b: Decimal(str(b["min_points"])), reverse=True):
        if value >= Decimal(str(band["min_points"])):
            return band["grade"]
    return None


def percent_change(current: int, previous: int) -> Decimal | None:
    """Change from the previous term in percent, one decimal place (``+235.0``); None when
    the previous term had none (no percentage can be computed from zero)."""
    if not previous:
        return None
    change = (Decimal(current) - Decimal(previous)) * Decimal(100) / Decimal(previous)
    return change.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * Decimal(100) / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# Regulation 124-QĐ/TW (2023) as a rule set: the same data as migration 0002, used to
# restore the row when a database was emptied (``load_demo --reset`` flushes it).
REGULATION_124 = {
    "code": "124-qd-tw",
    "name": "Quy định 124-QĐ/TW về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm",
    "grades": [
        {"code": "excellent", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Completed tasks excellently",
         "well_or_better": True},
        {"code": "well", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Completed tasks well",
         "well_or_better": True},
        {"code": "completed", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed tasks",
         "well_or_better": False},
        {"code": "not_completed", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Did not complete tasks",
         "well_or_better": False},
    ],
    "excellent": "excellent",
    "quota_percent": "20",
    "rounding": "down",
    "minimum_allowed": 0,
    "points_bands": [],
}
