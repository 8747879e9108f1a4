"""Charts of the public portal as inline SVG drawn on the server: no script, no network,
readable by a screen reader (a title and a description; the same figures are in a table)."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from mandate.core.templatetags.mandate import num

COLOURS = {"achieved": "#146c2e", "on_track": "#174ea6", "at_risk": "#b06d00", "missed": "#a50e0e",
           "no_data": "#78909c", "elected": "#146c2e", "": "#174ea6"}


def bar_chart(items, *, title: str, width: int = 640, suffix: str = "") -> str:
    """Horizontal bars: ``items`` is [(label, value, maximum, colour key)]; value may be None."""
    items = list(items)
    if not items:
        return ""
    bar_h, gap, label_w = 22, 8, int(width * 0.42)
    height = len(items) * (bar_h + gap) + gap
    span = width - label_w - 70
    rows = []
    for i, (label, value, maximum, key) in enumerate(items):
        y = gap + i * (bar_h + gap)
        frac = 0.0 if value is None or not maximum else max(0.0, min(1.0, float(value) / float(maximum)))
        text = "—" if value is None else f"{num(value)}{suffix}"
        short = label if len(label) <= 48 else label[:46] + "…"
        rows.append((y, short, label_w, span, f"{frac * span:.1f}", COLOURS.get(key, COLOURS[""]), text, y + bar_h * 0.7))
    body = format_html_join(
        "", '<g><text x="0" y="{7}" font-size="12">{1}</text>'
            '<rect x="{2}" y="{0}" width="{3}" height="22" fill="#eceff1"/>'
            '<rect x="{2}" y="{0}" width="{4}" height="22" fill="{5}"/>'
            '<text x="{8}" y="{7}" font-size="12">{6}</text></g>',
        ((y, short, lx, sp, w, colour, text, ty, lx + sp + 6) for y, short, lx, sp, w, colour, text, ty in rows))
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{t}" '
        'preserveAspectRatio="xMinYMin meet"><title>{t}</title>{b}</svg>', w=width, h=height, t=title,
        b=mark_safe(body))
