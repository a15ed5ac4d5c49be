"""Reports as Word documents: every kind rendered from the demo store and from the shipped
samples through the shipped templates, opened again with python-docx and read; the sandbox
refusing hostile templates (no file read, no code run, no write, no endless loop); the
templates rebuilt byte for byte by their script."""

from __future__ import annotations

import importlib.util
import io
import sys

import pytest

from .conftest import ROOT, assessment_id

docx = pytest.importorskip("docx", reason="the reports extra (docxtpl, python-docx) is needed")
D = pytest.importorskip("seal_engine.reports.docx")
T = pytest.importorskip("seal_engine.docx_template")

ML24 = "valdoria-ministry-of-labour-2024"


def _doc(data: bytes):
    return docx.Document(io.BytesIO(data))


def _text(data: bytes) -> str:
    """Every paragraph and table cell of a document, one a line."""
    d = _doc(data)
    lines = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            lines.extend(c.text for c in row.cells)
    return "\n".join(lines)


def _table(data: bytes, first_header: str, second_header: str | None = None):
    """The rows (cell texts) of the first table whose header starts with the given cells."""
    for table in _doc(data).tables:
        head = [c.text for c in table.rows[0].cells]
        if head[0] == first_header and (second_header is None or head[1] == second_header):
            return [[c.text for c in row.cells] for row in table.rows]
    raise AssertionError(f"no table headed {first_header!r}")


def _template(*paragraphs: str) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------ the demo


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory, _demo_db):
    """The four kinds of report built from a copy of the demo database."""
    import shutil

    import seal_engine.store as st
    from seal_engine.reports.build import report_from_store

    path = tmp_path_factory.mktemp("docx") / "seal.db"
    shutil.copyfile(_demo_db, path)
    with st.open_store(f"sqlite:///{path}") as store:
        aid = assessment_id(store, ML24)
        return {kind: report_from_store(store, st.SYSTEM, kind,
                                        None if kind == "portfolio" else aid)
                for kind in ("results", "review", "pay", "portfolio")}


def test_the_results_report_of_the_demo(demo_reports):
    r = demo_reports["results"]
    data = D.render_docx(r, "en")
    text = _text(data)
    assert text.startswith("Results report\nMinistry of Labour and Social Protection")
    assert f"{r.result.level_title} · score 63.2 %" in text
    assert "(36 of 57 applicable benchmarks met)" in text
    rows = _table(data, "Benchmark", "Status")
    assert len(rows) == 1 + len(r.benchmarks) == 58
    first = rows[1]
    assert first[0] == "1.1 An approved gender equality policy"
    assert first[1].splitlines() == ["Met", "Confirmed"]
    assert first[3].splitlines()[0] == "Met: the rule holds."
    grades = _table(data, "Group", "Staff")
    assert grades[1][:4] == ["All staff", "1,521", "779", "738"]
    assert [row[0] for row in grades[2:]] == ["support", "professional", "manager", "senior"]
    plan = _table(data, "#", "Action")
    assert len(plan) == 1 + len(r.plan.rows)
    # the charts: dimensions, women's share by grade and by location, the pay gap
    assert len(_doc(data).inline_shapes) == 4
    assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize("kind, expected", [
    ("review", ["Assessment team's report", "Certify at Bronze", "Lead assessor",
                "LC-01 An approved gender equality policy"]),
    ("pay", ["Pay transparency report", "9(1)(a)", "the gender pay gap (mean)", "14.7 %",
             "Not needed"]),
    ("portfolio", ["Portfolio report", "Municipality of Port Aurel (VAL-PAM)", "Levels reached",
                   "Change between periods"]),
])
def test_each_kind_of_the_demo(demo_reports, kind, expected):
    data = D.render_docx(demo_reports[kind], "en")
    text = _text(data)
    for words in expected:
        assert words in text, words
    assert "{{" not in text and "{%" not in text


def test_the_review_table_has_every_benchmark(demo_reports):
    r = demo_reports["review"]
    rows = _table(D.render_docx(r, "en"), "Benchmark", "Mandatory from")
    assert [row[0].split(" ")[0] for row in rows[1:]] == [d.benchmark for d in r.decisions]


