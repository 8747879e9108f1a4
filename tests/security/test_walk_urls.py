"""Walk every page and API route, generated from the URL configuration and the router, as
each demo role and without login, with path parameters filled with objects inside and
outside the user's subtree (the demo data set, which every app extends through its
``demo_data`` module). Asserts:

- no answer is a server error (5xx);
- without login, only the documented public prefixes answer 2xx; the rest redirect to the
  login page or answer 401/403 (404/405 reveal nothing either);
- a 2xx answer to a user never names a unit outside the user's subtree (other than the
  units above it): each page and API answer is searched for those units' names;
- a viewer (no write rights) changes nothing by any POST/PUT/PATCH/DELETE.
"""

from __future__ import annotations

import hashlib
import itertools
import json

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client

from mandate.accounts.access import visible_units
from mandate.demo.foundation import ACCOUNTS
from mandate.orgs.models import OrgUnit

from .urlwalk import FALLBACK_IDS, all_routes, sample_ids

pytestmark = pytest.mark.django_db

SERVER_ERROR = 500
WRITE_METHODS = ("post", "put", "patch", "delete")
# Tables a harmless request may touch: sessions, login attempts, tokens, read marks.
VOLATILE_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog",
                   "authtoken_token", "accounts_notification", "auth_user"}


@pytest.fixture(scope="module")
def world(demo_world, django_db_blocker):
    """The demo data set, loaded once for the module (tests/conftest.py: demo_world)."""
    with django_db_blocker.unblock():
        users = {m.user.username: m.user for m in
                 apps.get_model("accounts", "Membership").objects.select_related("user", "org_unit")}
        return {"users": users, "routes": all_routes()}


def _param_values(route, param, first_model, count):
    model = first_model if param == route.params[0] else _model_for_param(param)
    return sample_ids(model, count) if model is not None else FALLBACK_IDS[:count]


def _model_for_param(param: str):
    stem = param.removesuffix("_pk").removesuffix("_id").replace("_", "")
    for model in apps.get_models():
        if model.__module__.startswith("mandate.") and model._meta.model_name.endswith(stem) and \
                "historical" not in model._meta.model_name:
            return model
    return None


def _urls(route, count: int) -> list[str]:
    if not route.params:
        return [route.template]
    choices = [_param_values(route, p, route.model, count) for p in route.params]
    combos = list(itertools.product(*choices))[: count * 2]
    return [route.fill(dict(zip(route.params, combo, strict=True))) for combo in combos]


def named_by_visible_records(user) -> set[int]:
    """Units outside the subtree that a record the user may see names by design (docs/security.md):
    the unit that assigned a visible task, leads it or coordinates it with the user's unit,
    issued a visible document or organizes a visible movement, and the units a visible unit
    was merged into or formed from. A new app whose records name other units on purpose adds
    its relation here."""
    from mandate.documents.api import visible_documents
    from mandate.movements.queries import visible_movements
    from mandate.orgs.models import Succession
    from mandate.tasks.services import visible_tasks

    own = visible_units(user)
    tasks = visible_tasks(user)
    ids = set(tasks.values_list("assigning_unit", flat=True))
    # A task the user's unit coordinates names its lead and its other coordinating units.
    ids |= set(tasks.values_list("lead_unit", flat=True))
    ids |= set(tasks.values_list("coordinating_units", flat=True))
    ids |= set(visible_documents(user).values_list("issuing_unit", flat=True))
    ids |= set(visible_movements(user).values_list("organizer", flat=True))
    ids |= set(Succession.objects.filter(predecessor__in=own).values_list("successor", flat=True))
    ids |= set(Succession.objects.filter(successor__in=own).values_list("predecessor", flat=True))
    return {i for i in ids if i is not None}


def _foreign_names(user) -> list[str]:
    """Names of units neither in the user's subtree nor above it (its siblings and cousins),
    except those a visible record names by design."""
    own = visible_units(user)
    root = user.membership.org_unit
    ancestors = OrgUnit.objects.ancestors_of(root, include_self=True)
    named = OrgUnit.objects.filter(pk__in=named_by_visible_records(user))
    allowed = {n for u in list(own) + list(ancestors) + list(named) for n in (u.name_vi, u.name_en) if n}
    names = set()
    for unit in (OrgUnit.objects.exclude(pk__in=own.values("pk")).exclude(pk__in=ancestors.values("pk"))
                 .exclude(pk__in=named.values("pk"))):
        for name in (unit.name_vi, unit.name_en):
            if name and len(name) >= 8 and not any(name in a for a in allowed):
                names.add(name)
    return sorted(names)


