"""The official statistical tables as data: rows, columns and labels of tables 二, 三 and 四 per format.

Labels are from ../shared/domain.md §2.1.2–§2.2.5. Keys are short and stable ("三（三）1", "行政复议/总计")
so that identities in rule files read like the table; labels are what reports print.
"""

from __future__ import annotations

import re
from functools import lru_cache

from msgspec import Struct

from checker.formats.labels import normalize_label
from checker.lazy import ends_with_word, regex
from checker.memo import kept_between_runs

class RowSpec(Struct, frozen=True):
    """One official row: its key, printed label, the stems that identify it, its group and columns."""

    key: str
    label: str
    # Stems that identify the row when the label is worded a little differently (the two
    # punctuation variants of the （六） rows, a missing parenthetical, curly vs straight quotes).
    stems: tuple[str, ...] = ()
    group: str = ""  # the merged group label above the row ("（三）不予公开"), for messages
    columns: tuple[str, ...] = ()  # table 二: each part has its own columns


class PartList(Struct, frozen=True):
    """A total and the rows that break it down (the 其中 of the 2007-era 附表): the total is checked
    against the sum of the parts a table lists only when the listing is complete, i.e. it has every
    part of ``required`` or the part that closes the list (``closing``, "其他…")."""

    total: str
    parts: tuple[str, ...]
    required: tuple[str, ...]
    closing: str = ""


class TableSpec(Struct, frozen=True, dict=True):
    """One official table of one format: its rows, columns and the labels it prints."""

    table: str  # "二" | "三" | "四"
    era: str  # "2019" | "2021"
    title: str
    rows: tuple[RowSpec, ...]
    columns: tuple[str, ...] = ()  # tables 三 and 四: one set for every row
    group_labels: tuple[str, ...] = ()  # labels that head groups of rows and carry no data
    header_labels: tuple[str, ...] = ()  # labels that only occur in header rows
    decimal_columns: tuple[str, ...] = ()
    signed_columns: tuple[str, ...] = ()
    unit_columns: tuple[str, ...] = ()  # amounts whose unit must be written in the cell
    part_lists: tuple[PartList, ...] = ()  # totals and their parts (the 附表; the national tables have none)
    # A family of local forms (the 2007-era 附表): its rows are the indicators it knows, none required.
    family: bool = False

    def row(self, key: str) -> RowSpec:
        # The index is kept in the instance's __dict__ (dict=True), outside the fields that equality and hash read.
        index: dict[str, RowSpec] | None = self.__dict__.get("row_index")
        if index is None:
            index = self.__dict__["row_index"] = {r.key: r for r in self.rows}
        return index[key]

    def columns_of(self, row: RowSpec) -> tuple[str, ...]:
        return row.columns or self.columns

    def cell_keys(self) -> list[tuple[str, str]]:
        return [(r.key, c) for r in self.rows for c in self.columns_of(r)]


APPLICANT_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")

