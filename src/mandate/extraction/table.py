"""The ``--format table`` rendering: the same result, laid out for reading."""

from __future__ import annotations

_COMPARATOR = {"equal": "=", "at_least": "≥", "at_most": "≤", "between": "–", "increase_by": "+", "decrease_by": "−"}


def _num(v: float | int | None) -> str:
    if v is None:
        return ""
    if isinstance(v, int) or float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.4g}" if abs(v) >= 1000 else f"{v:g}"


def _value(item: dict) -> str:
    comp = item.get("comparator", "equal")
    if item.get("value_max") is not None:
        return f"{_num(item['value'])}–{_num(item['value_max'])}"
    sign = _COMPARATOR.get(comp, "")
    return f"{'' if comp == 'equal' else sign + ' '}{_num(item['value'])}"


def _grid(headers: list[str], rows: list[list[str]]) -> str:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(out) + "\n"


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def render_table(result: dict) -> str:
    parts = [f"Language: {result['language']}\n"]
    docs = result.get("documents", [])
    parts.append(f"\nDocuments ({len(docs)})\n")
    if docs:
        parts.append(_grid(["number", "kind", "issuer", "date", "title"],
                           [[d["number"], d["kind"], d.get("issuer") or "", d.get("date") or "",
                             _short(d.get("title") or "", 50)] for d in docs]))
    for key, title in (("targets", "Targets"), ("figures", "Figures")):
        items = result.get(key, [])
        parts.append(f"\n{title} ({len(items)})\n")
        if not items:
            continue
        headers = ["value", "unit", "comparator"] + (["deadline"] if key == "targets" else []) + ["text"]
        rows = []
        for it in items:
            row = [_value(it), it.get("unit") or "", it.get("comparator", "")]
            if key == "targets":
                row.append(it.get("deadline") or "")
            row.append(_short(it.get("text", "")))
            rows.append(row)
        parts.append(_grid(headers, rows))
    dl = result.get("deadlines", [])
    parts.append(f"\nDeadlines ({len(dl)})\n")
    parts += [f"  {d}\n" for d in dl]
    tasks = result.get("assignments", [])
    parts.append(f"\nAssignments ({len(tasks)})\n")
    if tasks:
        parts.append(_grid(["lead unit", "coordinating", "deadline", "action"],
                           [[_short(a["lead_unit"], 40), _short(", ".join(a.get("coordinating_units") or []), 40),
                             a.get("deadline") or "", _short(a.get("action") or "", 60)] for a in tasks]))
    return "".join(parts)
