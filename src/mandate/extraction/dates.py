"""Time expressions: dates, months, quarters, halves, years and periods, in five languages.

Month names come from dateparser's locale data (``dateparser.languages``), so "juin",
"November", "Juni", "oktober" are known without a hand-made table; the date itself is
built from the matched parts (calling dateparser's full parser on every candidate would
cost a millisecond each). Every expression resolves to the *last* day it covers: a year
is 31 December, a month its last day, "quý II/2026" 30 June 2026.

Each expression also records the preposition in front of it, which decides whether it is
a time limit: ``strong`` ("by", "trước", "innen", "bis zum", "d'ici"), ``weak`` ("until",
"đến", "trong": a time limit only in a sentence that sets a goal), ``governing`` ("in 2023",
"Năm 2023,": the year a statement is about), ``never`` ("since", "so với", "tầm nhìn
đến"), or none.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from .lexicon import Lexicon, lexicon
from .spans import SpanSet

YEAR = r"(?:19|20)\d{2}"
_DP_LOCALE = {"no": "nb"}
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")


@dataclass
class TimeExpr:
    start: int
    end: int
    kind: str  # day | month | quarter | half | year | period
    year: int | None
    month: int = 12
    day: int | None = None  # None: last day of the month
    year_from: int | None = None  # periods: first year
    prep: str | None = None  # strong | weak | governing | never | None
    is_doc_date: bool = False
    changed: bool = False  # a new time limit set by a change cue ("extended until", "lùi thời hạn đến")

    @property
    def date(self) -> dt.date | None:
        if self.year is None:
            return None
        last = calendar.monthrange(self.year, self.month)[1]
        return dt.date(self.year, self.month, min(self.day or last, last))

    @property
    def iso(self) -> str | None:
        d = self.date
        return d.isoformat() if d else None


@cache
def _month_names(lang: str) -> dict[str, int]:
    """Lower-case month name or abbreviation → month number, from dateparser's locale data."""
    from dateparser.languages.loader import default_loader

    names: dict[str, int] = {}
    codes = [_DP_LOCALE.get(lang, lang)]
    for code in codes:
        try:
            info = default_loader.get_locale(code).info
        except Exception:
            continue
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for name in info.get(key, []):
                name = name.lower().strip(".")
                if lang == "vi" or len(name) < 3 or any(c.isdigit() for c in name):
                    continue  # Vietnamese months are numbers ("tháng 7"); handled by its own patterns
                names[name] = number
    return names


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    months: dict[str, int]
    prep: tuple[tuple[str, re.Pattern[str]], ...]


# Words between a preposition and the time expression ("by *the end of the* second quarter of 2026").
_PREP_FILLER = {
    "en": r"(?:the\s+)?(?:(?:end|middle|close)\s+of\s+(?:the\s+)?)?",
    "vi": r"(?:(?:ngày|tháng|năm|hết|cuối)\s+)?(?:(?:ngày|tháng|năm)\s+)?",
    "de": r"(?:(?:dem|den|zum|zur|Ende|Ablauf|des|im)\s+){0,3}",
    "fr": r"(?:(?:le|la|l')\s*)?(?:fin\s+(?:de\s+l'année\s+|d'année\s+|du\s+|de\s+|d')?)?(?:au\s+|du\s+)?",
    "no": r"(?:den\s+)?(?:(?:utgangen|slutten)\s+av\s+)?",
}


