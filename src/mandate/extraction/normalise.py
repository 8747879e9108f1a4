"""Text normalisation before extraction.

Unicode NFC (Vietnamese text from Word is often decomposed), one kind of dash, quote
and space. All replacements but NFC, CRLF and invisible characters keep the length, so
offsets reported by the extractor refer to the normalised text.
"""

from __future__ import annotations

import re
import unicodedata

_ONE_FOR_ONE = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ",
        "\u2003": " ", "\u3000": " ", "\t": " ", "\u2018": "'", "\u2019": "'", "\u201a": "'",
        "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2039": '"', "\u203a": '"', "\u2024": ".", "\uff05": "%",
    }
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return text.translate(_ONE_FOR_ONE)
