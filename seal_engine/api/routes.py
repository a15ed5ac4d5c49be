"""The routes of the JSON API, as a table (:data:`ENDPOINTS`): method, path, handler, the models
of its request and answer, whether it needs a token and whether it writes.  The Starlette routes
and the OpenAPI document are both made from this table.

Every handler calls the store's service functions, the same the app and the command line call,
in a worker thread; the services check the roles.  A token is read from ``Authorization:
Bearer``; an unknown, revoked or missing one is 401, a read-only one refused every write (403),
and each request with a token is counted (``SEAL_API_RATE`` a minute, 429 past it).  Errors are
RFC 9457 problem details with every located problem (:mod:`.problems`).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import Problem, SealError
from ..messages import Ids, say
from .models import (
    AnswersIn,
    AnswersOut,
    AssessmentOut,
    CertificateOut,
    ColumnMappingIn,
    ColumnMappingOut,
    Me,
    PortfolioRowOut,
    ResultOut,
    StaffDataOut,
    Verification,
    VerifyIn,
)
from .problems import ApiProblem, problem_response

__all__ = ["BASE", "ENDPOINTS", "Endpoint", "api_routes", "openapi_document"]

BASE = "/api/v1"
#: The largest JSON body read (answers of a whole standard are some hundred kB).
MAX_JSON = 5_000_000
_JSON = "application/json"


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    handler: Callable
    summary: str
    response: type[BaseModel] | None
    request: type[BaseModel] | str | None = None
    auth: bool = True
    write: bool = False
    many: bool = False
    query: tuple[tuple[str, str], ...] = ()
    status: int = 200


@dataclass
class Call:
    """One request as a handler sees it: the store, the token's actor, path and query."""

    request: Request
    store: Any
    actor: Any = None
    token: Any = None

    def param(self, name: str) -> str:
        return self.request.path_params[name]

    def query(self, name: str, default: str | None = None) -> str | None:
        return self.request.query_params.get(name, default)


# ------------------------------------------------------------------------------ helpers


async def _json_body(request: Request, model: type[BaseModel]) -> BaseModel:
    size = request.headers.get("content-length")
    if size is not None and size.isdigit() and int(size) > MAX_JSON:
        raise ApiProblem(413, "too-large", say("api.body_too_large", limit=MAX_JSON))
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_JSON:
            raise ApiProblem(413, "too-large", say("api.body_too_large", limit=MAX_JSON))
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError) as e:
        raise ApiProblem(400, "bad-json", say("api.not_json", error=str(e)),
                         [Problem(str(e), field="body")]) from None
    try:
        return model.model_validate(data)
    except ValidationError as e:
        from .._source import shorten_repr
        from ..loader._raw import field_message

        raise ApiProblem(422, "invalid", say("api.bad_shape"), [
            Problem(field_message(err, shorten_repr),
                    field=".".join(str(x) for x in err["loc"]) or "body")
            for err in e.errors(include_url=False)]) from None


