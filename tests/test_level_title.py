"""A level's title in the reader's language (:func:`seal_engine.level_title`): the standard's
own translation, or one of the same standard on the standards search path, as pages, commands
and files name a level."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seal_engine import level_title, load_standard, translated_standard
from seal_engine.cli import app

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "standards" / "undp-seal-public-institutions"
LABOUR = ROOT / "assessments" / "valdoria-ministry-of-labour"

ES_LEVELS = """\
type: translation
standard: undp-seal-public-institutions
version: 3
locale: es
texts:
  bronze: {title: Nivel bronce}
  silver: {title: Nivel plata}
  gold: {title: Nivel oro}
"""


@pytest.fixture
def folders(tmp_path):
    """The standard stored without translations, and the same standard on a search path with
    a Spanish translation of its levels written later."""
    bare = tmp_path / "bare" / PUBLIC.name
    shutil.copytree(PUBLIC, bare, ignore=shutil.ignore_patterns("translations"))
    later = tmp_path / "path" / PUBLIC.name
    shutil.copytree(bare, later)
    (later / "translations").mkdir()
    (later / "translations" / "es.yaml").write_text(ES_LEVELS, encoding="utf-8")
    return bare, later.parent


def test_a_level_is_named_by_its_translation_on_the_search_path(folders):
    bare, path = folders
    stored = load_standard(bare)
    assert stored.translations == {}
    assert level_title(stored, "silver", "es", [path]) == "Nivel plata"
    assert level_title(stored, "silver", "en", [path]) == "Silver"
    assert level_title(stored, "silver", None, [path]) == "Silver"
    assert level_title(stored, "silver", "de", [path]) == "Silver"  # no such translation
    assert level_title(stored, "platinum", "es", [path]) == "platinum"  # no such level
    assert level_title(stored, "silver", "es", [bare.parent]) == "Silver"
    # a standard already in the reader's language gives its titles as they are
    es = translated_standard(stored, "es", [path])
    assert level_title(es, "gold", "es", [path]) == level_title(es, "gold") == "Nivel oro"


def test_the_bundled_translations_name_the_levels():
    std = load_standard(PUBLIC)
    assert [level_title(std, lv, "es") for lv in ("bronze", "silver", "gold")] == [
        "Bronce", "Plata", "Oro"]
    assert level_title(std, "gold", "pt") != "Gold" and level_title(std, "gold", "fr") != "Gold"


def test_the_cli_names_levels_by_the_translation_on_the_search_path(folders):
    bare, path = folders
    env = {"COLUMNS": "250", "SEAL_LANG": "es", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "",
           "SEAL_STANDARDS_PATH": str(path)}
    r = CliRunner().invoke(app, ["score", str(LABOUR), "--workers", "1", "--standard",
                                 str(bare)], env=env)
    assert r.exit_code == 0, r.output
    assert re.search(r"\sNivel (bronce|plata|oro)\s", r.stdout), r.stdout
    assert not re.search(r"\s(Bronze|Silver|Gold|Bronce|Plata|Oro)\s", r.stdout), r.stdout


def test_the_plan_page_names_levels_in_the_readers_language(app_db):
    from .appkit import ML25, no_failure, open_app

    at = open_app("focal_point", "plan", a=ML25)
    at.selectbox(key="_lang_picker").set_value("es").run()
    no_failure(at)
    values = [m.value for m in at.metric]
    assert "Plata" in values and "Silver" not in values, values
    aim = next(s for s in at.selectbox if s.key and s.key.startswith("target:"))
    assert [aim.format_func(o) for o in aim.options[1:]] == ["Bronce", "Plata", "Oro"]


def test_the_home_page_names_the_certificates_level_in_the_readers_language(app_db):
    from .appkit import no_failure, open_app

    at = open_app("focal_point")
    at.selectbox(key="_lang_picker").set_value("es").run()
    no_failure(at)
    said = [s.value for s in at.success] + [w.value for w in at.warning]
    assert any(re.search(r"nivel \*\*(Bronce|Plata|Oro)\*\*", s) for s in said), said
    assert not any(re.search(r"\*\*(Bronze|Silver|Gold)\*\*", s) for s in said), said
