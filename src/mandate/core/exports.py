"""Writing user text into exports as text, never as a formula.

A spreadsheet program evaluates a cell that starts with "=" (and, in CSV, also "+", "-",
"@", tab or carriage return): a reporter's "result" of `=HYPERLINK(...)` would run in an
approver's export. Every export in Mandate writes rows through these helpers.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def append_row(ws, values: Iterable) -> None:
    """`ws.append(values)` for an openpyxl worksheet, with every string cell typed as text."""
    values = list(values)
    ws.append(values)
    row = ws.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            # openpyxl marks a string starting with "=" as a formula; an explicit string
            # type is written as an inline string that no spreadsheet evaluates.
            ws.cell(row=row, column=column).data_type = "s"


def set_text(cell, value) -> None:
    """Assign one cell; strings are kept as text."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def csv_safe(value):
    """A CSV field that a spreadsheet opens as text (OWASP's advice: a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
