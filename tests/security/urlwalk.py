"""Enumerate every URL of the site and the API from the URL configuration, and fill their
path parameters with objects of the right model, so that a security walk covers endpoints
added later without anyone listing them.

A page or route's model is found without a table kept by hand:
- API routes: the model of the router-registered viewset's queryset;
- pages: the model whose ``get_absolute_url`` resolves to the route, or to a route that is
  a prefix of it (``/documents/{pk}/`` gives ``/documents/{pk}/edit/`` its model);
- anything else: a spread of small ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

# Prefixes meant for anonymous visitors (documented in docs/security.md). A new public portal
# goes under /public/ (pages) or /api/v1/public/ (API).
PUBLIC_PREFIXES = (
    "/public/", "/api/v1/public/", "/healthz", "/login/", "/i18n/", "/accounts/password-reset/",
    "/api/v1/auth/token/", "/api/v1/schema/", "/api/v1/docs/", "/static/",
)
# Routes that end the walking user's session or are not part of the application.
SKIP_NAMES = {"logout"}
SKIP_PREFIXES = ("/admin/", "/static/", "/media/")


@dataclass
class Route:
    template: str  # "/documents/{pk}/edit/"
    params: list[str]
    name: str | None
    callback: object
    model: type | None = None
    api: bool = False
    methods: set[str] = field(default_factory=set)

    @property
    def public(self) -> bool:
        return self.template.startswith(PUBLIC_PREFIXES)

    def fill(self, values: dict) -> str:
        return self.template.format(**values)


_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
_REGEX_PARAM = re.compile(r"\(\?P<(?P<name>\w+)>[^()]*(?:\([^()]*\)[^()]*)*\)")


def _template_of(pattern) -> tuple[str, list[str]] | None:
    raw = str(pattern.pattern)
    if pattern.pattern.__class__.__name__ == "RoutePattern":
        names = [m.group("name") for m in _ROUTE_PARAM.finditer(raw)]
        return _ROUTE_PARAM.sub(lambda m: "{" + m.group("name") + "}", raw), names
    text = raw.lstrip("^").rstrip("$")
    names = [m.group("name") for m in _REGEX_PARAM.finditer(text)]
    text = _REGEX_PARAM.sub(lambda m: "{" + m.group("name") + "}", text)
    text = text.replace("\\.", ".").replace("\\-", "-")
    if re.search(r"[\\()\[\]*+?|]", text):
        return None  # alternatives or format suffixes (".json"): not a page of its own
    return text, names


def _walk(resolver, prefix: str = "", params: list | None = None):
    params = params or []
    for entry in resolver.url_patterns:
        shaped = _template_of(entry)
        if shaped is None:
            continue
        text, names = shaped
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + text, params + names)
        elif isinstance(entry, URLPattern):
            yield prefix + text, params + names, entry


def _api_models() -> dict:
    """Viewset class → model, from the API router."""
    from mandate import api_urls

    found = {}
    for _prefix, viewset, _basename in api_urls.router.registry:
        model = getattr(getattr(viewset, "queryset", None), "model", None)
        if model is None:
            serializer = getattr(viewset, "serializer_class", None)
            model = getattr(getattr(serializer, "Meta", None), "model", None)
        found[viewset] = model
    return found


def all_routes() -> list[Route]:
    routes = []
    for text, names, entry in _walk(get_resolver()):
        template = "/" + text
        if template.startswith(SKIP_PREFIXES) or entry.name in SKIP_NAMES or "format" in names:
            continue
        routes.append(Route(template=template, params=names, name=entry.name, callback=entry.callback,
                            api=template.startswith("/api/")))
    _assign_models(routes)
    return routes


def _assign_models(routes: list[Route]) -> None:
    api_models = _api_models()
    for route in routes:
        cls = getattr(route.callback, "cls", None)
        if route.api and cls in api_models:
            route.model = api_models[cls]
            route.methods = {m.upper() for m in (getattr(route.callback, "actions", None) or {})}
    # Pages: a model's get_absolute_url names its detail route; routes under it share the model.
    detail_templates = {}
    by_pattern = {id(r.callback): r for r in routes}
    for model in apps.get_models():
        if not model.__module__.startswith("mandate.") or not hasattr(model, "get_absolute_url"):
            continue
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        try:
            match = resolve(obj.get_absolute_url())
        except (Resolver404, Exception):  # noqa: BLE001 - a model whose URL needs more data
            continue
        route = by_pattern.get(id(match.func))
        if route is not None and not route.api:
            detail_templates[route.template] = model
    for route in routes:
        if route.api or route.model is not None or not route.params:
            continue
        best = None
        for template, model in detail_templates.items():
            if route.template.startswith(template) and (best is None or len(template) > len(best[0])):
                best = (template, model)
        if best is not None:
            route.model = best[1]


def sample_ids(model, count: int = 6) -> list[int]:
    """Up to ``count`` primary keys spread over the table (first, last and between)."""
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    if len(pks) <= count:
        return pks
    if count == 1:
        return [pks[len(pks) // 2]]
    step = (len(pks) - 1) / (count - 1)
    return sorted({pks[round(i * step)] for i in range(count)})


FALLBACK_IDS = [1, 2, 3, 5, 8]
