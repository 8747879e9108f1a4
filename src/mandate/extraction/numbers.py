"""Numbers as written in each language: separators, scale words, currencies.

Decimal and grouping symbols come from Babel's locale data (``vi``: ``2.314`` and
``6,95``; ``en``: ``2,314`` and ``6.95``; ``fr``/``nb``: ``1 000,5``) and the scale
words ("triệu", "tỷ", "Millionen", "milliards"...) from Babel's compact-number patterns,
with a few spellings Babel does not list (Vietnamese "ngàn", "tỉ", "trăm").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_BABEL_LOCALE = {"no": "nb"}

# Spellings in everyday use that Babel's compact patterns do not carry.
_EXTRA_SCALES: dict[str, dict[str, float]] = {
    "vi": {"ngàn": 1e3, "nghìn": 1e3, "tỉ": 1e9, "tỷ": 1e9, "trăm": 1e2, "triệu": 1e6, "nghìn tỷ": 1e12, "ngàn tỷ": 1e12,
           "nghìn tỉ": 1e12, "ngàn tỉ": 1e12, "trăm nghìn": 1e5, "trăm triệu": 1e8, "trăm tỷ": 1e11},
    "en": {"hundred": 1e2, "bn": 1e9, "mn": 1e6, "mln": 1e6},
    "de": {"hundert": 1e2, "Mio": 1e6, "Mrd": 1e9, "Tsd": 1e3},
    "fr": {"Md": 1e9, "Mds": 1e9, "M€": 1e6},
    "no": {"hundre": 1e2, "mill": 1e6, "mrd": 1e9},
}

# Currency words after or before a number → the unit reported.
CURRENCY_AFTER: dict[str, str] = {
    "vnd": "VND", "vnđ": "VND", "đồng": "VND", "đ": "VND", "dong": "VND", "usd": "USD", "us$": "USD",
    "dollars": "USD", "dollar": "USD", "đô la": "USD", "đô la mỹ": "USD", "eur": "EUR", "euro": "EUR",
    "euros": "EUR", "€": "EUR", "nok": "NOK", "kroner": "NOK", "kr": "NOK", "cny": "CNY", "yuan": "CNY",
    "nhân dân tệ": "CNY", "$": "USD",
}
CURRENCY_BEFORE: dict[str, str] = {"vnd": "VND", "vnđ": "VND", "usd": "USD", "us$": "USD", "$": "USD", "eur": "EUR",
                                   "€": "EUR", "nok": "NOK", "kr": "NOK", "cny": "CNY"}


@dataclass(frozen=True)
class NumberFormat:
    lang: str
    decimal: str
    group: str  # "." / "," / " "
    scales: dict[str, float]  # lower-case scale word → multiplier
    scale_re: re.Pattern[str]


@cache
def number_format(lang: str) -> NumberFormat:
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    loc = _BABEL_LOCALE.get(lang, lang)
    try:
        decimal = get_decimal_symbol(loc)
        group = get_group_symbol(loc)
        locale = Locale.parse(loc)
        compact = locale.compact_decimal_formats
    except Exception:  # unknown locale: fall back to English conventions
        decimal, group, compact = ".", ",", Locale.parse("en").compact_decimal_formats
    if group.isspace() or group in "\u00a0\u202f":
        group = " "
    scales: dict[str, float] = {}
    for length in ("long", "short"):
        for patterns in compact.get(length, {}).values():
            for magnitude, pattern in patterns.items():
                text = str(getattr(pattern, "pattern", pattern))
                # "0 triệu" (one leading zero) gives the word for exactly that magnitude.
                m = re.fullmatch(r"0[\s\u00a0]*([^\d\s'][^\d']*?)'?\.?'?", text.strip())
                if not m:
                    continue
                word = m.group(1).strip().strip("'")
                if length == "short" and len(word) < 3:
                    continue  # "K", "M", "Tr" are too ambiguous in running text
                scales[word.lower()] = float(magnitude)
    for word, mult in _EXTRA_SCALES.get(lang, {}).items():
        scales[word.lower()] = mult
    words = sorted(scales, key=len, reverse=True)
    scale_re = re.compile(r"\s*(" + "|".join(re.escape(w) for w in words) + r")\.?(?![^\W\d_])", re.I)
    return NumberFormat(lang=lang, decimal=decimal, group=group, scales=scales, scale_re=scale_re)


def number_pattern(fmt: NumberFormat) -> str:
    """A regex for one written number in this locale (grouping optional)."""
    groups = r"[.,]"
    if fmt.group == " ":
        groups = r"[., ]"
    return rf"\d{{1,3}}(?:{groups}\d{{3}}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


def parse_number(token: str, fmt: NumberFormat) -> float | None:
    """``2.314`` → 2314 (vi), ``6,95`` → 6.95, ``2,314`` → 2314 (en), ``1 000,5`` → 1000.5 (fr)."""
    s = token.strip().replace(" ", "" if fmt.group == " " else " ")
    if " " in s:
        return None
    seps = [c for c in s if c in ".,"]
    if not seps:
        return float(s)
    if "." in s and "," in s:
        dec = s[max(s.rfind("."), s.rfind(","))]
        grp = "," if dec == "." else "."
        return _to_float(s.replace(grp, "").replace(dec, "."))
    sep = seps[0]
    parts = s.split(sep)
    if len(parts) > 2:  # 2.314.000: only grouping uses a separator twice
        if all(len(p) == 3 for p in parts[1:]):
            return _to_float("".join(parts))
        return None
    head, tail = parts
    if len(tail) == 3 and 1 <= len(head) <= 3:
        # Ambiguous 2.314 / 2,314: the locale decides.
        if sep == fmt.group or (fmt.group == " " and sep == "."):
            return _to_float(head + tail)
        return _to_float(head + "." + tail)
    return _to_float(head + "." + tail)


def _to_float(s: str) -> float | None:
    try:
        return float(s)
    except ValueError:
        return None


def clean_value(value: float) -> int | float:
    """Integers print without ``.0``; floats are rounded to remove binary noise."""
    if abs(value - round(value)) < 1e-9 and abs(value) < 1e18:
        return int(round(value))
    return float(f"{value:.10g}")
