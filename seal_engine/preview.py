"""Evidence read in place: an uploaded document turned into what a page can show safely.

Pure: bytes in, a typed :class:`Preview` out, nothing read from disk, nothing printed.  What
comes out is made here, never the file itself: PDF pages rendered to PNG on the server with
PDFium (``pypdfium2``; no form environment is started, so no script of the file runs), images
decoded and written again as PNG (checked by Pillow first, their size bounded before any pixel
is decoded), office documents read as text or as tables (``.docx`` with python-docx, ``.xlsx``
with openpyxl, OpenDocument files from their ``content.xml``, CSV as a table).  Every read is
bounded (:class:`PreviewLimits`): the file's size, the size a zipped document unpacks to and
its packing ratio (a zip bomb is refused before it is unpacked), the pages rendered at once,
each page's pixels and the time a PDF may take, an image's pixels, the text and rows shown.

Words are data: a refusal is :attr:`Preview.error` and what a reader should know is
:attr:`Preview.notices`, each a :class:`PreviewMessage` (a ``code`` and its ``params``), put
into words where they are shown.  The codes are :data:`ERROR_CODES` and :data:`NOTICE_CODES`.

Needs ``pypdfium2`` for PDFs, Pillow (which it brings) for images, python-docx and openpyxl
for office files: the ``app`` extra (``pip install 'seal-engine[app]'``); a missing one is the
``missing_dependency`` error naming the extra.
"""

from __future__ import annotations

import csv
import io
import threading
import time
import zipfile
from typing import Any, Literal
from xml.etree import ElementTree

from pydantic import BaseModel, Field

__all__ = ["ERROR_CODES", "NOTICE_CODES", "Preview", "PreviewLimits", "PreviewMessage",
           "PreviewTable", "preview_document"]

#: Why a file is not previewed.
ERROR_CODES = (
    "empty",                # the file has no content
    "too_large",            # size, limit: bytes
    "unsupported",          # suffix: no preview for this kind of file
    "missing_dependency",   # package, extra
    "pdf_unreadable",       # PDFium could not open it (damaged, or not a PDF)
    "pdf_encrypted",        # it needs a password
    "pdf_no_pages",
    "page_out_of_range",    # page (1-based), count
    "image_unreadable",     # Pillow could not read or verify it
    "image_too_large",      # width, height, pixels, limit (pixels)
    "archive_unreadable",   # a zipped office document that is not a readable zip
    "archive_too_large",    # size (unpacked bytes), limit
    "archive_bomb",         # ratio, limit: packed much tighter than any document
    "document_unreadable",  # the office document's content could not be read
    "text_unreadable",      # not UTF-8 text
)

#: What a reader of a preview should know.
NOTICE_CODES = (
    "pdf_scripts_ignored",  # count: the PDF holds scripts; none was run
    "pages_shown",          # first, last, count (1-based): part of the document is shown
    "time_limit",           # seconds: rendering stopped at the time limit
    "page_reduced",         # page (1-based): a very large page rendered at a lower scale
    "image_reduced",        # width, height (the original's)
    "text_truncated",       # shown, total (characters)
    "rows_truncated",       # table, shown, total (rows; None: more than were counted)
    "columns_truncated",    # table, shown, total
    "sheets_truncated",     # shown, total
)

