"""Errors as RFC 9457 problem details (``application/problem+json``): ``type`` names the kind of
problem, ``status`` the HTTP status, ``detail`` says what happened, ``problems`` lists every
located problem (file, line, column, field, record) the engine found.  A record the user may
not see is *not found*, in the same words as one that does not exist.

The located problems the engine found are messages (a code and its params): each is given with
its ``code`` and its words in the language the request asks for (``Accept-Language``, among
the engine's catalogues; English otherwise), and ``Content-Language`` says which."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from ..errors import (
    AssessmentError,
    NotFoundError,
    PermissionDeniedError,
    Problem,
    SealError,
    StaleWriteError,
    TransitionError,
    WorkforceError,
)
from .models import ProblemDetails, ProblemItem

__all__ = ["PROBLEM_TYPES", "ApiProblem", "problem_response", "request_language"]

#: The kinds of problem, by the slug of their ``type`` URI, with their title.
PROBLEM_TYPES: dict[str, str] = {
    "unauthorized": "No valid API token",
    "forbidden": "Not allowed",
    "read-only-token": "The token is read-only",
    "not-found": "Not found",
    "no-route": "No such route",
    "conflict": "Changed since it was read",
    "wrong-state": "Not possible in the assessment's state",
    "invalid": "Invalid input",
    "bad-json": "The body is not JSON",
    "bad-parameter": "A parameter is wrong",
    "too-large": "The body is too large",
    "throttled": "Too many requests",
    "refused": "Refused",
}
TYPE_BASE = "tag:seal-engine,2026:problem:"


class ApiProblem(Exception):
    """An error to answer with problem details."""

    def __init__(self, status: int, kind: str, detail,
                 problems: list[Problem] | None = None, *, retry_after: int | None = None,
                 detail_from_problems: bool = False):
        super().__init__(str(detail))
        self.status, self.kind, self.detail = status, kind, detail
        self.problems = problems or []
        self.retry_after = retry_after
        self.detail_from_problems = detail_from_problems

    @classmethod
    def from_error(cls, e: SealError) -> ApiProblem:
        """The status and kind of an engine error: not found 404, denied 403, stale 409, the
        lifecycle 409, bad input 422."""
        if isinstance(e, NotFoundError):
            status, kind = 404, "not-found"
        elif isinstance(e, PermissionDeniedError):
            status, kind = 403, "forbidden"
        elif isinstance(e, StaleWriteError):
            status, kind = 409, "conflict"
        elif isinstance(e, TransitionError):
            status, kind = 409, "wrong-state"
        elif isinstance(e, (AssessmentError, WorkforceError)):
            status, kind = 422, "invalid"
        else:
            status, kind = 422, "refused"
        return cls(status, kind, _detail(list(e.problems), "en") if e.problems else str(e),
                   list(e.problems), detail_from_problems=bool(e.problems))


def _detail(problems: list[Problem], lang: str) -> str:
    """The first problem's words, and how many more there are."""
    from ..messages import render_message, say

    first = render_message(problems[0].text, lang=lang)
    more = len(problems) - 1
    return render_message(say("api.and_more", first=first, n=more), lang=lang) if more > 0 \
        else first


def _title(kind: str, lang: str) -> str:
    from ..messages import MESSAGES, render_message, say

    code = f"api.title.{kind}"
    return render_message(say(code), lang=lang) if code in MESSAGES else PROBLEM_TYPES.get(
        kind, kind)


def request_language(request: Request) -> str:
    """The first language of ``Accept-Language`` the engine has a catalogue for (by quality),
    else English."""
    from ..messages import message_languages

    have = message_languages()
    asked = []
    for i, part in enumerate(request.headers.get("accept-language", "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        code = tag.strip().replace("_", "-").split("-")[0].lower()
        if code and q > 0:
            asked.append((-q, i, code))
    return next((code for _q, _i, code in sorted(asked) if code in have), "en")


def problem_response(e: ApiProblem, request: Request) -> JSONResponse:
    from ..messages import render_message

    lang = request_language(request)
    body = ProblemDetails(
        type=TYPE_BASE + e.kind, title=_title(e.kind, lang), status=e.status,
        detail=(_detail(e.problems, lang) if e.detail_from_problems
                else render_message(e.detail, lang=lang)),
        instance=request.url.path,
        problems=[ProblemItem(message=render_message(p.text, lang=lang),
                              code=None if p.text.code == "problem.text" else p.text.code,
                              file=p.file, line=p.line, column=p.column, field=p.field,
                              record_id=p.record_id) for p in e.problems],
        retry_after=e.retry_after)
    headers = {"Cache-Control": "no-store", "Content-Language": lang,
               "Vary": "Accept-Language"}
    if e.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="seal-engine"'
    if e.retry_after is not None:
        headers["Retry-After"] = str(e.retry_after)
    return JSONResponse(body.model_dump(mode="json", exclude_none=True), status_code=e.status,
                        headers=headers, media_type="application/problem+json")
