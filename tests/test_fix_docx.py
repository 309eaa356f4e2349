"""ogi-check fix on Word reports: safe fixes as tracked changes with comments, well-formed, reversible, reproducible."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from checker.readers.docx import read_docx
from tests.support import pdfs
from tests.support.convert import to_docx_bytes
from tests.support.tracked import accept_all, reject_all, revisions
from tests.test_annotate import comments
from tests.test_cli import ROOT, json_findings, run, stderr_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REPORTS = ROOT / "fixtures" / "reports"
DEFECTIVE = REPORTS / "defective_2021_department.txt"
SAMPLE = ROOT / "examples" / "sample_report_2023.docx"
SAFE_CODES = {"N001", "N002", "N003", "F001", "Y001", "P002"}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rendition(data: bytes) -> list[str]:
    return read_docx("x.docx", data).lines


def findings_of(data: bytes, tmp_path: Path, name: str, *args) -> list[dict]:
    path = tmp_path / name
    path.write_bytes(data)
    return json_findings(run("check", "--format", "json", *args, path))


@pytest.fixture
def defective(tmp_path) -> Path:
    path = tmp_path / "report.docx"
    path.write_bytes(to_docx_bytes(DEFECTIVE.read_text(encoding="utf-8")))
    return path


def fix(path: Path, out: Path, *args):
    result = run("fix", path, "-o", out, *args)
    assert result.exit_code in (0, 1), result.stderr
    return result


def test_safe_fixes_become_tracked_changes_with_comments(defective, tmp_path):
    before = sha(defective)
    out = tmp_path / "report.fixed.docx"
    result = fix(defective, out)
    assert result.exit_code == 1  # errors are left (T020, A002 …): exit as `check` on what is left
    assert sha(defective) == before  # the input is never written
    changes = revisions(out.read_bytes())
    assert {(c["tag"], c["text"]) for c in changes} == {("del", "（4）"), ("ins", "（四）"), ("del", "2023"), ("ins", "2024"),
                                                        ("del", "2022年1月1日起至2022年12月31日"),
                                                        ("ins", "2023年1月1日起至2023年12月31日")}
    assert {c["author"] for c in changes} == {"ogi-check"}
    assert all(c["date"] for c in changes)
    assert len({c["id"] for c in changes}) == len(changes)
    notes = comments(out)
    tracked = [n for n in notes if n["text"].startswith(("N002 ", "Y001 ", "P002 "))]
    assert {n["text"].split()[0] for n in tracked} == {"N002", "Y001", "P002"}
    assert next(n for n in tracked if n["text"].startswith("N002"))["anchor"] == "（四）政府信息公开平台建设"
    with zipfile.ZipFile(out) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    for start in body.iter(W + "commentRangeStart"):  # a comment on a change spans exactly the change
        if start.getnext() is not None and start.getnext().tag == W + "del":
            end = start.getnext().getnext().getnext()
            assert end.tag == W + "commentRangeEnd" and end.get(W + "id") == start.get(W + "id")
    assert all("（依据：" in n["text"] for n in notes)
    # The unfixed findings are comments, as annotate writes them: one each.
    left = findings_of(out.read_bytes(), tmp_path, "again.docx")
    assert len(notes) == len(tracked) + len(left)
    assert "已写成修订 3 个" in result.stdout and f"剩余 {len(left)} 个" in result.stdout
    assert "其中 2 个有修改建议" in result.stdout  # T011/T012 name the cell's right value: a suggestion only


def test_output_is_well_formed_and_opens_in_python_docx(defective, tmp_path):
    import docx

    out = tmp_path / "fixed.docx"
    fix(defective, out, "--unsafe-fixes")
    docx.Document(str(out))
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))  # raises on a malformed part
        ids = [c.get(W + "id") for c in etree.fromstring(z.read("word/comments.xml")).iter(W + "comment")]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_accepting_gives_the_fixed_text_and_rejecting_the_original(defective, tmp_path, unsafe):
    args = ["--unsafe-fixes"] if unsafe else []
    out = tmp_path / "fixed.docx"
    fix(defective, out, *args)
    data = out.read_bytes()
    original = rendition(defective.read_bytes())
    assert rendition(reject_all(data)) == original
    # The text report fixed the same way, laid out as Word by the same converter: the accepted text.
    fixed_txt = tmp_path / "fixed.txt"
    run("fix", DEFECTIVE, "-o", fixed_txt, *args)
    accepted = accept_all(data)
    assert rendition(accepted) == rendition(to_docx_bytes(fixed_txt.read_text(encoding="utf-8")))
    assert rendition(accepted) != original
    fixed_codes = SAFE_CODES | ({"T011", "T012"} if unsafe else set())
    before = findings_of(defective.read_bytes(), tmp_path, "before.docx")
    after = findings_of(accepted, tmp_path, "accepted.docx")
    assert {f["code"] for f in before} & fixed_codes  # there was something to fix
    assert not {f["code"] for f in after} & fixed_codes  # and no fixed finding is left
    assert {(f["code"], f["line"]) for f in after} <= {(f["code"], f["line"]) for f in before}  # none new


@pytest.mark.parametrize("name", sorted(p.stem for p in REPORTS.glob("*.txt")))
def test_every_fixture_report_as_word(name, tmp_path):
    """Each fixture report laid out as Word: accepted, no fixed finding is left and none is new; rejected, the
    original text; the text report fixed the same way reads as the accepted copy."""
    from checker.fixes.fixer import fix_file
    from checker.run import Checker

    text = (REPORTS / f"{name}.txt").read_text(encoding="utf-8")
    path = tmp_path / f"{name}.docx"
    path.write_bytes(to_docx_bytes(text))
    checker = Checker()
    fixed = fix_file(checker, str(path), unsafe=True)
    assert fixed.unfixed == [] and fixed.new == []
    assert rendition(reject_all(fixed.data)) == rendition(path.read_bytes())
    as_text = fix_file(checker, str(REPORTS / f"{name}.txt"), unsafe=True)
    assert rendition(accept_all(fixed.data)) == rendition(to_docx_bytes(as_text.after))
    assert len(fixed.made) == len(as_text.made)


def test_fixing_the_fixed_copy_changes_nothing(defective, tmp_path):
    out = tmp_path / "fixed.docx"
    fix(defective, out)
    again = tmp_path / "again.docx"
    result = fix(out, again)
    assert "已写成修订 0 个" in result.stdout
    assert len(revisions(again.read_bytes())) == len(revisions(out.read_bytes()))  # the first run's, no more


def _split_run_report() -> bytes:
    """A report whose wrong heading number is split over two formatted runs, before the heading's text."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.add_paragraph("青禾市水利局2023年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况")
    for token in ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理"):
        document.add_paragraph(token)
    p = document.add_paragraph()
    first = p.add_run("（")
    first.bold = True
    second = p.add_run("4）")
    second.bold, second.italic = True, True
    second.font.size = Pt(16)
    p.add_run("政府信息公开平台建设")
    document.add_paragraph("（五）监督保障")
    document.add_paragraph("五、存在的主要问题及改进情况")
    q = document.add_paragraph()
    q.add_run("针对上述问题，2023年本局将加强政策解读。").font.size = Pt(15)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_change_inside_runs_splits_them_and_keeps_their_formatting(tmp_path):
    path = tmp_path / "runs.docx"
    path.write_bytes(_split_run_report())
    out = tmp_path / "runs.fixed.docx"
    fix(path, out)
    with zipfile.ZipFile(out) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    heading = next(p for p in body.iter(W + "p") if "平台建设" in "".join(t.text or "" for t in p.iter(W + "t")))
    deleted = heading.find(W + "del")
    runs = deleted.findall(W + "r")
    assert ["".join(t.text for t in r.iter(W + "delText")) for r in runs] == ["（", "4）"]
    assert runs[0].find(f"{W}rPr/{W}b") is not None
    assert runs[1].find(f"{W}rPr/{W}i") is not None and runs[1].find(f"{W}rPr/{W}sz").get(W + "val") == "32"
    inserted = heading.find(W + "ins")
    assert "".join(t.text for t in inserted.iter(W + "t")) == "（四）"
    assert inserted.find(f"{W}r/{W}rPr/{W}b") is not None  # the new text in the formatting of the old
    plain = [r for r in heading.findall(W + "r") if "平台建设" in "".join(t.text or "" for t in r.iter(W + "t"))]
    assert len(plain) == 1 and plain[0].find(W + "rPr") is None  # the rest of the paragraph as it was
    # The year in the middle of a run: the run is cut in three, each piece keeping its size.
    plan = next(p for p in body.iter(W + "p") if "本局将" in "".join(t.text or "" for t in p.iter(W + "t")))
    pieces = [(etree.QName(r.getparent()).localname, "".join(t.text or "" for t in r.iter(W + "t", W + "delText")),
               r.find(f"{W}rPr/{W}sz").get(W + "val")) for r in plan.iter(W + "r") if r.find(f"{W}rPr/{W}sz") is not None]
    assert pieces == [("p", "针对上述问题，", "30"), ("del", "2023", "30"), ("ins", "2024", "30"),
                      ("p", "年本局将加强政策解读。", "30")]
    assert rendition(accept_all(out.read_bytes()))[5] == "（四）政府信息公开平台建设"
    assert rendition(reject_all(out.read_bytes())) == rendition(path.read_bytes())


