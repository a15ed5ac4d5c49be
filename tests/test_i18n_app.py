"""The app in the reader's language: picked on the sign-in page before signing in, in the
sidebar once signed in (kept as the user's language, read back at their next sign-in), carried
from the sign-in page into the signed-in session; the standard's texts in that language."""

from __future__ import annotations

from pathlib import Path

import pytest

import seal_engine.store as st
from seal_engine.app import i18n

from .appkit import actor, no_failure, open_app, store, texts

FRENCH = {"Gender Equality Seal": "Label pour l'égalité des genres", "Sign in": "Se connecter",
          "Welcome, {name}": "Bienvenue, {name}", "Your institution": "Votre institution",
          "Language": "Langue"}


def _po(folder: Path, lang: str, messages: dict[str, str]) -> None:
    path = folder / lang / "LC_MESSAGES" / "seal-app.po"
    lines = ['msgid ""', 'msgstr ""', r'"Content-Type: text/plain; charset=UTF-8\n"',
             rf'"Language: {lang}\n"', ""]
    for k, v in messages.items():
        escaped = v.replace('"', '\\"')
        lines += [f'msgid "{k}"', f'msgstr "{escaped}"', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def french(tmp_path, monkeypatch):
    _po(tmp_path, "fr", FRENCH)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    return tmp_path


def test_the_sign_in_page_offers_the_languages_before_signing_in(app_db, french):
    at = open_app(None)
    no_failure(at)
    picker = at.selectbox(key="_lang_signin")
    assert picker.options == ["English", "Français"] and picker.value == "en"
    assert at.title[0].value == "Gender Equality Seal"
    picker.set_value("fr").run()
    no_failure(at)
    assert at.title[0].value == "Label pour l'égalité des genres"
    assert "Se connecter" in texts(at)
    # the form carries the language into the signed-in session
    form = next(h for h in at.get("html") if "seal-signin" in str(h.proto))
    assert "lang=fr" in str(form.proto)


def test_the_language_picked_in_the_sidebar_is_kept_as_the_users(app_db, french):
    at = open_app("focal_point")
    assert "Welcome, Farah Focal (demo)" in texts(at)
    at.selectbox(key="_lang_picker").set_value("fr").run()
    no_failure(at)
    assert "Bienvenue, Farah Focal (demo)" in texts(at)
    prefs = st.get_preferences(store(), actor("focal_point"))
    assert prefs.language == "fr" and prefs.language_version == 1
    again = open_app("focal_point")  # the next sign-in, another browser: French from the start
    assert "Bienvenue, Farah Focal (demo)" in texts(again)
    assert again.selectbox(key="_lang_picker").value == "fr"
    other = open_app("analyst")  # another user keeps their own language
    assert "Welcome, Anil Analyst (demo)" in texts(other)


def test_the_language_carried_from_the_sign_in_page_is_kept(app_db, french):
    at = open_app("assessor", lang="fr")
    no_failure(at)
    assert "lang" not in at.query_params
    assert st.get_preferences(store(), actor("assessor")).language == "fr"
    assert at.selectbox(key="_lang_picker").value == "fr"


def _walk(node):
    """Every element under ``node`` of an AppTest tree."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _in(lang: str, role: str, page: str, **params: str):
    """The app as ``role`` on ``page`` in ``lang`` (the shipped catalogues and translations)."""
    from streamlit.testing.v1 import AppTest

    from .appkit import MAIN, user_id

    at = AppTest.from_file(MAIN, default_timeout=60)
    at.session_state["_user"] = user_id(role)
    at.session_state["_lang"] = lang
    at.run()
    at.switch_page(f"views/{page}.py")
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    no_failure(at)
    return at


def test_every_page_reads_the_standard_in_the_readers_language(app_db):
    from seal_engine import load_standard

    from .appkit import ML25
    from .conftest import ROOT

    std = load_standard(ROOT / "standards" / "undp-seal-public-institutions")
    es = std.translated("es")
    english, spanish = std.benchmark("WE-05").title, es.benchmark("WE-05").title
    assert english != spanish
    question = es.questions()["WE-05.analysis"].text
    at = _in("es", "focal_point", "assessment", a=ML25, d="WE")
    shown = texts(at) + " ".join(str(e.label) for e in at.get("radio") + at.get("toggle"))
    assert spanish in shown and english not in shown
    labels = [str(getattr(e, "label", "")) for e in _walk(at.main)]
    assert question in labels
    results = _in("es", "focal_point", "results", a=ML25)
    assert es.title in texts(results) or any(
        es.benchmark(b.id).title in texts(results) for b in std.benchmarks())
    browser = _in("fr", "analyst", "standards")
    fr = std.translated("fr")
    assert fr.title in texts(browser) and std.title not in texts(browser)


def test_an_adaptation_is_checked_against_its_stored_parent_in_any_language(app_db):
    """The standards page in Spanish checks an uploaded adaptation against the stored parent
    as parsed from its files (a translated copy cannot be extended)."""
    from .conftest import ROOT

    folder = ROOT / "standards" / "lao-public-service-adaptation"
    files = [(p.name, p.read_bytes(), "application/x-yaml") for p in sorted(folder.glob("*.yaml"))]
    at = _in("es", "admin", "standards")
    picker = next(s for s in at.selectbox if s.key == "std_pick")
    assert any("Sello de Igualdad de Género" in str(o) for o in picker.options), picker.options
    at.file_uploader(key="std_upload").set_value(files).run()
    no_failure(at)
    assert "not parsed from text" not in texts(at) and not at.error, [e.value for e in at.error]


def test_no_page_quotes_the_standard_in_english_when_read_in_spanish(app_db):
    """Every page of every role, in Spanish: no title of a dimension, benchmark or level of the
    standard is shown in English (each has its Spanish translation)."""
    from seal_engine import load_standard

    from .conftest import ROOT
    from .test_app_words import PAGES

    std = load_standard(ROOT / "standards" / "undp-seal-public-institutions")
    es = std.translated("es")
    records = [*std.dimensions, *std.benchmarks(), *std.results_levels]
    english = {r.title for r in records if len(r.title) > 12} - {
        r.title for r in [*es.dimensions, *es.benchmarks(), *es.results_levels]}
    assert len(english) > 50
    found = {}
    for role, pages in PAGES.items():
        for page in pages:
            at = _in("es", role, page)
            shown = texts(at) + " ".join(str(getattr(e, "label", "")) for e in _walk(at.main))
            shown += " ".join(" ".join(map(str, d.value.astype(str).to_numpy().ravel()))
                              for d in at.dataframe)  # the tables' cells
            left = sorted(t for t in english if t in shown)
            if left:
                found[f"{role} {page}"] = left[:5]
    assert found == {}


def test_the_programme_steps_name_the_standard_and_the_level_held_in_spanish(app_db):
    """The focal point's Programme steps in Spanish: the standard the steps come from and the
    level of the certificate held by their Spanish titles, not the stored English ones."""
    from seal_engine import load_standard

    from .conftest import ROOT

    std = load_standard(ROOT / "standards" / "undp-seal-public-institutions")
    es = std.translated("es")
    shown = texts(_in("es", "focal_point", "process"))
    assert es.title in shown and std.title not in shown
    bronze = next(lv.title for lv in es.levels if lv.id == "bronze")
    held = "Certificado vigente: " + bronze
    assert held in shown and "Bronze" not in shown, shown
