"""The reports (``seal_engine.reports``): each kind built from example files and from the demo
store through its services, the HTML escaped, self-contained and sandboxed, the PDF's text,
pages, fonts and archival variant, the renderer registry and ``seal report``."""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path

import pytest

from seal_engine import SealError, load_standard

from .conftest import ROOT, demo_actors

pytest.importorskip("jinja2")
pytest.importorskip("vl_convert")

LABOUR = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"
STANDARD = ROOT / "standards" / "undp-seal-public-institutions"


@pytest.fixture(scope="module")
def files_reports():
    from seal_engine.reports.build import report_from_files

    return {"results": report_from_files(LABOUR, "results"),
            "pay": report_from_files(LABOUR, "pay"),
            "portfolio": report_from_files([ROOT / "assessments"], "portfolio")}


def _pdf_text(data: bytes) -> tuple[int, list[str]]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc), [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def _fonts_embedded(data: bytes) -> dict[str, bool]:
    """Each font a text object of the PDF uses -> whether the PDF embeds it."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    found: dict[str, bool] = {}
    doc = pdfium.PdfDocument(data)
    try:
        for page in doc:
            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT]):
                font = raw.FPDFTextObj_GetFont(obj.raw)
                buf = ctypes.create_string_buffer(256)
                raw.FPDFFont_GetBaseFontName(font, buf, 256)
                found[buf.value.decode()] = bool(raw.FPDFFont_GetIsEmbedded(font))
    finally:
        doc.close()
    return found


def _streams(data: bytes) -> bytes:
    """Every stream of a PDF, inflated where it is compressed."""
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            out.append(m.group(1))
    return b"\n".join(out)


# ------------------------------------------------------------------------------ from files


def test_results_from_files(files_reports):
    r = files_reports["results"]
    standard = load_standard(STANDARD)
    assert r.header.source == "files" and r.header.institution.id == "VAL-MLSP"
    assert [b.id for b in r.benchmarks] == [b.id for b in standard.benchmarks()]
    assert r.result.level == "silver" and r.result.basis.kind == "benchmarks_met"
    assert r.result.next_level == "gold" and "WE-05" in r.result.blocking
    assert [lv.id for lv in r.levels if lv.reached] == ["bronze", "silver"]
    # the gaps are the gap analysis's, the path the shortest one to Gold
    assert r.gaps and r.gaps[0].priority == 1
    assert r.paths[0].level == "gold" and set(r.paths[0].mandatory) == {"WE-05", "RI-01", "RI-02"}
    assert {g.id for g in r.gaps if g.on_path} == set(r.paths[0].benchmarks)
    assert r.plan is not None and r.plan_is_draft and r.plan.rows
    lc04 = next(b for b in r.benchmarks if b.id == "LC-04")
    assert lc04.reason and lc04.evidence[0].requirement == "LC-04.minutes"
    wf = r.workforce
    assert [t.by for t in wf.tables] == ["grade", "location", "category"]
    assert wf.staff["headcount"] == 1524 and wf.band == (0.47, 0.53)
    assert wf.pay is not None and wf.pay.joint_pay_assessment.needed


def test_pay_from_files_has_article_9_indicators(files_reports):
    p = files_reports["pay"].pay
    assert [i.letter for i in p.indicators] == list("abcdefg")
    assert {f.basis for f in p.groups[0].figures} == {"annual", "hourly"}
    assert any(c.status == "flagged" for c in p.categories)


def test_portfolio_from_files(files_reports):
    pf = files_reports["portfolio"]
    c = pf.comparison
    assert c.institutions == len(c.ranking) >= 5
    assert c.left_out.get("drafts", 0) >= 1
    # every institution's results by period, drafts left out
    assert {t.institution for t in pf.trends} == {row.institution for row in c.ranking}
    highlands = [t.period for t in pf.trends if t.institution == "VAL-NHPHD"]
    assert len(highlands) == 2


def test_review_and_bad_kinds_from_files_are_refused():
    from seal_engine.reports.build import report_from_files

    with pytest.raises(SealError, match="stored review"):
        report_from_files(LABOUR, "review")
    with pytest.raises(SealError, match="unknown report kind 'audit'"):
        report_from_files(LABOUR, "audit")


# ------------------------------------------------------------------------------ from the store


@pytest.fixture
def demo(demo_store):
    return demo_store, demo_actors(demo_store)


def test_results_from_the_store_reviewed_beside_self(demo):
    import seal_engine.store as st
    from seal_engine.reports.build import report_from_store

    store, actors = demo
    r = report_from_store(store, actors["focal_point"], "results",
                          "valdoria-ministry-of-labour-2024")
    assert r.header.source == "store" and r.header.state == "certified"
    assert r.result.kind == "reviewed" and r.self_result.kind == "self"
    assert r.result.level == "bronze"
    certificate = next(c for c in st.list_certificates(store, st.SYSTEM)
                       if c.assessment_code == "valdoria-ministry-of-labour-2024")
    assert r.certificate.id == certificate.id and r.certificate.level_title == "Bronze"
    decided = [b for b in r.benchmarks if b.decision is not None]
    status = st.review_status(store, st.SYSTEM,
                             st.find_assessment(store, st.SYSTEM, r.header.assessment).id)
    assert len(decided) == len([v for v in status.benchmarks if v.decision])
    assert all(b.self_status is not None for b in r.benchmarks)
    assert r.workforce is not None and r.gaps


def test_an_analyst_gets_statuses_without_answers(demo):
    from seal_engine.reports.build import report_from_store

    store, actors = demo
    r = report_from_store(store, actors["analyst"], "results",
                          "valdoria-ministry-of-labour-2024")
    assert r.benchmarks and all(not b.reason and not b.evidence for b in r.benchmarks)
    assert r.workforce is None and r.plan is None and not r.gaps
    with pytest.raises(SealError, match="whose review you can see"):
        report_from_store(store, actors["analyst"], "review",
                          "valdoria-ministry-of-labour-2024")


def test_review_report_from_the_store(demo):
    import seal_engine.store as st
    from seal_engine.reports.build import report_from_store

    store, actors = demo
    code = "valdoria-ministry-of-labour-2025"  # sent back for evidence: a request answered?
    rv = report_from_store(store, actors["assessor"], "review", code)
    standard = st.get_standard(store, "undp-seal-public-institutions")
    assert [d.benchmark for d in rv.decisions] == [b.id for b in standard.benchmarks()]
    assert rv.requests and rv.requests[0].message
    assert rv.team and rv.team[0].name.startswith("Assia")
    certified = report_from_store(store, actors["programme_officer"], "review",
                                  "port-aurel-municipality-2025")
    assert certified.recommendation.recommendation == "certify"
    assert certified.recommendation.level == "gold"
    assert certified.reviewed_result.level == "gold"
    assert any(e.verdict == "accepted" for e in certified.evidence)


def test_pay_and_portfolio_from_the_store(demo):
    from seal_engine.reports.build import report_from_store

    store, actors = demo
    pay = report_from_store(store, actors["focal_point"], "pay",
                            "valdoria-ministry-of-labour-2025")
    assert pay.pay.women_with_pay == 798
    pf = report_from_store(store, actors["analyst"], "portfolio")
    assert pf.countries == ["Republic of Valdoria"]
    assert {row.country for row in pf.comparison.ranking} == {"Republic of Valdoria"}
    everyone = report_from_store(store, actors["admin"], "portfolio")
    assert everyone.countries == []
    assert everyone.comparison.institutions > pf.comparison.institutions
    with pytest.raises(SealError, match="of one assessment"):
        report_from_store(store, actors["admin"], "results")


# ------------------------------------------------------------------------------ HTML


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The Ministry of Labour's files, the institution named like a script."""
    folder = tmp_path_factory.mktemp("hostile")
    text = LABOUR.read_text(encoding="utf-8")
    text = text.replace("name: Ministry of Labour and Social Protection",
                        "name: '<script>alert(1)</script> & \"Co\" </style>'", 1)
    assert "<script>" in text
    (folder / "2025.yaml").write_text(text, encoding="utf-8")
    shutil.copy(LABOUR.parent / "workforce-2025.csv", folder / "workforce-2025.csv")
    from seal_engine.reports.build import report_from_files

    return report_from_files(folder / "2025.yaml", "results", load_standard(STANDARD))


def test_html_escapes_hostile_text(hostile):
    from seal_engine.reports import render

    html = render(hostile, "html").decode("utf-8")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34; &lt;/style&gt;" in html
    assert html.count("</style>") == 1
    # in the CSS footer the name is a string of hex escapes: nothing closes the style element
    footer = re.search(r"@bottom-left \{ content: (\"[^\"]*\")", html).group(1)
    assert "<" not in footer and "\\3c " in footer


def test_html_is_self_contained(files_reports):
    from seal_engine.reports import render

    for kind, report in files_reports.items():
        html = render(report, "html").decode("utf-8")
        assert "<script" not in html.lower(), kind
        refs = re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', html)
        assert all(ref.startswith("data:") for ref in refs), (kind, refs)
        assert "@import" not in html and "url(" not in html, kind
    html = render(files_reports["results"], "html").decode("utf-8")
    assert html.count('src="data:image/svg+xml;base64,') == 5  # dimensions, 3 shares, pay gap


def test_the_sandbox_refuses_python_internals(files_reports):
    from jinja2.exceptions import SecurityError, UndefinedError

    from seal_engine.reports.html import render_string

    r = files_reports["pay"]
    assert render_string("{{ r.header.institution.name }}", r) == \
        "Ministry of Labour and Social Protection"
    for hostile in ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
                    "{{ r.__class__.__init__.__globals__ }}",
                    "{{ w._t }}", "{{ _.__globals__ }}",
                    "{{ r.header.__dict__ }}"):
        with pytest.raises((SecurityError, UndefinedError)):
            render_string(hostile, r)


