"""The public, read-only API under /api/v1/public/: no login, the same rows as the public
pages and open data files (``portal.queries``), nothing else."""

from __future__ import annotations

from django.core.cache import cache
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from . import views
from .cache import page_key, timeout
from .queries import TABLES

S, Int, B = serializers.CharField, serializers.IntegerField, serializers.BooleanField


def _nullable(field_class, **kw):
    return field_class(allow_null=True, **kw)


FIELDS = {
    "targets": {"id": Int(), "document": S(), "document_id": Int(), "document_title": S(), "unit": S(), "unit_id": Int(),
                "indicator": S(), "unit_of_measure": S(), "comparator": S(), "target_value": S(),
                "target_value_max": _nullable(S), "period": S(), "latest_value": _nullable(S),
                "latest_period": _nullable(S), "latest_period_end": _nullable(serializers.DateField),
                "status": S(help_text="achieved, on_track, at_risk, missed or no_data"),
                "progress_percent": _nullable(Int)},
    "target-values": {"target_id": Int(), "document": S(), "indicator": S(), "unit": S(), "period": S(),
                      "period_end": serializers.DateField(), "value": S(), "unit_of_measure": S(),
                      "approved_on": _nullable(serializers.DateField)},
    "constituencies": {"id": Int(), "election": S(), "election_id": Int(), "body": S(), "number": Int(), "name": S(),
                       "seats": Int(), "units": S(), "voting_areas": Int(), "voters": Int(), "candidates": Int()},
    "candidates": {"id": Int(), "election": S(), "body": S(), "constituency": S(), "constituency_id": Int(),
                   "list_order": Int(), "full_name": S(), "birth_year": Int(), "sex": S(), "ethnicity": S(),
                   "occupation": S(), "party_member": B(), "nomination": S(),
                   "demo": B(help_text="Invented demonstration data")},
    "turnout": {"constituency": S(), "constituency_id": Int(), "voting_area": S(), "unit": S(), "hour": S(),
                "voted": Int(), "voters": Int(), "percent": _nullable(S)},
    "results": {"constituency": S(), "constituency_id": Int(), "body": S(), "seats": Int(), "candidate": S(),
                "votes": Int(), "percent_of_valid": _nullable(S), "elected": B(), "tie_at_last_seat": B(),
                "published_on": serializers.DateField()},
    "constituency-results": {"constituency": S(), "constituency_id": Int(), "body": S(), "seats": Int(), "voters": Int(),
                             "ballots_issued": Int(), "ballots_received": Int(), "valid": Int(), "invalid": Int(),
                             "turnout_percent": _nullable(S), "elected": Int(),
                             "further_vote": _nullable(S, help_text="supplementary or repeat, when needed"),
                             "published_on": serializers.DateField()},
}


def _serializer(slug: str):
    name = "Public" + "".join(part.title() for part in slug.split("-")) + "Serializer"
    return type(name, (serializers.Serializer,), {k: f for k, f in FIELDS[slug].items()})


def _viewset(slug: str):
    serializer = _serializer(slug)
    title = TABLES[slug].title  # lazy: the schema is generated in English

    @extend_schema(responses=serializer(many=True), summary=title)
    def list(self, request):  # noqa: A001
        # Cached like the public pages: per path, language and version of the public data.
        key = page_key(request._request) if timeout() > 0 else None
        data = cache.get(key) if key else None
        hit = data is not None
        if data is None:
            rows = views.table_rows(slug)
            page = self.paginate_queryset(rows)
            data = (self.get_paginated_response(serializer(page, many=True).data).data if page is not None
                    else serializer(rows, many=True).data)
            if key:
                cache.set(key, data, timeout())
        return Response(data, headers={"X-Portal-Cache": "hit" if hit else "miss"})

    name = "Public" + "".join(part.title() for part in slug.split("-")) + "ViewSet"
    return type(name, (viewsets.GenericViewSet,), {
        "__doc__": f"Public, no login: the {slug} table of the portal. Only published items and approved figures.",
        "permission_classes": [AllowAny], "authentication_classes": [], "serializer_class": serializer,
        "list": list, "filter_backends": [],
    })


PUBLIC_VIEWSETS = {slug: _viewset(slug) for slug in FIELDS}
