"""API pagination: pages of bounded size, and keyset (cursor) pages for tables too large to count.

``BoundedLimitOffsetPagination`` is the default: ``?limit=&offset=`` with a total ``count``,
``limit`` at most 200. ``KeysetPagination`` serves the lists that grow to tens of millions of
rows (reported values): it never counts, and fetches the next page by the position of the
last row (``WHERE (period_end, id) < (last period_end, last id)``), so page 1,000 costs what
page 1 does, along an index on the ordering columns.
"""

from __future__ import annotations

import base64
import binascii
import json

from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_LIMIT = 200


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """``?limit`` at most 200 and ``?offset`` within a 32-bit range; anything larger is
    capped, anything not a number falls back to the default (50, 0)."""

    max_limit = MAX_LIMIT
    max_offset = 2**31 - 1

    def get_offset(self, request):
        return min(super().get_offset(request), self.max_offset)


class KeysetPagination(BasePagination):
    """Forward pages by cursor. The view names its ordering in ``keyset_ordering``: fields
    ending in a unique one (the id), each descending ("-field") or ascending."""

    default_limit = 50
    max_limit = MAX_LIMIT
    cursor_query_param = "cursor"
    limit_query_param = "limit"

    def get_limit(self, request) -> int:
        raw = request.query_params.get(self.limit_query_param)
        if raw in (None, ""):
            return self.default_limit
        try:
            limit = int(raw)
        except ValueError:
            raise ValidationError({"limit": [_("Enter a whole number of rows per page.")]}) from None
        return max(1, min(limit, self.max_limit))

    def _decode(self, raw: str | None, size: int):
        if not raw:
            return None
        try:
            position = json.loads(base64.urlsafe_b64decode(raw.encode()).decode())
        except (binascii.Error, UnicodeDecodeError, ValueError):
            position = None
        if not isinstance(position, list) or len(position) != size:
            raise ValidationError({"cursor": [_("This page link is not valid; start again from the first page.")]})
        return position

    @staticmethod
    def _after(ordering, position) -> Q:
        """Rows after ``position`` in ``ordering``: (a, b) < (x, y) written out for any backend."""
        condition = Q()
        for i in range(len(ordering) - 1, -1, -1):
            name = ordering[i].lstrip("-")
            lookup = "lt" if ordering[i].startswith("-") else "gt"
            step = Q(**{f"{name}__{lookup}": position[i]})
            condition = step if i == len(ordering) - 1 else step | (Q(**{name: position[i]}) & condition)
        return condition

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.ordering = tuple(getattr(view, "keyset_ordering", ("-id",)))
        self.limit = self.get_limit(request)
        position = self._decode(request.query_params.get(self.cursor_query_param), len(self.ordering))
        queryset = queryset.order_by(*self.ordering)
        if position is not None:
            queryset = queryset.filter(self._after(self.ordering, position))
        rows = list(queryset[: self.limit + 1])
        self.next_position = None
        if len(rows) > self.limit:
            rows = rows[: self.limit]
            last = rows[-1]
            self.next_position = [self._plain(getattr(last, f.lstrip("-"))) for f in self.ordering]
        return rows

    @staticmethod
    def _plain(value):
        return value.isoformat() if hasattr(value, "isoformat") else value

    def get_next_link(self) -> str | None:
        if self.next_position is None:
            return None
        token = base64.urlsafe_b64encode(json.dumps(self.next_position).encode()).decode()
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, token)

    def get_first_link(self) -> str:
        return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri",
                         "description": "The next page (keyset cursor), or null on the last page. "
                                        "Rows are not counted: follow `next` until it is null."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query",
             "description": "Keyset cursor: take it from `next` of the previous page.",
             "schema": {"type": "string"}},
            {"name": self.limit_query_param, "required": False, "in": "query",
             "description": f"Rows per page, {self.default_limit} by default, at most {self.max_limit}.",
             "schema": {"type": "integer", "minimum": 1, "maximum": self.max_limit}},
        ]
