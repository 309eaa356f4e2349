"""One report in four input kinds: clean gives no error or warning; each defect gives its code in each kind."""

from pathlib import Path

import pytest

from checker.rules import load_rules
from tests.support.reports import check_document
from checker.readers import read_document
from tests.support.textforms import write_kind

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
RULES = load_rules()
KINDS = ("txt", "md", "docx", "html")


def findings_for(text: str, kind: str, folder: Path):
    doc = read_document(str(write_kind(text, kind, folder)))
    return doc, check_document(doc, RULES)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["clean_2021_department", "clean_2021_government", "clean_2019_department",
                                  "clean_2007_county"])
def test_clean_report_gives_no_error_or_warning(name, kind, tmp_path):
    text = (REPORTS / f"{name}.txt").read_text(encoding="utf-8")
    _, findings = findings_for(text, kind, tmp_path)
    serious = [f"{f.line}: {f.code} {f.message}" for f in findings if f.severity in ("error", "warning")]
    assert serious == []


def _replace(old: str, new: str):
    def mutate(text: str) -> str:
        assert old in text, f"fixture no longer contains {old!r}"
        return text.replace(old, new, 1)
    return mutate


def _drop_section(heading: str, next_heading: str):
    def mutate(text: str) -> str:
        start, end = text.index(heading), text.index(next_heading)
        return text[:start] + text[end:]
    return mutate


# (case id, mutation of the clean 2021 department report, expected code, text on the flagged line)
DEFECTS = [
    ("period-missing", _replace("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n", ""), "P001", None),
    ("period-wrong", _replace("统计期限自2023年1月1日起至2023年12月31日止", "统计期限自2022年1月1日起至2022年12月31日止"),
     "P002", "统计期限自2022年1月1日"),
    ("contacts-missing", lambda t: _replace("（地址：青禾市建设路18号；邮编：351200；电话：0591-83215678；传真：0591-83215679；"
                                            "电子邮箱：hbj@qinghe.gov.cn）", "")(t).replace("监督投诉电话", "监督投诉渠道"),
     "C001", None),
    ("phone-broken", _replace("电话：0591-83215678", "电话：0591-832156"), "C003", "0591-832156"),
    ("postcode-broken", _replace("邮编：351200", "邮编：35120"), "C002", "邮编：35120"),
    ("email-broken", _replace("hbj@qinghe.gov.cn", "hbj＠qinghe.gov.cn"), "C004", "hbj＠qinghe.gov.cn"),
    ("section-missing", _drop_section("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"), "S001", None),
    ("numbering-skip", _replace("（二）依申请公开", "（三）依申请公开"), "N001", "依申请公开"),
    ("numbering-style", _replace("（四）政府信息公开平台建设", "（4）政府信息公开平台建设"), "N002", "政府信息公开平台建设"),
    ("placeholder", _replace("共新收政府信息公开申请37件", "共新收政府信息公开申请XX件"), "A002", "XX件"),
    ("word-debris", _replace("（三）政府信息管理\n", "（三）政府信息管理\n错误！未定义书签。"), "A001", "未定义书签"),
    ("late", _replace("2024年1月19日", "2024年2月20日"), "Y003", "2024年2月20日"),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case,mutate,code,on_line", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_defect_gives_its_code_in_every_kind(case, mutate, code, on_line, kind, tmp_path):
    text = mutate((REPORTS / "clean_2021_department.txt").read_text(encoding="utf-8"))
    doc, findings = findings_for(text, kind, tmp_path)
    hits = [f for f in findings if f.code == code]
    assert hits, f"{code} not reported for {case} in .{kind}: {[f.code for f in findings]}"
    if on_line:
        assert any(on_line in doc.line_text(f.line) for f in hits), [doc.line_text(f.line) for f in hits]
