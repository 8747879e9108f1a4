"""Inline SVG charts drawn on the server: no JavaScript chart library, nothing from a CDN."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

ON_TIME_COLOUR = "#2e7d32"
LATE_COLOUR = "#c62828"


def _n(value: float) -> str:
    return f"{value:.1f}"


def completions_chart(bars, width: int = 640, height: int = 220) -> str:
    """Stacked bars per month: tasks done on time (green) and late (red)."""
    if not bars:
        return ""
    left, bottom, top = 30, 34, 12
    plot_h = height - bottom - top
    peak = max((b.on_time + b.late for b in bars), default=0) or 1
    slot = (width - left - 8) / len(bars)
    bar_w = max(6.0, slot * 0.6)
    parts = []
    for tick in sorted({0, peak // 2, peak}):
        y = top + plot_h - tick / peak * plot_h
        parts.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#e3e8ee"/>'
            '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#555">{}</text>',
            left, width - 4, _n(y), _n(y), left - 4, _n(y + 3), tick))
    for i, bar in enumerate(bars):
        x = left + i * slot + (slot - bar_w) / 2
        on_h = bar.on_time / peak * plot_h
        late_h = bar.late / peak * plot_h
        base = top + plot_h
        label = date_format(bar.month, "m/Y")
        title = _("%(month)s: %(on_time)s on time, %(late)s late") % {
            "month": label, "on_time": bar.on_time, "late": bar.late}
        parts.append(format_html(
            '<g data-month="{}" data-on-time="{}" data-late="{}"><title>{}</title>'
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
            '<text x="{}" y="{}" font-size="9" text-anchor="middle" fill="#555">{}</text></g>',
            bar.month.isoformat(), bar.on_time, bar.late, title,
            _n(x), _n(base - on_h), _n(bar_w), _n(on_h), ON_TIME_COLOUR,
            _n(x), _n(base - on_h - late_h), _n(bar_w), _n(late_h), LATE_COLOUR,
            _n(x + bar_w / 2), height - bottom + 14, date_format(bar.month, "m/y"),
        ))
    legend = format_html(
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}" font-size="11">{}</text>'
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}" font-size="11">{}</text>',
        left, height - 12, ON_TIME_COLOUR, left + 14, height - 3, _("done on time"),
        left + 130, height - 12, LATE_COLOUR, left + 144, height - 3, _("done late"),
    )
    return format_html(
        '<svg class="chart" data-testid="completions-chart" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" role="img" aria-label="{label}">{body}{legend}</svg>',
        w=width, h=height, label=_("Tasks completed per month, on time and late"),
        body=mark_safe("".join(parts)), legend=legend,
    )


__all__ = ["completions_chart"]