def test_unknown_format_is_refused_with_the_list(files_reports):
    from seal_engine.reports import RENDERERS, render

    with pytest.raises(SealError, match=r"unknown report format 'rtf'; choose one of html, pdf"):
        render(files_reports["pay"], "rtf")
    assert {"html", "pdf"} <= set(RENDERERS)


def test_english_is_the_fallback():
    from seal_engine.reports.words import languages, words

    assert languages()["en"] == "English"
    w = words("xx")
    assert w.lang == "en" and w.status("partially_met") == "Partially met"
    assert w.share(0.5253) == "52.5 %" and w.pct(80.0) == "80 %"
    assert w.number("suppressed") == "suppressed"


def test_the_message_template_is_current():
    from seal_engine.reports._pot import POT, pot_text

    assert POT.read_text(encoding="utf-8") == pot_text(), \
        "run: python -m seal_engine.reports._pot"


# ------------------------------------------------------------------------------ PDF


@pytest.fixture(scope="module")
def pay_pdf(files_reports):
    pytest.importorskip("weasyprint")
    from seal_engine.reports import render

    return render(files_reports["pay"], "pdf")


def test_pdf_text_pages_and_footer(pay_pdf):
    pages, texts = _pdf_text(pay_pdf)
    assert pages >= 2
    whole = "\n".join(texts)
    assert "Pay transparency report" in whole
    assert "Ministry of Labour and Social Protection" in whole
    assert "(a) the gender pay gap (mean)" in whole
    assert "Labour inspectors" in whole
    for i, text in enumerate(texts, 1):
        assert f"Page {i} / {pages}" in text


