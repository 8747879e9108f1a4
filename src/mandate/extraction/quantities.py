"""Quantities: a number with its scale, unit and comparator.

``nearly 2.9 million tourists`` → 2 900 000 "tourists"; ``400 tỷ đồng`` → 4e11 VND;
``VND 4.35 trillion``; ``11-12%`` → 11..12 %; ``8/8 communes`` → 8 "communes";
``230 new party members or more`` → at_least. Not quantities: ordinals ("90th", "den 18."),
labels ("No. 5", "Điều 3", "grade 1"), ages ("6-15 years old"), times of day, numbers
glued to words ("4-good", "COVID-19", "img0913") and anything inside a date or a
document number (those spans are blocked before this module runs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import Lexicon, lexicon
from .numbers import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    NumberFormat,
    number_format,
    number_pattern,
    parse_number,
)
from .spans import SpanSet

_APPROX = {
    "en": r"about|nearly|approximately|around|almost|roughly|some|an\s+estimated|estimated|by|further|an\s+additional",
    "vi": r"khoảng|gần|xấp\s+xỉ|bình\s+quân|trung\s+bình|thêm|hơn|là|ở\s+mức|mức",
    "de": r"etwa|rund|circa|ca\.|knapp|gut|um|auf|weitere",
    "fr": r"environ|près\s+de|presque|quelque|à|de|d'",
    "no": r"omtrent|cirka|ca\.|nesten|rundt|med|på|ytterligere",
}
_GLUED_UNITS = {"km", "m", "ha", "kg", "t", "mw", "kw", "kwh", "gw", "m2", "m3", "cm", "mm", "km2", "tr"}
_WORD = re.compile(r"[^\W\d_][\w'-]*")
# "hand over 100% of the site": a verb particle, not the comparator "over".
_PHRASAL = re.compile(r"\b(?:hand|hands|handed|handing|take|takes|took|taken|taking|turn|turned|turning|carry|"
                      r"carried|carrying|pass|passed|passing|move|moved|transfer|transferred|get|got|left)\s+over$", re.I)
# Fillers after a number that make it an increment: "150 more villages", "12 xã nữa".
_MORE = {"more", "additional", "extra", "further", "thêm", "weitere", "weiteren", "zusätzliche", "zusätzlichen",
         "supplémentaires", "supplémentaire", "flere", "ytterligere"}
# "đồng" is the currency, but "đồng chí" (comrade), "đồng bào" (compatriots)... are not.
_DONG_COMPOUNDS = (r"\s+(?:chí|bào|bằng|thời|ý|hồ|nghiệp|đội|ruộng|tâm|hương|nhất|bộ|phục|lòng|minh|dạng|đều|loại|"
                   r"khởi|sở|tác|thuận|hành|ca|lúa|cỏ|quê|song|chủ|phạm|môn|niên)(?!\w)")
_OF_WHOLE = re.compile(r"\s+(?:out\s+of|of|von|des|sur|av)\s+(?:the\s+)?\d[\d.,]*", re.I)
_AFTER_STOP = re.compile(r"[;(]|\s-\s|\d[\d.,]*")
_FR_ORDINAL = re.compile(r"\s?(?:e|er|ère|ème|eme|es)(?!\w)", re.I)
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")
_CLOCK = re.compile(r"\d{1,2}\s?[:h]\s?\d{2}(?!\d)")
# "per 1 ha", "trên 1 ha", "pro 1 Einwohner": the 1 is a denominator whatever the language.
_PER_ONE = re.compile(r"(?<!\w)(?:trên|mỗi|per|pro|je|par|pour|for\s+every)\s*$", re.I)
# "ít nhất 100 ha hồi và 150 ha quế": the second amount shares the first one's bound.
_COORDINATED = re.compile(r"^[^\d,;.:()]{0,40}?\s(?:và|and|og|und|et|hoặc|or|eller|oder|ou)\s*$", re.I)


@dataclass
class Quantity:
    start: int  # first character of the number (or of a currency written before it)
    end: int  # end of the unit
    num_start: int
    value: float
    value_max: float | None
    unit: str | None
    comparator: str
    unit_is_meta: bool = False


@dataclass(frozen=True)
class _Grammar:
    fmt: NumberFormat
    qty: re.Pattern[str]
    before: tuple[tuple[str, re.Pattern[str]], ...]
    after: tuple[tuple[str, re.Pattern[str]], ...]
    label: re.Pattern[str]
    per: re.Pattern[str]
    age: re.Pattern[str]
    clock: re.Pattern[str]
    percent: re.Pattern[str]
    currency_after: re.Pattern[str]
    opener: re.Pattern[str]
    change_verb: re.Pattern[str]
    stop: frozenset[str]
    fillers: frozenset[str]
    meta: frozenset[str]
    max_words: int
    goal_verb: re.Pattern[str]


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True)) or "(?!x)x"


@cache
def _grammar(lang: str) -> _Grammar:
    lx: Lexicon = lexicon(lang)
    fmt = number_format(lang)
    num = number_pattern(fmt)
    cur_before = _alt(tuple(re.escape(c) for c in CURRENCY_BEFORE))
    joiners = _alt(lx.range_joiners + ("to",))
    qty = re.compile(
        rf"(?:(?P<cur>{cur_before})\s?)?(?<![\w.,/])(?P<n1>{num})(?P<frac>\s?/\s?(?:{num}))?"
        rf"(?:(?P<pct1>\s?%)?(?P<rsep>\s?-\s?|\s+(?:{joiners})\s+)(?P<n2>{num}))?",
        re.I,
    )
    approx = _APPROX.get(lang, _APPROX["en"])
    tail = rf"(?:\s+(?:{approx}))*\s*$"

    def before(words: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile(rf"(?:^|(?<=[^\w]))(?:{_alt(words)}){tail}", re.I)

    def after(words: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile(rf"^.{{0,90}}?(?<![\w])(?:{_alt(words)})(?![\w])", re.I | re.S)

    befores = tuple(
        (name, before(words))
        for name, words in (("increase_by", lx.increase_before), ("decrease_by", lx.decrease_before),
                            ("at_least", lx.at_least_before), ("at_most", lx.at_most_before))
        if words
    )
    afters = tuple(
        (name, after(words))
        for name, words in (("at_least", lx.at_least_after), ("at_most", lx.at_most_after),
                            ("increase_by", lx.increase_after), ("decrease_by", lx.decrease_after))
        if words
    )
    change = r"increas\w*|rais\w*|reduc\w*|decreas\w*|tăng(?!\s+trưởng)|giảm|nâng|hạ|erhöh\w*|steiger\w*|senk\w*|reduzier\w*|" \
             r"augment\w*|rédui\w*|baiss\w*|øk\w*|reduser\w*"
    cur_after = _alt(tuple(re.escape(c) for c in CURRENCY_AFTER))
    max_words = {"vi": 6, "en": 4, "de": 3, "fr": 4, "no": 3}.get(lang, 4)
    return _Grammar(
        fmt=fmt,
        qty=qty,
        before=befores,
        after=afters,
        label=re.compile(rf"(?:^|(?<=[^\w]))(?:{_alt(lx.labels)})\s*$", re.I),
        per=re.compile(rf"(?:^|(?<=[^\w])|(?<=\d))(?:{_alt(lx.per)})\s*$", re.I),
        age=re.compile(rf"\s*(?:{_alt(lx.age_after)})(?![\w])", re.I),
        clock=re.compile(rf"\s?(?:{_alt(lx.clock_after)})(?![\w])", re.I),
        percent=re.compile(rf"\s?(?:%|(?:{_alt(lx.percent_words)})(?![\w]))", re.I),
        currency_after=re.compile(rf"\s?(?:d'|de\s+)?(?P<c>{cur_after})(?![\w])(?!{_DONG_COMPOUNDS})", re.I),
        opener=re.compile(rf"(?:^|(?<=[^\w]))(?:{_alt(lx.between_open)})\s*$", re.I),
        change_verb=re.compile(rf"(?:{change})(?:\s+\w+){{0,4}}\s+(?:{_alt(lx.between_open)})\s*$", re.I),
        stop=frozenset(lx.unit_stop),
        fillers=frozenset(lx.unit_fillers),
        meta=frozenset(lx.meta_nouns),
        max_words=max_words,
        goal_verb=re.compile(rf"(?:{_alt(lx.target_strong)})", re.I),
    )


def find_quantities(text: str, start: int, end: int, lang: str, blocked: SpanSet) -> list[Quantity]:
    g = _grammar(lang)
    out: list[Quantity] = []
    for m in g.qty.finditer(text, start, end):
        q = _quantity(text, m, start, end, lang, g, blocked)
        if q is not None:
            prev = out[-1] if out else None
            if prev is not None and q.comparator == "equal" and prev.comparator in ("at_least", "at_most") \
                    and prev.unit.split()[0] == q.unit.split()[0] and _COORDINATED.match(text[prev.end:q.start]):
                q.comparator = prev.comparator
            out.append(q)
    return out


def _quantity(text: str, m: re.Match[str], lo: int, hi: int, lang: str, g: _Grammar,
              blocked: SpanSet) -> Quantity | None:
    n1s, n1e = m.span("n1")
    if blocked.overlaps(n1s, n1e):
        return None
    prev = text[max(lo, n1s - 2):n1s]
    if re.search(r"[^\W\d_]-$|[^\W\d_]$", prev):  # COVID-19, img-0913, dat09683
        return None
    if _CLOCK.match(text, n1s, hi):
        return None
    before = text[max(lo, n1s - 60):n1s]
    if m.group("cur"):
        before = text[max(lo, m.start("cur") - 60):m.start("cur")]
    if g.label.search(before) or g.per.search(before):
        return None
    if _PER_ONE.search(before) and re.fullmatch(r"1", m.group("n1")) and not m.group("n2"):
        return None
    # End of the numeric part; a range end "n2" that is blocked (a date) is dropped.
    n2 = m.group("n2")
    n2s = m.start("n2") if n2 else -1
    if n2 and blocked.overlaps(n2s, m.end("n2")):
        n2 = None
    pos = m.end("n2") if n2 else (m.end("frac") if m.group("frac") else n1e)
    if n2 is None and m.group("pct1"):
        pos = n1e
    follower = text[pos:pos + 1]
    # Glued letters: an ordinal (90th, 1er, 2e), a glued unit (5km) or a code (4G): skip all but units.
    glued_unit = None
    if follower.isalpha():
        w = _WORD.match(text, pos)
        word = w.group(0) if w else ""
        if word.lower() in _GLUED_UNITS:
            glued_unit = word
            pos += len(word)
        else:
            return None
    if follower == "-" and text[pos + 1:pos + 2].isalpha():  # 4-good, 5-year
        return None
    if follower == "." and lang in ("de", "no") and re.match(r"\.\s+[^\W\d_]", text[pos:pos + 3]) \
            and "." not in m.group("n1") and "," not in m.group("n1") and len(m.group("n1")) <= 3:
        return None  # "den 18. partikongressen"
    if g.age.match(text, pos, hi) or g.clock.match(text, pos, hi):
        return None
    if lang == "fr" and _FR_ORDINAL.match(text, pos, hi):
        return None  # "le 20 e Congrès", "la 3 ème édition"
    v1 = parse_number(m.group("n1"), g.fmt)
    if v1 is None:
        return None
    frac = m.group("frac")
    if frac and not n2:
        den = parse_number(frac.strip().lstrip("/").strip(), g.fmt)
        if den is None or v1 > den:
            return None  # 17/10 is not a share: a date or a name
    v2 = parse_number(n2, g.fmt) if n2 else None
    rsep = (m.group("rsep") or "").strip().lower()
    comparator = "equal"
    if v2 is not None:
        if rsep not in ("-", "") and not g.opener.search(before):
            # "10% to 11%", "7 % bis 8 %": a unit written on both ends makes a range;
            # "from 2,314 to 1,658" (no opener, no repeated unit) are separate numbers.
            if not (m.group("pct1") and g.percent.match(text, m.end("n2"), hi)):
                v2 = None
        if v2 is not None and v2 <= v1:
            v2 = None
        if v2 is None:
            pos = m.end("pct1") if m.group("pct1") else n1e
            if m.group("frac"):
                pos = m.end("frac")
    if v2 is not None and rsep != "-" and g.change_verb.search(before):
        # "increase from 5 to 7%": a change to the second value, not a range
        v1, v2 = v2, None
    # Scale words (million, triệu, Milliarden...) after the number.
    scale = 1.0
    sm = g.fmt.scale_re.match(text, pos, hi)
    if sm:
        scale = g.fmt.scales[sm.group(1).lower()]
        pos = sm.end()
        # Vietnamese compound amounts: "2 tỷ 500 triệu đồng".
        cm = re.match(r"\s(\d{1,3})(?=\s)", text[pos:hi])
        if cm:
            sm2 = g.fmt.scale_re.match(text, pos + cm.end(), hi)
            if sm2 and g.fmt.scales[sm2.group(1).lower()] < scale:
                v1 = v1 + int(cm.group(1)) * g.fmt.scales[sm2.group(1).lower()] / scale
                pos = sm2.end()
    value = v1 * scale
    value_max = v2 * scale if v2 is not None else None
    unit: str | None = None
    if m.group("cur"):
        unit = CURRENCY_BEFORE.get(m.group("cur").lower())
    elif m.group("pct1") and v2 is not None:
        unit = "%"
    pm = g.percent.match(text, pos, hi)
    if unit is None and pm:
        unit, pos = "%", pm.end()
    if unit is None:
        cm = g.currency_after.match(text, pos, hi)
        if cm:
            unit, pos = CURRENCY_AFTER[cm.group("c").lower()], cm.end()
    meta = more = False
    if unit is None and glued_unit:
        unit = glued_unit
    if unit is None:
        unit, pos, meta, more = _counted_noun(text, pos, hi, lang, g)
    if unit is None:
        # "14 of the 20 projects", "14 von 20 Projekten": the noun follows the whole.
        of = _OF_WHOLE.match(text, pos, hi)
        if of:
            unit, _, meta, more = _counted_noun(text, of.end(), hi, lang, g)
    if unit is None:
        unit = _unit_from_before(text, lo, m.start("cur") if m.group("cur") else n1s, lang, g)
    if unit is None:
        return None
    if value_max is not None:
        # "decrease by 1-1.5% a year", "tăng 7-8%": a change by a range, not "between".
        change = _comparator(text, lo, m.start("cur") if m.group("cur") else n1s, pos, hi, g, before_only=True)
        comparator = change if change in ("increase_by", "decrease_by") else "between"
    else:
        comparator = _comparator(text, lo, m.start("cur") if m.group("cur") else n1s, pos, hi, g)
        if comparator == "equal" and more:
            comparator = "increase_by"
    return Quantity(start=m.start("cur") if m.group("cur") else n1s, end=pos, num_start=n1s, value=value,
                    value_max=value_max, unit=unit, comparator=comparator, unit_is_meta=meta)


def _counted_noun(text: str, pos: int, hi: int, lang: str, g: _Grammar) -> tuple[str | None, int, bool, bool]:
    """(unit, end, is_meta, says_more): "12 more communes" → ("communes", ..., False, True)."""
    more = False
    words: list[str] = []
    end = pos
    i = pos
    while len(words) < g.max_words:
        m = re.match(r"[ ]{1,2}([^\W\d_][\w'-]*)", text[i:hi])
        if not m:
            break
        w = m.group(1)
        lw = w.lower()
        if not words and lw in g.fillers:
            more = more or lw in _MORE
            i += m.end()
            continue
        if lw in g.stop or lw.rstrip("'") in g.stop:
            break
        gm = g.goal_verb.match(text, i + m.start(1)) if words else None
        if gm and not text[gm.end():gm.end() + 1].isalnum():
            break  # "22 communes aim for ...", "14 xã phấn đấu ...": the noun ends at the verb
        if lang == "de" and words and not w[:1].isupper():
            break  # German: the unit ends at the first lower-case word after a noun
        words.append(w)
        i += m.end()
        end = i
    # English: drop trailing participles and conjunctions ("communes and wards meeting").
    while words and lang == "en" and (words[-1].lower() in {"and", "or"} or words[-1].lower().endswith(("ed", "ing"))):
        words.pop()
    if lang == "de" and words and not any(w[:1].isupper() for w in words):
        words = []  # "auf 2.500 steigen": a verb, not a unit
    if not words:
        return None, pos, False, False
    unit = " ".join(words)
    low = unit.lower()
    meta = low in g.meta or words[0].lower() in g.meta or words[-1].lower() in g.meta or \
        any(" ".join(words[:k]).lower() in g.meta for k in range(2, len(words) + 1))
    return unit, end, meta, more


# "the total number of party members ... to 69,218": the counted noun stands before the number.
_COUNT_OF = {
    "en": re.compile(r"\b(?:number|total|count)\s+of\s+(?:the\s+)?([^\W\d_]+(?:\s+[^\W\d_]+){0,3})", re.I),
    "vi": re.compile(r"\b(?:tổng\s+)?số\s+(?:lượng\s+)?([^\W\d_]+(?:\s+[^\W\d_]+){0,3})", re.I),
    "de": re.compile(r"\b(?:Zahl|Anzahl|Gesamtzahl)\s+der\s+([^\W\d_]+)"),
    "fr": re.compile(r"\bnombre\s+(?:de\s+|d')([^\W\d_]+(?:\s+[^\W\d_]+){0,2})", re.I),
    "no": re.compile(r"\bantall(?:et)?\s+(?:av\s+)?([^\W\d_]+)", re.I),
}


def _unit_from_before(text: str, lo: int, num_start: int, lang: str, g: _Grammar) -> str | None:
    rx = _COUNT_OF.get(lang)
    if rx is None:
        return None
    clause = text[max(lo, num_start - 160):num_start]
    hits = list(rx.finditer(clause))
    if not hits:
        return None
    words = []
    for w in hits[-1].group(1).split():
        if w.lower() in g.stop:
            break
        words.append(w)
    return " ".join(words) or None


def _comparator(text: str, lo: int, num_start: int, unit_end: int, hi: int, g: _Grammar,
                before_only: bool = False) -> str:
    clause_start = max(lo, text.rfind(",", lo, num_start) + 1, text.rfind(";", lo, num_start) + 1)
    before = text[max(clause_start, num_start - 50):num_start]
    best: tuple[int, str] | None = None  # the longest cue wins: "no more than" over "more than"
    for name, rx in g.before:
        hit = rx.search(before)
        if hit and not _PHRASAL.search(before[:hit.start()] + hit.group(0).split()[0]):
            if best is None or hit.start() < best[0]:
                best = (hit.start(), name)
    if best:
        return best[1]
    if before_only:
        return "equal"
    # After the unit, up to the next number or clause end: "or more", "trở lên", "erhöhen".
    window = text[unit_end:min(hi, unit_end + 100)]
    stop = len(window)
    for m in _AFTER_STOP.finditer(window):
        if not _YEAR_TOKEN.fullmatch(m.group(0)):  # "um 55 % gegenüber 1990 zu senken" reads past the year
            stop = m.start()
            break
    after = window[:stop]
    for name, rx in g.after:
        if rx.search(after):
            return name
    return "equal"
