"""Search that ignores diacritics and case: "thanh pho lang son" finds "Thành phố Lạng Sơn".

One function, ``fold``, defines the comparison; the database applies the same folding
through ``Folded``: on PostgreSQL ``lower(unaccent(...))`` (the unaccent extension, created
by the core migration), on SQLite a Python function registered on each connection.
"""

from __future__ import annotations

import unicodedata

from django.db.models import CharField, Func, Value
from django.db.models.functions import Coalesce, Concat

SQLITE_FUNCTION = "MANDATE_FOLD"


def fold(text) -> str:
    """Lower case, without diacritics (đ → d), spaces collapsed."""
    if text is None:
        return ""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return " ".join(text.lower().split())


class Folded(Func):
    """The folded text of an expression, in SQL."""

    function = SQLITE_FUNCTION
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # unaccent maps đ to d as well; whitespace is folded in Python only (rarely matters).
        return self.as_sql(compiler, connection, template="LOWER(UNACCENT(%(expressions)s))", **extra_context)


def folded_fields(*names):
    """The fields joined by spaces and folded: one expression to filter with ``__contains``."""
    parts = []
    for name in names:
        if parts:
            parts.append(Value(" "))
        parts.append(Coalesce(name, Value(""), output_field=CharField()))
    return Folded(Concat(*parts, output_field=CharField()) if len(parts) > 1 else parts[0])


def matching(queryset, q: str, *fields):
    """Rows of ``queryset`` whose ``fields`` contain every word of ``q``, folded."""
    words = fold(q).split()
    if not words:
        return queryset.none()
    qs = queryset.annotate(_search=folded_fields(*fields))
    for word in words:
        qs = qs.filter(_search__contains=word)
    return qs


def register_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)


__all__ = ["fold", "Folded", "folded_fields", "matching"]
