"""Charts drawn on the server as SVG: no JavaScript library, nothing fetched at run time.

Each builder returns a ``Chart``: the SVG (scales to the width of a phone through its
viewBox) and the same numbers as a table, which the template puts in a <details> for
screen readers and for anyone who would rather read the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from mandate.core.templatetags.mandate import STATUS_LABELS, num

STATUS_ORDER = ["achieved", "on_track", "at_risk", "missed", "no_data"]
STATUS_FILL = {"achieved": "#2e7d32", "on_track": "#1e63c4", "at_risk": "#c98a00", "missed": "#c62828",
               "no_data": "#90a4ae"}
VALUE_FILL, GOAL_STROKE = "#1e63c4", "#c62828"


@dataclass
class Chart:
    svg: str
    caption: str
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    testid: str = "chart"


def _f(v) -> str:
    return f"{v:.1f}"


def _scale(values, goal=None):
    nums = [float(v) for v in values if v is not None] + ([float(goal)] if goal is not None else [])
    hi = max(nums + [0.0])
    lo = min(nums + [0.0])
    if hi == lo:
        hi = lo + 1
    return lo, hi


def _frame(width, height, body, label, testid):
    return format_html(
        '<svg class="chart" data-testid="{}" viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'role="img" aria-label="{}"><title>{}</title>{}</svg>', testid, width, height, label, label, mark_safe(body))


def _axis(parts, left, right, top, plot_h, lo, hi):
    for frac in (0, 0.5, 1):
        value = lo + (hi - lo) * frac
        y = top + plot_h - frac * plot_h
        parts.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#e3e8ee"/>'
            '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#555">{}</text>',
            left, right, _f(y), _f(y), left - 4, _f(y + 3), num(round(value, 2))))


def values_over_periods(points: list[tuple[str, object]], goal=None, *, title: str, unit: str = "",
                        width: int = 560, height: int = 220) -> Chart:
    """A target's values over periods (line with dots) against its goal (dashed line)."""
    left, right, top, bottom = 56, width - 10, 14, 30
    plot_h = height - top - bottom
    lo, hi = _scale([v for _l, v in points], goal)
    y_of = lambda v: top + plot_h - (float(v) - lo) / (hi - lo) * plot_h  # noqa: E731
    parts: list = []
    _axis(parts, left, right, top, plot_h, lo, hi)
    n = max(1, len(points))
    step = (right - left) / n
    coords = [(left + step * (i + 0.5), y_of(v)) for i, (_l, v) in enumerate(points)]
    if goal is not None:
        gy = y_of(goal)
        parts.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="6 4" '
            'data-testid="goal-line"/><text x="{}" y="{}" font-size="10" text-anchor="end" fill="{}">{} {}</text>',
            left, right, _f(gy), _f(gy), GOAL_STROKE, right, _f(gy - 4), GOAL_STROKE, _("goal"), num(goal)))
    if len(coords) > 1:
        parts.append(format_html('<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>', VALUE_FILL,
                                 " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)))
    for (label, value), (x, y) in zip(points, coords, strict=True):
        parts.append(format_html(
            '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{}: {}</title></circle>'
            '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#333">{}</text>',
            _f(x), _f(y), VALUE_FILL, label, num(value), _f(x), height - bottom + 14, label))
    rows = [(label, num(value)) for label, value in points]
    if goal is not None:
        rows.append((_("Goal"), num(goal)))
    return Chart(_frame(width, height, "".join(parts), title, "chart-values"), title,
                 [_("Period"), _("Value") + (f" ({unit})" if unit else "")], rows, "chart-values")


def status_over_time(points: list[tuple[str, dict]], *, title: str, width: int = 560, height: int = 230) -> Chart:
    """Stacked bars: how many targets were achieved, on track, at risk, missed, without data, at each date."""
    left, right, top, bottom = 36, width - 10, 12, 46
    plot_h = height - top - bottom
    peak = max((sum(c.get(s, 0) for s in STATUS_ORDER) for _l, c in points), default=0) or 1
    slot = (right - left) / max(1, len(points))
    bar_w = max(8.0, slot * 0.55)
    parts: list = []
    _axis(parts, left, right, top, plot_h, 0, peak)
    for i, (label, counts) in enumerate(points):
        x = left + i * slot + (slot - bar_w) / 2
        base = top + plot_h
        for status in STATUS_ORDER:
            n = counts.get(status, 0)
            if not n:
                continue
            h = n / peak * plot_h
            base -= h
            parts.append(format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} {}</title>'
                                     '</rect>', _f(x), _f(base), _f(bar_w), _f(h), STATUS_FILL[status], label, n,
                                     STATUS_LABELS[status]()))
        parts.append(format_html('<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#333">{}</text>',
                                 _f(x + bar_w / 2), top + plot_h + 13, label))
    x = left
    for status in STATUS_ORDER:
        parts.append(format_html('<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
                                 '<text x="{}" y="{}" font-size="10">{}</text>', x, height - 14, STATUS_FILL[status],
                                 x + 13, height - 5, STATUS_LABELS[status]()))
        x += 20 + 6 * len(STATUS_LABELS[status]())
    columns = [_("Date")] + [STATUS_LABELS[s]() for s in STATUS_ORDER]
    rows = [[label] + [counts.get(s, 0) for s in STATUS_ORDER] for label, counts in points]
    return Chart(_frame(width, height, "".join(parts), title, "chart-status"), title, columns, rows, "chart-status")


def children_compared(items: list[tuple[str, object, object]], *, title: str, unit: str = "",
                      width: int = 560) -> Chart:
    """Horizontal bars, one per child unit: its figure, with its share of the goal as a tick."""
    row_h, left, right = 26, 150, width - 70
    height = 16 + row_h * max(1, len(items))
    lo, hi = _scale([v for _n, v, _g in items] + [g for _n, _v, g in items])
    lo = min(lo, 0)
    x_of = lambda v: left + (float(v) - lo) / (hi - lo) * (right - left)  # noqa: E731
    parts: list = []
    for i, (name, value, goal) in enumerate(items):
        y = 8 + i * row_h
        parts.append(format_html('<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>', left - 6,
                                 y + 14, name))
        if value is not None:
            parts.append(format_html('<rect x="{}" y="{}" width="{}" height="16" fill="{}"><title>{}: {}</title>'
                                     '</rect><text x="{}" y="{}" font-size="10">{}</text>', x_of(lo), y + 2,
                                     _f(max(1.0, x_of(value) - x_of(lo))), VALUE_FILL, name, num(value),
                                     _f(x_of(value) + 4), y + 14, num(value)))
        if goal is not None:
            gx = x_of(goal)
            parts.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="3">'
                                     '<title>{}: {}</title></line>', _f(gx), _f(gx), y, y + 20, GOAL_STROKE,
                                     _("goal"), num(goal)))
    rows = [(name, num(value), num(goal)) for name, value, goal in items]
    return Chart(_frame(width, height, "".join(parts), title, "chart-children"), title,
                 [_("Unit"), _("Value") + (f" ({unit})" if unit else ""), _("Goal")], rows, "chart-children")
