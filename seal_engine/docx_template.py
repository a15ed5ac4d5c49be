"""The sandboxed DOCX template engine: docxtpl filling a Word template in a Jinja sandbox, for
the shipped report templates and for those an administrator uploads.

A template is Jinja inside the document's XML, and an uploaded one is untrusted.  Every template
renders in :func:`Sandbox`, a :class:`jinja2.sandbox.ImmutableSandboxedEnvironment` with
autoescape (values are escaped as XML, so a ``<`` in an answer never breaks the document) and
no loader (``include``, ``import`` and ``extends`` find nothing).  Its templates see plain data
only (the report as JSON-like dicts, lists, strings and numbers), the filters they are given,
and the charts as pictures whose attributes they cannot read; an attribute of anything else (a
function, a picture, a class) is refused, and so is every name starting with an underscore.
Undefined names are errors, so a misspelt field is caught when the template is uploaded.
``range()`` gives at most :data:`MAX_RANGE` items.  Nothing writes a value unescaped: the
``safe`` and ``urlize`` filters are gone and ``{% autoescape false %}`` is refused, so no text
of the data can become XML of the document (a field fetching an address, a broken file).

An uploaded template is moreover rendered in a separate Python process
(:func:`render_untrusted`) with a time limit and, where the system offers them, memory and CPU
limits, so that a template that loops forever or builds a huge text stops with an error
instead of holding the server; the process answers in JSON, never a pickle.

:func:`check_template` is what an upload must pass: a Word document of a sane size (also
unpacked), holding template tags, that fills in every sample report of its kind (the contexts
in ``reports/templates/samples/``, written from the demo by ``scripts/make_docx_templates.py``).

This module reads no report model and imports nothing of :mod:`seal_engine.reports` or
:mod:`seal_engine.store`, so that both can use it.  Needs the ``reports`` extra (docxtpl)::

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
from pathlib import Path
from typing import Any

from .errors import Problem, SealError, install_hint

__all__ = ["KINDS", "MAX_RANGE", "MAX_TEMPLATE_BYTES", "MAX_UNZIPPED_BYTES", "SAMPLES",
           "SHIPPED", "Sandbox", "TemplateProblem", "check_template", "limit_resources",
           "render_template", "render_untrusted", "sample_contexts", "shipped_template"]

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
#: Filters that write a value unescaped (raw markup), taken out of the sandbox.
_UNESCAPING = ("safe", "urlize")

_DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_HINT = install_hint("reports")
#: The templates shipped with seal-engine, one ``<kind>.docx`` a report kind.
SHIPPED = Path(__file__).resolve().parent / "reports" / "templates"
#: The sample reports uploads are checked against (JSON contexts, one file a sample).
SAMPLES = SHIPPED / "samples"
#: The kinds of report a template can be for.
KINDS = ("results", "review", "pay", "portfolio")
#: A 1x1 PNG standing for each chart while a sample is filled in.
_DOT = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
                        "DwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


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
            # No way to write a value unescaped: it would put raw XML (a field fetching an
            # address, a broken document) from the institution's data into the document.
            for name in _UNESCAPING:
                self.filters.pop(name, None)
            self.filters.update(filters or {})

        def _parse(self, source: str, name: str | None, filename: str | None):
            from jinja2 import nodes
            from jinja2.exceptions import SecurityError

            tree = super()._parse(source, name, filename)
            for node in tree.find_all((nodes.EvalContextModifier,
                                       nodes.ScopedEvalContextModifier)):
                raise SecurityError(f"line {node.lineno}: a report template may not turn "
                                    "escaping off ({% autoescape %})")
            return tree

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


def limit_resources() -> None:
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
    _require()
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


def shipped_template(kind: str) -> bytes:
    """The template shipped for ``kind`` (results, review, pay, portfolio)."""
    if kind not in KINDS:
        raise SealError(Problem(f"unknown report kind {kind!r}; choose one of "
                                f"{', '.join(KINDS)}", field="kind"))
    return (SHIPPED / f"{kind}.docx").read_bytes()


def sample_contexts(kind: str) -> list[tuple[str, dict[str, Any], list[str]]]:
    """The samples of ``kind`` an upload must fill in: ``(name, context, chart names)``, the
    context as the shipped reports give it to their template (see
    :func:`seal_engine.reports.docx.report_context`)."""
    found = sorted(SAMPLES.glob(f"{kind}-*.json")) if SAMPLES.is_dir() else []
    out = []
    for path in found:
        sample = json.loads(path.read_text(encoding="utf-8"))
        out.append((sample["name"], sample["context"], sample["charts"]))
    return out


def check_template(kind: str, data: bytes, name: str, *, lang: str = "en",
                   samples: list[tuple[str, dict[str, Any], list[str]]] | None = None,
                   timeout: float = UNTRUSTED_TIMEOUT) -> None:
    """Check an uploaded template for ``kind``: a real DOCX of a sane size, holding template
    tags, that fills in each of ``samples`` (by default :func:`sample_contexts`) in the
    sandbox, in a separate process, without an error.  Raises :class:`TemplateProblem` naming
    ``name`` and what is wrong."""
    _check_package(bytes(data), name)
    text = _document_text(bytes(data), name)
    if not re.search(r"\{[{%]", text):
        raise TemplateProblem(Problem(
            "the document has no template tags ({{ ... }} or {% ... %}): it would print the "
            f"same text for every report; start from the shipped {kind} template", file=name))
    samples = sample_contexts(kind) if samples is None else samples
    if not samples:
        raise TemplateProblem(Problem(f"no sample {kind} report to check the template with "
                                      f"(reinstall seal-engine: {SAMPLES} is missing)",
                                      file=name))
    for sample_name, context, charts in samples:
        try:
            render_untrusted(bytes(data), context, images={c: (_DOT, 10.0) for c in charts},
                             lang=lang, name=name, timeout=timeout)
        except TemplateProblem as e:
            raise TemplateProblem([Problem(f"{p.message} (filling the sample {sample_name})",
                                           file=p.file) for p in e.problems]) from None


def _document_text(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError) as e:
        raise TemplateProblem(Problem(f"the Word document cannot be read ({e})",
                                      file=name)) from None
    return re.sub(r"<[^>]+>", "", xml)
