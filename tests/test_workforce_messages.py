"""Why a workforce figure cannot be given is a message: read in English as before and in
Spanish, French and Portuguese with no message left in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from seal_engine.messages import has_translation, render_message, rendered_log
from seal_engine.rules import Missing
from seal_engine.workforce import load_workforce

SENIOR = (("grade", "senior"),)
CASES = [  # (file, metric, key, code of the reason)
    ("sex,grade,headcount\nF,support,3\nM,support,4\n", "women_share", SENIOR,
     "figure.no_staff"),
    ("sex,grade,headcount,pay_mean\nF,support,3,10\nM,support,4,\n", "pay_gap_mean", (),
     "figure.pay_incomplete.mean.men"),
    ("sex,grade,headcount\nother,senior,3\n", "women_share", SENIOR,
     "figure.nobody_but_other"),
    ("sex,headcount,applicants,recruited\nF,3,5,1\nM,4,6,0\n", "selection_ratio", (),
     "figure.no_hits.selection"),
    ("sex,grade,headcount,trained\nF,senior,3,1\nM,senior,4,\nF,support,3,1\n",
     "training_share", SENIOR, "figure.incomplete"),
    ("sex,headcount\nF,3\nM,4\n", "women_share", (("unit", "HR"),), "figure.no_column"),
    ("sex,grade,unit,headcount\nF,senior,HR,3\nM,senior,HR,4\n", "women_share",
     (("grade", ("boss", "chief")), ("unit", "HR")), "figure.no_staff"),
]


def _missing(tmp_path: Path, text: str, name: str, key) -> Missing:
    path = tmp_path / "w.csv"
    path.write_text(text, encoding="utf-8")
    value = load_workforce(path).metric(name, key)
    assert isinstance(value, Missing)
    return value


@pytest.mark.parametrize(("text", "name", "key", "code"), CASES)
def test_a_reason_is_a_message(tmp_path, text, name, key, code):
    value = _missing(tmp_path, text, name, key)
    assert value.message is not None and value.message.code == code
    assert value.reason == render_message(value.message)


@pytest.mark.parametrize("lang", ["es", "fr", "pt"])
@pytest.mark.parametrize(("text", "name", "key", "code"), CASES)
def test_a_reason_in_each_language(tmp_path, text, name, key, code, lang):
    value = _missing(tmp_path, text, name, key)
    with rendered_log() as log:
        shown = render_message(value.message, lang=lang)
    codes = [c for c, shown_lang, _t, _e in log if shown_lang == lang]
    assert code in codes and [c for c in codes if not has_translation(c, lang)] == []
    assert shown != value.reason


def test_the_part_of_the_staff_in_words(tmp_path):
    value = _missing(tmp_path, *CASES[-1][:3])
    assert value.reason == "no staff in grade 'boss' or 'chief', unit 'HR'"
    assert render_message(value.message, lang="es") == (
        "no hay personal en grado 'boss' o 'chief', unidad 'HR'")
    assert render_message(value.message, lang="fr") == (
        "aucun effectif dans grade 'boss' ou 'chief', unité 'HR'")


def test_the_article_9_indicators_in_each_language():
    from seal_engine.workforce.pay import ARTICLE_9, indicator_title

    assert [t for _l, _k, t in ARTICLE_9] == [indicator_title(x) for x, _k, _t in ARTICLE_9]
    assert indicator_title("c", "fr") == "l'écart de rémunération médian entre les femmes et " \
                                         "les hommes"
    for lang in ("es", "fr", "pt"):
        for letter, _key, english in ARTICLE_9:
            assert indicator_title(letter, lang) != english


def test_a_french_pay_report_names_the_indicators_in_french():
    pytest.importorskip("jinja2")
    from seal_engine.reports.build import report_from_files
    from seal_engine.reports.docx import report_context
    from seal_engine.reports.html import context

    from .conftest import ROOT

    report = report_from_files(ROOT / "assessments" / "valdoria-ministry-of-labour" /
                               "2025.yaml", "pay")
    titles = context(report, "fr")["indicator_titles"]
    assert titles["f"] == "la proportion de femmes et d'hommes dans chaque quartile de " \
                          "rémunération"
    rows = report_context(report, "fr")["pay_groups"][0]["rows"]
    assert rows[0][0]["title"] == "l'écart de rémunération entre les femmes et les hommes (moyen)"
