"""Cross-year rules with last year's report (``AnalysedReport.previous``, the CLI's --previous):
carry-over (T030), documents in force (T031) and 内容雷同 (T032).

The fixture pair: clean_2021_department.txt is 青禾市生态环境局's 2023 report, clean_2022_department.txt
its 2022 report, consistent with it (四 of 2022 = 二 of 2023; 行政规范性文件 15 + 3 − 1 = 17).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.rules import load_rules
from tests.support.reports import check_document, example_report
from checker.analysis import analyse
from checker.config import Overrides
from checker.errors import InputError
from checker.kinds.tables import normalise
from checker.readers import read_document
from checker.run import Checker
from tests.support.textforms import write_kind

RULES = load_rules()
BY_CODE = {r.code: r for r in RULES}
REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
THIS = REPORTS / "clean_2021_department.txt"  # 2023
LAST = REPORTS / "clean_2022_department.txt"  # 2022
CROSS = ("T030", "T031", "T032")


def check(path: Path, previous=None, codes=CROSS):
    """The findings of ``codes`` on ``path`` with last year's report, through the run layer."""
    outcome = Checker(Overrides(select=tuple(codes)), previous=str(previous) if previous else None).check_file(str(path))
    return list(outcome.findings)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def last_year_text() -> str:
    return LAST.read_text(encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(start))


# --- the consistent pair ------------------------------------------------------------------------

def test_pair_is_consistent():
    assert check(THIS, LAST) == []


def test_pair_gives_nothing_at_all_with_every_rule():
    report = analyse(read_document(str(THIS)), previous=analyse(read_document(str(LAST))))
    assert [f for f in check_document(report, RULES) if f.severity in ("error", "warning")] == []


def test_pair_facts():
    this, last = analyse(read_document(str(THIS))), analyse(read_document(str(LAST)))
    assert (this.facts.year, last.facts.year) == (2023, 2022)
    assert this.facts.agency == last.facts.agency
    t3, l3 = this.tables.get("三"), last.tables.get("三")
    for column in t3.spec.columns:
        assert t3.number("二", column) == l3.number("四", column)


def test_without_previous_nothing_is_compared():
    assert check(THIS) == []


# --- T030 ---------------------------------------------------------------------------------------

BROKEN_CARRY = ("四、结转下年度继续办理\t四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2",
                "四、结转下年度继续办理\t四、结转下年度继续办理\t1\t1\t0\t0\t0\t0\t2")


def test_broken_carry_over_gives_t030(tmp_path):
    text = last_year_text()
    assert BROKEN_CARRY[0] in text
    prev = write(tmp_path, "2022.txt", text.replace(*BROKEN_CARRY))
    found = check(THIS, prev)
    assert {f.code for f in found} == {"T030"}
    assert all(f.severity == "warning" for f in found)
    row = line_of(THIS, "二、上年结转政府信息公开申请数量")
    assert {f.line for f in found} == {row}
    by_column = {f.message.split("：")[0]: f for f in found}
    assert set(by_column) == {"表三 自然人列", "表三 商业企业列"}
    message = by_column["表三 自然人列"].message
    assert "本年“二、上年结转政府信息公开申请数量”为2" in message
    assert "上年报告（2022.txt）“四、结转下年度继续办理”为1" in message and "相差1" in message
    # the finding points at the 自然人 cell of row 二
    cells = THIS.read_text(encoding="utf-8").split("\n")[row - 1].split("\t")
    assert by_column["表三 自然人列"].column == len(cells[0]) + len(cells[1]) + 3


@pytest.mark.parametrize("kind", ["md", "html", "docx"])
def test_t030_with_previous_in_other_input_kinds(kind, tmp_path):
    text = last_year_text().replace(*BROKEN_CARRY)
    path = write_kind(text, kind, tmp_path, stem="2022")
    assert {f.code for f in check(THIS, path)} == {"T030"}
    path_ok = write_kind(last_year_text(), kind, tmp_path, stem="ok")
    assert check(THIS, path_ok) == []


def test_t030_needs_consecutive_years(tmp_path):
    text = last_year_text().replace(*BROKEN_CARRY).replace("2022年", "2021年")
    prev = write(tmp_path, "2021.txt", text)
    assert analyse(read_document(str(prev))).facts.year == 2021
    assert [f for f in check(THIS, prev) if f.code in ("T030", "T031")] == []


