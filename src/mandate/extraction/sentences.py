"""Lines, sentences, segments and clauses, with offsets into the text.

A *sentence* ends at . ! ? before a capital letter (not after "No.", "Mr.", "TS." or, in
German and Norwegian, after a number: "den 18. Lang Son" is an ordinal). A *segment* is
a part of a sentence between semicolons or a colon: items of a list of targets. A *clause*
is a part between commas or brackets: the scope in which a cue word is looked for after
a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "no", "nos", "nr", "mr", "mrs", "ms", "dr", "st", "co", "ltd", "inc", "vs", "e.g", "i.e", "cf", "tp", "ts",
    "ths", "gs", "pgs", "bs", "ks", "z.b", "bzw", "ca", "art", "abs", "s", "p", "pp", "vol", "fig", "tel", "approx",
    "n°", "m", "mme", "mlle", "jan", "feb", "febr", "aug", "sept", "oct", "nov", "dec", "etc", "mio", "mrd", "tr",
    "gen", "lt", "col", "maj", "capt", "prof", "sen", "rep", "gov", "hon", "u.s", "kl", "jf", "nb", "osv", "bl.a",
}
_END = re.compile(r"([.!?…]+)([\"')\]]*)(\s+)")
_BULLET = re.compile(r"^\s*(?:[-+•*–·▪●○]|\(?[a-zđ]\)|\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\.(?=\s))\s*", re.I)
_NUMBERED_HEADING = re.compile(
    r"^\s*(?:[IVXLC]{1,5}\.|[A-Z]\.|\d{1,2}(?:\.\d{1,2})*\.?|(?:Phần|Chương|Mục|PHẦN|CHƯƠNG)\s+\w+\.?"
    r"|(?:Điều|ĐIỀU|Article|Artikel|Article|Artikkel|§)\s*\d+[a-z]?\.?)\s+",
    re.U,
)
_SEGMENT = re.compile(r";|:(?!\d)")
_CLAUSE = re.compile(r",(?!\d)|[;:()…]|\s-\s|\.\.\.")


@dataclass
class Line:
    start: int
    end: int
    text: str
    is_bullet: bool
    is_heading: bool
    is_top_heading: bool


@dataclass
class Sentence:
    start: int
    end: int
    line: Line


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start += lead
        end = start + len(stripped)
        is_bullet = bool(_BULLET.match(stripped)) and not _NUMBERED_HEADING.match(stripped) or stripped[:1] in "-+•*–·▪●○"
        short = len(stripped) <= 160
        upper_share, letters = 0.0, ""
        if short:
            letters = "".join(filter(str.isalpha, stripped))
            upper_share = sum(map(str.isupper, letters)) / len(letters) if letters else 0.0
        terminal = stripped[-1] in ".;!?…"
        is_top = short and (upper_share > 0.8 and len(letters) >= 4 or bool(re.match(r"^[IVXLC]{1,5}\.\s", stripped)))
        is_heading = short and not terminal and (
            is_top or bool(_NUMBERED_HEADING.match(stripped)) or stripped.endswith(":")
        )
        lines.append(Line(start, end, stripped, is_bullet and not is_heading, is_heading, is_top))
    return lines


def split_sentences(text: str, lines: list[Line], lang: str) -> list[Sentence]:
    out: list[Sentence] = []
    digit_ordinals = lang in ("de", "no")
    for line in lines:
        s = line.start
        for m in _END.finditer(text, line.start, line.end):
            punct_start = m.start(1)
            nxt = m.end()
            if nxt >= line.end:
                break
            follower = text[nxt]
            if not (follower.isupper() or follower in "\"'(“" or (follower.isdigit() and m.group(1) != ".")):
                continue
            if m.group(1) == ".":
                word = re.search(r"([\w.°]+)$", text[max(line.start, punct_start - 12):punct_start])
                w = word.group(1).lower() if word else ""
                if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                    continue
                if digit_ordinals and w.isdigit() and len(w) <= 3:
                    continue
            out.append(Sentence(s, m.end(1) + len(m.group(2)), line))
            s = nxt
        if s < line.end:
            out.append(Sentence(s, line.end, line))
    return out


def segment_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the ;/: separated segments of text[start:end]."""
    bounds, s = [], start
    for m in _SEGMENT.finditer(text, start, end):
        bounds.append((s, m.start()))
        s = m.end()
    bounds.append((s, end))
    return bounds


def clause_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds, s = [], start
    for m in _CLAUSE.finditer(text, start, end):
        bounds.append((s, m.start()))
        s = m.end()
    bounds.append((s, end))
    return bounds


def containing(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in bounds:
        if s <= pos <= e:
            return s, e
    return bounds[-1]
