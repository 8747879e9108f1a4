"""Vietnamese directive-document numbers: parse, validate, normalise.

Pure Python (no Django) so that the text extractor can use the same rules.
The styles in use:

- Party style   ``150-KH/TU``        sequence-KIND/ISSUER
- State style   ``129/KH-UBND``      sequence/KIND-ISSUER
- Legal style   ``35/2023/UBTVQH15``  sequence/year/ISSUER   (kind implied by the issuer)
                ``35/2023/NĐ-CP``     sequence/year/KIND-ISSUER
optionally preceded by "số", "Số", "No.", "No", "Number", and with "Đ" or "D" alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# kind code → document kind (English slug used across Mandate)
KIND_CODES: dict[str, str] = {
    "NQ": "resolution",
    "KH": "plan",
    "KL": "conclusion",
    "CT": "directive",
    "QĐ": "decision",
    "QD": "decision",
    "BC": "report",
    "CTR": "programme",
    "TB": "notice",
    "HD": "guidance",
    "HĐ": "guidance",
    "TTR": "submission",
    "CV": "letter",
    "ND": "decree",
    "NĐ": "decree",
    "TT": "circular",
    "L": "law",
}
# A Party "QĐ" numbered under the Central Committee is a regulation (quy định) when it
# sets rules for members; the kind can be corrected on the record.
PARTY_ISSUERS = {"TW", "TU", "HU", "ĐU", "DU", "QU", "TƯ"}

# Issuers known without a kind in the number (legal style) and the kind they imply.
ISSUER_DEFAULT_KIND = {"UBTVQH": "resolution", "QH": "law"}

_PREFIX = r"(?:(?:s[ốo]|No\.?|Number|Nr\.?)\s*:?\s*)?"
_CODE = r"[A-ZĐ]{1,8}"
_ISSUER = r"[A-ZĐ]{1,10}\d{0,2}"
_SEQ = r"\d{1,5}[a-z]?"

_PARTY = re.compile(rf"^{_PREFIX}(?P<seq>{_SEQ})\s*-\s*(?P<kind>{_CODE})\s*/\s*(?P<issuer>{_ISSUER})$", re.I)
_STATE = re.compile(rf"^{_PREFIX}(?P<seq>{_SEQ})\s*/\s*(?P<kind>{_CODE})\s*-\s*(?P<issuer>{_ISSUER}(?:-[A-ZĐ]{{1,10}})?)$", re.I)
_LEGAL = re.compile(
    rf"^{_PREFIX}(?P<seq>{_SEQ})\s*/\s*(?P<year>(?:19|20)\d\d)\s*/\s*(?:(?P<kind>{_CODE})\s*-\s*)?(?P<issuer>{_ISSUER})$",
    re.I,
)
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")


class InvalidNumber(ValueError):
    """The text is not a document number; the message says what is wrong (in English;
    callers translate through ``reason_code``)."""

    def __init__(self, message: str, reason_code: str):
        super().__init__(message)
        self.reason_code = reason_code


@dataclass(frozen=True)
class DocumentNumber:
    printed: str  # normalised spacing and dashes, letters as printed (Đ kept)
    sequence: int
    sequence_suffix: str
    year: int | None
    kind_code: str
    issuer_code: str
    style: str  # party | state | legal

    @property
    def kind(self) -> str:
        if self.kind_code:
            kind = KIND_CODES.get(self.kind_code.upper(), "other")
            if kind == "decision" and self.style == "party":
                return "regulation"
            return kind
        base = re.sub(r"\d+$", "", self.issuer_code.upper())
        return ISSUER_DEFAULT_KIND.get(base, "other")

    @property
    def key(self) -> str:
        """Comparison key: upper case, Đ→D, no spaces; the same for 37-QĐ/TW and 37-QD/TW."""
        return number_key(self.printed)


def number_key(text: str) -> str:
    s = unicodedata.normalize("NFC", str(text)).upper().translate(_DASHES)
    return s.replace("Đ", "D").replace(" ", "")


def parse_number(text: str) -> DocumentNumber:
    raw = unicodedata.normalize("NFC", (text or "").strip()).translate(_DASHES)
    if not raw:
        raise InvalidNumber("The document number is empty.", "empty")
    if not re.search(r"\d", raw):
        raise InvalidNumber("A document number starts with its sequence number, e.g. 150-KH/TU.", "no_sequence")
    if "/" not in raw:
        raise InvalidNumber(
            "A document number has a slash between the sequence or kind and the issuer, e.g. 150-KH/TU or 129/KH-UBND.",
            "no_slash",
        )
    for style, pattern in (("legal", _LEGAL), ("party", _PARTY), ("state", _STATE)):
        m = pattern.match(raw)
        if not m:
            continue
        seq = m.group("seq")
        digits = re.match(r"\d+", seq).group(0)
        if int(digits) == 0:
            raise InvalidNumber("The sequence number of a document cannot be 0.", "zero_sequence")
        kind = (m.group("kind") or "").upper()
        issuer = m.group("issuer").upper()
        # The printed number keeps the issuer's own case (90/QĐ-TTg, the Prime Minister); the
        # code used for lookups and uniqueness is upper case. All-lower-case input is a typing
        # shortcut, not a spelling, and is printed in upper case.
        typed_issuer = m.group("issuer")
        issuer_printed = typed_issuer if typed_issuer != typed_issuer.lower() else issuer
        if kind and kind not in KIND_CODES:
            raise InvalidNumber(
                f"'{kind}' is not a known kind of document (NQ, KH, KL, CT, QĐ, BC, CTr, TB...).", "unknown_kind"
            )
        if not kind and style == "legal" and re.sub(r"\d+$", "", issuer) not in ISSUER_DEFAULT_KIND:
            raise InvalidNumber("The number does not say what kind of document it is.", "no_kind")
        year = int(m.group("year")) if style == "legal" else None
        kind_printed = "CTr" if kind == "CTR" else kind
        if style == "party":
            printed = f"{seq}-{kind_printed}/{issuer_printed}"
        elif style == "state":
            printed = f"{seq}/{kind_printed}-{issuer_printed}"
        else:
            printed = f"{seq}/{year}/" + (f"{kind_printed}-" if kind else "") + issuer_printed
        return DocumentNumber(printed=printed, sequence=int(digits), sequence_suffix=seq[len(digits):],
                              year=year, kind_code=kind_printed, issuer_code=issuer, style=style)
    raise InvalidNumber(
        "This is not a document number in a known style: expected e.g. 150-KH/TU, 129/KH-UBND or 35/2023/UBTVQH15.",
        "unknown_style",
    )