def test_docx_is_a_format_of_the_registry(demo_reports):
    from seal_engine.reports import FORMATS, RENDERERS, render

    assert "docx" in FORMATS()
    assert RENDERERS["docx"].suffix == ".docx"
    data = render(demo_reports["pay"], "docx", "en")
    assert data.startswith(b"PK") and "Pay transparency report" in _text(data)


@pytest.mark.parametrize("kind", ["results", "review", "pay", "portfolio"])
def test_every_shipped_sample_fills_its_template(kind):
    samples = T.sample_contexts(kind)
    assert samples, f"no sample report of kind {kind}"
    for name, context, _charts in samples:
        data = D.render_template(D.shipped_template(kind), context,
                                 filters=D.report_filters("en"), name=f"{kind}.docx")
        text = _text(data)
        assert "{{" not in text and "{%" not in text, name
        assert context["report"]["header"]["kind"] == kind


@pytest.mark.parametrize("kind", ["results", "review", "pay", "portfolio"])
def test_the_samples_have_the_fields_of_todays_reports(kind, demo_reports):
    """A sample written before the report models changed would check uploads against fields
    reports no longer have, or miss new ones (rebuild: python scripts/make_docx_templates.py
    --samples).  The sample built from the same demo assessment has every field, nested ones
    too."""
    fresh = D.sample_context(demo_reports[kind])
    same = [s for s in T.sample_contexts(kind) if s[0] == fresh["name"]]
    assert same, f"no sample {fresh['name']!r}"
    for name, context, charts in same:
        assert _paths(context) == _paths(fresh["context"]), name
        assert charts == fresh["charts"], name


def _paths(value, prefix=""):
    """Every key path of nested dicts (a list stands for its first item)."""
    out = set()
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(prefix + str(k))
            out |= _paths(v, f"{prefix}{k}.")
    elif isinstance(value, list) and value:
        out |= _paths(value[0], prefix + "[].")
    return out


def test_a_sparse_results_report_says_what_is_missing():
    [(_name, context, _charts)] = [s for s in T.sample_contexts("results")
                                   if s[1]["report"]["workforce"] is None]
    data = D.render_template(D.shipped_template("results"), context,
                             filters=D.report_filters("en"))
    assert "The assessment has no workforce data." in _text(data)


def test_values_are_escaped_as_xml():
    hostile = 'A & B <w:t>x</w:t> ]]> "quoted" \u00e9\u2014'
    data = D.render_template(_template("{{ report.name }}"), {"report": {"name": hostile}})
    assert _doc(data).paragraphs[0].text == hostile


# ------------------------------------------------------------------------------ the sandbox

HOSTILE = [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "may not do"),
    ("{{ report.name.__class__ }}", "may not do"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "may not do"),
    ("{{ namespace.__init__.__globals__ }}", "may not do"),
    ("{{ self.__init__.__globals__ }}", "may not do"),
    ("{{ report.items.append(1) }}", "may not do"),
    ("{{ report.update({'a': 1}) }}", "may not do"),
    ("{{ (report|attr('__class__')) }}", "may not do"),
    ("{{ lipsum(5) }}", "does not have"),
    ("{{ report.nothing }}", "does not have"),
    ("{{ range(100000000)|list }}", "at most"),
    ("{% for x in %}", "not valid Jinja"),
    ("{{ report.name|safe }}", "No filter named 'safe'"),
    ("{% filter safe %}{{ report.name }}{% endfilter %}", "No filter named 'safe'"),
    ("{{ report.name|urlize }}", "No filter named 'urlize'"),
    ("{% autoescape false %}{{ report.name }}{% endautoescape %}", "turn escaping off"),
]


@pytest.mark.parametrize("payload, why", HOSTILE, ids=[p for p, _w in HOSTILE])
def test_hostile_templates_are_refused(payload, why):
    with pytest.raises(D.TemplateProblem, match=why) as e:
        D.render_template(_template("Hello", payload), {"report": {"name": "x", "items": [1]}},
                          name="hostile.docx")
    assert e.value.problems[0].file == "hostile.docx"


@pytest.mark.parametrize("tag", ["include", "import", "extends", "from"])
def test_a_template_reads_no_file(tmp_path, tag):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    statement = {"include": f"{{% include '{secret}' %}}",
                 "import": f"{{% import '{secret}' as s %}}",
                 "extends": f"{{% extends '{secret}' %}}",
                 "from": f"{{% from '{secret}' import x %}}"}[tag]
    with pytest.raises(D.TemplateProblem, match="includes or imports another template") as e:
        D.render_template(_template(statement), {}, name="reader.docx")
    assert "TOP-SECRET" not in str(e.value)


