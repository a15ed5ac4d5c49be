"""A standard's translation files (``translations/<lang>.yaml``, ``type: translation``): read
into the standard's translations, checked against its records, put in place by
``Standard.translated``, and never part of the standard's identity."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import seal_engine
from seal_engine import StandardError, content_hash, load_standard
from seal_engine.compilation import compiled

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "standards" / "undp-seal-public-institutions"

ES = """\
type: translation
standard: undp-seal-public-institutions
version: 3
locale: es
texts:
  undp-seal-public-institutions:
    title: Sello de Igualdad de Género para Instituciones Públicas
  WE-05:
    title: Una brecha salarial de género pequeña o justificada
  WE-05.analysis:
    text: ¿Ha analizado la institución la remuneración por sexo dentro de cada grado?
  progress:
    title: Estado de un documento o medida
    choices: {none: No existe, approved: Aprobado y en vigor}
  GA-04.sessions:
    text: Enumere las sesiones de formación en igualdad de género de los dos últimos años.
    columns:
      topic: {title: Tema}
      format: {title: Modalidad, choices: {in_person: Presencial}}
"""


@pytest.fixture
def folder(tmp_path):
    """A copy of the public-institutions standard's folder to add translation files to."""
    target = tmp_path / "undp-seal-public-institutions"
    shutil.copytree(PUBLIC, target, ignore=shutil.ignore_patterns("translations"))
    return target


def _with(folder: Path, text: str, name: str = "es.yaml") -> Path:
    (folder / "translations").mkdir(exist_ok=True)
    (folder / "translations" / name).write_text(text, encoding="utf-8")
    return folder


def test_a_translation_file_is_read_and_put_in_place(folder):
    plain = load_standard(folder)
    std = load_standard(_with(folder, ES))
    assert "es" in std.translations
    assert std.translations["es"]["WE-05"].title.startswith("Una brecha")
    es = std.translated("es")
    assert es.locale == "es"
    assert es.title == "Sello de Igualdad de Género para Instituciones Públicas"
    assert es.benchmark("WE-05").title == "Una brecha salarial de género pequeña o justificada"
    # a text not translated stays in the standard's language
    assert es.benchmark("WE-05").description == plain.benchmark("WE-05").description
    scale = next(s for s in es.answer_scales if s.id == "progress")
    assert [c.label for c in scale.choices] == ["No existe", "Drafted, not yet approved",
                                                "Aprobado y en vigor"]
    table = es.questions()["GA-04.sessions"]
    cols = {c.id: c for c in table.columns}
    assert cols["topic"].title == "Tema" and cols["held_on"].title == "Date"
    assert [c.label for c in cols["format"].choices][0] == "Presencial"
    # the original is untouched
    assert std.benchmark("WE-05").title == plain.benchmark("WE-05").title


def test_translations_do_not_change_the_standards_identity(folder):
    plain = load_standard(folder)
    std = load_standard(_with(folder, ES))
    assert std.translations and not plain.translations
    assert content_hash(std) == content_hash(plain)
    # and the translated copy compiles afresh: its explanations quote the translated question
    es = std.translated("es")
    assert compiled(es).questions["WE-05.analysis"].text.startswith("¿Ha analizado")
    assert compiled(std).questions["WE-05.analysis"].text.startswith("Has the institution")


def test_a_stored_standard_keeps_its_identity_with_translations(folder, tmp_path):
    from seal_engine.loader import parse_standard
    from seal_engine.store.standards import standard_sources

    plain = load_standard(folder)
    _with(folder, ES)
    layout, files = standard_sources(folder)
    assert "translations/es.yaml" in files
    parsed = parse_standard(files, "stored")
    assert parsed.translations["es"]["WE-05"].title.startswith("Una brecha")
    assert content_hash(parsed) == content_hash(plain)


