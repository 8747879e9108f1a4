"""Charts and maps that other apps' pages include: ``{% load reporting %}`` then
``{% target_visuals target row breakdown %}`` on a target's page and
``{% unit_visuals unit status_points filters %}`` on the dashboard."""

from django import template

from .. import visuals

register = template.Library()


@register.inclusion_tag("reporting/_visuals.html", takes_context=True)
def target_visuals(context, target, row, breakdown):
    out = {"charts": [c for c in (visuals.target_values_chart(row), visuals.children_chart(target, breakdown)) if c]}
    out.update(visuals.target_map(target, breakdown))
    return out


@register.inclusion_tag("reporting/_visuals.html", takes_context=True)
def unit_visuals(context, unit, status_points, filters):
    day = context["request"].as_of
    out = {"charts": [c for c in (visuals.unit_status_chart(status_points, day),) if c]}
    out.update(visuals.unit_map(unit, day, document=filters.get("document"), year=filters.get("year")))
    return out
