"""Small regexes a cold start compiled for every report, now str methods: each against the regex it replaces
(commit 3249f4d), on generated text and on the characters each regex cares about."""

from __future__ import annotations

import re
import warnings

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import lazy
from checker.facts import agency, outline, parts, scan
from checker.formats.labels import normalize_label
from checker.kinds import _contacts, _counts
from checker.readers import bounds

# The characters the replaced regexes care about, white space of several kinds, digits of other scripts.
_ALPHABET = ("、，,；;：:。！!？?“”\"'（）()/或和及与以情况事项组成构等近约超过逾不足到将大多于少以上下左右之次余"
             "街道办事处公室局委员会人民政府自治区市县乡其中0123456789٣１{},+?x@＠httpswww.")
_SPACES = " \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u3000\u200b\u200d\u2060\ufeff"
texts = st.text(alphabet=_ALPHABET + _SPACES, max_size=24)
many = settings(max_examples=600, deadline=None)


@many
@given(texts)
def test_normalize_label_is_the_regex_version(text: str) -> None:
    normalize_label.cache_clear()
    old = re.sub(r"[\s\u3000]+", "", text).translate(
        str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "\"": "“", "．": "."}))
    assert normalize_label(text) == old.replace("”", "“").replace("‘", "“").replace("’", "“").rstrip("。：")


def test_white_space_is_every_white_space_character() -> None:
    assert set(bounds._WHITE_SPACE) == {chr(c) for c in range(0x110000) if re.match(r"\s", chr(c))}


@many
@given(texts)
def test_has_text_is_the_regex_version(text: str) -> None:
    assert bounds.has_text(text) == (re.search(r"[^\s\u200b-\u200f\u2060\ufeff]", text) is not None)


@many
@given(texts, st.lists(st.sampled_from(["近", "约", "超过", "街道", "人民政府", "局", "组成", "x"]), min_size=1))
def test_ends_with_word_is_the_regex_search(text: str, words: list[str]) -> None:
    pattern = "(?:" + "|".join(map(re.escape, words)) + ")$"
    assert lazy.ends_with_word(text, tuple(words)) == (re.search(pattern, text) is not None)


_OLD_GOVERNMENT = re.compile(r"(?:人民政府|自治区|自治州|自治县|省|市|县|区|州|盟|旗|镇|乡)$")
_OLD_DISPATCHED = re.compile(r"(?:街道办事处|街道办|街道)$")
_OLD_DEPARTMENT = re.compile(
    r"(?:办公厅|办公室|局|委员会|委|厅|办|中心|所|院|站|队|处|部|署|会|馆|社|公司|管委会|管理委员会|分局|支队|大队|中队)$")


def old_agency_kind(name: str | None) -> str | None:
    if not name:
        return None
    if name.endswith("人民政府"):
        return "government"
    if _OLD_DISPATCHED.search(name):
        return "dispatched"
    if _OLD_DEPARTMENT.search(name):
        return "department"
    if _OLD_GOVERNMENT.search(name):
        return "government"
    return None


@many
@given(st.one_of(texts, st.builds(lambda a, b: a + b, texts, st.sampled_from(
    agency._DEPARTMENT_SUFFIX + agency._DISPATCHED_SUFFIX + agency._GOVERNMENT_SUFFIX + ("\n", "区\n")))))
def test_agency_kind_is_the_regex_version(name: str) -> None:
    assert agency.agency_kind(name) == old_agency_kind(name)


@many
@given(texts)
def test_approximations_are_the_regex_versions(text: str) -> None:
    assert _counts.approx_before(text) == bool(re.search(r"(?:近|约|超过|超|逾|不足|不到|将近|大约|多于|少于)$", text))
    assert _counts.approx_after(text) == bool(re.match(r"^(?:以上|以下|左右|之多|次|余)", text))


@many
@given(texts)
def test_positions_are_the_regex_finditer(text: str) -> None:
    assert scan.places(text, *"。；;！!") == [m.start() for m in re.finditer("[。；;！!]", text)]


def old_run_in_title(rest: str) -> str:
    m = re.search(r"[。：:；;]", rest)
    if m and m.start() > 0:
        return rest[: m.start()]
    return rest.strip()


@many
@given(texts)
def test_run_in_title_is_the_regex_version(rest: str) -> None:
    assert outline.run_in_title(rest) == old_run_in_title(rest)


@many
@given(texts)
def test_listing_split_is_the_regex_split(listing: str) -> None:
    assert parts._split_listing(listing) == re.split(r"[、，,；;]|以及|(?<=情况)及|(?<=事项)及", listing)
    stripped = listing.strip()
    assert parts._trim_listing(stripped) == re.sub(r"^[：:\s]+|(?:组成|构成|等)$", "", stripped)


def old_split_part_names(listing: str, keep: tuple[str, ...] = ()) -> list[str]:
    protected = sorted({k for k in (*keep, *parts._KNOWN_TITLES) if "、" in k or "及" in k}, key=len, reverse=True)
    saved: list[str] = []
    for title in protected:
        while title in listing:
            listing = listing.replace(title, f"\x00{len(saved)}\x00", 1)
            saved.append(title)
    names = [n.strip(" 　“”\"") for n in re.split(r"[、，,；;]|以及|(?<=情况)及|(?<=事项)及", listing) if n.strip()]
    names = [re.sub(r"^(?:和|及|与)", "", n) for n in names]
    return [re.sub(r"\x00(\d+)\x00", lambda m: saved[int(m.group(1))], n) for n in names]


@many
@given(st.lists(st.one_of(texts, st.sampled_from(sorted(parts._KNOWN_TITLES))), max_size=5).map("、".join))
def test_split_part_names_unchanged(listing: str) -> None:
    assert parts.split_part_names(listing) == old_split_part_names(listing)


