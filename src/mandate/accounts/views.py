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