def test_t030_across_the_format_change(tmp_path):
    """A 2021 report (2021 format) against the 2020 report (2019 trial format): rows 二 and 四 exist in both."""
    old = (REPORTS / "clean_2019_department.txt").read_text(encoding="utf-8")  # 2020, 结转下年度 3 (2+0+0+0+1+0)
    old = old.replace("青禾市自然资源局", "青禾市生态环境局")  # last year's report of the same agency (T033 otherwise)
    this_text = THIS.read_text(encoding="utf-8").replace("2023年", "2021年").replace("2024年", "2022年")
    this = write(tmp_path, "2021.txt", this_text)
    prev = write(tmp_path, "2020.txt", old)
    found = [f for f in check(this, prev) if f.code == "T030"]
    # 2021 二 = 2 0 0 0 0 0 2; 2020 四 = 2 0 0 0 1 0 3: 法律服务机构 and 总计 differ
    assert sorted(f.message.split("：")[0] for f in found) == ["表三 总计列", "表三 法律服务机构列"]


# --- T031 ---------------------------------------------------------------------------------------

def test_stock_of_documents_gives_t031(tmp_path):
    text = last_year_text()
    old, new = "行政规范性文件\t4\t2\t15", "行政规范性文件\t4\t2\t14"
    assert old in text
    prev = write(tmp_path, "2022.txt", text.replace(old, new))
    (f,) = check(THIS, prev)
    assert f.code == "T031" and f.severity == "warning"
    assert f.line == line_of(THIS, "行政规范性文件\t")
    assert "行政规范性文件行" in f.message and "现行有效件数为17" in f.message and "为16" in f.message


def test_t031_not_before_2022(tmp_path):
    """2021 reports follow a 2020 report in the 2019 format, which has no 现行有效件数."""
    this_text = THIS.read_text(encoding="utf-8").replace("2023年", "2021年").replace("2024年", "2022年")
    this = write(tmp_path, "2021.txt", this_text)
    prev = write(tmp_path, "2020.txt", last_year_text().replace("2022年", "2020年").replace("2023年", "2021年")
                 .replace("行政规范性文件\t4\t2\t15", "行政规范性文件\t4\t2\t1"))
    assert [f for f in check(this, prev) if f.code == "T031"] == []


# --- T032 ---------------------------------------------------------------------------------------

def test_copied_report_gives_t032(tmp_path):
    """东莞 2010: last year's report published again with the year and some figures changed."""
    copied = THIS.read_text(encoding="utf-8").replace("2023年", "2022年").replace("2024年", "2023年") \
        .replace("356条", "301条").replace("560余人次", "480余人次")
    prev = write(tmp_path, "2022.txt", copied)
    found = [f for f in check(THIS, prev) if f.code == "T032"]
    assert len(found) == 1
    (f,) = found
    assert f.severity == "warning"
    assert "100%" in f.message and "2022.txt" in f.message
    # it points at the first repeated sentence of the body (not the preamble)
    assert f.line > line_of(THIS, "一、总体情况")


def test_t032_share_and_threshold(tmp_path):
    text = THIS.read_text(encoding="utf-8")
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if "。" in line and i > 5 and "\t" not in line]
    # rewrite a third of the body paragraphs: the share falls below 100% but stays above one half
    for i in body[::3]:
        lines[i] = "本段为上年报告中的不同内容，记述当年开展的其他工作事项和具体做法。"
    prev = write(tmp_path, "2022.txt", "\n".join(lines).replace("2023年", "2022年"))
    (f,) = [f for f in check(THIS, prev) if f.code == "T032"]
    share = int(f.message.split("（")[1].split("%")[0])
    assert 50 <= share < 100


def test_normalise_replaces_figures_and_years():
    a = normalise("2023年，本局共新收政府信息公开申请37件， 全年办结37件。")
    b = normalise("2022年，本局共新收政府信息公开申请21件，全年办结十二件。")
    assert a == b
    assert normalise("二〇二三年共主动公开信息1187条") == normalise("二〇二二年共主动公开信息98条")


def test_same_file_is_not_its_own_previous_year():
    assert check(THIS, THIS) == []


# --- loading the previous report -----------------------------------------------------------------

