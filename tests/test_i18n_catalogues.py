"""Every shipped language complete and current: each catalogue of the app, the reports and the
engine with a ``.po`` present has every message of its ``.pot`` translated, none fuzzy, every
placeholder kept and no message that no code uses any more; each standard's translation file
translates every text of its standard.  ``seal i18n check`` runs the same check."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from seal_engine.cli import app
from seal_engine.i18n.check import CATALOGUES, check_catalogue, check_standard_translations

from .conftest import ROOT

SHIPPED = [(c, lang) for c in CATALOGUES for lang in c.languages()]


def _report(problems) -> str:
    shown = "\n".join(str(p) for p in problems[:40])
    more = f"\n… and {len(problems) - 40} more" if len(problems) > 40 else ""
    return f"{len(problems)} problems:\n{shown}{more}"


def test_the_programmes_languages_ship_in_every_catalogue():
    for c in CATALOGUES:
        assert {"es", "fr", "pt"} <= set(c.languages()), c.name


@pytest.mark.parametrize("catalogue, lang", SHIPPED,
                         ids=[f"{c.name}-{lang}" for c, lang in SHIPPED])
def test_a_shipped_catalogue_is_complete_and_current(catalogue, lang):
    po = catalogue.locale_dir / lang / "LC_MESSAGES" / f"{catalogue.domain}.po"
    problems = check_catalogue(catalogue.pot, po, lang)
    assert not problems, _report(problems)


def test_every_shipped_standard_translation_is_complete():
    problems = check_standard_translations([ROOT / "standards"])
    assert not problems, _report(problems)


def test_the_command_checks_the_same(tmp_path):
    folder = tmp_path / "standards"
    folder.mkdir()  # no standard there: only the catalogues are checked
    r = CliRunner().invoke(app, ["i18n", "check", "--standards", str(folder)])
    problems = [p for c, lang in SHIPPED for p in check_catalogue(
        c.pot, c.locale_dir / lang / "LC_MESSAGES" / f"{c.domain}.po", lang)]
    assert r.exit_code == (1 if problems else 0), r.output
    if problems:
        assert f"{len(problems)} problem" in r.output
    else:
        assert "every shipped language is complete: es, fr, pt" in r.output