_TEXT_TYPES = {"txt": "text", "csv": "csv", "tsv": "csv"}
_ZIPPED = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
_MEDIA_SUFFIX = {
    "application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "text/plain": "txt",
    "text/csv": "csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}

# PDFium is not thread-safe, and the app's sessions are threads of one process.
_PDFIUM = threading.Lock()


class PreviewLimits(BaseModel):
    """How far a preview reads (each bound a file cannot push past)."""

    max_bytes: int = 25_000_000
    pages: int = 3
    """PDF pages rendered at once, from the page asked for."""
    scale: float = 1.5
    """PDF rendering scale (1 = 72 dots per inch)."""
    max_page_pixels: int = 3_000_000
    """A page larger than this at ``scale`` is rendered smaller."""
    seconds: float = 8.0
    """Time a PDF's pages may take together; rendering stops there."""
    max_image_pixels: int = 40_000_000
    image_side: int = 1600
    """Images are shown at most this wide or high."""
    max_unpacked_bytes: int = 60_000_000
    """What a zipped office document may unpack to, all its parts together."""
    max_ratio: int = 200
    """How much tighter than this a part may be packed (a zip bomb packs at 1000:1)."""
    max_xml_bytes: int = 15_000_000
    """What one XML part may unpack to (it is parsed in memory: a few times its size)."""
    max_chars: int = 20_000
    max_rows: int = 50
    count_rows: int = 20_000
    """Rows are counted up to this many (to say how many were not shown), then reading stops."""
    header_search: int = 10
    """How many rows from the top may come before a table's header."""
    max_columns: int = 30
    max_sheets: int = 5


class PreviewMessage(BaseModel):
    """A refusal or a notice: a code of :data:`ERROR_CODES` or :data:`NOTICE_CODES` and the
    values its words are made of."""

    code: str
    params: dict[str, Any] = Field(default_factory=dict)


class PreviewTable(BaseModel):
    """A table of a document: a sheet, a CSV file, a table of a text document."""

    name: str | None = None
    above: list[str] = Field(default_factory=list)
    """Lines above the table's header (a sheet's title, a note), each row's text joined."""
    columns: list[str] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list)


class Preview(BaseModel):
    """What can be shown of a document, or why nothing is."""

    kind: Literal["pages", "image", "text", "tables", "none"]
    suffix: str = ""
    page_count: int | None = None
    """A PDF's number of pages."""
    first_page: int = 0
    """The 0-based number of ``pages[0]``."""
    pages: list[bytes] = Field(default_factory=list)
    """PNG images: a PDF's pages from ``first_page``, or the one image."""
    text: str | None = None
    tables: list[PreviewTable] = Field(default_factory=list)
    notices: list[PreviewMessage] = Field(default_factory=list)
    error: PreviewMessage | None = None


def _fail(code: str, of: str = "", /, **params: Any) -> Preview:
    """A preview refused with ``code``, of a file of suffix ``of``."""
    return Preview(kind="none", suffix=of, error=PreviewMessage(code=code, params=params))


def _suffix(name: str, media_type: str | None) -> str:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""
    if suffix == "jpeg":
        suffix = "jpg"
    return suffix or _MEDIA_SUFFIX.get(media_type or "", "")


def preview_document(content: bytes, name: str, media_type: str | None = None, *,
                     page: int = 0, limits: PreviewLimits | None = None) -> Preview:
    """The preview of one document: ``name`` (as uploaded; only its suffix is read) and
    ``media_type`` say what kind it is; ``page`` is the first PDF page (0-based) to render."""
    limits = limits or PreviewLimits()
    suffix = _suffix(name, media_type)
    content = bytes(content or b"")
    if not content:
        return _fail("empty", suffix)
    if len(content) > limits.max_bytes:
        return _fail("too_large", suffix, size=len(content), limit=limits.max_bytes)
    try:
        if suffix == "pdf":
            return _pdf(content, page, limits)
        if suffix in ("png", "jpg", "gif", "webp"):
            return _image(content, suffix, limits)
        if suffix in _TEXT_TYPES:
            return _text(content, suffix, limits)
        if suffix in _ZIPPED:
            return _zipped(content, suffix, limits)
    except ImportError as e:
        return _fail("missing_dependency", suffix, package=e.name or str(e), extra="app")
    return _fail("unsupported", suffix, suffix=suffix)


# ------------------------------------------------------------------------------ PDF


