"""PDFs that look like published reports: a Word-like .docx of a fixture report, printed by LibreOffice.

``word_docx_bytes(text)`` lays a tab-separated plain-text report (fixtures/reports/*.txt, the convention of
tests/support/convert.py) out as government reports are typeset (GB/T 9704: A4, 仿宋 三号 body on a fixed
28 pt line pitch with a two-character first-line indent, 黑体 for 一、 headings, bold for （一）, a two-line
title in 二号 split after 政府信息公开, the signature right-aligned, ``- N -`` centred in the footer), with its
tables ruled, merged as the official layout merges them (textforms.merged_rectangles), in sensible column
widths (a narrow column for the vertical label 三、本年度办理结果, a wide one for the row labels) and
optionally the header rows of table 三 repeated on every page. Noto CJK fonts stand in for 仿宋, 黑体 and
方正小标宋 (fonts-noto-cjk is all CI installs).

``print_pdfs`` prints many .docx to PDF in one headless LibreOffice call with a private profile;
``image_only_pdf`` makes a "scan" (the pages as pictures, no text layer); ``encrypt`` uses qpdf.

``python -m tests.support.pdfs --compare`` measures pdfplumber against pypdfium2 on the fixture PDFs (cells
read right, ms per page), the figures docs/pdf.md records.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Optional

from tests.support import convert
from tests.support.textforms import merged_rectangles

BODY_FONT = "Noto Serif CJK SC"  # 仿宋_GB2312
HEADING_FONT = "Noto Sans CJK SC"  # 黑体
TITLE_SPLIT = "政府信息公开"


def _twips(cm: float) -> int:
    return round(cm / 2.54 * 1440)


def _fonts(rpr, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _style(document, name: str, font: str, size: float, bold: bool = False, indent: bool = True) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    style = document.styles[name]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.first_line_indent = Pt(2 * size) if indent else Pt(0)
    fmt.keep_with_next = name != "Normal"


def _field(paragraph, instruction: str) -> None:
    """A field (PAGE) as Word writes it: begin, instruction, separate, a cached result, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            run.text = text


