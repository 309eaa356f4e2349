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


# --- hostile existing comments, well-formed output, reproducible bytes (issue 11, item 9) ---------------

ENTITY_DTD = '<!DOCTYPE w:comments [<!ENTITY org "青山县示例局"><!ENTITY ext SYSTEM "file:///etc/hostname">]>'


def _with_existing_comments(tmp_path, comment_ids=("0",), dangling=()) -> Path:
    """The report with comments already in it, written the odd ways a hand-edited or third-party .docx has:
    entity references declared in a DOCTYPE (and an external one), character references, CDATA, a
    processing instruction, an XML comment, an id that is no number, and marks left by a deleted comment."""
    import docx

    base = io.BytesIO(to_docx_bytes(defective_with_table_error()))
    document = docx.Document(base)
    for _ in comment_ids:
        document.add_comment(document.paragraphs[2].runs, text="PLACEHOLDER", author="编辑甲", initials="J")
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/comments.xml":
                text = data.decode("utf-8")
                head, rest = text.split("?>", 1)
                text = f"{head}?>\n{ENTITY_DTD}\n<!-- 编辑留言 -->{rest}"
                text = text.replace("PLACEHOLDER", "请&org;核对&ext;&#x4E00;&amp;<![CDATA[<b>]]><?pi x?>")
                for i, cid in enumerate(comment_ids):
                    text = text.replace(f'w:id="{i}"', f'w:id="{cid}"', 1)
                data = text.encode("utf-8")
            elif info.filename == "word/document.xml":
                head, rest = data.decode("utf-8").split("?>", 1)
                text = f'{head}?>\n<!DOCTYPE w:document [<!ENTITY org "青山县示例局">]>{rest}'
                text = text.replace("统计期限", "统计&org;期限", 1)
                for i, cid in enumerate(comment_ids):
                    text = text.replace(f'w:id="{i}"', f'w:id="{cid}"')
                marks = "".join(f'<w:commentRangeStart w:id="{d}"/><w:commentRangeEnd w:id="{d}"/>' for d in dangling)
                text = text.replace("<w:body>", f"<w:body><w:p>{marks}</w:p>", 1) if marks else text
                data = text.encode("utf-8")
            target.writestr(info, data)
    path = tmp_path / "commented.docx"
    path.write_bytes(out.getvalue())
    return path


def _xml_parts(path: Path) -> dict[str, etree._Element]:
    """Every XML part, parsed by lxml as Word would read it (no DTD loading, no network): raises if one is ill-formed."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    with zipfile.ZipFile(path) as z:
        return {n: etree.fromstring(z.read(n), parser) for n in z.namelist() if n.endswith((".xml", ".rels"))}


@pytest.mark.parametrize("ids,dangling", [(("0",), ()), (("7", "x1"), ("8", "9"))])
def test_existing_odd_comments_give_well_formed_output_with_unique_ids(tmp_path, ids, dangling):
    src = _with_existing_comments(tmp_path, ids, dangling)
    before = sha(src)
    out = tmp_path / "out.docx"
    result = run("annotate", src, "-o", out)
    assert result.exit_code == 1, result.stderr
    assert sha(src) == before
    parts = _xml_parts(out)  # every part well-formed
    notes = list(parts["word/comments.xml"].iter(W + "comment"))
    comment_ids = [c.get(W + "id") for c in notes]
    assert len(comment_ids) == len(set(comment_ids)) == len(ids) + len(findings_for(src))
    assert comment_ids[:len(ids)] == list(ids)  # the existing comments are kept as they were
    assert not set(comment_ids) & set(dangling)  # nor does a new comment take the id of a leftover mark
    assert not list(parts["word/comments.xml"].iter(etree.Entity))
    assert _text(notes[0]) == "请青山县示例局核对一&<b>"  # declared text kept, the external entity not fetched
    assert "统计青山县示例局期限" in _text(parts["word/document.xml"])
    body_ids = [m.get(W + "id") for m in parts["word/document.xml"].iter(W + "commentRangeStart")]
    assert set(comment_ids) <= set(body_ids)


def _member_dates(path: Path) -> set:
    with zipfile.ZipFile(path) as z:
        return {info.date_time for info in z.infolist()}


def test_source_date_epoch_makes_the_output_reproducible(report, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01 00:00:00 UTC
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run("annotate", report, "-o", first).exit_code == 1
    import time

    time.sleep(2.1)  # zip dates have a resolution of two seconds
    assert run("annotate", report, "-o", second).exit_code == 1
    assert first.read_bytes() == second.read_bytes()
    assert _member_dates(first) == {(2025, 1, 1, 0, 0, 0)}
    dates = {c.get(W + "date") for c in _xml_parts(first)["word/comments.xml"].iter(W + "comment")}
    assert dates == {"2025-01-01T00:00:00Z"}


def test_without_source_date_epoch_comments_carry_today(report, tmp_path, monkeypatch):
    import datetime as dt

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "out.docx"
    run("annotate", report, "-o", out)
    dates = {c.get(W + "date") for c in _xml_parts(out)["word/comments.xml"].iter(W + "comment")}
    assert len(dates) == 1
    stamped = dt.datetime.strptime(dates.pop(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    assert abs((dt.datetime.now(dt.timezone.utc) - stamped).total_seconds()) < 600


@pytest.mark.parametrize("value", ["yesterday", "1e9", "99999999999999999999"])
def test_bad_source_date_epoch_is_one_line(report, tmp_path, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    out = tmp_path / "out.docx"
    result = run("annotate", report, "-o", out)
    assert result.exit_code == 2 and not out.exists()
    assert stderr_lines(result) == [stderr_lines(result)[0]]
    assert stderr_lines(result)[0].startswith(f"SOURCE_DATE_EPOCH: error: '{value}' 不是自 1970-01-01 起的秒数")
