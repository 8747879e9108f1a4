"""The public, read-only API under /api/v1/public/: no login, the same rows as the public
pages and open data files (``portal.queries``), nothing else."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from . import views
from .queries import TABLES

S, I, B = serializers.CharField, serializers.IntegerField, serializers.BooleanField


def _nullable(field_class, **kw):
    return field_class(allow_null=True, **kw)


FIELDS = {
    "targets": {"id": I(), "document": S(), "document_id": I(), "document_title": S(), "unit": S(), "unit_id": I(),
                "indicator": S(), "unit_of_measure": S(), "comparator": S(), "target_value": S(),
                "target_value_max": _nullable(S), "period": S(), "latest_value": _nullable(S),
                "latest_period": _nullable(S), "latest_period_end": _nullable(serializers.DateField),
                "status": S(help_text="achieved, on_track, at_risk, missed or no_data"),
                "progress_percent": _nullable(I)},
    "target-values": {"target_id": I(), "document": S(), "indicator": S(), "unit": S(), "period": S(),
                      "period_end": serializers.DateField(), "value": S(), "unit_of_measure": S(),
                      "approved_on": _nullable(serializers.DateField)},
    "constituencies": {"id": I(), "election": S(), "election_id": I(), "body": S(), "number": I(), "name": S(),
                       "seats": I(), "units": S(), "voting_areas": I(), "voters": I(), "candidates": I()},
    "candidates": {"id": I(), "election": S(), "body": S(), "constituency": S(), "constituency_id": I(),
                   "list_order": I(), "full_name": S(), "birth_year": I(), "sex": S(), "ethnicity": S(),
                   "occupation": S(), "party_member": B(), "nomination": S(),
                   "demo": B(help_text="Invented demonstration data")},
    "turnout": {"constituency": S(), "constituency_id": I(), "voting_area": S(), "unit": S(), "hour": S(),
                "voted": I(), "voters": I(), "percent": _nullable(S)},
    "results": {"constituency": S(), "constituency_id": I(), "body": S(), "seats": I(), "candidate": S(),
                "votes": I(), "percent_of_valid": _nullable(S), "elected": B(), "tie_at_last_seat": B(),
                "published_on": serializers.DateField()},
    "constituency-results": {"constituency": S(), "constituency_id": I(), "body": S(), "seats": I(), "voters": I(),
                             "ballots_issued": I(), "ballots_received": I(), "valid": I(), "invalid": I(),
                             "turnout_percent": _nullable(S), "elected": I(),
                             "further_vote": _nullable(S, help_text="supplementary or repeat, when needed"),
                             "published_on": serializers.DateField()},
}


def _serializer(slug: str):
    name = "Public" + "".join(part.title() for part in slug.split("-")) + "Serializer"
    return type(name, (serializers.Serializer,), {k: f for k, f in FIELDS[slug].items()})


def _viewset(slug: str):
    serializer = _serializer(slug)
    title = str(TABLES[slug].title)

    @extend_schema(responses=serializer(many=True), summary=title)
    def list(self, request):  # noqa: A001
        rows = views.table_rows(slug)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializer(page, many=True).data) if page is not None else Response(
            serializer(rows, many=True).data)

    name = "Public" + "".join(part.title() for part in slug.split("-")) + "ViewSet"
    return type(name, (viewsets.GenericViewSet,), {
        "__doc__": f"Public, no login: {title}. Only published items and approved figures.",
        "permission_classes": [AllowAny], "authentication_classes": [], "serializer_class": serializer,
        "list": list, "filter_backends": [],
    })


PUBLIC_VIEWSETS = {slug: _viewset(slug) for slug in FIELDS}
