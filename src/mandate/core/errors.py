"""Error pages: in the site's layout and the reader's language with a way back, for every
path but the API's, whose errors stay JSON (``/api/`` keeps DRF's own answers)."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def is_api_request(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(status: int, detail: str, code: str) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code}, status=status)


def _page(request, template: str, status: int, context: dict) -> HttpResponse:
    try:
        body = loader.render_to_string(template, context, request=request)
    except Exception:  # noqa: BLE001 - the error page must not fail in turn (e.g. the database is down)
        body = loader.render_to_string("error_plain.html", context)
    return HttpResponse(body, status=status)


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    if is_api_request(request):
        return _json(403, message or _("You do not have permission to do this."), "permission_denied")
    return _page(request, "403.html", 403, {"message": message})


def page_not_found(request, exception=None):
    if is_api_request(request):
        return _json(404, _("Not found."), "not_found")
    return _page(request, "404.html", 404, {"request_path": request.path})


def server_error(request):
    if is_api_request(request):
        return _json(500, _("Something went wrong on the server; it has been logged."), "server_error")
    return _page(request, "500.html", 500, {})


def bad_request(request, exception=None):
    if is_api_request(request):
        return _json(400, _("The request could not be understood."), "bad_request")
    return _page(request, "400.html", 400, {})


__all__ = ["permission_denied", "page_not_found", "server_error", "bad_request"]
