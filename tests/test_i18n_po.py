"""The translators' workflow: a standard's texts exported to a PO catalogue (a context per
record and field) and imported back into its translation file, exactly; and the check of
catalogues and translation files (untranslated, fuzzy, placeholders changed, out of date)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from seal_engine import StandardError, load_standard
from seal_engine.cli import app
from seal_engine.i18n.check import check_catalogue, check_standard_translations, placeholders
from seal_engine.i18n.standard_po import export_po, import_po, standard_texts

from .conftest import ROOT

PUBLIC = ROOT / "standards" / "undp-seal-public-institutions"
PRIVATE = ROOT / "standards" / "undp-seal-private-enterprises"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_contexts_name_the_record_and_the_field():
    s = load_standard(PUBLIC)
    contexts = {e.context: e for e in standard_texts(s)}
    assert contexts["WE-05.title"].text == s.benchmark("WE-05").title
    q = next(q for q in s.questions().values() if q.choices)
    c = q.choices[0]
    assert contexts[f"{q.id}/choice/{c.value}"].text == (c.label or c.value)
    table = s.questions()["GA-04.sessions"]
    assert contexts["GA-04.sessions/column/topic.title"].text == "Topic"
    assert contexts["GA-04.sessions/column/format/choice/in_person"].text == "In person"
    assert table.columns[0].id == "topic"
    assert contexts[f"{s.id}.title"].text == s.title
    assert len(contexts) == len(standard_texts(s))  # one context per text


SHIPPED = sorted((f.parent.parent, f.stem) for f in
                 (ROOT / "standards").glob("*/translations/*.yaml"))


def test_the_programmes_languages_are_shipped():
    assert {(PUBLIC, "es"), (PUBLIC, "fr"), (PUBLIC, "pt"), (PRIVATE, "es")} <= set(SHIPPED)


@pytest.mark.parametrize("folder, lang", SHIPPED, ids=[f"{f.name}-{lang}" for f, lang in SHIPPED])
def test_a_shipped_translation_round_trips_exactly(folder, lang, tmp_path):
    po, out = tmp_path / f"{lang}.po", tmp_path / f"{lang}.yaml"
    r = run("i18n", "export", folder, "--lang", lang, "-o", po)
    assert r.exit_code == 0, r.output
    with po.open("rb") as f:
        catalog = read_po(f)
    assert str(catalog.locale) == lang and catalog.project == load_standard(folder).id
    r = run("i18n", "import", po, "-o", out)
    assert r.exit_code == 0, r.output
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    shipped = yaml.safe_load((folder / "translations" / f"{lang}.yaml").read_text("utf-8"))
    assert {k: written[k] for k in ("type", "standard", "version", "locale")} == \
        {k: shipped[k] for k in ("type", "standard", "version", "locale")}
    assert written["texts"] == shipped["texts"]
    # and the written file loads as the standard's translation
    copy = tmp_path / folder.name
    shutil.copytree(folder, copy)
    (copy / "translations" / f"{lang}.yaml").write_text(out.read_text("utf-8"), "utf-8")
    assert load_standard(copy).translations[lang] == load_standard(folder).translations[lang]


def _fresh(tmp_path) -> Path:
    copy = tmp_path / "std"
    shutil.copytree(PUBLIC, copy, ignore=shutil.ignore_patterns("translations"))
    return copy


def test_untranslated_and_fuzzy_entries_are_left_out_and_a_stale_one_is_refused(tmp_path):
    folder = _fresh(tmp_path)
    s = load_standard(folder)
    text = export_po(s, "fr").decode()
    title = s.benchmark("WE-05").title
    entry = f'msgctxt "WE-05.title"\nmsgid "{title}"\nmsgstr ""'
    assert entry in text
    text = text.replace(entry, f'msgctxt "WE-05.title"\nmsgid "{title}"\n'
                        'msgstr "Un écart de rémunération faible ou justifié"')
    fuzzy_title = s.benchmark("WE-06").title
    fuzzy = f'msgctxt "WE-06.title"\nmsgid "{fuzzy_title}"\nmsgstr ""'
    text = text.replace(fuzzy, f'#, fuzzy\nmsgctxt "WE-06.title"\nmsgid "{fuzzy_title}"\n'
                        'msgstr "Brouillon"')
    got = import_po(text.encode(), s)
    assert list(got) == ["WE-05"] and got["WE-05"].title.startswith("Un écart")
    stale = text.replace(f'msgid "{title}"', 'msgid "An older title"')
    with pytest.raises(StandardError, match="the text of WE-05.title changed since") as info:
        import_po(stale.encode(), s, "fr.po")
    assert info.value.problems[0].file == "fr.po" and info.value.problems[0].line
    unknown = text.replace('msgctxt "WE-05.title"', 'msgctxt "WE-99.title"')
    with pytest.raises(StandardError, match="context 'WE-99.title' names no text"):
        import_po(unknown.encode(), s)


def test_the_standards_own_language_is_not_exported(tmp_path):
    r = run("i18n", "export", PUBLIC, "--lang", "en", "-o", tmp_path / "en.po")
    assert r.exit_code == 1 and "'en' is the standard's own language" in r.output


POT = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Home"
msgstr ""

msgid "Welcome, {name}"
msgstr ""

msgid "{n} session ended."
msgid_plural "{n} sessions ended."
msgstr[0] ""
msgstr[1] ""
"""

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: es\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Home"
msgstr "Inicio"

