"""Inline suppressions in .txt, .md and .html: reasons required, unused and invalid directives reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.rules import load_rules
from tests.support.reports import check_document
from checker.readers.html import read_html
from checker.readers.markdown import read_md
from checker.readers.plaintext import read_txt
from tests.support import layoutforms
from tests.support.convert import to_html, to_markdown
from tests.test_cli import ROOT, json_findings, run, write

DEFECTIVE = ROOT / "fixtures" / "reports" / "defective_2021_department.txt"
PLACEHOLDER_LINE = "本年度本局共新收政府信息公开申请XX件"  # A002 (line 12)
DEBRIS_LINE = "[bookmark: _GoBack]严格落实"  # A001 (line 16)
RULES = load_rules()


def defective_text() -> str:
    return DEFECTIVE.read_text(encoding="utf-8")


def before(text: str, marker: str, comment: str) -> str:
    """``text`` with the line ``comment`` inserted before the line starting with ``marker``."""
    lines = text.split("\n")
    i = next(n for n, line in enumerate(lines) if line.startswith(marker))
    return "\n".join(lines[:i] + [comment] + lines[i:])


def after(text: str, marker: str, comment: str) -> str:
    lines = text.split("\n")
    i = next(n for n, line in enumerate(lines) if line.startswith(marker))
    return "\n".join(lines[: i + 1] + [comment] + lines[i + 1:])


def check_text(tmp_path: Path, text: str, *args: str, name: str = "r.txt"):
    path = write(tmp_path / name, text)
    result = run("check", "--format", "json", *args, path)
    assert result.exit_code in (0, 1), result.stderr
    return result, json_findings(result)


def codes(findings) -> list[str]:
    return sorted(f["code"] for f in findings)


def unsuppressed(tmp_path: Path) -> list[str]:
    """The codes the defective report gives without any directive (P002 C003 A002 A001 N002 Y001 Y002)."""
    found = codes(check_text(tmp_path, defective_text(), name="plain.txt")[1])
    assert {"P002", "C003", "A002", "A001", "N002", "Y001", "Y002"} <= set(found)
    return found


# --- .txt -----------------------------------------------------------------------------------------

def test_disable_hides_the_finding(tmp_path):
    text = before(defective_text(), PLACEHOLDER_LINE, "<!-- ogi-check: disable=A002 申请数以附表为准，待核定后填写 -->")
    _, found = check_text(tmp_path, text)
    assert codes(found) == [c for c in unsuppressed(tmp_path) if c != "A002"]


def test_directive_line_is_not_report_text(tmp_path):
    # The comment holds a half-width comma and "<!--" debris-like markup: neither is reported, and the
    # line numbers of the other findings are the file's own.
    text = before(defective_text(), PLACEHOLDER_LINE, "<!-- ogi-check: disable=A002,A001 原文如此, 待核 -->")
    _, found = check_text(tmp_path, text)
    assert codes(found) == [c for c in unsuppressed(tmp_path) if c not in ("A001", "A002")]
    assert {f["code"]: f["line"] for f in found}["N002"] == 19  # one line below its place in the fixture


def test_enable_ends_the_range(tmp_path):
    text = before(defective_text(), PLACEHOLDER_LINE, "<!-- ogi-check: disable=A 引用的模板原文 -->")
    text = after(text, PLACEHOLDER_LINE, "<!-- ogi-check: enable=A -->")
    _, found = check_text(tmp_path, text)
    assert "A002" not in codes(found)
    assert "A001" in codes(found)  # after the enable
    assert not [f for f in found if f["code"].startswith("X")]


def test_enable_by_category_ends_a_code(tmp_path):
    text = before(defective_text(), PLACEHOLDER_LINE, "<!-- ogi-check: disable=A002 模板原文 -->")
    text = after(text, PLACEHOLDER_LINE, "<!-- ogi-check: enable=A -->")
    _, found = check_text(tmp_path, text)
    assert "A002" not in codes(found) and "X002" not in codes(found)


def test_disable_runs_to_the_end_without_enable(tmp_path):
    text = before(defective_text(), PLACEHOLDER_LINE, "<!-- ogi-check: disable=A,Y 草稿，待办公室统一修改 -->")
    _, found = check_text(tmp_path, text)
    assert codes(found) == [c for c in unsuppressed(tmp_path) if c[0] not in "AY"]


def test_disable_next_line(tmp_path):
    text = before(defective_text(), DEBRIS_LINE, "<!-- ogi-check: disable-next-line=A001 书签由系统生成，发布时自动去除 -->")
    _, found = check_text(tmp_path, text)
    assert "A001" not in codes(found) and "A002" in codes(found)
    assert not [f for f in found if f["code"].startswith("X")]


def test_unused_suppression_is_reported_as_info(tmp_path):
    clean = (ROOT / "fixtures" / "reports" / "clean_2021_department.txt").read_text(encoding="utf-8")
    text = before(clean, "本报告中所列数据", "<!-- ogi-check: disable=P002,A002 统计口径特殊 -->")
    result, found = check_text(tmp_path, text)
    assert [(f["code"], f["severity"], f["line"]) for f in found] == [("X001", "info", 3), ("X001", "info", 3)]
    assert sorted(f["message"][:11] for f in found) == ["抑制指令中的 A002", "抑制指令中的 P002"]
    assert result.exit_code == 0  # info does not fail the run by default


def test_suppression_of_a_rule_that_did_not_run_is_not_unused(tmp_path):
    clean = (ROOT / "fixtures" / "reports" / "clean_2021_department.txt").read_text(encoding="utf-8")
    text = before(clean, "本报告中所列数据", "<!-- ogi-check: disable=P002 统计口径特殊 -->")
    _, found = check_text(tmp_path, text, "--select", "A,X")
    assert found == []


def test_reasonless_directive_is_not_applied_and_reported(tmp_path):
    text = before(defective_text(), PLACEHOLDER_LINE, "<!-- ogi-check: disable=A002 -->")
    text = after(text, PLACEHOLDER_LINE, "<!-- ogi-check: enable=A002 -->")
    result, found = check_text(tmp_path, text)
    assert "A002" in codes(found)
    bad = [f for f in found if f["code"] == "X002"]
    assert len(bad) == 1 and bad[0]["severity"] == "warning" and bad[0]["line"] == 12
    assert "原因" in bad[0]["message"]
    assert result.exit_code == 1


@pytest.mark.parametrize("comment,variant_word", [
    ("<!-- ogi-check: disable=Z999 模板原文 -->", "Z999"),
    ("<!-- ogi-check: disabel=A002 模板原文 -->", "无法识别"),
    ("<!-- ogi-check: enable=A002 -->", "没有对应的 disable"),
    ("<!-- ogi-check: disable=A002 -- -->", "原因"),
])
def test_invalid_directives(tmp_path, comment, variant_word):
    text = before(defective_text(), PLACEHOLDER_LINE, comment)
    _, found = check_text(tmp_path, text)
    bad = [f for f in found if f["code"] == "X002"]
    assert len(bad) == 1 and variant_word in bad[0]["message"], found
    assert "A002" in codes(found)


def test_unknown_code_beside_a_known_one(tmp_path):
    text = before(defective_text(), PLACEHOLDER_LINE, "<!-- ogi-check: disable=A002,Q12 模板原文 -->")
    _, found = check_text(tmp_path, text)
    assert "A002" not in codes(found)
    assert [f["message"] for f in found if f["code"] == "X002"][0].count("Q12") >= 1


def test_directive_findings_can_be_ignored_and_localised(tmp_path):
    text = before(defective_text(), PLACEHOLDER_LINE, "<!-- ogi-check: disable=A002 -->")
    _, found = check_text(tmp_path, text, "--ignore", "X")
    assert "X002" not in codes(found)
    _, found = check_text(tmp_path, text, "--lang", "en")
    assert any(f["code"] == "X002" and "no reason" in f["message"] for f in found)


def test_user_rule_code_is_known_to_directives(tmp_path):
    # A directive naming a rule of a configured rule folder is not an unknown code.
    import yaml

    from tests.test_config import USER_RULE

    write(tmp_path / "house" / "Z" / "Z001.yaml", yaml.safe_dump(USER_RULE, allow_unicode=True))
    write(tmp_path / ".ogi-check.yaml", "rule-dirs: [house]\n")
    text = before(defective_text(), PLACEHOLDER_LINE, "<!-- ogi-check: disable=Z001 引用领导讲话原文 -->")
    text = before(text, PLACEHOLDER_LINE, "领导高度重视信息公开工作。")
    _, found = check_text(tmp_path, text)
    assert "Z001" not in codes(found) and "X002" not in codes(found) and "X001" not in codes(found)


def test_render_keeps_the_directive_line(tmp_path):
    text = before(defective_text(), PLACEHOLDER_LINE, "<!-- ogi-check: disable=A002 模板原文 -->")
    path = write(tmp_path / "r.txt", text)
    result = run("render", path)
    assert "12  <!-- ogi-check: disable=A002 模板原文 -->" in result.stdout


# --- .md and .html --------------------------------------------------------------------------------

def test_markdown_directives(tmp_path):
    md = to_markdown(defective_text())
    md = before(md, PLACEHOLDER_LINE, "<!-- ogi-check: disable=A002 模板原文，\n     待统计科核定 -->")
    md = before(md, "\\[bookmark", "<!-- ogi-check: disable-next-line=A001 -->") if "\\[bookmark" in md else \
        before(md, DEBRIS_LINE, "<!-- ogi-check: disable-next-line=A001 -->")
    _, found = check_text(tmp_path, md, name="r.md")
    assert "A002" not in codes(found)
    assert "A001" in codes(found) and "X002" in codes(found)  # the second has no reason


def test_html_directives_take_the_next_blocks_line(tmp_path):
    page = to_html(defective_text())
    marker = f"<p>{PLACEHOLDER_LINE}"
    assert page.count(marker) == 1
    page = page.replace(marker, "<!-- ogi-check: disable-next-line=A002 附表核定中 -->\n" + marker)
    page = page.replace("<p>[bookmark", "<!-- ogi-check: disable=A009 过期代码 -->\n<p>[bookmark")
    _, found = check_text(tmp_path, page, name="r.html")
    assert "A002" not in codes(found)
    bad = [f for f in found if f["code"] == "X002"]
    assert len(bad) == 1 and "A009" in bad[0]["message"]
    assert bad[0]["excerpt"].startswith("[bookmark")  # the line of the block after the comment


def test_html_comments_that_are_not_directives_are_ignored(tmp_path):
    page = to_html(defective_text()).replace("<p>[bookmark", "<!-- 编辑：张三 -->\n<p>[bookmark")
    _, found = check_text(tmp_path, page, name="r.html")
    assert not [f for f in found if f["code"].startswith("X")]


# --- readers and engine directly ------------------------------------------------------------------

def test_readers_collect_directives():
    comment = "<!-- ogi-check: disable=A002 原文 -->"
    txt = read_txt("r.txt", f"标题\n{comment}\n正文XX\n".encode())
    assert txt.directives == [(2, "ogi-check: disable=A002 原文")]
    assert [b.text for b in txt.blocks] == ["标题", "正文XX"]
    md = read_md("r.md", f"# 标题\n\n{comment}\n正文XX\n".encode())
    assert md.directives == [(3, "ogi-check: disable=A002 原文")]
    page = f"<html><body><article><h1>标题</h1>{comment}<p>正文XX</p>{comment}</article></body></html>"
    html = read_html("r.html", page.encode())
    assert html.directives == [(2, "ogi-check: disable=A002 原文"), (3, "ogi-check: disable=A002 原文")]


def test_txt_keeps_other_comment_lines_as_text():
    doc = read_txt("r.txt", "标题\n<!-- 这不是指令 -->\n".encode())
    assert doc.directives == [] and [b.text for b in doc.blocks][-1] == "<!-- 这不是指令 -->"


def test_check_document_without_x_rules_still_suppresses():
    doc = read_txt("r.txt", "标题\n<!-- ogi-check: disable=A002 原文 -->\n正文XX件\n".encode())
    a002 = [r for r in RULES if r.code == "A002"]
    assert check_document(doc, a002) == []
    doc = read_txt("r.txt", "标题\n正文XX件\n".encode())
    assert [f.code for f in check_document(doc, a002)] == ["A002"]


# --- a report whose layout was recovered: directives are file lines, blocks rendition lines -----------

def flattened_around(comment: str) -> str:
    """The defective report flattened onto one line (as a web page copied without its line breaks), with
    ``comment`` on a line of its own before the paragraph holding the placeholder: the directive's next
    block is that paragraph, and the rest of the report runs on after it on the same file line."""
    flat = layoutforms.flattened(defective_text()).rstrip("\n")
    at = flat.index(PLACEHOLDER_LINE)
    return f"{flat[:at]}\n{comment}\n{flat[at:]}\n"


def test_disable_next_line_in_a_flattened_report_covers_the_next_paragraph_only(tmp_path):
    text = flattened_around("<!-- ogi-check: disable-next-line=A002,A001 申请数以附表为准 -->")
    _, found = check_text(tmp_path, text)
    assert "A002" not in codes(found)
    # the Word debris is on the same file line, in a later paragraph: not covered, and A001 was unused
    assert [f["line"] for f in found if f["code"] == "A001"] == [3]
    assert [(f["code"], f["line"], f["column"]) for f in found if f["code"].startswith("X")] == [("X001", 2, 1)]


def test_directive_findings_of_a_recovered_report_are_on_the_directive_line(tmp_path):
    text = flattened_around("<!-- ogi-check: disable-next-line=A002 -->")  # no reason: X002, not applied
    _, found = check_text(tmp_path, text)
    x002 = [f for f in found if f["code"] == "X002"]
    assert [(f["line"], f["column"]) for f in x002] == [(2, 1)]
    assert x002[0]["excerpt"] == "<!-- ogi-check: disable-next-line=A002 -->"
    assert "A002" in codes(found)
