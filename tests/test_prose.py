"""Prose numbers: counts against the tables (T020), percentages (T021), parts above their total (T022).

Most cases are false alarms that must stay silent: parts, combined figures, differences, estimates,
other years, rates. Each defect case checks the code, the line and the column of the number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.rules import load_rules
from tests.support.reports import check_document
from checker.facts.sentences import clause_start, mask_parentheses, sentences
from checker.kinds._counts import NUMBER, compile_count_pattern
from checker.readers.plaintext import read_txt

RULES = {r.code: r for r in load_rules()}
REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"

TITLE = "青禾市水利局2023年政府信息公开工作年度报告"
# Table 三 (2021 format, rows that matter here) and table 四, read from space-separated text.
TABLES = """三、收到和处理政府信息公开申请情况
自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
一、本年新收政府信息公开申请数量 3 1 0 0 0 0 4
二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1
（一）予以公开 2 0 0 0 0 0 2
（二）部分公开 1 0 0 0 0 0 1
1.属于国家秘密 0 0 0 0 0 0 0
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
3.危及“三安全一稳定” 0 0 0 0 0 0 0
4.保护第三方合法权益 0 1 0 0 0 0 1
5.属于三类内部事务信息 0 0 0 0 0 0 0
6.属于四类过程性信息 0 0 0 0 0 0 0
7.属于行政执法案卷 0 0 0 0 0 0 0
8.属于行政查询事项 0 0 0 0 0 0 0
（七）总计 3 1 0 0 0 0 4
四、结转下年度继续办理 1 0 0 0 0 0 1
四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉
结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计
1 0 0 0 1 0 0 0 1 1 0 0 0 0 0"""

TABLE2 = """二、主动公开政府信息情况
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 0
行政规范性文件 3 1 17"""


def report(prose: str, title: str = TITLE, tables: str = TABLES) -> str:
    return f"{title}\n一、总体情况\n{prose}\n{tables}\n"


def findings(code: str, text: str):
    doc = read_txt("report.txt", text.encode("utf-8"))
    return [f for f in check_document(doc, [RULES[code]]) if f.code == code]


# --- helpers ------------------------------------------------------------------------------------

def test_number_pattern_reads_arabic_fullwidth_and_chinese():
    rx = compile_count_pattern("申请{N}件")
    for text, raw in [("申请37件", "37"), ("申请３７件", "３７"), ("申请十二件", "十二"), ("申请两件", "两")]:
        assert rx.search(text).group("n") == raw


def test_number_pattern_needs_exactly_one_placeholder():
    with pytest.raises(ValueError):
        compile_count_pattern("申请件")
    with pytest.raises(ValueError):
        compile_count_pattern("{N}申请{N}件")


def test_number_is_not_the_tail_of_a_longer_number_or_an_ordinal():
    import re
    rx = re.compile(f"(?P<n>{NUMBER})件")
    assert rx.search("共1.5件") is None
    assert rx.search("第三件") is None


def test_sentences_clauses_and_brackets():
    assert [s for _, s in sentences("甲。乙！丙")] == ["甲。", "乙！", "丙"]
    assert clause_start("共4件，其中自然人3件", 10) == 4
    masked = mask_parentheses("不予公开3件（涉及国家秘密1件），无法提供2件")
    assert "1件" not in masked and len(masked) == len("不予公开3件（涉及国家秘密1件），无法提供2件")


# --- T020 ---------------------------------------------------------------------------------------

T020_SILENT = [
    ("consistent", "本年度共新收政府信息公开申请4件，上年结转1件，全年办结4件，结转下年度继续办理1件。"),
    ("part-by-applicant-without-total", "其中自然人申请30件。"),
    ("part-by-channel", "全年办结4件，其中网上收到申请20件。"),
    ("combined-figure", "予以公开及部分公开3件，予以公开和部分公开合计3件。"),
    ("respectively", "予以公开和部分公开分别为2件、1件。"),
    ("difference", "新收申请同比增长5件，予以公开较上年增加5件。"),
    ("estimate-before", "本年度新收申请近200件，予以公开约50件。"),
    ("estimate-after", "本年度新收申请200件以上，予以公开30件左右。"),
    ("approximate-many", "本年度新收申请200余件。"),
    ("other-year", "2022年新收政府信息公开申请30件，2023年新收政府信息公开申请4件。"),
    ("last-year-word", "上年度新收申请30件，去年予以公开9件。"),
    ("not-disclosed-is-not-disclosed", "不予以公开7件。"),
    ("late-answers", "逾期答复2件，延期答复3件。"),
    ("percent-only", "予以公开占比50%。"),
    ("breakdown-consistent", "本年度共新收政府信息公开申请4件，其中自然人提出3件、法人或其他组织提出1件。"),
    ("breakdown-of-another-total", "上年结转1件，其中自然人3件、企业1件。"),
    ("person-times", "受理申请4件次，予以公开9件次。"),
    ("review-then-litigation", "经行政复议后提起行政诉讼1件。"),
    ("including-carried-over", "全年共收到政府信息公开申请5件（含上年结转1件）。"),
    ("phrase-not-a-count", "受理申请人提出的申请4件以外的事项，办结的申请中予以公开的占多数。"),
    ("channel-subset", "本年度收到的申请中，通过政府网站在线申请3件。"),
]


@pytest.mark.parametrize("name,prose", T020_SILENT, ids=[c[0] for c in T020_SILENT])
def test_t020_silent(name, prose):
    assert findings("T020", report(prose)) == []


T020_FIRES = [
    # (case, prose with ^ before the number the finding points at, words in the message)
    ("new", "本年度共新收政府信息公开申请^5件。", ["新收申请5件", "总计列", "4件"]),
    ("carried-over", "上年结转政府信息公开申请^2件。", ["上年结转2件"]),
    ("answered", "全年办结^3件。", ["（七）总计", "4件"]),
    ("answered-all", "已全部答复，共答复^5件。", ["办结5件"]),
    ("disclosed-after-qizhong", "全年办结4件，其中予以公开^3件。", ["予以公开3件", "（一）予以公开"]),
    ("partly", "部分公开^2件。", ["部分公开2件"]),
    ("combined", "予以公开及部分公开^258件。", ["予以公开和部分公开258件", "之和", "3件"]),
    ("refused-sum", "不予公开^3件。", ["各项之和", "1件"]),
    ("carried-forward", "结转下年度继续办理^3件。", ["结转下年度继续办理3件"]),
    ("carried-forward-number-first", "另有^2件因答复期限尚未届满，结转下年度继续办理。", ["结转下年度继续办理2件"]),
    ("review", "被申请行政复议^2件。", ["行政复议2件", "表四“行政复议”总计", "1件"]),
    ("litigation", "被提起行政诉讼^3件。", ["行政诉讼3件", "未经复议直接起诉"]),
    ("chinese-numeral", "本年度新收政府信息公开申请^十二件。", ["新收申请十二件"]),
    ("liang", "被提起行政诉讼^两件。", ["行政诉讼两件"]),
    ("fullwidth", "全年办结^５件。", ["办结５件"]),
    ("applicant-breakdown", "本年度共新收政府信息公开申请4件，其中自然人提出^2件、法人或其他组织2件。",
     ["自然人新收申请2件", "（自然人列）", "3件"]),
    ("applicant-legal-persons", "本年度共新收政府信息公开申请4件，其中自然人3件、法人或其他组织^0件。",
     ["法人或其他组织新收申请0件", "列之和", "1件"]),
    ("same-year-named", "2023年新收政府信息公开申请^6件。", ["新收申请6件"]),
]


@pytest.mark.parametrize("name,marked,words", T020_FIRES, ids=[c[0] for c in T020_FIRES])
def test_t020_fires(name, marked, words):
    prose = marked.replace("^", "")
    found = findings("T020", report(prose))
    assert found, "T020 did not fire"
    assert {f.line for f in found} == {3}
    assert marked.index("^") + 1 in {f.column for f in found}
    message = " ".join(f.message for f in found)
    for word in words:
        assert word in message, message


def test_t020_points_at_the_number():
    prose = "本年度共新收政府信息公开申请4件，予以公开3件。"
    (f,) = findings("T020", report(prose))
    assert (f.line, f.column) == (3, prose.index("3件") + 1)
    assert f.message == "正文称予以公开3件，表三“（一）予以公开”（总计列）为2件，二者不一致。"


def test_t020_table_two_documents():
    prose = "本年度制发行政规范性文件3件，截至年底现行有效的行政规范性文件共18件。"
    (f,) = findings("T020", report(prose, tables=TABLE2 + "\n" + TABLES))
    assert "现行有效行政规范性文件18件" in f.message and "17件" in f.message


def test_t020_silent_without_tables_and_before_2019():
    assert findings("T020", report("本年度共新收政府信息公开申请5件。", tables="")) == []
    old = report("本年度共新收政府信息公开申请5件。", title="青禾市水利局2016年政府信息公开工作年度报告")
    assert findings("T020", old) == []


def test_t020_english_message():
    doc = read_txt("report.txt", report("予以公开3件。").encode("utf-8"))
    (f,) = [f for f in check_document(doc, [RULES["T020"]], lang="en") if f.code == "T020"]
    assert f.message.startswith('The text gives "予以公开" as "3"')


@pytest.mark.parametrize("name", ["clean_2021_department", "clean_2021_government", "clean_2019_department",
                                  "clean_2022_department"])
def test_clean_reports_prose_agrees_with_tables(name):
    text = (REPORTS / f"{name}.txt").read_text(encoding="utf-8")
    for code in ("T020", "T021", "T022"):
        assert findings(code, text) == [], code


def test_clean_report_with_one_figure_changed():
    text = (REPORTS / "clean_2021_department.txt").read_text(encoding="utf-8")
    broken = text.replace("予以公开18件", "予以公开19件", 1)
    (f,) = findings("T020", broken)
    lines = broken.split("\n")
    line = lines.index(next(text for text in lines if "予以公开19件" in text)) + 1
    assert f.line == line and "予以公开19件" in f.message and "18件" in f.message


# --- T021 ---------------------------------------------------------------------------------------

T021_SILENT = [
    ("rate", "群众总体满意率为96.4%。"),
    ("growth", "新收申请同比增长12.5%。"),
    ("table-denominator", "予以公开2件，占办结总数的50%。"),
    ("rounded", "予以公开2件，部分公开1件，予以公开和部分公开合计3件，占办结总数的75.0%。"),
    ("stated-denominator", "全年办结8件，其中予以公开2件，占办结总数的25%。"),
    ("breakdown-total", "全年共受理申请40件，其中同意公开30件，占75%。"),
    ("new-requests", "自然人提出3件，占新收申请总数的75%。"),
    ("ambiguous-total-either", "自然人提出3件，占申请总数的60%。"),
    ("unknown-denominator", "予以公开2件，占全市的10%。"),
    ("bracket", "予以公开2件（50.0%），部分公开1件（25%）。"),
    ("one-place", "予以公开1件，占办结总数的25%；部分公开1件，占办结总数的25.0%。"),
    ("generic-total", "全年办结4件，其中予以公开2件，占总数的50%。"),
    ("numerator-is-the-total", "全年共受理申请4件，其中自然人申请占75%。"),
    ("breakdown-of-unmarked-figure", "新收申请4件，上年结转1件，其中予以公开2件，占40%。"),
    ("stated-in-phrase", "予以公开2件，占全年办结8件的25%。"),
]


@pytest.mark.parametrize("name,prose", T021_SILENT, ids=[c[0] for c in T021_SILENT])
def test_t021_silent(name, prose):
    assert findings("T021", report(prose)) == []


T021_FIRES = [
    ("table-denominator", "予以公开2件，占办结总数的33.9%。", "33.9%", ["2÷4", "表三“（七）总计”4件", "50.0%"]),
    ("stated-denominator", "全年办结805件，其中予以公开及部分公开258件，占办结总数的33.9%。", "33.9%",
     ["258÷805", "正文所称办结805件", "32.0%"]),
    ("breakdown-total", "全年共受理申请40件，其中同意公开30件，占70%。", "70%", ["30÷40", "75%"]),
    ("new-requests", "自然人提出3件，占新收申请总数的70%。", "70%", ["3÷4", "75%"]),
    ("ambiguous-total-neither", "自然人提出3件，占申请总数的50%。", "50%", ["3÷4", "75%"]),
    ("bracket", "全年共受理申请4件，其中予以公开2件（40%）。", "40%", ["2÷4", "50%"]),
    ("rounding-precision", "予以公开1件，占办结总数的33.3%。", "33.3%", ["25.0%"]),
    ("generic-total", "全年办结4件，其中予以公开2件，占总数的40%。", "40%", ["2÷4", "正文所列总数4件", "50%"]),
]


@pytest.mark.parametrize("name,prose,at,words", T021_FIRES, ids=[c[0] for c in T021_FIRES])
def test_t021_fires(name, prose, at, words):
    (f,) = findings("T021", report(prose))
    assert (f.line, f.column) == (3, prose.index(at) + 1)
    for word in words:
        assert word in f.message, f.message


def test_t021_works_without_tables():
    old = "青禾市水利局2016年政府信息公开工作年度报告"
    assert findings("T021", report("全年办结8件，其中予以公开2件，占办结总数的25%。", title=old, tables="")) == []
    (f,) = findings("T021", report("全年办结8件，其中予以公开2件，占办结总数的20%。", title=old, tables=""))
    assert "25%" in f.message
    # no denominator stated and no table: nothing to compare
    assert findings("T021", report("予以公开2件，占办结总数的20%。", title=old, tables="")) == []


# --- T022 ---------------------------------------------------------------------------------------

T022_SILENT = [
    ("equal", "共受理申请25件，其中同意公开18件、部分公开3件、不予公开4件。"),
    ("fewer", "共受理申请25件，其中同意公开18件、部分公开3件。"),
    ("bracketed-sub-items", "共答复31件，其中同意公开19件，同意部分公开4件，不予公开3件（涉及国家秘密1件，"
                            "涉及商业秘密和个人隐私2件），信息不存在3件，非本机关政府信息2件。"),
    ("inclusive-sub-items", "共受理申请10件，其中同意公开6件，不予公开4件，含涉及国家秘密2件。"),
    ("dimension-switch", "共受理申请25件，其中自然人申请20件、法人申请5件，同意公开18件、部分公开3件、不予公开4件。"),
    ("no-total-marker", "上年结转2件，其中自然人3件、法人1件。"),
    ("other-unit", "共受理申请10件，其中涉及人员30人、企业12家。"),
    ("nested-qizhong", "共受理申请10件，其中同意公开6件，不予公开4件，其中涉及国家秘密3件、商业秘密2件。"),
    ("new-total-starts", "共受理申请10件，其中同意公开6件、不予公开4件，另有3件转下年度办理。"),
    ("semicolon", "共受理申请10件，其中同意公开6件、不予公开4件；予以公开和不予公开合计10件。"),
    ("estimate", "共受理申请近10件，其中同意公开6件、不予公开5件。"),
    ("items-per-channel", "全年共发布信息1187条，其中门户网站发布1187条、微信公众号发布356条。"),
    ("overlapping-topics", "共受理申请30件，其中涉及征地拆迁20件、涉及城乡规划15件。"),
    # 公共 is no 共; an earlier count in the sentence keeps "10件，其中" from being taken for an unmarked total
    ("common-not-total", "受理申请30件，公共服务类申请10件，其中同意公开6件、不予公开5件。"),
    ("change-before-breakdown", "较上年增加10件，其中同意公开6件、不予公开5件。"),
    ("carried-over-sibling", "本年度共新收申请23件，其中自然人申请20件，上年结转5件。"),
]


@pytest.mark.parametrize("name,prose", T022_SILENT, ids=[c[0] for c in T022_SILENT])
def test_t022_silent(name, prose):
    assert findings("T022", report(prose, tables="")) == []


T022_FIRES = [
    ("brief", "共受理申请25件，其中同意公开18件、部分公开3件、不予公开4件、信息不存在2件。", "25件", ["25件", "27件", "2件"]),
    ("answered", "受理的31件申请已全部按期答复，其中同意公开19件，同意部分公开4件，不予公开5件，信息不存在3件，"
                 "非本机关政府信息2件。",
     "31件", ["33件", "同意公开19件"]),
    ("chinese", "全年共受理申请十件，其中同意公开六件、不予公开五件。", "十件", ["11件"]),
    ("public-sector-word", "全年办理公共服务类申请10件，其中同意公开6件、不予公开5件。", "10件", ["11件"]),
    # one part above its total is as wrong as several (the corpus: 共新收23件，其中自然人申请25件)
    ("one-part", "共受理申请10件，其中网上申请12件。", "10件", ["12件", "2件"]),
    # a total written without 共/全年: the sentence's only count, right before 其中
    ("unmarked-total", "发布解读文章10篇，其中图解6篇、视频解读5篇。", "10篇", ["11篇", "1篇"]),
]


@pytest.mark.parametrize("name,prose,at,words", T022_FIRES, ids=[c[0] for c in T022_FIRES])
def test_t022_fires(name, prose, at, words):
    (f,) = findings("T022", report(prose, tables=""))
    assert (f.line, f.column) == (3, prose.index(at) + 1)
    for word in words:
        assert word in f.message, f.message


def test_t022_in_every_era():
    prose = "共受理申请25件，其中同意公开18件、部分公开3件、不予公开6件。"
    for year in (2016, 2020, 2023):
        title = f"青禾市水利局{year}年政府信息公开工作年度报告"
        assert findings("T022", report(prose, title=title, tables="")), year


def test_t022_pre_2019_fixture_is_consistent():
    text = (REPORTS / "clean_2007_county.txt").read_text(encoding="utf-8")
    assert findings("T022", text) == []
    broken = text.replace("同意部分公开4件", "同意部分公开6件", 1)
    (f,) = findings("T022", broken)
    assert "33件" in f.message
