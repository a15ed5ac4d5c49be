"""The child process that fills an uploaded DOCX template (see
:func:`seal_engine.reports.docx.render_untrusted`): a JSON request on stdin, a JSON answer on
stdout."""

from __future__ import annotations

import sys

from .docx import worker

if __name__ == "__main__":
    sys.stdout.buffer.write(worker(sys.stdin.buffer.read()))
