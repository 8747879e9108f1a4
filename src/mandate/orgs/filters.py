import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import OrgUnit, UnitKind


class OrgUnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or code"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=UnitKind.choices)
    parent = django_filters.NumberFilter(label=_("Parent"), field_name="parent")
    valid_on = django_filters.DateFilter(label=_("Existing on"), method="existing_on")

    class Meta:
        model = OrgUnit
        fields = ["q", "kind", "parent", "valid_on"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name_vi__icontains=value) | Q(name_en__icontains=value) | Q(code__icontains=value))

    def existing_on(self, queryset, name, value):
        return queryset.valid_on(value)
