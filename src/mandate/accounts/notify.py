"""In-app notifications stored as an event and its parameters, written out in the reader's
language when they are read (a Vietnamese inbox reads Vietnamese whoever caused the event).

Parameters are plain values; a unit is stored with both its names (``unit_param``) and a
date as ISO text (``date_param``), so rendering needs no query. What people wrote (an
approver's comment) goes in ``body`` as they wrote it.
"""

from __future__ import annotations

import datetime

from django.utils.translation import get_language, gettext, gettext_noop

from .models import Notification

EVENTS = {
    "value_submitted": (gettext_noop("Waiting for your approval: %(indicator)s, %(period)s, %(unit)s"),
                        gettext_noop("%(user)s submitted %(value)s for %(unit)s.")),
    "values_submitted": (gettext_noop("Waiting for your approval: %(count)s values of %(unit)s, %(period)s"),
                         gettext_noop("%(user)s submitted %(count)s values for %(unit)s.")),
    "value_approved": (gettext_noop("Approved: %(indicator)s, %(period)s"), ""),
    "value_returned": (gettext_noop("Returned: %(indicator)s, %(period)s"), ""),
    "task_done": (gettext_noop("Task done: %(title)s"), gettext_noop("%(unit)s marked the task done on %(day)s.")),
    "extension_requested": (gettext_noop("More time asked: %(title)s"),
                            gettext_noop("%(unit)s asks to move the deadline from %(old)s to %(new)s.")),
    "extension_granted": (gettext_noop("More time granted: %(title)s"), ""),
    "extension_refused": (gettext_noop("More time refused: %(title)s"), ""),
    "task_reminder": (gettext_noop("%(unit)s: %(overdue)s overdue, %(due)s due soon"),
                      gettext_noop("Open the task inbox to report progress or ask for more time.")),
}


def unit_param(unit) -> dict:
    return {"vi": unit.name_vi, "en": unit.name_en or unit.name_vi}


def date_param(day: datetime.date) -> dict:
    return {"date": day.isoformat()}


def _resolve(value):
    if isinstance(value, dict) and "vi" in value:
        return value["en"] if (get_language() or "vi").startswith("en") else value["vi"]
    if isinstance(value, dict) and "date" in value:
        return datetime.date.fromisoformat(value["date"]).strftime("%d/%m/%Y")
    if isinstance(value, dict) and "number" in value:
        from mandate.core.numbers import format_number

        return format_number(value["number"])
    return value


def _params(n: Notification) -> dict:
    return {k: _resolve(v) for k, v in (n.params or {}).items()}


def render_title(n: Notification) -> str:
    if n.event in EVENTS:
        try:
            return gettext(EVENTS[n.event][0]) % _params(n)
        except (KeyError, TypeError, ValueError):
            pass
    return n.subject


def render_text(n: Notification) -> str:
    """The event's sentence (if it has one), then what a person wrote."""
    parts = []
    if n.event in EVENTS and EVENTS[n.event][1]:
        try:
            parts.append(gettext(EVENTS[n.event][1]) % _params(n))
        except (KeyError, TypeError, ValueError):
            pass
    if n.body:
        parts.append(n.body)
    return "\n".join(parts)


def notify(users, event: str, params: dict, url: str = "", body: str = "") -> list[Notification]:
    """One notification per user (None and duplicates skipped), in one INSERT."""
    assert event in EVENTS, event
    seen, rows = set(), []
    for user in users:
        pk = getattr(user, "pk", user)
        if pk is None or pk in seen:
            continue
        seen.add(pk)
        rows.append(Notification(user_id=pk, event=event, params=params, url=url, body=body))
    return Notification.objects.bulk_create(rows)


__all__ = ["EVENTS", "notify", "unit_param", "date_param", "render_title", "render_text"]
