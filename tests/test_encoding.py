"""Encoding detection and line handling of plain-text reports, through checker.readers.read_document."""

from __future__ import annotations

import codecs
import random

import pytest

from checker.errors import InputError
from checker.readers import read_document

# An invented report: every character is encodable in GBK, so all six encodings carry the same text.
REPORT = (
    "云岭县农业农村局2023年政府信息公开工作年度报告\n"
    "\n"
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
    "如对本报告有任何疑问，请与本局办公室联系（电话：（0598）7321999；电子邮箱：nyj@yunling.gov.cn）。\n"
    "一、总体情况\n"
    "（一）主动公开\n"
    "1.强化组织保障。本局全年主动公开信息“三农”政策解读42条，较上年增长12.5%。\n"
    "信息内容\t本年制发件数\t本年废止件数\n"
    "规范性文件\t2\t0\n"
    "\n"
    "二、其他需要报告的事项\n"
    "本年度未收取信息处理费。\n"
    "云岭县农业农村局\n"
    "2024年1月18日\n"
)

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
}


def _shape(doc):
    """Everything a rule sees of the blocks: kind, text, place, and the cells of tables."""
    return [
        (b.kind, b.text, b.line, b.col, [[(c.text, c.line, c.col) for c in row] for row in b.rows])
        for b in doc.blocks
    ]


def _write(tmp_path, name, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


@pytest.fixture
def reference(tmp_path):
    return read_document(_write(tmp_path, "reference.txt", REPORT.encode("utf-8")))


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_every_supported_encoding_reads_to_the_same_blocks(tmp_path, reference, encoding):
    data = ENCODINGS[encoding](REPORT)
    if encoding not in ("utf-8", "utf-8-bom"):
        assert data != REPORT.encode("utf-8")  # the encoding really differs
    doc = read_document(_write(tmp_path, f"r-{encoding}.txt", data))
    assert _shape(doc) == _shape(reference)
    assert doc.lines == reference.lines
    assert not doc.lines[0].startswith("\ufeff")
    assert doc.blocks[0].text == "云岭县农业农村局2023年政府信息公开工作年度报告"
    assert doc.blocks[0].col == 1


def test_reference_blocks_are_as_written(reference):
    kinds = [(b.kind, b.line) for b in reference.blocks]
    assert kinds[0] == ("paragraph", 1)
    assert ("table", 8) in kinds
    table = next(b for b in reference.blocks if b.is_table)
    assert [[c.text for c in row] for row in table.rows] == [
        ["信息内容", "本年制发件数", "本年废止件数"], ["规范性文件", "2", "0"]]
    assert reference.blocks[-1].text == "2024年1月18日"
    assert reference.blocks[-1].line == 14


def _assert_input_error(path: str, excinfo) -> None:
    message = str(excinfo.value)
    assert message.startswith(path)
    assert ": error: " in message
    assert message.startswith(f"{path}: error: ")
    assert "\n" not in message
    assert excinfo.value.path == path


@pytest.mark.parametrize("name,data", [
    ("random.txt", random.Random(0).randbytes(4096)),
    ("random-no-nul.txt", bytes(b for b in random.Random(0).randbytes(8192) if b)[:4096]),
    ("nul.txt", "云岭县2023年政府信息公开工作年度报告\n".encode("utf-8") + b"\x00\x00abc\x00\n"),
    ("empty.txt", b""),
    ("blank.txt", b" \n\t\r\n  \n"),
    ("latin1.txt", "Caf\u00e9 cr\u00e8me, na\u00efve \u00ff r\u00e9sum\u00e9 \u00e0 la carte\n".encode("latin-1")),
], ids=["random", "random-no-nul", "nul", "empty", "whitespace", "latin-1"])
def test_unreadable_bytes_raise_input_error(tmp_path, name, data):
    path = _write(tmp_path, name, data)
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    _assert_input_error(path, excinfo)


def test_latin1_bytes_are_invalid_in_utf8_and_gb18030():
    # The premise of the latin-1 case above: neither fallback codec may accept these bytes.
    data = "Caf\u00e9 cr\u00e8me, na\u00efve \u00ff r\u00e9sum\u00e9 \u00e0 la carte\n".encode("latin-1")
    for codec in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(codec)


def test_empty_and_whitespace_files_say_empty(tmp_path):
    for name, data in (("e.txt", b""), ("w.txt", b"   \n\n")):
        path = _write(tmp_path, name, data)
        with pytest.raises(InputError) as excinfo:
            read_document(path)
        assert "empty" in str(excinfo.value)


def test_missing_file_is_input_error(tmp_path):
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    _assert_input_error(path, excinfo)


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_endings_keep_line_numbers(tmp_path, reference, newline):
    data = REPORT.replace("\n", newline).encode("utf-8")
    doc = read_document(_write(tmp_path, "eol.txt", data))
    assert _shape(doc) == _shape(reference)
    assert doc.lines == reference.lines
    assert all("\r" not in line for line in doc.lines)
    # "一、总体情况" is on line 5 whatever the line ending
    heading = next(b for b in doc.blocks if b.text == "一、总体情况")
    assert heading.line == 5
    assert doc.line_text(5) == "一、总体情况"


def test_mixed_line_endings_keep_line_numbers(tmp_path):
    data = "标题2023年\r\n第二行\r第三行\n\r\n第五行\n".encode("utf-8")
    doc = read_document(_write(tmp_path, "mixed.txt", data))
    assert [(b.text, b.line) for b in doc.blocks] == [
        ("标题2023年", 1), ("第二行", 2), ("第三行", 3), ("第五行", 5)]


def test_gbk_file_with_crlf_keeps_line_numbers(tmp_path, reference):
    data = REPORT.replace("\n", "\r\n").encode("gbk")
    doc = read_document(_write(tmp_path, "gbk-crlf.txt", data))
    assert _shape(doc) == _shape(reference)


# -- the plausibility count of the first text of a process, without the regex (readers/encoding.py)

from hypothesis import given, settings, strategies as st  # noqa: E402

from checker.readers import encoding  # noqa: E402

# Characters at and around every edge of the plausible ranges, and some from anywhere.
_EDGES = sorted({c for lo, hi in encoding._PLAUSIBLE_RANGES for e in (lo, hi) for c in (e - 1, e, e + 1)
                 if 0 <= c <= 0x10FFFF and not 0xD800 <= c <= 0xDFFF})
_CHARS = st.one_of(st.sampled_from([chr(c) for c in _EDGES]), st.characters(codec="utf-8"))


def _by_regex(text: str) -> int:
    return sum(map(len, encoding._IMPLAUSIBLE.findall(text)))


@settings(max_examples=400, deadline=None)
@given(st.text(_CHARS, max_size=60))
def test_the_first_text_counts_implausible_characters_as_the_regex_does(text):
    encoding._FIRST_TEXT[0] = True
    assert encoding._implausible_count(text) == _by_regex(text)
    assert encoding._FIRST_TEXT[0] is False  # later texts take the regex


def test_a_first_text_of_many_distinct_or_implausible_characters_takes_the_regex():
    garbled = "".join(chr(0xA000 + i) for i in range(6000))  # Yi syllables: none plausible, many distinct
    few_bad = "报告" * 100 + "".join(chr(0xAC00 + i) for i in range(20))  # twenty Hangul syllables
    for text in (garbled, few_bad, REPORT, ""):
        encoding._FIRST_TEXT[0] = True
        assert encoding._implausible_count(text) == _by_regex(text)
    encoding._FIRST_TEXT[0] = True
    assert encoding._implausible_count(few_bad) == 20
