from django.conf import settings


def mandate(request):
    from mandate.accounts.access import closed_unit_notice, membership_of

    user = getattr(request, "user", None)
    membership = membership_of(user) if user is not None else None
    unread = 0
    if membership is not None or getattr(user, "is_authenticated", False):
        unread = user.notifications.filter(read_at__isnull=True).count()
    from mandate.demo.models import DemoDataset

    return {
        "demo_loaded": DemoDataset.objects.exists(),
        "as_of": getattr(request, "as_of", None),
        "as_of_is_past": getattr(request, "as_of_is_past", False),
        "membership": membership,
        # Links to pages a role cannot use are not shown (the pages refuse them anyway).
        "may_approve": bool(getattr(user, "is_superuser", False) or (membership and membership.has_role("approver"))),
        "unread_notifications": unread,
        "unit_notice": closed_unit_notice(user, request.as_of) if membership and getattr(request, "as_of", None)
        else "",
        "DEBUG": settings.DEBUG,
    }
