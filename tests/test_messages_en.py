"""English output has no Chinese of ogi-check's own: every Chinese word in an English message is quoted report text.

How the check is made (and why it can fail): the English templates put every value that comes from the
report or from the official format (a heading, a phone number, a row label, a column label such as
"自然人", a table id such as "三") between quotes, "…" or “…”; kinds pass values only, never words. So an
English message with its quoted parts removed must contain no CJK character (Han, CJK punctuation,
full-width forms). A word a kind writes into an arg ("电话 number", "自然人列", "（无）", "等", "人民政府")
stands outside quotes, or is a connective word inside an English template, and fails the test: the
code before issue 8 item 6 failed it on the fixtures (C003 "电话 number", N002 "二级 heading", T011
"（一）予以公开行", T020 "表三“（一）予以公开”（总计列）"). ``test_the_check_sees_unquoted_chinese`` keeps the
assertion honest.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.cli import main
from checker.kinds import KINDS
from checker.rules import load_rules
from tests.support.reports import check_document, example_report

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "fixtures" / "reports"
RULE_FILES = sorted((ROOT / "rules").glob("*/*.yaml"))
RULES = load_rules()

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def unquoted_chinese(message: str) -> list[str]:
    """The runs of CJK characters of ``message`` outside “…” and "…"."""
    return CJK.findall(QUOTED.sub("", message))


def test_the_check_sees_unquoted_chinese():
    assert unquoted_chinese('电话 number "0591-832156" is malformed') == ["电话"]
    assert unquoted_chinese('Table 三, 自然人列: 总计 = 3') == ["三", "自然人列", "总计"]
    assert unquoted_chinese('siblings ("（一）（二）"等)') == ["等"]
    assert unquoted_chinese('Published 2024年3月26日, after "2024-03-31"') == ["年", "月", "日"]
    assert unquoted_chinese('Table "三", row "（一）予以公开": "总计" = 18') == []
    assert unquoted_chinese('the report says “2022年1月1日至2022年12月31日”') == []


def _runs():
    for path in sorted(REPORTS.glob("*.txt")):
        yield pytest.param([str(path.relative_to(ROOT))], id=path.stem)
    # last year's report beside this year's: T030–T032 have their say
    yield pytest.param(["fixtures/reports/clean_2021_department.txt", "--previous",
                        "fixtures/reports/clean_2022_department.txt"], id="with-previous")


@pytest.mark.parametrize("args", list(_runs()))
def test_fixture_reports_in_english(args, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.stdout)
    bad = [(f["code"], f["message"]) for f in findings if unquoted_chinese(f["message"])]
    assert bad == []


def test_the_defective_fixtures_give_findings_to_check():
    # The test above must have something to look at: the defective reports break many rules.
    findings = []
    for name in ("defective_2021_department", "defective_2019_department"):
        result = CliRunner().invoke(main, ["check", "--lang", "en", "--format", "json", str(REPORTS / f"{name}.txt")])
        findings += json.loads(result.stdout)
    assert len({f["code"] for f in findings}) >= 10


def _fail_examples():
    for rule in RULES:
        for i, example in enumerate(rule.examples["fail"], start=1):
            yield pytest.param(rule, example, id=f"{rule.code}_fail_{i}")


@pytest.mark.parametrize("rule,example", list(_fail_examples()))
def test_rule_fail_examples_in_english(rule, example):
    """Every rule's own fail examples: together they reach every message variant the fixtures do not."""
    rules = RULES if KINDS[rule.kind].about_other_rules else [rule]
    found = [f for f in check_document(example_report(example), rules, lang="en") if f.code == rule.code]
    assert found
    assert [(f.code, f.message) for f in found if unquoted_chinese(f.message)] == []


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_english_templates_quote_every_chinese_word(path):
    """The templates themselves, placeholders aside: a Chinese word of an English template is a quoted term."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for variant, text in {None: data["message"], **data.get("messages", {})}.items():
        template = re.sub(r"\{[^{}]*\}", "", text["en"])
        assert unquoted_chinese(template) == [], (variant, text["en"])