msgid "Welcome, {name}"
msgstr "Bienvenida, {name}"

msgid "{n} session ended."
msgid_plural "{n} sessions ended."
msgstr[0] "Una sesión cerrada."
msgstr[1] "{n} sesiones cerradas."
"""


@pytest.fixture
def catalogue(tmp_path):
    pot = tmp_path / "x.pot"
    pot.write_text(POT, encoding="utf-8")
    po = tmp_path / "es" / "LC_MESSAGES" / "x.po"
    po.parent.mkdir(parents=True)
    return pot, po


def test_a_complete_catalogue_passes(catalogue):
    pot, po = catalogue
    po.write_text(PO, encoding="utf-8")
    assert check_catalogue(pot, po, "es") == []


@pytest.mark.parametrize("change, message", [
    (('msgstr "Inicio"', 'msgstr ""'), "'Home' is not translated"),
    (('msgid "Home"', '#, fuzzy\nmsgid "Home"'), "'Home' is marked fuzzy"),
    (("Bienvenida, {name}", "Bienvenida, {nombre}"),
     "the translation has the placeholders {nombre}, the message {name}"),
    (('msgstr[1] "{n} sesiones cerradas."', 'msgstr[1] "Sesiones cerradas."'),
     "the translation has the placeholders none"),
    (('msgid "Home"\nmsgstr "Inicio"\n', 'msgid "Home"\nmsgstr "Inicio"\n\nmsgid "Gone"\n'
      'msgstr "Ido"\n'), "'Gone' is no message of x.pot any more"),
    (('msgid "Home"\nmsgstr "Inicio"\n', ''), "'Home' of x.pot is missing from the catalogue"),
    (("nplurals=2; plural=(n != 1)", "nplurals=3; plural=(n == 1 ? 0 : n == 2 ? 1 : 2)"),
     "has 2 plural forms, and the catalogue's Plural-Forms header asks for 3"),
])
def test_a_catalogue_problem_is_found(catalogue, change, message):
    pot, po = catalogue
    text = PO.replace(*change)
    assert text != PO
    po.write_text(text, encoding="utf-8")
    problems = check_catalogue(pot, po, "es")
    assert any(message in p.message for p in problems), problems
    assert all(p.file == str(po) for p in problems)


def test_placeholders():
    assert placeholders("{a} and {b} {{literal}}") == ["{a}", "{b}"]
    assert placeholders("a } b") == ["<unreadable braces>"]


def test_an_untranslated_record_of_a_translation_file_is_found(tmp_path):
    folder = _fresh(tmp_path)
    s = load_standard(folder)
    (folder / "translations").mkdir()
    (folder / "translations" / "es.yaml").write_text(
        "type: translation\nstandard: undp-seal-public-institutions\nversion: "
        f"{s.version}\nlocale: es\ntexts:\n  WE-05:\n    title: Brecha salarial\n",
        encoding="utf-8")
    problems = check_standard_translations([tmp_path])
    by_record = {p.record_id: p for p in problems}
    assert "WE-05" in by_record and by_record["WE-05"].message.startswith(
        "WE-05 is not translated into 'es': description")
    assert "title" not in by_record["WE-05"].message.split(":", 1)[1].split(",")
    assert "WE-06" in by_record and by_record["WE-06"].file.endswith("es.yaml")
    assert len(problems) == len({e.record for e in standard_texts(s)})
