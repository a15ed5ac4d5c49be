"""The API's OpenAPI 3.1 document, made from the route table (:data:`.routes.ENDPOINTS`) and
the pydantic models (their JSON Schemas, draft 2020-12, which OpenAPI 3.1 uses as they are)."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

__all__ = ["build_document"]

_REF = "#/components/schemas/{model}"


def build_document(endpoints, base: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``endpoints`` (the route table) under ``base``."""
    from .. import __version__
    from .models import ProblemDetails

    ENDPOINTS, BASE = endpoints, base  # noqa: N806

    models = {ProblemDetails}
    for ep in ENDPOINTS:
        if ep.response is not None:
            models.add(ep.response)
        if isinstance(ep.request, type):
            models.add(ep.request)
    ordered = sorted(models, key=lambda m: m.__name__)
    keys, defs = models_json_schema([(m, "serialization") for m in ordered],
                                    ref_template=_REF)
    schemas = defs.get("$defs", {})
    for m in ordered:  # the request models as they are validated
        if any(ep.request is m for ep in ENDPOINTS):
            _, one = models_json_schema([(m, "validation")], ref_template=_REF)
            schemas.update(one.get("$defs", {}))

    def ref(model) -> dict:
        return {"$ref": _REF.format(model=model.__name__)}

    def problem(description: str) -> dict:
        return {"description": description,
                "content": {"application/problem+json": {"schema": ref(ProblemDetails)}}}

    paths: dict[str, dict] = {}
    for ep in ENDPOINTS:
        op: dict[str, Any] = {
            "summary": ep.summary,
            "operationId": f"{ep.method.lower()}_{ep.handler.__name__.strip('_')}",
            "parameters": [],
            "responses": {},
        }
        for name in _path_params(ep.path):
            what = (" (or INSTITUTION@PERIOD, e.g. VAL-MLSP@2025)" if name == "assessment"
                    else "")
            op["parameters"].append({"name": name, "in": "path", "required": True,
                                     "schema": {"type": "string"},
                                     "description": f"The {name}'s id or code{what}"})
        for name, description in ep.query:
            op["parameters"].append({"name": name, "in": "query", "required": False,
                                     "schema": {"type": "string"},
                                     "description": description})
        if ep.request == "file":
            op["requestBody"] = {"required": True, "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                    "schema": {"type": "string", "contentEncoding": "binary"}},
                "application/octet-stream": {"schema": {"type": "string",
                                                        "contentEncoding": "binary"}}}}
        elif ep.request is not None:
            op["requestBody"] = {"required": True, "content": {
                "application/json": {"schema": ref(ep.request)}}}
        answer = ref(ep.response)
        if ep.many:
            answer = {"type": "array", "items": answer}
        op["responses"][str(ep.status)] = {"description": "OK", "content": {
            "application/json": {"schema": answer}}}
        if ep.auth:
            op["security"] = [{"bearer": []}]
            op["responses"]["401"] = problem("No token, or one unknown or revoked")
            op["responses"]["429"] = problem("Too many requests with this token; see "
                                             "Retry-After")
        else:
            op["security"] = []
        if ep.write or ep.auth:
            op["responses"]["403"] = problem("The user's roles (or a read-only token) do not "
                                             "allow it")
        if "{" in ep.path:
            op["responses"]["404"] = problem("No such record, or none the user may see")
        if ep.write:
            op["responses"]["409"] = problem("Changed since it was read, or not possible in "
                                             "the assessment's state")
        if ep.request is not None or ep.query:
            op["responses"]["400"] = problem("A malformed body or parameter")
            op["responses"]["422"] = problem("Invalid input: every problem located")
        if ep.request is not None:
            op["responses"]["413"] = problem("The body is too large")
        paths.setdefault(BASE + ep.path, {})[ep.method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "seal-engine API", "version": __version__,
                 "description": "The Gender Equality Seal for Public Institutions: assessments, "
                                "results, answers and staff data pushed from other systems, "
                                "certificates and the portfolio. See docs/api.md.",
                 "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}},
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer",
                       "description": "A token from 'seal tokens add EMAIL --name NAME'"}}},
    }


def _path_params(path: str) -> list[str]:
    import re

    return re.findall(r"\{(\w+)\}", path)

