"""Limits that keep a bad input or a bad rule from crashing, hanging or exhausting the machine."""

# Sizes can be changed through the environment (in MB): OGI_CHECK_MAX_INPUT_MB, OGI_CHECK_MAX_UNZIPPED_MB,
# OGI_CHECK_MAX_PART_MB; the time budget of a pattern rule through OGI_CHECK_RULE_BUDGET (seconds); the pages
# of a PDF through OGI_CHECK_MAX_PDF_PAGES and the time to read one through OGI_CHECK_PDF_BUDGET (seconds); the
# work of one document through OGI_CHECK_MAX_TABLE_CELLS, OGI_CHECK_MAX_DOCUMENT_CELLS, OGI_CHECK_MAX_BLOCKS and
# OGI_CHECK_MAX_CHARS (counts).

from __future__ import annotations

import os
import re
import time
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional

MB = 1024 * 1024


# Every OGI_CHECK_* variable read, with its default. One set to something not a positive number keeps the
# default, and the command line refuses to run with one line per variable (invalid_environment, cli.py):
# the limit the user meant to set is not the one in force.
_ENV_DEFAULTS: dict[str, float] = {}


def _env_value(raw: str) -> Optional[float]:
    """A positive finite number, or None (nan, inf, 0, negative, not a number: int(inf) raised before)."""
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if 0 < value < float("inf") else None


def _env_number(name: str, default: float) -> float:
    _ENV_DEFAULTS[name] = default
    raw = os.environ.get(name, "").strip()
    value = _env_value(raw) if raw else None
    return default if value is None else value


def invalid_environment() -> list[tuple[str, str, float]]:
    """(variable, value, default) for each OGI_CHECK_* limit set, but not to a positive number."""
    out = []
    for name, default in _ENV_DEFAULTS.items():
        raw = os.environ.get(name, "").strip()
        if raw and _env_value(raw) is None:
            out.append((name, raw, default))
    return out


# Any input file: a real report, even a .docx full of scanned pages, is a few MB.
MAX_INPUT_BYTES = int(_env_number("OGI_CHECK_MAX_INPUT_MB", 50) * MB)
# A .docx, from its zip directory alone (before anything is inflated): all parts together, any
# one part (an XML part is parsed into a tree several times its size), and the inflation ratio of
# a large part (text XML deflates about 10:1; a zip bomb 1000:1).
MAX_UNZIPPED_BYTES = int(_env_number("OGI_CHECK_MAX_UNZIPPED_MB", 200) * MB)
MAX_PART_BYTES = int(_env_number("OGI_CHECK_MAX_PART_MB", 100) * MB)
MAX_ZIP_RATIO = 200
RATIO_FLOOR = 10 * MB  # parts smaller than this may compress as well as they like
MAX_ZIP_MEMBERS = 10_000  # a Word file has dozens; a million empty members is an attack on the parser
# A PDF: reading stops with an error past this many pages (a report has a dozen; a 5,000-page file is an
# archive or an attack), or when reading its pages has taken this many seconds (checked between pages).
MAX_PDF_PAGES = int(_env_number("OGI_CHECK_MAX_PDF_PAGES", 500))
PDF_BUDGET_SECONDS = _env_number("OGI_CHECK_PDF_BUDGET", 60.0)
# libxml2 stops building an HTML tree at this depth and silently drops what is deeper.
HTML_MAX_DEPTH = 256

# --- the work one document may cause, whatever its size on disk (checker/readers/bounds.py) --------
# Merged cells multiply: one <td colspan=1000 rowspan=0> row in a 4 KB page was a grid of millions of
# cells. So the grid of a table is counted as rows × columns after spans are resolved, from the span
# numbers alone, before anything is allocated. The largest official table (表三 of the 2021 format)
# has about 30 × 9 = 270 cells; a whole report a few hundred blocks and 10,000–50,000 characters.
MAX_TABLE_CELLS = int(_env_number("OGI_CHECK_MAX_TABLE_CELLS", 50_000))
MAX_DOCUMENT_CELLS = int(_env_number("OGI_CHECK_MAX_DOCUMENT_CELLS", 200_000))
MAX_BLOCKS = int(_env_number("OGI_CHECK_MAX_BLOCKS", 100_000))
MAX_CHARS = int(_env_number("OGI_CHECK_MAX_CHARS", 5_000_000))

