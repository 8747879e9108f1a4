"""The committed OpenAPI schema (docs/openapi.yaml) is the one the code generates."""

import difflib
import pathlib

import pytest
from django.db import connection
from django.utils import translation
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.validation import validate_schema

COMMITTED = pathlib.Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


def generate() -> tuple[dict, str]:
    """As ``make schema`` does (``mandate spectacular --lang en``): the API's reference is
    in English whatever the UI's default language is."""
    GENERATOR_STATS.reset()
    with translation.override("en"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    return schema, OpenApiYamlRenderer().render(schema, renderer_context={}).decode()


def test_schema_generates_without_warnings_and_validates():
    schema, _ = generate()
    assert not GENERATOR_STATS._warn_cache and not GENERATOR_STATS._error_cache, (
        "drf-spectacular warned while generating the schema; run `make schema` to see where, and annotate the "
        f"viewset with extend_schema: {dict(GENERATOR_STATS._warn_cache) or dict(GENERATOR_STATS._error_cache)}"
    )
    validate_schema(schema)
    paths = schema["paths"]
    for path in ["/api/v1/auth/token/", "/api/v1/org-units/", "/api/v1/documents/{id}/relations/",
                 "/api/v1/targets/{id}/allocations/", "/api/v1/reported-values/{id}/approve/"]:
        assert path in paths


def test_committed_schema_is_up_to_date():
    if connection.vendor != "sqlite":
        # Model integer fields take their bounds from the database backend (a small integer is
        # 32767 on PostgreSQL, 2**63-1 on SQLite); `make schema` runs on the default SQLite.
        pytest.skip("the committed schema is generated on SQLite")
    _, generated = generate()
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    if generated != committed:
        diff = "".join(list(difflib.unified_diff(committed.splitlines(True), generated.splitlines(True),
                                                 "docs/openapi.yaml (committed)", "generated", n=1))[:60])
        raise AssertionError(
            "docs/openapi.yaml is out of date with the API code: run `make schema` and commit the result.\n" + diff
        )
