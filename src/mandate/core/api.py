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

# --- One error shape (issue 7) -------------------------------------------------------------------
# Every error the API answers is a JSON object with ``detail`` (one message in the user's
# language) and ``code`` (a string such as "invalid", "not_found", "conflict"). A 400 also
# carries ``errors``: the messages per field; for compatibility each field's messages are
# also at the top level, except for fields named "detail" or "code".

DEFAULT_CODES = {400: "invalid", 401: "not_authenticated", 403: "permission_denied", 404: "not_found",
                 405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "too_large",
                 415: "unsupported_media_type", 429: "throttled"}


def _messages(value) -> list:
    if isinstance(value, dict):
        return [m for v in value.values() for m in _messages(v)]
    if isinstance(value, list | tuple):
        return [m for v in value for m in _messages(v)]
    return [str(value)]


def _shape(data, status_code: int, code: str | None = None) -> dict:
    """The documented error body from whatever DRF or a service produced."""
    default_code = DEFAULT_CODES.get(status_code, "error")
    if isinstance(data, dict) and set(data) <= {"detail", "code"} and "detail" in data:
        detail = data["detail"]
        return {"detail": " ".join(_messages(detail)), "code": code or _first_code(data.get("code")) or default_code}
    if isinstance(data, list | tuple) or not isinstance(data, dict):
        return {"detail": " ".join(_messages(data)), "code": code or default_code}
    errors = {str(k): (v if isinstance(v, list | dict) else [str(v)]) for k, v in data.items()}
    messages = _messages(errors)
    body = {"detail": messages[0] if len(messages) == 1 else _("Some fields are not valid; see errors."),
            "code": code or default_code, "errors": errors}
    for key, value in errors.items():
        if key not in body:
            body[key] = value
    return body


def _first_code(codes) -> str | None:
    if isinstance(codes, str):
        return codes
    if isinstance(codes, dict):
        codes = list(codes.values())
    if isinstance(codes, list | tuple):
        for c in codes:
            found = _first_code(c)
            if found:
                return found
    return None


def exception_handler(exc, context):
    """Service functions raise Django's ValidationError / PermissionDenied; the API answers
    them as 400 / 403, and a stale-version conflict as 409, with the same messages the pages
    show. Every answer has the shape above."""
    from django.db import DataError

    if isinstance(exc, ConflictError) or (isinstance(exc, DjangoValidationError) and getattr(exc, "code", None) == "conflict"):
        return Response({"detail": " ".join(exc.messages), "code": "conflict"}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            data = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        else:
            data = {"detail": " ".join(exc.messages)}
        return Response(_shape(data, 400), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DataError | OverflowError):
        # A last line behind the per-field bounds: a value the database cannot store.
        return Response({"detail": _("A value is outside the range that can be stored."), "code": "out_of_range"},
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is not None:
        code = None
        if isinstance(exc, exceptions.APIException) and not isinstance(exc, exceptions.ValidationError):
            code = _first_code(exc.get_codes())
        response.data = _shape(response.data, response.status_code, code)
    return response


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
    """An error: one ``detail`` message and a ``code``; on a 400 also ``errors``, the messages
    per field (each field's messages also appear at the top level, under the field's name)."""

    detail = serializers.CharField(help_text="A message in the user's language.")
    code = serializers.CharField(help_text='What went wrong: "invalid", "not_found", "permission_denied", '
                                           '"conflict", "throttled", ...')
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False,
                                   help_text="On a 400: the messages for each field that is not valid.")


def require_version(request) -> None:
    """A change must say which version it is based on; refused with 400 before any data is read
    or written (a partial update would otherwise leave ``version`` out)."""
    data = request.data
    if not hasattr(data, "get") or data.get("version") in (None, ""):
        raise exceptions.ValidationError({"version": [_("Send the version of the record you read (the "
                                                        "\"version\" field), so that a newer change is not "
                                                        "overwritten.")]})