def test_a_chart_is_opaque_to_the_template(tmp_path, demo_reports):
    """The picture object docxtpl gives a template holds the whole document (which could write
    files): none of its attributes can be reached."""
    images = D.report_images(demo_reports["results"], "en")
    target = tmp_path / "written.docx"
    for payload in ("{{ charts.dimensions.tpl }}", "{{ charts.dimensions['tpl'] }}",
                    f"{{{{ charts.dimensions.tpl.save('{target}') }}}}",
                    "{{ charts.dimensions.image_descriptor }}"):
        with pytest.raises(D.TemplateProblem, match="may not do"):
            D.render_template(_template(payload), {}, images=images, name="charts.docx")
    assert not target.exists()
    # the picture itself is allowed
    data = D.render_template(_template("{{ charts.dimensions }}"), {}, images=images)
    assert len(_doc(data).inline_shapes) == 1


def test_an_uploaded_template_runs_in_its_own_process_with_a_time_limit():
    endless = _template("{% for i in range(10000) %}{% for j in range(10000) %}"
                        "{% for k in range(10000) %}x{% endfor %}{% endfor %}{% endfor %}")
    with pytest.raises(D.TemplateProblem, match="took more than 2 s"):
        D.render_untrusted(endless, {}, name="endless.docx", timeout=2)


@pytest.mark.skipif(sys.platform != "linux", reason="the memory limit (RLIMIT_AS) is one "
                    "Linux enforces; elsewhere only the time limit holds")
def test_an_uploaded_template_cannot_fill_the_memory():
    with pytest.raises(D.TemplateProblem, match="memory"):
        D.render_untrusted(_template("{{ 'x' * 4000000000 }}"), {}, name="huge.docx",
                           timeout=30)


def test_the_separate_process_gives_the_same_document():
    context = {"report": {"name": "Ministry <of> Labour"}}
    data = D.render_untrusted(_template("{{ report.name }} {{ 0.525|share }}"), context)
    assert _doc(data).paragraphs[0].text == "Ministry <of> Labour 52.5 %"


@pytest.mark.parametrize("content, why", [
    (b"", "empty"),
    (b"%PDF-1.7 not a word file", "not a ZIP package"),
    (b"PK\x03\x04 broken", "not a readable Word document"),
])
def test_files_that_are_not_word_documents(content, why):
    with pytest.raises(D.TemplateProblem, match=why):
        T.check_template("results", content, "upload.docx")


def test_a_zip_that_is_not_a_word_document():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(D.TemplateProblem, match="not a Word document"):
        T.check_template("results", out.getvalue(), "book.docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (T.MAX_UNZIPPED_BYTES + 1))
    assert len(out.getvalue()) < 1_000_000
    with pytest.raises(D.TemplateProblem, match="unpacks to"):
        T.check_template("results", out.getvalue(), "bomb.docx")


def test_a_template_without_tags_is_refused():
    with pytest.raises(D.TemplateProblem, match="no template tags"):
        T.check_template("pay", _template("Our pay report"), "static.docx")


def test_a_template_naming_a_field_no_sample_has_is_refused():
    """The check fills every sample of the kind: a field only some reports have fails."""
    with pytest.raises(D.TemplateProblem, match="does not have") as e:
        T.check_template("results", _template("{{ report.workforce.file }}"), "wf.docx")
    assert "(filling the sample results report of riverton-water-agency-2025)" in str(e.value)
    assert e.value.problems[0].file == "wf.docx"


# ------------------------------------------------------------------------------ the templates


def test_the_shipped_templates_are_what_their_script_writes():
    spec = importlib.util.spec_from_file_location(
        "make_docx_templates", ROOT / "scripts" / "make_docx_templates.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    assert make.main(["--check"]) == 0


@pytest.mark.parametrize("kind", ["results", "review", "pay", "portfolio"])
def test_shipped_templates_are_a4_with_tables_inside_the_margins(kind):
    from docx.shared import Mm

    d = _doc(D.shipped_template(kind))
    section = d.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    text_width = section.page_width - section.left_margin - section.right_margin
    for table in d.tables:
        assert sum(c.width for c in table.columns) <= text_width + Mm(0.5)