@pytest.mark.parametrize("name,content", [
    ("missing.txt", None),
    ("garbage.docx", b"PK\x03\x04 not really a zip"),
    ("report.pdf", b"%PDF-1.4"),
    ("empty.txt", b""),
])
def test_unreadable_previous_stops_the_run_naming_it(tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        Checker(previous=str(path))
    assert caught.value.path == str(path) and str(caught.value).endswith("(--previous)")


def test_without_a_previous_report_the_cross_year_rules_are_silent():
    assert check(THIS) == []


def test_previous_is_read_once_for_a_run(tmp_path, monkeypatch):
    prev = write(tmp_path, "2022.txt", last_year_text())
    calls = []
    import checker.run as run

    real = run.read_document
    monkeypatch.setattr(run, "read_document", lambda p: calls.append(p) or real(p))
    checker = Checker(Overrides(select=CROSS), previous=str(prev))
    for _ in range(3):
        checker.check_file(str(THIS))
    assert calls.count(str(prev)) == 1


def test_previous_report_for_each_file(tmp_path):
    checker = Checker(previous=str(LAST))
    prev = checker.previous_for(str(THIS))
    assert prev is not None and prev.facts.year == 2022
    assert checker.previous_for(str(THIS)) is prev  # analysed once
    assert checker.previous_for(str(LAST)) is None  # never a report's own previous year
    assert Checker().previous_for(str(THIS)) is None


def test_rule_example_with_previous_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = example_report({"text": "青禾市水利局2023年政府信息公开工作年度报告\n一、总体情况\n",
                             "previous": "青禾市水利局2022年政府信息公开工作年度报告\n一、总体情况\n"})
    assert report.previous is not None and report.previous.facts.year == 2022
    assert report.facts.year == 2023
    assert list(tmp_path.iterdir()) == []  # built in memory: no file written


def test_cli_previous_option_catches_a_carry_over_mismatch(tmp_path):
    from click.testing import CliRunner

    from checker.cli import main

    prev = write(tmp_path, "2022.txt", last_year_text().replace(*BROKEN_CARRY))
    broken = CliRunner().invoke(main, ["check", str(THIS), "--previous", str(prev), "--fail-on", "warning"])
    assert broken.exit_code == 1 and "T030" in broken.stdout
    clean = CliRunner().invoke(main, ["check", str(THIS), "--previous", str(LAST), "--fail-on", "warning"])
    assert clean.exit_code == 0 and "T030" not in clean.stdout
    missing = CliRunner().invoke(main, ["check", str(THIS), "--previous", str(tmp_path / "none.txt")])
    assert missing.exit_code == 2
    assert missing.stderr.strip().splitlines() == [f"{tmp_path / 'none.txt'}: error: 文件不存在 (no such file) (--previous)"]


# --- T033 and the same year -------------------------------------------------------------------------

def test_previous_of_another_year_or_agency_is_said(tmp_path):
    two_years = write(tmp_path, "2021.txt", last_year_text().replace("2022年", "2021年"))
    (f,) = check(THIS, two_years, codes=("T030", "T031", "T033"))
    assert f.code == "T033" and "2021年的报告" in f.message and "上一年度（2022年）" in f.message
    other = write(tmp_path, "other.txt", last_year_text().replace(*BROKEN_CARRY).replace("青禾市生态环境局", "青禾市林业局"))
    (f,) = check(THIS, other, codes=("T030", "T031", "T033"))
    assert f.code == "T033" and "“青禾市林业局”" in f.message and "T030" in f.message  # T030 itself did not run
    assert check(THIS, LAST, codes=("T033",)) == []


def test_previous_of_the_same_year_is_one_line_and_exit_2(tmp_path):
    from click.testing import CliRunner

    from checker.cli import main

    same = write(tmp_path, "same.txt", THIS.read_text(encoding="utf-8").replace("各类", "各种", 1))
    result = CliRunner().invoke(main, ["check", str(THIS), "--previous", str(same)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"--previous: error: {same} 与 {THIS} 同为2023年度的报告，--previous 应为上一年度（2022年）的报告 "
        "(--previous is of the same year)"]
    parallel = CliRunner().invoke(main, ["check", str(THIS), str(LAST), "--previous", str(same), "-j", "2"])
    assert parallel.exit_code == 2 and parallel.stderr == result.stderr