def _without_comment_marks(body):
    for el in list(body.iter(W + "commentRangeStart", W + "commentRangeEnd")):
        el.getparent().remove(el)
    for ref in list(body.iter(W + "commentReference")):
        ref.getparent().getparent().remove(ref.getparent())
    return body


def test_paragraphs_without_a_change_are_not_rewritten(defective, tmp_path):
    out = tmp_path / "fixed.docx"
    fix(defective, out, "--unsafe-fixes")
    trees = []
    for path in (defective, out):
        with zipfile.ZipFile(path) as z:
            trees.append(_without_comment_marks(etree.fromstring(z.read("word/document.xml"))))
    before, after = ([etree.tostring(p) for p in tree.iter(W + "p")] for tree in trees)
    assert len(before) == len(after)
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(changed) == 4  # the period, the heading, the plans, and the paragraph of the table cell
    assert all(b"<w:ins " in after[i] for i in changed)


def test_a_change_inside_a_hyperlink(tmp_path):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(_split_run_report()))
    plan = next(p for p in document.paragraphs if "本局将" in p.text)
    link = OxmlElement("w:hyperlink", {qn("w:anchor"): "plans"})
    run = plan.runs[0]._r
    run.addprevious(link)
    link.append(run)
    path = tmp_path / "link.docx"
    document.save(str(path))
    out = tmp_path / "link.fixed.docx"
    fix(path, out, "--select", "Y001")
    with zipfile.ZipFile(out) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    link = next(_without_comment_marks(body).iter(W + "hyperlink"))
    assert [etree.QName(c).localname for c in link] == ["r", "del", "ins", "r"]
    assert rendition(accept_all(out.read_bytes()))[-1] == "针对上述问题，2024年本局将加强政策解读。"


