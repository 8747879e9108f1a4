"""The extraction pipeline: normalise → language → lines and sentences → dates and
documents → quantities → target or figure → deadlines → the JSON object of EXTRACTION.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import classify
from .assignments import find_assignments
from .dates import TimeExpr, find_times
from .documents import CANDIDATE, find_documents
from .errors import ExtractionError
from .indicator import indicator_name
from .language import detect_language
from .lexicon import lexicon
from .normalise import normalise
from .numbers import clean_value
from .quantities import Quantity, find_quantities
from .sentences import Line, Sentence, clause_bounds, containing, segment_bounds, split_lines, split_sentences
from .spans import SpanSet, in_range

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:jpe?g|png|gif|pdf|docx?|html?)\b", re.I)
_LIMIT_KINDS = {"day", "month", "quarter", "half", "year"}
# Words in a title line that make the whole text a plan / a report.
_PLAN_TITLE = re.compile(
    r"^\s*(?:kế\s+hoạch|nghị\s+quyết|chương\s+trình\s+hành\s+động|chỉ\s+thị|(?:action\s+)?(?:plan|programme|program)\b|"
    r"resolution\b|handlingsplan|handlingsprogram|aktionsplan|maßnahmenplan|plan\s+d'action|programme\s+d'action)",
    re.I,
)
_REPORT_TITLE = re.compile(r"^\s*(?:báo\s+cáo|report|bericht|rapport)\b", re.I)
_NUMBERED_ITEM = re.compile(r"^\(?\d{1,2}[.)]\s")  # "1. Growth is 7%." under "the following targets:"
_YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass
class _Context:
    text: str
    lang: str
    times: list[TimeExpr]
    time_starts: list[int]
    ref_year: int | None
    ref_date: str | None  # the latest event or issue date: the text was written after it


def extract_text(text: str) -> dict:
    """Extract documents, targets, figures and deadlines from one text (see EXTRACTION.md)."""
    if not isinstance(text, str):
        raise ExtractionError("The text to extract from must be a string.")
    text = normalise(text)
    if not text.strip():
        raise ExtractionError("The text is empty.")
    lang = detect_language(text)
    lines = split_lines(text)
    sentences = split_sentences(text, lines, lang)

    blocked = [m.span() for m in _URL.finditer(text)]
    doc_spans = [m.span() for m in CANDIDATE.finditer(text)]
    yearless: list[tuple[int, int]] = []
    times = find_times(text, lang, blocked + doc_spans, yearless)
    documents = find_documents(text, lang, times)
    blocked_set = SpanSet(blocked + [(d.start, d.end) for d in documents] + doc_spans
                          + [(t.start, t.end) for t in times] + yearless)

    events = [t for t in times if t.kind == "day" and t.prep in (None, "never", "governing") and t.year]
    ctx = _Context(text, lang, times, [t.start for t in times], max(t.year for t in events) if events else None,
                   max(t.iso for t in events) if events else None)

    goal_items: set[int] = set()
    sections = _section_modes(lines, lang, goal_items)
    targets: list[dict] = []
    figures: list[dict] = []
    deadlines: set[str] = set()
    previous_about: TimeExpr | None = None
    paragraph: tuple[int, TimeExpr | None] = (-1, None)  # (line id, the year its first sentence opens with)
    for sent in sentences:
        section_mode, section_year = sections.get(id(sent.line), (None, None))
        if paragraph[0] != id(sent.line):
            paragraph = (id(sent.line), _opening_year(ctx, sent))
        inherited = previous_about if classify.continues_previous(text, sent.start, sent.end, lang) else paragraph[1]
        t_out, f_out, d_out = _sentence(ctx, sent, section_mode, section_year, blocked_set, inherited,
                                        id(sent.line) in goal_items)
        targets += t_out
        figures += f_out
        deadlines |= d_out
        previous_about = _sentence_about(ctx, sent) or inherited
    targets = _drop_headline_repeats(targets, lines)
    return {
        "language": lang,
        "documents": [d.as_dict() for d in documents],
        "targets": targets,
        "figures": figures,
        "deadlines": sorted(deadlines),
        "assignments": find_assignments(text, lang, sentences, times),
    }


def _section_modes(lines: list[Line], lang: str, goal_items: set[int]) -> dict[int, tuple[str | None, int | None]]:
    """Mode and governing year that headings and list introductions give the lines below.
    ``goal_items`` receives the list items under a line that sets goals ("các chỉ tiêu chủ
    yếu:", "the following main targets:", "Ziele:", "Đến năm 2030:")."""
    out: dict[int, tuple[str | None, int | None]] = {}
    doc_mode: str | None = None
    doc_year: int | None = None
    title_block: list[Line] = []
    for line in lines[:5]:  # the leading short lines without a full stop: the title
        if len(line.text) > 150 or line.text[-1] in ".;!?":
            break
        title_block.append(line)
    for i, line in enumerate(title_block):
        if _PLAN_TITLE.match(line.text):
            doc_mode = "T"
        elif _REPORT_TITLE.match(line.text):
            doc_mode = "F"
        if doc_mode:
            # "KẾ HOẠCH / Thực hiện nhiệm vụ ... năm 2024": the year may sit on the next line.
            for cand in title_block[i:i + 2]:
                y = _YEAR_IN.findall(cand.text)
                if y and not re.search(r"\d{4}\s*-\s*\d{4}", cand.text):
                    doc_year = int(y[-1])
                    break
            break
    mode, year = doc_mode, doc_year
    goal_items.clear()
    intro: tuple[str | None, int | None] | None = None  # a prose line ending with ":" and its list
    for line in lines:
        if line.is_heading:
            m = classify.heading_mode(line.text, lang) or _limit_heading_mode(line.text, lang)
            y = _YEAR_IN.findall(line.text)
            heading_year = int(y[-1]) if y and not re.search(r"\d{4}\s*-\s*\d{4}", line.text) else None
            if y and heading_year is None and m == "T":
                heading_year = int(y[-1])  # "2. Targets for 2025-2030": goals due at the end of the period
            if line.is_top_heading:  # "II. MỤC TIÊU NĂM 2024" starts a new part of the text
                mode, year = m or doc_mode, heading_year or (doc_year if m != "F" else None)
            elif m:
                mode, year = m, heading_year or year
            out[id(line)] = (mode, year)
            intro = (mode, year) if line.text.endswith(":") else None
            continue
        if (line.is_bullet or _NUMBERED_ITEM.match(line.text)) and intro is not None:
            out[id(line)] = intro
            if intro[0] == "T":
                goal_items.add(id(line))
            continue
        intro = None
        out[id(line)] = (mode, year)
        if line.text.endswith(":"):
            m = classify.heading_mode(line.text, lang) or _limit_heading_mode(line.text, lang)
            y = _YEAR_IN.findall(line.text)
            intro = (m or mode, int(y[-1]) if y else year)
    return out


@cache
def _limit_heading_rx(lang: str) -> re.Pattern[str]:
    lx = lexicon(lang)
    words = "|".join(sorted(lx.deadline_strong + lx.deadline_weak, key=len, reverse=True))
    return re.compile(rf"^\W*(?:{words})\s+(?:\S+\s+){{0,4}}?(?:19|20)\d\d\b[^:.;]{{0,40}}:$", re.I)


def _limit_heading_mode(text: str, lang: str) -> str | None:
    """ "Đến năm 2030:", "By 2025:", "Bis 2030:", "D'ici 2030 :" over a list: a time limit
    stated once for the list, so every item under it is a goal due then."""
    return "T" if _limit_heading_rx(lang).match(text) else None


def _sentence(ctx: _Context, sent: Sentence, section_mode: str | None, section_year: int | None,
              blocked: SpanSet, inherited: TimeExpr | None = None,
              goal_item: bool = False) -> tuple[list[dict], list[dict], set[str]]:
    text, lang = ctx.text, ctx.lang
    s, e = sent.start, sent.end
    cues = classify.find_cues(text, s, e, lang)
    if goal_item:
        # An item of a list of goals states the goal in the present ("growth is 7%", "đạt 95%",
        # "beträgt 80 %"): only a past marker makes it a result.
        cues = [c for c in cues if not classify.is_present_state(text[c.start:c.end], lang)]
    segments = segment_bounds(text, s, e)
    clauses = clause_bounds(text, s, e)
    times = [t for t in ctx.times[in_range(ctx.time_starts, s, e)] if not t.is_doc_date]
    quantities = find_quantities(text, s, e, lang, blocked)

    def strong_limit_in(seg: tuple[int, int]) -> bool:
        return any(t.prep == "strong" and seg[0] <= t.start < seg[1] and t.kind in _LIMIT_KINDS for t in times)

    targets: list[dict] = []
    figures: list[dict] = []
    deadlines: set[str] = set()
    has_target = False
    for q in quantities:
        seg = containing(segments, q.num_start)
        clause = containing(clauses, q.num_start)
        mode, how = classify.decide(q.num_start, cues, clause, section_mode, strong_limit_in(seg))
        when = _time_context(q, seg, clause, segments, times, section_year, inherited)
        if mode == "T" and how == "weak" and when and ctx.ref_date and when.iso and when.iso <= ctx.ref_date:
            mode = "F"  # "in 2019-2021, 51 units will be merged" written after the fact
        if mode == "T" and how in ("section", "weak") and when and when.prep in (None, "governing") \
                and section_year and when.year < section_year:
            mode = "F"  # "Năm 2024, ... đạt 91,3%" in a directive for 2025: last year's result
        if mode == "T" and classify.is_baseline(text, clause[0], q.num_start, q.end, clause[1], lang):
            mode = "F"  # "45% ..., up from 28% at present"
        if mode == "T" and q.unit_is_meta:
            mode = "F"  # "11 targets and 3 breakthroughs" count parts of a plan
        if mode == "T" and _counts_actors(text, q, quantities, lang):
            mode = "F"  # "22 communes aim for 10% to 11%": who aims, not the goal
        item = _item(q, text, seg)
        if mode == "T":
            has_target = True
            item["indicator"] = indicator_name(text, seg, q.num_start, q.end, q.unit, lang)
            item["deadline"] = when.iso if when else None
            if when and when.prep in ("strong", "weak") and when.kind in _LIMIT_KINDS:
                deadlines.add(when.iso)  # "by 2030"; not "In 2026, ... aims" nor a heading's year
            targets.append(item)
        else:
            figures.append(item)
    limit_heading = sent.line.text.endswith(":") and _limit_heading_mode(sent.line.text, lang) is not None
    for t in times:
        if t.kind not in _LIMIT_KINDS or t.prep not in ("strong", "weak"):
            continue
        if limit_heading:
            deadlines.add(t.iso)  # "Đến năm 2030:" over a list of goals
            continue
        clause = containing(clauses, t.start)
        seg = containing(segments, t.start)
        mode, how = classify.decide(t.start, cues, clause, section_mode, False)
        if t.changed or t.prep == "strong" and not (mode == "F" and how in ("strong", "strong-late")):
            deadlines.add(t.iso)
        elif t.prep == "weak" and (mode == "T" and how != "section" or has_target and mode != "F"):
            deadlines.add(t.iso)
    return targets, figures, deadlines


def _counts_actors(text: str, q: Quantity, quantities: list[Quantity], lang: str) -> bool:
    """A counted noun that is the subject of a goal verb with another amount after it:
    "22 communes aim for 10%", "22 xã phấn đấu đạt 10%", "12 Gemeinden wollen 30 %"."""
    if q.unit in ("%", "VND", "USD", "EUR") or not any(o.num_start > q.end for o in quantities):
        return False
    return bool(classify.goal_cue_at(text, q.end, lang))


def _time_context(q: Quantity, seg: tuple[int, int], clause: tuple[int, int], segments: list[tuple[int, int]],
                  times: list[TimeExpr], section_year: int | None,
                  inherited: TimeExpr | None = None) -> TimeExpr | None:
    """The time limit of a quantity: in its clause ("..., with 100% ... by the end of 2027";
    "revenue to exceed VND 10 trillion in 2026"), in its segment, carried from an earlier
    segment of the sentence, the year the sentence is about, the year the sentence it
    continues is about ("Trong đó, ..."), then the section's year."""
    limits = [t for t in times if t.prep in ("strong", "weak") and t.kind in _LIMIT_KINDS]
    in_clause = [t for t in limits if clause[0] <= t.start < clause[1]]
    if not in_clause:
        in_clause = [t for t in times if t.prep == "governing" and t.kind in _LIMIT_KINDS
                     and clause[0] <= t.start < clause[1] and t.start > q.num_start]
    if in_clause:
        return min(in_clause, key=lambda t: abs(t.start - q.num_start))
    here = [t for t in limits if seg[0] <= t.start < seg[1]]
    if here:
        return min(here, key=lambda t: abs(t.start - q.num_start))
    earlier = [t for t in limits if t.start < seg[0]]
    if earlier:
        return earlier[-1]
    about = [t for t in times if t.prep in (None, "governing") and t.kind in ("year", "period", "quarter", "half", "month")
             and (seg[0] <= t.start < seg[1] or t.start < q.num_start)]
    if about:
        before = [t for t in about if t.start < q.num_start]
        return before[-1] if before else about[0]
    if inherited is not None:
        return inherited
    if section_year:
        return TimeExpr(0, 0, "year", section_year, 12, 31)
    return None


def _item(q: Quantity, text: str, seg: tuple[int, int]) -> dict:
    s, e = seg
    chunk = text[s:e]
    lead = len(chunk) - len(chunk.lstrip(" \"'-+•*,."))
    trail = len(chunk.rstrip(" \"'")) if chunk.strip() else 0
    s2, e2 = s + lead, s + max(trail, lead)
    return {
        "value": clean_value(q.value),
        "value_max": clean_value(q.value_max) if q.value_max is not None else None,
        "unit": q.unit,
        "comparator": q.comparator,
        "text": text[s2:e2],
        "start": s2,
        "end": e2,
    }


def _sentence_about(ctx: _Context, sent: Sentence) -> TimeExpr | None:
    """The last year, period or limit a sentence names (not "since", "so với", issue dates)."""
    times = [t for t in ctx.times[in_range(ctx.time_starts, sent.start, sent.end)]
             if not t.is_doc_date and t.prep in ("strong", "weak", "governing", None)
             and t.kind in ("year", "period", "quarter", "half", "month")]
    return times[-1] if times else None


def _drop_headline_repeats(targets: list[dict], lines: list[Line]) -> list[dict]:
    """A news headline repeats a goal the body states in full ("aims to attract USD 350
    million by 2028" over "at least USD 350 million ... by 2028"): keep the body's."""
    if not lines or lines[0].text[-1:] in ".;!?":
        return targets
    head_end = lines[0].end
    body = [t for t in targets if t["start"] >= head_end]
    return [t for t in targets if t["start"] >= head_end or not any(
        b["value"] == t["value"] and b["value_max"] == t["value_max"] and b["unit"] == t["unit"] for b in body)]


def _opening_year(ctx: _Context, sent: Sentence) -> TimeExpr | None:
    """ "Năm 2024, ...", "In 2024, ...": a year opening a paragraph is what the paragraph is
    about; "By 2025, ...", "Đến năm 2030, ...": a limit stated once for the paragraph."""
    for t in ctx.times[in_range(ctx.time_starts, sent.start, min(sent.end, sent.start + 25))]:
        if t.prep in (None, "governing", "strong", "weak") and t.kind in ("year", "period", "half", "quarter") and not t.is_doc_date:
            return t
    return None
