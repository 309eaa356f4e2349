"""No rule is skipped silently: the title is found past page chrome, the era is read from the content
when the year is not, and what still cannot run is said (issue 9, "Never silent")."""

from __future__ import annotations

from pathlib import Path

from checker.analysis import analyse
from checker.rules import load_rules
from tests.support.reports import check_document, text_document

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
RULES = load_rules()
CLEAN_2021 = (REPORTS / "clean_2021_department.txt").read_text(encoding="utf-8")
CLEAN_2019 = (REPORTS / "clean_2019_department.txt").read_text(encoding="utf-8")
TITLE_2021 = CLEAN_2021.split("\n", 1)[0]
CHROME = ["首页 > 信息公开 > 政府信息公开年报", "发布时间：2024-01-18　来源：青禾市生态环境局　浏览次数：120",
          "【字体：大 中 小】"]


def serious(findings):
    return [(f.code, f.line, f.message) for f in findings if f.severity in ("error", "warning")]


def test_title_is_found_past_page_chrome():
    report = analyse(text_document("\n".join(CHROME) + "\n" + CLEAN_2021))
    assert report.outline.title is not None and report.outline.title.text == TITLE_2021
    facts = report.facts
    assert (facts.year, facts.year_source, facts.era, facts.agency) == (2023, "title", "2021", "青禾市生态环境局")
    assert report.outline.preamble[0].text.startswith("本报告依据")  # the chrome is not the preamble
    assert serious(check_document(report, RULES)) == []


def test_title_on_the_first_line_is_kept_even_without_the_usual_words():
    report = analyse(text_document("青禾市生态环境局2023年度工作报告\n一、总体情况\n正文。\n"))
    assert report.outline.title.text == "青禾市生态环境局2023年度工作报告"


def _undated(text: str) -> str:
    """The report without a year in its title and without its period sentence."""
    lines = text.split("\n")
    lines[0] = lines[0].replace("2023年", "").replace("2020年", "")
    return "\n".join(line for line in lines if "统计期限" not in line)


def test_era_is_read_from_the_content_when_the_year_cannot_be():
    for text, era in ((CLEAN_2021, "2021"), (CLEAN_2019, "2019")):
        report = analyse(text_document(_undated(text), "report.txt"))
        assert (report.facts.year, report.facts.era, report.facts.era_source) == (None, era, "content")
        codes = {f.code for f in check_document(report, RULES)}
        assert "P001" in codes, codes  # the period rule runs although the year is unknown
        assert "Y004" in codes


def test_era_from_content_needs_a_clear_majority():
    from checker.facts import era_from_content

    assert era_from_content(text_document("标题\n本年制发件数\n本年新制作数量\n")) is None
    assert era_from_content(text_document("标题\n正文。\n")) is None
    assert era_from_content(text_document("标题\n三、政府信息公开的收费及减免情况\n")) == "2007"


def test_a_report_without_year_period_or_contacts_does_not_pass():
    # The case: no year anywhere, so no era either. The presence rules still run, and X003
    # names every rule that could not, with how to run it.
    report = analyse(text_document("政府信息公开工作年度报告\n一、总体情况\n本年度我局认真落实条例要求。\n"))
    assert (report.facts.year, report.facts.era) == (None, None)
    findings = check_document(report, RULES)
    codes = {f.code for f in findings}
    assert {"P001", "C001", "Y004", "X003"} <= codes, codes
    agency, x003 = sorted((f for f in findings if f.code == "X003"), key=lambda f: "--year" in f.message)
    assert x003.severity == "warning" and "--year" in x003.message and "--agency-kind" in agency.message
    for code in ("P002", "S001", "S002", "T001", "T010", "Y001", "Y003"):
        assert code in x003.message
    assert "P001" not in x003.message and "C001" not in x003.message  # they ran


def test_x003_names_the_rules_a_known_era_still_leaves_out():
    report = analyse(text_document(_undated(CLEAN_2021), "report.txt"))  # era 2021 from the table labels
    (x003,) = [f for f in check_document(report, RULES) if f.code == "X003"]
    assert "无法确定报告年度，以下" in x003.message and "P002" in x003.message and "T001" not in x003.message


def test_x003_for_an_unknown_agency_kind():
    text = CLEAN_2021.replace("青禾市生态环境局2023年", "青禾2023年", 1)
    report = analyse(text_document(text))
    assert report.facts.agency_kind is None
    messages = [f.message for f in check_document(report, RULES) if f.code == "X003"]
    assert len(messages) == 1 and "S004" in messages[0] and "--agency-kind" in messages[0]


def test_nothing_is_reported_when_the_facts_are_known():
    report = analyse(text_document(CLEAN_2021))
    assert [f for f in check_document(report, RULES) if f.code == "X003"] == []
