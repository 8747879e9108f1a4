"""Change history people can read: field labels and choice labels in the reader's language,
people by name, times in the local time zone, values written as on the pages, no rows that
changed nothing visible. Used by ``{% history_table %}`` and the task page's related history."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .numbers import format_number

# Bookkeeping fields nobody needs to read about.
HIDDEN_FIELDS = {"version", "updated_at", "created_at", "id", "path", "depth", "search_text"}
EMPTY = "—"


def person(user) -> str:
    if user is None:
        return EMPTY
    return (user.get_full_name() or "").strip() or user.get_username()


def format_value(field: models.Field | None, value, related: dict | None = None) -> str:
    """``value`` of ``field`` as the pages write it. ``related`` maps (model, pk) to objects
    fetched in bulk, so a history of many rows runs a fixed number of queries."""
    if value is None or value == "":
        return EMPTY
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if _points_to_one(field):
        obj = (related or {}).get((field.related_model, value))
        if obj is None:
            return EMPTY if value is None else _("(removed)")
        if isinstance(obj, _user_model()):
            return person(obj)
        return str(getattr(obj, "display_name", None) or obj)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "d/m/Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "d/m/Y")
    if isinstance(value, (Decimal, float)) or (isinstance(value, int) and not isinstance(value, bool)):
        return format_number(value)
    text = str(value)
    return text if len(text) <= 200 else text[:199] + "…"


def _points_to_one(field) -> bool:
    """A foreign key or one-to-one field of the model itself: its history holds a pk to name."""
    return field is not None and field.is_relation and field.concrete and (field.many_to_one or field.one_to_one)


def _user_model():
    from django.contrib.auth import get_user_model

    return get_user_model()


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a history field no longer on the model
        return None


def label(model, name) -> str:
    field = _field(model, name)
    return str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name


def history_rows(obj, limit: int = 20) -> list[dict]:
    """Newest first: who (by name), when (local time), what kind of change and, for a
    change, [(field label, before, after)]. Changes to bookkeeping fields only are left out."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    diffs = []
    wanted: dict = {}
    for i, record in enumerate(records[:limit]):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = [(c.field, c.old, c.new) for c in delta.changes if c.field not in HIDDEN_FIELDS]
            for name, old, new in changes:
                field = _field(model, name)
                if _points_to_one(field):
                    for v in (old, new):
                        if v is not None:
                            wanted.setdefault(field.related_model, set()).add(v)
        diffs.append((record, changes))
    related = {}
    for rel_model, pks in wanted.items():
        for o in rel_model._default_manager.filter(pk__in=pks):
            related[(rel_model, o.pk)] = o
    rows = []
    for record, changes in diffs:
        if record.history_type == "~" and not changes:
            continue  # nothing a reader would see changed
        readable = []
        for name, old, new in changes:
            field = _field(model, name)
            if field is not None and field.many_to_many:
                continue
            readable.append((label(model, name), format_value(field, old, related), format_value(field, new, related)))
        if record.history_type == "~" and not readable:
            continue
        rows.append({
            "record": record, "when": timezone.localtime(record.history_date), "who": person(record.history_user),
            "kind": {"+": _("created"), "-": _("deleted")}.get(record.history_type, _("changed")),
            "changes": readable,
        })
    return rows


__all__ = ["format_value", "history_rows", "label", "person"]
