"""API tokens that expire and rotate, and are revoked when the password changes.

A token lives ``TOKEN_TTL_HOURS`` after it was issued (``Token.created``). Asking for a
token again (POST /api/v1/auth/token/ with the user name and password) replaces the old
one: each user holds at most one valid token. Changing or resetting the password deletes
the user's token (a signal below), and django-axes throttles the token endpoint as it
does the login page.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from .authentication import ExpiringTokenAuthentication, token_expires_at  # noqa: F401


@transaction.atomic
def issue_token(user) -> Token:
    """A new token for the user; any older one stops working."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


class TokenThrottle(AnonRateThrottle):
    scope = "token"


class ObtainTokenView(APIView):
    """POST a user name and password; get a new token (the previous one is revoked)."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [TokenThrottle]
    serializer_class = AuthTokenSerializer

    @extend_schema(
        request=AuthTokenSerializer,
        responses={200: inline_serializer("IssuedToken", {
            "token": serializers.CharField(),
            "expires_at": serializers.DateTimeField(),
        })},
        auth=[],
        description="Exchange a user name and password for an API token (header `Authorization: Token <key>`). "
                    "The token expires after TOKEN_TTL_HOURS (24 h by default); asking again revokes the "
                    "previous token. Wrong passwords are throttled and lock the account out for a while.",
    )
    def post(self, request, *args, **kwargs):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        valid = serializer.is_valid()
        if getattr(request, "axes_locked_out", False) or getattr(request._request, "axes_locked_out", False):
            raise exceptions.Throttled(detail=_("Too many failed attempts: this account is locked for a while."))
        if not valid:
            raise exceptions.ValidationError(serializer.errors)
        token = issue_token(serializer.validated_data["user"])
        return Response({"token": token.key, "expires_at": token_expires_at(token)})


@receiver(pre_save, sender=get_user_model())
def revoke_tokens_on_password_change(sender, instance, raw=False, **kwargs):
    """A changed password (by the user, a reset or an administrator) ends every token."""
    update_fields = kwargs.get("update_fields")
    if raw or instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    old = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old is not None and old != instance.password:
        Token.objects.filter(user_id=instance.pk).delete()
