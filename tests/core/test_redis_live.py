"""The production cache and sessions on a live Redis (settings with REDIS_URL): the cache
answers, /healthz sees it, sessions survive a Redis restart (written through to the database),
and the public portal's page cache works and is invalidated by a publication.

Needs a Redis server: MANDATE_TEST_REDIS_URL (``.ci/run`` sets it and starts Redis if it is not
running). Without it these tests are skipped with a message, unless MANDATE_REQUIRE_REDIS=1
makes that a failure."""

import os
import uuid

import pytest
from django.core.cache import cache
from django.test import Client

from mandate.documents.services import create_document
from mandate.portal import services as portal
from mandate.targets import services as targets

REDIS_URL = os.environ.get("MANDATE_TEST_REDIS_URL", "")


def _redis_or_skip():
    if not REDIS_URL:
        message = "MANDATE_TEST_REDIS_URL is not set: no live Redis to test against"
        if os.environ.get("MANDATE_REQUIRE_REDIS") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def redis_settings(settings):
    """The settings REDIS_URL gives, under a key prefix of this test's own; its keys are
    deleted afterwards (the database rolls back, Redis does not)."""
    _redis_or_skip()
    prefix = f"mandate-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix,
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
    }}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield prefix
    cache.delete_pattern("*")  # django-redis: only this prefix's keys


def test_cache_round_trip_and_health(db, redis_settings):
    from django_redis import get_redis_connection

    cache.set("probe", {"a": 1}, 30)
    assert cache.get("probe") == {"a": 1}
    assert get_redis_connection("default").exists(f"{redis_settings}:1:probe")
    body = Client().get("/healthz").json()
    assert body["checks"]["cache"] == "ok", body


def test_a_session_outlives_a_redis_restart(db, redis_settings, users):
    client = Client()
    client.force_login(users["viewer"])
    assert client.get("/accounts/me/").status_code == 200
    cache.delete_pattern("*")  # what a Redis restart loses
    assert client.get("/accounts/me/").status_code == 200  # read back from the database


def test_public_pages_are_cached_in_redis_and_invalidated(db, redis_settings, tree, users, plan):
    admin = users["admin"]
    target = targets.create_target(actor=admin, document=plan, org_unit=tree.city, indicator="Lượt khách",
                                   unit_of_measure="lượt", value=1000, period="2023")
    value = targets.enter_value(actor=admin, target=target, org_unit=tree.city, period="2023", value=640,
                                submit=True)
    targets.approve_value(value, actor=admin, expected_version=value.version)
    portal.publish_targets(actor=admin, document=plan)
    client = Client()
    first = client.get("/public/?lang=vi")
    assert first["X-Portal-Cache"] == "miss" and "150-KH/TU" in first.content.decode()
    assert client.get("/public/?lang=vi")["X-Portal-Cache"] == "hit"
    other = create_document(number="9-KH/UBND", title="Kế hoạch khác", issuing_unit=tree.city,
                            issued_on=plan.issued_on)
    targets.create_target(actor=admin, document=other, org_unit=tree.city, indicator="Số xã đạt chuẩn",
                          unit_of_measure="xã", value=5, period="2024")
    portal.publish_targets(actor=admin, document=other)
    again = client.get("/public/?lang=vi")
    assert again["X-Portal-Cache"] == "miss" and "9-KH/UBND" in again.content.decode()