def _body_text(response) -> str:
    if getattr(response, "streaming", False):
        return ""  # a file download: checked by the access tests of each file view
    content_type = response.get("Content-Type", "")
    if "html" not in content_type and "json" not in content_type:
        return ""
    text = response.content.decode("utf-8", "replace")
    if "json" in content_type:
        text = json.dumps(json.loads(text or "null"), ensure_ascii=False)
    return text


def _client(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    if user is not None:
        client.force_login(user)
    return client


def _get(client, url):
    cache.clear()  # the API throttles would otherwise answer 429 part-way through the walk
    return client.get(url)


def test_the_walk_covers_pages_and_api_routes(world):
    routes = world["routes"]
    templates = {r.template for r in routes}
    assert any(t.startswith("/api/v1/") for t in templates) and any(t.startswith("/documents/") for t in templates)
    assert len(routes) > 60
    # Every API route and every page with an id found its model (a new one would use small ids).
    unmapped = [r.template for r in routes if r.params and r.model is None and not r.public]
    assert len(unmapped) < len(routes) // 4, unmapped


def test_without_login_nothing_but_public_pages(world):
    client = _client()
    problems = []
    for route in world["routes"]:
        for url in _urls(route, 1):
            response = _get(client, url)
            status = response.status_code
            if status >= SERVER_ERROR:
                problems.append((url, status))
            elif not route.public and 200 <= status < 300:
                problems.append((url, status, "answered without login"))
            elif not route.public and status in (301, 302):
                location = response["Location"]
                # To the login page, or to another page of the site that asks for it in turn.
                if not location.startswith("/") or location.startswith("//"):
                    problems.append((url, status, location))
    assert not problems, problems


# Every demo account; those at the root (nothing lies outside their subtree) are skipped.
# hoangdong-reporter sits in a ward: it is always walked (``test_the_read_walk_checks_a_ward``).
DEMO_ACCOUNTS = [username for username, _role, _unit in ACCOUNTS]
ALWAYS_WALKED = "hoangdong-reporter"


def _at_the_root(user) -> bool:
    return user.membership.org_unit.parent_id is None


def test_the_read_walk_checks_a_ward(world):
    user = world["users"][ALWAYS_WALKED]
    assert ALWAYS_WALKED in DEMO_ACCOUNTS and not _at_the_root(user)
    assert _foreign_names(user), "the demo data should hold units outside this user's subtree"


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_reads_reveal_nothing_outside_the_subtree(world, username):
    user = world["users"][username]
    if _at_the_root(user) and username != ALWAYS_WALKED:
        pytest.skip(f"{username} sits at the root ({user.membership.org_unit.name_vi}): no unit lies outside "
                    "its subtree")
    foreign = _foreign_names(user)
    assert foreign, "the demo data should hold units outside this user's subtree"
    client = _client(user)
    problems = []
    for route in world["routes"]:
        for url in _urls(route, 5):
            response = _get(client, url)
            if response.status_code >= SERVER_ERROR:
                problems.append((url, response.status_code))
                continue
            # Public routes show what an administrator published for everyone; the portal's own
            # crawl (tests/portal) checks they hold nothing unpublished or internal.
            if 200 <= response.status_code < 300 and not route.public:
                text = _body_text(response)
                leaked = [name for name in foreign if name in text]
                if leaked:
                    problems.append((url, "shows", leaked[:3]))
    assert not problems, problems


@pytest.mark.parametrize("username", ["province-admin", "province-viewer"])
def test_every_route_answers_each_role_without_server_error(world, username):
    client = _client(world["users"][username])
    problems = []
    for route in world["routes"]:
        for url in _urls(route, 2):
            response = _get(client, url)
            if response.status_code >= SERVER_ERROR:
                problems.append((url, response.status_code))
    assert not problems, problems


def _snapshot() -> str:
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.db_table):
        if model._meta.db_table in VOLATILE_TABLES or not model._meta.managed:
            continue
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.mark.parametrize("username", ["province-viewer", "hoangdong-reporter"])
def test_writes_without_the_right_change_nothing_and_never_fail(world, username):
    """Every write method on every route with a bare body. A viewer may change nothing; a
    reporter's bare requests are refused as incomplete or not allowed."""
    client = _client(world["users"][username])
    before = _snapshot()
    problems = []
    for route in world["routes"]:
        if route.name in ("set_as_of", "set_language", "password_change"):
            continue
        for url in _urls(route, 3):
            for method in WRITE_METHODS if route.api else ("post",):
                cache.clear()
                body = {"version": 1}
                if route.api:
                    response = getattr(client, method)(url, json.dumps(body), content_type="application/json")
                else:
                    response = client.post(url, body)
                if response.status_code >= SERVER_ERROR:
                    problems.append((method, url, response.status_code))
    assert not problems, problems
    assert _snapshot() == before, "a bare request without the right changed stored data"