def _page_setup(document, running_header: Optional[str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.header_distance, section.footer_distance = Cm(1.5), Cm(2.0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    footer.add_run("- ")
    _field(footer, "PAGE")
    footer.add_run(" -")
    for run in footer.runs:
        run.font.size = Pt(14)
    if running_header:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        header.paragraph_format.first_line_indent = Pt(0)
        header.add_run(running_header).font.size = Pt(10.5)


# Column widths (cm) by the number of columns of a fixture table; the text block is 15.6 cm wide.
_WIDTHS = {
    9: [1.5, 5.3] + [1.25] * 7,  # table 三: group label, row label, seven applicant columns
    15: [1.04] * 15,  # table 四
    4: [5.1, 3.5, 3.5, 3.5],  # table 二, part （一）
    2: [7.8, 7.8],  # table 二, parts （五）（六）（八）
    3: [5.6, 5.0, 5.0],  # table 二 (2019 format), parts （八）（九）
}


def _table(document, rows: list[list[str]], repeat_header: bool):
    from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    width = len(rows[0])
    widths = _WIDTHS.get(width, [15.6 / width] * width)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for c, col in enumerate(table.columns):
        col.width = Cm(widths[c])
    for r, c, h, w, text in merged_rectangles(rows):
        cell = table.cell(r, c)
        if h > 1 or w > 1:
            cell = cell.merge(table.cell(r + h - 1, c + w - 1))
        cell.width = Cm(sum(widths[c:c + w]))
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        paragraph = cell.paragraphs[0]
        label = c < 2 and width == 9 and r >= 3 and w == 1  # row labels of table 三 are left-aligned
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if label and c == 1 else WD_ALIGN_PARAGRAPH.CENTER
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.keep_with_next = False
        run = paragraph.add_run(text)
        run.font.size = Pt(10.5)
    for r, tr in enumerate(table.rows):
        trpr = tr._tr.get_or_add_trPr()
        if repeat_header and width == 9 and r < 3:
            trpr.append(OxmlElement("w:tblHeader"))
        cant = OxmlElement("w:cantSplit")
        trpr.append(cant)
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), str(_twips(0.75)))
        trpr.append(height)
    return table


def word_docx_bytes(text: str, repeat_header: bool = False, running_header: Optional[str] = None,
                    title_lines: int = 2) -> bytes:
    """The report as a Word file laid out like a published one (see the module docstring)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    _style(document, "Normal", BODY_FONT, 16)
    _style(document, "Title", BODY_FONT, 22, bold=True, indent=False)
    _style(document, "Heading 1", HEADING_FONT, 16)
    _style(document, "Heading 2", BODY_FONT, 16, bold=True)
    title_fmt = document.styles["Title"].paragraph_format
    title_fmt.line_spacing = Pt(36)
    title_fmt.space_after = Pt(28)
    title_fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.styles["Title"].element.get_or_add_pPr()  # the template's Title has a bottom border: drop it
    for border in document.styles["Title"].element.pPr.findall(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"):
        border.getparent().remove(border)
    _page_setup(document, running_header)
    items = convert.parse(text)
    paragraphs = [i for i, (kind, _) in enumerate(items) if kind == "p"]
    signature = set(paragraphs[-2:])
    styles = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "p": None}
    previous = None
    for i, (kind, value) in enumerate(items):
        if kind == "table":
            if previous == "table":
                document.add_paragraph()  # Word keeps two tables apart only with a paragraph between them
            _table(document, value, repeat_header)
        elif kind == "title" and title_lines == 2 and TITLE_SPLIT in value:
            head, _, tail = value.partition(TITLE_SPLIT)
            paragraph = document.add_paragraph(style="Title")
            paragraph.add_run(head + TITLE_SPLIT)
            paragraph.add_run().add_break()
            paragraph.add_run(tail)
        else:
            paragraph = document.add_paragraph(value, style=styles[kind])
            if i in signature:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.paragraph_format.first_line_indent = Pt(0)
                paragraph.paragraph_format.right_indent = Pt(32)
            elif kind == "p" and i == paragraphs[-2] - 1:
                paragraph.paragraph_format.space_after = Pt(28)
        previous = kind
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# --- printing ------------------------------------------------------------------------------------------

def soffice() -> Optional[str]:
    return shutil.which("soffice") or shutil.which("libreoffice")


def print_pdfs(docx_paths: list[Path], outdir: Path, timeout: float = 600) -> dict[Path, Path]:
    """Print every .docx to PDF in one LibreOffice call (start-up is most of its time) with a private,
    throw-away profile, so runs in parallel do not share one. Returns each .docx's PDF."""
    exe = soffice()
    if exe is None:
        raise FileNotFoundError("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ogi-soffice-") as profile:
        cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_paths)]
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout,
                              env={**os.environ, "HOME": profile})
    out = {p: outdir / (p.stem + ".pdf") for p in docx_paths}
    missing = [str(p) for p, pdf in out.items() if not pdf.is_file()]
    if missing:
        raise RuntimeError(f"soffice printed no PDF for {missing}: {done.stdout.decode(errors='replace')[-800:]}")
    return out


def _docx_digest(data: bytes) -> bytes:
    """A .docx's digest by its members' names and contents: python-docx stamps each zip entry with the time
    of saving, so the same document saved twice has other bytes (and would never find its PDF cached)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            digest.update(name.encode() + b"\0" + hashlib.sha256(archive.read(name)).digest())
    return digest.digest()


def cached_pdfs(jobs: dict[str, bytes], cache_root: Optional[Path] = None) -> dict[str, Path]:
    """``jobs``: stem → .docx bytes. The PDFs, printed once for these exact bytes and this converter, kept
    under the system's temporary folder (another test run on the machine reuses them)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for stem in sorted(jobs):
        digest.update(stem.encode() + b"\0" + _docx_digest(jobs[stem]))
    root = cache_root or Path(tempfile.gettempdir()) / "ogi-check-pdf-cache"
    folder = root / digest.hexdigest()[:20]
    if not all((folder / f"{stem}.pdf").is_file() for stem in jobs):
        work = Path(tempfile.mkdtemp(prefix="ogi-pdf-build-", dir=root if root.is_dir() else None))
        sources = []
        for stem, data in jobs.items():
            (work / f"{stem}.docx").write_bytes(data)
            sources.append(work / f"{stem}.docx")
        print_pdfs(sources, work / "pdf")
        root.mkdir(parents=True, exist_ok=True)
        try:
            (work / "pdf").rename(folder)  # atomic: a reader never sees half a folder
        except OSError:
            if not folder.is_dir():
                raise
        shutil.rmtree(work, ignore_errors=True)
    return {stem: folder / f"{stem}.pdf" for stem in jobs}


