"""ogi-check annotate: findings as Word comments at their paragraph or table cell; the input untouched."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from checker.readers.docx import read_docx
from tests.support.convert import to_docx_bytes
from tests.test_cli import ROOT, json_findings, run, stderr_lines, write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DEFECTIVE = ROOT / "fixtures" / "reports" / "defective_2021_department.txt"
CLEAN = ROOT / "fixtures" / "reports" / "clean_2021_department.txt"


def defective_with_table_error() -> str:
    text = DEFECTIVE.read_text(encoding="utf-8")
    changed = text.replace("（七）总计\t29\t6", "（七）总计\t29\t7", 1)  # T010/T011/T012 in table 三's cells
    assert changed != text
    return changed


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "report.docx"
    path.write_bytes(to_docx_bytes(defective_with_table_error()))
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(W + "t"))


def comments(path: Path) -> list[dict]:
    """Each comment of a .docx with its text, author and the text of the paragraph or cell it is anchored on."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/comments.xml")) if "word/comments.xml" in z.namelist() else None
    out = {}
    for c in (notes.iter(W + "comment") if notes is not None else ()):
        out[c.get(W + "id")] = {"text": _text(c), "author": c.get(W + "author")}
    for start in body.iter(W + "commentRangeStart"):
        cid = start.get(W + "id")
        p = start.getparent()
        cell = next(p.iterancestors(W + "tc"), None)
        out[cid]["anchor"] = _text(cell if cell is not None else p)
        out[cid]["in_cell"] = cell is not None
    return [out[k] for k in sorted(out, key=int)]


def findings_for(path: Path, *args) -> list[dict]:
    return json_findings(run("check", "--format", "json", *args, path))


def test_one_comment_per_finding(report, tmp_path):
    before = sha(report)
    out = tmp_path / "report.checked.docx"
    result = run("annotate", report, "-o", out)
    assert result.exit_code == 1, result.stderr  # errors found, as `check` would exit
    assert sha(report) == before  # the input is never written
    found = findings_for(report)
    notes = comments(out)
    assert len(notes) == len(found) >= 10  # seven in the fixture and three in table 三
    for f, note in zip(found, notes):
        assert note["author"] == "ogi-check"
        assert note["text"].startswith(f"{f['code']} {f['message']}（依据：")
        assert note["text"].endswith("）")
    assert f"已把 {len(found)} 个问题写成批注" in result.stdout


def test_comments_are_anchored_at_the_paragraph_or_cell(report, tmp_path):
    out = tmp_path / "out.docx"
    run("annotate", report, "-o", out)
    doc = read_docx(str(report), report.read_bytes())
    found = findings_for(report)
    for f, note in zip(found, comments(out)):
        table = next((b for b in doc.tables() if b.line <= f["line"] <= b.end_line), None)
        if table is not None:  # a finding in a statistical table (T011, T012 …), not one in prose (T020)
            assert note["in_cell"], f
            row = [c for r in table.rows for c in r if c.line == f["line"]]
            cell = max((c for c in row if c.col <= f["column"]), key=lambda c: c.col)
            assert note["anchor"] == cell.text, (f, note)
        else:
            assert not note["in_cell"]
            assert note["anchor"] == doc.line_text(f["line"]), (f, note)


def test_python_docx_reads_the_comments_back(report, tmp_path):
    import docx

    out = tmp_path / "out.docx"
    run("annotate", report, "-o", out)
    document = docx.Document(str(out))
    texts = [c.text for c in document.comments]
    assert len(texts) == len(findings_for(report))
    assert all(c.author == "ogi-check" for c in document.comments)
    # The annotated copy still reads as the same report.
    again = read_docx(str(out), out.read_bytes())
    assert again.lines == read_docx(str(report), report.read_bytes()).lines


def test_clean_report_gets_no_comments(tmp_path):
    src = tmp_path / "clean.docx"
    src.write_bytes(to_docx_bytes(CLEAN.read_text(encoding="utf-8")))
    out = tmp_path / "clean.checked.docx"
    result = run("annotate", src, "-o", out)
    assert result.exit_code == 0
    assert comments(out) == []


def test_check_options_apply(report, tmp_path):
    out = tmp_path / "out.docx"
    result = run("annotate", report, "-o", out, "--select", "P,C", "--ignore", "C003", "--lang", "en")
    notes = comments(out)
    assert [n["text"].split()[0] for n in notes] == ["P002"]
    assert "(Basis: " in notes[0]["text"]
    assert "Wrote 1 findings" in result.stdout


def test_config_file_applies(report, tmp_path):
    write(tmp_path / ".ogi-check.yaml", "ignore: [T, A]\nfail-on: warning\n")
    out = tmp_path / "out.docx"
    run("annotate", report, "-o", out)
    assert {"P002", "C003", "N002", "Y001", "Y002"} <= {n["text"].split()[0] for n in comments(out)}
    assert not [n for n in comments(out) if n["text"][0] in "TA"]


def test_output_must_differ_from_input(report):
    before = sha(report)
    result = run("annotate", report, "-o", report)
    assert result.exit_code == 2 and len(stderr_lines(result)) == 1
    assert sha(report) == before


def test_output_is_required(report):
    assert run("annotate", report).exit_code == 2


@pytest.mark.parametrize("name", ["report.txt", "report.md", "report.html", "report.doc"])
def test_non_docx_input_is_one_line_exit_2(tmp_path, name):
    src = write(tmp_path / name, DEFECTIVE.read_text(encoding="utf-8"))
    out = tmp_path / "out.docx"
    result = run("annotate", src, "-o", out)
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith(f"{src}: error: ")
    assert not out.exists()


def test_broken_docx_is_one_line_exit_2(tmp_path):
    src = tmp_path / "broken.docx"
    src.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("annotate", src, "-o", tmp_path / "out.docx")
    assert result.exit_code == 2 and len(stderr_lines(result)) == 1


def test_output_must_be_docx(report, tmp_path):
    result = run("annotate", report, "-o", tmp_path / "out.txt")
    assert result.exit_code == 2 and len(stderr_lines(result)) == 1


def test_the_sample_report(tmp_path):
    sample = ROOT / "examples" / "sample_report_2023.docx"
    before = sha(sample)
    out = tmp_path / "sample.checked.docx"
    run("annotate", sample, "-o", out)
    assert sha(sample) == before
    notes = comments(out)
    assert len(notes) == len(findings_for(sample)) > 0
    doc = read_docx(str(sample), sample.read_bytes())
    for f, note in zip(findings_for(sample), notes):
        if not note["in_cell"]:
            assert note["anchor"] == doc.line_text(f["line"])


def test_merged_cells_anchor_at_the_first_cell(tmp_path):
    """A vertically merged cell repeats its text on the rows below; the comment goes on the real cell."""
    import docx

    document = docx.Document()
    document.add_paragraph("云岭县水利局2023年政府信息公开工作年度报告")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 0).text = "合并"
    table.cell(0, 1).text = "XX"
    table.cell(1, 1).text = "1"
    table.cell(2, 0).text = "末行"
    table.cell(2, 1).text = "2"
    buf = io.BytesIO()
    document.save(buf)
    data = buf.getvalue()
    doc = read_docx("t.docx", data)
    rows = [line for line in doc.anchors if isinstance(doc.anchors[line], list)]
    assert len(rows) == 3
    first, second = doc.anchors[rows[0]], doc.anchors[rows[1]]
    assert first[0] == second[0]  # the merged cell's continuation points at its first cell
    assert first[1] != second[1]
