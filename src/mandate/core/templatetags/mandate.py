"""Small template helpers shared by every page: status badges, sparklines, history."""

from decimal import Decimal

from django import template
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from mandate.core.numbers import format_decimal

register = template.Library()

STATUS_LABELS = {
    "achieved": lambda: _("achieved"),
    "on_track": lambda: _("on track"),
    "at_risk": lambda: _("at risk"),
    "missed": lambda: _("missed"),
    "no_data": lambda: _("no data"),
}


@register.simple_tag
def status_badge(status: str):
    label = STATUS_LABELS.get(status, lambda: status)()
    return format_html('<span class="status status-{}" data-status="{}">{}</span>', status, status, label)


@register.simple_tag
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, lambda: status)()


@register.simple_tag
def coverage_note(row):
    """ "2 of 8 units reported" beside a rolled-up target's status (nothing when the figure
    is the unit's own value or no unit is expected to report)."""
    expected = getattr(row, "coverage_expected", None)
    if not expected:
        return ""
    reported = row.coverage_reported
    from django.utils.translation import ngettext

    text = ngettext("%(reported)s of %(expected)s unit reported", "%(reported)s of %(expected)s units reported",
                    expected) % {"reported": reported, "expected": expected}
    css = "coverage complete" if reported >= expected else "coverage partial"
    return format_html('<span class="{} small" data-testid="coverage" data-reported="{}" data-expected="{}">{}</span>',
                       css, reported, expected, text)


@register.filter
def num(value, places=None):
    """A figure the Vietnamese way in vi (1.234,5) and the English way in en."""
    return _num(value, places, *separators())


def separators() -> tuple[str, str]:
    """The active language's decimal and thousands separators, for ``_num``."""
    return get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")


def _num(value, places, decimal_sep: str, thousand_sep: str) -> str:
    """``num`` with the separators of the active language already looked up (a page of
    trends formats over a thousand numbers)."""
    if value is None or value == "":
        return "—"
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if places is None:
        value = value.normalize()
        exponent = value.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
        places = min(places, 4)
    return format_decimal(value, int(places), decimal_sep, thousand_sep)


SPARKLINE_NAMED = 12


@register.simple_tag
def sparkline(points, width=120, height=28):
    """An inline SVG trend line of [(label, value)], drawn on the server: no JS needed."""
    values = [float(v) for _label, v in points if v is not None]
    if len(values) < 2:
        return mark_safe('<span class="muted small">—</span>') if not values else format_html(
            '<span class="muted small">{}</span>', num(values[0]))
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    step = (width - 4) / (len(values) - 1)
    coords = [(2 + i * step, height - 3 - (v - lo) / span * (height - 6)) for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    last_x, last_y = coords[-1]
    # The line draws every point; the text names the last dozen (a five-year monthly series
    # would make the tooltip unreadable, and formatting 60 numbers per row slows big pages).
    named = [(label, v) for label, v in points if v is not None]
    seps = separators()
    title = ("…, " if len(named) > SPARKLINE_NAMED else "") + ", ".join(
        f"{label}: {_num(v, None, *seps)}" for label, v in named[-SPARKLINE_NAMED:])
    return format_html(
        '<svg class="spark" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{t}">'
        "<title>{t}</title>"
        '<polyline fill="none" stroke="#174ea6" stroke-width="1.8" points="{p}"/>'
        '<circle cx="{x}" cy="{y}" r="2.5" fill="#174ea6"/></svg>',
        # format_html escapes its arguments into strings first: format the numbers here.
        w=width, h=height, t=title, p=path, x=f"{last_x:.1f}", y=f"{last_y:.1f}",
    )


@register.inclusion_tag("core/history.html")
def history_table(obj, limit=20):
    """Who changed the record (by name), when (local time), and each field before and
    after, with labels and values as the pages write them (``core.history``)."""
    from mandate.core.history import history_rows

    return {"rows": history_rows(obj, limit)}


@register.simple_tag
def changes_text(changes):
    return format_html_join("; ", "{}: {} → {}", ((f, o, n) for f, o, n in changes))