def test_pdf_fonts_are_embedded_and_archival(pay_pdf):
    fonts = _fonts_embedded(pay_pdf)
    assert fonts and all(fonts.values()), fonts
    assert any("DejaVu" in name for name in fonts)
    streams = _streams(pay_pdf)
    assert b"pdfaid:part" in streams and b"pdfaid:conformance" in streams


def test_pdf_makes_no_outside_request():
    pytest.importorskip("weasyprint")
    from seal_engine.reports.pdf import html_to_pdf, refused_urls

    html = ('<html><body><p>x</p><img src="http://127.0.0.1:9/a.png">'
            '<img src="file:///etc/hostname"><link rel="stylesheet" href="https://example.org/'
            'a.css"><img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv'
            'MjAwMC9zdmciIHdpZHRoPSIxIiBoZWlnaHQ9IjEiLz4="></body></html>')
    data = html_to_pdf(html)
    assert data.startswith(b"%PDF")
    assert sorted(refused_urls) == ["file:///etc/hostname", "http://127.0.0.1:9/a.png",
                                    "https://example.org/a.css"]


def test_results_pdf_of_a_hostile_name(hostile):
    pytest.importorskip("weasyprint")
    from seal_engine.reports import render

    pages, texts = _pdf_text(render(hostile, "pdf"))
    assert pages > 5
    assert "<script>alert(1)</script>" in texts[0]
    assert "Results report" in texts[0] and "Silver" in texts[0]
    assert "Why each benchmark has its status" in "\n".join(texts)


# ------------------------------------------------------------------------------ the command line


