from django import template
from django.utils.html import format_html

from mandate.tasks.models import State

register = template.Library()

# Task states drawn with the status colours the rest of Mandate uses.
STATE_CSS = {
    "done_on_time": "achieved",
    "in_progress": "on_track",
    "not_started": "no_data",
    "done_late": "at_risk",
    "overdue": "missed",
}
LABELS = dict(State.choices)


@register.simple_tag
def task_state(state: str):
    return format_html('<span class="status status-{}" data-state="{}">{}</span>',
                       STATE_CSS.get(state, "no_data"), state, LABELS.get(state, state))


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (for pagination and drill-down)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()
