"""Numbers typed the Vietnamese way (1.234,5) or the English way (1,234.5).

Pure Python. The rule: with both marks, the last one is the decimal mark; with only a
comma or only dots, several marks between groups of three digits group thousands
(1.234.567); a single mark followed by three digits follows the language (1.234 is 1234
in Vietnamese, 1,234 is 1234 in English); otherwise the mark is a decimal one (12,5 or 12.5).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation


class NotANumber(ValueError):
    pass


_GROUPED_DOTS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_GROUPED_COMMAS = re.compile(r"^-?\d{1,3}(,\d{3})+$")


def parse_number(raw, decimal_mark: str = ",") -> Decimal | None:
    """A Decimal, or None for a blank; NotANumber for anything else. ``decimal_mark`` is the
    language's ("," in Vietnamese, "." in English): it settles "1,234" and "1.234"."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise NotANumber(raw)
    if isinstance(raw, (int, Decimal)):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if not text:
        return None
    has_dot, has_comma = "." in text, "," in text
    if has_dot and has_comma:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        text = text.replace(group_mark, "").replace(decimal_mark, ".")
    elif has_comma:
        grouped = _GROUPED_COMMAS.match(text) and (text.count(",") > 1 or decimal_mark == ".")
        text = text.replace(",", "") if grouped else text.replace(",", ".")
    elif has_dot and _GROUPED_DOTS.match(text) and (text.count(".") > 1 or decimal_mark == ","):
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError) as exc:
        raise NotANumber(raw) from exc
    if not value.is_finite():
        raise NotANumber(raw)
    return value
