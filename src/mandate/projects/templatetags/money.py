"""Money the way the pages show it: whole đồng with thousands separators, or billions."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from mandate.core.templatetags.mandate import num

register = template.Library()

BILLION = Decimal(1_000_000_000)


@register.filter
def vnd(value):
    """233.900.000.000 (vi) / 233,900,000,000 (en)."""
    if value is None or value == "":
        return "—"
    return num(Decimal(value), 0)


@register.filter
def billion_vnd(value, places=1):
    """233,9 billion VND: the unit in which plans and reports speak of public investment."""
    if value is None or value == "":
        return "—"
    return _("%(amount)s billion VND") % {"amount": num(Decimal(value) / BILLION, int(places))}


@register.filter
def percent(value, places=1):
    if value is None or value == "":
        return "—"
    return f"{num(Decimal(str(value)), int(places))} %"