def test_seal_report_from_a_file(tmp_path):
    from typer.testing import CliRunner

    from seal_engine.cli import app

    runner = CliRunner()
    out = tmp_path / "labour.html"
    res = runner.invoke(app, ["report", str(LABOUR), "-f", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "Results report" in out.read_text(encoding="utf-8")
    res = runner.invoke(app, ["report", str(LABOUR), "-f", "rtf", "-o", str(out), "--force"])
    assert res.exit_code == 2 and "choose one of html, pdf" in res.output
    res = runner.invoke(app, ["report", str(LABOUR), "-f", "html", "--force", "-o",
                              str(LABOUR.parent / "workforce-2025.csv")])
    assert res.exit_code == 2 and "is also an input of this command" in res.output
    res = runner.invoke(app, ["report", str(LABOUR), "-o", str(out)])
    assert res.exit_code == 2 and "exists; add --force" in res.output


def test_seal_report_from_the_database(demo_store, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from seal_engine.cli import app

    monkeypatch.setenv("SEAL_DATABASE_URL", str(demo_store.engine.url))
    runner = CliRunner()
    out = tmp_path / "review.html"
    res = runner.invoke(app, ["report", "valdoria-ministry-of-labour-2024", "-k", "review",
                              "-f", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "Review report" in out.read_text(encoding="utf-8")
    res = runner.invoke(app, ["report", "-k", "portfolio", "-f", "html", "-o",
                              str(tmp_path / "p.html"), "--as", "analyst@demo.seal"])
    assert res.exit_code == 0, res.output
    text = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "The results of the institutions of Republic of Valdoria." in text
    res = runner.invoke(app, ["report", "-k", "portfolio", "-f", "html", "--force", "-o",
                              demo_store.engine.url.database])
    assert res.exit_code == 2 and "is also an input" in res.output
    res = runner.invoke(app, ["report", "no-such-assessment", "-f", "html", "-o",
                              str(tmp_path / "x.html")])
    assert res.exit_code == 1 and "no assessment 'no-such-assessment'" in res.output
    assert not Path(tmp_path / "x.html").exists()


# ------------------------------------------------------------------------------ languages


def _write_po(path: Path, messages: dict[str, str]) -> None:
    """A PO catalogue holding ``messages``, as a translator writes it (read at run time)."""
    lines = ['msgid ""', 'msgstr ""', r'"Content-Type: text/plain; charset=UTF-8\n"',
             r'"Language: fr\n"', ""]
    for k, v in messages.items():
        lines += [f'msgid "{k}"', f'msgstr "{v}"', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_language_is_only_a_catalogue(files_reports, tmp_path, monkeypatch):
    """Adding a language adds its catalogue (a .po, read at run time) and nothing else: the
    report's words come out translated, and those the catalogue lacks in English."""
    import seal_engine.i18n.words as words_module
    from seal_engine.reports import render

    _write_po(tmp_path / "fr" / "LC_MESSAGES" / "seal-reports.po", {
        "Pay transparency report": "Rapport de transparence salariale",
        "Page": "Page", "Met": "Atteint"})
    monkeypatch.setattr(words_module, "LOCALE_DIR", tmp_path)
    words_module.words.cache_clear()
    try:
        assert words_module.languages() == {"en": "English", "fr": "Français"}
        assert words_module.words("fr").status("met") == "Atteint"
        html = render(files_reports["pay"], "html", "fr").decode("utf-8")
        assert "<h1>Rapport de transparence salariale</h1>" in html
        assert "Joint pay assessment (Article 10)" in html  # not translated: English
        assert '<html lang="fr">' in html
    finally:
        words_module.words.cache_clear()


def test_the_app_draws_the_same_chart_specifications(files_reports):
    from seal_engine import load_assessment, score, standard_for
    from seal_engine.app import charts as app_charts
    from seal_engine.reports import charts
    from seal_engine.reports.words import words

    a = load_assessment(LABOUR)
    s = standard_for(a)
    result = score(s, a)
    ours = charts.dimension_chart([(d.title, d.score) for d in result.dimensions],
                                  [(lv.id, lv.title, lv.min_score) for lv in s.levels_in_order()],
                                  result.basis.kind, words("en"))
    theirs = app_charts.dimension_chart(result, s)  # the Vega-Lite spec st.vega_lite_chart draws
    assert [x["mark"] for x in theirs["layer"]] == [x["mark"] for x in ours["layer"]]
    assert [x["encoding"] for x in theirs["layer"]] == [x["encoding"] for x in ours["layer"]]
    assert theirs["config"]["font"] == ours["config"]["font"] == "DejaVu Sans"
