"""The child process that fills an uploaded DOCX template (see
:func:`seal_engine.docx_template.render_untrusted`): one JSON request on stdin, one JSON answer
on stdout (``{"docx": base64}`` or ``{"error": message}``); never a pickle, so that even a broken
sandbox could not reach the parent.  Its memory and CPU time are capped first."""

from __future__ import annotations

import base64
import json
import sys

from ..docx_template import limit_resources, render_template
from ..errors import SealError


def worker(stdin: bytes) -> bytes:
    """The child process of :func:`render_untrusted`: one JSON request in, one JSON answer out
    (``{"docx": base64}`` or ``{"error": message}``); never a pickle, so a broken sandbox
    could not reach the parent."""
    limit_resources()
    try:
        request = json.loads(stdin.decode("utf-8"))
        images = {k: (base64.b64decode(png), float(width))
                  for k, (png, width) in request["images"].items()}
        out = render_template(base64.b64decode(request["template"]), request["context"],
                              images=images, filters=_filters(request["lang"]),
                              name=request["name"])
        return json.dumps({"docx": base64.b64encode(out).decode("ascii")}).encode("utf-8")
    except SealError as e:
        return json.dumps({"error": "; ".join(p.message for p in e.problems)}).encode("utf-8")
    except MemoryError:
        return json.dumps({"error": "the template needs more memory than a report may "
                           "use"}).encode("utf-8")


def _filters(lang: str):
    from .docx import report_filters

    return report_filters(lang)


if __name__ == "__main__":
    sys.stdout.buffer.write(worker(sys.stdin.buffer.read()))
