"""Memberships and their moves. A move made by a reorganization is undone here (the
action calls ``services.undo_transfer``, which checks the administrator and records who)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Membership, MembershipTransfer


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "org_unit", "role"]
    list_select_related = ["user", "org_unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "org_unit__name_vi"]
    raw_id_fields = ["org_unit"]


@admin.action(description=_("Undo the selected moves (put the members back)"))
def undo_moves(modeladmin, request, queryset):
    for transfer in queryset.order_by("-created_at", "-pk"):
        try:
            services.undo_transfer(transfer, actor=request.user)
        except (ValidationError, PermissionDenied) as exc:
            modeladmin.message_user(request, f"{transfer}: {' '.join(getattr(exc, 'messages', [str(exc)]))}",
                                    messages.ERROR)
        else:
            modeladmin.message_user(request, _("Undone: %(move)s") % {"move": transfer}, messages.SUCCESS)


@admin.register(MembershipTransfer)
class MembershipTransferAdmin(admin.ModelAdmin):
    list_display = ["user", "from_unit", "to_unit", "role", "effective_on", "reason", "undone_at"]
    list_select_related = ["user", "from_unit", "to_unit"]
    list_filter = ["undone_at"]
    actions = [undo_moves]
    readonly_fields = [f.name for f in MembershipTransfer._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
