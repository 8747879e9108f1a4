"""The reporting rate over the API: the completeness of a level for a period, the same
rows as the page (``reporting.queries.completeness``, a fixed number of queries)."""

from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from mandate.accounts.access import visible_units
from mandate.core.api import ErrorSerializer
from mandate.targets.periods import InvalidPeriod, parse_period

from .queries import completeness


class UnitCompletenessSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField(source="unit.pk")
    unit_code = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.display_name")
    expected = serializers.IntegerField()
    entered = serializers.IntegerField()
    submitted = serializers.IntegerField()
    approved = serializers.IntegerField()
    returned = serializers.IntegerField()
    state = serializers.CharField()
    complete = serializers.BooleanField()
    on_time = serializers.BooleanField()
    last_submitted_at = serializers.DateTimeField(allow_null=True)


class CompletenessSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField(source="parent.pk")
    unit_name = serializers.CharField(source="parent.display_name")
    period = serializers.CharField(source="period.label")
    deadline = serializers.DateField()
    expected_units = serializers.IntegerField()
    complete_units = serializers.IntegerField()
    on_time_units = serializers.IntegerField()
    reporting_rate = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    on_time_rate = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    rows = UnitCompletenessSerializer(many=True)


class CompletenessView(APIView):
    """Which child units of a level have reported, submitted and been approved for a period."""

    @extend_schema(
        summary="Reporting rate of a level for a period",
        parameters=[
            OpenApiParameter("unit", OpenApiTypes.INT, required=True, description="The parent unit (the level)."),
            OpenApiParameter("period", OpenApiTypes.STR, required=True, description="2023, 2023-H1, 2020-2025..."),
            OpenApiParameter("deadline", OpenApiTypes.DATE, description="Default: period end + 15 days."),
        ],
        responses={200: CompletenessSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request):
        unit_id = request.query_params.get("unit", "")
        if not unit_id.isdigit():
            raise ValidationError({"unit": [_("Choose a unit within your part of the organization.")]})
        parent = get_object_or_404(visible_units(request.user), pk=int(unit_id))
        try:
            p = parse_period(request.query_params.get("period", ""))
        except InvalidPeriod as exc:
            raise ValidationError({"period": [_("Write the period as a year (2023) or a term (2020-2025).")]}) from exc
        deadline = None
        if request.query_params.get("deadline"):
            try:
                deadline = datetime.date.fromisoformat(request.query_params["deadline"])
            except ValueError as exc:
                raise ValidationError({"deadline": [_("Enter a valid date.")]}) from exc
        return Response(CompletenessSerializer(completeness(parent, p, deadline)).data)
