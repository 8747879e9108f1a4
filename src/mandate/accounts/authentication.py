"""API token authentication with expiry (see accounts/tokens.py for issuing and revoking).

Kept apart from the views: DRF imports this module while it reads its own settings."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


def token_ttl() -> datetime.timedelta:
    return datetime.timedelta(hours=float(getattr(settings, "TOKEN_TTL_HOURS", 24)))


def token_expires_at(token) -> datetime.datetime:
    return token.created + token_ttl()


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token older than TOKEN_TTL_HOURS."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expires_at(token) <= timezone.now():
            token.delete()
            raise exceptions.AuthenticationFailed(_("The token has expired; ask for a new one."))
        return user, token
