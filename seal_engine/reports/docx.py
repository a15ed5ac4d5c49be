"""Reports as Word documents people can edit: a DOCX template filled by docxtpl.

Each report kind has a template shipped in ``seal_engine/reports/templates/<kind>.docx``
(written by ``scripts/make_docx_templates.py``); an administrator may upload their own per kind
and language (:mod:`seal_engine.store.report_templates`), which is then used instead.

**The sandbox.**  A template is Jinja inside the document's XML, and an uploaded one is
untrusted.  Every template renders in :class:`Sandbox`, a
:class:`jinja2.sandbox.ImmutableSandboxedEnvironment` with autoescape (values are escaped as
XML, so a ``<`` in an answer never breaks the document) and no loader (``include``, ``import``
and ``extends`` find nothing).  Its templates see plain data only (the report as JSON-like
dicts, lists, strings and numbers), the filters listed in :data:`FILTERS`, and the charts as
images whose attributes they cannot read; an attribute of anything else (a function, an image,
a class) is refused, and so is every name starting with an underscore.  Undefined names are
errors, so a misspelt field is caught when the template is uploaded.  An uploaded template is
moreover rendered in a separate Python process with a time limit and, where the system offers
it, memory and CPU limits (:func:`render_untrusted`), so that a template that loops forever or
builds a huge text stops with an error instead of holding the server.

Needs the ``reports`` extra (docxtpl, vl-convert-python)::

    pip install 'seal-engine[reports]'
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any

from ..errors import Problem, SealError, install_hint

__all__ = ["FILTERS", "MAX_TEMPLATE_BYTES", "Sandbox", "TemplateProblem", "check_template",
           "render_docx", "render_template", "render_untrusted", "report_context",
           "report_filters", "sample_reports", "shipped_template"]

#: The largest DOCX template accepted, in bytes (a template with a logo or two).
MAX_TEMPLATE_BYTES = 10_000_000
#: The most bytes a template's parts may hold once unzipped (guards against zip bombs).
MAX_UNZIPPED_BYTES = 60_000_000
#: Seconds an uploaded template may take to render (in its own process).
UNTRUSTED_TIMEOUT = 60
#: Memory (address space) an uploaded template's rendering process may use, in bytes.
UNTRUSTED_MEMORY = 2_000_000_000
#: Most items ``range()`` may give inside a template.
MAX_RANGE = 10_000

_DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_HINT = install_hint("reports")


class TemplateProblem(SealError):
    """A DOCX template cannot be used: not a DOCX, too large, or it fails to render (a Jinja
    syntax error, an unknown field, a refused attribute).  The problem names the template."""


def _require():
    try:
        import docxtpl  # noqa: F401
    except ImportError as e:
        raise ImportError(f"DOCX reports need docxtpl, which is not installed: {_HINT}") from e


# ------------------------------------------------------------------------------ the sandbox


def _safe_range(*args: int) -> range:
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise OverflowError(f"range() in a report template gives at most {MAX_RANGE} items")
    return r


def _plain_types() -> tuple[type, ...]:
    from jinja2.runtime import LoopContext
    from jinja2.utils import Cycler, Joiner, Namespace
    from markupsafe import Markup

    return (str, Markup, dict, list, tuple, int, float, bool, type(None), Namespace,
            LoopContext, Cycler, Joiner)


def _sandbox_class():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    plain = _plain_types()

    class Sandbox(ImmutableSandboxedEnvironment):
        """The Jinja environment every DOCX template renders in (see the module's notes)."""

        def __init__(self, filters: Mapping[str, Callable] | None = None) -> None:
            super().__init__(autoescape=True, undefined=StrictUndefined, loader=None)
            self.globals.pop("lipsum", None)
            self.globals["range"] = _safe_range
            self.filters.update(filters or {})

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            # Only plain data is explored; a chart, a function or any other object is opaque.
            return isinstance(obj, plain) and super().is_safe_attribute(obj, attr, value)

        def getattr(self, obj: Any, attribute: str) -> Any:
            # A field of the report wins over a dict method of the same name (``items``).
            if isinstance(obj, dict) and attribute in obj:
                return obj[attribute]
            return super().getattr(obj, attribute)

    return Sandbox


_SANDBOX = None


def Sandbox(filters: Mapping[str, Callable] | None = None):  # noqa: N802 - a class, made lazily
    """A new sandboxed environment with ``filters`` added (see the module's notes)."""
    global _SANDBOX
    if _SANDBOX is None:
        _SANDBOX = _sandbox_class()
    return _SANDBOX(filters)


# ------------------------------------------------------------------------------ checking a file


def _check_package(data: bytes, name: str) -> None:
    """``data`` is a Word document of a sane size: a ZIP holding ``word/document.xml``."""
    if not isinstance(data, bytes | bytearray) or not data:
        raise TemplateProblem(Problem("the file is empty; upload a Word template (.docx)",
                                      file=name))
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateProblem(Problem(f"the file is {len(data)} bytes, over the limit of "
                                      f"{MAX_TEMPLATE_BYTES} for a report template", file=name))
    if not data.startswith(b"PK\x03\x04"):
        raise TemplateProblem(Problem("the file is not a Word document (.docx): it is not a ZIP "
                                      "package (a .doc or a PDF? save it as .docx)", file=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            unzipped = sum(i.file_size for i in infos)
            content_types = z.read("[Content_Types].xml") if "[Content_Types].xml" in names \
                else b""
    except zipfile.BadZipFile as e:
        raise TemplateProblem(Problem(f"the file is not a readable Word document ({e})",
                                      file=name)) from None
    if unzipped > MAX_UNZIPPED_BYTES:
        raise TemplateProblem(Problem(f"the document unpacks to {unzipped} bytes, over the limit "
                                      f"of {MAX_UNZIPPED_BYTES}", file=name))
    if "word/document.xml" not in names or _DOCX_MEDIA.encode() not in content_types.replace(
            b".main+xml", b""):
        raise TemplateProblem(Problem("the file is a ZIP package but not a Word document "
                                      "(.docx): it has no word/document.xml (a .docm, .xlsx or "
                                      ".odt? save it from Word as .docx)", file=name))


def _located(exc: Exception, name: str) -> TemplateProblem:
    """A rendering error as a problem naming the template, the Jinja message and the text near
    it (docxtpl keeps the lines of the document around a syntax error)."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    near = ""
    context = getattr(exc, "docx_context", None)
    if context is not None:
        shown = " ".join(" ".join(str(x).split()) for x in context if str(x).strip())
        if shown:
            near = f"; near: {shown[:160]!r}"
    message = str(exc).strip() or type(exc).__name__
    if isinstance(exc, SecurityError):
        what = f"the template tries something a report template may not do ({message})"
    elif isinstance(exc, UndefinedError):
        what = f"the template names a field the report does not have ({message})"
    elif isinstance(exc, TemplateSyntaxError):
        what = f"the template's tags are not valid Jinja ({message})"
    elif isinstance(exc, TypeError) and "no loader" in message:
        what = ("the template includes or imports another template, which report templates "
                "may not do")
    elif isinstance(exc, MemoryError):
        what = "the template needs more memory than a report may use"
    else:
        what = f"the template cannot be filled in ({type(exc).__name__}: {message})"
    return TemplateProblem(Problem(what + near, file=name))


# ------------------------------------------------------------------------------ rendering


def render_template(template: bytes, context: Mapping[str, Any], *,
                    images: Mapping[str, tuple[bytes, float]] | None = None,
                    filters: Mapping[str, Callable] | None = None,
                    name: str = "template.docx") -> bytes:
    """Fill the DOCX ``template`` with ``context`` (plain data) in the sandbox, in this
    process; ``images`` are PNGs with their width in millimetres, given to the template as
    ``charts.<name>`` (an inline picture).  Returns the document's bytes, or raises
    :class:`TemplateProblem` naming ``name``."""
    _require()
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    _check_package(bytes(template), name)
    try:
        tpl = DocxTemplate(io.BytesIO(bytes(template)))
        tpl.init_docx()
    except Exception as e:  # python-docx raises many kinds on a broken package
        raise TemplateProblem(Problem(f"the Word document cannot be read ({type(e).__name__}: "
                                      f"{e})", file=name)) from None
    charts = {key: InlineImage(tpl, io.BytesIO(png), width=Mm(width))
              for key, (png, width) in (images or {}).items()}
    env = Sandbox(filters)
    try:
        tpl.render({**context, "charts": charts}, env, autoescape=True)
        out = io.BytesIO()
        tpl.save(out)
    except (SealError, ImportError):
        raise
    except Exception as e:
        raise _located(e, name) from None
    return out.getvalue()


def _limit_resources() -> None:
    """In the child process: cap its memory and CPU time, where the system allows it."""
    try:
        import resource
    except ImportError:  # not on Windows: the parent's timeout still holds
        return
    for limit, value in ((resource.RLIMIT_AS, UNTRUSTED_MEMORY),
                         (resource.RLIMIT_CPU, UNTRUSTED_TIMEOUT + 5)):
        try:
            soft, hard = resource.getrlimit(limit)
            capped = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(limit, (capped, hard))
        except (ValueError, OSError):
            pass


def render_untrusted(template: bytes, context: Mapping[str, Any], *,
                     images: Mapping[str, tuple[bytes, float]] | None = None,
                     lang: str = "en", name: str = "template.docx",
                     timeout: float = UNTRUSTED_TIMEOUT) -> bytes:
    """:func:`render_template` for an uploaded template: the same sandbox, run in a separate
    Python process with ``timeout`` seconds and memory and CPU limits, so that a template
    that never ends or fills the memory stops with a :class:`TemplateProblem`.  ``context`` must
    be JSON data; the report filters of ``lang`` are given to it in the child."""
    _check_package(bytes(template), name)
    request = json.dumps({
        "template": base64.b64encode(bytes(template)).decode("ascii"),
        "context": context, "lang": lang, "name": name,
        "images": {k: [base64.b64encode(png).decode("ascii"), width]
                   for k, (png, width) in (images or {}).items()},
    })
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL",
                                                         "PYTHONPATH", "SYSTEMROOT", "TMPDIR")}
    try:
        done = subprocess.run([sys.executable, "-m", "seal_engine.reports._docx_worker"],
                              input=request.encode("utf-8"), capture_output=True,
                              timeout=timeout, env=env, cwd=_package_root())
    except subprocess.TimeoutExpired:
        raise TemplateProblem(Problem(f"the template took more than {timeout:g} s to fill in "
                                      "(a loop that does not end?)", file=name)) from None
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        why = ("it needed more memory than a report may use" if "MemoryError" in tail[0]
               else f"the process stopped: {tail[0][:200]}")
        raise TemplateProblem(Problem(f"the template cannot be filled in ({why})",
                                      file=name)) from None
    if "error" in answer:
        raise TemplateProblem(Problem(str(answer["error"]), file=name))
    return base64.b64decode(answer["docx"])


def _package_root() -> str:
    """The folder holding the ``seal_engine`` package, so the child imports this very copy."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def worker(stdin: bytes) -> bytes:
    """The child process of :func:`render_untrusted`: one JSON request in, one JSON answer out
    (``{"docx": base64}`` or ``{"error": message}``); never a pickle, so a broken sandbox
    could not reach the parent."""
    _limit_resources()
    try:
        request = json.loads(stdin.decode("utf-8"))
        images = {k: (base64.b64decode(png), float(width))
                  for k, (png, width) in request["images"].items()}
        out = render_template(base64.b64decode(request["template"]), request["context"],
                              images=images, filters=report_filters(request["lang"]),
                              name=request["name"])
        return json.dumps({"docx": base64.b64encode(out).decode("ascii")}).encode("utf-8")
    except SealError as e:
        return json.dumps({"error": "; ".join(p.message for p in e.problems)}).encode("utf-8")
    except MemoryError:
        return json.dumps({"error": "the template needs more memory than a report may "
                           "use"}).encode("utf-8")


# ------------------------------------------------------------------------------ reports

_DASH = "\u2013"
#: Codes with no method of their own in :class:`~seal_engine.reports.words.Words`.
_CODES = {"drafts": "drafts", "not_certifiable": "not certifiable", "benchmarks_met":
          "benchmarks met", "points": "points", "suppressed": "suppressed"}


def _day(value: Any) -> Any:
    """A date or time given as ISO text (the report as JSON) as the object it stands for."""
    import datetime as dt

    if isinstance(value, str) and value:
        try:
            return (dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if "T" in value
                    else dt.date.fromisoformat(value))
        except ValueError:
            return value
    return value


def report_filters(lang: str) -> dict[str, Callable]:
    """The filters a report template may use (:data:`FILTERS`), with words in ``lang``
    (English where it has no catalogue), from :mod:`seal_engine.reports.words`."""
    from .words import words

    w = words(lang)

    def date(value: Any) -> str:
        value = _day(value)
        return w.date(value) if value is None or hasattr(value, "year") else str(value)

    def datetime(value: Any) -> str:
        value = _day(value)
        if value is None or not hasattr(value, "hour"):
            return date(value)
        return w.datetime(value)

    def word(code: Any) -> str:
        if code is None:
            return _DASH
        return w.gettext(_CODES.get(str(code), str(code).replace("_", " ")))

    def share(value: Any, decimals: Any = 1) -> str:
        return w.share(value, decimals if isinstance(decimals, int) else 1)

    def band(pair: Any, kind: str = "parity") -> str:
        low, high = pair
        return w.band(low, high, kind)

    return {
        "band": band, "breakdown": w.breakdown, "date": date, "datetime": datetime,
        "decision": w.decision, "effort": w.effort, "group": w.group, "level": w.level,
        "needed": w.needed, "number": w.number, "parity": w.parity, "pct": w.pct,
        "plan_status": w.plan_status, "points": w.points, "recommendation": w.recommendation,
        "result_kind": w.result_kind, "role": w.role, "scope": w.scope, "share": share,
        "state": w.state, "status": w.status, "verdict": w.verdict, "word": word,
        "yesno": lambda value: w.gettext("Yes") if value else w.gettext("No"),
    }


#: The filters a report template may use: ``{{ b.status|status }}``, ``{{ l.min_score|pct }}``
#: (0-100), ``{{ row.women_share|share }}`` (0-1), ``{{ header.generated_at|datetime }}``...
FILTERS = ("band", "breakdown", "date", "datetime", "decision", "effort", "group", "level",
           "needed", "number", "parity", "pct", "plan_status", "points", "recommendation",
           "result_kind", "role", "scope", "share", "state", "status", "verdict", "word",
           "yesno")


def shipped_template(kind: str) -> bytes:
    """The template shipped for ``kind`` (results, review, pay, portfolio)."""
    from .model import REPORT_KINDS

    if kind not in REPORT_KINDS:
        raise SealError(Problem(f"unknown report kind {kind!r}; choose one of "
                                f"{', '.join(REPORT_KINDS)}", field="kind"))
    return resources.files(__package__).joinpath("templates", f"{kind}.docx").read_bytes()


def report_context(report: Any, lang: str) -> dict[str, Any]:
    """What a template sees, as plain data: ``report`` (the model as JSON), ``kind``, ``lang``
    and ``text``, the sentences the engine words from several fields (``text.period``,
    ``text.score``, ``text.counted``, ``text.basis``, ``text.next_level``...), plus lookups
    for the kind: ``titles`` (benchmark id to title) and ``evidence`` (every item, flat) for
    results, ``pay_groups`` and ``labels`` for pay, ``levels_shown`` and ``level_titles``
    for portfolio.  See docs/reports.md."""
    from .words import words

    w = words(lang)
    header = report.header
    text: dict[str, str] = {"period": w.period(header.period)}
    out: dict[str, Any] = {"report": report.model_dump(mode="json"), "kind": header.kind,
                           "lang": lang, "text": text}

    def result(prefix: str, summary: Any, titles: dict[str, str]) -> None:
        if summary is None:
            return
        text[prefix + "score"] = w.score(summary)
        text[prefix + "counted"] = w.counted(summary.basis)
        text[prefix + "next_level"] = w.next_level(summary, titles)
        text.setdefault("basis", w.basis(summary.basis))

    kind = header.kind
    if kind == "results":
        titles = {b.id: b.title for b in report.benchmarks}
        result("", report.result, titles)
        result("self_", report.self_result, titles)
        out["titles"] = titles
        out["evidence"] = [e.model_dump(mode="json") for b in report.benchmarks
                           for e in b.evidence]
        wf = report.workforce
        text["band"] = w.band(*wf.band, wf.band_kind) if wf else ""
        everyone = next((f for g in (wf.pay.groups if wf and wf.pay else []) if not g.group
                         for f in g.figures), None)
        text["pay_gap_mean"] = w.share(everyone.pay_gap_mean) if everyone else _DASH
        text["pay_gap_median"] = w.share(everyone.pay_gap_median) if everyone else _DASH
    elif kind == "review":
        titles = {d.benchmark: d.title for d in report.decisions}
        result("", report.reviewed_result, titles)
        result("self_", report.self_result, titles)
        out["titles"] = titles
    elif kind == "pay":
        pay = report.pay
        shown = [i for i in pay.indicators if i.key != "categories"]
        out["labels"] = {b.key: b.title for b in pay.bases}
        out["pay_groups"] = [
            {"group": g.group, "women": g.women, "men": g.men,
             "rows": [[i.model_dump(mode="json"), f.model_dump(mode="json")]
                      for i in shown for f in g.figures]}
            for g in pay.groups]
    elif kind == "portfolio":
        comparison = report.comparison
        shown = [{"id": lv.id or "none", "title": lv.title if lv.id else w.level(None)}
                 for lv in comparison.levels]
        if not any(lv["id"] == "none" for lv in shown):
            shown.append({"id": "none", "title": w.level(None)})
        out["levels_shown"] = shown
        out["level_titles"] = {lv["id"]: lv["title"] for lv in shown}
        text["audience"] = (w.gettext("Institutions of {countries}").format(
            countries=", ".join(report.countries)) if report.countries
            else w.gettext("Every institution the reader may see"))
        parity = comparison.parity
        text["band"] = w.band(*parity.band, parity.band_kind) if parity else ""
    return out


def _png(spec: dict[str, Any] | None, width_px: int = 640) -> bytes | None:
    """A chart specification drawn as PNG (twice its size, for print) by vl-convert, its text
    in DejaVu Sans as in the HTML and PDF reports."""
    if spec is None:
        return None
    from pathlib import Path

    from . import charts
    from ._deps import require_reports

    vlc = require_reports("vl_convert")
    if not getattr(_png, "fonts", False):
        for folder in charts._FONT_DIRS:
            if Path(folder).is_dir():
                vlc.register_font_directory(folder)
        _png.fonts = True  # type: ignore[attr-defined]
    return vlc.vegalite_to_png(dict(spec, width=width_px), vl_version="5.20", scale=2)


def report_images(report: Any, lang: str) -> dict[str, tuple[bytes, float]]:
    """The report's charts as PNG with the width they take on the page (mm), drawn from the
    same specifications as the app and the HTML report (:mod:`seal_engine.reports.charts`):
    ``dimensions``, ``share_<breakdown>`` and ``pay_gap`` for results; ``levels``,
    ``ranking`` and ``trend`` for portfolio."""
    from . import charts
    from .words import words

    w = words(lang)
    specs: dict[str, tuple[dict[str, Any] | None, float]] = {}
    kind = report.header.kind
    if kind == "results":
        specs["dimensions"] = (charts.dimension_chart(
            [(d.title, d.score) for d in report.dimensions],
            [(lv.id, lv.title, lv.min_score) for lv in report.levels],
            report.result.basis.kind, w), 165)
        if report.workforce:
            for t in report.workforce.tables:
                rows = [dict(g.model_dump(), **{t.by: g.group}) for g in t.rows]
                specs[f"share_{t.by}"] = (charts.share_chart(
                    rows, t.by, w.breakdown(t.by), report.workforce.band, w), 140)
                if t.by == "grade":
                    specs["pay_gap"] = (charts.pay_gap_chart(rows, "grade", w.breakdown("grade"),
                                                             w), 140)
    elif kind == "portfolio":
        c = report.comparison
        counts = c.distribution[0].levels if c.distribution else {}
        if c.levels:
            specs["levels"] = (charts.distribution_chart(
                [{"level": lv.title, "count": counts.get(lv.id or "none", 0), "order": i}
                 for i, lv in enumerate(c.levels)], w), 140)
        if c.ranking:
            specs["ranking"] = (charts.ranking_chart(
                [{"institution": x.name, "score": x.score, "level": x.level_title}
                 for x in c.ranking], w), 165)
        best: dict[tuple[str, str], Any] = {}
        for t in report.trends:
            if (t.institution, t.period) not in best or t.kind == "reviewed":
                best[(t.institution, t.period)] = t
        points = [{"institution": t.name, "period": t.period, "score": t.score}
                  for t in best.values()]
        if len({p["period"] for p in points}) > 1:
            specs["trend"] = (charts.trend_chart(points, w), 165)
    out = {}
    for name, (spec, width_mm) in specs.items():
        png = _png(spec)
        if png is not None:
            out[name] = (png, width_mm)
    return out


def render_docx(report: Any, lang: str = "en", template: bytes | None = None, *,
                template_name: str | None = None) -> bytes:
    """``report`` as a Word document: filled from ``template`` (an administrator's upload,
    rendered by :func:`render_untrusted`) or, when none is given, from the shipped template of
    its kind (rendered in this process, in the same sandbox)."""
    context = report_context(report, lang)
    images = report_images(report, lang)
    kind = report.header.kind
    if template is None:
        return render_template(shipped_template(kind), context, images=images,
                               filters=report_filters(lang), name=f"{kind}.docx (shipped)")
    return render_untrusted(template, context, images=images, lang=lang,
                            name=template_name or f"{kind} template")


def sample_reports(kind: str) -> list[Any]:
    """The sample reports of ``kind`` an uploaded template must fill in: reports built from
    the demo (``templates/samples/<kind>-*.json``, written by
    ``scripts/make_docx_templates.py --samples``), a full one and, where the demo has one, a
    sparse one (no review yet, no workforce data...)."""
    from . import model

    shipped_template(kind)  # checks the kind
    cls = {"results": model.ResultsReport, "review": model.ReviewReport,
           "pay": model.PayReport, "portfolio": model.PortfolioReport}[kind]
    folder = resources.files(__package__).joinpath("templates", "samples")
    found = sorted((f for f in folder.iterdir() if f.name.startswith(kind + "-")
                    and f.name.endswith(".json")), key=lambda f: f.name)
    return [cls.model_validate_json(f.read_text(encoding="utf-8")) for f in found]


def check_template(kind: str, data: bytes, name: str, samples: list[Any] | None = None,
                   lang: str = "en", timeout: float = UNTRUSTED_TIMEOUT) -> None:
    """Check an uploaded template for ``kind``: a real DOCX of a sane size, holding template
    tags, that fills in each of ``samples`` (reports of that kind; by default
    :func:`sample_reports`) in the sandbox, in a separate process, without an error.  Raises
    :class:`TemplateProblem` naming ``name`` and what is wrong."""
    _check_package(bytes(data), name)
    text = _document_text(bytes(data), name)
    if not re.search(r"\{[{%]", text):
        raise TemplateProblem(Problem(
            "the document has no template tags ({{ ... }} or {% ... %}): it would print the "
            f"same text for every report; start from the shipped {kind} template", file=name))
    for sample in sample_reports(kind) if samples is None else samples:
        if sample.header.kind != kind:
            raise ValueError(f"the sample is a {sample.header.kind} report, not {kind}")
        render_untrusted(bytes(data), report_context(sample, lang),
                         images=report_images(sample, lang), lang=lang, name=name,
                         timeout=timeout)


def _document_text(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError) as e:
        raise TemplateProblem(Problem(f"the Word document cannot be read ({e})",
                                      file=name)) from None
    return re.sub(r"<[^>]+>", "", xml)