def _pdf(content: bytes, page: int, limits: PreviewLimits) -> Preview:
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(content)
        except pdfium.PdfiumError as e:
            if getattr(e, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
                return _fail("pdf_encrypted", "pdf")
            return _fail("pdf_unreadable", "pdf")
        try:
            return _pdf_pages(pdf, content, page, limits)
        finally:
            pdf.close()


def _scripts(pdf, content: bytes) -> int:
    import pypdfium2.raw as raw

    count = max(0, raw.FPDFDoc_GetJavaScriptActionCount(pdf.raw))
    if not count and (b"/JavaScript" in content or b"/JS" in content):
        count = 1  # in an action or an annotation rather than the document's name tree
    return count


def _pdf_pages(pdf, content: bytes, page: int, limits: PreviewLimits) -> Preview:
    count = len(pdf)
    if count == 0:
        return _fail("pdf_no_pages", "pdf")
    if not 0 <= page < count:
        return _fail("page_out_of_range", "pdf", page=page + 1, count=count)
    out = Preview(kind="pages", suffix="pdf", page_count=count, first_page=page)
    scripts = _scripts(pdf, content)
    if scripts:
        out.notices.append(PreviewMessage(code="pdf_scripts_ignored",
                                          params={"count": scripts}))
    deadline = time.monotonic() + limits.seconds
    last = min(count, page + limits.pages)
    for number in range(page, last):
        png, reduced = (None, False) if time.monotonic() > deadline else \
            _render(pdf[number], limits, deadline)
        if png is None:
            out.notices.append(PreviewMessage(code="time_limit",
                                              params={"seconds": limits.seconds}))
            break
        out.pages.append(png)
        if reduced:
            out.notices.append(PreviewMessage(code="page_reduced",
                                              params={"page": number + 1}))
    shown = len(out.pages)
    if shown < count:
        out.notices.append(PreviewMessage(code="pages_shown", params={
            "first": page + 1, "last": page + shown, "count": count}))
    return out


def _render(page, limits: PreviewLimits, deadline: float) -> tuple[bytes | None, bool]:
    """One page as PNG, rendered progressively so that PDFium stops at ``deadline`` (None
    then); and whether it was rendered smaller than ``limits.scale``."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        width, height = page.get_size()
        scale = limits.scale
        pixels = width * height * scale * scale
        reduced = pixels > limits.max_page_pixels
        if reduced:
            scale *= (limits.max_page_pixels / pixels) ** 0.5
        w, h = max(1, int(width * scale)), max(1, int(height * scale))
        bitmap = pdfium.PdfBitmap.new_native(w, h, raw.FPDFBitmap_BGRx)
        raw.FPDFBitmap_FillRect(bitmap.raw, 0, 0, w, h, 0xFFFFFFFF)
        pause = raw.IFSDK_PAUSE()
        pause.version = 1
        callback = type(pause.NeedToPauseNow)(lambda _this: int(time.monotonic() > deadline))
        pause.NeedToPauseNow = callback
        status = raw.FPDF_RenderPageBitmap_Start(bitmap.raw, page.raw, 0, 0, w, h, 0,
                                                 raw.FPDF_ANNOT, ctypes.byref(pause))
        while status == raw.FPDF_RENDER_TOBECONTINUED and time.monotonic() <= deadline:
            status = raw.FPDF_RenderPage_Continue(page.raw, ctypes.byref(pause))
        raw.FPDF_RenderPage_Close(page.raw)
        if status != raw.FPDF_RENDER_DONE:
            return None, reduced
        buffer = io.BytesIO()
        bitmap.to_pil().convert("RGB").save(buffer, "PNG", optimize=False)
        return buffer.getvalue(), reduced
    finally:
        page.close()


# ------------------------------------------------------------------------------ images


def _image(content: bytes, suffix: str, limits: PreviewLimits) -> Preview:
    import warnings

    from PIL import Image

    def opened():
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(content))

    try:
        image = opened()
        width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _fail("image_too_large", suffix, limit=limits.max_image_pixels)
    except Exception:  # noqa: BLE001 - Pillow raises many kinds on a damaged file
        return _fail("image_unreadable", suffix)
    if width * height > limits.max_image_pixels:
        return _fail("image_too_large", suffix, width=width, height=height,
                     pixels=width * height, limit=limits.max_image_pixels)
    try:
        image.verify()
        image = opened()
        image.draft("RGB", (limits.image_side, limits.image_side))
        image.load()
        out = Preview(kind="image", suffix=suffix)
        if max(width, height) > limits.image_side:
            image.thumbnail((limits.image_side, limits.image_side))
            out.notices.append(PreviewMessage(code="image_reduced",
                                              params={"width": width, "height": height}))
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
    except Exception:  # noqa: BLE001
        return _fail("image_unreadable", suffix)
    out.pages.append(buffer.getvalue())
    return out


# ------------------------------------------------------------------------------ text and CSV


def _decode(content: bytes) -> str | None:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _clip(text: str, limits: PreviewLimits, out: Preview) -> str:
    if len(text) <= limits.max_chars:
        return text
    out.notices.append(PreviewMessage(code="text_truncated",
                                      params={"shown": limits.max_chars, "total": len(text)}))
    return text[:limits.max_chars]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(name: str | None, rows, limits: PreviewLimits, out: Preview) -> PreviewTable:
    """A table from an iterator of rows, cut to the limits.  Empty rows are left out; the
    header is the first row about as wide as the widest near the top (a sheet often opens with
    a title and a few lines above its table: those become :attr:`PreviewTable.above`); rows are
    counted up to :attr:`PreviewLimits.count_rows` to say how many were not shown."""
    kept: list[list[str]] = []
    widest = seen = 0
    for row in rows:
        cells = [_cell(v) for v in row]
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            continue
        seen += 1
        widest = max(widest, len(cells))
        if len(kept) <= limits.max_rows + limits.header_search:
            kept.append(cells[:limits.max_columns])
        if seen >= limits.count_rows:
            break
    filled = [sum(1 for c in r if c) for r in kept[:limits.header_search + 1]]
    enough = max(2, max(filled, default=0) - 1)  # a header may leave a cell empty
    at = next((i for i, n in enumerate(filled) if n >= enough), 0)
    above = [" ".join(c for c in r if c) for r in kept[:at]]
    header, body = (kept[at], kept[at + 1:at + 1 + limits.max_rows]) if kept else ([], [])
    width = min(max([len(header)] + [len(r) for r in body] + [0]), limits.max_columns)
    columns = [header[i] if i < len(header) and header[i] else f"({i + 1})"
               for i in range(width)]
    total = seen - at - 1
    if total > len(body):
        out.notices.append(PreviewMessage(code="rows_truncated", params={
            "table": name or "", "shown": len(body),
            "total": total if seen < limits.count_rows else None}))
    if widest > limits.max_columns:
        out.notices.append(PreviewMessage(code="columns_truncated", params={
            "table": name or "", "shown": limits.max_columns, "total": widest}))
    return PreviewTable(name=name, above=above, columns=columns,
                        rows=[r + [""] * (width - len(r)) for r in body])


def _text(content: bytes, suffix: str, limits: PreviewLimits) -> Preview:
    text = _decode(content)
    if text is None:
        return _fail("text_unreadable", suffix)
    out = Preview(kind="text" if _TEXT_TYPES[suffix] == "text" else "tables", suffix=suffix)
    if out.kind == "text":
        out.text = _clip(text, limits, out)
        return out
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if suffix == "tsv" else csv.excel
    lines = text.splitlines()
    rows = csv.reader(lines, dialect)
    out.tables.append(_table(None, rows, limits, out))
    return out


# ------------------------------------------------------------------------------ office files


def _zipped(content: bytes, suffix: str, limits: PreviewLimits) -> Preview:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return _fail("archive_unreadable", suffix)
    unpacked = sum(i.file_size for i in infos)
    if unpacked > limits.max_unpacked_bytes:
        return _fail("archive_too_large", suffix, size=unpacked,
                     limit=limits.max_unpacked_bytes)
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")) and \
                info.file_size > limits.max_xml_bytes:
            return _fail("archive_too_large", suffix, size=info.file_size,
                         limit=limits.max_xml_bytes)
        if info.file_size > 1_000_000 and info.file_size > limits.max_ratio * max(
                1, info.compress_size):
            return _fail("archive_bomb", suffix,
                         ratio=round(info.file_size / max(1, info.compress_size)),
                         limit=limits.max_ratio)
    try:
        if suffix == "docx":
            return _docx(content, limits)
        if suffix == "xlsx":
            return _xlsx(content, limits)
        if suffix == "pptx":
            return _pptx(archive, limits)
        return _odf(archive, suffix, limits)
    except ImportError:
        raise
    except Exception:  # noqa: BLE001 - each reader raises its own kinds on a damaged file
        return _fail("document_unreadable", suffix)


def _docx(content: bytes, limits: PreviewLimits) -> Preview:
    import docx

    document = docx.Document(io.BytesIO(content))
    out = Preview(kind="text", suffix="docx")
    paragraphs = [p.text for p in document.paragraphs]
    out.text = _clip("\n".join(paragraphs).strip(), limits, out)
    for n, table in enumerate(document.tables[:limits.max_sheets], 1):
        rows = ([cell.text for cell in row.cells] for row in table.rows)
        out.tables.append(_table(f"{n}", rows, limits, out))
    return out


def _xlsx(content: bytes, limits: PreviewLimits) -> Preview:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        out = Preview(kind="tables", suffix="xlsx")
        sheets = book.worksheets
        for sheet in sheets[:limits.max_sheets]:
            rows = sheet.iter_rows(max_col=limits.max_columns + 1, values_only=True)
            out.tables.append(_table(sheet.title, rows, limits, out))
        if len(sheets) > limits.max_sheets:
            out.notices.append(PreviewMessage(code="sheets_truncated", params={
                "shown": limits.max_sheets, "total": len(sheets)}))
        return out
    finally:
        book.close()


_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    """A part of an office document, parsed; a document type declaration (which no office
    part has, and which entity tricks need) is refused."""
    data = archive.read(name)
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise ValueError(f"{name} declares a document type")
    return ElementTree.fromstring(data)


def _pptx(archive: zipfile.ZipFile, limits: PreviewLimits) -> Preview:
    slides = sorted((n for n in archive.namelist()
                     if n.startswith("ppt/slides/slide") and n.endswith(".xml")),
                    key=lambda n: int("".join(c for c in n if c.isdigit()) or 0))
    out = Preview(kind="text", suffix="pptx")
    parts = []
    for n, name in enumerate(slides, 1):
        root = _xml(archive, name)
        lines = [t.text or "" for t in root.iter(f"{{{_NS['a']}}}t")]
        parts.append(f"— {n} —\n" + "\n".join(x for x in lines if x.strip()))
        if sum(len(p) for p in parts) > limits.max_chars:
            break
    out.text = _clip("\n\n".join(parts), limits, out)
    return out


def _odf_text(element: ElementTree.Element) -> str:
    """The text of an OpenDocument paragraph, with its spaces, tabs and line breaks."""
    out = [element.text or ""]
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "s":
            out.append(" " * int(child.get(f"{{{_NS['text']}}}c", "1") or 1))
        elif tag == "tab":
            out.append("\t")
        elif tag == "line-break":
            out.append("\n")
        else:
            out.append(_odf_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _odf(archive: zipfile.ZipFile, suffix: str, limits: PreviewLimits) -> Preview:
    root = _xml(archive, "content.xml")
    text_ns, table_ns = _NS["text"], _NS["table"]
    if suffix == "ods":
        out = Preview(kind="tables", suffix="ods")
        sheets = list(root.iter(f"{{{table_ns}}}table"))
        for sheet in sheets[:limits.max_sheets]:
            out.tables.append(_table(sheet.get(f"{{{table_ns}}}name"),
                                     _ods_rows(sheet, limits), limits, out))
        if len(sheets) > limits.max_sheets:
            out.notices.append(PreviewMessage(code="sheets_truncated", params={
                "shown": limits.max_sheets, "total": len(sheets)}))
        return out
    out = Preview(kind="text", suffix=suffix)
    paragraphs = [_odf_text(p) for p in root.iter()
                  if p.tag in (f"{{{text_ns}}}p", f"{{{text_ns}}}h")]
    out.text = _clip("\n".join(paragraphs).strip(), limits, out)
    return out


def _ods_rows(sheet: ElementTree.Element, limits: PreviewLimits):
    """A sheet's rows without the empty ones, repeated rows and cells expanded only as far
    as the limits show (an empty row repeated a million times is how a sheet often ends)."""
    table_ns = _NS["table"]
    for row in sheet.iter(f"{{{table_ns}}}table-row"):
        cells: list[str] = []
        for cell in row:
            if cell.tag.rsplit("}", 1)[-1] not in ("table-cell", "covered-table-cell"):
                continue
            repeat = int(cell.get(f"{{{table_ns}}}number-columns-repeated", "1") or 1)
            value = "\n".join(_odf_text(p) for p in cell.iter(f"{{{_NS['text']}}}p"))
            cells += [value] * min(repeat, limits.max_columns + 1 - len(cells))
            if len(cells) > limits.max_columns:
                break
        if not any(cells):
            continue
        repeat = int(row.get(f"{{{table_ns}}}number-rows-repeated", "1") or 1)
        for _ in range(min(repeat, limits.max_rows + 2)):
            yield cells
