import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import DirectiveDocument, DocumentKind, DocumentState
from .numbering import InvalidNumber, number_key, parse_number


class DocumentFilter(django_filters.FilterSet):
    """One filterset for the document list page and the API."""

    q = django_filters.CharFilter(label=_("Number or title"), method="search")
    issuer = django_filters.CharFilter(label=_("Issuer code"), field_name="issuer_code", lookup_expr="iexact")
    issuing_unit = django_filters.NumberFilter(label=_("Issuing unit"), field_name="issuing_unit")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DocumentKind.choices)
    year = django_filters.NumberFilter(label=_("Year"), min_value=1900, max_value=2100, field_name="year")
    state = django_filters.ChoiceFilter(label=_("State"), choices=DocumentState.choices)

    class Meta:
        model = DirectiveDocument
        fields = ["q", "issuer", "issuing_unit", "kind", "year", "state"]

    def search(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        key = number_key(value)
        try:  # "số 150-KH/TU", "No. 37-QD/TW": match the parsed number's key as well
            parsed_key = parse_number(value).key
        except InvalidNumber:
            parsed_key = key
        return queryset.filter(
            Q(number_key__contains=key) | Q(number_key=parsed_key) | Q(title__icontains=value) | Q(summary__icontains=value)
        )
