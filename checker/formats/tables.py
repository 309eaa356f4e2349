"""The official statistical tables as data: rows, columns and labels of tables 二, 三 and 四 per format.

Labels are from ../shared/domain.md §2.1.2–§2.2.5. Keys are short and stable ("三（三）1", "行政复议/总计")
so that identities in rule files read like the table; labels are what reports print.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import re

from checker.formats.labels import normalize_label


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    # Stems that identify the row when the label is worded a little differently (the two
    # punctuation variants of the （六） rows, a missing parenthetical, curly vs straight quotes).
    stems: tuple[str, ...] = ()
    group: str = ""  # the merged group label above the row ("（三）不予公开"), for messages
    columns: tuple[str, ...] = ()  # table 二: each part has its own columns


@dataclass(frozen=True)
class TableSpec:
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
    row_index: dict[str, RowSpec] = field(default_factory=dict, compare=False, hash=False)

    def row(self, key: str) -> RowSpec:
        if not self.row_index:
            self.row_index.update({r.key: r for r in self.rows})
        return self.row_index[key]

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
_LABEL_TOKEN = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")


def _label_stem(label: str) -> str:
    token = _LABEL_TOKEN.match(label)
    start = token.end() if token else 0
    cut = re.search(r"[（、]", label[start:])
    return label[: start + cut.start()] if cut else label


def _table_row_labels() -> tuple[str, ...]:
    out: dict[str, None] = {}
    for spec in (TABLE3_2019, TABLE3_2021):
        for label in [r.label for r in spec.rows] + list(spec.group_labels):
            out.setdefault(_label_stem(label))
    return tuple(out)


TABLE_ROW_LABELS = _table_row_labels()
_TABLE_LABELS_NORMALIZED = tuple(normalize_label(x) for x in TABLE_ROW_LABELS)


def is_table_row_label(text: str) -> bool:
    """True for a line that is an official table row label, alone or followed by its numbers."""
    t = normalize_label(text)
    t = re.sub(r"[\d\t]+$", "", t)
    return _is_label_run(t)


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
