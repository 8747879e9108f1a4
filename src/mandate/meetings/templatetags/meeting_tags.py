"""Template tags other apps' pages use to point at meeting records, through the one
visibility rule of ``meetings.queries``."""

from django import template

from mandate.meetings.queries import visible_items

register = template.Library()


@register.simple_tag
def conclusion_item(task, user):
    """The agenda item whose conclusion assigned ``task``, if ``user`` may see that item
    (a confidential item only to the body's members and the clerk), else None."""
    if task is None or not getattr(user, "is_authenticated", False):
        return None
    return (visible_items(user).filter(conclusion__assignments__task=task)
            .select_related("meeting__body__unit").first())
