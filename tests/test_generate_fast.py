"""Writing a synthetic portfolio fast keeps its bytes: the JSON text of an assessment is
``json.dumps``'s, and several processes write what one writes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import seal_engine as se
from seal_engine.compare.generate import _json_text


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("doc", [
    {}, [], {"a": []}, {"a": {}}, [[], {}], "é ünïcode \u2028 \"quoted\" \\ \n tab\t",
    {"x": 1, "y": -2.5, "z": 1e-07, "w": 10**30, "t": True, "f": False, "n": None},
    {"nested": [{"k": [1, [2, [3]]]}, "s"], "ü": "ü"},
    [float("nan")], {"inf": float("inf")}, {1: "a key that is not a string"},
    [0.1 + 0.2, 1.0, -0.0, 123456789.123456789],
])
def test_json_text_is_json_dumps(doc):
    assert _json_text(doc) == json.dumps(doc, ensure_ascii=False, indent=1)


def test_json_text_is_json_dumps_on_generated_assessments(tmp_path):
    se.generate_portfolio(tmp_path, 6, seed=3, file_format="json", workforce=False)
    files = sorted(tmp_path.rglob("*.json"))
    assert len(files) >= 10
    for f in files:
        text = f.read_text(encoding="utf-8")
        doc = json.loads(text)
        assert _json_text(doc) + "\n" == text
        assert json.dumps(doc, ensure_ascii=False, indent=1) + "\n" == text


@pytest.mark.parametrize("file_format, workforce", [("json", False), ("yaml", True)])
def test_two_processes_write_the_same_bytes_as_one(tmp_path, file_format, workforce):
    one = se.generate_portfolio(tmp_path / "one", 9, seed=11, file_format=file_format,
                                workforce=workforce)
    two = se.generate_portfolio(tmp_path / "two", 9, seed=11, file_format=file_format,
                                workforce=workforce, jobs=2)
    three = se.generate_portfolio(tmp_path / "three", 9, seed=11, file_format=file_format,
                                  workforce=workforce, jobs=3)
    a = _digest(tmp_path / "one")
    assert a == _digest(tmp_path / "two") == _digest(tmp_path / "three")
    assert sum(f.endswith(file_format) and not f.startswith("standards") for f in a) \
        == one.assessments
    assert one.model_dump(exclude={"folder"}) == two.model_dump(exclude={"folder"}) \
        == three.model_dump(exclude={"folder"})
    # another seed gives other files: the comparison above can fail
    se.generate_portfolio(tmp_path / "other", 9, seed=12, file_format=file_format,
                          workforce=workforce, jobs=2)
    assert _digest(tmp_path / "other") != a


def test_jobs_must_be_one_or_more(tmp_path):
    with pytest.raises(se.SealError, match="jobs must be 1 or more"):
        se.generate_portfolio(tmp_path, 3, jobs=0)
    assert not any(tmp_path.iterdir())


def test_seal_generate_jobs_writes_the_same_files(tmp_path):
    from typer.testing import CliRunner

    from seal_engine.cli import app

    outs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        r = CliRunner().invoke(app, ["generate", "-n", "7", "--seed", "5", "--file-format",
                                     "json", "--no-workforce", "--jobs", jobs, "-o", str(out)])
        assert r.exit_code == 0, r.output
        assert "of 7 institutions" in r.output
        outs[jobs] = _digest(out)
    assert outs["1"] == outs["2"]
    r = CliRunner().invoke(app, ["generate", "-n", "2", "--jobs", "0", "-o",
                                 str(tmp_path / "j0")])
    assert r.exit_code != 0
    assert not (tmp_path / "j0").exists()