@pytest.mark.parametrize("change, message, line", [
    (("  WE-05:\n", "  WE-99:\n"), "translation for unknown record 'WE-99'", 8),
    (("    title: Una brecha", "    wording: Una brecha"), "unknown field 'wording'", 9),
    (("  WE-05.analysis:\n    text:", "  WE-05.analysis:\n    title:"),
     "a question has no field 'title' to translate", 11),
    (("approved: Aprobado", "adopted: Aprobado"), "answer scale 'progress' has no choice 'adopted'",
     14),
    (("      topic: {title: Tema}", "      subject: {title: Tema}"),
     "question 'GA-04.sessions' has no column 'subject'", 18),
    (("{in_person: Presencial}", "{remote: Presencial}"), "column 'format' has no choice 'remote'",
     19),
    (("version: 3", "version: 2"), "this translation is of version 2", 3),
    (("standard: undp-seal-public-institutions", "standard: seal-starter"),
     "standard is 'seal-starter'", 2),
    (("locale: es", "locale: en"), "'en' is the standard's own language", 4),
])
def test_a_wrong_translation_is_a_located_problem(folder, change, message, line):
    text = ES.replace(*change)
    assert text != ES
    with pytest.raises(StandardError) as info:
        load_standard(_with(folder, text))
    problem = next(p for p in info.value.problems if message in p.message)
    assert problem.file.endswith("translations/es.yaml"), problem
    assert problem.line == line, problem


def test_a_question_on_an_answer_scale_is_translated_through_the_scale(folder):
    std = load_standard(folder)
    q = next(q for q in std.questions().values() if q.answer_scale)
    text = ES + f"  {q.id}:\n    choices: {{{std.question_choices(q)[0].value}: x}}\n"
    with pytest.raises(StandardError, match=f"answer scale {q.answer_scale!r}; translate them"):
        load_standard(_with(folder, text))


def test_two_files_translating_one_record_into_one_language_are_refused(folder):
    _with(folder, ES)
    second = ES.split("texts:\n")[0] + "texts:\n  WE-05:\n    description: Otra\n"
    with pytest.raises(StandardError, match="'WE-05' is translated into 'es' twice"):
        load_standard(_with(folder, second, "es-more.yaml"))


def test_an_adaptation_reads_its_parents_translations(folder, tmp_path):
    _with(folder, ES)
    lao = tmp_path / "lao"
    shutil.copytree(ROOT / "standards" / "lao-public-service-adaptation", lao,
                    ignore=shutil.ignore_patterns("translations"))
    child = load_standard(lao, search_path=[tmp_path])
    assert child.extends.id == "undp-seal-public-institutions"
    es = child.translated("es")
    assert es.benchmark("WE-05").title.startswith("Una brecha")


def test_the_localised_standard_names_its_languages(folder):
    std = load_standard(_with(folder, ES))
    assert seal_engine.localised(std, "es").locale == "es"
    with pytest.raises(StandardError, match="has no texts in 'de'"):
        seal_engine.localised(std, "de")


def test_a_translation_on_the_standards_path_reaches_a_standard_stored_without_it(folder,
                                                                                 tmp_path):
    from seal_engine.loader import translated_standard, translation_languages

    stored = load_standard(folder)  # as stored before the translation was written
    later = tmp_path / "path"
    shutil.copytree(folder, later / folder.name)
    _with(later / folder.name, ES)
    assert translation_languages(stored, [later]) == ["en", "es"]
    es = translated_standard(stored, "es", [later])
    assert es.benchmark("WE-05").title.startswith("Una brecha")
    assert translated_standard(stored, "es", [later]) is es  # kept per language
    assert translated_standard(stored, "en", [later]) is stored
    assert translated_standard(stored, "de", [later]) is stored  # no such language: as it is
    # another content under the same id and version is not taken for it
    changed = (later / folder.name / "standard.yaml")
    changed.write_text(changed.read_text("utf-8").replace("title: Gender Equality Seal",
                                                          "title: A Gender Equality Seal", 1),
                       "utf-8")
    assert translated_standard(stored, "es", [later]) is stored
