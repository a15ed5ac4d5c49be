"""What rules see and how values read in words: missing values, the evaluation context, the
rule environment, and the formatting of values for explanations."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


class Missing:
    """A value that is not known: an unanswered question or data that is not there.  ``reason``
    is given as a message (:class:`~seal_engine.messages.Message`) or a text; ``reason`` is
    then its English, ``message`` the message."""

    __slots__ = ("reason", "message")

    def __init__(self, reason: Any = "not answered"):
        if isinstance(reason, str):
            self.reason, self.message = reason, None
        else:
            self.reason, self.message = str(reason), reason

    def __repr__(self) -> str:
        return f"Missing({self.reason!r})"

    def __bool__(self) -> bool:  # pragma: no cover - guarded against; fail loudly if misused
        raise TypeError("a missing value has no truth value")


def _say(code: str, /, **params: Any):
    from ..messages import say

    global _say
    _say = say  # imported once, when first needed (the messages import this module's users)
    return say(code, **params)


NOT_ANSWERED = Missing(_say("value.not_answered"))
NOT_GIVEN = Missing(_say("value.not_given"))

#: Fields of the assessment's institution that rules may read, with their allowed values.
_INSTITUTION_FIELDS: dict[str, set[str] | None] = {
    "scope": {"national", "subnational"}, "sector": None, "country": None, "region": None}


class EvalContext:
    """What a rule sees when evaluated: normalised answers, evidence ids provided, metrics."""

    __slots__ = ("answers", "evidence", "metric", "has_workforce", "institution", "rejected",
                 "period", "unreferenced")

    def __init__(
        self,
        answers: Mapping[str, Any],
        evidence: set[str] | frozenset[str],
        metric: Callable[[str, tuple], Any] | None = None,
        institution: Mapping[str, Any] | None = None,
        rejected: set[str] | frozenset[str] = frozenset(),
        period: tuple[dt.date, dt.date] | None = None,
        unreferenced: set[str] | frozenset[str] = frozenset(),
    ):
        self.answers = answers
        self.evidence = evidence
        self.metric = metric or _no_metrics
        self.has_workforce = metric is not None
        self.institution = institution or {}
        self.rejected = rejected
        self.period = period
        self.unreferenced = unreferenced


_NO_WORKFORCE = Missing(_say("value.no_workforce"))


def _no_metrics(name: str, filters: tuple) -> Missing:
    return _NO_WORKFORCE


@dataclass
class RuleEnv:
    """What a rule may refer to, known when the standard loads."""

    questions: Mapping[str, Any]  # id -> Question
    choices: Mapping[str, set[str]]  # question id -> allowed values
    evidence: Mapping[str, Any]  # id -> EvidenceRequirement
    parameters: Mapping[str, Any]  # name -> Parameter
    metrics: Mapping[str, Any] = field(default_factory=dict)  # name -> MetricInfo


# ------------------------------------------------------------------------------- formatting


def _num(v: float) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int) or (isinstance(v, float) and v.is_integer() and abs(v) < 1e15):
        return f"{int(v):,}".replace(",", " ")
    return f"{v:.2f}".rstrip("0").rstrip(".")


def format_value(v: Any, kind: str = "any") -> str:
    """A value in words: shares as percentages, booleans as yes/no, missing as its reason."""
    if isinstance(v, Missing):
        return v.reason
    if isinstance(v, bool):
        return "yes" if v else "no"
    if kind == "points" and isinstance(v, (int, float)):
        text = f"{v * 100:.1f}".rstrip("0").rstrip(".")
        return f"{text} point{'' if text in ('1', '-1') else 's'}"
    if kind == "share" and isinstance(v, (int, float)):
        pct = v * 100
        if 0 < abs(pct) < 1:  # 0.64 % stays 0.64 %, not 0.6 %
            return f"{float(f'{pct:.2g}'):g} %"
        text = f"{pct:.1f}".rstrip("0").rstrip(".")
        return f"{text} %"
    if isinstance(v, (int, float)):
        return _num(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (list, tuple, set, frozenset)):
        return "none" if not v else ", ".join(format_value(x) for x in v)
    if v is None:
        return "nothing"
    return repr(v) if isinstance(v, str) else str(v)


def _is(v: Any, kind: str = "any") -> str:
    """'is 22 %', 'is not answered' or 'is unknown (reason)'."""
    if isinstance(v, Missing):
        return "is not answered" if v.reason == NOT_ANSWERED.reason else f"is unknown ({v.reason})"
    return f"is {format_value(v, kind)}"



_UNREF = "listed without a file, link or reference, so it is not provided"


def _logic_words(holds: str, fails: str):
    """A logic node's words: the message code ``holds`` when it holds, else ``fails``."""
    def describe(ctx, value):
        return _say(holds if value is True else fails)

    return describe


def _infer_unit(v: Any) -> str:
    if isinstance(v, bool):
        return "flag"
    if isinstance(v, (int, float)):
        return "number"
    return "text"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Fail(Exception):
    def __init__(self, message: str, node: ast.AST | None = None):
        self.message = message
        self.node = node


def missing_message(v: Missing):
    """Why a value is missing, as a message."""
    return v.message if v.message is not None else _say("problem.text", text=v.reason)


def _number(value: Any, decimals: int | None = None, **options: Any):
    from ..messages import number

    global _number
    _number = number
    return number(value, decimals, **options)


def _ids(items: list) -> Any:
    from ..messages import Ids

    return Ids(items=items)


def value_param(v: Any, kind: str = "any") -> Any:
    """A value as a message param (what :func:`format_value` writes in English): a share as a
    percentage, points, yes/no, a number, a list, nothing."""
    if isinstance(v, Missing):
        return missing_message(v)
    if isinstance(v, bool):
        return _say("word.yes" if v else "word.no")
    number = isinstance(v, (int, float))
    if kind == "points" and number:
        return _say("value.points", n=_number(round(v * 100, 1), upto=1))
    if kind == "share" and number:
        pct = v * 100
        if 0 < abs(pct) < 1:  # 0.64 % stays 0.64 %, not 0.6 %
            return _number(float(f"{pct:.2g}"), upto=6, percent=True)
        return _number(pct, upto=1, percent=True)
    if number:
        if isinstance(v, int) or (v.is_integer() and abs(v) < 1e15):
            return _number(v, 0)
        return _number(v, upto=2)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (list, tuple, set, frozenset)):
        return _say("value.none") if not v else _ids([value_param(x) for x in v])
    if v is None:
        return _say("value.nothing")
    return repr(v) if isinstance(v, str) else str(v)


def is_message(v: Any, kind: str = "any"):
    """'is 22 %', 'is not answered' or 'is unknown (reason)', as a message."""
    if isinstance(v, Missing):
        if v.reason == NOT_ANSWERED.reason:
            return _say("value.is_not_answered")
        return _say("value.is_unknown", reason=missing_message(v))
    return _say("value.is", value=value_param(v, kind))
