import django_filters
from django.utils.translation import gettext_lazy as _

from .models import InvestmentProject


def _investor_choices(request):
    from mandate.accounts.access import visible_units

    if request is None:
        return InvestmentProject.investor.field.related_model.objects.none()
    return visible_units(request.user).order_by("path")


class ProjectFilter(django_filters.FilterSet):
    """Shared by the list page, its Excel export and the API. Works on
    ``InvestmentProject.objects.with_figures(...)`` (``at_risk`` is an annotation)."""

    # A list of the units the user sees, by name (the API still takes the unit's id).
    investor = django_filters.ModelChoiceFilter(label=_("Investor"), field_name="investor",
                                                queryset=_investor_choices)
    year = django_filters.NumberFilter(label=_("Plan year"), min_value=1900, max_value=2100, field_name="plan_year")
    at_risk = django_filters.BooleanFilter(label=_("At risk"), field_name="at_risk")
    q = django_filters.CharFilter(label=_("Name"), field_name="name", lookup_expr="icontains")

    class Meta:
        model = InvestmentProject
        fields = ["investor", "year", "at_risk", "q"]
