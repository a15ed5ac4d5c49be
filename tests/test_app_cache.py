"""The app's caches never hide a change: the languages the app offers are kept only while the
locale folder is unchanged (a language added is offered at once), the browser's language is
read once per session but a language picked wins at once, and a chart is the specification the
reports draw, built afresh from the result it is given."""

from __future__ import annotations

import shutil

import seal_engine.app.i18n as i18n


def test_a_language_added_is_offered_at_once(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    before = i18n.languages()
    assert "es" in before and "de" not in before
    assert i18n.languages() == before  # kept: the same answer
    (locale / "de" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copyfile(locale / "es" / "LC_MESSAGES" / "seal-app.po",
                    locale / "de" / "LC_MESSAGES" / "seal-app.po")
    after = i18n.languages()
    assert after["de"] == "Deutsch"
    shutil.rmtree(locale / "de")
    assert "de" not in i18n.languages()


def test_the_languages_returned_cannot_change_the_kept_ones():
    i18n.languages()["xx"] = "changed by a caller"
    assert "xx" not in i18n.languages()


def test_the_browser_is_asked_once_a_session_and_a_choice_wins_at_once(monkeypatch):
    state: dict = {}
    asked: list[str] = []

    def browser(header=None):
        asked.append("asked")
        return "es"

    monkeypatch.setattr(i18n, "_session_state", lambda: state)
    monkeypatch.setattr(i18n, "browser_language", browser)
    assert [i18n.language() for _ in range(5)] == ["es"] * 5
    assert len(asked) == 1
    i18n.set_language("fr")
    assert i18n.language() == "fr"
    other: dict = {}  # another session asks its own browser
    monkeypatch.setattr(i18n, "_session_state", lambda: other)
    assert i18n.language() == "es" and len(asked) == 2


def test_a_chart_is_the_reports_specification_of_the_result_given():
    import seal_engine as se
    from seal_engine.app.charts import dimension_chart

    from .conftest import ROOT

    model = se.load_assessment(ROOT / "assessments" / "valdoria-ministry-of-labour" /
                               "2025.yaml")
    standard = se.load_standard(ROOT / "standards" / "undp-seal-public-institutions")
    result = se.score(standard, model, explain=False)
    spec = dimension_chart(result, standard)
    assert isinstance(spec, dict) and spec["$schema"].startswith("https://vega.github.io/")
    values = [row for layer in spec["layer"] for row in layer.get("data", {}).get("values", [])]
    shown = {round(v["score"], 6) for v in values if "score" in v}
    assert {round(d.score, 6) for d in result.dimensions if d.score is not None} <= shown
