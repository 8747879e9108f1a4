import django_filters
from django.utils.translation import gettext_lazy as _

from .models import InvestmentProject


class ProjectFilter(django_filters.FilterSet):
    """Shared by the list page, its Excel export and the API. Works on
    ``InvestmentProject.objects.with_figures(...)`` (``at_risk`` is an annotation)."""

    investor = django_filters.NumberFilter(label=_("Investor"), field_name="investor")
    year = django_filters.NumberFilter(label=_("Plan year"), min_value=1900, max_value=2100, field_name="plan_year")
    at_risk = django_filters.BooleanFilter(label=_("At risk"), field_name="at_risk")
    q = django_filters.CharFilter(label=_("Name"), field_name="name", lookup_expr="icontains")

    class Meta:
        model = InvestmentProject
        fields = ["investor", "year", "at_risk", "q"]
