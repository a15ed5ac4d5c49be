"""The compiled-standard cache on disk (seal_engine.loader.cache): a standard read back from it
is the standard read from its files; an entry is used only for the same files and engine, and a
damaged or altered one is ignored and written again; processes loading at once agree; 'off'
writes nothing."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import seal_engine
from seal_engine.compilation import content_hash
from seal_engine.loader import cache
from seal_engine.loader import standard as loader

from .conftest import ROOT

PUBLIC = ROOT / "standards" / "undp-seal-public-institutions"
LAO = ROOT / "standards" / "lao-public-service-adaptation"
EXAMPLE = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "standards").glob("*.pickle"))


def _no_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the standard was parsed from its files")

    monkeypatch.setattr(loader, "_raw_from_path", refuse)


def test_read_back_is_the_standard_read_from_files(cache_dir, monkeypatch):
    fresh = seal_engine.load_standard(PUBLIC)
    assert len(_entries(cache_dir)) == 1
    _no_parsing(monkeypatch)
    again = seal_engine.load_standard(PUBLIC)
    assert again is not fresh
    assert again.model_dump() == fresh.model_dump()
    assert content_hash(again) == content_hash(fresh)
    # every field is located where it was: positions survive the round trip
    raw_fresh = seal_engine.compilation.compiled(fresh).raw
    raw_again = seal_engine.compilation.compiled(again).raw
    assert sorted(map(repr, cache._positions_out(raw_again))) == sorted(
        map(repr, cache._positions_out(raw_fresh)))
    assert len(cache._positions_out(raw_fresh)) > 1000
    loc = ["dimensions", 3, "benchmarks", 1, "rule", "met"]
    assert raw_again.locate(loc) == raw_fresh.locate(loc)
    assert raw_again.locate(loc)[1] is not None
    # and it scores the same, explanations included
    a = seal_engine.load_assessment(EXAMPLE)
    data = seal_engine.load_workforce_for(a)
    assert (seal_engine.score(again, a, data).model_dump()
            == seal_engine.score(fresh, a, data).model_dump())


def test_an_extending_standard_checks_its_parent(cache_dir, tmp_path, monkeypatch):
    folder = tmp_path / "standards"
    shutil.copytree(PUBLIC, folder / PUBLIC.name)
    shutil.copytree(LAO, folder / LAO.name)
    first = seal_engine.load_standard(folder / LAO.name)
    assert len(_entries(cache_dir)) == 1
    again = seal_engine.load_standard(folder / LAO.name)
    assert again.model_dump() == first.model_dump()
    # the parent's file changes: the child's entry is not used, and the change is seen
    header = folder / PUBLIC.name / "standard.yaml"
    header.write_text(header.read_text(encoding="utf-8").replace(
        "\ntitle:", "\ntitle: Changed parent #", 1), encoding="utf-8")
    calls = []
    real = loader._raw_from_path
    monkeypatch.setattr(loader, "_raw_from_path",
                        lambda *a, **k: calls.append(a) or real(*a, **k))
    changed = seal_engine.load_standard(folder / LAO.name)
    assert calls, "a stale entry was used after the parent's file changed"
    assert changed.model_dump() == first.model_dump()  # the parent's title is its own
    assert seal_engine.load_standard(folder / PUBLIC.name).title.startswith("Changed parent")


def test_a_changed_file_is_a_new_entry(cache_dir, tmp_path):
    folder = tmp_path / PUBLIC.name
    shutil.copytree(PUBLIC, folder)
    before = seal_engine.load_standard(folder)
    actions = folder / "actions.yaml"
    actions.write_text(actions.read_text(encoding="utf-8") + "\n# a comment\n",
                       encoding="utf-8")
    after = seal_engine.load_standard(folder)
    assert len(_entries(cache_dir)) == 2
    assert after.model_dump() == before.model_dump()


def test_a_corrupted_entry_is_ignored_and_written_again(cache_dir, monkeypatch):
    fresh = seal_engine.load_standard(PUBLIC)
    (entry,) = _entries(cache_dir)
    blob = bytearray(entry.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    entry.write_bytes(bytes(blob))
    assert cache.cached_raw(PUBLIC) is None
    again = seal_engine.load_standard(PUBLIC)
    assert again.model_dump() == fresh.model_dump()
    assert cache.cached_raw(PUBLIC) is not None  # rewritten whole
    entry.write_bytes(entry.read_bytes()[:1000])  # truncated
    assert cache.cached_raw(PUBLIC) is None
    entry.write_bytes(b"")
    assert cache.cached_raw(PUBLIC) is None


class _Boom:
    def __reduce__(self):
        return (os.system, ("echo pwned > /dev/null",))


def test_an_altered_entry_with_a_matching_hash_runs_no_code(cache_dir, monkeypatch):
    seal_engine.load_standard(PUBLIC)
    (entry,) = _entries(cache_dir)
    payload = pickle.dumps({"data": {"x": _Boom()}, "positions": [], "file": "f",
                            "files": [], "texts": {}, "deps": []})
    entry.write_bytes(cache._MAGIC + cache._sha(payload).encode() + b"\n" + payload)
    ran = []
    monkeypatch.setattr(os, "system", lambda cmd: ran.append(cmd))
    assert cache.cached_raw(PUBLIC) is None
    assert not ran
    # the standard is read from its files again
    assert seal_engine.load_standard(PUBLIC).id == "undp-seal-public-institutions"


def test_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("SEAL_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    seal_engine.load_standard(PUBLIC)
    assert cache.entry_path(PUBLIC) is None
    assert not any(tmp_path.rglob("*.pickle"))


def test_default_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("SEAL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    seal_engine.load_standard(PUBLIC)
    assert _entries(tmp_path / "xdg" / "seal-engine")


def test_an_unwritable_folder_only_skips_the_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SEAL_CACHE_DIR", str(blocker / "cache"))
    assert seal_engine.load_standard(PUBLIC).id == "undp-seal-public-institutions"


def test_processes_at_once_agree(cache_dir):
    code = (f"import seal_engine; s = seal_engine.load_standard({str(PUBLIC)!r}); "
            "from seal_engine.compilation import content_hash; print(content_hash(s))")
    env = {**os.environ, "SEAL_CACHE_DIR": str(cache_dir)}
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, cwd=ROOT) for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-500:] for o in outs]
    hashes = {o[0].strip() for o in outs}
    assert hashes == {content_hash(seal_engine.load_standard(PUBLIC)).encode()}
    assert len(_entries(cache_dir)) == 1
    assert cache.cached_raw(PUBLIC) is not None
    assert not list((cache_dir / "standards").glob(".tmp-*"))


def test_the_folder_keeps_the_entries_used_last(cache_dir):
    folder = cache_dir / "standards"
    folder.mkdir(parents=True)
    for i in range(cache.MAX_ENTRIES + 5):
        old = folder / f"{i:064x}.pickle"
        old.write_bytes(b"old")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    seal_engine.load_standard(PUBLIC)
    left = _entries(cache_dir)
    assert len(left) == cache.MAX_ENTRIES
    assert cache.entry_path(PUBLIC) in left  # the new one stays, the oldest went
    assert not (folder / f"{0:064x}.pickle").exists()
