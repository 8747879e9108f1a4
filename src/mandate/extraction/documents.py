"""Directive documents cited by number: ``150-KH/TU``, ``129/KH-UBND``, ``35/2023/UBTVQH15``.

Candidates are found with one permissive pattern and then validated and normalised by
the project's single number parser, :mod:`mandate.documents.numbering` (pure Python, no
Django), so the import screen and the document register agree on what a number is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from mandate.documents.numbering import InvalidNumber, parse_number

from .dates import TimeExpr
from .lexicon import lexicon

_CODE = r"[A-ZĐ][A-Za-zĐđ]{0,7}"
# Issuer codes are capitals, but a few mix cases: QĐ-TTg (the Prime Minister), NQ-BCSĐ...
_ISSUER = r"(?:[A-ZĐ]{1,10}\d{0,2}|[A-ZĐ]{1,4}[a-zđ]{1,2}[A-ZĐ]{0,4})"
CANDIDATE = re.compile(
    rf"(?<![\w/.-])\d{{1,5}}[a-z]?\s?(?:"
    rf"-\s?{_CODE}\s?/\s?{_ISSUER}"  # party style 150-KH/TU
    rf"|/\s?(?:19|20)\d\d\s?/\s?(?:{_CODE}\s?-\s?)?{_ISSUER}"  # legal style 35/2023/UBTVQH15, 15/2023/NĐ-CP
    rf"|/\s?{_CODE}\s?-\s?{_ISSUER}(?:-{_ISSUER})?"  # state style 129/KH-UBND
    rf")(?![\w-])"
)
# A sentence ends at . ! ? before a capital letter ("No. 150" does not end one), or a newline.
_SENTENCE_END = re.compile(r"[.!?](?=\s+[^\W\d_])(?<!No\.)(?<!Nr\.)|\n")
_QUOTED = re.compile(r'^\s*"([^"\n]{3,200})"')


@dataclass
class Document:
    number: str
    kind: str
    issuer: str
    start: int
    end: int
    date: str | None = None
    title: str | None = None
    issuer_name: str | None = None

    def as_dict(self) -> dict:
        return {"number": self.number, "kind": self.kind, "date": self.date, "issuer": self.issuer,
                "issuer_name": self.issuer_name, "title": self.title, "start": self.start, "end": self.end}


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lx = lexicon(lang)
    words = {"en": r"dated|of|issued\s+on", "vi": r"ngày|ban\s+hành\s+ngày|của", "de": r"vom|von|datiert",
             "fr": r"du|en\s+date\s+du|daté\w*", "no": r"datert|av|fra"}[lang if lang in {"en", "vi", "de", "fr", "no"} else "en"]
    # Between a number and its date: ", dated", " ngày", " vom", nothing at all.
    date_gap = re.compile(rf"^\s*[,(]?\s*(?:(?:{words})\s+)?(?:the\s+|le\s+|den\s+)?$", re.I)
    link = re.compile(
        rf"^\s*(?:{'|'.join(lx.doc_date_links)})\s*(?:[^\W\d_]+\s+){{0,3}}?(?:No\.?|số|Nr\.?|n°)?\s*$", re.I
    )
    issue = re.compile(rf"\b(?:{'|'.join(lx.issue_verbs)})\b", re.I)
    title = re.compile(rf"(?:^|\s)(?:{'|'.join(lx.title_preps)})\s+", re.I)
    return date_gap, link, issue, title


def find_documents(text: str, lang: str, times: list[TimeExpr]) -> list[Document]:
    docs: list[Document] = []
    seen: set[str] = set()
    for m in CANDIDATE.finditer(text):
        try:
            parsed = parse_number(m.group(0))
        except InvalidNumber:
            continue
        issuer = re.sub(r"\d+$", "", parsed.issuer_code)
        kind = parsed.kind if parsed.kind_code else (_kind_named_before(text, m.start()) or parsed.kind)
        doc = Document(number=parsed.printed, kind=kind, issuer=issuer, start=m.start(), end=m.end())
        docs.append(doc)
    _attach_dates(text, lang, docs, times)
    _attach_titles(text, lang, docs, times)
    _attach_issuer_names(text, lang, docs, times)
    out: list[Document] = []
    for d in docs:  # one entry per number; the first mention that carries a date wins
        key = d.number.upper().replace("Đ", "D")
        if key in seen:
            for o in out:
                if o.number.upper().replace("Đ", "D") == key:
                    o.date = o.date or d.date
                    o.title = o.title or d.title
                    o.issuer_name = o.issuer_name or d.issuer_name
            continue
        seen.add(key)
        out.append(d)
    return out


# "Resolution No. 158/2024/QH15", "Nghị quyết số 158/2024/QH15": a legal-style number names
# no kind, so the word before it does (the issuer alone would say "law").
_KIND_WORDS = (
    ("resolution", r"resolution|nghị\s+quyết|beschluss|entschließung|résolution|resolusjon|vedtak"),
    ("decision", r"decision|quyết\s+định|entscheidung|décision|beslutning"),
    ("plan", r"plan|kế\s+hoạch|aktionsplan|handlingsplan"),
    ("directive", r"directive|chỉ\s+thị|richtlinie|direktiv"),
    ("conclusion", r"conclusion|kết\s+luận"),
    ("decree", r"decree|nghị\s+định|verordnung|décret|forskrift"),
    ("circular", r"circular|thông\s+tư|rundschreiben|circulaire|rundskriv"),
    ("law", r"law|luật|gesetz|loi|lov"),
)
_KIND_BEFORE = re.compile(
    r"(?:^|(?<=\W))(?:" + "|".join(f"(?P<{k}>{rx})" for k, rx in _KIND_WORDS) + r")\s*(?:No\.?|Nr\.?|n°|số|nummer)?\s*$",
    re.I,
)


def _kind_named_before(text: str, start: int) -> str | None:
    m = _KIND_BEFORE.search(text[max(0, start - 30):start])
    if not m:
        return None
    return next(k for k, v in m.groupdict().items() if v)


def _attach_dates(text: str, lang: str, docs: list[Document], times: list[TimeExpr]) -> None:
    date_gap, link, issue, _ = _patterns(lang)
    days = [t for t in times if t.kind == "day"]
    for d in docs:
        for t in days:
            if d.end <= t.start <= d.end + 40 and date_gap.match(text[d.end:t.start]):
                d.date = t.iso
                t.is_doc_date = True
                break
    # "Resolution 18-NQ/TW and Resolution 19-NQ/TW dated 25/10/2017": the date is shared.
    for i in range(len(docs) - 2, -1, -1):
        a, b = docs[i], docs[i + 1]
        if a.date is None and b.date and b.start - a.end < 60 and link.match(text[a.end:b.start]):
            a.date = b.date
    # "On 24 February 2023, the Party Committee issued Plan No. 150-KH/TU".
    for d in docs:
        if d.date:
            continue
        bounds = [m.end() for m in _SENTENCE_END.finditer(text, max(0, d.start - 400), d.start)]
        sent_start = bounds[-1] if bounds else max(0, d.start - 400)
        before = [t for t in days if sent_start <= t.start and t.end <= d.start and d.start - t.end < 160]
        if before:
            t = before[-1]
            between = text[t.end:d.start]
            if issue.search(between) and not CANDIDATE.search(between):
                d.date = t.iso
                t.is_doc_date = True


def _attach_titles(text: str, lang: str, docs: list[Document], times: list[TimeExpr]) -> None:
    _, _, _, title_re = _patterns(lang)
    ends = {t.start: t.end for t in times}
    for d in docs:
        pos = d.end
        # Skip the date, "of the Standing Committee"/"của Ban Thường vụ" up to the title word.
        window = text[pos:pos + 220]
        cut = re.search(r"[;\n]|\.\s", window)
        if cut:
            window = window[:cut.start()]
        m = title_re.search(window)
        if not m:
            continue
        rest_start = pos + m.end()
        if any(s <= rest_start < e for s, e in ends.items()):
            continue
        rest = text[rest_start:rest_start + 200]
        q = _QUOTED.match(rest)
        if q:
            d.title = q.group(1).strip()
            continue
        stop = re.search(r'[;\n(",)]|\.\s|\s+(?:dated|ngày)\s', rest)
        phrase = rest[:stop.start()] if stop else rest
        phrase = phrase.strip(" ,.:")
        if len(phrase) > 120:
            phrase = phrase[:120].rsplit(" ", 1)[0] + "…"
        if len(phrase.split()) >= 2:
            d.title = phrase


# The body that issued a document, as the text names it: "Nghị quyết số 58/NQ-HĐND ngày 8/12/2023
# của Hội đồng nhân dân tỉnh về ...", "Plan 129/KH-UBND of the City People's Committee on ...".
_ISSUER_AFTER = {
    "vi": re.compile(r"^\s*(?:,\s*)?(?:ngày\s+\S+\s+)?của\s+((?:[^\W\d_][\w'’-]*\s*){1,9})"),
    "en": re.compile(r"^\s*(?:,\s*)?(?:dated\s+[^,]{4,20}?\s+)?(?:of|by|from)\s+the\s+((?:[^\W\d_][\w'’-]*\s*){1,9})", re.I),
    "de": re.compile(r"^\s*(?:,\s*)?(?:vom\s+[^,]{4,20}?\s+)?(?:der|des)\s+((?:[^\W\d_][\w'’-]*\s*){1,8})"),
    "fr": re.compile(r"^\s*(?:,\s*)?(?:du\s+\d[^,]{4,20}?\s+)?(?:du|de\s+la|de\s+l'|des)\s*((?:[^\W\d_][\w'’-]*\s*){1,8})",
                     re.I),
}
_ISSUER_STOP = {
    "vi": r"\s+(?:về|ngày|số|năm|đã|đề|phê|ban\s+hành|quy\s+định|triển|thực|và|trong|tại|với|nhằm|để|thì|là|có|được)\b.*$",
    "en": r"\s+(?:on|dated|in|for|to|and|which|that|was|is|has|sets|set|aims|with|under|at)\b.*$",
    "de": r"\s+(?:über|zur|zum|vom|im|in|für|und|mit|ist|hat|wurde|sieht|soll)\b.*$",
    "fr": r"\s+(?:sur|relatif|relative|portant|du|en|pour|et|qui|a|est|fixe|vise)\b.*$",
}


def _attach_issuer_names(text: str, lang: str, docs: list[Document], times: list[TimeExpr]) -> None:
    rx = _ISSUER_AFTER.get(lang)
    if rx is None:
        return
    dated = sorted((t.start, t.end) for t in times if t.is_doc_date)
    starts = [s for s, _e in dated]
    for d in docs:
        pos = d.end
        i = bisect_left(starts, pos)
        if i < len(dated) and dated[i][0] <= pos + 12:  # skip the issue date right after the number
            pos = dated[i][1]
        m = rx.match(text[pos:pos + 160].split("\n")[0])
        if not m:
            continue
        name = re.sub(_ISSUER_STOP[lang], "", m.group(1).strip(), flags=re.I if lang != "de" else 0).strip(" ,.;")
        if name and name[:1].isupper() and 1 <= len(name.split()) <= 9:
            d.issuer_name = name
