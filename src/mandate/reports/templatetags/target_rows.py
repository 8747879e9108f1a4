"""The target tables of the dashboard and of a unit's page (100 rows of seven or eight
cells), written in Python with the same escaping (``format_html``) and the markup the
templates had; ``tests/reports`` and ``tests/orgs`` read it. At the national benchmark's 5%
size this renders each page about 10 ms faster than the template's loop did
(docs/performance.md, "The province dashboard's own work")."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mandate.core.templatetags.mandate import _num, coverage_note, separators, sparkline, status_badge

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


def _goal(row, seps) -> dict:
    target = row.target
    return {"comparator": target.get_comparator_display(), "goal": _num(row.goal_value, None, *seps),
            "goal_max": "" if row.goal_value_max is None else "–" + _num(row.goal_value_max, None, *seps),
            "uom": target.unit_of_measure}


@register.simple_tag
def dashboard_rows(rows) -> SafeString:
    """The ``<tr>`` of each row (``reports.views.dashboard``: TargetRow with ``is_demo``)."""
    seps = separators()
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
            **_goal(row, seps), actual=_num(row.actual, None, *seps),
            actual_uom="" if row.actual is None else " " + target.unit_of_measure,
            demo=demo if getattr(row, "is_demo", False) else "", badge=status_badge(row.status),
            coverage=coverage_note(row), trend=sparkline(row.trend),
        ))
    return mark_safe("".join(out))  # each row was built by format_html


_UNIT_ROW = (
    '<tr data-testid="target-row" data-status="{status}">'
    '<td data-label="{l_target}"><a href="{target_url}">{indicator}</a> '
    '<span class="small muted">{document} · {period}</span></td>'
    '<td data-label="{l_unit}"><a href="{scope_url}">{scope}</a></td>'
    '<td data-label="{l_goal}" class="num">{comparator} {goal}{goal_max} {uom}</td>'
    '<td data-label="{l_latest}" class="num" data-testid="rollup">{actual}</td>'
    '<td data-label="{l_status}">{badge} {coverage}</td>'
    '<td data-label="{l_trend}">{trend}</td>'
    '<td data-label="{l_units_below}">{children}</td>'
    "</tr>\n"
)
_CHILD = '<li data-testid="child-value" data-code="{}"><a href="{}">{}</a>: {}{}{}</li>'


def _children(row, seps) -> SafeString | str:
    children = getattr(row, "children", None)
    if not children:
        return "—"
    items = []
    for c in children:  # {"unit", "actual", "share", "status"}: orgs.views._children_values
        unit, share = c["unit"], c["share"]
        shown = ""
        if share:
            shown = " / " + _num(share[0], None, *seps) + (
                "" if share[1] is None else "–" + _num(share[1], None, *seps))
        items.append(format_html(_CHILD, unit.code, unit.get_absolute_url(), unit.display_name,
                                 _num(c["actual"], None, *seps), shown,
                                 format_html(" {}", status_badge(c["status"])) if c["status"] else ""))
    return format_html('<ul class="small">{}</ul>', mark_safe("".join(items)))  # each item by format_html


@register.simple_tag
def unit_target_rows(rows) -> SafeString:
    """The ``<tr>`` of each row of a unit's page (``orgs.views``: TargetRow with ``children``)."""
    seps = separators()
    labels = {"l_target": _("Target"), "l_unit": _("Unit"), "l_goal": _("Goal"), "l_latest": _("Latest approved"),
              "l_status": _("Status"), "l_trend": _("Trend"), "l_units_below": _("Units below")}
    out = []
    for row in rows:
        target = row.target
        out.append(format_html(
            _UNIT_ROW, **labels, status=row.status, target_url=target.get_absolute_url(), indicator=target.indicator,
            document=target.document.number, period=target.period_label, scope_url=row.scope.get_absolute_url(),
            scope=row.scope.display_name, **_goal(row, seps), actual=_num(row.actual, None, *seps),
            badge=status_badge(row.status), coverage=coverage_note(row), trend=sparkline(row.trend),
            children=_children(row, seps),
        ))
    return mark_safe("".join(out))  # each row was built by format_html