_RESULT_ROWS_COMMON = (
    RowSpec("三（一）", "（一）予以公开", ("予以公开",)),
    RowSpec("三（二）", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",)),
    RowSpec("三（三）1", "1.属于国家秘密", ("国家秘密",), "（三）不予公开"),
    RowSpec("三（三）2", "2.其他法律行政法规禁止公开", ("法律行政法规禁止公开",), "（三）不予公开"),
    RowSpec("三（三）3", "3.危及“三安全一稳定”", ("三安全一稳定",), "（三）不予公开"),
    RowSpec("三（三）4", "4.保护第三方合法权益", ("第三方合法权益",), "（三）不予公开"),
    RowSpec("三（三）5", "5.属于三类内部事务信息", ("内部事务信息",), "（三）不予公开"),
    RowSpec("三（三）6", "6.属于四类过程性信息", ("过程性信息",), "（三）不予公开"),
    RowSpec("三（三）7", "7.属于行政执法案卷", ("行政执法案卷",), "（三）不予公开"),
    RowSpec("三（三）8", "8.属于行政查询事项", ("行政查询事项",), "（三）不予公开"),
    RowSpec("三（四）1", "1.本机关不掌握相关政府信息", ("不掌握相关政府信息",), "（四）无法提供"),
    RowSpec("三（四）2", "2.没有现成信息需要另行制作", ("没有现成信息",), "（四）无法提供"),
    RowSpec("三（四）3", "3.补正后申请内容仍不明确", ("补正后申请内容仍不明确",), "（四）无法提供"),
    RowSpec("三（五）1", "1.信访举报投诉类申请", ("信访举报投诉",), "（五）不予处理"),
    RowSpec("三（五）2", "2.重复申请", ("重复申请",), "（五）不予处理"),
    RowSpec("三（五）3", "3.要求提供公开出版物", ("公开出版物",), "（五）不予处理"),
    RowSpec("三（五）4", "4.无正当理由大量反复申请", ("大量反复申请",), "（五）不予处理"),
    RowSpec("三（五）5", "5.要求行政机关确认或重新出具已获取信息", ("确认或重新出具",), "（五）不予处理"),
)

_TABLE3_HEAD = (
    RowSpec("一", "一、本年新收政府信息公开申请数量", ("本年新收",)),
    RowSpec("二", "二、上年结转政府信息公开申请数量", ("上年结转",)),
)
_TABLE3_TAIL = (
    RowSpec("三（七）", "（七）总计", ("总计",)),
    RowSpec("四", "四、结转下年度继续办理", ("结转下年度",)),
)
_TABLE3_HEADERS = ("申请人情况", "法人或其他组织", "本列数据的勾稽关系", "信息内容") + APPLICANT_COLUMNS

TABLE3_2021 = TableSpec(
    table="三", era="2021", title="三、收到和处理政府信息公开申请情况",
    rows=_TABLE3_HEAD + _RESULT_ROWS_COMMON + (
        RowSpec("三（六）1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                ("无正当理由逾期不补正",), "（六）其他处理"),
        RowSpec("三（六）2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                ("逾期未按收费通知要求缴纳费用",), "（六）其他处理"),
        RowSpec("三（六）3", "3.其他", ("其他",), "（六）其他处理"),
    ) + _TABLE3_TAIL,
    columns=APPLICANT_COLUMNS,
    group_labels=("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"),
    header_labels=_TABLE3_HEADERS,
)

# 2019 trial format: the same table with a single "（六）其他处理" data row (domain.md §2.1.3).
TABLE3_2019 = TableSpec(
    table="三", era="2019", title="三、收到和处理政府信息公开申请情况",
    rows=_TABLE3_HEAD + _RESULT_ROWS_COMMON + (RowSpec("三（六）", "（六）其他处理", ("其他处理",)),) + _TABLE3_TAIL,
    columns=APPLICANT_COLUMNS,
    group_labels=("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理"),
    header_labels=_TABLE3_HEADERS,
)

REVIEW_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
REVIEW_ITEMS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
_TABLE4_COLUMNS = tuple(f"{g}/{i}" for g in REVIEW_GROUPS for i in REVIEW_ITEMS)


def _table4(era: str) -> TableSpec:
    return TableSpec(
        table="四", era=era, title="四、政府信息公开行政复议、行政诉讼情况",
        rows=(RowSpec("件数", "件数"),), columns=_TABLE4_COLUMNS,
        header_labels=("行政复议", "行政诉讼") + REVIEW_GROUPS + REVIEW_ITEMS,
    )


TABLE4_2021, TABLE4_2019 = _table4("2021"), _table4("2019")

_T2_2021_RULES = ("本年制发件数", "本年废止件数", "现行有效件数")
TABLE2_2021 = TableSpec(
    table="二", era="2021", title="二、主动公开政府信息情况",
    rows=(
        RowSpec("规章", "规章", ("规章",), "第二十条第（一）项", _T2_2021_RULES),
        RowSpec("行政规范性文件", "行政规范性文件", ("规范性文件",), "第二十条第（一）项", _T2_2021_RULES),
        RowSpec("行政许可", "行政许可", ("行政许可",), "第二十条第（五）项", ("本年处理决定数量",)),
        RowSpec("行政处罚", "行政处罚", ("行政处罚",), "第二十条第（六）项", ("本年处理决定数量",)),
        RowSpec("行政强制", "行政强制", ("行政强制",), "第二十条第（六）项", ("本年处理决定数量",)),
        RowSpec("行政事业性收费", "行政事业性收费", ("行政事业性收费",), "第二十条第（八）项",
                ("本年收费金额（单位：万元）",)),
    ),
    header_labels=("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "信息内容",
                   "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）"),
    decimal_columns=("本年收费金额（单位：万元）",),
)

_T2_2019_RULES = ("本年新制作数量", "本年新公开数量", "对外公开总数量")
_T2_2019_ITEMS = ("上一年项目数量", "本年增/减", "处理决定数量")
TABLE2_2019 = TableSpec(
    table="二", era="2019", title="二、主动公开政府信息情况",
    rows=(
        RowSpec("规章", "规章", ("规章",), "第二十条第（一）项", _T2_2019_RULES),
        RowSpec("规范性文件", "规范性文件", ("规范性文件",), "第二十条第（一）项", _T2_2019_RULES),
        RowSpec("行政许可", "行政许可", ("行政许可",), "第二十条第（五）项", _T2_2019_ITEMS),
        RowSpec("其他对外管理服务事项", "其他对外管理服务事项", ("其他对外管理服务事项",), "第二十条第（五）项",
                _T2_2019_ITEMS),
        RowSpec("行政处罚", "行政处罚", ("行政处罚",), "第二十条第（六）项", _T2_2019_ITEMS),
        RowSpec("行政强制", "行政强制", ("行政强制",), "第二十条第（六）项", _T2_2019_ITEMS),
        RowSpec("行政事业性收费", "行政事业性收费", ("行政事业性收费",), "第二十条第（八）项", ("上一年项目数量", "本年增/减")),
        RowSpec("政府集中采购", "政府集中采购", ("政府集中采购",), "第二十条第（九）项", ("采购项目数量", "采购总金额")),
    ),
    header_labels=("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项",
                   "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
                   "处理决定数量", "采购项目数量", "采购总金额"),
    decimal_columns=("采购总金额",),
    signed_columns=("本年增/减",),
    unit_columns=("采购总金额",),
)

SPECS = {
    ("二", "2021"): TABLE2_2021, ("二", "2019"): TABLE2_2019,
    ("三", "2021"): TABLE3_2021, ("三", "2019"): TABLE3_2019,
    ("四", "2021"): TABLE4_2021, ("四", "2019"): TABLE4_2019,
}
TABLE_IDS = ("二", "三", "四")


def spec_for(table: str, era: str) -> TableSpec:
    return SPECS[(table, era)]


# Labels that only one format uses: finding one in a report of the other era is T003.
ERA_MARKERS = {
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "其他对外管理服务事项",
             "政府集中采购", "采购项目数量", "采购总金额", "第二十条第（九）项"),
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "无正当理由逾期不补正",
             "逾期未按收费通知要求缴纳费用"),
}


# --- Row labels that are not headings ------------------------------------------------------------
# Text copied from a web table puts each row label of table 三 on a line of its own; they are
# numbered like headings (一、 （一） 1.) but are not headings. Derived from the table-三 specs: each
# row and group label cut to its stem, without the official continuation ("（区分处理的…）",
# "、行政机关不再处理…"), which _is_label_run accepts after a stem.
_CN_NUMERALS = frozenset("一二三四五六七八九十")


def _run_end(text: str, start: int, allowed: frozenset[str] | str, digits: bool = False) -> int:
    """Where the run of ``allowed`` characters (and decimal digits, with ``digits``: a regex's ``\\d``)
    that starts at ``start`` ends."""
    end = start
    while end < len(text) and (text[end] in allowed or (digits and text[end].isdecimal())):
        end += 1
    return end


def _label_token_end(label: str) -> int:
    """The end of the numbering token a row label starts with (0: none): ``^(?:[一…十]+、|（[一…十]+）|\\d+\\.)``,
    read by hand, as the labels are read while the module loads."""
    end = _run_end(label, 0, _CN_NUMERALS)
    if end and label[end:end + 1] == "、":
        return end + 1
    if label[:1] == "（":
        end = _run_end(label, 1, _CN_NUMERALS)
        if end > 1 and label[end:end + 1] == "）":
            return end + 1
    end = _run_end(label, 0, "", digits=True)
    if end and label[end:end + 1] == ".":
        return end + 1
    return 0


def _label_stem(label: str) -> str:
    start = _label_token_end(label)
    cuts = [i for i in (label.find("（", start), label.find("、", start)) if i >= 0]
    return label[: min(cuts)] if cuts else label


def _table_row_labels() -> tuple[str, ...]:
    out: dict[str, None] = {}
    for spec in (TABLE3_2019, TABLE3_2021):
        for label in [r.label for r in spec.rows] + list(spec.group_labels):
            out.setdefault(_label_stem(label))
    return tuple(out)


TABLE_ROW_LABELS = _table_row_labels()
_TABLE_LABELS_NORMALIZED = tuple(normalize_label(x) for x in TABLE_ROW_LABELS)


def is_table_row_label(text: str) -> bool:
    """True for a line that is an official table row label, alone or followed by its numbers, or a row
    of the 2007-era 附表 (is_appendix_row)."""
    t = normalize_label(text)  # no white space left: a trailing run of digits is the row's numbers
    end = len(t)
    while end and (t[end - 1].isdecimal() or t[end - 1] == "\t"):
        end -= 1
    return _is_label_run(t[:end]) or is_appendix_row(text)


def _is_label_run(t: str) -> bool:
    # Only the official continuations may follow a stem: "（区分处理的…）", "、行政机关不再处理…",
    # or the next label on the same line ("（三）不予公开 1.属于国家秘密 0 0 …" after a merged cell).
    for label in _TABLE_LABELS_NORMALIZED:
        if t == label:
            return True
        if t.startswith(label):
            rest = t[len(label):]
            if rest[0] in "（、，" or _is_label_run(rest):
                return True
    return False


# --- The 附表 of the 2007 era (reports for 2008–2018) -------------------------------------------
# There was no national format before 2019 (domain.md §1.1, §3.3): provinces and cities prescribed
# their own 统计表, one column of counts against a list of indicators, with an 其中 structure. They
# vary, so they are one family: each indicator has the labels its variants print (``synonyms``,
# compared after indicator_key strips numbering, 其中, units and a trailing 数), and the indicators
# that break down another name it as their ``parent``. The identities are those of the 其中 structure
# (domain.md §3.3: 申请总数 = Σ 申请方式, 答复总数 = Σ 答复类别, 否决 = Σ 否决原因); a total is checked
# only when its parts are listed completely: every part of ``required_parts`` is there, or the part
# that closes the list (``closing_part``, "其他…"). Keys are "总数/分项" so a rule reads like the table.


class IndicatorSpec(Struct, frozen=True):
    """One indicator of the 2007-era 附表: the labels its variants print and the parts it has."""

    key: str
    label: str  # the commonest printed form, for messages
    synonyms: tuple[str, ...] = ()
    parent: str = ""
    unit: str = "件"
    required_parts: tuple[str, ...] = ()
    closing_part: str = ""


def _i(key: str, label: str, *synonyms: str, parent: str = "", unit: str = "件",
       required: tuple[str, ...] = (), closing: str = "") -> IndicatorSpec:
    return IndicatorSpec(key, label, synonyms, parent, unit, required, closing)


APPENDIX_INDICATORS = (
    # 主动公开情况
    _i("主动公开", "主动公开政府信息数", "主动公开信息", "主动公开政府信息总数", unit="条"),
    _i("主动公开/规范性文件", "其中：主动公开规范性文件数", "主动公开规范性文件", parent="主动公开", unit="条"),
    _i("制发规范性文件", "制发规范性文件总数", "制发规范性文件", unit="件"),
    # 依申请公开情况: the channels of a request
    _i("申请", "收到申请数", "申请总数", "收到申请", "受理申请", "收到政府信息公开申请", "受理政府信息公开申请",
       required=("申请/当面", "申请/传真", "申请/网络", "申请/信函"), closing="申请/其他"),
    _i("申请/当面", "当面申请数", "当面申请", parent="申请"),
    _i("申请/传真", "传真申请数", "传真申请", parent="申请"),
    _i("申请/网络", "网络申请数", "网络申请", "网上申请", "互联网申请", parent="申请"),
    _i("申请/电子邮件", "电子邮件申请数", "电子邮件申请", parent="申请"),
    _i("申请/信函", "信函申请数", "信函申请", parent="申请"),
    _i("申请/其他", "其他形式申请数", "其他形式申请", "其他方式申请", parent="申请"),
    # how the requests were closed
    _i("办结", "申请办结数", "申请办结", "办结申请", required=("办结/按时", "办结/延期")),
    _i("办结/按时", "按时办结数", "按时办结", parent="办结"),
    _i("办结/延期", "延期办结数", "延期办结", parent="办结"),
    # the answers
    _i("答复", "申请答复数", "申请答复", "对申请的答复总数", "答复总数", "答复申请",
       required=("答复/同意公开", "答复/部分公开", "答复/不同意公开")),
    _i("答复/已主动公开", "属于已主动公开范围数", "属于已主动公开范围", "属于已主动公开", parent="答复"),
    _i("答复/同意公开", "同意公开答复数", "同意公开答复", "同意公开", parent="答复"),
    _i("答复/部分公开", "同意部分公开答复数", "同意部分公开答复", "同意部分公开", "部分公开", parent="答复"),
    _i("答复/不同意公开", "不同意公开答复数", "不同意公开答复", "不同意公开", "否决公开答复总数", "不予公开答复",
       "不予公开", parent="答复",
       required=("不同意/国家秘密", "不同意/商业秘密", "不同意/个人隐私", "不同意/三安全一稳定", "不同意/非政府信息"),
       closing="不同意/其他情形"),
    _i("不同意/国家秘密", "涉及国家秘密", "涉及国家秘密", "属于国家秘密", parent="答复/不同意公开"),
    _i("不同意/商业秘密", "涉及商业秘密", "涉及商业秘密", "属于商业秘密", parent="答复/不同意公开"),
    _i("不同意/个人隐私", "涉及个人隐私", "涉及个人隐私", "属于个人隐私", parent="答复/不同意公开"),
    _i("不同意/三安全一稳定", "危及国家安全、公共安全、经济安全和社会稳定",
       "危及国家安全、公共安全、经济安全和社会稳定", "危及国家安全、公共安全、经济安全或社会稳定",
       parent="答复/不同意公开"),
    _i("不同意/非政府信息", "不是《条例》所指政府信息", "不是《条例》所指政府信息", "非《条例》所指政府信息",
       "不属于《条例》所指政府信息", parent="答复/不同意公开"),
    _i("不同意/其他情形", "法律法规规定的其他情形", "法律法规规定的其他情形", "法律、法规规定的其他情形",
       parent="答复/不同意公开"),
    _i("答复/非本机关", "不属于本行政机关公开数", "不属于本行政机关公开", "不属于本机关公开", "非本机关政府信息",
       "非本机关掌握", parent="答复"),
    _i("答复/不存在", "申请信息不存在数", "申请信息不存在", "信息不存在", parent="答复"),
    _i("答复/更改补充", "告知作出更改补充数", "告知作出更改补充", "告知申请人作出更改补充", parent="答复"),
    _i("答复/其他途径", "告知通过其他途径办理数", "告知通过其他途径办理", parent="答复"),
    # 行政复议、行政诉讼、举报投诉: each with its outcomes (the outcome labels repeat under each; the
    # parser reads an outcome as a part of the total above it)
    *(_group for total, label, synonyms, upheld in (
        ("行政复议", "行政复议数量", ("行政复议数量", "行政复议", "申请行政复议"), ("维持具体行政行为",)),
        ("行政诉讼", "行政诉讼数量", ("行政诉讼数量", "行政诉讼", "提起行政诉讼"),
         ("维持具体行政行为或者驳回原告诉讼请求", "维持具体行政行为或驳回原告诉讼请求", "维持具体行政行为")),
        ("举报投诉", "举报投诉数量", ("举报投诉数量", "举报投诉"), ("维持具体行政行为",)),
    ) for _group in (
        _i(total, label, *synonyms, required=(f"{total}/维持", f"{total}/纠错", f"{total}/其他")),
        _i(f"{total}/维持", upheld[0] + "数", *upheld, parent=total),
        _i(f"{total}/纠错", "被依法纠错数", "被依法纠错", "被纠错", "依法纠错", parent=total),
        _i(f"{total}/其他", "其他情形数", "其他情形", parent=total),
    )),
    _i("收费", "依申请公开信息收取的费用", "依申请公开信息收取的费用", "依申请公开收取的费用", "收取费用",
       unit="万元"),
    # 机构建设和保障经费情况
    _i("工作人员", "从事政府信息公开工作人员数", "从事政府信息公开工作人员", "政府信息公开工作人员", unit="人",
       required=("工作人员/专职", "工作人员/兼职")),
    _i("工作人员/专职", "专职人员数", "专职人员", parent="工作人员", unit="人"),
    _i("工作人员/兼职", "兼职人员数", "兼职人员", parent="工作人员", unit="人"),
)

# Rows that head a group of indicators, and column headers: known, carrying no count of their own.
APPENDIX_GROUPS = ("主动公开情况", "回应解读情况", "依申请公开情况", "行政复议和行政诉讼情况", "机构建设和保障经费情况",
                   "政府信息公开会议和培训情况", "通过不同渠道和方式公开政府信息的情况", "通过不同渠道和方式回应解读的情况")
APPENDIX_HEADERS = ("指标名称", "统计指标", "指标", "单位", "计量单位", "统计数", "数量", "本年度", "备注", "序号", "项目")
# Units printed in their own cell ("收到申请数 | 件 | 31") or after the label ("收到申请数（件）").
APPENDIX_UNITS = ("人次", "万元", "件", "条", "个", "人", "次", "篇", "项", "元", "家", "期", "场")
APPENDIX_TITLE = "政府信息公开情况统计表"
APPENDIX_COLUMN = "统计数"
APPENDIX_TABLE = "附表"

APPENDIX_2007 = TableSpec(
    table=APPENDIX_TABLE, era="2007", title=APPENDIX_TITLE,
    rows=tuple(RowSpec(i.key, i.label) for i in APPENDIX_INDICATORS), columns=(APPENDIX_COLUMN,),
    group_labels=APPENDIX_GROUPS, header_labels=APPENDIX_HEADERS, family=True,
    decimal_columns=(APPENDIX_COLUMN,),  # 收费 and 专项经费 are amounts in 万元
    part_lists=tuple(PartList(t.key, tuple(i.key for i in APPENDIX_INDICATORS if i.parent == t.key),
                              t.required_parts, t.closing_part)
                     for t in APPENDIX_INDICATORS if t.required_parts or t.closing_part),
)
APPENDIX_INDEX = {i.key: i for i in APPENDIX_INDICATORS}

# Every table a rule may name: the national tables of each era and the 2007-era 附表 (kept out of
# SPECS, which layout recovery reads for the national tables' labels).
ALL_SPECS = {**SPECS, (APPENDIX_TABLE, "2007"): APPENDIX_2007}

# indicator_key is worked out for every 附表 label when the module loads and for every numbered heading of
# a report (is_table_row_label), so it is written with str methods: its regexes would be most of the
# module's start-up. Each step is the regex named in its comment, read by hand.
_CIRCLED = (0x2460, 0x2473)  # ①-⑳
_NUMBER_STOPS = "、.．"
_QUOTES = str.maketrans("", "", "“'\"")
_UNIT_SUFFIXES = frozenset(f"{opening}{lead}{unit}{closing}" for opening in "（(" for lead in ("", "单位:", "单位：")
                           for unit in APPENDIX_UNITS for closing in "）)")
_UNIT_SUFFIX_LENGTHS = sorted({len(x) for x in _UNIT_SUFFIXES}, reverse=True)
_COUNT_SUFFIXES = ("总数", "数量", "数", "的情况", "情况")
# How an indicator written alone ends: "(?:数|数量|[（(](?:件|…)[）)])$".
_INDICATOR_ENDS = ("数", "数量") + tuple(f"{o}{u}{c}" for o in "（(" for u in APPENDIX_UNITS for c in "）)")


def _numbering_end(t: str) -> int:
    """``^(?:[一…十]+[、.．]|[（(][一…十\\d]+[）)]|\\d{1,2}[.．、]|[①-⑳])``: where the numbering ends (0: none)."""
    first = t[:1]
    if not first:
        return 0
    if first in _CN_NUMERALS:
        end = _run_end(t, 0, _CN_NUMERALS)
        return end + 1 if t[end:end + 1] and t[end] in _NUMBER_STOPS else 0
    if first in "（(":
        end = _run_end(t, 1, _CN_NUMERALS, digits=True)
        return end + 1 if end > 1 and t[end:end + 1] and t[end] in "）)" else 0
    if first.isdecimal():
        for width in (2, 1):  # \d{1,2} is greedy: two digits first
            if t[:width].isdecimal() and len(t) > width and t[width] in _NUMBER_STOPS:
                return width + 1
        return 0
    return 1 if _CIRCLED[0] <= ord(first) <= _CIRCLED[1] else 0


def _without_lead(t: str) -> str:
    """``re.sub(r"^其中[：:，]?", "", t)``."""
    if not t.startswith("其中"):
        return t
    return t[3:] if t[2:3] and t[2] in "：:，" else t[2:]


def _without_unit(t: str) -> str:
    """``re.sub(r"[（(](?:单位[:：])?(?:件|…)[）)]$", "", t)``: the longest such suffix is the leftmost match."""
    for width in _UNIT_SUFFIX_LENGTHS:
        if len(t) >= width and t[-width:] in _UNIT_SUFFIXES:
            return t[:-width]
    return t


def _without_explanation(t: str) -> str:
    """``re.sub(r"（[^（）]{2,}）$", "", t)``: the last （ before the closing ）, with two or more characters
    and no bracket between them."""
    if not t.endswith("）"):
        return t
    start = t.rfind("（", 0, len(t) - 1)
    if start < 0 or len(t) - start - 2 < 2 or "）" in t[start + 1:-1]:
        return t
    return t[:start]


def _without_count_word(t: str) -> str:
    """``re.sub(r"(?:总数|数量|数|的情况|情况)$", "", t)``: the leftmost match is the longest suffix."""
    cut = max((len(s) for s in _COUNT_SUFFIXES if t.endswith(s)), default=0)
    return t[:-cut] if cut else t


@lru_cache(maxsize=1 << 14)
def indicator_key(label: str) -> str:
    """A printed indicator label as its variants share it: without numbering ("（一）", "1.", "(1)"),
    "其中：", quotes, a unit in brackets ("（件）") and a trailing 数/数量/总数 ("收到申请数" → "收到申请")."""
    t = normalize_label(label).translate(_QUOTES)  # “同意公开答复”数, '申请信息不存在'数; no white space left
    for _ in range(3):  # "其中：1.当面申请数", "（1）其中：…"
        t = _without_lead(t[_numbering_end(t):])
    t = _without_unit(t)
    t = _without_explanation(t)  # an explanation: "专职人员数（不包括政府公报及政府网站工作人员数）"
    return _without_count_word(t) or t


def _keys_to_data(keys: tuple[list[str], list[str]]) -> list[list[str]]:
    return [list(keys[0]), list(keys[1])]


def _keys_from_data(data: object) -> tuple[list[str], list[str]]:
    if not (isinstance(data, list) and len(data) == 2 and all(isinstance(d, list) for d in data)
            and all(set(map(type, d)) <= {str} for d in data)):
        raise TypeError("not two lists of strings")
    return data[0], data[1]


@kept_between_runs(_keys_to_data, _keys_from_data)  # ~120 labels worked out: 1 % of a cold start, not every run
def _appendix_key_lists() -> tuple[list[str], list[str]]:
    indicators = {indicator_key(f) for i in APPENDIX_INDICATORS for f in (i.label, *i.synonyms)}
    return sorted(indicators), sorted({indicator_key(g) for g in APPENDIX_GROUPS})


@lru_cache(maxsize=1)
def appendix_keys() -> tuple[frozenset[str], frozenset[str]]:
    """The indicator_key of every label (and synonym) of the 2007 附表's indicators, and of its groups' names;
    worked out on first use (after the rules, whose cache file keeps them between runs, have loaded)."""
    indicators, groups = _appendix_key_lists()
    return frozenset(indicators), frozenset(groups)
_ROW_VALUES = regex(r"(?:[\s\t]+(?:[+\-]?\d[\d,.]*|[—\-－/]+|" + "|".join(APPENDIX_UNITS) + r"))+$")
# The last character of a line _ROW_VALUES matches (besides a digit): most lines (every heading of a
# report) end otherwise, and are neither searched nor make a start compile the pattern.
_ROW_VALUES_LAST = frozenset(",.—-－/" + "".join(unit[-1] for unit in APPENDIX_UNITS))


def _row_values(line: str) -> re.Match[str] | None:
    """``_ROW_VALUES.search(line)`` of a stripped line."""
    last = line[-1:]
    if not last or not (last in _ROW_VALUES_LAST or last.isdecimal()):
        return None
    return _ROW_VALUES.search(line)


def is_appendix_row(text: str) -> bool:
    """A line of the 附表 copied as text: a label followed by its unit and count or by dashes, or an
    indicator written as one ("（一）收到申请数", "其中：…数（件）") alone or with its count. A bare phrase
    that could head a section ("（一）主动公开信息", "三、依申请公开情况") is not one."""
    line = text.strip()
    values = _row_values(line)
    if values:
        cells = values.group(0).split()
        if (any(c in APPENDIX_UNITS for c in cells) and any(c[0].isdigit() for c in cells)) or (
                len(cells) >= 2 and all(set(c) <= set("—-－/") for c in cells)):
            return True  # "1.政府公报公开政府信息数  条  12", "（二）…的情况  —  —": a row, whatever its label
    label = line[: values.start()] if values else line
    if values and re.search(r"数[）)]?$", label.strip()):
        return True  # "2.政府网站公开政府信息数  452": an indicator of a local form with its count
    key = indicator_key(label)
    indicators, groups = appendix_keys()
    if key in indicators:
        return bool(values) or ends_with_word(normalize_label(label), _INDICATOR_ENDS)
    return bool(values) and key in groups
