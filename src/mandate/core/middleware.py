import datetime

from django.utils import timezone

SESSION_KEY = "mandate_as_of"


def parse_day(text: str) -> datetime.date | None:
    """A day typed in the as-of box: ISO (2025-06-30) or as Vietnamese write it (30/06/2025)."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


class AsOfMiddleware:
    """Puts ``request.as_of`` (a date) on every request: today, or the past date the
    user chose to view the system as of (``?as_of=YYYY-MM-DD``, kept in the session
    until cleared with ``?as_of=today``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        today = timezone.localdate()
        chosen = request.GET.get("as_of")
        session = getattr(request, "session", None)
        if chosen is not None and session is not None:
            if chosen in ("", "today"):
                session.pop(SESSION_KEY, None)
            else:
                day = parse_day(chosen)
                if day is not None and day < today:
                    session[SESSION_KEY] = day.isoformat()
                else:
                    session.pop(SESSION_KEY, None)
        stored = session.get(SESSION_KEY) if session is not None else None
        request.as_of = datetime.date.fromisoformat(stored) if stored else today
        request.as_of_is_past = request.as_of < today
        return self.get_response(request)
