"""The cache keeps a standard as validated (seal_engine.loader.cache, entry format 2): read back,
it is the validated model field for field (the fields given included), without validating or
checking it again and without reading its source until something asks; an entry holding any
other class runs nothing and is a miss; a change to the engine's code that shapes a standard is
a new entry; a new process scoring from the cache builds none of the standard's validators."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest
from pydantic import BaseModel

import seal_engine
from seal_engine.compilation import compiled, content_hash
from seal_engine.loader import cache
from seal_engine.loader import standard as loader
from seal_engine.models import Standard

from .conftest import ROOT

PUBLIC = ROOT / "standards" / "undp-seal-public-institutions"
LAO = ROOT / "standards" / "lao-public-service-adaptation"
EXAMPLE = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"


def _same(a, b, where="standard") -> None:
    """``a`` and ``b`` are the same models all the way down: classes, fields given, values."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert a.__pydantic_fields_set__ == b.__pydantic_fields_set__, where
        assert a.__pydantic_extra__ == b.__pydantic_extra__, where
        assert list(a.__dict__) == list(b.__dict__), where
        for k in a.__dict__:
            _same(a.__dict__[k], b.__dict__[k], f"{where}.{k}")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            _same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


@pytest.mark.parametrize("folder", [PUBLIC, LAO], ids=["public", "lao-adaptation"])
def test_read_back_is_the_validated_standard(cache_dir, monkeypatch, folder):
    fresh = seal_engine.load_standard(folder)
    validate = Standard.model_validate

    def refuse(*args, **kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr(Standard, "model_validate", refuse)
    monkeypatch.setattr(loader, "_raw_from_path", refuse)
    monkeypatch.setattr(loader, "check_links", refuse)
    monkeypatch.setattr(loader, "control_characters", refuse)
    again = seal_engine.load_standard(folder)
    monkeypatch.setattr(Standard, "model_validate", validate)
    assert again is not fresh
    _same(again, fresh)
    _same(Standard.model_validate(again.model_dump(exclude_unset=True)), again)  # validated
    assert content_hash(again) == content_hash(fresh)
    assert [b.applicable for b in again.benchmarks()] == [
        b.applicable for b in fresh.benchmarks()]
    assert compiled(again).rules.keys() == compiled(fresh).rules.keys()


def test_the_source_is_read_only_when_asked_for(cache_dir):
    fresh = seal_engine.load_standard(PUBLIC)
    again = seal_engine.load_standard(PUBLIC)
    raw = compiled(again).raw
    assert "_source" in raw.__dict__ and "data" not in raw.__dict__  # scoring did not read it
    assert raw.files == compiled(fresh).raw.files
    loc = ["dimensions", 3, "benchmarks", 1, "rule", "met"]
    assert raw.locate(loc) == compiled(fresh).raw.locate(loc)
    assert raw.locate(loc)[1] is not None
    assert "_source" not in raw.__dict__
    assert raw.data == compiled(fresh).raw.data
    # a child given the cached standard as its parent in memory merges over its source
    child = (LAO / "standard.yaml").read_text(encoding="utf-8")
    files = {p.relative_to(LAO).as_posix(): p.read_text(encoding="utf-8")
             for p in LAO.rglob("*.yaml")}
    files["standard.yaml"] = child
    fresh_child = seal_engine.parse_standard(files, "lao", parents=[fresh])
    again_child = seal_engine.parse_standard(files, "lao", parents=[
        seal_engine.load_standard(PUBLIC)])
    _same(again_child, fresh_child)


def test_threads_asking_for_the_source_at_once_read_it_once(cache_dir, monkeypatch):
    import threading

    seal_engine.load_standard(PUBLIC)
    raw = compiled(seal_engine.load_standard(PUBLIC)).raw
    reads = []
    real = cache._positions_in
    monkeypatch.setattr(cache, "_positions_in", lambda *a: reads.append(1) or real(*a))
    seen = []
    start = threading.Barrier(6)

    def ask():
        start.wait()
        seen.append((id(raw.data), id(raw.positions)))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(seen) == 6 and len(set(seen)) == 1
    assert reads == [1]


def test_a_cached_standard_copies_and_translates(cache_dir):
    import copy

    fresh = seal_engine.load_standard(PUBLIC)
    again = seal_engine.load_standard(PUBLIC)
    assert "_source" in compiled(again).raw.__dict__
    _same(copy.deepcopy(again), again)
    _same(again.model_copy(deep=True), fresh)
    _same(again.translated("es"), fresh.translated("es"))
    assert again.translated("es").title != again.title
    a = seal_engine.load_assessment(EXAMPLE)
    data = seal_engine.load_workforce_for(a)
    assert (seal_engine.score(again.translated("fr"), a, data).model_dump()
            == seal_engine.score(fresh.translated("fr"), a, data).model_dump())


def test_an_error_in_a_rule_is_located_as_before(tmp_path, cache_dir):
    import shutil

    folder = tmp_path / "s"
    shutil.copytree(PUBLIC, folder)
    target = next(p for p in sorted(folder.glob("*.yaml"))
                  if p.name != "standard.yaml" and "\n      met: " in p.read_text("utf-8"))
    lines = target.read_text(encoding="utf-8").split("\n")
    i = next(i for i, text in enumerate(lines) if text.startswith("      met: "))
    lines[i] = "      met: answer('NO-SUCH-QUESTION') == 'yes'"
    target.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(seal_engine.SealError) as e:
        seal_engine.load_standard(folder)
    (problem,) = [p for p in e.value.problems if "NO-SUCH-QUESTION" in p.message]
    assert (problem.file, problem.line) == (str(target), i + 1)
    assert problem.field.endswith(".rule.met") and problem.record_id


def _entry(folder: Path) -> Path:
    (entry,) = sorted((folder / "standards").glob("*.pickle"))
    return entry


def _write(entry: Path, payload: bytes) -> None:
    entry.write_bytes(cache._MAGIC + cache._sha(payload).encode() + b"\n" + payload)


class _Boom:
    def __reduce__(self):
        return (os.system, ("echo pwned > /dev/null",))


class _Stranger(BaseModel):
    x: int = 1


class _Colour(Enum):
    red = "red"


@pytest.mark.parametrize("standard", [
    _Boom(), _Stranger(), _Colour.red, Path("x"),
    {"not": "a standard"},
], ids=["code", "another-model", "another-enum", "another-class", "plain-data"])
def test_an_entry_holding_anything_else_is_a_miss_and_runs_nothing(cache_dir, monkeypatch,
                                                                  standard):
    fresh = seal_engine.load_standard(PUBLIC)
    entry = _entry(cache_dir)
    good = pickle.loads(entry.read_bytes().split(b"\n", 2)[2])  # trusted here: written above
    as_standard = pickle.dumps({**good, "standard": standard})
    as_source = pickle.dumps({**good, "source": pickle.dumps({"data": standard})})
    ran = []
    monkeypatch.setattr(os, "system", lambda cmd: ran.append(cmd))
    _write(entry, as_standard)
    assert cache.cached(PUBLIC) is None
    # the source is unpickled when asked for, with plain values only, or read from the files
    _write(entry, as_source)
    assert cache.cached_raw(PUBLIC) is None
    standard, raw = cache.cached(PUBLIC, (), lambda: loader._raw_from_path(PUBLIC, None, (), ()))
    _same(standard, fresh)
    assert raw.data == compiled(fresh).raw.data
    loc = ["dimensions", 0, "benchmarks", 0, "rule", "met"]
    assert raw.locate(loc) == compiled(fresh).raw.locate(loc)
    assert not ran
    _same(seal_engine.load_standard(PUBLIC), fresh)


def test_a_name_of_the_models_module_that_is_not_a_model_is_refused(cache_dir):
    seal_engine.load_standard(PUBLIC)
    entry = _entry(cache_dir)
    # the pickle of {"standard": seal_engine.models.standard.Field}: a function of that module
    payload = b"(dp0\nVstandard\np1\ncseal_engine.models.standard\nField\np2\ns."
    with pytest.raises(pickle.UnpicklingError):
        cache._StandardUnpickler(io.BytesIO(payload)).load()
    _write(entry, payload)
    assert cache.cached(PUBLIC) is None


def test_a_change_to_the_code_shaping_a_standard_is_a_new_entry(cache_dir, monkeypatch):
    seal_engine.load_standard(PUBLIC)
    first = cache.entry_path(PUBLIC)
    assert set(cache.SHAPERS) >= {"models/standard.py", "loader/_raw.py", "_source.py"}
    monkeypatch.setattr(cache, "_SHAPED", ["another digest"])
    assert cache.entry_path(PUBLIC) != first
    assert cache.cached(PUBLIC) is None
    monkeypatch.setattr(cache, "_SHAPED", [None])  # the engine's code cannot be read: no cache
    assert cache.entry_path(PUBLIC) is None
    assert seal_engine.load_standard(PUBLIC).id == "undp-seal-public-institutions"


def test_a_new_process_scoring_from_the_cache_builds_no_validator_of_the_standard(cache_dir):
    code = (
        "import sys, seal_engine\n"
        "from seal_engine.models import Standard, Benchmark, Question\n"
        f"a = seal_engine.load_assessment({str(EXAMPLE)!r})\n"
        "s = seal_engine.standard_for(a)\n"
        "r = seal_engine.score(s, a, seal_engine.load_workforce_for(a))\n"
        "print(r.level, len(r.benchmarks),"
        " [m.__pydantic_complete__ for m in (Standard, Benchmark, Question)])\n")
    env = {**os.environ, "SEAL_CACHE_DIR": str(cache_dir)}
    outs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           cwd=ROOT, env=env) for _ in range(2)]
    assert all(o.returncode == 0 for o in outs), [o.stderr[-2000:] for o in outs]
    first, second = (o.stdout.split() for o in outs)
    assert first[:2] == second[:2]
    assert "True" in " ".join(first[2:])  # read from its files: validated
    assert " ".join(second[2:]) == "[False, False, False]"  # from the cache: nothing built
