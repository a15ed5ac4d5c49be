"""The models' validators are built when first used (defer_build), one build at a time: a
thread using a model while another builds it waits for that build; many threads using the
standard's models for the first time at once all validate it the same, without errors; what
the models accept, refuse and write is as it was (their JSON schemas, checked elsewhere, are
unchanged)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from .conftest import ROOT

PUBLIC = ROOT / "standards" / "undp-seal-public-institutions"


def _run(code: str) -> str:
    env = {**os.environ, "SEAL_CACHE_DIR": "off"}
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                         text=True, cwd=ROOT, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


def test_a_model_in_use_while_it_is_built_waits_for_the_build():
    out = _run(f"""
        import threading
        from pathlib import Path
        from seal_engine.models import Standard, _base
        from seal_engine.loader.standard import _raw_from_path

        class Watched:  # the build lock, telling when a thread comes to wait for it
            def __init__(self, lock):
                self.lock, self.waiting = lock, threading.Event()
            def __enter__(self):
                if threading.current_thread() is not threading.main_thread():
                    self.waiting.set()
                return self.lock.__enter__()
            def __exit__(self, *exc):
                return self.lock.__exit__(*exc)

        data = _raw_from_path(Path({str(PUBLIC)!r}), None, (), ()).data
        assert not Standard.__pydantic_complete__
        watched = _base._BUILD_LOCK = Watched(_base._BUILD_LOCK)
        done = []
        with watched.lock:  # a build under way in this thread
            t = threading.Thread(target=lambda: done.append(Standard.model_validate(data)))
            t.start()
            came = watched.waiting.wait(120)
            t.join(0.2)
            print("waited" if came and t.is_alive() and not done else "did not wait")
        t.join(120)
        print(done[0].id, Standard.__pydantic_complete__)
        """)
    assert out.split() == ["waited", "undp-seal-public-institutions", "True"]


def test_many_threads_using_the_models_first_at_once_agree():
    out = _run(f"""
        import threading
        from pathlib import Path
        import seal_engine
        from seal_engine.models import Standard, Assessment, ScoreResult
        from seal_engine.loader.standard import _raw_from_path
        data = _raw_from_path(Path({str(PUBLIC)!r}), None, (), ()).data
        start = threading.Barrier(8)
        dumps, errors = [], []

        def first_use():
            start.wait()
            try:
                dumps.append(Standard.model_validate(data).model_dump_json())
            except Exception as e:  # noqa: BLE001
                errors.append(repr(e))

        threads = [threading.Thread(target=first_use) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        print(len(dumps), len(set(dumps)), errors)
        """)
    assert out.split()[:2] == ["8", "1"], out
    assert out.strip().endswith("[]"), out


def test_what_the_models_refuse_is_refused_after_a_deferred_build():
    out = _run("""
        import pydantic
        from seal_engine.models import Choice, Standard
        try:
            Choice.model_validate({"value": "a b"})  # not a record id
        except pydantic.ValidationError as e:
            print(e.errors()[0]["loc"])
        try:
            Choice.model_validate({"value": "a", "surprise": 1})  # an unknown field
        except pydantic.ValidationError as e:
            print(e.errors()[0]["type"])
        print(Choice.model_validate({"value": "a", "weight": 0.5}).model_dump_json())
        """)
    assert out.splitlines() == ["('value',)", "extra_forbidden",
                                '{"value":"a","label":null,"weight":0.5}']
