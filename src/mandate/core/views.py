"""Site-wide views: the as-of choice (POST only), the health check, and error answers that
are JSON under /api/ and a page in the site layout elsewhere."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .middleware import SESSION_KEY, parse_as_of


@require_POST
def set_as_of(request):
    """Keep the day the user views the system as of in the session (empty or "today" clears it)."""
    day = parse_as_of(request.POST.get("as_of"), timezone.localdate())
    if day is None:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = day.isoformat()
    target = _without_as_of(request.POST.get("next") or "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    return redirect(target)


def _without_as_of(url: str) -> str:
    """The page to go back to, without a ``?as_of`` that would override the choice just made."""
    from urllib.parse import urlencode, urlsplit, urlunsplit

    from django.http import QueryDict

    parts = urlsplit(url)
    query = QueryDict(parts.query, mutable=True)
    query.pop("as_of", None)
    return urlunsplit(("", "", parts.path or "/", urlencode(list(query.lists()), doseq=True), ""))


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _error(request, status: int, detail: str, code: str, template: str):
    if _is_api(request):
        return JsonResponse({"detail": detail, "code": code}, status=status)
    return render(request, template, {"status": status, "detail": detail}, status=status)


def not_found(request, exception=None):
    return _error(request, 404, _("Not found."), "not_found", "errors/404.html")


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else _("You do not have permission to do this.")
    return _error(request, 403, message, "permission_denied", "errors/403.html")


def bad_request(request, exception=None):
    return _error(request, 400, _("The request could not be understood."), "bad_request", "errors/400.html")


def server_error(request):
    detail = _("Something went wrong on our side; the error was logged.")
    if _is_api(request):
        return JsonResponse({"detail": detail, "code": "server_error"}, status=500)
    try:
        return render(request, "errors/500.html", {"status": 500, "detail": detail}, status=500)
    except Exception:  # the 500 page must not fail in turn
        return HttpResponse(detail, status=500, content_type="text/plain; charset=utf-8")
