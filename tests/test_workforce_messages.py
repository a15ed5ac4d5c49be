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
