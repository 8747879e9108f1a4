"""Read-only views of the org tree for superusers. Reorganizations change several tables
together (successions, aliases, closing dates), so they are recorded through the pages,
whose services keep those consistent; the admin only shows them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import OrgUnit, Succession


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyAdmin):
    list_display = ["name_vi", "code", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name_vi", "name_en", "code"]


@admin.register(Succession)
class SuccessionAdmin(ReadOnlyAdmin):
    list_display = ["predecessor", "kind", "successor", "effective_on", "legal_basis"]
    list_select_related = ["predecessor", "successor"]
    list_filter = ["kind"]
