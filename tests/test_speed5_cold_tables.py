"""formats/tables.py reads labels with str methods instead of regexes (a cold start compiled ten of them):
each hand-written step against the regex it replaces, on generated labels and on every label of the specs."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.formats import tables
from checker.formats.labels import normalize_label

# The regexes the module used before (commit 3249f4d), kept here as the oracle.
_OLD_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]|[①-⑳])")
_OLD_UNIT_SUFFIX = re.compile(r"[（(](?:单位[:：])?(?:" + "|".join(tables.APPENDIX_UNITS) + r")[）)]$")
_OLD_LABEL_TOKEN = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
_OLD_ROW_VALUES = re.compile(r"(?:[\s\t]+(?:[+\-]?\d[\d,.]*|[—\-－/]+|" + "|".join(tables.APPENDIX_UNITS) + r"))+$")


def old_indicator_key(label: str) -> str:
    t = re.sub(r"[“'\"]", "", normalize_label(label))
    for _ in range(3):
        t = re.sub(r"^其中[：:，]?", "", _OLD_NUMBERING.sub("", t))
    t = _OLD_UNIT_SUFFIX.sub("", t)
    t = re.sub(r"（[^（）]{2,}）$", "", t)
    return re.sub(r"(?:总数|数量|数|的情况|情况)$", "", t) or t


def old_label_stem(label: str) -> str:
    token = _OLD_LABEL_TOKEN.match(label)
    start = token.end() if token else 0
    cut = re.search(r"[（、]", label[start:])
    return label[: start + cut.start()] if cut else label


def old_trailing_numbers_cut(t: str) -> str:
    return re.sub(r"[\d\t]+$", "", t)


# Characters the regexes care about, mixed with a few others and two digits of other scripts (\d is Unicode).
_ALPHABET = ("一二三四五六七八九十〇0123456789٣１（）()、.．，,:：;“”'\"‘’其中单位件人次万元条数量总的情况"
             "①⑤⑳⑴申请其他 \t\n\u3000—-－/+")
labels = st.text(alphabet=_ALPHABET, max_size=14)
spec_labels = sorted({f for i in tables.APPENDIX_INDICATORS for f in (i.label, *i.synonyms)}
                     | set(tables.APPENDIX_GROUPS) | set(tables.APPENDIX_HEADERS)
                     | {r.label for spec in tables.ALL_SPECS.values() for r in spec.rows})
# The labels with numbering, 其中, units and explanations around them, as reports print them.
decorated = st.builds(lambda pre, label, post: pre + label + post,
                      st.sampled_from(["", "（一）", "1.", "(2)", "12、", "其中：", "（1）其中：", "三、", "②", "１．"]),
                      st.sampled_from(spec_labels),
                      st.sampled_from(["", "（件）", "(单位：人)", "（单位:万元）", "数", "（不包括兼职人员）", "总数", " 12"]))


@settings(max_examples=3000, deadline=None)
@given(st.one_of(labels, decorated))
def test_indicator_key_is_the_regex_version(label: str) -> None:
    tables.indicator_key.cache_clear()
    assert tables.indicator_key(label) == old_indicator_key(label)


def test_indicator_key_of_every_spec_label() -> None:
    for label in spec_labels:
        assert tables.indicator_key(label) == old_indicator_key(label), label


@settings(max_examples=2000, deadline=None)
@given(st.one_of(labels, st.sampled_from(spec_labels)))
def test_label_stem_is_the_regex_version(label: str) -> None:
    assert tables._label_stem(label) == old_label_stem(label)


def test_row_labels_unchanged() -> None:
    expected: dict[str, None] = {}
    for spec in (tables.TABLE3_2019, tables.TABLE3_2021):
        for label in [r.label for r in spec.rows] + list(spec.group_labels):
            expected.setdefault(old_label_stem(label))
    assert tables.TABLE_ROW_LABELS == tuple(expected)
    assert tables.appendix_keys()[0] == frozenset(old_indicator_key(f) for i in tables.APPENDIX_INDICATORS
                                                  for f in (i.label, *i.synonyms))
    assert tables.appendix_keys()[1] == frozenset(old_indicator_key(g) for g in tables.APPENDIX_GROUPS)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(labels, decorated))
def test_row_values_is_the_regex_search(text: str) -> None:
    line = text.strip()
    new, old = tables._row_values(line), _OLD_ROW_VALUES.search(line)
    assert (new and new.span()) == (old and old.span())


def old_is_table_row_label(text: str) -> bool:
    t = old_trailing_numbers_cut(normalize_label(text))
    return tables._is_label_run(t) or tables.is_appendix_row(text)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(labels, decorated, st.builds(lambda a, b: a + b, st.sampled_from(tables.TABLE_ROW_LABELS), labels)))
def test_is_table_row_label_unchanged(text: str) -> None:
    assert tables.is_table_row_label(text) == old_is_table_row_label(text)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(labels, decorated))
def test_indicator_ends_are_the_regex_search(label: str) -> None:
    text = normalize_label(label)
    old = re.search(r"(?:数|数量|[（(](?:" + "|".join(tables.APPENDIX_UNITS) + r")[）)])$", text) is not None
    assert tables.ends_with_word(text, tables._INDICATOR_ENDS) == old
