"""The building blocks of the shipped DOCX report templates (see make_docx_templates.py): a
python-docx document on A4 with the styles the templates use, paragraphs, docxtpl paragraph
tags, tables whose rows repeat with ``{%tr for %}`` and whose header repeats on every page, and
reproducible bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

PAGE_WIDTH_MM = 174  # A4 less two margins of 18 mm
BLUE = "1F4E79"
LIGHT = "DCE6F1"


class Doc:
    """A python-docx document with the few things the templates need."""

    def __init__(self, title: str, footer: str) -> None:
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm, Pt, RGBColor

        self.d = d = docx.Document()
        section = d.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Mm(18))
        section.top_margin, section.bottom_margin = Mm(18), Mm(18)
        section.header_distance = section.footer_distance = Mm(9)
        styles = d.styles
        normal = styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(10)
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.1
        for name, size, before in (("Title", 22, 0), ("Heading 1", 15, 14), ("Heading 2", 12, 10),
                                   ("Heading 3", 10.5, 8)):
            style = styles[name]
            style.font.name = "Arial"
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.color.rgb = RGBColor.from_string(BLUE)
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(4)
            style.paragraph_format.keep_with_next = True
        styles["Title"].paragraph_format.space_after = Pt(2)
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
            _plain_font(styles[name])
        small = styles.add_style("Table text", 1)
        small.base_style = normal
        small.font.size = Pt(8.5)
        small.paragraph_format.space_after = Pt(0)
        small.paragraph_format.line_spacing = 1.0
        note = styles.add_style("Note", 1)
        note.base_style = normal
        note.font.size = Pt(8.5)
        note.font.italic = True
        note.font.color.rgb = RGBColor.from_string("555555")
        self._footer(section, footer)
        props = d.core_properties
        props.title, props.author, props.comments = title, "seal-engine", ""
        props.subject, props.keywords, props.category = "", "", ""
        props.last_modified_by = "seal-engine"
        props.revision = 1
        props.created = props.modified = dt.datetime(2026, 1, 1)
        props.identifier = props.language = ""

    def _footer(self, section, text: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        # "page 3 of 12" in the report's language (the reports catalogue, the word filter)
        of = ' {{ "of"|word }} '
        run = p.add_run(text + ' · {{ "page"|word }} ')
        run.font.size = Pt(8)
        for field in ("PAGE", of, "NUMPAGES"):
            if field == of:
                r = p.add_run(field)
                r.font.size = Pt(8)
                continue
            r = p.add_run()
            r.font.size = Pt(8)
            begin, instr, end = (OxmlElement("w:fldChar"), OxmlElement("w:instrText"),
                                 OxmlElement("w:fldChar"))
            begin.set(qn("w:fldCharType"), "begin")
            instr.set(qn("xml:space"), "preserve")
            instr.text = field
            end.set(qn("w:fldCharType"), "end")
            for el in (begin, instr, end):
                r._r.append(el)

    # -- paragraphs
    def title(self, text: str) -> None:
        self.d.add_paragraph(text, style="Title")

    def h1(self, text: str) -> None:
        self.d.add_paragraph(text, style="Heading 1")

    def h2(self, text: str) -> None:
        self.d.add_paragraph(text, style="Heading 2")

    def h3(self, text: str) -> None:
        self.d.add_paragraph(text, style="Heading 3")

    def p(self, *parts: str | tuple[str, str], style: str | None = None) -> None:
        """A paragraph of runs; a ``("b", text)`` part is bold, ``("i", text)`` italic."""
        para = self.d.add_paragraph(style=style)
        for part in parts:
            kind, text = part if isinstance(part, tuple) else ("", part)
            run = para.add_run(text)
            run.bold = kind == "b"
            run.italic = kind == "i"

    def note(self, text: str) -> None:
        self.p(text, style="Note")

    def bullet(self, text: str) -> None:
        self.d.add_paragraph(text, style="List Bullet")

    def tag(self, text: str) -> None:
        """A paragraph holding only a docxtpl paragraph tag (``{%p ... %}``): it disappears."""
        self.d.add_paragraph(text)

    def fields(self, rows: list[tuple[str, str]], widths: tuple[float, float] = (45, 129)) -> None:
        """A two-column table of labels and values, without loops."""
        table = self.d.add_table(rows=len(rows), cols=2)
        table.style = self.d.styles["Table Grid"]
        self._fixed(table, widths)
        for row, (label, value) in zip(table.rows, rows, strict=True):
            self._cell(row.cells[0], label, bold=True, fill=LIGHT)
            self._cell(row.cells[1], value)
        self.d.add_paragraph()

    def table(self, headers: list[str], cells: list[str], loop: str,
              widths: list[float]) -> None:
        """A table: a header row repeated on every page, then one row per item of ``loop``
        (``r in report.benchmarks``), its cells ``cells`` (Jinja, ``r`` being the item)."""
        assert len(headers) == len(cells) == len(widths), headers
        assert sum(widths) <= PAGE_WIDTH_MM + 0.5, (sum(widths), headers)
        table = self.d.add_table(rows=4, cols=len(headers))
        table.style = self.d.styles["Table Grid"]
        self._fixed(table, widths)
        head, start, body, end = table.rows
        self._repeat_header(head)
        for cell, text in zip(head.cells, headers, strict=True):
            self._cell(cell, text, bold=True, fill=LIGHT)
            cell.paragraphs[0].paragraph_format.keep_with_next = True
        self._cell(start.cells[0], "{%tr for " + loop + " %}")
        for cell, text in zip(body.cells, cells, strict=True):
            self._cell(cell, text)
        self._cell(end.cells[0], "{%tr endfor %}")
        self.d.add_paragraph()

    # -- table details
    def _fixed(self, table, widths) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm

        table.autofit = False
        tbl_pr = table._tbl.tblPr
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        for col, width in zip(table.columns, widths, strict=True):
            col.width = Mm(width)
            for cell in col.cells:
                cell.width = Mm(width)

    @staticmethod
    def _repeat_header(row) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        tr_pr = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        tr_pr.append(header)
        cant = OxmlElement("w:cantSplit")
        cant.set(qn("w:val"), "true")
        tr_pr.append(cant)

    @staticmethod
    def _cell(cell, text: str, *, bold: bool = False, fill: str | None = None) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        para = cell.paragraphs[0]
        para.style = "Table text"
        run = para.add_run(text)
        run.bold = bold
        if fill:
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), fill)
            cell._tc.get_or_add_tcPr().append(shading)

    def chart(self, name: str) -> None:
        """The chart ``name`` as a picture, when the report has it."""
        self.tag("{%p if charts." + name + " is defined %}")
        self.d.add_paragraph("{{ charts." + name + " }}")
        self.tag("{%p endif %}")

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.d.save(out)
        return _reproducible(out.getvalue())


def _plain_font(style) -> None:
    """Arial itself, not the theme's font: a theme font (Calibri Light in Word's default
    theme) is missing on many machines, where headings would fall back to another face."""
    from docx.oxml.ns import qn

    fonts = style.element.rPr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:cs"), "Arial")


def _reproducible(data: bytes) -> bytes:
    """The same ZIP with fixed dates and order, so the same template gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
