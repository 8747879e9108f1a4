"""Read-only views of targets, shares and reported values for superusers. Every change goes
through the pages and the API (role checks, value parsing, the approval flow, versions);
the admin only shows the records and their history."""

from django.contrib import admin

from mandate.orgs.admin import ReadOnlyAdmin

from .models import ReportedValue, Target, TargetAllocation


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "document", "org_unit", "comparator", "value", "period_label", "aggregation"]
    list_filter = ["comparator", "aggregation"]
    list_select_related = ["document", "org_unit"]
    search_fields = ["indicator", "document__number"]


@admin.register(TargetAllocation)
class TargetAllocationAdmin(ReadOnlyAdmin):
    list_display = ["target", "org_unit", "value", "value_max"]
    list_select_related = ["target", "org_unit"]


@admin.register(ReportedValue)
class ReportedValueAdmin(ReadOnlyAdmin):
    list_display = ["target", "org_unit", "period_label", "value", "state", "decided_by"]
    list_filter = ["state"]
    list_select_related = ["target", "org_unit", "decided_by"]
    search_fields = ["target__indicator", "org_unit__name_vi"]