# --- broken and unusual PDFs ---------------------------------------------------------------------------

def image_only_pdf(pdf: bytes, pages: int = 2, scale: float = 1.0) -> bytes:
    """A "scanned" report: the first ``pages`` pages of ``pdf`` drawn as grey pictures, no text layer."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(pdf)
    images = []
    try:
        for i in range(min(pages, len(source))):
            page = source[i]
            width, height = page.get_size()
            bitmap = page.render(scale=scale, grayscale=True)
            raw = bytes(bitmap.buffer)
            w, h, stride = bitmap.width, bitmap.height, bitmap.stride
            pixels = b"".join(raw[y * stride: y * stride + w] for y in range(h))
            images.append((width, height, w, h, zlib.compress(pixels)))
    finally:
        source.close()
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for width, height, w, h, data in images:
        image = len(objects) + 1
        objects.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                       b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(data))
                       + data + b"\nendstream")
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (width, height)
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        page = len(objects) + 1
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject "
                       b"<< /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (width, height, image, image + 1))
        kids.append(page)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def text_pdf(lines: list[str], font_size: float = 12) -> bytes:
    """A one-page PDF with ASCII ``lines`` in Helvetica (for the reader's small cases; no CJK)."""
    ops = [b"BT /F1 %.1f Tf %.1f TL 72 760 Td" % (font_size, font_size * 1.5)]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        ops.append(b"(" + safe + b") Tj T*")
    ops.append(b"ET")
    content = b"\n".join(ops)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    return _pdf_file(objects)


def qpdf() -> Optional[str]:
    return shutil.which("qpdf")


def encrypt(source: Path, target: Path, user: str = "secret", owner: str = "owner") -> Path:
    """``source`` encrypted (AES-256) with ``user`` as the password to open it ('' opens without one)."""
    exe = qpdf()
    if exe is None:
        raise FileNotFoundError("qpdf")
    subprocess.run([exe, "--encrypt", user, owner, "256", "--extract=n", "--", str(source), str(target)],
                   check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return target


# --- the library comparison (python -m tests.support.pdfs --compare) ------------------------------------

def plumber_pages(path: Path):
    """The reader's Pages extracted with pdfplumber (pdfminer.six) instead of PDFium: the same layout stage
    then runs on them, so the two libraries are compared on what they extract."""
    import pdfplumber

    from checker.readers.pdf import Char, Font, Page

    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            fonts = []
            chars = []
            for c in page.chars:
                if c["text"].isspace():
                    continue
                fonts.append(Font(round(c["size"], 1), c["fontname"], "Bold" in c["fontname"]))
                chars.append(Char(c["text"], c["x0"], c["top"], c["x1"], c["bottom"], len(fonts) - 1))
            horizontals, verticals = [], []
            for e in page.edges:
                if e["orientation"] == "h":
                    horizontals.append((e["top"], e["x0"], e["x1"]))
                else:
                    verticals.append((e["x0"], e["top"], e["bottom"]))
            yield Page(number, float(page.width), float(page.height), chars, horizontals, verticals,
                       lambda i, fonts=fonts: fonts[i])


def _cells(doc) -> list[list[list[str]]]:
    return [[[c.text for c in row] for row in b.rows] for b in doc.tables()]


def cell_accuracy(reference, tables: list[list[list[str]]]) -> tuple[int, int]:
    """(cells read right, cells of the reference): the rows of all tables in order (a table split by a page
    break may be one grid or two), position by position."""
    got = [row for table in tables for row in table]
    right = total = 0
    for r, row in enumerate(row for table in _cells(reference) for row in table):
        for c, text in enumerate(row):
            total += 1
            right += r < len(got) and c < len(got[r]) and "".join(got[r][c].split()) == "".join(text.split())
    return right, total


def _plumber_own_tables(path: Path) -> list[list[list[str]]]:
    """pdfplumber's own table finder, a merged cell's None filled from the left, then from above, as a
    reader would have to; a table continued on the next page stays two tables, as pdfplumber gives them."""
    import pdfplumber

    out = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                grid = [[(c or "").replace("\n", "") if c is not None else None for c in row] for row in table]
                for r, row in enumerate(grid):
                    for c, cell in enumerate(row):
                        if cell is None:
                            row[c] = row[c - 1] if c and row[c - 1] else (grid[r - 1][c] if r else "")
                out.append(grid)
    return out


def compare_libraries(pdf_docx: dict[str, tuple[Path, Path]], repeat: int = 3) -> list[tuple[str, str, str]]:
    """Rows (way of reading, cells read right, ms per page) over the fixture PDFs, against the .docx tables."""
    import time

    from checker.readers import read_document
    from checker.readers.pdf import _pdfium_pages, document_from_pages

    ways = {
        "pypdfium2 + ogi-check layout": lambda p: document_from_pages(str(p), _pdfium_pages(str(p), p.read_bytes())),
        "pdfplumber + ogi-check layout": lambda p: document_from_pages(str(p), plumber_pages(p)),
    }
    rows = []
    pages = sum(len(list(_pdfium_pages(str(pdf), pdf.read_bytes()))) for pdf, _ in pdf_docx.values())
    for name, read in ways.items():
        right = total = 0
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            docs = {stem: read(pdf) for stem, (pdf, _) in pdf_docx.items()}
            best = min(best, time.perf_counter() - start)
        for stem, (_, docx_path) in pdf_docx.items():
            got = _cells(docs[stem])
            r, t = cell_accuracy(read_document(str(docx_path)), got)
            right, total = right + r, total + t
        rows.append((name, f"{right}/{total} ({100 * right / total:.1f}%)", f"{best * 1000 / pages:.1f}"))
    right = total = 0
    start = time.perf_counter()
    for pdf, docx_path in pdf_docx.values():
        r, t = cell_accuracy(read_document(str(docx_path)), _plumber_own_tables(pdf))
        right, total = right + r, total + t
    elapsed = time.perf_counter() - start
    rows.append(("pdfplumber extract_tables() (its own table finder)", f"{right}/{total} ({100 * right / total:.1f}%)",
                 f"{elapsed * 1000 / pages:.1f}"))
    return rows


def fixture_jobs(folder: Optional[Path] = None) -> dict[str, bytes]:
    """stem → the Word-like .docx of every fixture report, as tests/test_reader_pdf.py prints them."""
    root = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
    jobs = {}
    for source in sorted(root.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        jobs[source.stem] = word_docx_bytes(text, **VARIANTS.get(source.stem, {}))
        jobs[source.stem + ".reference"] = word_docx_bytes(text, title_lines=1, **VARIANTS.get(source.stem, {}))
    return jobs


# Layout variants of some fixtures: table 三 with its header rows repeated on each page, a running header.
VARIANTS: dict[str, dict] = {
    "clean_2021_government": {"repeat_header": True, "running_header": "云岭县人民政府信息公开年报"},
}


def _main() -> None:  # pragma: no cover - a measuring tool
    import argparse

    parser = argparse.ArgumentParser(description="Print the fixture reports to PDF and compare PDF libraries.")
    parser.add_argument("--compare", action="store_true", help="cells read right and ms per page, by library")
    parser.parse_args()
    jobs = {k: v for k, v in fixture_jobs().items() if not k.endswith(".reference")}
    pdfs = cached_pdfs(jobs)
    with tempfile.TemporaryDirectory() as tmp:
        pairs = {}
        for stem, data in fixture_jobs().items():
            if stem.endswith(".reference"):
                path = Path(tmp) / f"{stem}.docx"
                path.write_bytes(data)
                pairs[stem[: -len(".reference")]] = (pdfs[stem[: -len(".reference")]], path)
        print("| way of reading | table cells read right | ms per page |")
        print("|---|---|---|")
        for row in compare_libraries(pairs):
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":  # pragma: no cover
    _main()
