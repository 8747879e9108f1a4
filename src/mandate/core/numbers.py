"""Numbers as people write them: "1.234,5" in Vietnamese, "1,234.5" in English, and back.

Display never shows an exponent or trailing zeros (a stored 80 is "80", not "8E+1" or
"80.0000"). Reading is lenient where it cannot be wrong: a comma alone followed by other
than three digits is a decimal comma in either language ("12,5"), the last of two different
separators is the decimal mark, and a separator repeated or followed by exactly three
digits in the language's thousands position groups thousands.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils import numberformat
from django.utils.formats import get_format

MAX_PLACES = 6


def plain(value) -> str:
    """A Decimal as plain digits, no exponent, no trailing zeros: "80", "12.5"."""
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    text = format(value.normalize(), "f")
    return text


def format_number(value, places: int | None = None, grouping: bool = True) -> str:
    """``value`` written in the active language (1.234,5 / 1,234.5)."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if places is None:
        normal = value.normalize()
        exponent = normal.as_tuple().exponent
        places = min(max(0, -exponent), MAX_PLACES) if isinstance(exponent, int) else 0
    return format_decimal(value, int(places), get_format("DECIMAL_SEPARATOR"),
                          get_format("THOUSAND_SEPARATOR") if grouping else "")


# Django's cutoff below which a figure shows as 0 with that many places: 0.1, 0.1, 0.01, ...
_CUTOFFS = [Decimal("0." + "1".rjust(places, "0")) for places in range(12)]


def format_decimal(value: Decimal, places: int, decimal_sep: str, thousand_sep: str) -> str:
    """What ``django.utils.numberformat.format(value, decimal_sep, places, grouping=3,
    thousand_sep, force_grouping=True)`` gives (digits beyond ``places`` cut, not rounded;
    a figure too small to show is 0), written out for speed: Django's takes about 15 µs a
    number, and a dashboard page formats 1,400 (tests/core/test_numbers.py compares them)."""
    if not value.is_finite() or abs(value.adjusted()) > 150 or places >= len(_CUTOFFS):
        return numberformat.format(value, decimal_sep, decimal_pos=places, grouping=3,
                                   thousand_sep=thousand_sep, force_grouping=True)
    if abs(value) < _CUTOFFS[places]:
        value = Decimal(0)  # as Django: -0.00001 with 4 places is 0,0000, not -0,0000
    text = f"{value:f}"
    sign = ""
    if text[0] == "-":
        sign, text = "-", text[1:]
    whole, _dot, fraction = text.partition(".")
    fraction = (fraction[:places]).ljust(places, "0")
    groups = []
    while len(whole) > 3:
        whole, tail = whole[:-3], whole[-3:]
        groups.append(tail)
    groups.append(whole)
    out = sign + thousand_sep.join(reversed(groups))
    return out + decimal_sep + fraction if fraction else out


_GROUPED = {".": re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$"), ",": re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")}


def parse_number(text) -> Decimal:
    """Read a number typed in the active language; raises ValueError when it is not one."""
    if isinstance(text, Decimal):
        return text
    raw = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if not raw:
        raise ValueError("empty")
    decimal_sep = get_format("DECIMAL_SEPARATOR")
    thousand_sep = "." if decimal_sep == "," else ","
    if "," in raw and "." in raw:
        last = max(raw.rfind(","), raw.rfind("."))
        dec = raw[last]
        grp = "," if dec == "." else "."
        if raw.count(dec) != 1 or raw.index(grp) > last:
            raise ValueError(raw)
        whole, frac = raw[:last], raw[last + 1:]
        if not (_GROUPED[grp].match(whole) or re.match(r"^[+-]?\d+$", whole)):
            raise ValueError(raw)
        normal = whole.replace(grp, "") + "." + frac
    elif "," in raw or "." in raw:
        sep = "," if "," in raw else "."
        if _GROUPED[sep].match(raw) and (sep == thousand_sep or raw.count(sep) > 1):
            normal = raw.replace(sep, "")  # 1.234 (vi), 1,234 (en), 2.900.000
        elif raw.count(sep) == 1:
            normal = raw.replace(sep, ".")  # 12,5 or 12.5 in either language
        else:
            raise ValueError(raw)
    else:
        normal = raw
    try:
        value = Decimal(normal)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if not value.is_finite() or "e" in normal.lower():
        raise ValueError(raw)
    return value


__all__ = ["format_number", "parse_number", "plain"]
