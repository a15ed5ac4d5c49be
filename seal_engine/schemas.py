"""The JSON Schemas the engine publishes under ``schemas/`` (``seal schema`` writes them; a
test checks they are current): generated from the pydantic models of standards, assessments,
results and column mappings, never written by hand."""

from __future__ import annotations

from typing import Any

from .models import Assessment, ScoreResult, Standard
from .workforce.mapping import mapping_json_schema

__all__ = ["json_schemas"]


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schemas generated from these models, by file name under ``schemas/``."""
    out = {}
    for name, model, title in (
        ("standard.schema.json", Standard, "seal-engine standard"),
        ("assessment.schema.json", Assessment, "seal-engine assessment"),
        ("result.schema.json", ScoreResult, "seal-engine score result (seal score --format json)"),
    ):
        mode = "validation" if model is not ScoreResult else "serialization"
        schema = model.model_json_schema(mode=mode)
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title,
                  **{k: v for k, v in schema.items() if k != "title"}}
        out[name] = schema
    schema = mapping_json_schema()
    out["column-mapping.schema.json"] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "seal-engine column mapping (seal staff mapping set, --columns)",
        **{k: v for k, v in schema.items() if k != "title"}}
    return out
