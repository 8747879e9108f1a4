import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mandate.orgs.models import OrgUnit

from .models import Priority, State, Task


class TaskFilter(django_filters.FilterSet):
    """One filterset for the task list page, its Excel export and the API. The queryset it
    filters must carry the ``state`` annotation (``queries.list_queryset``)."""

    q = django_filters.CharFilter(label=_("Title or description"), method="search")
    state = django_filters.ChoiceFilter(label=_("State"), choices=State.choices, field_name="state")
    unit = django_filters.NumberFilter(label=_("Tasks of the unit (lead or coordinating, units below included)"),
                                       method="under_unit")
    lead_unit = django_filters.NumberFilter(label=_("Lead unit"), field_name="lead_unit")
    coordinating_unit = django_filters.NumberFilter(label=_("Coordinating unit"), method="coordinated_by")
    assigning_unit = django_filters.NumberFilter(label=_("Assigning unit"), field_name="assigning_unit")
    document = django_filters.NumberFilter(label=_("Source document"), field_name="source_document")
    priority = django_filters.ChoiceFilter(label=_("Priority"), choices=Priority.choices)
    batch = django_filters.UUIDFilter(label=_("Assigned together (batch)"), field_name="batch")
    due_after = django_filters.DateFilter(label=_("Deadline from"), field_name="deadline", lookup_expr="gte")
    due_before = django_filters.DateFilter(label=_("Deadline until"), field_name="deadline", lookup_expr="lte")

    class Meta:
        model = Task
        fields = ["q", "state", "unit", "lead_unit", "coordinating_unit", "assigning_unit", "document",
                  "priority", "batch", "due_after", "due_before"]

    def search(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value)
                               | Q(source_note__icontains=value))

    def under_unit(self, queryset, name, value):
        """The tasks of the unit on the day viewed: ``queries.tasks_of_unit``, the one
        definition the inbox, leader's table, chart, export and API share."""
        from .queries import tasks_of_unit

        unit = OrgUnit.objects.filter(pk=value).first()
        if unit is None:
            return queryset.none()
        from mandate.core.api import as_of_from

        if hasattr(self.request, "query_params"):  # the API: ?as_of= or the session's day
            as_of = as_of_from(self.request)
        else:
            as_of = getattr(self.request, "as_of", None) or datetime.date.today()
        return tasks_of_unit(unit, as_of, queryset)

    def coordinated_by(self, queryset, name, value):
        return queryset.filter(pk__in=Task.coordinating_units.through.objects.filter(orgunit=value).values("task"))
