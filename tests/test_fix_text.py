"""Fixes of text reports: each fixable rule's fix before and after, one plan a document, `check --diff`, `fix -o`."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import yaml

from checker.engine import check_report
from checker.findings import Finding
from checker.fixes.fixer import fix_file, planning_rules
from checker.fixes.plan import plan_fixes
from checker.fixes.text import apply_to_text
from checker.rules import load_rules
from checker.run import Checker
from tests.support.convert import to_markdown
from tests.support.layoutforms import flattened, hard_wrapped
from tests.support.reports import example_report, text_document
from tests.test_cli import ROOT, json_findings, run, stderr_lines, write

RULES = {r.code: r for r in load_rules()}
CASES = ROOT / "fixtures" / "rules"
REPORTS = ROOT / "fixtures" / "reports"
DEFECTIVE = REPORTS / "defective_2021_department.txt"
SAFE = {c for c, r in RULES.items() if r.fix == "safe"}


def _fixed_cases():
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, case in (data.get("fail") or {}).items():
            if isinstance(case, dict) and "fixed" in case:
                yield pytest.param(path.stem, case, id=f"{path.stem}_{name}")


FIXED_CASES = list(_fixed_cases())


def _fix_once(text: str, case: dict, rules, unsafe: bool = True) -> tuple[str, list[Finding]]:
    report = example_report({**case, "text": text})
    findings = check_report(report, planning_rules(rules))
    plan = plan_fixes(report.document, findings, {r.code: r for r in rules}, unsafe=unsafe,
                      headings=(h.line for h in report.outline.headings))
    return apply_to_text(text, plan.edits), plan.fixed


@pytest.mark.parametrize("code,case", FIXED_CASES)
def test_fix_before_and_after(code, case):
    """The rule's fixes turn the case's text into its ``fixed`` text; the rule then finds nothing there, and
    fixing again changes nothing."""
    rules = [RULES[code]]
    after, fixed = _fix_once(case["text"], case, rules)
    assert fixed and {f.code for f in fixed} == {code}
    assert after == case["fixed"]
    assert [f.message for f in check_report(example_report({**case, "text": after}), rules)] == []
    assert _fix_once(after, case, rules)[0] == after


def test_every_rule_with_fixes_has_a_case_before_and_after():
    declared = {c for c, r in RULES.items() if r.fix is not None}
    assert declared >= {"N001", "N002", "N003", "F001", "Y001"}
    assert declared <= {code for code, _ in (p.values for p in FIXED_CASES)}


def test_safe_fixes_are_the_mechanical_ones():
    assert SAFE == {"N001", "N002", "N003", "F001", "Y001", "P002"}
    assert {"C003", "T010", "T011", "T012", "T004", "T002", "S006"} <= {c for c, r in RULES.items() if r.fix == "unsafe"}


def test_only_safe_fixes_without_unsafe_fixes():
    case = next(c for code, c in (p.values for p in FIXED_CASES) if code == "C003")
    after, fixed = _fix_once(case["text"], case, [RULES["C003"]], unsafe=False)
    assert after == case["text"] and fixed == []


@pytest.mark.parametrize("name", ["blank-row", "blank-table", "dash-row"])
def test_a_finding_for_many_cells_is_not_mended_by_filling_one(name):
    """T004 reports a row (or table) of blanks or dashes once, at the first: filling that one cell would leave
    the finding, so the fix is not made and the finding stays for the editor."""
    case = yaml.safe_load((CASES / "T004.yaml").read_text(encoding="utf-8"))["fail"][name]
    after, fixed = _fix_once(case["text"], case, [RULES["T004"]])
    assert fixed == [] and after == case["text"]


# --- one plan for the whole document -----------------------------------------------------------------


def _finding(line, column, end, fix, code="N001"):
    return Finding(path="r.txt", line=line, column=column, end_column=end, code=code, severity="error",
                   message=code, fix=fix)


def test_overlapping_fixes_keep_the_first_and_leave_the_other():
    document = text_document("青禾市水利局2023年政府信息公开工作年度报告\n（4）政府信息公开平台建设\n")
    first = _finding(2, 1, 4, "（四）", "N002")
    same = _finding(2, 1, 4, "（四）", "N001")  # the same text over the same span: one edit, both fixed
    other = _finding(2, 1, 14, "四、政府信息公开平台", "S006")  # overlaps with another text: left
    plan = plan_fixes(document, [other, same, first], {c: RULES[c] for c in ("N001", "N002", "S006")}, unsafe=True)
    assert [(e.column, e.end_column, e.new, e.codes) for e in plan.edits] == [(1, 4, "（四）", ["N001", "N002"])]
    assert plan.left == [other]


def test_a_renumbering_is_one_plan(tmp_path):
    text = ("青禾市水利局2023年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开\n（2）依申请公开\n(四)政府信息管理\n"
            "（四）平台建设\n二、主动公开政府信息情况\n")
    path = write(tmp_path / "r.txt", text)
    out = tmp_path / "fixed.txt"
    result = run("fix", path, "-o", out)
    fixed = out.read_text(encoding="utf-8").splitlines()
    assert fixed[2:6] == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设"], result.stdout
    codes = {f["code"] for f in json_findings(run("check", "--format", "json", out))}
    assert not codes & {"N001", "N002", "N003"}


# --- whole reports: every fixed finding gone, none new, idempotent ------------------------------------


def _forms(tmp_path: Path):
    for report in sorted(REPORTS.glob("*.txt")):
        text = report.read_text(encoding="utf-8")
        yield write(tmp_path / report.name, text)
        yield write(tmp_path / (report.stem + ".md"), to_markdown(text))
    text = DEFECTIVE.read_text(encoding="utf-8")
    yield write(tmp_path / "flattened.txt", flattened(text))
    yield write(tmp_path / "wrapped.txt", hard_wrapped(text))


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixture_reports_fix_cleanly(tmp_path, unsafe):
    checker = Checker()
    fixed_any = 0
    for path in _forms(tmp_path):
        result = fix_file(checker, str(path), unsafe=unsafe)
        assert result.unfixed == [] and result.new == [], (path.name, result.unfixed, result.new)
        fixed_any += len(result.made)
        again_path = path.with_name("again-" + path.name)
        again_path.write_bytes(result.data)
        again = fix_file(checker, str(again_path), unsafe=unsafe)
        assert again.made == [] and again.data == result.data, path.name  # fixing again changes nothing
        if not unsafe:
            assert not {f.code for f in result.remaining} & SAFE, path.name
    assert fixed_any >= 6  # the defective reports have fixes in every form


def test_recovered_layout_is_fixed_at_the_file_s_own_places(tmp_path):
    text = DEFECTIVE.read_text(encoding="utf-8")
    path = write(tmp_path / "wrapped.txt", hard_wrapped(text))
    result = fix_file(Checker(), str(path))
    assert {e.new for e in result.made} == {"（四）", "2024", "2023年1月1日起至2023年12月31日"}
    assert result.after.count("\n") == result.before.count("\n")  # the file's lines stay its lines
    assert "（四）政府信息公开平台建设" in result.after.replace("\n", "")


def test_a_fix_over_a_wrapped_line_break_is_written_on_the_first_line(tmp_path):
    """Cut at 30 characters, the period runs over two file lines: the fix is written where it starts, its
    rest removed from the next line, and the file keeps its lines."""
    path = write(tmp_path / "wrapped.txt", hard_wrapped(DEFECTIVE.read_text(encoding="utf-8"), width=30))
    before = path.read_text(encoding="utf-8").split("\n")
    cut = next(n for n, line in enumerate(before) if line.endswith("统计期限自2022年1月1日起至2022年"))
    result = fix_file(Checker(), str(path))
    assert result.unfixed == [] and result.new == [] and "P002" not in {f.code for f in result.remaining}
    after = result.after.split("\n")
    assert len(after) == len(before)
    assert after[cut].endswith("统计期限自2023年1月1日起至2023年12月31日")
    assert after[cut + 1] == before[cut + 1][len("12月31日"):]  # "止。……" goes on as before


# --- the command line -----------------------------------------------------------------------------------


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_diff_prints_the_safe_fixes_and_writes_nothing(tmp_path):
    path = write(tmp_path / "report.txt", DEFECTIVE.read_text(encoding="utf-8"))
    before, listed = sha(path), sorted(os.listdir(tmp_path))
    result = run("check", "--diff", path)
    assert result.exit_code == run("check", path).exit_code == 1
    assert sha(path) == before and sorted(os.listdir(tmp_path)) == listed
    out = result.stdout
    assert out.startswith(f"--- {path}\n+++ {path}\n@@ ")
    assert "-（4）政府信息公开平台建设\n+（四）政府信息公开平台建设\n" in out
    assert "+针对上述问题，2024年本局将重点做好以下工作" in out
    assert "\n+" + "（一）予以公开" not in out  # T011's value is a suggestion: not without --unsafe-fixes
    assert "-本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n" in out
    assert "+本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n" in out
    assert "可自动修复 3 个问题" in result.stderr
    unsafe = run("check", "--diff", "--unsafe-fixes", path)
    assert "+三、本年度办理结果\t（一）予以公开\t14\t3" in unsafe.stdout or "可自动修复 4 个问题" in unsafe.stderr


def test_check_diff_of_a_clean_report_is_empty(tmp_path):
    path = write(tmp_path / "clean.txt", (REPORTS / "clean_2021_department.txt").read_text(encoding="utf-8"))
    result = run("check", "--diff", path)
    assert result.exit_code == 0 and result.stdout == ""


def test_check_diff_relative_path_names_a_and_b(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "report.txt", DEFECTIVE.read_text(encoding="utf-8"))
    assert run("check", "--diff", "report.txt").stdout.startswith("--- a/report.txt\n+++ b/report.txt\n")


def test_fix_writes_a_fixed_copy_and_says_what_it_changed(tmp_path):
    path = write(tmp_path / "report.txt", DEFECTIVE.read_text(encoding="utf-8"))
    before = sha(path)
    out = tmp_path / "report.fixed.txt"
    result = run("fix", path, "-o", out)
    assert result.exit_code == 1  # errors are left: as `check` on the copy
    assert sha(path) == before
    lines = result.stdout.splitlines()
    assert f"{out}:18:1: N002 已修改：“（4）”→“（四）”" in lines
    assert f"{out}:78:8: Y001 已修改：“2023”→“2024”" in lines
    assert f"{out}:3:15: P002 已修改：“2022年1月1日起至2022年12月31日”→“2023年1月1日起至2023年12月31日”" in lines
    left = json_findings(run("check", "--format", "json", out))
    assert lines[-1].startswith(f"共发现 {3 + len(left)} 个问题（已修复 3 个，剩余 {len(left)} 个）")
    assert "其中 2 个有修改建议" in lines[-1] and "--unsafe-fixes" in lines[-1]
    assert [line.split(": ")[0] for line in lines[3:-1]] == [f"{out}:{f['line']}:{f['column']}" for f in left]


def test_fix_exits_zero_when_nothing_is_left(tmp_path):
    text = "青禾市水利局2023年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开\n（2）依申请公开\n"
    path = write(tmp_path / "r.txt", text)
    result = run("fix", path, "-o", tmp_path / "out.txt", "--select", "N")
    assert result.exit_code == 0, result.stdout
    assert "共发现 1 个问题（已修复 1 个，剩余 0 个）" in result.stdout


def test_in_place_rewrites_only_when_asked_and_is_idempotent(tmp_path):
    path = write(tmp_path / "report.txt", DEFECTIVE.read_text(encoding="utf-8"))
    result = run("fix", path)
    assert result.exit_code == 2 and "--in-place" in result.stderr and len(stderr_lines(result)) == 1
    run("fix", path, "--in-place")
    once = path.read_bytes()
    assert "（四）政府信息公开平台建设" in once.decode("utf-8")
    again = run("fix", path, "--in-place")
    assert path.read_bytes() == once and "已修复 0 个" in again.stdout


@pytest.mark.parametrize("args,why", [
    (["-o", "{input}"], "输出文件不能是原文件"),
    (["-o", "{dir}/out.txt", "--in-place"], "请用 -o 指定"),
], ids=["same-file", "both"])
def test_refusals(tmp_path, args, why):
    path = write(tmp_path / "report.txt", DEFECTIVE.read_text(encoding="utf-8"))
    before, listed = sha(path), sorted(os.listdir(tmp_path))
    result = run("fix", path, *[a.format(input=path, dir=tmp_path) for a in args])
    assert result.exit_code == 2 and len(stderr_lines(result)) == 1 and why in result.stderr
    assert sha(path) == before and sorted(os.listdir(tmp_path)) == listed


def test_a_symbolic_link_to_the_input_is_refused(tmp_path):
    path = write(tmp_path / "report.txt", DEFECTIVE.read_text(encoding="utf-8"))
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    result = run("fix", path, "-o", link)
    assert result.exit_code == 2 and "会覆盖要读取的文件" in result.stderr


def test_unreadable_input_is_one_line(tmp_path):
    result = run("fix", tmp_path / "missing.txt", "-o", tmp_path / "out.txt")
    assert result.exit_code == 2 and len(stderr_lines(result)) == 1 and "missing.txt" in result.stderr
    assert not (tmp_path / "out.txt").exists()


@pytest.mark.parametrize("encoding,bom,newline", [
    ("gb18030", b"", "\r\n"), ("utf-8", b"\xef\xbb\xbf", "\n"), ("utf-16-le", b"\xff\xfe", "\r\n"),
], ids=["gb18030-crlf", "utf8-bom", "utf16-crlf"])
def test_the_copy_keeps_encoding_and_line_breaks(tmp_path, encoding, bom, newline):
    text = DEFECTIVE.read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    out = tmp_path / "fixed.txt"
    run("fix", path, "-o", out)
    expected = text.replace("（4）政府信息公开平台建设", "（四）政府信息公开平台建设").replace(
        "针对上述问题，2023年", "针对上述问题，2024年").replace(
        "自2022年1月1日起至2022年12月31日止", "自2023年1月1日起至2023年12月31日止")
    assert out.read_bytes() == bom + expected.replace("\n", newline).encode(encoding)
