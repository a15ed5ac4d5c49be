"""Word reports in the language asked for: every fixed word of the shipped DOCX templates goes
through the reports catalogue (``{{ "…"|word }}``), so a report of each kind rendered in
Spanish, French or Portuguese keeps none of the English template's headings, labels or
sentences; an uploaded template may use the same filter, placeholders and all."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from .conftest import assessment_id

pytest.importorskip("docx", reason="the reports extra (docxtpl, python-docx) is needed")
D = pytest.importorskip("seal_engine.reports.docx")

KINDS = ("results", "review", "pay", "portfolio")
LANGS = ("es", "fr", "pt")
ML24 = "valdoria-ministry-of-labour-2024"


def _xml_text(data: bytes) -> list[str]:
    """The text of every paragraph of the body, headers and footers (``word/document.xml``
    and the rest, read as XML: what Word shows, table cells included)."""
    import html

    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                xml = z.read(name).decode("utf-8")
                for para in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
                    out.append(html.unescape("".join(
                        re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", para, re.S))))
    return out


@pytest.fixture(scope="module")
def reports(tmp_path_factory, _demo_db):
    """Each kind of report of the demo, built in each language."""
    import shutil

    import seal_engine.store as st
    from seal_engine.reports.build import report_from_store

    path = tmp_path_factory.mktemp("docx-lang") / "seal.db"
    shutil.copyfile(_demo_db, path)
    with st.open_store(f"sqlite:///{path}") as store:
        aid = assessment_id(store, ML24)
        return {(kind, lang): report_from_store(store, st.SYSTEM, kind,
                                                None if kind == "portfolio" else aid, lang=lang)
                for kind in KINDS for lang in ("en", *LANGS)}


def _fixed_words(kind: str) -> list[str]:
    from seal_engine.reports._pot import docx_words

    words = docx_words(D.shipped_template(kind))
    assert len(words) > 20, words  # the template's words were found at all
    return words


def _english_left(text: list[str], lang: str, words: list[str]) -> list[str]:
    """The English template words still in ``text``: a label (no placeholder) as a whole
    paragraph or cell, a sentence's fixed stretches of three words or more anywhere (shorter
    ones, "women and", may be the institution's own words in its plan)."""
    from seal_engine.reports.words import words as words_of

    w = words_of(lang)
    whole = set(text)
    joined = "\n".join(text)
    left = []
    for msgid in words:
        if w.gettext(msgid) == msgid:  # the same word in both languages ("Article", "Date")
            continue
        if "{" not in msgid:
            if msgid in whole or (msgid.count(" ") >= 2 and msgid in joined):
                left.append(msgid)
            continue
        for stretch in re.split(r"\{\w+\}", msgid):
            stretch = stretch.strip(" ,.:;()…")
            if stretch.count(" ") >= 2 and stretch in joined:
                left.append(f"{stretch} (of {msgid!r})")
    return left


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_english_word_of_the_template_is_left(reports, kind, lang):
    words = _fixed_words(kind)
    data = D.render_docx(reports[kind, lang], lang)
    text = _xml_text(data)
    assert _english_left(text, lang, words) == []
    english = _xml_text(D.render_docx(reports[kind, "en"], "en"))
    # the check can fail: the English report has its own words
    assert len(_english_left(english, lang, words)) > 10


def test_the_french_report_speaks_french(reports):
    text = _xml_text(D.render_docx(reports["results", "fr"], "fr"))
    for heading in ("Niveaux du référentiel", "Écarts et chemin vers le niveau suivant",
                    "Plan d'action", "Obligatoire dès", "Motif"):
        assert heading in text, heading
    assert not any("Why" == t or "Benchmark" == t for t in text)
    assert any("par la ligne de commande" in t for t in text)  # who wrote it, in words
    assert any("\u00a0: " in t for t in text)  # a no-break space before a colon


def test_the_spanish_and_portuguese_reports_fill_their_sentences(reports):
    es = "\n".join(_xml_text(D.render_docx(reports["portfolio", "es"], "es")))
    assert re.search(r"\d+ instituciones, \d+ evaluaciones", es), es[:400]
    pt = "\n".join(_xml_text(D.render_docx(reports["pay", "pt"], "pt")))
    assert "Indicadores pela ordem do artigo 9.º da Diretiva (UE) 2023/970" in pt
    assert "{" not in pt and "{" not in es  # no placeholder left unfilled


def test_an_uploaded_template_uses_the_same_filter():
    import docx

    d = docx.Document()
    d.add_paragraph('{{ "Benchmark"|word }} / {{ "{institutions} institutions, {assessments} '
                    'assessments"|word(institutions=3, assessments=4) }} / '
                    '{{ "{unknown} stays"|word(other=1) }} / {{ "Gain"|word }}')
    out = io.BytesIO()
    d.save(out)
    data = D.render_untrusted(out.getvalue(), {"report": {}}, images={}, lang="pt")
    assert _xml_text(data)[0] == ("Critério / 3 instituições, 4 avaliações / "
                                  "{unknown} stays / Ganho")
    data = D.render_untrusted(out.getvalue(), {"report": {}}, images={}, lang="en")
    assert _xml_text(data)[0] == ("Benchmark / 3 institutions, 4 assessments / {unknown} stays / "
                                  "Gain")


def test_every_word_of_the_templates_is_in_the_catalogue_template():
    from seal_engine.reports._pot import extract

    ids = {m for m, _p, _w in extract()}
    for kind in KINDS:
        assert set(_fixed_words(kind)) <= ids


def test_the_html_reports_labels_take_the_languages_colon():
    """'fichiers : …' (a no-break space before the colon in French), as the catalogue's
    '{label}: {value}' writes it; English keeps 'files: …'."""
    from pathlib import Path

    from seal_engine.reports.build import report_from_files
    from seal_engine.reports.html import render_html

    from .conftest import ROOT

    path = Path(ROOT) / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"
    fr = render_html(report_from_files(path, lang="fr"), "fr").decode()
    assert "fichiers\u00a0: " in fr and "fichiers: " not in fr
    en = render_html(report_from_files(path, lang="en"), "en").decode()
    assert "files: " in en
    pay = render_html(report_from_files(path, "pay", lang="fr"), "fr").decode()
    assert re.search(r"\u00a0: \d", pay), "the pay counts' labels"
