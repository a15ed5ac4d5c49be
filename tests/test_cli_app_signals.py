"""Stopping ``seal app`` stops its server: SIGTERM or SIGINT sent to the ``seal app`` process
closes the port it serves (on POSIX ``seal app`` becomes the Streamlit server; elsewhere it
passes the signal on to its child and waits for it)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from seal_engine.cli.serve import forward_signals

from .conftest import ROOT

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@posix
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_to_seal_app_stops_the_server(tmp_path, signum):
    port = _free_port()
    env = dict(os.environ, SEAL_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT),
               SEAL_PASSWORD_PROFILE="CHEAPEST")
    env.pop("SEAL_DATABASE_URL", None)
    log = open(tmp_path / "seal-app.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "seal_engine", "app", "--port", str(port), "--address",
         "127.0.0.1", "--no-demo"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while not _open(port):
            assert proc.poll() is None, (tmp_path / "seal-app.log").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)
        proc.send_signal(signum)
        deadline = time.monotonic() + 8
        while _open(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _open(port), "the server still serves after the signal to seal app"
        proc.wait(timeout=8)  # and seal app itself has ended
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
    assert "open http://127.0.0.1:" in (tmp_path / "seal-app.log").read_text()


@posix
def test_where_the_server_is_a_child_a_stop_signal_is_passed_on_and_waited_for(tmp_path):
    ready = tmp_path / "ready"
    child = ("import pathlib, signal, sys, time\n"
             "signal.signal(signal.SIGTERM, lambda *a: sys.exit(7))\n"
             f"pathlib.Path({str(ready)!r}).write_text('yes')\n"
             "time.sleep(60)\n")

    def stop_when_ready():
        deadline = time.monotonic() + 20
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)  # to this process, which forwards it

    before = signal.getsignal(signal.SIGTERM)
    threading.Thread(target=stop_when_ready, daemon=True).start()
    started = time.monotonic()
    code = forward_signals([sys.executable, "-c", child], dict(os.environ))
    assert code == 7  # the child got SIGTERM, and its exit code is returned
    assert time.monotonic() - started < 30
    assert signal.getsignal(signal.SIGTERM) == before  # the handlers are put back
