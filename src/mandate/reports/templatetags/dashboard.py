"""The dashboard's table rows, written in Python: a page shows 100 rows of eight cells, and
Django's template engine spent about 80 ms on them (0.8 ms a row) at the national benchmark's
5% size; built here, with the same escaping (``format_html``), they take a fraction of that.
The markup is the one the template had; ``tests/reports`` read it."""

from django import template
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mandate.core.templatetags.mandate import _num, coverage_note, sparkline, status_badge

register = template.Library()

_ROW = (
    '<tr data-testid="target-row" data-status="{status}">'
    '<td data-label="{l_target}"><a href="{target_url}">{indicator}</a></td>'
    '<td data-label="{l_unit}"><a href="{scope_url}">{scope}</a>{share}</td>'
    '<td data-label="{l_document}" class="hide-phone">{document}</td>'
    '<td data-label="{l_period}">{period}</td>'
    '<td data-label="{l_goal}" class="num">{comparator} {goal}{goal_max} {uom}</td>'
    '<td data-label="{l_latest}" class="num">{actual}{actual_uom}{demo}</td>'
    '<td data-label="{l_status}">{badge} {coverage}</td>'
    '<td data-label="{l_trend}" class="hide-phone">{trend}</td>'
    "</tr>\n"
)


@register.simple_tag
def dashboard_rows(rows) -> SafeString:
    """The ``<tr>`` of each row (``reports.views.dashboard``: TargetRow with ``is_demo``)."""
    separators = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
    labels = {"l_target": _("Target"), "l_unit": _("Unit"), "l_document": _("Document"), "l_period": _("Period"),
              "l_goal": _("Goal"), "l_latest": _("Latest approved"), "l_status": _("Status"), "l_trend": _("Trend")}
    share = format_html(' <span class="small muted">({})</span>', _("share"))
    demo = format_html(' <span class="demo-tag" data-testid="demo-tag">{}</span>', _("demo"))
    out = []
    for row in rows:
        target = row.target
        out.append(format_html(
            _ROW, **labels, status=row.status, target_url=target.get_absolute_url(), indicator=target.indicator,
            scope_url=row.scope.get_absolute_url(), scope=row.scope.display_name,
            share=share if row.allocated else "", document=target.document.number, period=target.period_label,
            comparator=target.get_comparator_display(), goal=_num(row.goal_value, None, *separators),
            goal_max="" if row.goal_value_max is None else "–" + _num(row.goal_value_max, None, *separators),
            uom=target.unit_of_measure, actual=_num(row.actual, None, *separators),
            actual_uom="" if row.actual is None else " " + target.unit_of_measure,
            demo=demo if getattr(row, "is_demo", False) else "", badge=status_badge(row.status),
            coverage=coverage_note(row), trend=sparkline(row.trend),
        ))
    return mark_safe("".join(out))  # each row was built by format_html

