"""Standards' headers kept on disk (seal_engine.loader.cache.header): finding a standard by id in
a new process parses no file it parsed before; an entry is used only for the same content and
engine, a damaged one is ignored and written again, and 'off' writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from seal_engine.loader import discovery

from .conftest import ROOT

PUBLIC = ROOT / "standards" / "undp-seal-public-institutions"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SEAL_CACHE_DIR", str(folder))
    monkeypatch.setattr(discovery, "_HEADERS", {})  # a new process: nothing read in memory
    return folder


@pytest.fixture
def folder(tmp_path) -> Path:
    out = tmp_path / "standards"
    shutil.copytree(PUBLIC, out / PUBLIC.name)
    return out


def _parsing_fails(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a file was parsed")

    monkeypatch.setattr(discovery, "read_source", refuse)


def _infos(folder: Path):
    return [(i.id, i.version, i.title, i.extends) for i in discovery.list_standards([folder])]


def test_headers_read_back_parse_no_file(cache_dir, folder, monkeypatch):
    first = _infos(folder)
    assert first and first[0][0] == "undp-seal-public-institutions"
    assert list((cache_dir / "headers").glob("*.pickle"))
    monkeypatch.setattr(discovery, "_HEADERS", {})
    _parsing_fails(monkeypatch)
    assert _infos(folder) == first


def test_a_changed_file_is_read_again(cache_dir, folder, monkeypatch):
    _infos(folder)
    main = next(folder.rglob("standard.yaml"))
    text = main.read_text(encoding="utf-8")
    main.write_text(text.replace("version: 3", "version: 4", 1), encoding="utf-8")
    monkeypatch.setattr(discovery, "_HEADERS", {})
    assert _infos(folder)[0][1] == 4


def test_a_damaged_entry_is_ignored_and_written_again(cache_dir, folder, monkeypatch):
    first = _infos(folder)
    for entry in (cache_dir / "headers").glob("*.pickle"):
        blob = entry.read_bytes()
        entry.write_bytes(blob[:-3] + b"xyz")  # the payload no longer matches its hash
    monkeypatch.setattr(discovery, "_HEADERS", {})
    assert _infos(folder) == first
    monkeypatch.setattr(discovery, "_HEADERS", {})
    _parsing_fails(monkeypatch)
    assert _infos(folder) == first  # written again


def test_a_broken_file_is_left_out_and_not_kept(cache_dir, tmp_path, monkeypatch):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.yaml").write_text("type: standard\nid: [unclosed\n", encoding="utf-8")
    assert discovery.list_standards([broken]) == []
    assert not list((cache_dir / "headers").glob("*.pickle"))
    assert discovery._header(broken / "x.yaml") is None


def test_off_writes_nothing(tmp_path, folder, monkeypatch):
    monkeypatch.setenv("SEAL_CACHE_DIR", "off")
    monkeypatch.setattr(discovery, "_HEADERS", {})
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert _infos(folder)
    assert not (tmp_path / "home").exists()
