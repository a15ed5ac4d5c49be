"""What every shape shares: the base model (unknown fields refused, no NaN or infinity), the
stable record id and the text fields a translation may give."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["TEXT_FIELDS", "RecordId", "SealModel", "Text", "TranslatedField"]

RecordId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,79}$",
        description="A stable id: letters, digits, '.', '_' and '-'; minted once, never reused.",
    ),
]
Text = Annotated[str, Field(min_length=1)]
TranslatedField = Literal["title", "description", "text", "help", "means_of_verification",
                          "resources", "responsible"]
#: The fields of a record whose text a translation may give (besides ``choices`` and ``columns``).
TEXT_FIELDS: tuple[str, ...] = ("title", "description", "text", "help", "means_of_verification",
                                "resources", "responsible")


class SealModel(BaseModel):
    """The base of every shape: unknown fields refused, no NaN or infinity.  A model's
    validator and serializer are built when it first validates or dumps (``defer_build``): a
    command scoring with a standard from the cache (read back without validating, see
    :mod:`seal_engine.loader.cache`) builds none of the standard's."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False, allow_inf_nan=False,
                              defer_build=True)
