import datetime

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import is_api_request

SESSION_KEY = "mandate_as_of"
# The days a user may view the system as of; anything else is ignored.
MIN_AS_OF = datetime.date(1945, 1, 1)


def parse_as_of(raw: str | None, today: datetime.date) -> datetime.date | None:
    """A past day written YYYY-MM-DD or dd/mm/yyyy, or None (today, empty, malformed, future, too old)."""
    if not raw or raw == "today":
        return None
    day = parse_day(raw)
    if day is None:
        return None
    return day if MIN_AS_OF <= day < today else None


def parse_day(text: str) -> datetime.date | None:
    """A day typed in the as-of box: ISO (2025-06-30) or as Vietnamese write it (30/06/2025)."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


class AsOfMiddleware:
    """Puts ``request.as_of`` (a date) on every request: today, or the past date the user
    chose to view the system as of.

    The choice is kept in the session only through a POST to ``/as-of/`` (a CSRF-checked
    form in the page header, ``core.views.set_as_of``), never by a GET: a link from another
    site cannot change what a user sees. ``?as_of=YYYY-MM-DD`` on a GET applies to that one
    request only (a shareable link to a past view) and is not stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        today = timezone.localdate()
        session = getattr(request, "session", None)
        chosen = request.GET.get("as_of")
        day = None
        if chosen is not None:
            day = parse_as_of(chosen, today)
        elif session is not None:
            day = parse_as_of(session.get(SESSION_KEY), today)
        request.as_of = day or today
        request.as_of_is_past = request.as_of < today
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuse a request whose declared body is larger than ``MAX_REQUEST_BODY`` before any
    part of it is read (Django's own limits apply to form fields, not to uploaded files).
    The answer is 413, JSON under /api/, a short page otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "MAX_REQUEST_BODY", None)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            message = _("The request is too large (at most %(mb)s MB).") % {"mb": limit // (1024 * 1024)}
            if is_api_request(request):
                return JsonResponse({"detail": message, "code": "too_large"}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
