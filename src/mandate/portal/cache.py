"""Caching of public pages (Django's cache framework), one key per page, language and
version of the public data (``PublicStamp``): publishing anything changes the version, so
old entries are never served again and simply expire."""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import get_language


def timeout() -> int:
    """Seconds a public page stays cached (``PORTAL_CACHE_SECONDS``; 0 turns the cache off)."""
    return int(getattr(settings, "PORTAL_CACHE_SECONDS", 600))


def stamp() -> int:
    from .models import PublicStamp

    value = PublicStamp.objects.filter(pk=1).values_list("counter", flat=True).first()
    return value or 0


def bump() -> None:
    from .models import PublicStamp

    if not PublicStamp.objects.filter(pk=1).update(counter=F("counter") + 1):
        try:
            with transaction.atomic():
                PublicStamp.objects.create(pk=1, counter=1)
        except IntegrityError:
            PublicStamp.objects.filter(pk=1).update(counter=F("counter") + 1)


KEPT_HEADERS = ("Content-Disposition",)


def page_key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"portal:{stamp()}:{get_language()}:{path}"


def cached_public(view):
    """Serve a GET of a public page from the cache, per language and data version."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or timeout() <= 0:
            return view(request, *args, **kwargs)
        key = page_key(request)
        hit = cache.get(key)
        if hit is not None:
            content, content_type, status, headers = hit
            from django.http import HttpResponse

            response = HttpResponse(content, content_type=content_type, status=status, headers=headers)
            response["X-Portal-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming:
                kept = {h: response[h] for h in KEPT_HEADERS if h in response}
                cache.set(key, (response.content, response["Content-Type"], response.status_code, kept), timeout())
            response["X-Portal-Cache"] = "miss"
        response["Cache-Control"] = "public, max-age=60"
        response["Content-Language"] = get_language()
        return response

    return wrapper
