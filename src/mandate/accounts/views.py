from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """The user's in-app messages; POST marks them all read."""
    items = request.user.notifications.all()
    if request.method == "POST":
        items.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("accounts:notifications")
    return render(request, "accounts/notifications.html", {"items": items[:200]})


@login_required
def me(request):
    """The user's unit and role today, and every move of their membership (reorganizations
    carry members to the successor unit; an administrator can undo a move in the admin)."""
    from .access import closed_unit_notice, membership_of

    transfers = request.user.membership_transfers.select_related("from_unit", "to_unit", "created_by",
                                                                 "undone_by").order_by("-effective_on", "-pk")
    return render(request, "accounts/me.html", {
        "membership": membership_of(request.user), "transfers": transfers[:100],
        "notice": closed_unit_notice(request.user, request.as_of),
    })
