"""OpenAPI post-processing: every operation documents the error answers any endpoint can
give, in the one error shape (core.api.ErrorSerializer), so that clients and schemathesis
find no undocumented status code."""

ERROR_REF = {"$ref": "#/components/schemas/Error"}
COMMON = {
    "400": "The request is not valid: see `detail` and `errors`.",
    "401": "No valid credentials (missing, wrong or expired token).",
    "403": "Not allowed for your role or unit, or not logged in with a session.",
    "404": "Not found, or outside your part of the organization.",
    "429": "Too many requests; wait and retry.",
}
# gunicorn refuses a request line over 4,094 bytes (limit_request_line in gunicorn.conf.py)
# before Django sees it, with its own short HTML page.
URI_TOO_LONG = {"description": "The URL is longer than the server accepts (4,094 bytes).",
                "content": {"text/html": {"schema": {"type": "string"}}}}
WRITE = {"409": "Someone changed the record since you read it (stale version).",
         "413": "The request body is too large."}


def add_error_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", {
        "type": "object",
        "description": "An error answer. A 400 also carries `errors` (messages per field); each field's "
                       "messages also appear at the top level under the field's name.",
        "properties": {
            "detail": {"type": "string", "description": "A message in the user's language."},
            "code": {"type": "string", "description": "invalid, not_authenticated, permission_denied, not_found, "
                                                      "conflict, too_large, throttled, out_of_range, ..."},
            "errors": {"type": "object", "additionalProperties": {}},
        },
        "required": ["detail", "code"],
    })
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            extra = dict(COMMON)
            if method != "get":
                extra.update(WRITE)
                extra["405"] = "This method is not allowed here."
            for status, description in extra.items():
                if status not in responses:
                    responses[status] = {"description": description,
                                         "content": {"application/json": {"schema": ERROR_REF}}}
            responses.setdefault("414", URI_TOO_LONG)
    return result