# A pattern rule stops on a document after this many seconds and says so in an info finding.
PATTERN_BUDGET_SECONDS = _env_number("OGI_CHECK_RULE_BUDGET", 2.0)
BUDGET_VARIANT = "budget"
BUDGET_MESSAGE = {
    "zh": "本规则的正则表达式在此文件上超出时间预算（{seconds} 秒），已停止，此处之后未按本规则检查。",
    "en": "This rule's regular expressions ran over their time budget ({seconds} s) on this file and were "
          "stopped; the text from here on was not checked by this rule.",
}
# Texts longer than the window are matched window by window, so that no single call into the
# regex engine (which cannot be interrupted) sees more than this many characters.
PATTERN_WINDOW = 4096
PATTERN_OVERLAP = 1024  # a match and its look-ahead must fit in this to be found across a window edge


class BudgetExceeded(Exception):
    """A pattern rule used up its time on one document."""


def bounded_finditer(rx: re.Pattern[str], text: str, deadline: float) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, but on a long text in windows of PATTERN_WINDOW characters, checking
    ``deadline`` between windows (raises BudgetExceeded).

    A window is searched with ``pos``/``endpos``, not a slice, so ``^``, ``\\b`` and look-behind
    still see the real text before it. A match that ends in the last PATTERN_OVERLAP characters of
    a window might run on past it, so the search restarts at its start; only a match longer than
    PATTERN_WINDOW - PATTERN_OVERLAP characters is cut short.
    """
    n = len(text)
    if n <= PATTERN_WINDOW:
        yield from rx.finditer(text)
        return
    pos = 0
    while pos <= n:
        if time.perf_counter() > deadline:
            raise BudgetExceeded
        end = min(n, pos + PATTERN_WINDOW)
        m = rx.search(text, pos, end)
        if m is None:
            if end == n:
                return
            pos = end - PATTERN_OVERLAP
            continue
        if end < n and m.end() > end - PATTERN_OVERLAP and m.start() > pos:
            pos = m.start()
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1


# --- static regex check: reject what can backtrack exponentially, before anything runs ----------

if TYPE_CHECKING:
    # typeshed describes the regex parser only under its 3.10 names; re._parser and re._constants
    # are the same modules renamed in 3.11 (sre_parse and sre_constants re-export them there).
    import sre_constants as _c
    import sre_parse as _sre_parse
else:
    try:  # Python 3.11+
        from re import _constants as _c, _parser as _sre_parse
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as _c
        import sre_parse as _sre_parse

# One parsed item, (opcode, argument): what the argument is (a code point, a tuple, a list of items,
# a list of alternatives...) depends on the opcode, which the stubs can only write as a wide union.
_Item = tuple[Any, Any]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}  # a possessive repeat never gives back, so it is safe
_LEAVES = {_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN}
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_ALL = (_c.ANY, None)  # stands for "any character" where we cannot tell (back-references)
# Characters tried when deciding whether two character sets overlap; the pattern's own literals
# and range ends are added, which makes the test exact for literals and ranges.
_PROBES = ("\t\n\r !\"#%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~\u00a0\u00b7×、。〇〈《「【〔"
           "\u3000（）＊，－．／０９：；？ＡＸａｘ＿～一二三年月日政府信息公开报告\U00020000")

NESTED = ("正则表达式“{pattern}”可能出现灾难性回溯：重复的组内又有可匹配同样文字的重复，如 (a+)+ "
          "(catastrophic backtracking: nested quantifier; rewrite without repeating a repeat)")
OVERLAPPING = ("正则表达式“{pattern}”可能出现灾难性回溯：重复的选择分支可匹配同样的文字，如 (x|x)* "
               "(catastrophic backtracking: overlapping alternation under a repeat)")


def regex_hazard(pattern: str, flags: int = 0) -> Optional[str]:
    """Why ``pattern`` can take exponential time, or None. A simple static check, not a proof: it looks
    for a repeat whose body can split the same text between its iterations in more than one way
    (a nested repeat with nothing distinct around it, or alternatives that can match the same text)."""
    try:
        tree = _sre_parse.parse(pattern, flags)
    except Exception:
        return None  # not a valid pattern: compiling it reports that
    items: list[_Item] = list(tree.data)  # the top-level items, as iterating over ``tree`` gives them
    probes = set(_PROBES)
    _collect_probes(items, probes)
    ignore_case = bool(tree.state.flags & _c.SRE_FLAG_IGNORECASE)
    check = _Check(sorted(probes), ignore_case)
    try:
        kind = check.scan(items)
    except RecursionError:  # groups nested thousands deep: compiling it is refused anyway
        return None
    return None if kind is None else kind.format(pattern=pattern if len(pattern) <= 80 else pattern[:77] + "…")


def _children(op: Any, av: Any) -> list[list[_Item]]:
    """The sub-sequences of one parsed item."""
    if op in _REPEATS or op == getattr(_c, "POSSESSIVE_REPEAT", None):
        return [list(av[2])]
    if op == _c.SUBPATTERN:
        return [list(av[3])]
    if op == _c.BRANCH:
        return [list(alt) for alt in av[1]]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [list(av[1])]
    if op == _ATOMIC:
        return [list(av)]
    if op == _c.GROUPREF_EXISTS:
        return [list(p) for p in av[1:] if p is not None]
    return []


def _collect_probes(items: list[_Item], probes: set[str]) -> None:
    for op, av in items:
        if op == _c.LITERAL:
            probes.add(chr(av))
        elif op == _c.IN:
            for sub_op, sub_av in av:
                if sub_op == _c.LITERAL:
                    probes.add(chr(sub_av))
                elif sub_op == _c.RANGE:
                    probes.update((chr(sub_av[0]), chr(sub_av[1])))
        for child in _children(op, av):
            _collect_probes(child, probes)


_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    _c.CATEGORY_DIGIT: str.isdecimal, _c.CATEGORY_SPACE: str.isspace,
    _c.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
}
_NOT_CATEGORIES = {_c.CATEGORY_NOT_DIGIT: _c.CATEGORY_DIGIT, _c.CATEGORY_NOT_SPACE: _c.CATEGORY_SPACE,
                   _c.CATEGORY_NOT_WORD: _c.CATEGORY_WORD}


def _in_set(items: list[_Item], ch: str) -> bool:
    negate = bool(items) and items[0][0] == _c.NEGATE
    hit = False
    for op, av in items:
        if op == _c.LITERAL:
            hit = ord(ch) == av
        elif op == _c.RANGE:
            hit = av[0] <= ord(ch) <= av[1]
        elif op == _c.CATEGORY and av in _CATEGORIES:
            hit = _CATEGORIES[av](ch)
        elif op == _c.CATEGORY and av in _NOT_CATEGORIES:
            hit = not _CATEGORIES[_NOT_CATEGORIES[av]](ch)
        elif op != _c.NEGATE:
            hit = True  # something we do not model: assume it matches
        if hit:
            break
    return hit != negate


class _Check:
    """Character sets are the sets of probe characters they take, computed once a leaf: a pattern that
    lists hundreds of words stays a few milliseconds to check."""

    def __init__(self, probes: list[str], ignore_case: bool) -> None:
        self.probes = probes
        self.ignore_case = ignore_case
        self._sets: dict[tuple[Any, Any], frozenset[str]] = {}

    def accepts(self, leaf: _Item, ch: str) -> bool:
        op, av = leaf
        if self.ignore_case and ch.lower() != ch.upper():
            return any(self._accepts(op, av, c) for c in {ch, ch.lower(), ch.upper()})
        return self._accepts(op, av, ch)

    @staticmethod
    def _accepts(op: Any, av: Any, ch: str) -> bool:
        if op == _c.LITERAL:
            code: int = av  # the argument of LITERAL and NOT_LITERAL is a code point
            return ord(ch) == code
        if op == _c.NOT_LITERAL:
            code = av
            return ord(ch) != code
        if op == _c.IN:
            return _in_set(av, ch)
        return True  # ANY, or a stand-in for what we cannot tell

    def chars(self, leaves: list[_Item]) -> frozenset[str]:
        """The probe characters that some leaf of ``leaves`` takes."""
        out: set[str] = set()
        for op, av in leaves:
            key = (op, id(av) if isinstance(av, list) else av)  # a set's items are a list: key it by identity
            if key not in self._sets:
                if op == _c.LITERAL and not self.ignore_case:
                    self._sets[key] = frozenset((chr(av),))
                else:
                    self._sets[key] = frozenset(ch for ch in self.probes if self.accepts((op, av), ch))
            out |= self._sets[key]
        return frozenset(out)

    def overlap(self, a: list[_Item], b: list[_Item]) -> bool:
        """Whether some character is taken by a leaf of ``a`` and by a leaf of ``b``."""
        return not self.chars(a).isdisjoint(self.chars(b))

    def nullable(self, items: list[_Item]) -> bool:
        return all(self._nullable(op, av) for op, av in items)

    def _nullable(self, op: Any, av: Any) -> bool:
        if op in _LEAVES:
            return False
        if op in _REPEATS or op == getattr(_c, "POSSESSIVE_REPEAT", None):
            return av[0] == 0 or self.nullable(list(av[2]))
        if op == _c.BRANCH:
            return any(self.nullable(list(alt)) for alt in av[1])
        if op == _c.GROUPREF_EXISTS:
            return any(p is None or self.nullable(list(p)) for p in av[1:])
        children = _children(op, av)
        return op in _ZERO_WIDTH or op == _c.GROUPREF or all(self.nullable(ch) for ch in children)

    def first(self, items: list[_Item]) -> list[_Item]:
        """Leaves one of which takes the first character of any non-empty match of ``items``."""
        return self._leaves(items, first_only=True)

    def leaves(self, items: list[_Item]) -> list[_Item]:
        """Every character-taking leaf in ``items`` (look-arounds excluded)."""
        return self._leaves(items, first_only=False)

    def _leaves(self, items: list[_Item], first_only: bool) -> list[_Item]:
        out: list[_Item] = []
        for op, av in items:
            if op in _LEAVES:
                out.append((op, av))
            elif op == _c.GROUPREF:
                out.append(_ALL)
            elif op not in _ZERO_WIDTH:
                for child in _children(op, av):
                    out.extend(self._leaves(child, first_only))
            if first_only and not self._nullable(op, av):
                break  # what follows a part that must take a character cannot come first
        return out

    def required(self, items: list[_Item], inner: _Item) -> list[list[_Item]]:
        """Groups of leaves that every match of ``items`` must take a character from, leaving out the
        repeat ``inner``; on the way to ``inner`` only its own alternative of a branch counts."""
        out: list[list[_Item]] = []
        for item in items:
            op, av = item
            if item is inner:
                continue
            if op in _LEAVES:
                out.append([item])
            elif op in _REPEATS or op == getattr(_c, "POSSESSIVE_REPEAT", None):
                if av[0] > 0 or _contains(list(av[2]), inner):
                    out.extend(self.required(list(av[2]), inner))
            elif op == _c.BRANCH:
                alts = [list(alt) for alt in av[1]]
                own = next((alt for alt in alts if _contains(alt, inner)), None)
                if own is not None:
                    out.extend(self.required(own, inner))
                elif not any(self.nullable(alt) for alt in alts):
                    out.append([leaf for alt in alts for leaf in self.leaves(alt)])
            elif op in (_c.SUBPATTERN, _ATOMIC):
                out.extend(self.required(_children(op, av)[0], inner))
        return out

    def scan(self, items: list[_Item]) -> Optional[str]:
        for op, av in items:
            if op in _REPEATS and av[1] > 10:
                body = list(av[2])
                for inner in _repeats_in(body):
                    taken = self.leaves(list(inner[1][2]))
                    if taken and all(self.overlap(group, taken) for group in self.required(body, inner)):
                        return NESTED
                for alts in _branches_in(body):
                    if self._alternatives_overlap(alts, self.first(body)):
                        return OVERLAPPING
            for child in _children(op, av):
                found = self.scan(child)
                if found:
                    return found
        return None

    def _alternatives_overlap(self, alts: list[list[_Item]], body_first: list[_Item]) -> bool:
        """Two alternatives can take the same text: they read alike from their start, or both match
        nothing, or one matches nothing and the other starts like the next iteration (a(?:|a), which
        is how the parser writes (a|aa))."""
        empties = [self.nullable(alt) for alt in alts]
        if sum(empties) >= 2:
            return True
        firsts = [self.chars(self.first(alt)) for alt in alts]
        # Words (plain characters only) read alike only if one is a prefix of another, which sorting
        # finds at once: a list of thousands of names is not compared pair by pair.
        plain = [i for i, alt in enumerate(alts) if not self.ignore_case and all(op == _c.LITERAL for op, _ in alt)]
        words = sorted("".join(chr(av) for _, av in alts[i]) for i in plain)
        if any(b.startswith(a) for a, b in zip(words, words[1:])):
            return True
        plain_set = set(plain)
        for i, a in enumerate(alts):
            if i in plain_set:
                continue
            for j in range(len(alts)):  # pairs that cannot even start alike are skipped at once
                if j != i and not firsts[i].isdisjoint(firsts[j]) and self._alike(a, alts[j]):
                    return True
        if any(empties):
            next_start = self.chars(body_first)
            return any(not empty and not first.isdisjoint(next_start) for first, empty in zip(firsts, empties))
        return False

    def _alike(self, a: list[_Item], b: list[_Item]) -> bool:
        """Whether ``a`` and ``b`` may match the same text, comparing them character by character while
        both are plain characters ("1号" and "10号" part at the second), then by what each goes on with."""
        i = 0
        while i < len(a) and i < len(b) and a[i][0] in _LEAVES and b[i][0] in _LEAVES:
            if self.chars([a[i]]).isdisjoint(self.chars([b[i]])):
                return False
            i += 1
        rest_a, rest_b = a[i:], b[i:]
        if self.nullable(rest_a) or self.nullable(rest_b):
            return True  # one may end where the other goes on: assume the worst
        return not self.chars(self.first(rest_a)).isdisjoint(self.chars(self.first(rest_b)))


def _contains(items: list[_Item], target: _Item) -> bool:
    return any(item is target or any(_contains(ch, target) for ch in _children(*item)) for item in items)


def _repeats_in(items: list[_Item]) -> Iterator[_Item]:
    """Repeats of a variable count (a+, a?, a{1,3}) inside ``items``, outside look-arounds."""
    for item in items:
        op, av = item
        if op in _REPEATS and av[0] != av[1]:
            yield item
        if op not in (_c.ASSERT, _c.ASSERT_NOT, _ATOMIC):
            for child in _children(op, av):
                yield from _repeats_in(child)


def _branches_in(items: list[_Item]) -> Iterator[list[list[_Item]]]:
    for op, av in items:
        if op == _c.BRANCH:
            yield [list(alt) for alt in av[1]]
        if op not in (_c.ASSERT, _c.ASSERT_NOT, _ATOMIC):
            for child in _children(op, av):
                yield from _branches_in(child)


# --- static regex check for a user's rule: polynomial backtracking (added for issue 11, item 5) ---------
# Not exponential, but slow enough: \d*\d*\d*\d*\d*年 splits a run of 4,000 digits between its repeats in
# billions of ways before it fails (> 60 s on one cell). Refused in rule files that are not built in; the
# pattern kind also runs a user's patterns with a time limit per call (kinds/_userregex.py, TimedPattern).

POLYNOMIAL = ("正则表达式“{pattern}”可能运行极慢：两个不限次数的重复相邻且能匹配同样的字符（如 \\d*\\d*、"
              "[^，]*\\d+），一段文字在二者之间有许多种分法；请合并为一个重复，或让二者匹配不同的字符 "
              "(polynomial backtracking: adjacent unbounded repeats over overlapping characters)")


def polynomial_hazard(pattern: str, flags: int = 0) -> Optional[str]:
    """Why ``pattern`` can take polynomial time, or None: two repeats of many characters next to each other
    (only what may match nothing between them) that can take the same character."""
    try:
        tree = _sre_parse.parse(pattern, flags)
    except Exception:
        return None  # not a valid pattern: compiling it reports that
    items: list[_Item] = list(tree.data)
    probes = set(_PROBES)
    _collect_probes(items, probes)
    check = _Check(sorted(probes), bool(tree.state.flags & _c.SRE_FLAG_IGNORECASE))
    try:
        found = _adjacent_repeats(check, items)
    except RecursionError:  # groups nested thousands deep: compiling it is refused anyway
        return None
    return POLYNOMIAL.format(pattern=pattern if len(pattern) <= 80 else pattern[:77] + "…") if found else None


def _opened(items: list[_Item]) -> list[_Item]:
    """``items`` with the groups that are not repeated opened up: (\\d+)\\d* is \\d+\\d*."""
    out: list[_Item] = []
    for op, av in items:
        if op == _c.SUBPATTERN:
            out.extend(_opened(list(av[3])))
        else:
            out.append((op, av))
    return out


def _adjacent_repeats(check: _Check, items: list[_Item]) -> bool:
    seen: list[frozenset[str]] = []  # what the wide repeats since the last character-taking item take
    for op, av in _opened(items):
        if op in _REPEATS and av[1] > 10:
            chars = check.chars(check.leaves(list(av[2])))
            if any(not chars.isdisjoint(before) for before in seen):
                return True
            # A repeat that must take a character of its own parts the repeats before it from those after.
            seen = seen + [chars] if check.nullable([(op, av)]) else [chars]
        elif not check.nullable([(op, av)]):
            seen = []
        if any(_adjacent_repeats(check, child) for child in _children(op, av)):
            return True
    return False
