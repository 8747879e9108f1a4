"""Shared pieces of the REST API: error format, the as-of day, and fields for numbers and versions."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import ConflictError


def exception_handler(exc, context):
    """Service functions raise Django's ValidationError / PermissionDenied; the API answers
    them as 400 / 403, and a stale-version conflict as 409, with the same messages the pages show."""
    if isinstance(exc, ConflictError) or (isinstance(exc, DjangoValidationError) and getattr(exc, "code", None) == "conflict"):
        return Response({"detail": " ".join(exc.messages), "code": "conflict"}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            data = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        else:
            data = {"detail": " ".join(exc.messages)}
        return Response(data, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)


AS_OF_PARAMETER = OpenApiParameter(
    "as_of", OpenApiTypes.DATE, OpenApiParameter.QUERY,
    description="Compute figures and status as they stood on this day (YYYY-MM-DD). Default: today.",
)


def as_of_from(request) -> datetime.date:
    """The day an API read is made for: ``?as_of=YYYY-MM-DD``, else the day the
    AsOfMiddleware chose (today, or the past date kept in a browser session)."""
    raw = request.query_params.get("as_of")
    if raw and raw != "today":
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            raise exceptions.ValidationError({"as_of": [_("Write the date as YYYY-MM-DD, e.g. 2025-06-30.")]}) from None
    return getattr(request, "as_of", None) or datetime.date.today()


@extend_schema_field({"type": "string", "format": "decimal", "example": "12.5", "nullable": True})
class DecimalText(serializers.Field):
    """A stored decimal written as a string without trailing zeros ("230", "12.5"):
    JSON numbers would lose precision on large sums of money."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        if value is None:
            return None
        return format(Decimal(value).normalize(), "f")


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string", "example": "12,5"}], "nullable": True})
class NumberInput(serializers.Field):
    """A number in a request, a JSON number or a string ("12.5", "12,5"). It is handed to the
    service as text, so the service's own parsing and messages apply, exactly as on the pages."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            raise serializers.ValidationError(_("Enter a number, for example 12 or 12.5."))
        return data if isinstance(data, str) else str(data)

    def to_representation(self, value):
        return None if value is None else str(value)


def version_field(**kwargs):
    return serializers.IntegerField(
        min_value=1,
        help_text="The version of the record this change is based on, as last read. "
                  "A change based on an older version is refused with 409 Conflict.",
        **kwargs,
    )


class ErrorSerializer(serializers.Serializer):
    """An error: one ``detail`` message (403, 404, 409), or a list of messages per field (400)."""

    detail = serializers.CharField(required=False)
    code = serializers.CharField(required=False, help_text='"conflict" on a 409.')
