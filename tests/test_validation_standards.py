"""`check_paths` looks each file's standard up once per standard and set of `standards` folders
near the files (issue 24, item 4): what it finds for each file is what `standard_for` finds for
that file alone, with standards beside a file, at the top of a tree, too far above, and none."""

from __future__ import annotations

import shutil

import seal_engine as se
from seal_engine.validation import check_paths

from .conftest import ROOT

STARTER = ROOT / "standards" / "seal-starter.yaml"
EXAMPLE = ROOT / "assessments" / "starter" / "riverton-water-agency-2025.yaml"


def _standard(folder, title):
    folder.mkdir(parents=True, exist_ok=True)
    text = STARTER.read_text("utf-8")
    assert "\ntitle: " in text
    lines = [f"title: {title}" if line.startswith("title: ") else line
             for line in text.splitlines()]
    (folder / "seal-starter.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def _assessment(folder, code):
    folder.mkdir(parents=True, exist_ok=True)
    text = EXAMPLE.read_text("utf-8").replace("id: riverton-water-agency-2025", f"id: {code}")
    path = folder / f"{code}.yaml"
    path.write_text(text, "utf-8")
    for sub in ("committee", "finance", "hr", "policies"):  # its evidence files
        if (EXAMPLE.parent / sub).is_dir() and not (folder / sub).exists():
            shutil.copytree(EXAMPLE.parent / sub, folder / sub)
    return path


def test_each_file_gets_the_standard_it_gets_alone(tmp_path):
    _standard(tmp_path / "standards", "Top copy")
    _standard(tmp_path / "b" / "standards", "Near copy")
    files = [_assessment(tmp_path / "a", "in-a"),
             _assessment(tmp_path / "b", "in-b"),
             _assessment(tmp_path / "a" / "deeper", "deeper-a"),
             _assessment(tmp_path / "c" / "d" / "e" / "f", "too-far"),
             _assessment(tmp_path / "b" / "x", "under-b")]
    got = {p.stem: c.standard.title for p, c in check_paths(files)}
    alone = {p.stem: se.standard_for(se.load_assessment(p)).title for p in files}
    assert got == alone
    assert got == {"in-a": "Top copy", "in-b": "Near copy", "deeper-a": "Top copy",
                   "too-far": se.load_standard(STARTER).title, "under-b": "Near copy"}
    # in another order, the same
    again = {p.stem: c.standard.title for p, c in check_paths(list(reversed(files)))}
    assert again == alone
