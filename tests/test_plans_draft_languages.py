"""A focal point's first draft of the action plan says what it says in her language: the
notes on its rows (baseline measured, targets set and paced, actions shortened), on the
actions set aside and on the plan, written by the command line (``--lang``) and the app's
plan page in the reader's language; English stays as it was."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

import seal_engine.store as st
from seal_engine import draft_plan, load_assessment, standard_for, translated_standard
from seal_engine.cli import app

from .conftest import ROOT

LABOUR = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"
#: a few of the draft's words in each language, and the English they replace
WORDS = {
    "es": ["Línea de base medida a partir de esta evaluación.", "ya está en la meta",
           "puntos porcentuales", "El ritmo de la norma para este indicador es",
           "se acortó al período del plan"],
    "fr": ["Valeur de référence mesurée à partir de cette évaluation.", "déjà à la cible",
           "points de pourcentage", "Le rythme du référentiel pour cet indicateur est",
           "l'action est raccourcie à la période du plan"],
    "pt": ["Linha de base medida a partir desta avaliação.", "já está na meta",
           "pontos percentuais", "O ritmo do referencial para este indicador é",
           "a ação foi encurtada para o período do plano"],
}
ENGLISH = ["Baseline measured from this assessment.", "already at target", "percentage point",
           "The standard's pace for this indicator is", "shortened to the plan period",
           "The library expects"]


def _notes(plan) -> str:
    return "\n".join([*(r.notes or "" for r in plan.rows), *(x.note for x in plan.set_aside),
                      *plan.notes, *(x.note for x in plan.answer_first)])


def test_the_english_draft_is_as_before():
    a = load_assessment(LABOUR)
    s = standard_for(a)
    notes = _notes(draft_plan(s, a))
    assert all(w in notes for w in ENGLISH), notes
    assert notes == _notes(draft_plan(s, a, lang="en"))


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_a_draft_is_written_in_the_readers_language(lang):
    a = load_assessment(LABOUR)
    s = translated_standard(standard_for(a), lang)
    notes = re.sub("[\u00a0\u202f]", " ", _notes(draft_plan(s, a, lang=lang)))
    for w in WORDS[lang]:
        assert w in notes, (w, notes)
    for w in ENGLISH:
        assert w not in notes, (w, notes)


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_the_cli_drafts_the_plan_in_the_language(lang):
    env = {"COLUMNS": "250", "SEAL_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
    r = CliRunner().invoke(app, ["--lang", lang, "actions", str(LABOUR)], env=env)
    assert r.exit_code == 0, r.output
    out = re.sub("[\u00a0\u202f]", " ", r.stdout)
    for w in WORDS[lang]:
        assert w in out, (w, out)
    for w in ENGLISH:
        assert w not in out, (w, out)
    # figures in the notes as the language writes them (a fall of 7.1 points to close)
    assert re.search(r" 7,1 p", out) and not re.search(r" 7\.1 p", out), out


def test_the_plan_page_drafts_in_the_readers_language(app_db):
    from .appkit import ML25, assessment, button, no_failure, open_app, store

    at = open_app("focal_point", "plan", a=ML25)
    at.selectbox(key="_lang_picker").set_value("es").run()
    button(at, "Elaborar el plan de acción").click().run()
    no_failure(at)
    plan, _version = st.get_action_plan(store(), st.SYSTEM, assessment(ML25).id)
    notes = re.sub("[\u00a0\u202f]", " ", _notes(plan))
    assert "Línea de base medida a partir de esta evaluación." in notes, notes
    assert not any(w in notes for w in ENGLISH), notes


def test_the_smart_check_says_a_target_beyond_the_pace_in_the_language(tmp_path):
    import seal_engine as se
    from seal_engine.messages import render_message

    a = load_assessment(LABOUR)
    s = standard_for(a)
    plan = draft_plan(s, a)
    row = next(r for r in plan.rows if r.action == "A-WE-05b")
    rows = [r.model_copy(update={"target": 1.0}) if r is row else r for r in plan.rows]
    edited = plan.model_copy(update={"rows": rows})
    (issue,) = [i for i in se.check_plan(edited, s) if i.criterion == "achievable"]
    assert issue.text.code == "plancheck.beyond_pace"
    assert issue.message.startswith("the target 1 % is 13 percentage points from the baseline "
                                    "14 %, to be reached in 4 quarters")
    es = render_message(issue.text, lang="es")
    assert es.startswith("la meta 1 % está a 13 puntos porcentuales de la línea de base 14 % y "
                         "debe alcanzarse en 4 trimestres"), es
    # the command line reading the edited plan back warns in the language asked for
    path = tmp_path / "plan.csv"
    se.write_plan(edited, path, "csv", s)
    env = {"COLUMNS": "250", "SEAL_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
    r = CliRunner().invoke(app, ["--lang", "fr", "actions", str(LABOUR), "--plan", str(path),
                                 "-o", str(tmp_path / "out.md")], env=env)
    assert r.exit_code == 0, r.output
    out = re.sub("[\u00a0\u202f]", " ", r.output)
    assert "la cible 1 % est à 13 points de pourcentage de la valeur de référence 14 %" in out, out
    assert "percentage points" not in out


def test_a_stored_assessments_report_drafts_its_plan_in_the_language(demo_store):
    from seal_engine.reports.build import results_from_store

    drafted = []
    for a in st.list_assessments(demo_store, st.SYSTEM):
        try:
            st.get_action_plan(demo_store, st.SYSTEM, a.id)
        except st.NotFoundError:
            report = results_from_store(demo_store, st.SYSTEM, a.id, "es")
            if report.plan is not None and report.plan_is_draft:
                drafted.append(report.plan)
    assert drafted
    notes = re.sub("[\u00a0\u202f]", " ", "\n".join(_notes(p) for p in drafted))
    assert "Línea de base medida a partir de esta evaluación." in notes, notes
    # the pace's source is the standard's own text (its Spanish translation lacks it)
    assert not any(w in notes for w in ENGLISH if w != "percentage point"), notes
