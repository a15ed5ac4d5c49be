"""Certificates and reports in the reader's language: a certificate in the programme's language
and, when the reader's differs, in theirs too (every text under its English, the level and the
standard by their translated titles, on one page, the QR code still the token); a report's words,
figures and the standard's texts in the language asked for."""

from __future__ import annotations

import datetime as dt

import pytest

import seal_engine.store as st
from seal_engine.certificate import (
    CertificateDetails,
    certificate_html,
    certificate_pdf,
    token_from_pdf,
)
from seal_engine.i18n import words as report_words
from seal_engine.signing import generate_private_key, private_key_from_pem, sign

SPANISH = {
    "Certificate": "Certificado",
    "The {level} level of the Gender Equality Seal is awarded to":
        "Se otorga el nivel {level} del Sello de Igualdad de Género a",
    "Issued on": "Emitido el",
    "Valid until": "Válido hasta",
    "On the external assessment against {standard} ({id}, version {version}): {score} "
    "({points} of {max_points}, {basis}).": "Según la evaluación externa frente a {standard} "
    "({id}, versión {version}): {score} ({points} de {max_points}, {basis}).",
}


@pytest.fixture
def spanish(tmp_path, monkeypatch):
    po = tmp_path / "es" / "LC_MESSAGES" / "seal-reports.po"
    po.parent.mkdir(parents=True)
    lines = ['msgid ""', 'msgstr ""', r'"Content-Type: text/plain; charset=UTF-8\n"',
             r'"Language: es\n"', ""]
    for k, v in SPANISH.items():
        lines += [f'msgid "{k}"', f'msgstr "{v}"', ""]
    po.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setattr(report_words, "LOCALE_DIR", tmp_path)
    report_words.words.cache_clear()
    yield tmp_path
    report_words.words.cache_clear()


def _details() -> CertificateDetails:
    return CertificateDetails(
        id="c" * 32, issuer="UNDP", institution_code="X", institution_name="Ministerio X",
        country="Panamá", level="gold", level_title="Gold", standard_id="s", standard_version=1,
        standard_title="The Seal", score=81.25, basis="benchmarks_met", points=13,
        max_points=16, issued_on=dt.date(2026, 3, 8), valid_until=dt.date(2029, 3, 8),
        audit_seq=7, audit_hash="f" * 64)


def test_a_certificate_in_one_language_says_each_thing_once():
    key = private_key_from_pem(generate_private_key())
    html = certificate_html(_details(), sign({"a": 1}, key), verify_at=None)
    assert 'class="second"' not in html and "8 March 2026" in html and "81.2 %" in html


def test_a_bilingual_certificate_gives_every_translated_text_in_both(spanish):
    key = private_key_from_pem(generate_private_key())
    details = _details()
    token = sign(details.model_dump(mode="json"), key)
    html = certificate_html(details, token, verify_at=None, langs=("en", "es"),
                            level_titles={"es": "Oro"}, standard_titles={"es": "El Sello"})
    assert '<span class="second" lang="es">Certificado</span>' in html
    assert "The Gold level of the Gender Equality Seal is awarded to" in html
    assert "Se otorga el nivel Oro del Sello de Igualdad de Género a" in html
    assert "8 March 2026" in html and "8 de marzo de 2026" in html
    # a text the language's catalogue lacks is said once, in the programme's language
    assert "Is this certificate genuine?" in html
    assert html.count("Is this certificate genuine?") == 1
    pdf = certificate_pdf(details, token, langs=("en", "es"), level_titles={"es": "Oro"})
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    assert len(doc) == 1
    text = doc[0].get_textpage().get_text_range().replace("\r\n", " ").replace("\n", " ")
    assert "Certificado" in text and "Válido hasta" in text and "de marzo de 2026" in text
    assert token_from_pdf(pdf) == token


def test_the_stored_certificate_in_the_readers_language(demo_store, spanish):
    import pypdfium2

    cert = st.list_certificates(demo_store, st.SYSTEM)[0]
    standard = st.get_standard(demo_store, cert.standard_id, cert.standard_version)
    from seal_engine.loader import translated_standard

    es = translated_standard(standard, "es")
    level = next(lv for lv in es.levels if lv.id == cert.level)
    assert level.title != next(lv for lv in standard.levels if lv.id == cert.level).title
    pdf = st.certificate_pdf_bytes(demo_store, st.SYSTEM, cert.id, "es")
    text = pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range()
    text = text.replace("\r\n", " ").replace("\n", " ")
    assert es.title in text and "de 20" in text  # the standard and the dates in Spanish too
    assert f"Se otorga el nivel {level.title}" in text
    one = st.certificate_pdf_bytes(demo_store, st.SYSTEM, cert.id, "en")
    text = pypdfium2.PdfDocument(one)[0].get_textpage().get_text_range()
    assert es.title not in text.replace("\r\n", " ").replace("\n", " ")


@pytest.mark.parametrize("lang, number, percent, date", [
    ("en", "1,524.5", "62.9 %", "8 March 2026"),
    ("es", "1.524,5", "62,9\xa0%", "8 de marzo de 2026"),
    ("fr", "1\u202f524,5", "62,9\xa0%", "8 mars 2026"),
    ("pt", "1\xa0524,5", "62,9%", "8 de março de 2026"),  # Portugal's norm, not Brazil's
])
def test_report_figures_in_the_language(lang, number, percent, date):
    w = report_words.Words(lang)
    assert w.lang == lang  # every programme language has a reports catalogue
    assert (w.number(1524.5, 1), w.pct(62.94), w.date(dt.date(2026, 3, 8))) == \
        (number, percent, date)


def test_a_report_quotes_the_standard_in_the_language_asked_for(tmp_path):
    import seal_engine as se

    from .conftest import ROOT

    path = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"
    english = se.report_from_files([path], "results")
    spanish = se.report_from_files([path], "results", lang="es")
    std = se.load_standard(ROOT / "standards" / "undp-seal-public-institutions")
    es = std.translated("es")
    assert english.header.standard_title == std.title
    assert spanish.header.standard_title == es.title
    first = spanish.benchmarks[0]
    assert first.title == es.benchmark(first.id).title != std.benchmark(first.id).title
    html = se.render_document(spanish, "html", "es").decode("utf-8")
    assert es.title in html and std.benchmark(first.id).title not in html


def test_the_comparison_names_levels_in_the_language_asked_for(demo_store):
    english = st.compare_stored(demo_store, st.SYSTEM)
    spanish = st.compare_stored(demo_store, st.SYSTEM, lang="es")
    titles = {lv.id: lv.title for lv in english.levels}
    assert titles["gold"] == "Gold"
    assert {lv.id: lv.title for lv in spanish.levels}["gold"] == "Oro"
    # the figures are the same; only the words change
    assert [(r.institution, r.level, r.score) for r in spanish.ranking] == \
        [(r.institution, r.level, r.score) for r in english.ranking]


def test_a_comparison_of_files_names_levels_in_the_language_asked_for():
    import seal_engine as se

    from .conftest import ROOT

    english = se.compare_files([ROOT / "assessments"])
    spanish = se.compare_files([ROOT / "assessments"], lang="es")
    assert {lv.id: lv.title for lv in english.levels}["silver"] == "Silver"
    assert {lv.id: lv.title for lv in spanish.levels}["silver"] == "Plata"
    assert [(r.institution, r.level, r.score) for r in spanish.ranking] == \
        [(r.institution, r.level, r.score) for r in english.ranking]
    report = se.report_from_files([ROOT / "assessments"], "portfolio", lang="es")
    assert {lv.id: lv.title for lv in report.comparison.levels}["silver"] == "Plata"
