import django_filters
from django.utils.translation import gettext_lazy as _

from .models import ReportedValue, Target, ValueState


class TargetFilter(django_filters.FilterSet):
    document = django_filters.NumberFilter(label=_("Document"), field_name="document")
    org_unit = django_filters.NumberFilter(label=_("Unit"), field_name="org_unit")
    unit = django_filters.NumberFilter(label=_("Unit or below"), method="under_unit")
    year = django_filters.NumberFilter(label=_("Year"), min_value=1900, max_value=2100, method="in_year")
    period = django_filters.CharFilter(label=_("Period"), field_name="period_label")
    q = django_filters.CharFilter(label=_("Indicator"), field_name="indicator", lookup_expr="icontains")

    class Meta:
        model = Target
        fields = ["document", "org_unit", "unit", "year", "period", "q"]

    def under_unit(self, queryset, name, value):
        from django.db.models import Subquery

        from mandate.orgs.models import OrgUnit

        return queryset.filter(org_unit__path__startswith=Subquery(OrgUnit.objects.filter(pk=value).values("path")[:1]))

    def in_year(self, queryset, name, value):
        return queryset.filter(period_start__year__lte=value, period_end__year__gte=value)


class ReportedValueFilter(django_filters.FilterSet):
    target = django_filters.NumberFilter(label=_("Target"), field_name="target")
    org_unit = django_filters.NumberFilter(label=_("Unit"), field_name="org_unit")
    state = django_filters.ChoiceFilter(label=_("State"), choices=ValueState.choices)
    period = django_filters.CharFilter(label=_("Period"), field_name="period_label")

    class Meta:
        model = ReportedValue
        fields = ["target", "org_unit", "state", "period"]