def test_a_change_that_cannot_be_placed_stays_a_comment(tmp_path):
    """A line break inside the paragraph (the reader joins its lines) and text inside another author's
    revision: the characters cannot be placed one to one, so no change is written and the finding is a comment."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(_split_run_report()))
    heading = next(p for p in document.paragraphs if "平台建设" in p.text)
    heading.runs[-1].add_break()
    heading.add_run("（续）")
    plan = next(p for p in document.paragraphs if "本局将" in p.text)
    ins = OxmlElement("w:ins", {qn("w:id"): "900", qn("w:author"): "编辑", qn("w:date"): "2024-01-05T00:00:00Z"})
    run = plan.runs[0]._r
    run.addprevious(ins)
    ins.append(run)
    path = tmp_path / "odd.docx"
    document.save(str(path))
    out = tmp_path / "odd.fixed.docx"
    result = fix(path, out, "--select", "N002,Y001")
    assert "已写成修订 0 个" in result.stdout and result.stderr == ""
    assert [c for c in revisions(out.read_bytes()) if c["author"] == "ogi-check"] == []
    assert {n["text"].split()[0] for n in comments(out)} >= {"N002", "Y001"}


def test_source_date_epoch_makes_the_output_reproducible(defective, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    one, two = tmp_path / "one.docx", tmp_path / "two.docx"
    fix(defective, one)
    fix(defective, two)
    assert one.read_bytes() == two.read_bytes()
    assert {c["date"] for c in revisions(one.read_bytes())} == {"2023-11-14T22:13:20Z"}
    with zipfile.ZipFile(one) as z:
        notes = etree.fromstring(z.read("word/comments.xml"))
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    tracked_notes = [c for c in notes.iter(W + "comment") if "".join(t.text or "" for t in c.iter(W + "t")).startswith("N002")]
    assert tracked_notes and tracked_notes[0].get(W + "date").startswith("2023-11-14T22:13:20")


def test_the_sample_report_round_trips(tmp_path):
    out = tmp_path / "sample.fixed.docx"
    result = fix(SAMPLE, out, "--unsafe-fixes")
    assert "已写成修订 5 个" in result.stdout  # P002, N002, Y001, and T011 and T012 of one table cell
    data = out.read_bytes()
    assert sorted(c["text"] for c in revisions(data)) == sorted(["（4）", "（四）", "2023", "2024", "4", "3",
                                                                 "2022年1月1日起至2022年12月31日",
                                                                 "2023年1月1日起至2023年12月31日"])
    assert rendition(reject_all(data)) == rendition(SAMPLE.read_bytes())
    codes = {f["code"] for f in findings_of(accept_all(data), tmp_path, "accepted.docx")}
    assert not codes & {"P002", "N002", "Y001", "T011", "T012"}


def test_libreoffice_converts_the_fixed_copy(defective, tmp_path):
    if pdfs.soffice() is None:
        message = "LibreOffice (soffice) is needed: apt-get install --no-install-recommends libreoffice-writer-nogui"
        if os.environ.get("CI"):
            pytest.fail(f"soffice is missing in CI; {message}")
        pytest.skip(message)
    out = tmp_path / "fixed.docx"
    fix(defective, out, "--unsafe-fixes")
    printed = pdfs.print_pdfs([out], tmp_path / "pdf")  # raises when soffice prints nothing
    assert printed[out].read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("args,why", [
    (["-o", "{input}"], "输出文件不能是原文件"),
    (["--in-place"], "Word 原文件不会被改写"),
    ([], "请用 -o 指定"),
    (["-o", "{dir}/out.txt"], "输出文件应以 .docx 结尾"),
], ids=["same-file", "in-place", "no-output", "not-docx"])
def test_refusals_write_nothing(defective, tmp_path, args, why):
    before = sha(defective)
    listed = sorted(os.listdir(tmp_path))
    result = run("fix", defective, *[a.format(input=defective, dir=tmp_path) for a in args])
    assert result.exit_code == 2
    assert len(stderr_lines(result)) == 1 and why in result.stderr
    assert sha(defective) == before and sorted(os.listdir(tmp_path)) == listed


def test_a_hard_link_to_the_input_is_refused(defective, tmp_path):
    link = tmp_path / "link.docx"
    os.link(defective, link)
    result = run("fix", defective, "-o", link)
    assert result.exit_code == 2 and "会覆盖要读取的文件" in result.stderr


def test_other_kinds_are_refused(tmp_path):
    page = tmp_path / "report.html"
    page.write_text("<p>青禾市水利局2023年政府信息公开工作年度报告</p>", encoding="utf-8")
    result = run("fix", page, "-o", tmp_path / "out.html")
    assert result.exit_code == 2 and "只能修复 .txt、.md 和 .docx" in result.stderr
