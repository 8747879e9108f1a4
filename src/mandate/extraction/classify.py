"""Target or figure: which cue governs a position in a sentence.

Cue words (see ``lexicon``) are found in each sentence and given a polarity, T (a goal
still to be reached) or F (a result achieved or reported), and a strength. The mode at a
position is decided in this order:

1. the nearest *strong* cue before it in the sentence ("the target is ... 95%",
   "has reached 90%", "phấn đấu ... đạt 95%");
2. a strong cue after it in the same clause ("12 projects with the goal of ...");
3. the section it is in (a heading such as "Mục tiêu cụ thể:" or "I. KẾT QUẢ ĐẠT ĐƯỢC");
4. a *weak* cue (will, sẽ, wird; the bare Vietnamese "đạt");
5. a strong cue later in the sentence ("By 2023, 96 communes had met ...");
6. a strong time limit in the same segment ("100% ... before 2025").

An achievement verb right after a goal cue is part of the goal ("phấn đấu hoàn thành",
"soll erreicht werden"), so it is dropped unless an explicit marker ("đã", "has")
stands between them. "exceeded the target" / "hoàn thành chỉ tiêu" reports a target met
and counts as F.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import lexicon


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    polarity: str  # "T" or "F"
    strong: bool


@dataclass(frozen=True)
class _Patterns:
    t_strong: re.Pattern[str]
    t_weak: re.Pattern[str]
    f_marker: re.Pattern[str]
    f_verb: re.Pattern[str]
    f_weak: re.Pattern[str]
    t_met: re.Pattern[str]
    heading_result: re.Pattern[str]
    baseline_before: re.Pattern[str]
    present_after: re.Pattern[str]
    continuation: re.Pattern[str]


def _rx(words: tuple[str, ...]) -> re.Pattern[str]:
    if not words:
        return re.compile(r"(?!x)x")
    alt = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.I)


@cache
def _patterns(lang: str) -> _Patterns:
    lx = lexicon(lang)
    return _Patterns(
        t_strong=_rx(lx.target_strong),
        t_weak=_rx(lx.target_weak),
        f_marker=_rx(lx.figure_marker),
        f_verb=_rx(lx.figure_verb),
        f_weak=_rx(lx.figure_weak_verb),
        t_met=_rx(lx.target_met),
        heading_result=_rx(lx.heading_result),
        baseline_before=re.compile(rf"(?<!\w)(?:{_alt(lx.baseline_before)})\s*(?:\w+\s+)?$", re.I),
        present_after=re.compile(rf"^\s*(?:{_alt(lx.present_after)})(?!\w)", re.I),
        continuation=re.compile(rf"^\W*(?:{_alt(lx.continuation)})(?!\w)", re.I),
    )


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True)) or "(?!x)x"


def is_baseline(text: str, clause_start: int, num_start: int, unit_end: int, clause_end: int, lang: str) -> bool:
    """A number given as a baseline or the present state is a figure even inside a goal:
    "45% ..., up from 28% at present", "75 % ..., contre 12 % aujourd'hui", "so với mức 5,4%"."""
    p = _patterns(lang)
    before = text[max(clause_start, num_start - 40):num_start]
    if p.baseline_before.search(before):
        return True
    return bool(p.present_after.match(text[unit_end:clause_end]))


def goal_cue_at(text: str, pos: int, lang: str) -> bool:
    """A goal word right at ``pos`` (after spaces and an auxiliary): "aim", "phấn đấu", "wollen"."""
    m = re.match(r"\s+(?:(?:will|sẽ|đều|cùng|also|all)\s+)?", text[pos:pos + 20])
    start = pos + (m.end() if m else 0)
    hit = _patterns(lang).t_strong.match(text, start)
    return hit is not None


def continues_previous(text: str, start: int, end: int, lang: str) -> bool:
    """A sentence opening with "Trong đó," / "Of these," continues the one before it."""
    return bool(_patterns(lang).continuation.match(text[start:min(end, start + 40)]))


def find_cues(text: str, start: int, end: int, lang: str) -> list[Cue]:
    p = _patterns(lang)
    met = [(m.start(), m.end()) for m in p.t_met.finditer(text, start, end)]
    markers = [m.span() for m in p.f_marker.finditer(text, start, end)]
    t_cues = [Cue(m.start(), m.end(), "T", True) for m in p.t_strong.finditer(text, start, end)]
    t_cues += [Cue(m.start(), m.end(), "T", False) for m in p.t_weak.finditer(text, start, end)]
    # A goal noun inside "exceeded the target" is not a goal cue.
    t_cues = [c for c in t_cues if not any(s <= c.start < e for s, e in met)]
    cues: list[Cue] = list(t_cues)
    cues += [Cue(s, e, "F", True) for s, e in met]
    # Overlapping cues: the longer one wins ("har som mål" is a goal, not the marker "har").
    goal_spans = [(c.start, c.end) for c in t_cues if c.strong]
    cues += [Cue(s, e, "F", True) for s, e in markers if not any(ms <= s < me for ms, me in met)
             and not any(gs <= s < ge and ge - gs > e - s for gs, ge in goal_spans)]
    for rx, strong in ((p.f_verb, True), (p.f_weak, False)):
        for m in rx.finditer(text, start, end):
            if any(s <= m.start() < e for s, e in met):
                continue
            if any(c.start < m.start() < c.end for c in t_cues):
                continue  # "vượt" inside "không vượt quá" (not more than)
            if _scoped_by_goal(m.start(), t_cues, markers):
                continue
            cues.append(Cue(m.start(), m.end(), "F", strong))
    cues.sort(key=lambda c: c.start)
    return cues


def _scoped_by_goal(pos: int, t_cues: list[Cue], markers: list[tuple[int, int]]) -> bool:
    before = [c for c in t_cues if c.end <= pos]
    if not before:
        return False
    last_goal = max(c.end for c in before)
    return not any(last_goal <= s < pos for s, _ in markers)


def decide(pos: int, cues: list[Cue], clause: tuple[int, int], section_mode: str | None,
           strong_deadline_in_segment: bool) -> tuple[str | None, str]:
    """(mode, how): mode is "T", "F" or None; ``how`` says which rule decided."""
    strong_before = [c for c in cues if c.strong and c.end <= pos]
    if strong_before:
        return strong_before[-1].polarity, "strong"
    cs, ce = clause
    strong_after_clause = [c for c in cues if c.strong and c.start >= pos and c.start < ce]
    if strong_after_clause:
        return strong_after_clause[0].polarity, "strong"
    if section_mode:
        return section_mode, "section"
    weak_before = [c for c in cues if not c.strong and c.end <= pos]
    if weak_before:
        return weak_before[-1].polarity, "weak"
    weak_after = [c for c in cues if not c.strong and c.start >= pos and c.start < ce]
    if weak_after:
        return weak_after[0].polarity, "weak"
    strong_after = [c for c in cues if c.strong and c.start >= pos]
    if strong_after:
        return strong_after[0].polarity, "strong-late"
    if strong_deadline_in_segment:
        return "T", "deadline"
    return None, "none"


_PRESENT = {
    "en": {"is", "are", "has", "have", "reaches", "reach", "stands", "stays", "remains", "totals", "exceeds"},
    "vi": {"đạt", "hoàn thành", "vượt", "là", "có", "chiếm"},
    "de": {"hat", "haben", "beträgt", "liegt", "erreicht"},
    "fr": {"est", "sont", "atteint", "a", "ont", "compte"},
    "no": {"har", "er", "utgjør", "ligger"},
}


def is_present_state(word: str, lang: str) -> bool:
    """A cue in the present tense ("is", "reaches", "đạt", "beträgt", "atteint") or an
    achievement verb ("trained workers", "reached"): in an item of a list of goals neither
    makes a result; only a marker such as "had", "đã", "bisher" does."""
    if " ".join(word.lower().split()) in _PRESENT.get(lang, _PRESENT["en"]):
        return True
    p = _patterns(lang)
    return bool(p.f_verb.fullmatch(word) or p.f_weak.fullmatch(word))


def heading_mode(text: str, lang: str) -> str | None:
    """The mode a heading sets for the lines under it, if it names goals or results."""
    p = _patterns(lang)
    if p.heading_result.search(text) or p.f_marker.search(text):
        return "F"
    if p.t_strong.search(text):
        return "T"
    return None