@cache
def _grammar(lang: str) -> _Grammar:
    lx: Lexicon = lexicon(lang)
    months = _month_names(lang)
    firsts = "".join(sorted({n[0] for n in months}))
    M = rf"\b(?=[{firsts}])(?P<mon>{_alt([re.escape(n) for n in months])})\.?" if months else r"(?P<mon>(?!x)x)"
    ordq = _alt([re.escape(k) for k in lx.ordinal_words]) if lx.ordinal_words else "(?!x)x"
    quarter = _alt(lx.quarter) if lx.quarter else "(?!x)x"
    half = _alt(lx.half) if lx.half else "(?!x)x"
    B, E = r"(?<![\w/.,-])", r"(?![\w/]|[.,]\d)"
    p: list[tuple[str, str]] = []
    # Periods first: "2020-2025", "2021 – 2030", "from 2021 to 2025", "từ năm 2021 đến năm 2025".
    joiners = _alt(lx.range_joiners + ("until", "till", "to", "đến", "tới", "bis", "à", "til"))
    yw = _alt(lx.year_word) if lx.year_word else "(?!x)x"
    p.append(("iso", rf"{B}(?P<y>{YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){E}"))
    p.append(("dmy", rf"{B}(?P<a>\d{{1,2}})(?P<s>[/.-])(?P<b>\d{{1,2}})(?P=s)(?P<y>{YEAR}){E}"))
    p.append(("period", rf"{B}(?P<y1>{YEAR})\s*-\s*(?P<y2>{YEAR}|\d{{2}}){E}(?!\s*%)"))
    p.append(("period", rf"{B}(?P<y1>{YEAR})\s+(?:{joiners})\s+(?:(?:{yw})\s+)?(?P<y2>{YEAR}){E}"))
    if lang == "vi":
        p += [
            ("day", rf"ngày\s+(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})\s+năm\s+(?P<y>{YEAR}){E}"),
            ("quarter", rf"(?:(?:cuối|hết)\s+)?quý\s+(?P<q>IV|I{{1,3}}|[1-4])\s*(?:/|-|năm\s+)\s*(?P<y>{YEAR}){E}"),
            ("half", rf"(?P<h>6|sáu)\s+tháng\s+(?P<hw>đầu|cuối)\s+năm\s+(?P<y>{YEAR}){E}"),
            ("half", rf"nửa\s+(?P<hw>đầu|cuối)\s+năm\s+(?P<y>{YEAR}){E}"),
            ("month", rf"(?:(?:cuối|hết)\s+)?tháng\s+(?P<m>\d{{1,2}})\s*(?:/|-|năm\s+)\s*(?P<y>{YEAR}){E}"),
            ("year", rf"(?:(?:cuối|hết)\s+)?năm\s+(?P<y>{YEAR}){E}"),
        ]
    else:
        # "The end of" and articles are left to the preposition filler: patterns start on a
        # word boundary so that the regex engine rejects most positions at once.
        p += [
            ("quarter", rf"(?<![\w.])(?P<q>{ordq})\s+(?:{quarter})\s+(?:of\s+|de\s+|d'|des\s+Jahres\s+)?(?P<y>{YEAR}){E}"),
            ("quarter", rf"\bQ(?P<q>[1-4])[\s/-]*(?P<y>{YEAR}){E}"),
            ("half", rf"(?<![\w.])(?P<hq>{ordq})\s+(?:{half})\s+(?:of\s+|de\s+|d'|des\s+Jahres\s+)?(?P<y>{YEAR}){E}"),
            ("half", rf"\bH(?P<hq>[12])[\s/-]*(?P<y>{YEAR}){E}"),
        ]
        # Ranges of days: "du 14 au 16 octobre", "14-16 October", "October 14-16", "14. bis 16. Oktober":
        # the span is one date, the last day.
        if lang == "fr":
            p.append(("day", rf"{B}(?:du\s+)?\d{{1,2}}(?:er)?\s*(?:au|-|et)\s*(?P<d>\d{{1,2}})\s+{M}(?:\s+(?P<y>{YEAR}))?{E}"))
        elif lang == "en":
            p.append(("day", rf"{B}\d{{1,2}}\s*(?:-|to|and)\s*(?P<d>\d{{1,2}})\s+{M}(?:,?\s+(?P<y>{YEAR}))?{E}"))
            p.append(("day", rf"{M}\s+\d{{1,2}}\s*(?:-|to|and)\s*(?P<d>\d{{1,2}})(?:,?\s*(?P<y>{YEAR}))?{E}"))
        elif lang in ("de", "no"):
            p.append(("day", rf"{B}\d{{1,2}}\.\s*(?:bis|-|til|und|og)\s*(?P<d>\d{{1,2}})\.\s*{M}(?:\s+(?P<y>{YEAR}))?{E}"))
        if lang == "en":
            p += [
                ("day", rf"{M}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s*(?P<y>{YEAR}))?(?![\w/]|[.,]\d|\s*%)"),
                ("day", rf"{B}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{M}(?:,?\s+(?P<y>{YEAR}))?{E}"),
            ]
        elif lang in ("de", "no"):
            p.append(("day", rf"{B}(?P<d>\d{{1,2}})\.\s*{M}(?:\s+(?P<y>{YEAR}))?{E}"))
        elif lang == "fr":
            p.append(("day", rf"{B}(?P<d>\d{{1,2}}|1er)\s+{M}(?:\s+(?P<y>{YEAR}))?{E}"))
        p += [
            ("month", rf"{M},?\s+(?:of\s+)?(?P<y>{YEAR}){E}"),
            ("mid", rf"\b(?:mid|Mitte|mi)[\s-]+(?P<y>{YEAR}){E}"),
        ]
    p += [
        # "15/6" without a year only right after a date word, else "8/8 communes" is a fraction.
        ("dm", r"(?<![\w/.,-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/])"),
        ("my", rf"{B}(?P<m>\d{{1,2}})/(?P<y>{YEAR}){E}"),
        ("year", rf"{B}(?P<y>{YEAR}){E}(?!\s*%)"),
    ]
    flags = re.I
    compiled = tuple((kind, re.compile(rx, flags)) for kind, rx in p)

    filler = _PREP_FILLER.get(lang, "")

    def end_re(words: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile(rf"(?:^|(?<=[^\w']))(?:{_alt(words)})\s*{filler}$", re.I)

    prep = tuple(
        (name, end_re(words))
        for name, words in (("change", lx.deadline_change), ("never", lx.not_deadline), ("strong", lx.deadline_strong), ("weak", lx.deadline_weak),
                            ("governing", lx.governing))
        if words
    )
    return _Grammar(patterns=compiled, months=months, prep=prep)


_DATE_WORD_BEFORE = re.compile(
    r"(?:ngày|trước|hạn|before|by|on|den|am|le|innen|bis|vom|avant|đến|từ|til|until|to)\s$", re.I
)
_VI_WITHIN = re.compile(r"(?:^|\s)trong\s+(?:ngày|tháng|quý)?\s*$", re.I)
_DE_CHANGE_AFTER = re.compile(r"\s+(?:vorgezogen|verschoben|verlängert|vorverlegt)\b")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def find_times(text: str, lang: str, blocked: list[tuple[int, int]] | None = None,
               yearless: list[tuple[int, int]] | None = None) -> list[TimeExpr]:
    """All time expressions in ``text``, left to right, without overlaps. Dates whose year
    cannot be told ("du 14 au 16 octobre" in a text that names no year) are left out, but
    their spans are added to ``yearless`` so that their numbers are not read as amounts."""
    g = _grammar(lang)
    lx = lexicon(lang)
    taken = SpanSet(blocked)
    found: list[TimeExpr] = []
    for kind, rx in g.patterns:
        for m in rx.finditer(text):
            s, e = m.span()
            if taken.overlaps(s, e):
                continue
            expr = _build(kind, m, g, lx)
            if expr is None:
                continue
            taken.add(s, e)
            found.append(expr)
    found.sort(key=lambda t: t.start)
    _infer_years(found)
    for t in found:
        t.prep = _preposition(text, t, g, lang)
    if yearless is not None:
        yearless.extend((t.start, t.end) for t in found if t.year is None)
    return [t for t in found if t.year is not None]


def _build(kind: str, m: re.Match[str], g: _Grammar, lx: Lexicon) -> TimeExpr | None:
    s, e = m.span()
    gd = m.groupdict()
    year = int(gd["y"]) if gd.get("y") else None
    try:
        if kind == "period":
            y1 = int(gd["y1"])
            y2s = gd["y2"]
            y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
            if not (y1 < y2 <= y1 + 50):
                return None
            return TimeExpr(s, e, "period", y2, 12, 31, year_from=y1)
        if kind == "year":
            if m.group(0)[:1].isdigit() and m.end() < len(m.string) and m.string[m.end():m.end() + 2].strip()[:1] in {"%"}:
                return None
            return TimeExpr(s, e, "year", year, 12, 31)
        if kind == "mid":
            return TimeExpr(s, e, "half", year, 6, 30)
        if kind == "quarter":
            q = gd["q"].lower()
            n = _ROMAN.get(q) or lx.ordinal_words.get(q) or int(q)
            return TimeExpr(s, e, "quarter", year, 3 * n, None)
        if kind == "half":
            if gd.get("hw"):
                n = 1 if gd["hw"].lower() == "đầu" else 2
            else:
                hq = gd["hq"].lower()
                n = lx.ordinal_words.get(hq) or int(hq)
                if n not in (1, 2):
                    return None
            return TimeExpr(s, e, "half", year, 6 * n, None)
        if kind == "month":
            month = int(gd["m"]) if gd.get("m") else g.months[gd["mon"].lower().rstrip(".")]
            if not 1 <= month <= 12:
                return None
            return TimeExpr(s, e, "month", year, month, None)
        if kind == "my":
            month = int(gd["m"])
            if not 1 <= month <= 12:
                return None
            return TimeExpr(s, e, "month", year, month, None)
        if kind == "day":
            if gd.get("mon") and lx is lexicon("en") and not gd["mon"][:1].isupper():
                return None  # "may 5" is a modal verb and a number
            month = int(gd["m"]) if gd.get("m") else g.months[gd["mon"].lower().rstrip(".")]
            day = 1 if gd["d"].lower() == "1er" else int(gd["d"])
            return _checked(s, e, year, month, day)
        if kind == "iso":
            return _checked(s, e, year, int(gd["m"]), int(gd["d"]))
        if kind == "dm" and not _DATE_WORD_BEFORE.search(m.string, max(0, s - 12), s):
            return None  # "8/8 communes" is a share; "ngày 15/6", "before 15/6" are dates
        if kind in ("dmy", "dm"):
            a, b = int(gd["a"]), int(gd["b"])
            day, month = a, b
            if b > 12 >= a:  # 09/20/2024 is US order
                day, month = b, a
            return _checked(s, e, year, month, day)
    except (KeyError, ValueError):
        return None
    return None


def _checked(s: int, e: int, year: int | None, month: int, day: int) -> TimeExpr | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if year is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
    elif day > calendar.monthrange(2024, month)[1]:
        return None
    return TimeExpr(s, e, "day", year, month, day)


def _infer_years(found: list[TimeExpr]) -> None:
    """A date without a year ("before June 15") takes the year last written before it
    (else the first one after it): news and plans name the year once and then drop it."""
    last: int | None = None
    missing: list[TimeExpr] = []
    for t in found:
        if t.year is None:
            if last is not None:
                t.year = last
            else:
                missing.append(t)
        else:
            last = t.year
            for pending in missing:
                pending.year = t.year
            missing.clear()


def _preposition(text: str, t: TimeExpr, g: _Grammar, lang: str) -> str | None:
    line_start = text.rfind("\n", 0, t.start) + 1
    window = text[max(line_start, t.start - 48):t.start]
    best: tuple[int, str] | None = None
    for name, rx in g.prep:
        m = rx.search(window)
        if m and (best is None or m.end() - m.start() > best[0]):
            best = (m.end() - m.start(), name)
    if best and best[1] == "change" or lang == "de" and _DE_CHANGE_AFTER.match(text, t.end) \
            and re.search(r"(?:auf|bis(?:\s+zum)?)\s*$", window):
        t.changed = True  # German puts the participle last: "wurde auf 2029 vorgezogen"
        return "strong"
    if best:
        # "trong quý II/2026", "trong tháng 7/2024": within a quarter or a month is a time
        # limit; "trong năm 2024" ("during 2024") only in a sentence that sets a goal.
        if best[1] == "weak" and lang == "vi" and t.kind != "year" and _VI_WITHIN.search(window):
            return "strong"
        return best[1]
    head = text[t.start:t.end].lower()
    if lang == "vi" and head.startswith("năm"):
        return "governing"  # "Năm 2023, ..." with nothing before it
    return None
