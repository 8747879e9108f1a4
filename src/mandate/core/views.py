"""Site-wide views: the as-of choice (POST only), the health check, and error answers that
are JSON under /api/ and a page in the site layout elsewhere."""

from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
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