async def _raw_body(request: Request, limit: int) -> bytes:
    size = request.headers.get("content-length")
    if size is not None and size.isdigit() and int(size) > limit:
        raise ApiProblem(413, "too-large", say("api.file_too_large", limit=limit))
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise ApiProblem(413, "too-large", say("api.file_too_large", limit=limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _dump(model: type[BaseModel], value: Any) -> Any:
    if isinstance(value, list):
        return [model.model_validate(v).model_dump(mode="json") for v in value]
    return model.model_validate(value).model_dump(mode="json")


def _bad_value(name: str, choices: tuple[str, ...], got: str) -> ApiProblem:
    """A query parameter that is not one of its values."""
    return ApiProblem(400, "bad-parameter", say("api.bad_value", name=name, got=repr(got),
                                                choices=Ids(items=list(choices), join="or")),
                      [Problem(say("api.bad_value", name=name, got=repr(got),
                                   choices=Ids(items=list(choices), join="or")), field=name)])


# ------------------------------------------------------------------------------ handlers


def _me(c: Call) -> Me:
    a = c.actor
    return Me(user_id=a.user_id, display_name=a.display_name, roles=sorted(a.roles),
              institutions=sorted(a.institutions), countries=sorted(a.countries),
              token_id=c.token.token_id, read_only=c.token.read_only)


def _assessments(c: Call):
    from ..store import get_institution, list_assessments

    institution = c.query("institution")
    inst_id = get_institution(c.store, c.actor, institution).id if institution else None
    rows = list_assessments(c.store, c.actor, state=c.query("state"), institution_id=inst_id)
    period = c.query("period")
    if period:
        rows = [r for r in rows if period in (r.period_label, str(r.period_end.year),
                                              r.period_end.isoformat())]
    return rows


def _find(c: Call):
    """The assessment a path names: its id, its code, or ``INSTITUTION@PERIOD`` (the
    institution's code and the period's label, the year it ends or its end date), as another
    system knows it; several assessments of that period are a conflict naming their codes."""
    from ..store import find_assessment, get_institution, list_assessments

    given = c.param("assessment")
    if "@" not in given:
        return find_assessment(c.store, c.actor, given)
    code, _, period = given.partition("@")
    inst = get_institution(c.store, c.actor, code)
    found = [a for a in list_assessments(c.store, c.actor, institution_id=inst.id)
             if period in (a.period_label, str(a.period_end.year), a.period_end.isoformat())]
    if not found:
        raise ApiProblem(404, "not-found", say("api.no_assessment_for_period", code=inst.code,
                                               period=repr(period)),
                         [Problem(say("api.assessment_by_period"), field="assessment")])
    if len(found) > 1:
        raise ApiProblem(409, "conflict", say("api.several_for_period", code=inst.code,
                                              n=len(found), period=repr(period),
                                              codes=Ids(items=[a.code for a in found])),
                         [Problem(a.code, field="assessment") for a in found])
    return found[0]


def _assessment(c: Call):
    return _find(c)


def _result(c: Call) -> ResultOut:
    from ..store import compare_results

    kind = c.query("kind", "self")
    if kind not in ("self", "reviewed"):
        raise _bad_value("kind", ("self", "reviewed"), kind)
    a = _find(c)
    both = compare_results(c.store, c.actor, a.id)
    return ResultOut(assessment_id=a.id, kind=kind,
                     result=both.self_result if kind == "self" else both.reviewed_result)


def _push_answers(c: Call, body: AnswersIn) -> AnswersOut:
    from ..store import push_answers

    a = _find(c)
    done = push_answers(c.store, c.actor, a.id, body.answers, versions=body.versions,
                        source=body.source or f"api token {c.token.token_id}")
    return AnswersOut(assessment_id=a.id, written=done.written, unchanged=done.unchanged)


def _staff_data(c: Call, content: bytes):
    from ..store import upload_staff_data

    mapping = c.query("mapping", "auto")
    if mapping not in ("auto", "saved", "none"):
        raise _bad_value("mapping", ("auto", "saved", "none"), mapping)
    name = (c.query("name") or "").strip() or (
        "staff.xlsx" if content[:4] == b"PK\x03\x04" else "staff.csv")
    a = _find(c)
    return upload_staff_data(c.store, c.actor, a.id, content, name,
                             mapping=None if mapping == "none" else mapping)


def _get_mapping(c: Call) -> ColumnMappingOut:
    from ..store import get_column_mapping, get_institution
    from ..workforce.mapping import ColumnMapping

    code = c.param("institution")
    found = get_column_mapping(c.store, c.actor, code)
    if found is None:
        return ColumnMappingOut(institution_code=get_institution(c.store, c.actor, code).code,
                                version=0, mapping=ColumnMapping())
    return ColumnMappingOut(institution_code=found.institution_code, version=found.version,
                            mapping=found.mapping, created_at=found.created_at,
                            created_by=found.created_by)


def _put_mapping(c: Call, body: ColumnMappingIn) -> ColumnMappingOut:
    from ..store import save_column_mapping

    save_column_mapping(c.store, c.actor, c.param("institution"), body.mapping,
                        body.expected_version)
    return _get_mapping(c)


def _certificates(c: Call):
    from ..store import list_certificates

    return list_certificates(c.store, c.actor)


def _certificate(c: Call):
    from ..store import get_certificate

    return get_certificate(c.store, c.actor, c.param("certificate"))


def _portfolio(c: Call):
    from ..store import portfolio_results

    kind = c.query("kind")
    if kind not in (None, "self", "reviewed"):
        raise _bad_value("kind", ("self", "reviewed"), kind)
    return portfolio_results(c.store, c.actor, kind=kind, country=c.query("country"))


def _verify_get(c: Call) -> Verification:
    from ..store import verify_certificate

    token = c.query("token") or ""
    if not token or len(token) > 20_000:
        raise ApiProblem(400, "bad-parameter", say("api.give_token"),
                         [Problem(say("api.certificate_code"), field="token")])
    return verify_certificate(c.store, token)


def _verify_post(c: Call, body: VerifyIn) -> Verification:
    from ..store import verify_certificate

    return verify_certificate(c.store, body.token)


# ------------------------------------------------------------------------------ the table

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("GET", "/me", _me, "Who the token acts as", Me),
    Endpoint("GET", "/assessments", _assessments, "The assessments the user may see",
             AssessmentOut, many=True,
             query=(("institution", "Only this institution (code or id)"),
                    ("period", "Only this period (its label, the year it ends, or its end "
                               "date)"),
                    ("state", "Only assessments in this state"))),
    Endpoint("GET", "/assessments/{assessment}", _assessment, "One assessment (id or code)",
             AssessmentOut),
    Endpoint("GET", "/assessments/{assessment}/result", _result,
             "The self-assessed or the reviewed result", ResultOut,
             query=(("kind", "self (the default) or reviewed"),)),
    Endpoint("PUT", "/assessments/{assessment}/answers", _push_answers,
             "Push answers (all checked first; the same answers again change nothing)",
             AnswersOut, AnswersIn, write=True),
    Endpoint("PUT", "/assessments/{assessment}/staff-data", _staff_data,
             "Push the staff data file (CSV or XLSX, as the HR system exports it)",
             StaffDataOut, "file", write=True,
             query=(("name", "The file's name, e.g. hr-export.xlsx"),
                    ("mapping", "auto (the default: the institution's saved column mapping "
                                "when the file's columns need it), saved, or none"))),
    Endpoint("GET", "/institutions/{institution}/column-mapping", _get_mapping,
             "The institution's column mapping for its HR system's staff files",
             ColumnMappingOut),
    Endpoint("PUT", "/institutions/{institution}/column-mapping", _put_mapping,
             "Save the institution's column mapping (a new version)", ColumnMappingOut,
             ColumnMappingIn, write=True),
    Endpoint("GET", "/certificates", _certificates, "The certificates the user may see",
             CertificateOut, many=True),
    Endpoint("GET", "/certificates/{certificate}", _certificate, "One certificate",
             CertificateOut),
    Endpoint("GET", "/portfolio", _portfolio,
             "Stored results by country, institution and period (levels and scores)",
             PortfolioRowOut, many=True,
             query=(("kind", "self or reviewed"), ("country", "Only this country"))),
    Endpoint("GET", "/verify", _verify_get, "Check a certificate (public, no token)",
             Verification, auth=False, query=(("token", "The certificate's code"),)),
    Endpoint("POST", "/verify", _verify_post, "Check a certificate (public, no token)",
             Verification, VerifyIn, auth=False),
)


# ------------------------------------------------------------------------------ dispatch


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _endpoint_app(ep: Endpoint, store_factory: Callable[[], Any]):
    async def handle(request: Request) -> Response:
        from ..settings import get_int_setting
        from ..store import ApiThrottledError, count_api_request, token_actor

        try:
            store = await run_in_threadpool(store_factory)
            call = Call(request, store)
            if ep.auth:
                presented = _bearer(request)
                auth = await run_in_threadpool(token_actor, store, presented) \
                    if presented else None
                if auth is None:
                    raise ApiProblem(401, "unauthorized", say(
                        "api.no_token" if presented is None else "api.bad_token"))
                try:
                    await run_in_threadpool(count_api_request, store, auth.token_id)
                except ApiThrottledError as e:
                    raise ApiProblem(429, "throttled", e.problems[0].text,
                                     retry_after=e.retry_after) from None
                if ep.write and auth.read_only:
                    raise ApiProblem(403, "read-only-token", say(
                        "api.read_only", method=ep.method, path=BASE + ep.path))
                call.actor, call.token = auth.actor, auth
            if ep.request == "file":
                body = await _raw_body(request, get_int_setting("SEAL_MAX_DATA_BYTES"))
                value = await run_in_threadpool(ep.handler, call, body)
            elif ep.request is not None:
                body = await _json_body(request, ep.request)
                value = await run_in_threadpool(ep.handler, call, body)
            else:
                value = await run_in_threadpool(ep.handler, call)
            if dataclasses.is_dataclass(value) or isinstance(value, list):
                data = _dump(ep.response, value)
            else:
                data = value.model_dump(mode="json")
            return JSONResponse(data, status_code=ep.status,
                                headers={"Cache-Control": "no-store"})
        except ApiProblem as e:
            return problem_response(e, request)
        except SealError as e:
            return problem_response(ApiProblem.from_error(e), request)

    return handle


@functools.cache
def _document() -> dict[str, Any]:
    from .openapi import build_document

    return build_document(ENDPOINTS, BASE)


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the API (a fresh copy)."""
    import copy

    return copy.deepcopy(_document())


def api_routes(store_factory: Callable[[], Any]) -> list[Route]:
    """The API's routes for Starlette (``st.App(routes=...)`` or a test app), every one calling
    ``store_factory()`` for the store; the OpenAPI document at ``/api/v1/openapi.json``."""
    by_path: dict[str, list[Endpoint]] = {}
    for ep in ENDPOINTS:
        by_path.setdefault(ep.path, []).append(ep)
    routes = []

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document(), headers={"Cache-Control": "no-cache"})

    routes.append(Route(f"{BASE}/openapi.json", openapi, methods=["GET"]))
    for path, eps in by_path.items():
        handlers = {ep.method: _endpoint_app(ep, store_factory) for ep in eps}

        def make(handlers=handlers):
            async def dispatch(request: Request) -> Response:
                return await handlers.get(request.method, handlers.get("GET"))(request)
            return dispatch

        routes.append(Route(BASE + path, make(), methods=sorted(handlers)))

    async def unknown(request: Request) -> Response:
        return problem_response(ApiProblem(404, "no-route", say(
            "api.no_route", path=repr(request.url.path), openapi=f"{BASE}/openapi.json")),
            request)

    routes.append(Route(BASE + "/{rest:path}", unknown,
                        methods=["GET", "POST", "PUT", "PATCH", "DELETE"]))
    return routes