def old_split_numbers(value: str) -> list[tuple[int, str]]:
    found, offset = [], 0
    for piece in re.split(r"(、|/|或|；|;|，|,)", value):
        if piece and piece not in "、/或；;，,":
            stripped = piece.strip()
            if stripped:
                words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", stripped)]
                at = offset + piece.index(stripped)
                if len(words) > 1 and not _contacts.phone_ok(stripped) and all(_contacts.phone_ok(w) for _, w in words):
                    found.extend((at + o, w) for o, w in words)
                else:
                    found.append((at, stripped))
        offset += len(piece)
    return found


phones = st.lists(st.sampled_from(["0454-2907056", "13800000000", "0796 5226018", "12345", "、", "/", "或", "；",
                                   ",", " ", "\u3000", "\t", "88", "(0454)2907056"]), max_size=8).map("".join)


@many
@given(st.one_of(texts, phones))
def test_split_numbers_unchanged(value: str) -> None:
    assert _contacts.split_numbers(value) == old_split_numbers(value)
    assert _contacts._words(value) == [(m.start(), m.group(0)) for m in re.finditer(r"\S+", value)]


_OLD_REPEAT = re.compile(r"\{(\d*)(?:,(\d*))?\}[?+]?")


@many
@given(st.text(alphabet="{},0123456789٣?+x", max_size=10))
def test_repeat_is_the_regex_match(text: str) -> None:
    source = "a{" + text  # _optional asks at a "{"
    m = _OLD_REPEAT.match(source, 1)
    assert lazy._repeat(source, 1) == (None if m is None else (m.group(1), m.end()))


@many
@given(st.text(alphabet="考核评议追究a.|()[]*+?\\^${}x ", min_size=0, max_size=6), texts)
def test_finder_is_the_regex_search(pattern: str, text: str) -> None:
    with warnings.catch_warnings():  # "[[" is a possible nested set to re: a FutureWarning, not the point here
        warnings.simplefilter("ignore", FutureWarning)
        try:
            expected = re.search(pattern, text) is not None
        except re.error:
            return
        assert lazy.Finder(pattern).found_in(text) == expected


def test_finder_compiles_a_broken_regex_when_asked() -> None:
    finder = lazy.Finder("考核(")
    try:
        finder.compile_now()
    except re.error:
        return
    raise AssertionError("a broken pattern must fail when the rule loads")


@many
@given(st.text(alphabet="一二三十、．.。；:）”5 \u3000概述情况x", max_size=30))
def test_token_test_holds_wherever_an_embedded_heading_can(text: str) -> None:
    from checker.layout import flattened
    if flattened._EMBEDDED.search(text):
        assert flattened._may_hold_token(text)
    if flattened._may_hold_token(text):  # and it is not always true
        assert any(mark in text for mark in "、．.")


_OLD_OTHER_DASH = re.compile(r"^(0\d{2,3})\s*[—–－~～]+\s*([2-9]\d{6,7}" + _contacts._EXTENSION + ")$")
_OLD_NO_AREA_CODE = re.compile(r"^[2-9]\d{6,7}" + _contacts._EXTENSION + "$")


def old_phone_problem(number: str) -> tuple[str, str | None] | None:
    n = number.translate(_contacts._FULLWIDTH).strip()
    dash = _OLD_OTHER_DASH.match(n)
    if dash:
        rest = number.strip()[dash.start(2):].translate(_contacts._DIGITS)
        return "separator", f"{dash.group(1)}-{rest}"
    if _OLD_NO_AREA_CODE.match(n):
        return "no-area-code", None
    return None if _contacts.phone_ok(number) else ("malformed", None)


numbers = st.lists(st.sampled_from(["0", "05", "0527", "83593059", "2907056", "1", "9", "—", "–", "－", "~", "～",
                                    "-", " ", "转", "12", "(", ")", "（", "）", "２", "０"]), max_size=7).map("".join)


@many
@given(numbers)
def test_phone_problem_unchanged(number: str) -> None:
    assert _contacts.phone_problem(number) == old_phone_problem(number)


@many
@given(st.text(alphabet="，,：:、（( \t\u3000其中含包括x", max_size=10), st.integers(0, 3))
def test_after_mark_is_the_regex_match(text: str, pos: int) -> None:
    from checker.kinds.prose_vs_table import _after_mark

    def end(pattern: str) -> int | None:
        m = re.match(pattern, text[pos:])
        return None if m is None else pos + m.end()
    assert _after_mark(text, pos, "，,：:", optional=True, then=("其中",)) == end(r"\s*[，,：:]?\s*其中")
    assert _after_mark(text, pos, "，、,") == end(r"\s*[，、,]\s*")
    assert (_after_mark(text, pos, "（(", then=("含", "包括", "包含")) is not None) == (
        end(r"\s*[（(]\s*(?:含|包括|包含)") is not None)


@many
@given(st.one_of(numbers, st.text(alphabet="0123456789９٣ \t", max_size=8)))
def test_phone_and_postcode_tests_unchanged(value: str) -> None:
    n = value.translate(_contacts._FULLWIDTH).strip()
    n = re.sub(r"\s*([()])\s*", r"\1", n)
    old_phone = bool(_contacts._LANDLINE.match(n) or _contacts._MOBILE.match(n.replace(" ", "").replace("-", ""))
                     or _contacts._SERVICE.match(n))
    assert _contacts.phone_ok(value) == old_phone
    old_postcode = bool(re.fullmatch(r"[0-8]\d{5}", value.translate(_contacts._FULLWIDTH).strip()))
    assert _contacts.postcode_ok(value) == old_postcode
