"""The name of what a target measures, read around its number: "Phấn đấu tỷ lệ hộ nghèo giảm
xuống còn 2,5%" → "tỷ lệ hộ nghèo"; "raise the recycling rate to 60%" → "recycling rate".

The words before the number, after the last goal cue or comma, with leading time phrases
and trailing verbs and comparators removed; when nothing is left, the words after the
number ("đạt 95% hồ sơ được giải quyết trực tuyến"), else the counted noun. The import
screen proposes it as the indicator; the sentence stays with the target as its source.
"""

from __future__ import annotations

import re

from .classify import _patterns

_TIME_LEAD = re.compile(
    r"^(?:(?:đến|tới|trong|vào|hết|cuối|by|in|until|before|bis|im|in|d'ici|en|innen|til|i)\s+)?(?:(?:năm|the\s+end\s+of|"
    r"Ende)\s+)?(?:19|20)\d\d(?:\s*-\s*(?:19|20)?\d\d)?\s*,?\s*", re.I)
_TIME_TAIL = re.compile(r"\s+(?:d'ici|by|before|until|bis|vor|trước|đến|tới|chậm\s+nhất|innen|avant|jusqu'\w*|en|in|vào|năm)"
                        r"\s.*$", re.I)
_EDGE_WORDS = {
    "vi": {"đạt", "là", "giảm", "tăng", "xuống", "còn", "lên", "ở", "mức", "trên", "dưới", "ít", "nhất", "tối", "thiểu",
           "đa", "không", "quá", "khoảng", "từ", "bình", "quân", "hằng", "năm", "mỗi", "có", "thêm", "phấn", "đấu",
           "và", "đến", "tới", "trong", "đó", "cụ", "thể", "được", "sẽ", "cần", "phải", "đảm", "bảo", "hơn", "với",
           "so", "tiếp", "tục", "nâng", "duy", "trì", "chiếm", "toàn", "cả", "của", "gần", "hoàn", "thành", "vượt"},
    "en": {"to", "the", "a", "an", "reach", "reaches", "raise", "increase", "reduce", "cut", "bring", "lift", "lower",
           "be", "is", "are", "at", "least", "most", "of", "by", "and", "have", "has", "more", "than", "over", "under",
           "below", "above", "about", "nearly", "some", "up", "down", "will", "shall", "should", "must", "achieve",
           "stay", "stays", "keep", "from", "with", "its", "their", "for", "also", "further", "grow", "rise", "set"},
    "de": {"auf", "um", "von", "bis", "der", "die", "das", "den", "dem", "soll", "sollen", "wird", "werden", "mindestens",
           "höchstens", "über", "unter", "rund", "etwa", "zu", "und", "liegt", "bei", "beträgt", "eine", "ein", "einen"},
    "fr": {"à", "de", "des", "du", "la", "le", "les", "l'", "d'", "au", "moins", "plus", "porter", "atteindre", "réduire",
           "augmenter", "est", "sont", "un", "une", "et", "passe", "environ", "près", "sur"},
    "no": {"til", "med", "på", "av", "minst", "høyst", "over", "under", "skal", "være", "er", "og", "en", "et", "øke",
           "redusere", "nå"},
}
_MAX_WORDS = 10


def indicator_name(text: str, seg: tuple[int, int], num_start: int, unit_end: int, unit: str | None,
                   lang: str) -> str:
    """A short name for the target at ``num_start`` (see the module's docstring)."""
    edge = _EDGE_WORDS.get(lang, _EDGE_WORDS["en"])
    left = text[seg[0]:num_start]
    cues = list(_patterns(lang).t_strong.finditer(left))
    if cues:
        left = left[cues[-1].end():]
    left = re.split(r"[,;:()]", left)[-1]
    name = _trim(_TIME_LEAD.sub("", left.strip()), edge)
    counted = unit and unit not in ("%", "VND", "USD", "EUR")
    if counted and len(name.split()) <= 3:
        return f"{name} {unit}".strip()  # "kết nạp 30 đảng viên mới" → "kết nạp đảng viên mới"
    if name and len(name.split()) <= _MAX_WORDS and (len(name.split()) >= 2 or unit in ("%", "VND", "USD", "EUR")):
        return name
    right = re.split(r"[,;:()]|\s-\s|\.(?:\s|$)", text[unit_end:seg[1]])[0]
    right = _TIME_TAIL.sub("", right)
    after = _trim(re.sub(r"^(?:d'|de\s+|of\s+)", "", right.strip()), edge)
    if unit == "%" and after and len(after.split()) <= _MAX_WORDS * 2:
        return after
    return name or after or (unit if counted else "") or ""


def _trim(phrase: str, edge: set[str]) -> str:
    words = phrase.split()
    while words and words[0].lower().strip(",.") in edge:
        words.pop(0)
    while words and words[-1].lower().strip(",.") in edge:
        words.pop()
    return " ".join(words).strip(" ,.;:-")
