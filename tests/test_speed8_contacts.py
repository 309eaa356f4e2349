"""Contact patterns a cold check no longer compiles (issue 12, eighth pass), against the regexes they replace:
the labelled patterns, the bare e-mail and the web address of facts/contacts.py, found in Python, and the
well-formed landline, e-mail and web address of kinds/_contacts.py, tested in Python."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from checker.facts import contacts
from checker.kinds import _contacts
from checker.readers.plaintext import read_txt

# The regexes as they were, the oracles.
COLON = r"\s*[:：]?\s*(?:为|是)?\s*"
OLD_LABELLED = {
    "address": (r"(?:通讯|通信|联系|办公|单位)?地址", r"[^；;，,。）)\n]{2,60}"),
    "postcode": (r"(?:邮政编码|邮编)", r"[0-9０-９A-Za-z \-]{1,12}"),
    "phone": (r"(?:(?:联系|咨询|办公|服务|监督|投诉)?电话(?:号码)?(?:\s*[/、及和]\s*传真|[（(]传真[）)])?|手机(?:号码)?"
              r"|联系方式(?=\s*[:：]\s*[0-9０-９（(]))", r"[0-9０-９（）()\-－—–\s、/或转+]{3,60}"),
    "fax": (r"传真(?:号码|电话)?", r"[0-9０-９（）()\-－—–\s、/或转+]{3,40}"),
    "email": (r"(?:电子邮箱|电子信箱|电子邮件|邮箱地址|邮箱|信箱|E-?mail|email|EMAIL)",
              r"[^\s；;，,。）)（(、\u4e00-\u9fff]{1,80}"),
}
OLD_LABEL_PATTERNS = {kind: label + COLON + f"(?P<v>{value})" for kind, (label, value) in OLD_LABELLED.items()}
OLD_LABELS = {kind: re.compile(pattern) for kind, pattern in OLD_LABEL_PATTERNS.items()}
OLD_BARE_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+\s*[@＠]\s*[A-Za-z0-9.\-．]+")
OLD_URL = re.compile(
    r"(?:h\s*t\s*t\s*p\s*s?\s*[:：]?\s*[/／]{1,2}\s*|www\s*[.．。])[A-Za-z0-9.．。\-_/／:?=&%#~+\u4e00-\u9fff]*[A-Za-z0-9/]"
)
EXTENSION = r"(?:(?:转|-)\d{1,5}|\(转\d{1,5}\))?"
OLD_LANDLINE = re.compile(r"^(?:\(0\d{2,3}\)|0\d{2,3}[-—–\s]?)?[2-9]\d{6,7}" + EXTENSION + "$")
OLD_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
OLD_URL_SHAPE = re.compile(
    r"^(?:https?://)?(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?::\d{1,5})?(?:[/?#][^\s]*)?$"
)

MANY = settings(max_examples=4000, deadline=None)
SOME = settings(max_examples=2000, deadline=None)

# White space of every kind \s knows (and str.isspace), and characters just outside the classes.
SPACES = [" ", "  ", "\u3000", "\t", "\n", "\r", "\x0b", "\x1c", "\x1f", "\x85", "\xa0", "\u2028", "\u200b", "\ufeff"]
EDGES = ["\u4dff", "\u4e00", "\u9fff", "\ua000", "é", "ÿ", "\u0100", "가", "・", "\x00", "\x7f", "`", "{", "~", "_"]
# The pieces of the labels, their colons and their values, and what stops a value.
LABEL_PIECES = [
    "地址", "通讯", "通信", "联系", "办公", "单位", "地", "址", "邮政编码", "邮编", "邮政", "编码", "邮", "编",
    "电话", "号码", "咨询", "服务", "监督", "投诉", "电", "话", "号", "传真", "传", "真", "及", "和", "（传真）",
    "(传真)", "（传真)", "(传真）", "手机", "联系方式", "方式", "电子邮箱", "电子信箱", "电子邮件", "邮箱地址", "邮箱",
    "信箱", "电子", "E-mail", "Email", "email", "EMAIL", "E-", "E", "mail", "MAIL", "e",
    ":", "：", "为", "是", "；", ";", "，", ",", "。", "）", ")", "（", "(", "、", "/", "或", "转", "+", "-", "－", "—",
    "–", "0", "9", "０", "９", "٣", "0591-83215678", "12345678901234567890123456789", "351200", "ABz", "a",
    "gk@qinghe.gov.cn", "@", ".", "青禾市建设路18号", "路9号", "等",
] + SPACES + EDGES
LONG = ["1" * 25, " " * 25, "x" * 45, "路" * 35, "路" * 57, "a" * 77]  # runs past each value's bound
# A form of a label, what may say it (colons, 为, white space) and a value of the characters of any class.
FORMS = [
    "地址", "通讯地址", "联系地址", "单位地址", "邮政编码", "邮编", "电话", "联系电话", "投诉电话", "电话号码",
    "联系电话号码", "电话/传真", "电话 及 传真", "电话、传真", "电话（传真）", "电话(传真)", "电话号码和传真", "手机",
    "手机号码", "联系方式", "传真", "传真号码", "传真电话", "电子邮箱", "电子信箱", "电子邮件", "邮箱地址", "邮箱", "信箱",
    "E-mail", "Email", "email", "EMAIL",
]
SAYS = [":", "：", "为", "是", " ", "\u3000", "\t", "\n", "\x85"]
VALUE_CHARS = "0123456789０９٣（）()-－—–、/或转+ \u3000\taZ@._地路号；;，,。）)\n" + "".join(EDGES)
ENTRIES = st.tuples(st.sampled_from(FORMS), st.lists(st.sampled_from(SAYS), max_size=4).map("".join),
                    st.text(alphabet=VALUE_CHARS, max_size=70)).map("".join)
LABEL_TEXTS = st.one_of(
    st.lists(st.one_of(ENTRIES, st.sampled_from(LABEL_PIECES)), max_size=8).map("".join),
    st.lists(st.sampled_from(LABEL_PIECES + LONG), max_size=24).map("".join),
    st.lists(st.sampled_from(LABEL_PIECES), max_size=40).map("".join))
URL_PIECES = [
    "h", "t", "p", "s", "http", "https", "h t t p", "ht tp", "www", "ww", "w", "www.", "：", ":", "/", "／", "//", "／／",
    ".", "．", "。", "-", "_", "?", "=", "&", "%", "#", "~", "+", "!", "\"", "'", "*", "<", ">", "[", "]", "^", "@",
    "qinghe", "gov", "cn", "123", "政府", "网站", "下载", "（", "）", "，", "A", "Z", "a", "z", "0", "9",
] + SPACES + EDGES
URL_PREFIXES = ["http://", "https://", "h t t p s : / / ", "http:／／", "http//", "http:/", "http:/ /", "http：// ",
                "www.", "www 。", "www．", "ww.", "http://www.", "https://h", "hhttp://", "www.www."]
URL_ENTRIES = st.tuples(st.sampled_from(URL_PREFIXES),
                        st.text(alphabet="aZ09.．。-_/／:?=&%#~+ ，（\u4e00\u9fff\u4dff\ua000é\n", max_size=12)).map("".join)
URL_TEXTS = st.one_of(st.lists(st.sampled_from(URL_PIECES), max_size=30).map("".join),
                      st.lists(st.one_of(URL_ENTRIES, st.sampled_from(URL_PIECES)), max_size=6).map("".join))
EMAIL_PIECES = [
    "gk", "a", "Z", "0", "9", ".", "_", "%", "+", "-", "@", "＠", "．", "qinghe", "gov", "cn", "。", "，", "、", "/",
    "!", "#", "(", "邮箱", "：", "@@", "a@b",
] + SPACES + EDGES
EMAIL_ENTRIES = st.tuples(st.text(alphabet="aZ09._%+-é!", max_size=6), st.sampled_from(["", " ", "\u3000", "\n "]),
                          st.sampled_from(["@", "＠", "", "@@"]), st.sampled_from(["", " ", "\t"]),
                          st.text(alphabet="aZ09.-．_%é", max_size=6)).map("".join)
EMAIL_TEXTS = st.one_of(st.lists(st.sampled_from(EMAIL_PIECES), max_size=30).map("".join),
                        st.lists(st.one_of(EMAIL_ENTRIES, st.sampled_from(EMAIL_PIECES)), max_size=6).map("".join))


def _spans(matches, group=None):
    return [(m.span(), m.group(0)) + ((m.span(group), m.group(group)) if group else ()) for m in matches]


def test_the_patterns_are_the_oracles():  # the module's texts are what the finders are proved against
    assert contacts._LABEL_PATTERNS == OLD_LABEL_PATTERNS
    assert contacts._BARE_EMAIL_PATTERN == OLD_BARE_EMAIL.pattern
    assert contacts._URL_PATTERN == OLD_URL.pattern
    assert contacts._LABEL_RES.keys() == OLD_LABELS.keys()  # and in the same order: the kinds' order of findings


# -- the labelled patterns

def _same_labelled(text):
    for kind, (_, finder) in contacts._LABEL_RES.items():
        assert _spans(finder.finditer(text), "v") == _spans(OLD_LABELS[kind].finditer(text), "v"), kind


@MANY
@given(LABEL_TEXTS)
def test_labelled_values_are_the_regexes_matches(text):
    _same_labelled(text)


@SOME
@given(st.text(max_size=40))
def test_labelled_values_of_any_text(text):
    _same_labelled(text)


@SOME
@given(st.lists(st.sampled_from(LABEL_PIECES), max_size=6).map("".join), st.text(max_size=20))
def test_labelled_values_of_a_label_then_any_text(label, rest):
    _same_labelled(label + rest)
    _same_labelled(rest + label)


def test_labelled_values_where_the_regex_backtracks():
    for text in [
        "地址：X", "地址： 青", "地址为：北京", "电话：12", "电话： 12", "电话/传真：", "电话 / 传真：0591",
        "电话 、/ 传真：0591", "电话号码传真：1234", "电话（传真）：123", "联系电话号码/传真：0591-1", "联系联系电话：123",
        "联系方式：0591", "联系方式 ： （0591）", "联系方式：电话0591", "联系方式0591", "传真号码", "传真电话：1234",
        "邮箱地址：gk@a.cn", "邮箱地址", "邮箱：为政府", "信箱等渠道，电子邮箱：gk@a.cn", "E-mail:x", "Email：y",
        "邮政编码：35 12 00", "邮编 为 351200", "邮编" + " " * 20, "地址" + "路" * 70, "电话：" + "1" * 70,
        "电话：" + " " * 70 + "1", "手机号码：13800000000", "手机：1", "传真：" + "1" * 50, "邮箱：" + "a" * 90,
        "邮编：" + "1" * 15, "邮编：；", "邮编：-", "传真：12", "传真：123",
        # a value cut at its bound just after the first character of a label: the next match begins after it
        "地址：" + "路" * 59 + "联系地址：青禾", "邮箱：" + "a" * 79 + "Email：b", "地址：" + "路" * 59 + "地址：青禾",
    ]:
        _same_labelled(text)


# -- the bare e-mail and the web address

@MANY
@given(EMAIL_TEXTS)
def test_bare_emails_are_the_regexes_matches(text):
    assert _spans(contacts._bare_emails(text)) == _spans(OLD_BARE_EMAIL.finditer(text))


@MANY
@given(URL_TEXTS)
def test_web_addresses_are_the_regexes_matches(text):
    assert _spans(contacts._web_addresses(text)) == _spans(OLD_URL.finditer(text))


@SOME
@given(st.text(max_size=40))
def test_bare_emails_and_web_addresses_of_any_text(text):
    assert _spans(contacts._bare_emails(text)) == _spans(OLD_BARE_EMAIL.finditer(text))
    assert _spans(contacts._web_addresses(text)) == _spans(OLD_URL.finditer(text))


def test_bare_emails_and_web_addresses_where_the_regex_backtracks():
    for text in ["a@b_c@d", "a @ b", "a@ ", "@b", "x a@b@c", "a＠b．cn", "a\u3000@\u3000b", "é@b", "a_@b%c@d.e"]:
        assert _spans(contacts._bare_emails(text)) == _spans(OLD_BARE_EMAIL.finditer(text)), text
    for text in ["http://。", "http:／／政府网", "www.政府网。www.a.cn", "http:// x", "http:／/ ", "http://／",
                 "h t t p s ： / / a", "https:x", "http//a", "http:/a", "wwww.a", "www .a", "www.", "hhttp://a"]:
        assert _spans(contacts._web_addresses(text)) == _spans(OLD_URL.finditer(text)), text


# -- what a well-formed landline, e-mail and web address are

NUMBER_PIECES = ["0", "05", "0527", "83593059", "2907056", "1", "2", "9", "٣", "２", "-", "—", "–", "－", " ", "\t", "\n",
                 "\u3000", "转", "12", "12345", "123456", "(", ")", "(转", "(0454)", "(0", "a"]
LANDLINES = st.tuples(  # mostly well-formed pieces, and pieces just wrong
    st.sampled_from(["", "(0454)", "(010)", "0454-", "010", "0454 ", "0454—", "0454–", "0454\n", "0454\u3000",
                     "(04541)", "0٣٣-", "(0454", "0454)", "04-", "(01)", "04541", "0454--", "0454－", "(1454)", "(٣54)",
                     "1454-", "(0454))"]),
    st.sampled_from(["2907056", "83593059", "9٣00000", "290705", "839305912", "1907056", "٣907056", "0907056",
                     "29070a6"]),
    st.sampled_from(["", "转123", "-8", "-12345", "-123456", "(转8012)", "(转)", "转", "(转123456)", "转٣", "(转1", "-"]),
    st.sampled_from(["", "\n", "\n\n", " ", ")"])).map("".join)
LANDLINES_ANY_LENGTH = st.tuples(
    st.sampled_from(["", "(0454)", "0454-", "010", "0454 "]), st.sampled_from(["2", "9", "1", "٣"]),
    st.text(alphabet="0123456789٣", max_size=9), st.sampled_from(["", "转12", "-8", "(转8012)"])).map("".join)


@MANY
@given(st.one_of(LANDLINES, LANDLINES_ANY_LENGTH, st.lists(st.sampled_from(NUMBER_PIECES), max_size=8).map("".join),
                 st.text(max_size=16)))
def test_landline_is_the_regexes_match(number):
    assert _contacts._landline(number) == bool(OLD_LANDLINE.match(number))


VALID_HOSTS = st.lists(st.sampled_from(["qinghe", "a", "a-b", "0", "gov", "A9"]), min_size=1, max_size=3).map(".".join)
HOST_LABELS = st.one_of(VALID_HOSTS, st.lists(st.sampled_from(["qinghe", "a", "-a", "a-", "", "é", "a_b"]),
                                              max_size=3).map(".".join))
ENDINGS = st.sampled_from(["", "", "", "\n", " ", "\n\n", "\t"])
URL_VALUES = st.tuples(
    st.sampled_from(["", "http://", "https://", "http://", "http:/", "https", "ftp://", "http://http://"]), HOST_LABELS,
    st.sampled_from([".cn", ".com", ".cn", ".c", ".c1", "", ".CN", "."]),
    st.sampled_from(["", "", ":80", ":12345", ":", ":123456", ":٣", ":8a", "::80"]),
    st.sampled_from(["", "", "/", "/a/b.html", "?x=1", "#y", "/政府", "//", "/a b", "/x\u3000", "x", "/\n"]),
    ENDINGS).map("".join)
EMAIL_VALUES = st.tuples(st.sampled_from(["gk", "a.b", "a+b%c_d-e", "gk", "", "é", "a b", "@", "."]),
                         st.sampled_from(["@", "@", "@", "", "@@", "＠"]), HOST_LABELS,
                         st.sampled_from([".cn", ".com", ".cn", ".c", "", ".c1", ".", "-cn"]), ENDINGS).map("".join)
ADDRESS_PIECES = ["gk", "a", "Z", "0", "9", "-", "_", "%", "+", ".", "..", "@", "@@", "qinghe", "gov", "cn", "c", "a-",
                  "-a", "http://", "https://", "http:/", "https", "www.", ":", ":8080", ":123456", ":٣", "/", "?", "#",
                  "/a b", "/x", "é", "\n", " ", "\t", "．", "政府"]
ADDRESSES = st.one_of(st.lists(st.sampled_from(ADDRESS_PIECES), max_size=10).map("".join), st.text(max_size=20))


def _same_shapes(value):
    assert _contacts._email_shape(value) == bool(OLD_EMAIL.match(value))
    assert _contacts._url_shape(value) == bool(OLD_URL_SHAPE.match(value))
    assert _contacts.email_ok(value) == bool(OLD_EMAIL.match(value.strip()))
    assert _contacts.url_ok(value) == bool(OLD_URL_SHAPE.match(value.strip()))


@SOME
@given(EMAIL_VALUES)
def test_email_shape_is_the_regexes_match(value):
    _same_shapes(value)


@SOME
@given(URL_VALUES)
def test_url_shape_is_the_regexes_match(value):
    _same_shapes(value)


@SOME
@given(ADDRESSES)
def test_shapes_of_any_text(value):
    _same_shapes(value)


def test_shapes_where_the_regex_ends_before_a_last_line_feed():
    for value in ["a@b.cn\n", "a@b.cn\n\n", "http://a.cn/x\n", "a.cn:80\n", "a.cn \n"]:
        assert _contacts._email_shape(value) == bool(OLD_EMAIL.match(value)), value
        assert _contacts._url_shape(value) == bool(OLD_URL_SHAPE.match(value)), value
    for number in ["2907056\n", "0454\n2907056\n", "2907056\n\n", "\n", "290705", "29070", "2", "0454-290705",
                   "(1454)2907056"]:
        assert _contacts._landline(number) == bool(OLD_LANDLINE.match(number)), number


# -- a clean report compiles none of them

def test_a_clean_report_compiles_no_contact_pattern(monkeypatch):
    with open("fixtures/reports/clean_2021_department.txt", "rb") as f:
        document = read_txt("r.txt", f.read())
    compiled = []
    monkeypatch.setattr(re, "compile", lambda *args: compiled.append(args))  # what checker.lazy.regex calls
    found = contacts.find_contacts(document.blocks)
    assert [c.kind for c in found] == ["url", "address", "postcode", "phone", "fax", "email"]
    well_formed = {"address": bool, "postcode": _contacts.postcode_ok, "email": _contacts.email_ok,
                   "url": _contacts.url_ok, "phone": lambda v: _contacts.phone_problem(v) is None}
    assert all(well_formed.get(c.kind, well_formed["phone"])(c.value) for c in found)
    assert compiled == []
