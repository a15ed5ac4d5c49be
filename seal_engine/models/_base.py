"""What every shape shares: the base model (unknown fields refused, no NaN or infinity), the
stable record id and the text fields a translation may give."""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

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

    @classmethod
    def model_rebuild(cls, *, force: bool = False, raise_errors: bool = True,
                      _parent_namespace_depth: int = 2, _types_namespace: Any = None
                      ) -> bool | None:
        """As pydantic's, one build at a time in the process: the first use of a model in
        several threads at once (an app's sessions, a server's requests) builds it once, the
        others waiting for it (pydantic's own rebuild is not safe for threads)."""
        with _BUILD_LOCK:
            return super().model_rebuild(
                force=force, raise_errors=raise_errors,
                _parent_namespace_depth=(_parent_namespace_depth + 1 if _parent_namespace_depth
                                         > 0 else 0),  # the caller's frame, past this one
                _types_namespace=_types_namespace)


#: held while a model's validator and serializer are built (see SealModel.model_rebuild)
_BUILD_LOCK = threading.RLock()
